"""The figures the API reads from KPI pieces and day rollups (the customer line's per-account
figures included) equal figures computed person by person from the raw graph (the key persons'
WORKS_AT edges, employees' INFLUENCES edges and our assessments, as docs/domain.md defines
them), on random graphs after every write of a random sequence: assessments, new and ended
acquaintances, moves, key-person flags."""

from datetime import date
from functools import partial
from statistics import mean
from typing import Any
from unittest.mock import patch

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from neo4j import Driver

from app.config import Settings
from app.db.cypher import q
from app.domain import ATTITUDE_SCORE, Attitude
from app.kpis import company_list, customer_rows, kept, rollups, scope_data
from tests.conftest import AUTH

DAYS = ["2025-03-01", "2025-09-15", "2026-01-10", "2026-02-28", "2026-03-31"]
# Past dates, and today: a key-person flag changed by a write holds from the day it is written.
TODAY = date.today().isoformat()
ASKED = ["2026-03-31", "2025-12-31", "2025-03-01", TODAY]
CONTACTS = [f"c{i}" for i in range(1, 6)]
ACCOUNTS = ["a1", "a2", "a3"]
EMPLOYEES = ["e1", "e2", "e3"]
DEGREES = ("closeness", "solution", "price")

days = st.sampled_from(DAYS)
maybe_day = st.none() | days
attitude = st.none() | st.sampled_from([a.value for a in Attitude])
vote = st.none() | st.booleans()

assess = st.tuples(st.just("assess"), st.sampled_from(CONTACTS), days, attitude, attitude,
                   attitude, vote, vote)
influence = st.tuples(st.just("influence"), st.sampled_from(EMPLOYEES),
                      st.sampled_from(CONTACTS), maybe_day, maybe_day)
end = st.tuples(st.just("end"), st.sampled_from(EMPLOYEES), st.sampled_from(CONTACTS), days)
works = st.tuples(st.just("works"), st.sampled_from(CONTACTS), st.sampled_from(ACCOUNTS),
                  maybe_day, maybe_day)
flip = st.tuples(st.just("flip"), st.sampled_from(CONTACTS), st.booleans(),
                 st.sampled_from(ACCOUNTS))
operations = st.lists(st.one_of(assess, influence, end, works, flip), min_size=1, max_size=6)
people = st.lists(st.tuples(st.sampled_from(ACCOUNTS), st.booleans()),
                  min_size=len(CONTACTS), max_size=len(CONTACTS))


def base(contacts: list[tuple[str, bool]]) -> dict[str, Any]:
    return {
        "accounts": [{"id": a, "name": a} for a in ACCOUNTS],
        "teams": [{"id": "t1", "name": "t1"}, {"id": "t2", "name": "t2"}],
        "employees": [{"id": "e1", "name": "e1", "team_id": "t1"},
                      {"id": "e2", "name": "e2", "team_id": "t1"},
                      {"id": "e3", "name": "e3", "team_id": "t2"}],
        "contacts": [{"id": cid, "name": cid, "account_id": account, "key_person": key}
                     for cid, (account, key) in zip(CONTACTS, contacts, strict=True)],
        "relationships": [{"type": "OWNS", "from": "e1", "to": "a1", "since": "2025-06-01"},
                          {"type": "OWNS", "from": "e2", "to": "a2"},
                          {"type": "OWNS", "from": "e3", "to": "a3"},
                          {"type": "OWNS", "from": "e2", "to": "a3", "since": "2026-02-01"}],
    }


def apply(client: TestClient, op: tuple[Any, ...]) -> None:
    kind = op[0]
    if kind == "assess":
        _, contact, at, closeness, solution, price, veto, approver = op
        doc = {"assessments": [{"contact_id": contact, "at": at, "closeness": closeness,
                                "solution": solution, "price": price, "veto": veto,
                                "approver": approver}]}
    elif kind in ("influence", "works"):
        # An employee INFLUENCES a contact; a contact WORKS_AT an account.
        _, source, target, since, until = op
        if since and until and until <= since:
            since, until = until, None
        doc = {"relationships": [{"type": "INFLUENCES" if kind == "influence" else "WORKS_AT",
                                  "from": source, "to": target, "since": since, "until": until}]}
    elif kind == "flip":
        _, contact, key, account = op
        doc = {"contacts": [{"id": contact, "name": contact, "account_id": account,
                             "key_person": key}]}
    else:
        _, employee, contact, until = op
        ended = client.post("/v1/relationships/end", headers=AUTH, json={
            "type": "INFLUENCES", "from": employee, "to": contact, "until": until})
        assert ended.status_code in (200, 404), ended.text
        return
    written = client.post("/v1/import", headers=AUTH, json=doc)
    assert written.status_code == 200, written.text


def reference(driver: Driver, on: str, team: str | None, keys: list[str]) -> dict[str, Any]:
    """The figures person by person: each key person (`keys`, the contacts flagged so on the
    date) at each account of the scope on the date, acquainted or not, with our latest known
    value of each feature."""
    d = date.fromisoformat(on)
    accounts = None
    if team:
        owned, _, _ = driver.execute_query(
            "MATCH (:Team {id: $team})<-[m:MEMBER_OF]-(:Employee)-[r:OWNS]->(a:Account) "
            "WHERE (m.since IS NULL OR m.since <= $d) AND (m.until IS NULL OR m.until > $d) "
            "AND (r.since IS NULL OR r.since <= $d) AND (r.until IS NULL OR r.until > $d) "
            "RETURN DISTINCT a.id AS id", team=team, d=d, database_="neo4j")
        accounts = [r["id"] for r in owned]
    found, _, _ = driver.execute_query(
        "MATCH (a:Account)<-[w:WORKS_AT]-(c:Contact) "
        "WHERE c.id IN $keys AND (w.since IS NULL OR w.since <= $d) "
        "AND (w.until IS NULL OR w.until > $d) AND ($accounts IS NULL OR a.id IN $accounts) "
        "WITH DISTINCT a.id AS account, c "
        "RETURN account, c.id AS contact, EXISTS { MATCH (c)<-[r:INFLUENCES]-(:Employee) "
        "  WHERE (r.since IS NULL OR r.since <= $d) AND (r.until IS NULL OR r.until > $d) } AS acq, "
        "[(c)-[:HAS_ASSESSMENT]->(x:Assessment) WHERE x.toward = 'us' "
        "  AND x.opportunity_id IS NULL AND x.at <= $d | x {.at, .entered_at, .closeness, "
        "  .solution, .price, .veto, .approver}] AS history "
        "ORDER BY account, contact", d=d, accounts=accounts, keys=keys, database_="neo4j")
    persons = []
    for row in found:
        history = sorted(row["history"], key=lambda x: (x["at"], x["entered_at"]))
        latest: dict[str, Any] = {
            f: next((x[f] for x in reversed(history) if x[f] is not None), None)
            for f in (*DEGREES, "veto", "approver")}
        scores = {f: None if latest[f] is None else ATTITUDE_SCORE[Attitude(latest[f])]
                  for f in DEGREES}
        persons.append({"account": row["account"], "contact": row["contact"], "acq": row["acq"],
                        "scores": scores, "insighted": all(
                            v is not None for v in (*scores.values(), latest["veto"],
                                                    latest["approver"]))})
    return {"persons": persons}


def bucket(score: int | None) -> str:
    if score is None:
        return "unknown"
    return "supportive" if score > 0 else "neutral" if score == 0 else "opposed"


def expected(persons: list[dict[str, Any]], limit: int) -> dict[str, Any]:
    """The figures, and the first `limit` of each list."""
    acquainted = [p for p in persons if p["acq"]]

    def buckets(group: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
        return {d: {b: sum(bucket(p["scores"][d]) == b for p in group)
                    for b in ("supportive", "neutral", "opposed", "unknown")} for d in DEGREES}

    return {"key_persons": len(persons), "acquainted": len(acquainted),
            "insighted": sum(p["insighted"] for p in persons),
            "acquainted_not_insighted": sum(not p["insighted"] for p in acquainted),
            "buckets": buckets(persons), "acquainted_buckets": buckets(acquainted),
            "acquainted_averages": averages(acquainted),
            "lists": {d: {b: [p["contact"] for p in persons
                              if bucket(p["scores"][d]) == b][:limit]
                          for b in ("supportive", "neutral", "opposed", "unknown")}
                      for d in DEGREES},
            "acquainted_lists": {d: {b: [p["contact"] for p in acquainted
                                         if bucket(p["scores"][d]) == b][:limit]
                                     for b in ("supportive", "neutral", "opposed", "unknown")}
                                 for d in DEGREES},
            "not_insighted_list": [p["contact"] for p in persons if not p["insighted"]][:limit],
            "influence_list": sorted((p["contact"], p["account"]) for p in acquainted)[:limit],
            "accounts": per_account(persons, ids=True)}


def averages(group: list[dict[str, Any]]) -> dict[str, float | None]:
    """The mean of each degree's known scores."""
    out = {}
    for degree in DEGREES:
        known = [p["scores"][degree] for p in group if p["scores"][degree] is not None]
        out[degree] = round(mean(known), 10) if known else None
    return out


def per_account(persons: list[dict[str, Any]], *, ids: bool) -> dict[str, dict[str, Any]]:
    """The customer line's figures of each account with key persons: how many, (their ids,)
    and their averages."""
    found = {}
    for account in {p["account"] for p in persons}:
        at = [p for p in persons if p["account"] == account]
        found[account] = {"key_persons": len(at), **averages(at),
                          **({"ids": sorted(p["contact"] for p in at)} if ids else {})}
    return found


# An account listed without key persons a month before.
NONE_BEFORE = {"key_persons": 0, **dict.fromkeys(DEGREES)}


def answered(client: TestClient, on: str, scope: str) -> dict[str, Any]:
    def line(name: str, **page: int) -> dict[str, Any]:
        got = client.get(f"/v1/kpis/{name}", headers=AUTH,
                         params={"as_of": on, "scope": scope, **page})
        assert got.status_code == 200, got.text
        return dict(got.json())

    kp, inf, customers = line("key-persons"), line("influence"), line("customers")
    # What the whole list kept (the list itself, in parts of two accounts) is there for the
    # next one, which reads it with the accounts touched since.
    client.portal.call(kept.settled)  # type: ignore[union-attr]
    # The account list in pages of two (the company's today: from its summary and the accounts
    # written since) is the whole list, and the rest of the line the same.
    pages = [line("customers", offset=offset, limit=2) for offset in (0, 2)]
    assert [a for page in pages for a in page.pop("account_list")] == customers["account_list"]
    rest = {k: v for k, v in customers.items() if k != "account_list"}
    assert all(page == rest for page in pages)

    def ids(lists: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
        return {d: {b: [p["contact_id"] for p in found] for b, found in of_degree.items()}
                for d, of_degree in lists.items()}

    def counts(buckets: dict[str, Any]) -> dict[str, dict[str, int]]:
        return {d: {b: m["value"] for b, m in found.items()} for d, found in buckets.items()}

    assert inf["value_potential"]["denominator"] == kp["key_persons"]["value"]
    return {"key_persons": kp["key_persons"]["value"], "acquainted": inf["acquainted"]["value"],
            "insighted": kp["insighted"]["value"],
            "acquainted_not_insighted": inf["acquainted_not_insighted"]["value"],
            "buckets": counts(kp["buckets"]), "acquainted_buckets": counts(inf["acquainted_buckets"]),
            "acquainted_averages": {d: m["value"] for d, m in inf["acquainted_averages"].items()},
            "lists": ids(kp["lists"]), "acquainted_lists": ids(inf["acquainted_lists"]),
            "not_insighted_list": [p["contact_id"] for p in kp["not_insighted_list"]],
            # The influence list names the account (its name is its id here), not its id.
            "influence_list": [(p["contact_id"], p["company"]) for p in inf["influence_list"]],
            # The customer line's accounts with key persons on the date (the others list none).
            "accounts": {a["account_id"]: {"key_persons": a["key_persons"]["value"],
                                           "ids": a["key_person_ids"],
                                           **{d: a[d]["value"] for d in DEGREES}}
                         for a in customers["account_list"] if a["key_persons"]["value"]},
            # A month before, for the accounts listed (none of them: no key persons then).
            "accounts_before": {a["account_id"]: {"key_persons": a["key_persons"]["previous_month"],
                                                  **{d: a[d]["previous_month"] for d in DEGREES}}
                                for a in customers["account_list"]}}


@examples(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(people, operations, st.sampled_from([0, 10**9]), st.sampled_from([1, 2, 100]),
       st.sampled_from([0, 1, 50]), st.sampled_from([0, 1000]), st.sampled_from([1, 2, 1000]))
def test_figures_equal_the_person_by_person_reference_after_every_write(
        client: TestClient, raw_driver: Driver, settings: Settings,
        contacts: list[tuple[str, bool]], ops: list[tuple[Any, ...]], seek_factor: int,
        limit: int, spans_in_write: int, every_from: int, per_read: int) -> None:
    # The company's lists are read in index order (0) or sought by value (10**9) whatever they
    # hold, cut at their first `limit` or whole: each way gives the reference's. Writes build
    # their accounts' spans or, past `spans_in_write` accounts, leave them pending (read from
    # the pieces); the last check builds those pending, as the company's lines do. Today's
    # per-account figures are read from the spans of every account (0) or from the few
    # accounts' pieces, as past dates' are from the spans. A write reads its contacts' sources
    # `per_read` contacts at a time (the first import names five).
    state = client.app.state  # type: ignore[attr-defined]
    with (patch.object(scope_data, "SEEK_FACTOR", seek_factor),
          patch.object(company_list, "LIST_PART", 2),
          patch.object(rollups, "SPANS_IN_WRITE", spans_in_write),
          patch.object(rollups, "CONTACTS_PER_READ", per_read),
          patch.object(customer_rows, "EVERY_FROM", every_from),
          patch.object(state, "settings", settings.model_copy(update={"list_limit": limit}))):
        check_every_write(client, raw_driver, contacts, ops, limit)


def check_every_write(client: TestClient, raw_driver: Driver, contacts: list[tuple[str, bool]],
                      ops: list[tuple[Any, ...]], limit: int) -> None:
    with raw_driver.session(database="neo4j") as session:
        session.run(q("admin/wipe_data")).consume()
    assert client.post("/v1/import", headers=AUTH, json=base(contacts)).status_code == 200
    # Flags as first written hold since ever; every flip is written today.
    first = {cid: key for cid, (_, key) in zip(CONTACTS, contacts, strict=True)}
    now = dict(first)
    for op in [("none",), *ops, ("build",)]:
        if op[0] == "build":
            graph = client.app.state.graph  # type: ignore[attr-defined]
            client.portal.call(  # type: ignore[union-attr]
                partial(rollups.build_spans, graph, pending_only=True))
            assert not client.portal.call(rollups.pending, graph)  # type: ignore[union-attr]
        elif op[0] != "none":
            apply(client, op)
        if op[0] == "flip":
            now[op[1]] = op[2]
        for on in ASKED:
            month = scope_data.months_before(date.fromisoformat(on), 1).isoformat()

            def keys(day: str) -> list[str]:
                return [c for c, key in (now if day >= TODAY else first).items() if key]

            for scope, team in (("company", None), ("team:t1", "t1")):
                want = expected(reference(raw_driver, on, team, keys(on))["persons"], limit)
                got = answered(client, on, scope)
                then = per_account(reference(raw_driver, month, team, keys(month))["persons"],
                                   ids=False)
                want["accounts_before"] = {a: then.get(a, NONE_BEFORE)
                                           for a in got["accounts_before"]}
                assert got == want, (op, on, scope)
