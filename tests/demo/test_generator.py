"""The demo generator: seeded, scalable, valid, and importable through the API."""

from collections import Counter
from datetime import date

from fastapi.testclient import TestClient
from neo4j import Driver

from app.demo.generator import generate
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
    types = Counter(r["type"] for r in doc["relationships"])
    assert set(types) == {"REPORTS_TO", "INFLUENCES", "OWNS", "IN_DECISION_CHAIN", "COMPETES_ON",
                          "LEVERAGED"}
    days = sorted(a["at"] for a in doc["assessments"])
    span = date.fromisoformat(days[-1]) - date.fromisoformat(days[0])
    assert span.days >= 450, "about 18 months of assessments"


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
