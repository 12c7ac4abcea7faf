"""The demo generator: seeded, scalable, valid, and importable through the API."""

from collections import Counter
from datetime import date

from fastapi.testclient import TestClient
from neo4j import Driver

from app.demo.generator import generate, quarter_start
from app.ingestion.validation import parse_document
from tests.conftest import AUTH, count

TODAY = date(2026, 11, 23)


def test_same_seed_same_data_other_seed_other_data() -> None:
    assert generate(seed=3, today=TODAY) == generate(seed=3, today=TODAY)
    assert generate(seed=3, today=TODAY) != generate(seed=4, today=TODAY)


def test_scale_one_has_the_promised_shape() -> None:
    doc = generate(today=TODAY)
    sizes = {part: len(items) for part, items in doc.items()}
    assert sizes["accounts"] == 20 and sizes["employees"] == 40 and sizes["competitors"] == 3
    assert 250 <= sizes["contacts"] <= 350 and sizes["opportunities"] == 60
    assert [p["category"] for p in doc["third_parties"]] == ["design_institute", "partner",
                                                             "consultant"]
    types = Counter(r["type"] for r in doc["relationships"])
    assert set(types) == {"REPORTS_TO", "INFLUENCES", "OWNS", "IN_DECISION_CHAIN", "COMPETES_ON",
                          "LEVERAGED"}
    days = sorted(a["at"] for a in doc["assessments"])
    span = date.fromisoformat(days[-1]) - date.fromisoformat(days[0])
    assert span.days >= 450, "about 18 months of assessments"


def test_third_parties_are_drawn_apart_and_change_nothing_else() -> None:
    """Their lines come last, from a generator of their own: without them the document is
    what the seed made it before (the first relationships, every other part)."""
    doc = generate(scale=0.5, seed=11, today=TODAY)
    parties = {p["id"] for p in doc["third_parties"]}
    lines = [r for r in doc["relationships"] if parties & {r["from"], r["to"]}]
    assert lines == doc["relationships"][-len(lines):]
    known = {r["to"] for r in lines if r["to"] in parties}
    influencing = {r["from"] for r in lines if r["from"] in parties}
    assert known == influencing == parties
    again = generate(scale=0.5, seed=11, today=TODAY)
    assert again == doc


def test_scale_multiplies_size() -> None:
    small, large = generate(scale=0.5, today=TODAY), generate(scale=3, today=TODAY)
    assert len(large["contacts"]) > 5 * len(small["contacts"])


def test_generated_documents_pass_schema_validation() -> None:
    assert parse_document(generate(scale=0.5, today=TODAY)).problems == []


def test_demo_data_imports_through_the_api(client: TestClient, raw_driver: Driver) -> None:
    doc = generate(scale=0.5, seed=11, today=TODAY)
    response = client.post("/v1/import", json=doc, headers=AUTH)
    assert response.status_code == 200, response.text[:2000]
    assert response.json()["counts"]["contacts"] == len(doc["contacts"])
    assert count(raw_driver, "MATCH (c:Contact) RETURN count(c)") == len(doc["contacts"])
    assert count(raw_driver, "MATCH (:Contact)-[r:REPORTS_TO]->(:Contact) RETURN count(r)") == sum(
        1 for r in doc["relationships"] if r["type"] == "REPORTS_TO")
    assert count(raw_driver, "MATCH (a:Assessment) RETURN count(a)") == len(
        {(a["contact_id"], a["at"], a["toward"]) for a in doc["assessments"]})
    assert response.json()["counts"]["esp_scores"] == len(doc["esp_scores"])
    assert count(raw_driver, "MATCH (:ThirdParty)-[r:INFLUENCES]->(:Contact) RETURN count(r)") == sum(
        1 for r in doc["relationships"] if r["from"].startswith("p-"))
    assert count(raw_driver, "MATCH (:Account)-[:HAS_ESP_SCORE]->(s:EspScore) RETURN count(s)") == len(
        doc["esp_scores"])


def test_every_account_is_re_evaluated_last_quarter_and_this_one() -> None:
    """Two dated ESP+ evaluations per account, on the first days of the previous quarter and of
    this one; the rest of the document does not depend on them."""
    doc = generate(scale=0.5, seed=11, today=TODAY)
    assert quarter_start(TODAY) == date(2026, 10, 1)
    dates = Counter((e["account_id"], e["at"]) for e in doc["esp_scores"])
    assert dates == Counter({(a["id"], at): 1 for a in doc["accounts"]
                             for at in ("2026-07-01", "2026-10-01")})
    assert all(0 <= e[f] <= 100 for e in doc["esp_scores"]
               for f in ("sales", "potential", "demonstration", "winnable"))
    assert quarter_start(date(2026, 1, 1)) == date(2026, 1, 1)
    assert generate(scale=0.5, seed=11, today=date(2026, 1, 1))["esp_scores"][0]["at"] == "2025-10-01"


def test_the_demo_ranking_shows_the_change_since_the_previous_evaluation(client: TestClient) -> None:
    doc = generate(scale=0.5, seed=11, today=TODAY)
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    for as_of, previous in (("2026-11-23", "2026-07-01"), ("2026-08-15", None)):
        ranking = client.get("/v1/esp/accounts", headers=AUTH, params={"as_of": as_of}).json()
        accounts = ranking["accounts"]
        assert len(accounts) == len(doc["accounts"])
        assert {a["previous"]["at"] for a in accounts} == {previous}
        assert all(a["composite_change"] is not None and a["rank_change"] is not None
                   for a in accounts)
        assert any(a["rank_change"] != 0 for a in accounts)


def test_addresses_for_capture_leave_the_rest_as_the_seed_makes_it() -> None:
    plain, addressed = generate(seed=3, today=TODAY), generate(seed=3, today=TODAY, emails=True)
    assert addressed["employees"][0]["emails"] == [f"{addressed['employees'][0]['id']}@ours.example"]
    contact = addressed["contacts"][0]
    assert contact["emails"] == [f"{contact['id']}@{contact['account_id']}.example"]
    for part in ("employees", "contacts"):
        for item in addressed[part]:
            item.pop("emails")
    assert addressed == plain
    assert parse_document(generate(seed=3, today=TODAY, emails=True)).problems == []
