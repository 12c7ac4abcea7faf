"""Every date and date-time query parameter, across the whole calendar: never a 5xx; outside
the documented range a 422 problem naming the parameter, inside it an answer."""

from datetime import date, datetime, time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from app.dates import EARLIEST, LATEST
from app.db.cypher import q
from app.demo.generator import generate
from app.main import app
from tests.conftest import AUTH

TODAY = date(2026, 11, 23)
# The kind of id each path parameter names, by the collection the path starts with.
KINDS = {"/v1/accounts/": "accounts", "/v1/contacts/": "contacts",
         "/v1/opportunities/": "opportunities", "/v1/competitors/": "competitors",
         "/v1/employees/": "employees"}


def date_routes(schema: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(path, parameter, format) of every GET route with a date or date-time query parameter."""
    found = []
    for path, item in schema["paths"].items():
        for parameter in item.get("get", {}).get("parameters", []):
            formats = {s.get("format") for s in parameter["schema"].get("anyOf", [parameter["schema"]])}
            for fmt in formats & {"date", "date-time"}:
                if parameter["in"] == "query":
                    found.append((path, parameter["name"], fmt))
    return found


ROUTES = date_routes(app.openapi())


def test_the_walk_finds_the_date_parameters() -> None:
    paths = {path for path, *_ in ROUTES}
    assert len(paths) >= 16 and "/v1/audit" in paths and "/v1/kpis/trend" in paths


@pytest.fixture(scope="module")
def ids(app_client: TestClient, raw_driver: Driver) -> dict[str, str]:
    """An id of each kind in a small demo graph, so that every route gets to its figures."""
    with raw_driver.session(database="neo4j") as session:
        session.run(q("admin/wipe_data")).consume()
    doc = generate(scale=0.2, seed=5, today=TODAY)
    assert app_client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    chain = next(r for r in doc["relationships"] if r["type"] == "IN_DECISION_CHAIN")
    return {"accounts": doc["accounts"][0]["id"], "contacts": chain["from"],
            "opportunities": chain["to"], "competitors": doc["competitors"][0]["id"],
            "employees": doc["employees"][0]["id"]}


def concrete(path: str, ids: dict[str, str]) -> str:
    if "{" not in path:
        return path
    kind = next(kind for prefix, kind in KINDS.items() if path.startswith(prefix))
    return path.replace("{id}", ids[kind])


@pytest.mark.parametrize(("path", "name", "fmt"), ROUTES, ids=[f"{p}?{n}" for p, n, _ in ROUTES])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(day=st.dates(min_value=date.min, max_value=date.max), at=st.times(),
       offset=st.sampled_from(["", "Z", "+14:00", "-12:00", "+05:30"]))
@example(day=date.min, at=time.min, offset="")
@example(day=date.min, at=time.min, offset="+14:00")
@example(day=date.max, at=time(23, 59, 59), offset="")
@example(day=date.max, at=time(23, 59, 59), offset="-12:00")
@example(day=EARLIEST, at=time.min, offset="+14:00")
@example(day=LATEST, at=time(23, 59, 59), offset="-12:00")
def test_dates_across_the_calendar_never_give_a_server_error(
        app_client: TestClient, ids: dict[str, str], path: str, name: str, fmt: str,
        day: date, at: time, offset: str) -> None:
    value = day.isoformat() if fmt == "date" else datetime.combine(day, at).isoformat() + offset
    response = app_client.get(concrete(path, ids), params={name: value}, headers=AUTH)
    assert response.status_code < 500, (value, response.text)
    if EARLIEST <= day <= LATEST:
        assert response.status_code == 200, (value, response.text)
    else:
        assert response.status_code == 422, (value, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert [e["path"] for e in response.json()["errors"]] == [name]


@pytest.mark.parametrize("value", ["20261201", "1733011200", " 20261201 ", "-1", "+20261201",
                                   "1.7e9", "20261201.5"])
def test_a_number_is_no_date(app_client: TestClient, value: str) -> None:
    """Not read as seconds since 1970 (and refused as a moment with a time of day)."""
    for path, name in (("/v1/kpis/influence", "as_of"), ("/v1/audit", "since")):
        response = app_client.get(path, params={name: value}, headers=AUTH)
        assert response.status_code == 422, (path, response.text)
        assert [(e["path"], e["code"]) for e in response.json()["errors"]] == [(name, "not_a_date")]
    document = {"activities": [{"id": "x", "at": 20261201, "type": "call", "employee_ids": ["e"],
                                "contact_ids": ["c"]}]}
    refused = app_client.post("/v1/import", json=document, headers=AUTH)
    assert refused.status_code == 422
    assert "not_a_date" in {e["code"] for e in refused.json()["errors"]}
