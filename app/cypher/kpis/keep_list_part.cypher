// Writes a part of a company's whole account list kept (app/kpis/company_list.py): the rows of
// a run of its accounts as JSON joined with commas ($rows, UTF-8 bytes, about 0.6 MB at most),
// the $at-th part of the version $version of the list $list, with when it was written (parts
// no summary names are dropped once they are older than a keep takes: kpis/drop_list_parts).
// Read only once the summary that names the version is kept (kpis/keep_list), in a transaction
// of its own: a part at a time, so that the API never holds more than one packed for the driver.
CREATE (:KeptListPart {list: $list, version: $version, at: $at, rows: $rows,
                       written_at: datetime()})
