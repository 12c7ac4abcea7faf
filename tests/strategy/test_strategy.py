"""The five ESP+ strategies in the order of docs/domain.md section 8, and the action lists,
on hand-built accounts."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import AUTH

D, MONTH_BEFORE = "2026-03-31", "2026-02-28"


def account(people: int, now: str | list[str], before: str | list[str] | None = None, *,
            complete: bool = True, focus: bool = False, esp: bool = False) -> dict[str, Any]:
    """An account whose key persons hold attitude `now` on D (and `before` a month earlier);
    a list gives each person's own attitude. With `esp`, the account has ESP+ scores: alone in
    the graph, its scores are every percentile of the grid, so it is medium x medium, class D."""
    ids = [f"p{i}" for i in range(people)]
    assessments = []
    for at, attitude in ((MONTH_BEFORE, before), ("2026-03-15", now)):
        if attitude:
            each = attitude if isinstance(attitude, list) else [attitude] * people
            assessments += [{"contact_id": c, "at": at, "closeness": a, "solution": a, "price": a,
                             "veto": False, "approver": c == "p0"} for c, a in zip(ids, each, strict=True)]
    if not complete:  # p0's price was never assessed
        for a in assessments:
            if a["contact_id"] == "p0":
                a.pop("price")
    return {
        "accounts": [{"id": "a1", "name": "华东电网", "focus": focus,
                      **({"esp_sales": 40, "esp_potential": 40} if esp else {})}],
        "employees": [{"id": "owner", "name": "李明"}, {"id": "colleague", "name": "赵敏"}],
        "contacts": [{"id": c, "account_id": "a1", "name": c, "key_person": True,
                      "top_of_hierarchy": True, "no_known_influencer": True} for c in ids],
        "relationships": [{"type": "OWNS", "from": "owner", "to": "a1"}],
        "assessments": assessments,
    }


def strategy(client: TestClient, doc: dict[str, Any]) -> dict[str, Any]:
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    response = client.get("/v1/accounts/a1/strategy", headers=AUTH, params={"as_of": D})
    assert response.status_code == 200, response.text
    return dict(response.json())


@pytest.mark.parametrize(("doc", "expected"), [
    (account(2, "support", complete=False), "acquisition"),
    (account(3, "neutral", before="strong_support"), "recovery"),  # fell by 2 points
    # wait_and_see also needs resource class D (docs/domain.md section 8).
    (account(3, "strong_oppose", before="strong_oppose", esp=True), "wait_and_see"),
    (account(3, "support", before="support"), "retention"),
    (account(3, "oppose", before="oppose", esp=True), "wait_and_see"),  # an average of -1 is poor
    # Averages -2/3 are medium: neither poor nor good.
    (account(3, ["oppose", "oppose", "neutral"], before=["oppose", "oppose", "neutral"]), "upgrade"),
], ids=["acquisition", "recovery", "wait_and_see", "retention", "poor_edge", "upgrade"])
def test_strategy_in_order(client: TestClient, doc: dict[str, Any], expected: str) -> None:
    body = strategy(client, doc)
    assert body["strategy"] == expected, body["facts"]
    assert body["tactics"] and body["tactics_zh"] and body["facts"]["trigger"]


def test_a_partial_graph_is_upgrade_even_when_everyone_supports(client: TestClient) -> None:
    body = strategy(client, account(4, "support", before="support", complete=False))
    assert body["facts"]["complete"] is False and body["facts"]["fully_known_share"] == 0.75
    assert body["strategy"] == "upgrade"


def test_recovery_facts_show_the_drop(client: TestClient) -> None:
    body = strategy(client, account(3, "neutral", before="strong_support"))
    assert body["facts"]["month_on_month_drop"] == {"closeness": 2.0, "solution": 2.0, "price": 2.0}
    assert body["facts"]["averages"]["closeness"] == 0.0
    assert body["facts"]["previous_month_averages"]["closeness"] == 2.0


def test_two_fully_known_key_persons_are_not_acquisition(client: TestClient) -> None:
    assert strategy(client, account(2, "support"))["strategy"] == "upgrade"


def test_unknown_account_is_404(client: TestClient) -> None:
    assert client.get("/v1/accounts/none/strategy", headers=AUTH).status_code == 404
    assert client.get("/v1/accounts/none/actions", headers=AUTH).status_code == 404


def test_account_actions_follow_the_principles(client: TestClient) -> None:
    doc = account(3, "support", before="support", focus=True)
    doc["contacts"].append({"id": "gap", "account_id": "a1", "name": "gap", "key_person": True})
    doc["assessments"] += [
        {"contact_id": "p1", "at": "2026-03-20", "price": "oppose"},
        {"contact_id": "p2", "at": "2026-03-20", "closeness": "neutral", "veto": True},
    ]
    doc["relationships"] += [
        {"type": "INFLUENCES", "from": "colleague", "to": "gap", "strength": 0.9},
        {"type": "INFLUENCES", "from": "colleague", "to": "p1", "strength": 0.6},
    ]
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    body = client.get("/v1/accounts/a1/actions", headers=AUTH, params={"as_of": D}).json()
    items = {(a["principle"], a["contact_id"]) for a in body["actions"]}
    assert ("hundred_percent", "gap") in items  # a focus account: contact everyone, know everything
    assert ("fix_short_boards", "p1") in items  # opposes on price
    # Breakthrough is about focus decision chains (tests/kpis/test_breakthrough.py): the
    # account has no deal, so its neutral veto holder p2 is not one.
    assert not any(principle == "breakthrough" for principle, _ in items)
    assert ("all_staff_participation", "gap") in items  # owner has no path, a colleague has
    gap = next(a for a in body["actions"] if a["principle"] == "hundred_percent" and a["contact_id"] == "gap")
    assert set(gap["gaps"]) >= {"closeness", "solution", "price", "veto", "approver", "contact",
                                "reporting_relationship"}
    assert "influence_relationship" not in gap["gaps"]  # the colleague's edge is on record
    assert [h["employee_id"] for h in gap["helpers"]] == ["colleague"]
    short = next(a for a in body["actions"] if a["principle"] == "fix_short_boards")
    assert short["gaps"] == ["price"] and short["helpers"][0]["strength"] == 0.6


@pytest.mark.parametrize(("sales", "potential", "resource_class", "expected"), [
    (100, 100, "A", "upgrade"), (100, 40, "B", "upgrade"), (40, 40, "D", "wait_and_see"),
    (None, None, "unknown", "upgrade")])
def test_wait_and_see_needs_resource_class_d(client: TestClient, sales: float | None,
                                             potential: float | None, resource_class: str,
                                             expected: str) -> None:
    """A complete graph whose key persons all strongly oppose us (every average -2, poor),
    among two other accounts with ESP+ scores (20, 20) and (60, 60)."""
    doc = account(3, "strong_oppose", before="strong_oppose")
    if sales is not None:
        doc["accounts"][0] |= {"esp_sales": sales, "esp_potential": potential}
    doc["accounts"] += [{"id": "x1", "name": "x1", "esp_sales": 20, "esp_potential": 20},
                        {"id": "x2", "name": "x2", "esp_sales": 60, "esp_potential": 60}]
    body = strategy(client, doc)
    # Cuts at the 33rd and 67th percentiles, h = 2 x .33 = .66 and 1.34:
    # of 20 60 100: 20 + .66 x 40 = 46.4 and 60 + .34 x 40 = 73.6 (100 is high);
    # of 20 40 60: 20 + .66 x 20 = 33.2 and 40 + .34 x 20 = 46.8 (40 is medium).
    # (100, 100) high-high A; (100, 40) high-medium B; (40, 40) medium-medium D;
    # no scores: unknown. Only D waits and sees; the others fall through to upgrade.
    assert (body["resource_class"], body["strategy"]) == (resource_class, expected), body["facts"]
    assert body["facts"]["resource_class"] == resource_class
    assert body["facts"]["tiers"] == {"closeness": "poor", "solution": "poor", "price": "poor"}
    if expected == "upgrade":
        assert body["facts"]["trigger"] == (
            f"poor averages (closeness, solution, price) but resource class {resource_class}")
