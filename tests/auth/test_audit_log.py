"""The audit log's batches: a reader's flush never overtakes one already under way."""

import asyncio
import uuid

from neo4j import Driver

from app.auth.audit import AuditLog
from app.config import Settings
from app.db.graph import Graph, create_driver
from tests.conftest import count


def test_a_flush_waits_for_the_flush_under_way(settings: Settings, raw_driver: Driver) -> None:
    principal = f"p-{uuid.uuid4()}"

    async def run() -> tuple[bool, int]:
        driver = create_driver(settings)
        try:
            log = AuditLog(Graph(driver, settings))
            log.record(principal_id=principal, role="lead", employee_id="e-race",
                       action="own-network", subject="e1")
            # The timer's flush has taken the event and is writing it when a reader flushes.
            timer = asyncio.get_running_loop().create_task(log.flush())
            await asyncio.sleep(0)
            await log.flush()
            return timer.done(), count(raw_driver, "MATCH (a:AuditEvent {principal_id: $p}) "
                                                   "RETURN count(a)", p=principal)
        finally:
            await driver.close()

    timer_done, stored = asyncio.run(run())
    assert timer_done and stored == 1
