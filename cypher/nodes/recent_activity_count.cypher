// Activities with the contact in the window (as_of - window_days, as_of].
MATCH (c:Contact {id: $id})<-[:WITH_CONTACT]-(act:Activity)
WHERE act.at > $as_of - duration({days: $window_days}) AND act.at <= $as_of
RETURN count(act) AS activities
