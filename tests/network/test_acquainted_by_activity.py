"""Acquaintance by activity in the influence paths and the figures, worked out by hand
(half-life 90 days; meeting 1.0, call 0.5, e-mail 0.2; acquainted from 0.2, that is from an
activity sum of -ln(0.8) = 0.22314).

Contacts at a1: mid, and t who reports to mid. On 2026-03-01:
- e1 declares t at 0.3 and met t that day: activity 1 - e^-1 = 0.63212, the stronger.
- e2 declares t at 0.9 and met t on 2025-12-01 (90 days): 1 - e^-0.5 = 0.39347, the weaker.
- e3 e-mailed t once on 2026-02-01 (28 days): 0.2 * 0.5^(28/90) = 0.16118 -> 0.14888, below
  0.2: not acquainted, no path.
- e4 e-mailed t twice on 2026-02-01 and called t on 2026-01-01 (59 days):
  2 * 0.16118 + 0.5 * 0.5^(59/90) = 0.32236 + 0.31728 = 0.63964 -> 0.47261.
- e5 met mid on 2026-01-29 (31 days): 1 - e^-(0.5^(31/90)) = 0.54507, then down the reporting
  line (0.8): 0.43606 over two steps.
- e6 met t on 2026-02-15, and marks the meeting private: it then counts for no path.
- e7 meets t on 2026-03-02, after the day asked: it does not count yet.
"""

import math
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.auth.conftest import create
from tests.conftest import AUTH


def act(i: str, day: str, kind: str, who: str, contact: str = "t") -> dict[str, Any]:
    return {"id": i, "at": day, "type": kind, "employee_ids": [who], "contact_ids": [contact]}


def graph() -> dict[str, Any]:
    return {
        "accounts": [{"id": "a1", "name": "华东电网"}],
        "employees": [{"id": f"e{i}", "name": f"员工{i}"} for i in range(1, 8)],
        "contacts": [{"id": "mid", "account_id": "a1", "name": "中层", "key_person": True},
                     {"id": "t", "account_id": "a1", "name": "目标", "key_person": True}],
        "relationships": [
            {"type": "REPORTS_TO", "from": "t", "to": "mid"},
            {"type": "OWNS", "from": "e6", "to": "a1"},
            {"type": "INFLUENCES", "from": "e1", "to": "t", "strength": 0.3},
            {"type": "INFLUENCES", "from": "e2", "to": "t", "strength": 0.9}],
        "activities": [act("m1", "2026-03-01", "meeting", "e1"),
                       act("m2", "2025-12-01", "meeting", "e2"),
                       act("m3", "2026-02-01", "email", "e3"),
                       act("m4a", "2026-02-01", "email", "e4"),
                       act("m4b", "2026-02-01", "email", "e4"),
                       act("m4c", "2026-01-01", "call", "e4"),
                       act("m5", "2026-01-29", "meeting", "e5", contact="mid"),
                       act("m6", "2026-02-15", "meeting", "e6"),
                       act("m7", "2026-03-02", "meeting", "e7")],
    }


@pytest.fixture
def loaded(client: TestClient) -> TestClient:
    response = client.post("/v1/import", json=graph(), headers=AUTH)
    assert response.status_code == 200, response.text
    return client


def paths(client: TestClient, as_of: str) -> dict[str, tuple[float, int, str]]:
    response = client.get("/v1/contacts/t/influence-paths", headers=AUTH,
                          params={"as_of": as_of, "limit": 100})
    assert response.status_code == 200, response.text
    return {p["employee_id"]: (round(p["strength"], 5), p["hops"], p["steps"][0]["source"])
            for p in response.json()["paths"]}


def test_a_first_step_is_the_stronger_of_declared_and_activity(loaded: TestClient) -> None:
    before_private = paths(loaded, "2026-03-01")
    assert before_private["e6"][2] == "activity"  # 02-15, 14 days: 1 - e^-(0.5^(14/90)) = 0.59
    assert loaded.patch("/v1/activities/m6", json={"private": True},
                        headers=create(loaded, role="rep", employee_id="e6")).status_code == 200
    assert paths(loaded, "2026-03-01") == {
        "e1": (0.63212, 1, "activity"),
        "e2": (0.9, 1, "declared"),
        "e4": (0.47261, 1, "activity"),
        "e5": (0.43606, 2, "activity"),
    }
    # Before any of the activities (2025-11-30): the declared acquaintances alone.
    assert paths(loaded, "2025-11-30") == {"e1": (0.3, 1, "declared"), "e2": (0.9, 1, "declared")}


def test_acquaintance_by_activity_ends_when_it_has_decayed(loaded: TestClient) -> None:
    """A meeting alone: 0.5^(d/90) >= 0.22314 while d <= 90 * log2(1/0.22314) = 194.76."""
    # e1's meeting of 03-01, 122 days later: 1 - e^-(0.5^(122/90)) = 0.32347, over the declared
    # 0.3; 153 days later, 0.26493: the declared 0.3 is the stronger again.
    assert paths(loaded, "2026-07-01")["e1"] == (0.32347, 1, "activity")
    assert paths(loaded, "2026-08-01")["e1"] == (0.3, 1, "declared")
    # e5 met mid on 01-29 and declared nothing: on day 194 (08-11) 1 - e^-(0.5^(194/90)) =
    # 0.20104, times 0.8 down to t = 0.16083; on day 195 (08-12) 0.19975: not acquainted.
    assert paths(loaded, "2026-08-11")["e5"] == (0.16083, 2, "activity")
    assert "e5" not in paths(loaded, "2026-08-12")


def influence(client: TestClient, as_of: str) -> tuple[int, int]:
    response = client.get("/v1/kpis/influence", headers=AUTH,
                          params={"scope": "company", "as_of": as_of})
    assert response.status_code == 200, response.text
    body = response.json()
    return body["acquainted"]["value"], body["acquainted"]["previous_month"]


def test_the_figures_count_key_persons_acquainted_by_activity(loaded: TestClient) -> None:
    """Key persons t (declared by e1 and e2: always acquainted) and mid (e5's meeting of
    2026-01-29 alone, acquainted through 2026-08-11)."""
    assert influence(loaded, "2026-01-31") == (2, 1)  # a month before: 2025-12-31, mid not yet
    assert influence(loaded, "2026-08-11") == (2, 2)
    assert influence(loaded, "2026-08-12") == (1, 2)  # a month before: 2026-07-12
    # The meeting made private: it counts for nobody's figures.
    assert loaded.patch("/v1/activities/m5", json={"private": True},
                        headers=create(loaded, role="rep", employee_id="e5")).status_code == 200
    assert influence(loaded, "2026-08-11") == (1, 1)
    # Shared again: counted again.
    assert loaded.patch("/v1/activities/m5", json={"private": False},
                        headers=create(loaded, role="rep", employee_id="e5")).status_code == 200
    assert influence(loaded, "2026-08-11") == (2, 2)


def test_the_acquaintance_follows_a_moved_activity(loaded: TestClient) -> None:
    """Re-importing e5's meeting a month later (2026-02-28) moves the acquaintance with it:
    now through 2026-09-10 (02-28 + 194)."""
    moved = {"activities": [act("m5", "2026-02-28", "meeting", "e5", contact="mid")]}
    assert loaded.post("/v1/import", json=moved, headers=AUTH).status_code == 200
    assert influence(loaded, "2026-09-10") == (2, 2)
    assert influence(loaded, "2026-09-11") == (1, 2)
    assert "e5" not in paths(loaded, "2026-02-27")



def test_a_declared_acquaintance_as_strong_as_the_activity_is_both(loaded: TestClient) -> None:
    """e7 meets t on 2026-03-02: 1 - e^-1 that day, by activity alone. Declared at exactly that
    strength, the first step rests on both, in the paths as in the network view; a day later
    the meeting has decayed below it, and the declared acquaintance holds alone."""
    assert paths(loaded, "2026-03-02")["e7"] == (0.63212, 1, "activity")
    declared = {"relationships": [{"type": "INFLUENCES", "from": "e7", "to": "t",
                                   "strength": 1 - math.exp(-1), "since": "2026-01-01"}]}
    assert loaded.post("/v1/import", json=declared, headers=AUTH).status_code == 200
    network = loaded.get("/v1/employees/e7/network", headers=AUTH, params={"as_of": "2026-03-02"})
    assert [(c["contact_id"], c["source"]) for c in network.json()["contacts"]] == [("t", "both")]
    assert paths(loaded, "2026-03-02")["e7"] == (0.63212, 1, "both")
    assert paths(loaded, "2026-03-03")["e7"] == (0.63212, 1, "declared")
