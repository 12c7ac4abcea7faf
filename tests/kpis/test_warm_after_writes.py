"""After writes that made every kept answer stale (an import's large documents, an exchange
rate), the process that wrote works the company's lines out again once they have been quiet a
while; when a day begins, one process of several does (app/warm.py keep_company_lines_warm):
the first dashboard after a nightly import, or of the morning, reads what is kept instead of
working it all out. By hand, as in test_kept_customers: a1's key persons k1
(support, +1) and k2 (oppose, -1) and its open deal d1 (100 CNY); a2's k3 (unknown) and d2
(50 USD at 7.0, then 8.0)."""

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.db.graph import create_driver
from app.kpis import kept
from app.main import create_app
from app.warm import keep_company_lines_warm, lines_rule
from tests.conftest import ready, settings_for
from tests.kpis.test_kept_customers import (
    LONG_AGO,
    YESTERDAY,
    contact,
    deal,
    figures,
    kept_now,
    write,
)
from tests.servers import Server

DOCUMENT = {
    "accounts": [{"id": "a1", "name": "a1"}, {"id": "a2", "name": "a2"}],
    "contacts": [contact("k1", "a1"), contact("k2", "a1"), contact("k3", "a2")],
    "opportunities": [deal("d1", "a1", 100), deal("d2", "a2", 50, "USD")],
    "exchange_rates": [{"currency": "USD", "at": LONG_AGO, "rate": 7.0}],
    "assessments": [{"contact_id": "k1", "at": LONG_AGO, "closeness": "support"},
                    {"contact_id": "k2", "at": LONG_AGO, "closeness": "oppose"}]}
NEW_RATE = {"exchange_rates": [{"currency": "USD", "at": YESTERDAY, "rate": 8.0}]}


def summary_kept(driver: Driver) -> bool:
    """Whether the company's customer summary is kept for today in the epoch now (its stamp:
    rule|epoch|token|..., app/kpis/kept.py Counts.stamp)."""
    found, _, _ = driver.execute_query(
        "MATCH (e:KeptEpoch {id: 'kept'}), (m:KeptSummary {id: 'customers'}) "
        "RETURN m.day = $today AND split(m.stamp, '|')[1] = toString(e.n) AS current",
        today=date.today(), database_="neo4j")
    return bool(found and found[0]["current"])


def until(done: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_the_company_lines_are_worked_out_again_once_stale_writes_are_quiet(
        neo4j_server: Server, client: TestClient, raw_driver: Driver) -> None:
    # `client` (quiet 0: never) emptied the graph; this API works them out after 3 s of quiet.
    warming = settings_for(neo4j_server, warm_company_lines_after_s=3.0)
    with TestClient(create_app(warming), raise_server_exceptions=False) as api:
        ready(api)
        write(api, DOCUMENT)
        # Nobody asks: kept for every account, and the company's summary, by the API itself.
        assert until(lambda: summary_kept(raw_driver) and len(kept_now(raw_driver)) == 2
                     and all(kept_now(raw_driver).values()), 60)
        assert figures(api) == {"a1": (2, 0.0, 1, 100.0), "a2": (1, None, 1, 350.0)}
        # An exchange rate makes every kept answer stale; they are kept again, anew.
        write(api, NEW_RATE)
        assert not summary_kept(raw_driver) and not any(kept_now(raw_driver).values())
        assert until(lambda: summary_kept(raw_driver) and all(kept_now(raw_driver).values()), 60)
        assert figures(api) == {"a1": (2, 0.0, 1, 100.0), "a2": (1, None, 1, 400.0)}


def test_an_api_told_never_leaves_them_to_the_first_answer(client: TestClient,
                                                           raw_driver: Driver) -> None:
    # `client` (quiet 0: never), the same writes: nothing is kept until an answer asks, for
    # longer than an API told 1 s took to keep them here (12 s, the queries' first runs
    # included); then what the checks look for is there.
    write(client, DOCUMENT)
    assert not until(lambda: summary_kept(raw_driver) or any(kept_now(raw_driver).values()), 20)
    assert figures(client) == {"a1": (2, 0.0, 1, 100.0), "a2": (1, None, 1, 350.0)}
    client.portal.call(kept.settled)  # type: ignore[union-attr]
    assert summary_kept(raw_driver)
    assert kept_now(raw_driver) == {"a1": True, "a2": True}


def test_a_day_begun_is_worked_out_by_one_process_of_several(
        neo4j_server: Server, client: TestClient, raw_driver: Driver,
        caplog: pytest.LogCaptureFixture) -> None:
    # `client` (quiet 0: never) wrote; nothing is kept until an answer asks or a day begins.
    write(client, DOCUMENT)
    yesterday = date.today() - timedelta(days=1)
    clock = {"today": yesterday}
    settings = settings_for(neo4j_server, warm_company_lines_after_s=0.2)

    async def two_processes() -> None:
        driver = create_driver(settings)
        loops = [asyncio.create_task(keep_company_lines_warm(
            driver, settings, set(), kept.everything_stale_at(), lambda: clock["today"]))
            for _ in range(2)]
        try:
            # Started on a day no process claimed (the day before): one works its lines out,
            # which keeps nothing (what is kept is today's).
            await asyncio.sleep(1.5)
            assert not summary_kept(raw_driver) and not any(kept_now(raw_driver).values())
            clock["today"] = date.today()
            await asyncio.to_thread(until, lambda: summary_kept(raw_driver)
                                    and all(kept_now(raw_driver).values()), 60)
            await asyncio.sleep(1.0)  # time for another to do it too, if it would
        finally:
            for loop in loops:
                loop.cancel()
            await asyncio.gather(*loops, return_exceptions=True)
            await driver.close()

    with caplog.at_level(logging.INFO, logger="app.warm"):
        asyncio.run(two_processes())
    assert summary_kept(raw_driver) and kept_now(raw_driver) == {"a1": True, "a2": True}
    # Each day claimed by one: the other never starts the work (counted at the claim, not
    # when done).
    assert claims(caplog) == [yesterday, date.today()]
    assert figures(client) == {"a1": (2, 0.0, 1, 100.0), "a2": (1, None, 1, 350.0)}


@pytest.mark.parametrize("rule", ["this", "another"])
def test_a_process_started_on_a_day_claimed_leaves_it_under_the_same_rule(
        neo4j_server: Server, client: TestClient, raw_driver: Driver,
        caplog: pytest.LogCaptureFixture, rule: str) -> None:
    # A process that starts when another has claimed the day (a restart at noon) does not work
    # the company's lines out again, unless the lines' rule is another now (a deploy that
    # changes what they are kept under); one on a day nobody claimed does (the test above).
    write(client, DOCUMENT)
    settings = settings_for(neo4j_server, warm_company_lines_after_s=0.2)
    raw_driver.execute_query(
        "MATCH (e:KeptEpoch {id: 'kept'}) SET e.day_warmed = $today, "
        "e.day_warmed_by = 'another', e.day_warmed_rule = $rule",
        rule=lines_rule(settings) if rule == "this" else "an older one", today=date.today(),
        database_="neo4j")

    async def one_process() -> None:
        driver = create_driver(settings)
        loop = asyncio.create_task(keep_company_lines_warm(
            driver, settings, set(), kept.everything_stale_at()))
        try:
            await asyncio.sleep(2.0)
            if rule == "another":
                await asyncio.to_thread(until, lambda: summary_kept(raw_driver), 60)
        finally:
            loop.cancel()
            await asyncio.gather(loop, return_exceptions=True)
            await driver.close()

    with caplog.at_level(logging.INFO, logger="app.warm"):
        asyncio.run(one_process())
    if rule == "this":
        assert claims(caplog) == []
        assert not summary_kept(raw_driver) and not any(kept_now(raw_driver).values())
    else:
        assert claims(caplog) == [date.today()] and summary_kept(raw_driver)


def claims(caplog: pytest.LogCaptureFixture) -> list[date]:
    """The days claimed, in order, as the log says (app/warm.py _day_begun)."""
    prefix = "this process works the company's lines out for the day begun ("
    return [date.fromisoformat(m.removeprefix(prefix).rstrip(")"))
            for m in (r.getMessage() for r in caplog.records) if m.startswith(prefix)]
