// A contact's assessments up to $as_of, newest first: how the seven features came to be, each
// on a deal with the deal's account (a contact who moved was assessed on deals elsewhere).
MATCH (:Contact {id: $id})-[:HAS_ASSESSMENT]->(a:Assessment)
WHERE a.at <= $as_of
RETURN a.at AS at, a.toward AS toward, a.opportunity_id AS opportunity_id,
       COLLECT { MATCH (o:Opportunity {id: a.opportunity_id}) RETURN o.account_id }[0]
         AS opportunity_account_id,
       a.closeness AS closeness, a.solution AS solution, a.price AS price,
       a.veto AS veto, a.approver AS approver, a.note AS note,
       a.entered_by_principal AS entered_by_principal,
       a.entered_by_employee AS entered_by_employee, a.entered_at AS entered_at,
       a.source AS source
ORDER BY at DESC, coalesce(entered_at, datetime({epochMillis: 0})) DESC, toward, opportunity_id
LIMIT $limit
