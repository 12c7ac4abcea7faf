"""The portrait shows what is stored on the contact beside the seven features."""

from fastapi.testclient import TestClient

from tests.auth.conftest import create
from tests.conftest import AUTH


def test_portrait_shows_behaviour_orientation_and_importance(client: TestClient) -> None:
    doc = {
        "accounts": [{"id": "a1", "name": "华东电网"}],
        "contacts": [
            {"id": "c1", "account_id": "a1", "name": "王建国", "behavior": "pragmatic_professional",
             "importance": "both"},
            {"id": "c2", "account_id": "a1", "name": "刘洋"},
        ],
    }
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200

    def portrait(contact: str) -> dict[str, object]:
        response = client.get(f"/v1/contacts/{contact}/portrait", headers=AUTH)
        assert response.status_code == 200, response.text
        return dict(response.json())

    c1, c2 = portrait("c1"), portrait("c2")
    assert (c1["behavior"], c1["importance"]) == ("pragmatic_professional", "both")
    assert (c2["behavior"], c2["importance"]) == (None, None)  # never recorded
    # A later upsert changes them (they are current values, not dated).
    changed = {"contacts": [{"id": "c1", "account_id": "a1", "name": "王建国",
                             "behavior": "balanced", "importance": "position"}]}
    assert client.post("/v1/import", json=changed, headers=AUTH).status_code == 200
    c1 = portrait("c1")
    assert (c1["behavior"], c1["importance"]) == ("balanced", "position")


# A contact who worked at a-old from 2025-01-01 until 2025-06-01 (the first day they no longer
# did) and at a-new since that day; the rep e1 owns a-new alone.
MOVED = {
    "accounts": [{"id": "a-old", "name": "旧东家电网"}, {"id": "a-new", "name": "新东家银行"}],
    "employees": [{"id": "e1", "name": "李明"}],
    "contacts": [{"id": "c1", "account_id": "a-new", "name": "王建国"}],
    "relationships": [
        {"type": "WORKS_AT", "from": "c1", "to": "a-old", "since": "2025-01-01",
         "until": "2025-06-01"},
        {"type": "WORKS_AT", "from": "c1", "to": "a-new", "since": "2025-06-01"},
        {"type": "OWNS", "from": "e1", "to": "a-new"},
    ],
}


def test_portrait_shows_the_account_the_contact_worked_at_on_the_date(client: TestClient) -> None:
    assert client.post("/v1/import", json=MOVED, headers=AUTH).status_code == 200

    def account(as_of: str | None) -> tuple[object, object]:
        response = client.get("/v1/contacts/c1/portrait", headers=AUTH,
                              params={"as_of": as_of} if as_of else {})
        assert response.status_code == 200, response.text
        return response.json()["account_id"], response.json()["account_name"]

    assert account("2024-12-01") == (None, None)  # before 2025-01-01: no account yet
    assert account("2025-03-01") == ("a-old", "旧东家电网")  # 01-01 <= 03-01 < 06-01
    assert account("2025-06-01") == ("a-new", "新东家银行")  # a-old's until is its first day out
    assert account(None) == ("a-new", "新东家银行")  # today


def test_a_past_account_outside_the_readers_perspective_is_not_shown(client: TestClient) -> None:
    assert client.post("/v1/import", json=MOVED, headers=AUTH).status_code == 200
    rep = create(client, role="rep", employee_id="e1")
    # The rep may read c1 (at a-new today, which e1 owns), but not learn where c1 worked before.
    before = client.get("/v1/contacts/c1/portrait", headers=rep, params={"as_of": "2025-03-01"})
    assert before.status_code == 200, before.text
    assert (before.json()["account_id"], before.json()["account_name"]) == (None, None)
    assert "a-old" not in before.text and "旧东家电网" not in before.text
    admin = client.get("/v1/contacts/c1/portrait", headers=AUTH, params={"as_of": "2025-03-01"})
    assert (admin.json()["account_id"], admin.json()["account_name"]) == ("a-old", "旧东家电网")
    after = client.get("/v1/contacts/c1/portrait", headers=rep, params={"as_of": "2025-09-01"})
    assert (after.json()["account_id"], after.json()["account_name"]) == ("a-new", "新东家银行")


def test_an_assessment_on_a_deal_of_a_past_account_keeps_its_attitudes_not_the_deal(
        client: TestClient) -> None:
    # While at a-old, c1 was assessed on a-old's deal o-old; later, in general. The rep who owns
    # a-new reads c1's history: the attitudes stay (they made the portrait), the deal does not.
    document = {**MOVED, "opportunities": [{"id": "o-old", "account_id": "a-old",
                                            "name": "旧东家调度系统"}],
                "assessments": [
                    {"contact_id": "c1", "at": "2025-03-10", "opportunity_id": "o-old",
                     "closeness": "support"},
                    {"contact_id": "c1", "at": "2025-07-01", "closeness": "neutral"}]}
    assert client.post("/v1/import", json=document, headers=AUTH).status_code == 200
    rep = create(client, role="rep", employee_id="e1")

    def history(headers: dict[str, str]) -> tuple[str, list[tuple[object, ...]]]:
        response = client.get("/v1/contacts/c1/portrait", headers=headers)
        assert response.status_code == 200, response.text
        return response.text, [(a["at"], a["opportunity_id"], a["opportunity_name"],
                                a["opportunity_hidden"], a["closeness"])
                               for a in response.json()["history"]]

    text, rows = history(rep)
    assert rows == [("2025-07-01", None, None, False, "neutral"),
                    ("2025-03-10", None, None, True, "support")]
    assert "o-old" not in text and "旧东家调度系统" not in text
    _, rows = history(AUTH)
    assert rows[1] == ("2025-03-10", "o-old", "旧东家调度系统", False, "support")
