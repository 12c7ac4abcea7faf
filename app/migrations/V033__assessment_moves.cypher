// Each of our assessments keeps what it moved each feature from (closeness_from ... approver_from,
// ingestion/our_assessment_days), which the change feed reads instead of each contact's
// history: this version's data step writes them for the assessments stored before it
// (app/data_steps.py).
RETURN 1;
