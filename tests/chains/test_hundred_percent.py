"""100% (docs/domain.md section 8) applies to focus deals only: o1 of the shared scenario is
not a focus deal until it is marked one."""

from datetime import date, timedelta

from fastapi.testclient import TestClient

from tests.chains.conftest import AS_OF, scenario
from tests.conftest import AUTH


def gaps(client: TestClient) -> dict[str, list[str]]:
    response = client.get("/v1/opportunities/o1/actions", headers=AUTH, params={"as_of": AS_OF})
    assert response.status_code == 200, response.text
    return {a["contact_id"]: a["gaps"] for a in response.json()["actions"]
            if a["principle"] == "hundred_percent"}


def test_hundred_percent_only_on_a_focus_deal(loaded: TestClient) -> None:
    assert gaps(loaded) == {}  # o1 is not a focus deal
    o1 = next(o for o in scenario()["opportunities"] if o["id"] == "o1")
    marked = loaded.post("/v1/import", headers=AUTH, json={"opportunities": [{**o1, "focus": True}]})
    assert marked.status_code == 200, marked.text
    # Every member with a feature unknown or never contacted (contact level none):
    # m1 no known manager; m2 solution, price, votes, manager unknown and no visit in the
    # window (v5 is from 2025-01-01); m3 veto unknown, not visited; m5 no manager and no
    # known influencer.
    assert gaps(loaded) == {
        "m1": ["reporting_relationship"],
        "m2": ["solution", "price", "veto", "approver", "reporting_relationship", "contact"],
        "m3": ["veto", "contact"],
        "m5": ["reporting_relationship", "influence_relationship"]}


def test_a_deal_won_or_lost_asks_for_nothing_from_the_day_it_closed(loaded: TestClient) -> None:
    o1 = next(o for o in scenario()["opportunities"] if o["id"] == "o1")
    assert gaps(loaded) == {} and actions(loaded, AS_OF)  # open: its members' items
    closed = {**o1, "focus": True, "status": "won", "closed_at": AS_OF}
    assert loaded.post("/v1/import", headers=AUTH,
                       json={"opportunities": [closed]}).status_code == 200
    assert actions(loaded, AS_OF) == []
    # The day before it was won, it was open and asked for what it lacked.
    day_before = (date.fromisoformat(AS_OF) - timedelta(days=1)).isoformat()
    assert {a["principle"] for a in actions(loaded, day_before)} >= {"hundred_percent"}


def actions(client: TestClient, as_of: str) -> list[dict[str, str]]:
    response = client.get("/v1/opportunities/o1/actions", headers=AUTH, params={"as_of": as_of})
    assert response.status_code == 200, response.text
    return list(response.json()["actions"])
