// KPI pieces by the day their span ends: the company's lists and per-account figures read the
// pieces valid on a date, and most pieces ended long before it (a key person has a piece for
// every run of days with the same state), so they are found from this index, not by a scan.
CREATE INDEX kpi_piece_until IF NOT EXISTS FOR (n:KpiPiece) ON (n.until);
// A deal's own assessments of a contact (features/our_attitudes): few, and found directly,
// where reading every assessment of the deal's members to find them cost more than the rest of
// a decision chain's attitudes.
CREATE INDEX assessment_deal_contact IF NOT EXISTS FOR (n:Assessment) ON (n.opportunity_id, n.contact_id);
