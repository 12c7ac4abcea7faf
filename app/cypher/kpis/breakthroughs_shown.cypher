// The kept breakthrough lists of the accounts in $states ([account id, the version its list
// was counted at by kpis/breakthroughs_kept]) that are still those counted: the lists an
// answer shows. One row (`lists`: [account id, deals, contacts, roles, gaps]); an account
// missing from it was kept anew since.
UNWIND $states AS s
MATCH (b:BreakthroughState {account_id: s[0]})
WHERE b.kept = s[1] AND b.version = s[1] AND b.day = $as_of AND b.rule = $rule
RETURN collect([b.account_id, b.deals, b.contacts, b.roles, b.gaps]) AS lists
