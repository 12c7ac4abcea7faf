"""Today's breakthrough lists are kept per account once worked out, and read back until a write
may change them (app/kpis/breakthrough.py). Every answer must be the list worked out afresh:
right after each write, and from the kept lists once they are kept.

By hand (today, hop cap 3): the focus deal f1 at a1 has m1 (decision maker, closeness neutral)
and m2 (user, price oppose); f2 at a2 has m3 (approver, closeness oppose). e1 influences x,
who influences m1: m1 is reached over two steps, m2 and m3 by nobody. Then, one write at a time:
x comes to influence m2 as well; f1 moves to a2; x is assessed as opposing us (an opposed
intermediary, so neither member is reached through x any more); e2 comes to know z, who
influences y, whom m3 reports to (three steps); z is assessed as opposing us, then as
supporting us; e2's acquaintance with z ends today.

Then the same against the lists worked out afresh, on random graphs after every write of a
random sequence (edges, acquaintances declared, ended and by activity, assessments general and
for a deal, chain members joining and leaving, deals moving, losing focus and closing)."""

import asyncio
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any, LiteralString
from unittest.mock import patch

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from neo4j import Driver

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Row, create_driver
from app.kpis import breakthrough
from app.kpis import kept as kept_answers
from tests.conftest import AUTH
from tests.transactions import CountingGraph, counted

TODAY = date.today().isoformat()
LONG_AGO = "2025-01-01"


def influence_line(client: TestClient, scope: str = "company") -> dict[str, Any]:
    got = client.get("/v1/kpis/influence", headers=AUTH, params={"scope": scope})
    assert got.status_code == 200, got.text
    return dict(got.json())


Listed = list[tuple[str, str, str, list[str]]]


def shown(client: TestClient, scope: str = "company") -> tuple[Listed, int]:
    """The breakthrough list the influence line shows, and its length."""
    line = influence_line(client, scope)
    return ([(t["contact_id"], t["opportunity_id"], t["account_id"], t["degrees"])
             for t in line["breakthrough"]], line["breakthrough_total"])


def listed(client: TestClient, scope: str = "company") -> Listed:
    found, total = shown(client, scope)
    assert total == len(found)  # every list here is under the limit
    return found


def settled(client: TestClient) -> None:
    """The lists the answers asked to keep are kept."""
    client.portal.call(kept_answers.settled)  # type: ignore[union-attr]


def kept(driver: Driver) -> dict[str, bool]:
    """Each account's state: whether it holds a list kept for today and not stale since."""
    found, _, _ = driver.execute_query(
        "OPTIONAL MATCH (e:KeptEpoch) WITH e "
        "MATCH (k:KeptAccount) RETURN k.account_id AS account, "
        "coalesce(k.breakthrough_day = $today AND k.breakthrough_kept = k.version "
        "AND k.breakthrough_epoch = e.n, false) AS current",
        today=date.today(), database_="neo4j")
    return {r["account"]: r["current"] for r in found}


def write(client: TestClient, doc: dict[str, Any]) -> None:
    written = client.post("/v1/import", headers=AUTH, json=doc)
    assert written.status_code == 200, written.text


def hand_worked() -> dict[str, Any]:
    return {
        "accounts": [{"id": "a1", "name": "华东电网"}, {"id": "a2", "name": "江苏农商银行"},
                     {"id": "a3", "name": "南京地铁"}],
        "employees": [{"id": "e1", "name": "e1"}, {"id": "e2", "name": "e2"}],
        "contacts": [{"id": c, "name": c, "account_id": a, "key_person": True}
                     for c, a in (("m1", "a1"), ("m2", "a1"), ("x", "a3"), ("m3", "a2"),
                                  ("y", "a2"), ("z", "a3"))],
        "opportunities": [{"id": f, "account_id": a, "name": f, "focus": True,
                           "created_at": LONG_AGO} for f, a in (("f1", "a1"), ("f2", "a2"))],
        "relationships": [
            {"type": "IN_DECISION_CHAIN", "from": "m1", "to": "f1", "role": "decision_maker"},
            {"type": "IN_DECISION_CHAIN", "from": "m2", "to": "f1", "role": "user"},
            {"type": "IN_DECISION_CHAIN", "from": "m3", "to": "f2", "role": "approver"},
            {"type": "INFLUENCES", "from": "e1", "to": "x", "since": LONG_AGO},
            {"type": "INFLUENCES", "from": "x", "to": "m1", "since": LONG_AGO}],
        "assessments": [{"contact_id": "m1", "at": LONG_AGO, "closeness": "neutral"},
                        {"contact_id": "m2", "at": LONG_AGO, "price": "oppose"},
                        {"contact_id": "m3", "at": LONG_AGO, "closeness": "oppose"}],
    }


def test_each_write_changes_the_kept_list_it_touches(client: TestClient,
                                                     raw_driver: Driver) -> None:
    write(client, hand_worked())

    def answered(expected: list[tuple[str, str, str, list[str]]]) -> None:
        # Right after the write, and again once it is known applied (kept then); then once
        # more from the lists kept.
        for _ in range(2):
            assert listed(client) == expected
            settled(client)
        assert kept(raw_driver) == {"a1": True, "a2": True, "a3": True}
        assert listed(client) == expected

    # The first answer finds no epoch yet to keep its lists under; the next one keeps them.
    assert listed(client) == [("m1", "f1", "a1", ["closeness"])]
    assert listed(client, "employee:e2") == []  # who owns no account
    settled(client)
    answered([("m1", "f1", "a1", ["closeness"])])

    write(client, {"relationships": [{"type": "INFLUENCES", "from": "x", "to": "m2"}]})
    # a1's list is stale (and x's own account's figures, a3's), a2's is not.
    assert kept(raw_driver) == {"a1": False, "a2": True, "a3": False}
    answered([("m1", "f1", "a1", ["closeness"]), ("m2", "f1", "a1", ["price"])])

    write(client, {"opportunities": [{"id": "f1", "account_id": "a2", "name": "f1",
                                      "focus": True, "created_at": LONG_AGO}]})
    assert kept(raw_driver) == {"a1": False, "a2": False, "a3": True}  # the old account too
    answered([("m1", "f1", "a2", ["closeness"]), ("m2", "f1", "a2", ["price"])])

    # x opposes us: the paths through x are avoided. a1 is kept as it was.
    write(client, {"assessments": [{"contact_id": "x", "at": TODAY, "closeness": "oppose"}]})
    assert kept(raw_driver) == {"a1": True, "a2": False, "a3": False}
    answered([])

    # e2 reaches m3 over three steps: e2 -> z -> y, whom m3 reports to.
    write(client, {"relationships": [
        {"type": "INFLUENCES", "from": "e2", "to": "z", "since": LONG_AGO},
        {"type": "INFLUENCES", "from": "z", "to": "y"},
        {"type": "REPORTS_TO", "from": "m3", "to": "y"}]})
    answered([("m3", "f2", "a2", ["closeness"])])

    # What is written of z, two steps from m3, changes m3's deal's list.
    write(client, {"assessments": [{"contact_id": "z", "at": TODAY, "closeness": "oppose"}]})
    assert kept(raw_driver) == {"a1": True, "a2": False, "a3": False}
    answered([])
    write(client, {"assessments": [{"contact_id": "z", "at": TODAY, "closeness": "support"}]})
    answered([("m3", "f2", "a2", ["closeness"])])

    ended = client.post("/v1/relationships/end", headers=AUTH, json={
        "type": "INFLUENCES", "from": "e2", "to": "z", "until": TODAY})
    assert ended.status_code == 200, ended.text
    assert kept(raw_driver) == {"a1": True, "a2": False, "a3": False}
    answered([])


def test_a_large_write_makes_every_kept_list_stale(client: TestClient, raw_driver: Driver) -> None:
    write(client, hand_worked())
    listed(client)
    settled(client)
    listed(client)
    settled(client)
    assert all(kept(raw_driver).values())
    # More ids than are followed one by one, with x coming to influence m2.
    write(client, {"employees": [{"id": f"n{i}", "name": f"n{i}"}
                                 for i in range(kept_answers.STALE_IDS_MAX + 1)],
                   "relationships": [{"type": "INFLUENCES", "from": "x", "to": "m2"}]})
    assert not any(kept(raw_driver).values())
    expected = [("m1", "f1", "a1", ["closeness"]), ("m2", "f1", "a1", ["price"])]
    assert listed(client) == expected
    settled(client)
    assert all(kept(raw_driver).values())
    assert listed(client) == expected


def test_an_activity_moved_away_from_a_contact_it_still_has_changes_the_kept_list(
        client: TestClient) -> None:
    # e1 met m (a member of f1 at a1, closeness neutral) and x (at a2) today: e1 reaches m.
    meeting = {"id": "act", "at": TODAY, "type": "meeting", "employee_ids": ["e1"],
               "contact_ids": ["m", "x"]}
    write(client, {
        "accounts": [{"id": "a1", "name": "a1"}, {"id": "a2", "name": "a2"}],
        "employees": [{"id": "e1", "name": "e1"}],
        "contacts": [{"id": "m", "name": "m", "account_id": "a1", "key_person": True},
                     {"id": "x", "name": "x", "account_id": "a2", "key_person": True}],
        "opportunities": [{"id": "f1", "account_id": "a1", "name": "f1", "focus": True,
                           "created_at": LONG_AGO}],
        "relationships": [{"type": "IN_DECISION_CHAIN", "from": "m", "to": "f1",
                           "role": "user"}],
        "assessments": [{"contact_id": "m", "at": LONG_AGO, "closeness": "neutral"}],
        "activities": [meeting]})
    listed(client)
    settled(client)
    assert listed(client) == [("m", "f1", "a1", ["closeness"])]
    settled(client)
    # The meeting was long ago, and named with x only: it keeps m (an import removes no one),
    # whose acquaintance with e1 it no longer makes.
    write(client, {"activities": [{**meeting, "at": LONG_AGO, "contact_ids": ["x"]}]})
    assert listed(client) == []


def test_a_past_date_is_worked_out_and_not_kept(client: TestClient, raw_driver: Driver) -> None:
    write(client, hand_worked())
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    for _ in range(2):
        got = client.get("/v1/kpis/influence", headers=AUTH, params={"as_of": yesterday})
        assert [t["contact_id"] for t in got.json()["breakthrough"]] == ["m1"]
    settled(client)
    assert not any(kept(raw_driver).values())  # the states the import made stale, no more


def test_a_list_kept_under_other_settings_is_worked_out_again(
        client: TestClient, raw_driver: Driver, settings: Settings) -> None:
    write(client, hand_worked())
    listed(client)
    settled(client)
    listed(client)
    settled(client)
    # With a hop cap of 1, x's colleague e1 no longer reaches m1 over two steps.
    one_hop = settings.model_copy(update={"path_max_hops_default": 1})
    (found, total), _ = counted(one_hop, lambda graph: breakthrough.targets(
        graph, one_hop, ["a1", "a2"], date.today(), 100))
    assert found == [] and total == 0
    assert listed(client) == [("m1", "f1", "a1", ["closeness"])]


# Random graphs: four contacts at three accounts, two focus deals and one that is not; at first
# three of the contacts are breakthroughs (c4 is unknown on every degree).
CONTACTS = ["c1", "c2", "c3", "c4"]
ACCOUNTS = ["a1", "a2", "a3"]
DEALS = ["f1", "f2", "g1"]
EMPLOYEES = ["e1", "e2"]
DAYS = [LONG_AGO, TODAY]
attitude = st.none() | st.sampled_from(["strong_support", "support", "neutral", "oppose",
                                        "strong_oppose"])
maybe_deal = st.none() | st.sampled_from(DEALS)
contact = st.sampled_from(CONTACTS)

edge = st.tuples(st.just("edge"), st.sampled_from(["INFLUENCES", "REPORTS_TO"]), contact, contact)
reach = st.tuples(st.just("reach"), st.sampled_from(EMPLOYEES), contact, maybe_deal)
end = st.tuples(st.just("end"), st.sampled_from(EMPLOYEES), contact)
assess = st.tuples(st.just("assess"), contact, maybe_deal, st.sampled_from(DAYS), attitude,
                   attitude, attitude)
member = st.tuples(st.just("member"), contact, st.sampled_from(DEALS),
                   st.sampled_from(["decision_maker", "approver", "evaluator", "user"]))
leave = st.tuples(st.just("leave"), contact, st.sampled_from(DEALS))
deal = st.tuples(st.just("deal"), st.sampled_from(DEALS), st.booleans(), st.sampled_from(ACCOUNTS),
                 st.sampled_from(["open", "won"]))
touch = st.tuples(st.just("touch"), st.sampled_from(EMPLOYEES), contact)
operations = st.lists(st.one_of(edge, reach, end, assess, member, leave, deal, touch),
                      min_size=1, max_size=8)
homes = st.lists(st.sampled_from(ACCOUNTS), min_size=len(CONTACTS), max_size=len(CONTACTS))


def random_base(accounts: list[str]) -> dict[str, Any]:
    return {
        "accounts": [{"id": a, "name": a} for a in ACCOUNTS],
        "teams": [{"id": "t1", "name": "t1"}],
        "employees": [{"id": "e1", "name": "e1", "team_id": "t1"}, {"id": "e2", "name": "e2"}],
        "contacts": [{"id": c, "name": c, "account_id": a, "key_person": True}
                     for c, a in zip(CONTACTS, accounts, strict=True)],
        "opportunities": [{"id": f, "account_id": a, "name": f, "focus": f != "g1",
                           "created_at": LONG_AGO} for f, a in zip(DEALS, ACCOUNTS, strict=True)],
        "relationships": [{"type": "OWNS", "from": "e1", "to": "a1"},
                          {"type": "OWNS", "from": "e1", "to": "a2"},
                          {"type": "OWNS", "from": "e2", "to": "a3"},
                          chain("c1", "f1", "user"), chain("c2", "f1", "decision_maker"),
                          chain("c3", "f2", "approver"), chain("c4", "f2", "user"),
                          {"type": "INFLUENCES", "from": "e1", "to": "c4", "since": LONG_AGO},
                          {"type": "INFLUENCES", "from": "c4", "to": "c1"},
                          {"type": "REPORTS_TO", "from": "c2", "to": "c4"},
                          {"type": "INFLUENCES", "from": "e2", "to": "c3", "since": LONG_AGO,
                           "opportunity_id": "f2"}],
        "assessments": [{"contact_id": "c1", "at": LONG_AGO, "closeness": "neutral"},
                        {"contact_id": "c2", "at": LONG_AGO, "price": "oppose"},
                        {"contact_id": "c3", "at": LONG_AGO, "closeness": "support",
                         "solution": "neutral"}],
    }


def chain(contact: str, deal: str, role: str) -> dict[str, Any]:
    return {"type": "IN_DECISION_CHAIN", "from": contact, "to": deal, "role": role}


def apply(client: TestClient, op: tuple[Any, ...], step: int) -> None:
    kind = op[0]
    if kind == "edge":
        _, rel, source, target = op
        if source == target:
            return
        if rel == "REPORTS_TO" and CONTACTS.index(source) > CONTACTS.index(target):
            # Lines run up the list only, as the base's c2 -> c4: an org chart has no loops
            # (a loop is refused).
            source, target = target, source
        doc: dict[str, Any] = {"relationships": [{"type": rel, "from": source, "to": target}]}
    elif kind == "reach":
        _, employee, target, on = op
        doc = {"relationships": [{"type": "INFLUENCES", "from": employee, "to": target,
                                  "opportunity_id": on, "since": LONG_AGO}]}
    elif kind in ("end", "leave"):
        source, target = op[1], op[2]
        ended = client.post("/v1/relationships/end", headers=AUTH, json={
            "type": "INFLUENCES" if kind == "end" else "IN_DECISION_CHAIN", "from": source,
            "to": target, "until": TODAY})
        assert ended.status_code in (200, 404), ended.text
        return
    elif kind == "assess":
        _, target, on, at, closeness, solution, price = op
        closeness = closeness or ("neutral" if solution is None and price is None else None)
        doc = {"assessments": [{"contact_id": target, "opportunity_id": on, "at": at,
                                "closeness": closeness, "solution": solution, "price": price}]}
    elif kind == "member":
        _, target, on, role = op
        doc = {"relationships": [{"type": "IN_DECISION_CHAIN", "from": target, "to": on,
                                  "role": role}]}
    elif kind == "deal":
        _, on, focus, account, status = op
        doc = {"opportunities": [{"id": on, "account_id": account, "name": on, "focus": focus,
                                  "created_at": LONG_AGO, "status": status,
                                  "closed_at": TODAY if status == "won" else None}]}
    else:
        _, employee, target = op
        doc = {"activities": [{"id": f"m{step}", "at": TODAY, "type": "meeting",
                               "employee_ids": [employee], "contact_ids": [target]}]}
    write(client, doc)


def worked_out(settings: Settings) -> list[tuple[str, str, str, list[str]]]:
    found, _ = counted(settings, lambda graph: breakthrough.worked_out(
        graph, settings, ACCOUNTS, date.today()))
    return [(t.contact_id, t.opportunity_id, t.account_id, t.degrees) for t in found]


@pytest.mark.timeout(900)
@examples(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(homes, operations, st.sampled_from([1, 2, 100]))
def test_every_answer_is_the_list_worked_out_afresh(
        client: TestClient, raw_driver: Driver, settings: Settings, accounts: list[str],
        ops: list[tuple[Any, ...]], limit: int) -> None:
    # The list cut at its first `limit` (only the kept lists shown are read whole) or not.
    state = client.app.state  # type: ignore[attr-defined]
    with patch.object(state, "settings", settings.model_copy(update={"list_limit": limit})):
        check_every_write(client, raw_driver, settings, accounts, ops, limit)


def each_write(client: TestClient, raw_driver: Driver, accounts: list[str],
               ops: list[tuple[Any, ...]]) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """A property test's example: the graph emptied, the random graph written, then each write
    of `ops` in turn; the step and the write after the graph and after each write."""
    with raw_driver.session(database="neo4j") as session:
        session.run(q("admin/wipe_data")).consume()
    write(client, random_base(accounts))
    for step, op in enumerate([("none",), *ops]):
        if op[0] != "none":
            apply(client, op, step)
        yield step, op


def in_action_lists(client: TestClient) -> Listed:
    """The breakthroughs of every account's action list (app/strategy/service.py)."""
    found = []
    for account in ACCOUNTS:
        got = client.get(f"/v1/accounts/{account}/actions", headers=AUTH)
        assert got.status_code == 200, got.text
        found += [(a["contact_id"], a["opportunity_id"], account, a["gaps"])
                  for a in got.json()["actions"] if a["principle"] == "breakthrough"]
    return sorted(found)


def check_every_write(client: TestClient, raw_driver: Driver, settings: Settings,
                      accounts: list[str], ops: list[tuple[Any, ...]], limit: int) -> None:
    for step, op in each_write(client, raw_driver, accounts, ops):
        fresh = worked_out(settings)
        assert sorted(fresh) == in_action_lists(client), (step, op)
        team = [t for t in fresh if t[2] in ("a1", "a2")]  # t1's accounts, e1's
        # Right after the write, then from the lists kept by that answer.
        for _ in range(2):
            assert shown(client) == (fresh[:limit], len(fresh)), (step, op)
            assert shown(client, "team:t1") == (team[:limit], len(team)), (step, op)
            settled(client)
        assert all(kept(raw_driver).values()), (step, op)


def test_a_list_kept_anew_between_its_count_and_its_read_is_worked_out_again(
        client: TestClient, raw_driver: Driver, settings: Settings) -> None:
    write(client, hand_worked())
    write(client, {"relationships": [{"type": "INFLUENCES", "from": "x", "to": "m2"}]})
    listed(client)
    settled(client)
    listed(client)
    settled(client)

    class KeptMeanwhile(CountingGraph):
        async def read_one(self, query: LiteralString, **params: Any) -> Row | None:
            found = await super().read_one(query, **params)
            if query == q("kpis/breakthroughs_kept"):
                # Another answer keeps a1's list again, after a write, as this one counts it.
                raw_driver.execute_query(
                    "MATCH (k:KeptAccount {account_id: 'a1'}) SET k.version = k.version + 1, "
                    "k.breakthrough_kept = k.version + 1, k.breakthrough_deals = [], "
                    "k.breakthrough_contacts = [], k.breakthrough_roles = [], "
                    "k.breakthrough_gaps = []", database_="neo4j")
            return found

    async def run() -> tuple[list[breakthrough.Target], int]:
        driver = create_driver(settings)
        try:
            return await breakthrough.targets(KeptMeanwhile(driver, settings), settings,
                                              ["a1", "a2"], date.today(), 1)
        finally:
            await driver.close()

    found, total = asyncio.run(run())
    assert [(t.contact_id, t.opportunity_id) for t in found] == [("m1", "f1")]
    assert total == 2


def company_targets(settings: Settings) -> tuple[tuple[Listed, int], list[tuple[str, Row]]]:
    """The company's breakthrough list and length as breakthrough.targets answers them, and
    the reads of what is kept it made (query file, its row)."""
    reads: list[tuple[str, Row]] = []
    names = {q(name): name for name in ("kpis/kept_counts", "kpis/breakthrough_summary",
                                        "kpis/breakthroughs_kept")}

    class Recording(CountingGraph):
        async def read(self, query: LiteralString, *, timeout_s: float | None = None,
                       **params: Any) -> list[Row]:
            found = await super().read(query, timeout_s=timeout_s, **params)
            if query in names and found:
                reads.append((names[query], found[0]))
            return found

    async def run() -> tuple[list[breakthrough.Target], int]:
        driver = create_driver(settings)
        try:
            graph = Recording(driver, settings)
            found = await breakthrough.targets(graph, settings, None, date.today(), 100)
            await kept_answers.settled()
            await graph.settle()
            return found
        finally:
            await driver.close()

    found, total = asyncio.run(run())
    return ([(t.contact_id, t.opportunity_id, t.account_id, t.degrees) for t in found],
            total), reads


def read_past_summary(reads: list[tuple[str, Row]]) -> tuple[list[str], list[str]]:
    """The accounts an answer read past the company's summary (those touched since), and those
    among them it worked out (stale): it read the summary, not every account's list."""
    assert [name for name, _ in reads] == ["kpis/kept_counts", "kpis/breakthrough_summary"]
    past = reads[1][1]
    return sorted(past["touched"]), sorted(a for a, _ in past["stale"])


def test_the_company_list_reads_only_the_accounts_written_since_its_summary(
        client: TestClient, raw_driver: Driver, settings: Settings) -> None:
    write(client, hand_worked())
    first = [("m1", "f1", "a1", ["closeness"])]
    # No summary yet: every account's kept list is read, and the summary kept.
    found, reads = company_targets(settings)
    assert found == (first, 1)
    assert [name for name, _ in reads] == ["kpis/kept_counts", "kpis/breakthroughs_kept"]
    assert reads[0][1]["content"] == []  # no summary kept: no part
    # From the summary: past it, only the accounts of the latest write (the import), which the
    # first answer did not keep (the import was not known applied when it read them): worked
    # out again and kept with a summary as of the import, past which nothing is read.
    found, reads = company_targets(settings)
    assert found == (first, 1)
    assert read_past_summary(reads) == (["a1", "a2", "a3"], ["a1", "a2", "a3"])
    found, reads = company_targets(settings)
    assert found == (first, 1)
    assert read_past_summary(reads) == ([], [])

    # x comes to influence m2: a1 (the deal's) and a3 (x's) are touched, a2 is not.
    write(client, {"relationships": [{"type": "INFLUENCES", "from": "x", "to": "m2"}]})
    found, reads = company_targets(settings)
    both = [("m1", "f1", "a1", ["closeness"]), ("m2", "f1", "a1", ["price"])]
    assert found == (both, 2)
    assert read_past_summary(reads)[1] == ["a1", "a3"]
    # Past the summary that answer read, that write's accounts, worked out again now that the
    # write is known applied; then nothing.
    found, reads = company_targets(settings)
    assert found == (both, 2)
    assert read_past_summary(reads) == (["a1", "a3"], ["a1", "a3"])
    found, reads = company_targets(settings)
    assert found == (both, 2)
    assert read_past_summary(reads) == ([], [])

    # f2 gains a member reached through x at a2: a2's list, not in the summary before.
    write(client, {"relationships": [
        {"type": "INFLUENCES", "from": "x", "to": "y"},
        {"type": "IN_DECISION_CHAIN", "from": "y", "to": "f2", "role": "user"}],
        "assessments": [{"contact_id": "y", "at": LONG_AGO, "solution": "oppose"}]})
    expected = [*both, ("y", "f2", "a2", ["solution"])]
    found, reads = company_targets(settings)
    assert found == (expected, 3)
    assert "a2" in read_past_summary(reads)[1]
    assert company_targets(settings)[0] == (expected, 3)
    assert listed(client) == expected

    # A summary kept under other settings does not hold: every account is read again (with a
    # hop cap of 1, no employee reaches a member).
    one_hop = settings.model_copy(update={"path_max_hops_default": 1})
    found, reads = company_targets(one_hop)
    assert found == ([], 0)
    assert [name for name, _ in reads] == ["kpis/kept_counts", "kpis/breakthroughs_kept"]

    # A write by an older version of the API (still running during an upgrade) numbers itself
    # but marks no account touched: no summary holds then, every account is read again.
    company_targets(settings)
    assert [name for name, _ in company_targets(settings)[1]] == [
        "kpis/kept_counts", "kpis/breakthrough_summary"]
    raw_driver.execute_query("MATCH (e:KeptEpoch {id: 'kept'}) SET e.writes = e.writes + 1",
                             database_="neo4j")
    found, reads = company_targets(settings)
    assert found == (expected, 3)
    assert [name for name, _ in reads] == ["kpis/kept_counts", "kpis/breakthroughs_kept"]


def test_a_graph_without_accounts_has_empty_company_lines(client: TestClient) -> None:
    """A new install before its first import: every read of what is kept still answers one
    row (an aggregate over no accounts), and the lines are empty, not an error."""
    for line, params in (("influence", {}), ("customers", {}), ("customers", {"limit": 10}),
                         ("key-persons", {})):
        for _ in range(2):  # worked out, then from what the first kept
            got = client.get(f"/v1/kpis/{line}", headers=AUTH,
                             params={"scope": "company", **params})
            assert got.status_code == 200, (line, got.text)
    influence = client.get("/v1/kpis/influence", headers=AUTH, params={"scope": "company"}).json()
    assert influence["breakthrough"] == [] and influence["breakthrough_total"] == 0
