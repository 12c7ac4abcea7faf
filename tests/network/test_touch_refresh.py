"""A refresh of acquaintance by activity writes only the IN_TOUCH edges that differ: an edge
that comes out the same is left as it is (the same relationship, by its element id), one whose
run of days still starts on the same day is updated in place, a new run is a new edge.

Worked out by hand (half-life 90 days, horizon 900 days; meeting 1.0, call 0.5; acquainted from
an activity sum of -ln(0.8) = 0.22314):
- A meeting alone on 2026-03-01: 0.5^(d/90) >= 0.22314 while d <= 90 * log2(1 / 0.22314) =
  194.76, days 0..194: [2026-03-01, 2026-09-12).
- e1 meets t again on 2027-03-01, 365 days after the first meeting (still within the 900-day
  horizon): sum 1 + 0.5^(365/90) = 1 + 0.06014 = 1.06014, acquainted while
  d <= 90 * log2(1.06014 / 0.22314) = 90 * log2(4.75101) = 90 * 2.24821 = 202.34: days 0..202,
  [2027-03-01, 2027-09-20), holding both meetings. The first run ended on 2026-09-12: two edges.
- e2 calls t on 2026-04-01, 31 days after their meeting: on 2026-03-31 the meeting alone still
  gives 0.5^(30/90) = 0.79370, acquainted; from 04-01 the sum is 0.5^(31/90) + 0.5 = 0.78762 +
  0.5 = 1.28762, acquainted while d <= 90 * log2(1.28762 / 0.22314) = 90 * log2(5.77046) =
  90 * 2.52866 = 227.58: days 0..227 from 04-01, through 2026-11-14. One run,
  [2026-03-01, 2026-11-15), holding the meeting (1.0) and the call (0.5).
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from tests.conftest import AUTH

Edge = tuple[str, str, str, tuple[str, ...], tuple[float, ...]]


def act(i: str, day: str, kind: str, who: str) -> dict[str, Any]:
    return {"id": i, "at": day, "type": kind, "employee_ids": [who], "contact_ids": ["t"]}


def write(client: TestClient, doc: dict[str, Any]) -> None:
    response = client.post("/v1/import", json=doc, headers=AUTH)
    assert response.status_code == 200, response.text


def touches(driver: Driver) -> dict[Edge, str]:
    """t's IN_TOUCH edges ((employee, since, until, ats, ws)) and each one's element id."""
    records, _, _ = driver.execute_query(
        "MATCH (e:Employee)-[r:IN_TOUCH]->(:Contact {id: 't'}) "
        "RETURN e.id AS employee, toString(r.since) AS since, toString(r.until) AS until, "
        "[a IN r.ats | toString(a)] AS ats, r.ws AS ws, elementId(r) AS id "
        "ORDER BY employee, since LIMIT 100", database_="neo4j")
    return {(r["employee"], r["since"], r["until"], tuple(r["ats"]), tuple(r["ws"])): r["id"]
            for r in records}


MEETINGS = [act("m1", "2026-03-01", "meeting", "e1"), act("m2", "2026-03-01", "meeting", "e2")]
E1_2026 = ("e1", "2026-03-01", "2026-09-12", ("2026-03-01",), (1.0,))
E2_MEETING = ("e2", "2026-03-01", "2026-09-12", ("2026-03-01",), (1.0,))


@pytest.fixture
def met(client: TestClient, raw_driver: Driver) -> dict[Edge, str]:
    write(client, {"accounts": [{"id": "a1", "name": "华东电网"}],
                   "employees": [{"id": "e1", "name": "员工1"}, {"id": "e2", "name": "员工2"}],
                   "contacts": [{"id": "t", "account_id": "a1", "name": "目标",
                                 "key_person": True}],
                   "activities": MEETINGS})
    found = touches(raw_driver)
    assert set(found) == {E1_2026, E2_MEETING}
    return found


def test_a_refresh_with_nothing_changed_leaves_the_edges_as_they_are(
        client: TestClient, raw_driver: Driver, met: dict[Edge, str]) -> None:
    # The same activities again: t's edges are refreshed, and none of them differs.
    write(client, {"activities": MEETINGS})
    assert touches(raw_driver) == met


def test_a_change_writes_only_the_edges_that_differ(
        client: TestClient, raw_driver: Driver, met: dict[Edge, str]) -> None:
    # A new run for e1: a new edge; e1's first run and e2's edge stay the same relationships.
    write(client, {"activities": [act("m3", "2027-03-01", "meeting", "e1")]})
    e1_2027 = ("e1", "2027-03-01", "2027-09-20", ("2026-03-01", "2027-03-01"), (1.0, 1.0))
    after_m3 = touches(raw_driver)
    assert set(after_m3) == {E1_2026, e1_2027, E2_MEETING}
    assert after_m3[E1_2026] == met[E1_2026] and after_m3[E2_MEETING] == met[E2_MEETING]
    assert after_m3[e1_2027] not in met.values()

    # e2's run grows: the same relationship, its end and activities updated; e1's two untouched.
    write(client, {"activities": [act("c1", "2026-04-01", "call", "e2")]})
    e2_longer = ("e2", "2026-03-01", "2026-11-15", ("2026-03-01", "2026-04-01"), (1.0, 0.5))
    assert touches(raw_driver) == {E1_2026: met[E1_2026], e1_2027: after_m3[e1_2027],
                                   e2_longer: met[E2_MEETING]}


def test_activities_of_one_day_are_one_entry_of_their_summed_weight(
        client: TestClient, raw_driver: Driver, met: dict[Edge, str]) -> None:
    # e1 also called t twice on 2026-03-01, the day of the meeting: that day weighs
    # 1.0 + 0.5 + 0.5 = 2.0, acquainted while 2.0 * 0.5^(d/90) >= 0.22314, d <= 90 *
    # log2(2.0 / 0.22314) = 90 * 3.16391 = 284.75: days 0..284, [2026-03-01, 2026-12-11). The
    # edge holds the day once, with the summed weight, and stays the same relationship.
    write(client, {"activities": [act("c0", "2026-03-01", "call", "e1"),
                                  act("c0b", "2026-03-01", "call", "e1")]})
    e1_one_day = ("e1", "2026-03-01", "2026-12-11", ("2026-03-01",), (2.0,))
    assert touches(raw_driver) == {e1_one_day: met[E1_2026], E2_MEETING: met[E2_MEETING]}
