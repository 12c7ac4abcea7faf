// The days a pair's trend turned cooling (app/network/touch.py): those of $gone
// ({contact_id, employee_id, day}) deleted, those of $rows ({contact_id, employee_id, day,
// from, to, touch_since, touch_until: the pair's runs of acquaintance}) created. A pair turns
// cooling at most once a day.
CALL () {
  UNWIND $gone AS old
  MATCH (k:CoolingTurn {contact_id: old.contact_id})
  WHERE k.employee_id = old.employee_id AND k.day = old.day
  DELETE k
}
CALL () {
  UNWIND $rows AS row
  CREATE (:CoolingTurn {contact_id: row.contact_id, employee_id: row.employee_id, day: row.day,
                        from: row.from, to: row.to, touch_since: row.touch_since,
                        touch_until: row.touch_until})
}
