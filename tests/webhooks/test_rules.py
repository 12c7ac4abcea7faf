"""The webhook rules without I/O: allowed hosts, backoff, what a write marks, event identity,
the delivery log's tries, what a run of failed passes logs."""

import asyncio
import logging
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from neo4j import AsyncGraphDatabase
from neo4j.exceptions import ServiceUnavailable

from app.changes.events import Event
from app.changes.schemas import EventType
from app.config import Settings
from app.dates import Period
from app.webhooks.outbox import touched
from app.webhooks.service import _delivery, host_allowed
from app.webhooks.worker import Worker, event_row, next_try, signature

ALLOWED = ["hooks.example.com", "*.crm.example.com", "127.0.0.1"]


def test_only_hosts_of_the_allow_list_with_http_and_no_credentials() -> None:
    assert host_allowed("https://hooks.example.com/brm", ALLOWED)
    assert host_allowed("https://HOOKS.example.com./brm", ALLOWED)
    assert host_allowed("http://127.0.0.1:8080/x", ALLOWED)
    assert host_allowed("https://eu.crm.example.com/x", ALLOWED)
    assert not host_allowed("https://crm.example.com/x", ALLOWED)  # the domain itself is not below it
    assert not host_allowed("https://evilcrm.example.com/x", ALLOWED)
    assert not host_allowed("https://hooks.example.com.evil.net/x", ALLOWED)
    assert not host_allowed("https://user:pw@hooks.example.com/x", ALLOWED)
    assert not host_allowed("ftp://hooks.example.com/x", ALLOWED)
    assert not host_allowed("http://127.0.0.2/x", ALLOWED)
    assert not host_allowed("http://[::1]/x", ALLOWED)
    assert not host_allowed("https://hooks.example.com/x", [])


def test_the_allow_list_setting_takes_a_comma_separated_list() -> None:
    settings = Settings(webhook_allowed_hosts=" Hooks.Example.com, *.crm.example.com ,")
    assert settings.webhook_allowed_hosts == ["hooks.example.com", "*.crm.example.com"]


def test_retries_double_up_to_their_cap_and_stop_after_the_retry_period() -> None:
    settings = Settings(webhook_retry_base_s=10, webhook_retry_max_s=3600, webhook_retry_hours=24)
    made = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    # 10 s after the first failed try, 20 s after the second, 40, ... and an hour at most.
    assert [next_try(settings, n, made, made) - made for n in (1, 2, 3, 10, 20)] == [
        timedelta(seconds=10), timedelta(seconds=20), timedelta(seconds=40),
        timedelta(seconds=3600), timedelta(seconds=3600)]
    late = made + timedelta(hours=23, minutes=30)
    assert next_try(settings, 20, made, late) is None  # 24:30 after the event: past the period
    assert next_try(settings, 1, made, late) == late + timedelta(seconds=10)


def test_a_write_marks_every_id_it_names_and_its_first_day() -> None:
    today = date(2026, 11, 30)
    rows = [{"id": "c1", "props": {"name": "x", "account_id": "a1"}},
            {"from": "e1", "to": "c2", "props": {"since": date(2026, 11, 2), "until": None}},
            {"contact_id": "c3", "props": {"at": date(2026, 11, 20), "opportunity_id": "o1"}},
            {"id": "act-1", "employee_ids": ["e2"], "contact_ids": ["c4", "c1"],
             "props": {"at": datetime(2026, 10, 31, 23, 0, tzinfo=UTC)}}]
    ids, since, until = touched(rows, today)
    assert ids == ["c1", "a1", "e1", "c2", "c3", "o1", "act-1", "e2", "c4"]
    assert (since, until) == (date(2026, 10, 31), today)
    # A change dated ahead is found from today to its day; no dates: today.
    assert touched([{"from": "e1", "to": "c2", "props": {"since": date(2027, 1, 1)}}], today) == (
        ["e1", "c2"], today, date(2027, 1, 1))
    assert touched([{"id": "c1"}], today) == (["c1"], today, today)


def test_the_same_news_is_the_same_event_and_deal_states_are_seen_per_subject() -> None:
    now = datetime(2026, 11, 30, tzinfo=UTC)
    week = Period(date(2026, 11, 24), date(2026, 11, 30))
    moved = Event(type=EventType.ASSESSMENT_CHANGED, at=date(2026, 11, 26),
                  account_id="a1", contact_id="c1", from_="support", to="oppose",
                  detail="closeness of c1 moved from support to oppose")
    first, again = event_row(moved, week, now), event_row(moved, Period(week.since, week.until), now)
    assert (first["id"], first["key"]) == (again["id"], again["key"])
    assert first["seen_since"] is None and first["subject"] == first["key"]
    back = event_row(replace(moved, from_="oppose", to="support"), week, now)
    assert back["id"] != first["id"]
    blocker = Event(type=EventType.BLOCKER_NEW, at=week.until, account_id="a1",
                    opportunity_id="o1", contact_id="c1", detail="c1 now blocks the deal")
    row = event_row(blocker, week, now)
    assert row["subject"] == "blocker_new|a1|o1|c1|" and row["seen_since"] == week.since


def test_the_signature_is_the_hmac_sha256_of_the_raw_body() -> None:
    # RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    assert signature("Jefe", b"what do ya want for nothing?") == (
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")


def test_a_log_read_while_a_try_is_recorded_shows_the_tries_recorded_whole() -> None:
    # Neo4j's readers may see a commit's properties as they are applied: the second try's time
    # and status are there, its error and duration not yet.
    read = {"id": "dlv-1", "event_id": "ev-1", "type": EventType.MEMBER_ADDED.value,
            "status": "pending", "attempts": 2, "created_at": "2026-12-01T10:00:00Z",
            "next_at": "2026-12-01T10:05:00Z", "delivered_at": None,
            "try_at": ["2026-12-01T10:00:01Z", "2026-12-01T10:01:01Z"], "try_status": [500, 0],
            "try_error": [""], "try_ms": [12]}
    tries = _delivery(read).tries
    assert [(t.at, t.status_code, t.error, t.duration_ms) for t in tries] == [
        ("2026-12-01T10:00:01Z", 500, None, 12)]


def test_a_run_of_failed_passes_warns_once_and_once_more_when_passes_work_again(
        caplog: pytest.LogCaptureFixture) -> None:
    # A large import keeps every pass failing for minutes; one warning per pass drowned the log.
    outcomes = [ServiceUnavailable("busy")] * 4 + [None] + [ServiceUnavailable("busy again")]

    async def step() -> None:
        if not outcomes:
            raise asyncio.CancelledError
        if (outcome := outcomes.pop(0)) is not None:
            raise outcome

    async def run() -> None:
        driver = AsyncGraphDatabase.driver("bolt://127.0.0.1:9")  # never connected: no step uses it
        settings = Settings(webhook_poll_s=0.01)
        worker = Worker(driver, settings)
        try:
            with pytest.raises(asyncio.CancelledError):
                await worker._run(step, asyncio.Event())
        finally:
            await worker.client.aclose()
            await driver.close()

    with caplog.at_level(logging.DEBUG, logger="app.webhooks.worker"):
        asyncio.run(run())
    said = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "app.webhooks.worker"]
    assert said == [
        (logging.WARNING, "webhook worker pass failed (busy); trying again"),
        *[(logging.DEBUG, "webhook worker pass failed (busy); trying again")] * 3,
        (logging.WARNING, "webhook worker pass done again after 4 failed"),
        (logging.WARNING, "webhook worker pass failed (busy again); trying again"),
    ]
