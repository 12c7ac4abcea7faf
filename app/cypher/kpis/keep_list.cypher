// Keeps the company's whole account list (app/kpis/company_list.py) as a company summary under
// $id, as kpis/keep_summary keeps one, naming the version ($version) of the parts of its rows
// written before it (kpis/keep_list_part). The parts of any other version are then dropped
// (kpis/drop_list_parts, in the same transaction).
<<include kpis/keep_summary>>
SET m.list_version = $version
