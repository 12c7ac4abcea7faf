"""Risk and what-if for a deal, and the competitor perspective, on the decision-chain scenario.

Reachers at 3 hops: m1 <- e1 (direct); m2 <- e3 (this deal's edge), e1 (through x);
m3 <- e1 (through its manager m1); m5 <- e1 (acquainted by activity: visits on 01-10, 02-10 and
02-20).
"""

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.chains.conftest import AS_OF
from tests.conftest import AUTH


def risk(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/v1/opportunities/o1/risk", headers=AUTH, params={"as_of": AS_OF, **params})
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_single_threaded_and_unreachable_members(loaded: TestClient) -> None:
    body = risk(loaded)
    assert body["single_threaded"] == ["m1", "m3", "m5"]
    assert body["unreachable"] == []
    reachers = {m["contact_id"]: m["reachers"] for m in body["members"]}
    assert reachers == {"m1": ["e1"], "m2": ["e3", "e1"], "m3": ["e1"], "m5": ["e1"]}
    # Before the first visit nobody reaches m5, nor m4 (in the chain until 02-01).
    assert risk(loaded, as_of="2026-01-09")["unreachable"] == ["m4", "m5"]
    assert body["what_if"] is None


def test_if_an_employee_leaves(loaded: TestClient) -> None:
    what_if = risk(loaded, employee_left="e1")["what_if"]
    assert what_if == {"left": ["e1"], "lose_every_path": ["m1", "m3", "m5"],
                       "newly_single_threaded": ["m2"]}


def test_if_a_contact_leaves(loaded: TestClient) -> None:
    assert risk(loaded, contact_left="m1")["what_if"]["lose_every_path"] == ["m3"]
    through_x = risk(loaded, contact_left="x")["what_if"]
    assert through_x["lose_every_path"] == [] and through_x["newly_single_threaded"] == ["m2"]


def test_what_if_names_must_exist(loaded: TestClient) -> None:
    for params in ({"employee_left": "ghost"}, {"contact_left": "ghost"}):
        assert loaded.get("/v1/opportunities/o1/risk", headers=AUTH, params=params).status_code == 404


def test_competitor_perspective_held_and_contested(loaded: TestClient) -> None:
    response = loaded.get("/v1/competitors/k1/perspective", headers=AUTH, params={"as_of": AS_OF})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == "远景科技" and body["key_persons"] == 6
    # Toward k1: m2 closeness support, solution neutral; m3 closeness strong support.
    assert body["averages"] == {"closeness": 1.5, "solution": 0.0, "price": None}
    assert body["held"] == ["m2", "m3"]  # m2 by attitude, m3 by attitude and by staff ks1
    # General paths only (e3's edge belongs to the deal): m2 through x, m3 through m1.
    assert body["contested"] == ["m2", "m3"]
    views = {v["contact_id"]: v for v in body["key_person_views"]}
    assert views["m3"]["staff_ids"] == ["ks1"]
    assert round(views["m3"]["our_best_strength"], 6) == 0.72
    assert views["m1"]["held"] is False and views["m1"]["closeness"] == "unknown"
    assert loaded.get("/v1/competitors/nope/perspective", headers=AUTH).status_code == 404


def test_a_rival_staff_member_holds_for_the_rival_they_work_for_on_each_date(
        loaded: TestClient) -> None:
    # ks1 (influencing m3 since always) moves from k1 to k2 today. m3 is k1's by attitude
    # (strong support toward k1) on both days, and by ks1 until yesterday; k2's from today.
    assert loaded.post("/v1/competitor-staff", headers=AUTH, json={
        "id": "ks1", "competitor_id": "k2", "name": "周涛"}).status_code == 200
    today = date.today()
    days = {"yesterday": (today - timedelta(days=1)).isoformat(), "today": today.isoformat()}

    def read(path: str, day: str) -> dict[str, Any]:
        response = loaded.get(path, headers=AUTH, params={"as_of": days[day]})
        assert response.status_code == 200, response.text
        return dict(response.json())

    def held(day: str) -> list[str]:
        members = read("/v1/opportunities/o1/decision-chain", day)["members"]
        return next(m["competitor_held"] for m in members if m["contact_id"] == "m3")

    assert (held("yesterday"), held("today")) == (["k1"], ["k1", "k2"])
    rivals = {day: [(r["competitor_id"], r["staff_id"], r["contact_id"]) for r in read(
        "/v1/opportunities/o1/decision-map", day)["rival_influence"]] for day in days}
    assert rivals == {"yesterday": [("k1", "ks1", "m3")], "today": [("k2", "ks1", "m3")]}

    def staff(rival: str, day: str) -> list[str]:
        views = read(f"/v1/competitors/{rival}/perspective", day)["key_person_views"]
        return next(v["staff_ids"] for v in views if v["contact_id"] == "m3")

    assert [staff("k1", d) for d in days] == [["ks1"], []]
    assert [staff("k2", d) for d in days] == [[], ["ks1"]]
    # An influence path's target lists ks1 under the rival of the day.
    inbound = {day: [(i["id"], i["competitor_id"]) for i in read(
        "/v1/contacts/m3/influence-paths", day)["influenced_by"]] for day in days}
    assert inbound == {"yesterday": [("ks1", "k1")], "today": [("ks1", "k2")]}
