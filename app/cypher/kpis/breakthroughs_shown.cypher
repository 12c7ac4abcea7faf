// The kept breakthrough lists of the accounts in $states ([account id, the version and the
// length its list was counted at by kpis/breakthroughs_kept, under $epoch and $token]) that are
// still those counted: the lists an answer shows. One row (`lists`: [account id, deals,
// contacts, roles, gaps]); an account missing from it was kept anew since.
WITH $epoch AS epoch, $token AS token
UNWIND $states AS s
MATCH (k:KeptAccount {account_id: s[0]})
WHERE <<breakthrough_held k>> AND k.version = s[1] AND size(k.breakthrough_deals) = s[2]
RETURN collect([k.account_id, k.breakthrough_deals, k.breakthrough_contacts,
                k.breakthrough_roles, k.breakthrough_gaps]) AS lists
