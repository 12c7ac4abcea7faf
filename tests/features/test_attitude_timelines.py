"""Our general attitudes as of a date come from timelines kept on each contact; they must equal
the latest known value per feature in the assessment history, however documents arrive; on a
deal, that deal's own latest known values win.

Reference: the generated assessments replayed in Python (a later import of a key merges into
it as a JSON merge patch: a field sent is set, null takes it back, one left out stays)."""

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from app.db.cypher import q
from app.domain import US
from tests.conftest import AUTH, assessed_in_turn, said_on_the_day

DAY0 = date(2026, 1, 1)
CONTACTS = ["c0", "c1", "c2"]
FEATURES = ("closeness", "solution", "price", "veto", "approver")
ATTITUDES = ["strong_support", "support", "neutral", "oppose", "strong_oppose"]

BASE = {
    "accounts": [{"id": "a1", "name": "客户"}],
    "competitors": [{"id": "k1", "name": "对手"}],
    "contacts": [{"id": c, "account_id": "a1", "name": c} for c in CONTACTS],
    "opportunities": [{"id": "o1", "account_id": "a1", "name": "项目"}],
}

# A feature may be left out (kept as said that day) or sent as null (taken back).
assessment = st.fixed_dictionaries({
    "contact_id": st.sampled_from(CONTACTS),
    "at": st.integers(0, 40).map(lambda d: (DAY0 + timedelta(days=d)).isoformat()),
    "toward": st.sampled_from(["us", "us", "k1"]),
    "opportunity_id": st.sampled_from([None, None, "o1"]),
}, optional={
    "closeness": st.none() | st.sampled_from(ATTITUDES),
    "solution": st.none() | st.sampled_from(ATTITUDES),
    "price": st.none() | st.sampled_from(ATTITUDES),
    "veto": st.none() | st.booleans(),
    "approver": st.none() | st.booleans(),
})


def key(a: dict[str, Any]) -> tuple[Any, ...]:
    return a["contact_id"], a["at"], a["toward"], a["opportunity_id"]


def expected(documents: list[list[dict[str, Any]]], as_of: date,
             opportunity_id: str | None = None) -> dict[str, dict[str, Any]]:
    """The latest known value per feature of our general assessments; with a deal, the
    latest of that deal's own assessments wins where it knows the feature."""
    final: dict[tuple[Any, ...], dict[str, Any]] = {}
    for document in documents:
        for a in document:
            final[key(a)] = said_on_the_day(final.get(key(a)), a)

    def latest(deal: str | None) -> dict[str, dict[str, Any]]:
        history = sorted((a for a in final.values()
                          if a["toward"] == "us" and a["opportunity_id"] == deal
                          and date.fromisoformat(a["at"]) <= as_of), key=lambda a: a["at"])
        known: dict[str, dict[str, Any]] = {}
        for a in history:
            values = known.setdefault(a["contact_id"], dict.fromkeys(FEATURES))
            for feature in FEATURES:
                if a[feature] is not None:
                    values[feature] = a[feature]
        return known

    general, own = latest(None), latest(opportunity_id) if opportunity_id else {}
    out = {c: {f: own.get(c, {}).get(f) if own.get(c, {}).get(f) is not None
               else general.get(c, {}).get(f) for f in FEATURES}
           for c in {*general, *own}}
    return {c: v for c, v in out.items() if any(x is not None for x in v.values())}


def stored(driver: Driver, as_of: date,
           opportunity_id: str | None = None) -> dict[str, dict[str, Any]]:
    records, _, _ = driver.execute_query(q("features/our_attitudes"), contact_ids=CONTACTS,
                                         as_of=as_of, us=US, opportunity_id=opportunity_id,
                                         database_="neo4j")
    return {r["contact_id"]: {f: r[f] for f in FEATURES} for r in records[0]["rows"]}


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(documents=st.lists(st.lists(assessment, max_size=12), min_size=1, max_size=4),
       days=st.lists(st.integers(-1, 42), min_size=1, max_size=4))
def test_timelines_equal_the_history_after_any_sequence_of_imports(
        client: TestClient, raw_driver: Driver, documents: list[list[dict[str, Any]]],
        days: list[int]) -> None:
    unique = assessed_in_turn(client, raw_driver, BASE, documents)
    for day in days:
        as_of = DAY0 + timedelta(days=day)
        for deal in (None, "o1"):
            assert stored(raw_driver, as_of, deal) == expected(unique, as_of, deal)


def test_hand_worked_timeline(client: TestClient, raw_driver: Driver) -> None:
    """Support in January, a general price objection in February, a deal-only opposition and a
    competitor's view that must not count, then closeness corrected by re-importing January (the
    veto said that day stays: the correction leaves it out), then the veto taken back."""
    client.post("/v1/import", json=BASE, headers=AUTH)
    client.post("/v1/import", headers=AUTH, json={"assessments": [
        {"contact_id": "c0", "at": "2026-01-10", "closeness": "support", "veto": True},
        {"contact_id": "c0", "at": "2026-02-10", "price": "oppose"},
        {"contact_id": "c0", "at": "2026-02-20", "opportunity_id": "o1", "closeness": "oppose"},
        {"contact_id": "c0", "at": "2026-02-25", "toward": "k1", "closeness": "strong_support"},
    ]})
    assert stored(raw_driver, date(2026, 1, 9)) == {}
    assert stored(raw_driver, date(2026, 2, 28)) == {"c0": {
        "closeness": "support", "solution": None, "price": "oppose", "veto": True,
        "approver": None}}
    # On deal o1 its own opposition of 02-20 wins over the general support; the rest is general.
    assert stored(raw_driver, date(2026, 2, 28), "o1") == {"c0": {
        "closeness": "oppose", "solution": None, "price": "oppose", "veto": True,
        "approver": None}}
    assert stored(raw_driver, date(2026, 2, 19), "o1")["c0"]["closeness"] == "support"
    client.post("/v1/import", headers=AUTH, json={"assessments": [
        {"contact_id": "c0", "at": "2026-01-10", "closeness": "neutral"}]})
    assert stored(raw_driver, date(2026, 1, 31)) == {"c0": {
        "closeness": "neutral", "solution": None, "price": None, "veto": True, "approver": None}}
    client.post("/v1/import", headers=AUTH, json={"assessments": [
        {"contact_id": "c0", "at": "2026-01-10", "veto": None}]})
    assert stored(raw_driver, date(2026, 1, 31)) == {"c0": {
        "closeness": "neutral", "solution": None, "price": None, "veto": None, "approver": None}}
