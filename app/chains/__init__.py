"""Decision chains (决策链) of opportunities: coverage, competitors, blockers, who can unblock."""
