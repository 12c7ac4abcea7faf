// A key person is insighted only when each degree has a score: one recorded as unknown is not
// known. The KPI pieces made before counted it as known; this version's data step builds
// again the pieces of the contacts with such a record, and the spans of their accounts
// (app/data_steps.py).
RETURN 1;
