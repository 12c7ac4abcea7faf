"""An employee marks a captured activity private: it then counts for nobody but them. One
other colleagues took part in counts for them too, and stays shared."""

from pathlib import Path

from fastapi.testclient import TestClient

from tests.auth.conftest import create
from tests.capture.conftest import WINDOW, written
from tests.capture.test_calendar import event, ics
from tests.conftest import AUTH

# Li Ming (e1) meets Wang (c1) three times in March: alone on the 10th, with Zhao Min (e2) on
# the 15th and 20th.
DINNERS = ics(*(event(f"dinner-{day}", f"DTSTART:202603{day}T110000Z",
                      "ORGANIZER:mailto:li.ming@ours.cn", *ours, "ATTENDEE:mailto:wjg@sgcc.cn",
                      summary="宴请")
                for day, ours in (("10", ()), ("15", ("ATTENDEE:mailto:zhao.min@ours.cn",)),
                                  ("20", ("ATTENDEE:mailto:zhao.min@ours.cn",)))))


def test_a_private_activity_counts_for_its_employee_alone(people: TestClient,
                                                          tmp_path: Path) -> None:
    rep, lead = create(people, role="rep", employee_id="e1"), create(people, role="lead",
                                                                      employee_id="e2")
    outsider = create(people, role="rep", employee_id="e3")
    captured = people.post("/v1/capture/calendar", params=WINDOW,
                           content=written(tmp_path, "dinners.ics", DINNERS),
                           headers={**rep, "content-type": "text/calendar"})
    assert captured.status_code == 200, captured.text
    first = next(c["activity_id"] for c in captured.json()["created"] if c["key"] == "dinner-10")
    shared = next(c["activity_id"] for c in captured.json()["created"] if c["key"] == "dinner-15")

    def history(who: dict[str, str]) -> list[tuple[str, bool]]:
        found = people.get("/v1/contacts/c1/activities", params={"as_of": "2026-03-31"},
                           headers=who).json()["activities"]
        return [(a["at"], a["private"]) for a in found]

    def level() -> str:
        node = people.get("/v1/contacts/c1/portrait", params={"as_of": "2026-03-31"},
                          headers=AUTH).json()
        return str(node["contact_level"])

    assert level() == "multiple"  # 3 activities in the window: multiple from 3, occasional from 1
    # Someone who did not take part may not mark it: an outsider to its account does not even
    # hear that it exists; a token without an employee is refused.
    assert people.patch(f"/v1/activities/{first}", json={"private": True},
                        headers=outsider).status_code == 404
    assert people.patch(f"/v1/activities/{first}", json={"private": True},
                        headers=AUTH).status_code == 403
    # Zhao Min was at the dinner of the 15th too: it is hers as well, and stays shared.
    refused = people.patch(f"/v1/activities/{shared}", json={"private": True}, headers=rep)
    assert refused.status_code == 422, refused.text
    assert [(e["code"], e["params"]) for e in refused.json()["errors"]] == [
        ("activity_shared", {"colleagues": 1})]
    assert level() == "multiple"
    marked = people.patch(f"/v1/activities/{first}", json={"private": True}, headers=rep)
    assert marked.status_code == 200, marked.text
    assert marked.json() == {"id": first, "private": True}
    assert history(rep) == [("2026-03-20", False), ("2026-03-15", False), ("2026-03-10", True)]
    assert history(lead) == history(AUTH) == [("2026-03-20", False), ("2026-03-15", False)]
    assert level() == "occasional"
    # A colleague cannot see it, so cannot unmark it either.
    assert people.patch(f"/v1/activities/{first}", json={"private": False},
                        headers=lead).status_code == 404
    # Capturing the same calendar again keeps it private.
    people.post("/v1/capture/calendar", params=WINDOW, content=DINNERS.encode(),
                headers={**lead, "content-type": "text/calendar"})
    assert history(lead) == [("2026-03-20", False), ("2026-03-15", False)]
    assert people.patch(f"/v1/activities/{first}", json={"private": False},
                        headers=rep).status_code == 200
    assert history(lead) == [("2026-03-20", False), ("2026-03-15", False), ("2026-03-10", False)]
    assert level() == "multiple"
    assert people.patch("/v1/activities/nope", json={"private": True},
                        headers=rep).status_code == 404


def test_a_colleague_written_into_a_private_activity_makes_it_shared(people: TestClient,
                                                                      tmp_path: Path) -> None:
    # The dinner of the 10th, marked private by Li Ming, is written again with Zhao Min there
    # too: it is hers as well now, so it counts for both and she sees it (private first, then
    # adding her, reaches what marking a shared one private may not).
    rep, lead = create(people, role="rep", employee_id="e1"), create(people, role="lead",
                                                                      employee_id="e2")
    captured = people.post("/v1/capture/calendar", params=WINDOW,
                           content=written(tmp_path, "dinners.ics", DINNERS),
                           headers={**rep, "content-type": "text/calendar"})
    first = next(c["activity_id"] for c in captured.json()["created"] if c["key"] == "dinner-10")
    assert people.patch(f"/v1/activities/{first}", json={"private": True},
                        headers=rep).status_code == 200
    [mine] = [a for a in people.get("/v1/contacts/c1/activities", params={"as_of": "2026-03-31"},
                                    headers=rep).json()["activities"] if a["id"] == first]
    joined = people.post("/v1/activities", headers=rep, json={
        "id": first, "at": mine["at_time"], "type": mine["type"], "employee_ids": ["e1", "e2"],
        "contact_ids": ["c1"]})
    assert joined.status_code == 200, joined.text
    seen = people.get("/v1/contacts/c1/activities", params={"as_of": "2026-03-31"},
                      headers=lead).json()["activities"]
    assert [(a["id"], a["private"]) for a in seen if a["id"] == first] == [(first, False)]
    assert people.patch(f"/v1/activities/{first}", json={"private": True},
                        headers=lead).status_code == 422  # hers too: not one's own to hide
