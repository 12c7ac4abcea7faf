"""The company's won deals are kept until a write names a deal (app/kpis/scope_data.py
won_deals): every answer must be the one worked out afresh, right after each write and from
what was kept. On random graphs after every write of a random sequence: deals won, lost or
reopened with other amounts, currencies, dates and accounts; employees' influence LEVERAGED on
them, declared and ended; exchange rates; and writes that name no deal (assessments), which
keep what is kept."""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from neo4j import Driver

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Row
from app.kpis import kept, scope_data
from app.kpis.scope_data import months_before, with_history
from tests.conftest import AUTH
from tests.transactions import counted

TODAY = date.today()
D = date(2026, 2, 15)
ASKED = [D, TODAY]
DEALS = ["d1", "d2", "d3", "d4"]
EMPLOYEES = ["e1", "e2"]
DAYS = ["2025-01-20", "2025-07-01", "2026-01-10", "2026-02-05", "2026-02-15",
        months_before(TODAY, 1).isoformat(), TODAY.isoformat()]
maybe_day = st.none() | st.sampled_from(DAYS)

deal = st.tuples(st.just("deal"), st.sampled_from(DEALS),
                 st.sampled_from(["won", "won", "open", "lost"]),
                 st.sampled_from([None, 10, 100.5, 1000]), st.sampled_from(["CNY", "USD"]),
                 st.sampled_from(DAYS), maybe_day, st.sampled_from(["a1", "a2"]))
lever = st.tuples(st.just("lever"), st.sampled_from(EMPLOYEES), st.sampled_from(DEALS),
                  maybe_day, maybe_day)
unlever = st.tuples(st.just("unlever"), st.sampled_from(EMPLOYEES), st.sampled_from(DEALS),
                    st.sampled_from(DAYS))
rate = st.tuples(st.just("rate"), st.sampled_from(DAYS[:4]), st.sampled_from([7.0, 7.5]))
assess = st.tuples(st.just("assess"), st.sampled_from(["support", "oppose"]))
operations = st.lists(st.one_of(deal, lever, unlever, rate, assess), min_size=1, max_size=8)


def base() -> dict[str, Any]:
    return {
        "accounts": [{"id": "a1", "name": "a1"}, {"id": "a2", "name": "a2"}],
        "employees": [{"id": e, "name": e} for e in EMPLOYEES],
        "contacts": [{"id": "c1", "name": "c1", "account_id": "a1", "key_person": True}],
        "exchange_rates": [{"currency": "USD", "at": "2025-01-01", "rate": 7.2}],
        "opportunities": [{"id": "d1", "account_id": "a1", "name": "d1", "amount": 100,
                           "status": "won", "created_at": "2024-12-01",
                           "closed_at": "2026-01-10"}],
        "relationships": [{"type": "LEVERAGED", "from": "e1", "to": "d1"}],
    }


def document(op: tuple[Any, ...]) -> dict[str, Any]:
    kind = op[0]
    if kind == "deal":
        _, deal_id, status, amount, currency, closed, created, account = op
        return {"opportunities": [{
            "id": deal_id, "account_id": account, "name": deal_id, "amount": amount,
            "currency": currency, "status": status, "created_at": created,
            "closed_at": None if status == "open" else closed}]}
    if kind == "lever":
        _, employee, deal_id, since, until = op
        if since and until and until <= since:
            since, until = until, None
        return {"relationships": [{"type": "LEVERAGED", "from": employee, "to": deal_id,
                                   "since": since, "until": until}]}
    if kind == "rate":
        return {"exchange_rates": [{"currency": "USD", "at": op[1], "rate": op[2]}]}
    return {"assessments": [{"contact_id": "c1", "at": TODAY.isoformat(), "closeness": op[1]}]}


def apply(client: TestClient, op: tuple[Any, ...]) -> None:
    if op[0] == "unlever":
        ended = client.post("/v1/relationships/end", headers=AUTH, json={
            "type": "LEVERAGED", "from": op[1], "to": op[2], "until": op[3]})
        assert ended.status_code in (200, 404), ended.text
        return
    written = client.post("/v1/import", headers=AUTH, json=document(op))
    # A deal in USD closed before every rate is refused, and nothing is written.
    assert written.status_code in (200, 422), written.text


def fresh(settings: Settings, as_of: date) -> list[Row]:
    """The won deals of each date of the line on `as_of`, read from the deals themselves."""
    async def work(graph: Any) -> list[Row]:
        # The calendar year to date: close dates after the last day of the year before.
        return [await scope_data._won(graph, on, date(on.year - 1, 12, 31), None,
                                      settings.reporting_currency)
                for on in with_history(as_of)]

    return counted(settings, work)[0]


def answered(client: TestClient, as_of: date) -> list[tuple[Any, Any]]:
    got = client.get("/v1/kpis/influence", headers=AUTH,
                     params={"scope": "company", "as_of": as_of.isoformat()})
    assert got.status_code == 200, got.text
    line = got.json()
    return [(m["numerator"], m["denominator"])
            for m in (line["contribution_count"], line["contribution_amount"])]


def expected(rows: list[Row]) -> list[tuple[Any, Any]]:
    now = rows[0]
    return [(now["leveraged"], now["won"]), (now["leveraged_amount"], now["amount"])]


def previous(client: TestClient, as_of: date) -> list[Any]:
    got = client.get("/v1/kpis/influence", headers=AUTH,
                     params={"scope": "company", "as_of": as_of.isoformat()}).json()
    return [got[k][p] for k in ("contribution_count", "contribution_amount")
            for p in ("previous_month", "previous_year")]


def ratios(rows: list[Row]) -> list[Any]:
    def ratio(n: float, d: float) -> float | None:
        return None if not d else n / d

    return [ratio(rows[i]["leveraged"], rows[i]["won"]) for i in (1, 2)] + [
        ratio(rows[i]["leveraged_amount"], rows[i]["amount"]) for i in (1, 2)]


@pytest.mark.timeout(900)
@examples(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(operations)
def test_every_answer_is_the_won_deals_worked_out_afresh(
        client: TestClient, raw_driver: Driver, settings: Settings,
        ops: list[tuple[Any, ...]]) -> None:
    with raw_driver.session(database="neo4j") as session:
        session.run(q("admin/wipe_data")).consume()
    written = client.post("/v1/import", headers=AUTH, json=base())
    assert written.status_code == 200, written.text
    for step, op in enumerate([("none",), *ops]):
        if op[0] != "none":
            apply(client, op)
        for as_of in ASKED:
            rows = fresh(settings, as_of)
            # Right after the write, then from what that answer kept.
            for _ in range(2):
                assert answered(client, as_of) == expected(rows), (step, op, as_of)
                assert previous(client, as_of) == pytest.approx(ratios(rows)), (step, op)
                client.portal.call(kept.settled)  # type: ignore[union-attr]
