"""A scope's activity over a period against a reference: random activities of three colleagues
with the people of three accounts, counted in Python for each scope and period asked.

The organisation of test_activity_feed: t1 holds a1 (p1, p2) and a3 (r1, a focus account), t2
holds a2 (q1); e1 owns a1, e2 a3, e3 a2."""

from collections import Counter
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from tests.activities.test_activity_feed import graph
from tests.conftest import AUTH, emptied

DAY0 = date(2026, 11, 1)
ACCOUNT = {"p1": "a1", "p2": "a1", "r1": "a3", "q1": "a2"}
SCOPES = {"company": {"a1", "a2", "a3"}, "team:t1": {"a1", "a3"}, "team:t2": {"a2"},
          "employee:e1": {"a1"}, "employee:e2": {"a3"}, "employee:e3": {"a2"}}

activity = st.fixed_dictionaries({
    "day": st.integers(0, 20),
    "type": st.sampled_from(["meeting", "visit", "dinner", "call", "email", "message"]),
    "employee_ids": st.lists(st.sampled_from(["e1", "e2", "e3"]), min_size=1, max_size=3,
                             unique=True),
    "contact_ids": st.lists(st.sampled_from(sorted(ACCOUNT)), min_size=1, max_size=3,
                            unique=True),
})


def tally(acts: list[dict[str, Any]], accounts: set[str]) -> dict[str, Any]:
    met = {c for a in acts for c in a["contact_ids"] if ACCOUNT[c] in accounts}
    return {"activities": len(acts), "contacts": len(met),
            "accounts": len({ACCOUNT[c] for c in met}),
            "by_type": dict(Counter(a["type"] for a in acts))}


def expected(acts: list[dict[str, Any]], scope: str, since: date,
             until: date) -> tuple[dict[str, Any], dict[str, dict[str, Any]], list[str]]:
    """The overall tally, each colleague's (with whether they are the scope's member) and the
    activities' ids."""
    accounts = SCOPES[scope]
    inside = [a for a in acts if since <= DAY0 + timedelta(days=a["day"]) <= until
              and any(ACCOUNT[c] in accounts for c in a["contact_ids"])]
    # A team's members and an employee are listed even when they met nobody.
    members = {"team:t1": {"e1", "e2"}, "team:t2": {"e3"}}.get(
        scope, {scope.removeprefix("employee:")} if scope.startswith("employee:") else set())
    period = [a for a in acts if since <= DAY0 + timedelta(days=a["day"]) <= until]
    colleagues = {e: {**tally([a for a in inside if e in a["employee_ids"]], accounts),
                      "member": e in members,
                      # A member's activities with none of the scope's people.
                      "elsewhere": sum(1 for a in period if e in a["employee_ids"]
                                       and all(ACCOUNT[c] not in accounts
                                               for c in a["contact_ids"]))
                      if e in members else None}
                  for e in members | {e for a in inside for e in a["employee_ids"]}}
    return tally(inside, accounts), colleagues, sorted(a["id"] for a in inside)


def by_account(acts: list[dict[str, Any]], scope: str, since: date,
               until: date) -> list[dict[str, Any]]:
    """Each account of the scope: the period's activities with its people, those people, the
    colleagues at them, and the day its people were last met; the longest unmet first."""
    def day(a: dict[str, Any]) -> date:
        return DAY0 + timedelta(days=a["day"])

    rows = []
    for account in SCOPES[scope]:
        theirs = [a for a in acts if day(a) <= until
                  and any(ACCOUNT[c] == account for c in a["contact_ids"])]
        inside = [a for a in theirs if since <= day(a)]
        rows.append({"account_id": account, "focus": account == "a3",
                     "activities": len(inside),
                     "contacts": len({c for a in inside for c in a["contact_ids"]
                                      if ACCOUNT[c] == account}),
                     "colleagues": len({e for a in inside for e in a["employee_ids"]}),
                     "last_at": max((day(a) for a in theirs), default=None)})
    rows.sort(key=lambda r: (r["last_at"] is not None, r["last_at"] or until, not r["focus"],
                             r["account_id"]))
    return [{**r, "last_at": r["last_at"] and r["last_at"].isoformat()} for r in rows]


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(drawn=st.lists(activity, max_size=25),
       asked=st.lists(st.tuples(st.sampled_from(sorted(SCOPES)), st.integers(0, 20),
                                st.integers(0, 20)), min_size=1, max_size=4))
def test_the_feed_counts_what_the_reference_counts(app_client: TestClient, raw_driver: Driver,
                                                   drawn: list[dict[str, Any]],
                                                   asked: list[tuple[str, int, int]]) -> None:
    client = emptied(app_client, raw_driver)
    acts = [{**a, "id": f"x{i}"} for i, a in enumerate(drawn)]
    document = {**graph(), "activities": [
        {"id": a["id"], "at": (DAY0 + timedelta(days=a["day"])).isoformat(), "type": a["type"],
         "employee_ids": a["employee_ids"], "contact_ids": a["contact_ids"]} for a in acts]}
    assert client.post("/v1/import", json=document, headers=AUTH).status_code == 200
    for scope, first, last in asked:
        since, until = sorted((DAY0 + timedelta(days=first), DAY0 + timedelta(days=last)))
        response = client.get("/v1/activities", headers=AUTH, params={
            "scope": scope, "since": since.isoformat(), "until": until.isoformat(),
            "limit": 100})
        assert response.status_code == 200, response.text
        body = response.json()
        overall, colleagues, ids = expected(acts, scope, since, until)
        assert body["overall"] == overall
        assert body["colleagues_total"] == len(colleagues)
        assert {c.pop("employee_id"): c for c in body["by_colleague"]} == colleagues
        assert sorted(a["id"] for a in body["activities"]) == ids
        assert body["by_account"] == by_account(acts, scope, since, until)
        assert body["accounts_quiet"] == sum(1 for a in body["by_account"] if not a["activities"])
        days = [a["at"] for a in body["activities"]]
        assert days == sorted(days, reverse=True)
        # The scope's members first, each group the most active first.
        counts = [(not c["member"], -c["activities"], -c["contacts"]) for c in body["by_colleague"]]
        assert counts == sorted(counts)
