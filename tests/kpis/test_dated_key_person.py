"""A contact's key-person flag is dated: a change made today moves today's figures, not
yesterday's (worked out by hand).

a1 with p1 and p2 key persons and p3 not, all imported today (the first values hold since
ever); e1 knows p1. Then today: p1 is no key person any more and p3 becomes one; later the same
day p3 is set back.
"""

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import AUTH

TODAY = date.today()
YESTERDAY = TODAY - timedelta(days=1)


def contact(i: str, key: bool) -> dict[str, Any]:
    return {"id": i, "account_id": "a1", "name": i.upper(), "key_person": key}


def influence(client: TestClient, day: date) -> tuple[int, int]:
    response = client.get("/v1/kpis/influence", headers=AUTH,
                          params={"scope": "company", "as_of": day.isoformat()})
    assert response.status_code == 200, response.text
    body = response.json()
    return body["key_persons"]["value"], body["acquainted"]["value"]


def strategy_key_persons(client: TestClient, day: date) -> int:
    response = client.get("/v1/accounts/a1/strategy", headers=AUTH,
                          params={"as_of": day.isoformat()})
    assert response.status_code == 200, response.text
    return int(response.json()["facts"]["key_persons"])


def test_a_key_person_flag_changed_today_leaves_the_past_as_it_was(client: TestClient) -> None:
    doc = {"accounts": [{"id": "a1", "name": "华东电网"}],
           "employees": [{"id": "e1", "name": "李明"}],
           "contacts": [contact("p1", True), contact("p2", True), contact("p3", False)],
           "relationships": [{"type": "INFLUENCES", "from": "e1", "to": "p1", "strength": 0.8}]}
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    # p1 and p2, p1 known by e1: on both days.
    assert influence(client, YESTERDAY) == influence(client, TODAY) == (2, 1)

    for item in (contact("p1", False), contact("p3", True)):
        assert client.post("/v1/contacts", json=item, headers=AUTH).status_code == 200
    assert influence(client, YESTERDAY) == (2, 1)  # as it was: p1 and p2
    assert influence(client, TODAY) == (2, 0)  # p2 and p3, neither known
    # The strategy counts the account's key persons on its date the same way.
    assert strategy_key_persons(client, YESTERDAY) == 2
    assert client.post("/v1/contacts", json=contact("p2", False), headers=AUTH).status_code == 200
    assert strategy_key_persons(client, TODAY) == 1  # p3
    assert strategy_key_persons(client, YESTERDAY) == 2
    assert client.post("/v1/contacts", json=contact("p2", True), headers=AUTH).status_code == 200

    # Set back the same day: the later value holds from today.
    assert client.post("/v1/contacts", json=contact("p3", False), headers=AUTH).status_code == 200
    assert influence(client, TODAY) == (1, 0)
    assert influence(client, YESTERDAY) == (2, 1)

    # The timeline is kept beside the flag, not shown as written data.
    node = client.get("/v1/contacts/p1", headers=AUTH).json()
    assert node["key_person"] is False and "key_person_at" not in node


def political_map_people(client: TestClient, day: date) -> set[str]:
    response = client.get("/v1/accounts/a1/political-map", headers=AUTH,
                          params={"as_of": day.isoformat()})
    assert response.status_code == 200, response.text
    return {p["contact_id"] for p in response.json()["people"]}


def test_a_person_met_today_counts_from_today(client: TestClient) -> None:
    """A person entered with `since` today (as the web app's form sends) is at the account and a
    key person from today: yesterday's figures, as reported yesterday, do not move."""
    doc = {"accounts": [{"id": "a1", "name": "华东电网"}],
           "employees": [{"id": "e1", "name": "李明"}],
           "contacts": [contact("p1", True)],
           "relationships": [{"type": "INFLUENCES", "from": "e1", "to": "p1", "strength": 0.8}]}
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    met = {**contact("p4", True), "since": TODAY.isoformat()}
    assert client.post("/v1/contacts", json=met, headers=AUTH).status_code == 200
    assert influence(client, YESTERDAY) == (1, 1)  # p1 alone, known by e1
    assert influence(client, TODAY) == (2, 1)  # p1 and p4
    assert (strategy_key_persons(client, YESTERDAY), strategy_key_persons(client, TODAY)) == (1, 2)
    assert political_map_people(client, YESTERDAY) == {"p1"}
    assert political_map_people(client, TODAY) == {"p1", "p4"}
    works = [(e["to"], e["since"]) for e in client.get("/v1/contacts/p4", headers=AUTH).json()[
        "relationships"] if e["type"] == "WORKS_AT"]
    assert works == [("a1", TODAY.isoformat())]
    # Sent again with an earlier day, nothing moves: the person was dated when first written.
    again = {**met, "since": YESTERDAY.isoformat()}
    assert client.post("/v1/contacts", json=again, headers=AUTH).status_code == 200
    assert influence(client, YESTERDAY) == (1, 1)
    assert political_map_people(client, YESTERDAY) == {"p1"}
