// Writes a part of the company's whole account list (app/kpis/company_list.py): the rows of a
// run of its accounts as JSON joined with commas ($rows, UTF-8 bytes, about 0.6 MB at most),
// the $at-th part of the version $version of the list $list. Read only once the summary that
// names the version is kept (kpis/keep_list), in a transaction of its own: a part at a time,
// so that the API never holds more than one packed for the driver.
CREATE (:KeptListPart {list: $list, version: $version, at: $at, rows: $rows})
