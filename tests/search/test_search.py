"""Search by name, title and department in any case, and Chinese names by pinyin, whole and by
initials, from keys kept at write time (app/search/keys.py)."""

from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from app.config import Settings
from app.db.graph import run_with_graph
from app.search.backfill import backfill
from tests.conftest import AUTH

DATA: dict[str, Any] = {
    "accounts": [{"id": "a1", "name": "重庆电网有限公司"},
                 {"id": "a2", "name": "Acme Shanghai Ltd"}],
    "contacts": [
        {"id": "c1", "account_id": "a1", "name": "陈伟", "title": "CFO", "department": "财务部"},
        # 单 as a surname is read shan; lazily it is dan.
        {"id": "c2", "account_id": "a1", "name": "单晓明", "title": "信息中心主任"},
        {"id": "c3", "account_id": "a2", "name": "Wei Chen", "department": "IT"},
    ],
    "employees": [{"id": "e1", "name": "程薇", "title": "Account Manager"}],
    "opportunities": [{"id": "o1", "account_id": "a1", "name": "数据中台"}],
}


def ids(client: TestClient, q: str, **params: str) -> list[str]:
    response = client.get("/v1/search", params={"q": q, **params}, headers=AUTH)
    assert response.status_code == 200, response.text
    return sorted(h["id"] for h in response.json()["hits"])


def test_names_titles_departments_and_pinyin_are_found_in_any_case(client: TestClient) -> None:
    assert client.post("/v1/import", json=DATA, headers=AUTH).status_code == 200
    assert ids(client, "陈伟") == ["c1"]
    assert ids(client, "chenwei") == ["c1"]  # 陈伟's pinyin
    assert ids(client, "Chen Wei") == ["c1"]  # spaces and case do not count
    assert ids(client, "WEI chen") == ["c3"]
    assert ids(client, "CW") == ["c1", "e1"]  # initials: 陈伟 and 程薇 (cheng wei)
    assert ids(client, "chengwei") == ["e1"]
    assert ids(client, "cfo") == ["c1"]  # a title
    assert ids(client, "财务") == ["c1"]  # a department
    assert ids(client, "it", kind="Contact") == ["c3"]
    assert ids(client, "shanxiaoming") == ["c2"]  # the surname reading
    assert ids(client, "danxiaoming") == ["c2"]  # the common reading of 单
    assert ids(client, "sxm") == ["c2"]
    assert ids(client, "chongqing") == ["a1"]  # 重庆 read as a place, not zhongqing
    assert ids(client, "ACME") == ["a2"]
    assert ids(client, "sjzt") == ["o1"]  # 数据中台
    # A query never spans two parts of a key (the name's end and the title's start).
    assert ids(client, "伟cfo") == []
    assert ids(client, "   ") == []  # nothing to look for but an id, and no id is blank
    assert ids(client, "o1") == ["o1"]  # an exact id


def test_a_renamed_person_is_found_by_the_new_name_only(client: TestClient) -> None:
    assert client.post("/v1/import", json=DATA, headers=AUTH).status_code == 200
    assert client.post("/v1/contacts", headers=AUTH, json={
        "id": "c1", "account_id": "a1", "name": "林芳"}).status_code == 200
    assert ids(client, "chenwei") == []
    assert ids(client, "cfo") == []  # the title went with the rewrite
    assert ids(client, "linfang") == ["c1"]


def test_keys_of_nodes_stored_before_keys_existed_are_computed_by_the_data_step(
        client: TestClient, raw_driver: Driver, settings: Settings) -> None:
    assert client.post("/v1/import", json=DATA, headers=AUTH).status_code == 200

    def keys() -> dict[str, str]:
        found, _, _ = raw_driver.execute_query(
            "MATCH (n:Entity) WHERE n.search IS NOT NULL RETURN n.id AS id, n.search AS key",
            database_="neo4j")
        return {r["id"]: r["key"] for r in found}

    written = keys()
    assert set(written) == {"a1", "a2", "c1", "c2", "c3", "e1", "o1"}
    raw_driver.execute_query("MATCH (n:Entity) REMOVE n.search", database_="neo4j")
    run_with_graph(settings, backfill)
    assert keys() == written
    assert ids(client, "sxm") == ["c2"]


def test_derived_properties_are_not_part_of_a_node(client: TestClient) -> None:
    """The search key, our attitude timelines and the last day met are the service's own: a
    node read does not show them, and a new assessment or activity does not change the
    contact's ETag (an edit read before a colleague's meeting still goes through)."""
    assert client.post("/v1/import", json=DATA, headers=AUTH).status_code == 200
    before = client.get("/v1/contacts/c1", headers=AUTH)
    assert client.post("/v1/assessments", headers=AUTH, json={
        "contact_id": "c1", "at": "2026-01-05", "closeness": "support"}).status_code == 200
    assert client.post("/v1/activities", headers=AUTH, json={
        "id": "x1", "at": "2026-01-06", "type": "visit", "employee_ids": ["e1"],
        "contact_ids": ["c1"]}).status_code == 200
    after = client.get("/v1/contacts/c1", headers=AUTH)
    assert after.headers["ETag"] == before.headers["ETag"]
    node = after.json()
    assert node["name"] == "陈伟" and node["features"]["closeness"] == "support"
    assert not {k for k in node if k in ("search", "last_met") or k.startswith("us_")}
    listed = client.get("/v1/contacts", headers=AUTH).json()["items"]
    assert not {k for item in listed for k in item if k == "search" or k.startswith("us_")}


def test_a_name_of_ten_thousand_characters_is_stored_and_found_by_its_start(
        client: TestClient) -> None:
    """The text index refuses values past about 32 KB: only the first 200 characters of each
    text are searchable (and the pinyin of those)."""
    long_name = "王" + "建国" * 4_999 + "x"
    assert client.post("/v1/import", headers=AUTH, json={
        **{k: v for k, v in DATA.items() if k == "accounts"},
        "contacts": [{"id": "c9", "account_id": "a1", "name": long_name,
                      "title": "主任" * 5_000}]}).status_code == 200
    assert ids(client, "wangjianguo") == ["c9"]
    assert ids(client, "王建国建国") == ["c9"]
    assert client.get("/v1/contacts/c9", headers=AUTH).json()["name"] == long_name
