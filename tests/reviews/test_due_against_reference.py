"""The review due list must equal the cadence applied to the assessment history, however the
documents that wrote it arrive (the last days per feature are kept on each contact at write
time, and read from the assessments for a day before the latest of them).

Reference: the generated assessments replayed in Python (the last import of a key wins)."""

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from tests.conftest import AUTH, assessed_in_turn, said_on_the_day

DAY0 = date(2026, 1, 1)
CONTACTS = ["c0", "c1", "c2", "c3"]
FEATURES = ("closeness", "solution", "price", "veto", "approver")
# The default cadence: closeness 30 days, the rest 90 (importance from the day it was judged).
EVERY = {"closeness": 30, "solution": 90, "price": 90, "veto": 90, "approver": 90,
         "importance": 90}
JUDGED = {"c1": DAY0 + timedelta(days=5), "c2": DAY0 + timedelta(days=70)}

BASE = {
    "accounts": [{"id": "a1", "name": "客户"}, {"id": "a2", "name": "客户二"}],
    "competitors": [{"id": "k1", "name": "对手"}],
    "contacts": [{"id": c, "account_id": "a1" if c < "c2" else "a2", "name": c,
                  "key_person": True,
                  **({"importance": "position", "importance_at": JUDGED[c].isoformat()}
                     if c in JUDGED else {})} for c in CONTACTS],
    "opportunities": [{"id": "o1", "account_id": "a1", "name": "项目"}],
}

assessment = st.fixed_dictionaries({
    "contact_id": st.sampled_from(CONTACTS[:3]),  # c3 never assessed
    "at": st.integers(0, 120).map(lambda d: (DAY0 + timedelta(days=d)).isoformat()),
    "toward": st.sampled_from(["us", "us", "k1"]),
    "opportunity_id": st.sampled_from([None, None, "o1"]),
    "closeness": st.none() | st.just("support"),
    "solution": st.none() | st.just("neutral"),
    "price": st.none() | st.just("oppose"),
    "veto": st.none() | st.booleans(),
    "approver": st.none() | st.booleans(),
})


def key(a: dict[str, Any]) -> tuple[Any, ...]:
    return a["contact_id"], a["at"], a["toward"], a["opportunity_id"]


def expected(documents: list[list[dict[str, Any]]],
             as_of: date) -> list[tuple[str, bool, str | None, list[tuple[str, str | None]]]]:
    """Each key person due on `as_of`: id, never assessed, last assessed, features due with
    their due days; never assessed first, then a feature due at once, then the earliest due
    day, then account and id."""
    final: dict[tuple[Any, ...], dict[str, Any]] = {}
    for document in documents:
        for a in document:
            final[key(a)] = said_on_the_day(final.get(key(a)), a)
    rows = []
    for contact in CONTACTS:
        ours = [a for a in final.values() if a["contact_id"] == contact and a["toward"] == "us"
                and date.fromisoformat(a["at"]) <= as_of]
        last: dict[str, date | None] = {
            f: max((date.fromisoformat(a["at"]) for a in ours if a[f] is not None), default=None)
            for f in FEATURES}
        judged = JUDGED.get(contact)
        last["importance"] = judged if judged and judged <= as_of else None
        owed = [(f, None if day is None else day + timedelta(days=EVERY[f]))
                for f, day in last.items()
                if day is None or day + timedelta(days=EVERY[f]) <= as_of]
        if not owed:
            continue
        any_day = max((date.fromisoformat(a["at"]) for a in ours), default=None)
        first_due = min(due or date.min for _, due in owed)
        account = "a1" if contact < "c2" else "a2"
        rows.append(((any_day is not None, first_due, account, contact),
                     (contact, any_day is None, None if any_day is None else any_day.isoformat(),
                      [(f, None if due is None else due.isoformat()) for f, due in owed])))
    return [row for _, row in sorted(rows)]


def listed(client: TestClient,
           as_of: date) -> list[tuple[str, bool, str | None, list[tuple[str, str | None]]]]:
    response = client.get("/v1/reviews/due", headers=AUTH,
                          params={"scope": "company", "as_of": as_of.isoformat()})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["key_persons"])
    return [(p["contact_id"], p["never_assessed"], p["last_assessed"],
             [(f["feature"], f["due_on"]) for f in p["features_due"]])
            for p in body["key_persons"]]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(documents=st.lists(st.lists(assessment, max_size=10), min_size=1, max_size=4),
       days=st.lists(st.integers(-1, 250), min_size=1, max_size=4))
def test_the_due_list_equals_the_cadence_over_the_history_after_any_sequence_of_imports(
        client: TestClient, raw_driver: Driver, documents: list[list[dict[str, Any]]],
        days: list[int]) -> None:
    unique = assessed_in_turn(client, raw_driver, BASE, documents)
    # Besides the days drawn, the eve of each day assessed: the last days kept on a contact
    # hold only from the latest of them on.
    eves = {date.fromisoformat(a["at"]) - timedelta(days=1) for d in unique for a in d}
    for as_of in sorted({DAY0 + timedelta(days=day) for day in days} | eves):
        assert listed(client, as_of) == expected(unique, as_of)
