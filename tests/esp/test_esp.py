"""ESP+ identification (docs/domain.md section 13): composite scores with per-industry weights,
weight-0 factors that may be missing, top X% per industry, override, the 3x3 grid of classes."""

from fastapi.testclient import TestClient

from app.main import create_app
from tests.conftest import AUTH, settings_for
from tests.servers import Server


def account(id_: str, industry: str, scores: tuple[float | None, ...], **extra: object) -> dict[str, object]:
    names = ("esp_sales", "esp_potential", "esp_demonstration", "esp_winnable")
    return {"id": id_, "name": id_, "industry": industry,
            **{n: s for n, s in zip(names, scores, strict=True) if s is not None}, **extra}


def test_ranking_weights_override_and_classes(client: TestClient) -> None:
    doc = {"accounts": [
        account("b1", "banking", (80, 20, 50, 90)),
        account("b2", "banking", (90, 90, 90, 10)),
        account("e1", "energy", (60, 70, 40, 50)),
        account("e2", "energy", (30, 20, 10, 20), key_account_override=True),
        account("e3", "energy", (40, 80, 30, None)),
    ]}
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    weights = {"sales": 0.1, "potential": 0.1, "demonstration": 0.1, "winnable": 0.7}
    assert client.put("/v1/esp/weights/banking", json=weights, headers=AUTH).status_code == 200

    body = client.get("/v1/esp/accounts", headers=AUTH, params={"top_percent": 50}).json()
    rows = {a["account_id"]: a for a in body["accounts"]}
    # banking: 0.1*80 + 0.1*20 + 0.1*50 + 0.7*90 = 78; 0.1*90*3 + 0.7*10 = 34.
    # energy (defaults .4 .3 .1 .2): 24 + 21 + 4 + 10 = 59; 12 + 6 + 1 + 4 = 23.
    assert [(a["account_id"], a["composite"]) for a in body["accounts"]] == [
        ("b1", 78.0), ("e1", 59.0), ("b2", 34.0), ("e2", 23.0), ("e3", None)]
    # Top 50% of the four scored accounts: b1 and e1; e2 by manual override.
    assert {a for a, r in rows.items() if r["key_account"]} == {"b1", "e1", "e2"}
    assert rows["e2"]["overridden"] is True and rows["e3"]["rank"] is None
    # The 3x3 grid, cut at the 33rd and 67th percentiles (linear interpolation, h = (n-1) p):
    # sales 30 40 60 80 90: h = 1.32 -> 40 + .32*20 = 46.4, h = 2.68 -> 60 + .68*20 = 73.6;
    # potential 20 20 70 80 90: 20 + .32*50 = 36, 70 + .68*10 = 76.8.
    # b1 (80 high, 20 low) B; b2 (90 high, 90 high) A; e1 (60 medium, 70 medium) D;
    # e2 (30 low, 20 low) D; e3 (40 low, 80 high) C.
    assert body["cuts"] == {"contribution": [46.4, 73.6], "potential": [36.0, 76.8]}
    assert {a: r["resource_class"] for a, r in rows.items()} == {
        "b1": "B", "b2": "A", "e1": "D", "e2": "D", "e3": "C"}
    assert rows["e1"]["grid"] == {"contribution": "medium", "potential": "medium"}


def test_weights_must_sum_to_one(client: TestClient) -> None:
    bad = {"sales": 0.5, "potential": 0.3, "demonstration": 0.1, "winnable": 0.2}
    response = client.put("/v1/esp/weights/energy", json=bad, headers=AUTH)
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert "sum to 1" in error["message"]
    assert (error["code"], error["params"]) == ("weights_sum", {"total": 1.1})  # a number
    assert client.get("/v1/esp/weights", headers=AUTH).json() == []


def ranking(client: TestClient, **params: object) -> dict[str, dict[str, object]]:
    response = client.get("/v1/esp/accounts", headers=AUTH, params=params)
    assert response.status_code == 200, response.text
    return {a["account_id"]: a for a in response.json()["accounts"]}


def test_a_factor_weighted_zero_may_be_missing(client: TestClient) -> None:
    doc = {"accounts": [
        account("r1", "retail", (80, 60, None, None)),
        account("r2", "retail", (40, 90, None, 100)),
        account("r3", "retail", (95, None, 90, 90)),
        account("e1", "energy", (80, 60, 50, None)),
    ]}
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    weights = {"sales": 0.5, "potential": 0.5, "demonstration": 0, "winnable": 0}
    assert client.put("/v1/esp/weights/retail", json=weights, headers=AUTH).status_code == 200
    rows = ranking(client)
    # retail weighs only sales and potential: r1 .5*80 + .5*60 = 70; r2 .5*40 + .5*90 = 65
    # (its winnable of 100 weighs 0); r3 lacks potential, weighted .5: no composite.
    # energy's default weights give winnable .2, so e1, missing it, has none either.
    assert {a: (r["composite"], r["rank"]) for a, r in rows.items()} == {
        "r1": (70.0, 1), "r2": (65.0, 2), "r3": (None, None), "e1": (None, None)}
    assert rows["r1"]["scores"] == {"sales": 80, "potential": 60, "demonstration": None,
                                    "winnable": None}


def test_key_accounts_per_industry_with_a_threshold_of_its_own(client: TestClient) -> None:
    # Every factor equal, so each composite is that score.
    doc = {"accounts": [account(i, industry, (s, s, s, s)) for i, industry, s in [
        ("b1", "banking", 90), ("b2", "banking", 85), ("b3", "banking", 50), ("b4", "banking", 40),
        ("e1", "energy", 80), ("e2", "energy", 70), ("e3", "energy", 60),
        ("r1", "retail", 95), ("r2", "retail", 30)]]}
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    for industry, share in (("banking", 50), ("energy", 34)):
        response = client.put(f"/v1/esp/thresholds/{industry}", json={"top_percent": share},
                              headers=AUTH)
        assert response.json() == {"industry": industry, "top_percent": share}
    assert client.get("/v1/esp/thresholds", headers=AUTH).json() == [
        {"industry": "banking", "top_percent": 50.0}, {"industry": "energy", "top_percent": 34.0}]

    rows = ranking(client)
    # banking: ceil(4 x 50 / 100) = 2 of b1 b2 b3 b4; energy: ceil(3 x 34 / 100) = ceil(1.02) = 2
    # of e1 e2 e3; retail has no threshold: the default 20% of the rest, r1 r2,
    # ceil(2 x 20 / 100) = 1. (One company-wide 20% would be ceil(9 x .2) = 2: r1 and b1.)
    assert {a for a, r in rows.items() if r["key_account"]} == {"b1", "b2", "e1", "e2", "r1"}
    assert {a: (r["rank"], r["peer_rank"], r["top_percent"]) for a, r in rows.items()} == {
        "r1": (1, 1, 20.0), "b1": (2, 1, 50.0), "b2": (3, 2, 50.0), "e1": (4, 1, 34.0),
        "e2": (5, 2, 34.0), "e3": (6, 3, 34.0), "b3": (7, 3, 50.0), "b4": (8, 4, 50.0),
        "r2": (9, 2, 20.0)}

    # Without its threshold energy joins retail's pool: ceil(5 x 20 / 100) = 1, r1 alone.
    assert client.delete("/v1/esp/thresholds/energy", headers=AUTH).status_code == 204
    assert client.delete("/v1/esp/thresholds/energy", headers=AUTH).status_code == 404
    rows = ranking(client)
    assert {a for a, r in rows.items() if r["key_account"]} == {"b1", "b2", "r1"}
    assert (rows["e1"]["peer_rank"], rows["e1"]["top_percent"]) == (2, 20.0)
    # The top_percent parameter replaces the default only: 60% of 5 is 3 (r1 e1 e2).
    rows = ranking(client, top_percent=60)
    assert {a for a, r in rows.items() if r["key_account"]} == {"b1", "b2", "r1", "e1", "e2"}


def test_resource_classes_on_the_three_by_three_grid(client: TestClient) -> None:
    cells = {"g1": (10, 10), "g2": (20, 50), "g3": (30, 90), "g4": (40, 20), "g5": (50, 60),
             "g6": (60, 80), "g7": (70, 30), "g8": (80, 40), "g9": (90, 70)}
    doc = {"accounts": [account(i, "energy", (s, p, 50, 50)) for i, (s, p) in cells.items()]
           + [account("g0", "energy", (None, None, 50, 50))]}
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    body = client.get("/v1/esp/accounts", headers=AUTH).json()
    # Sales and potential are each 10, 20, ..., 90 over the nine accounts that have them:
    # 33rd percentile at h = 8 x .33 = 2.64, 30 + .64 x 10 = 36.4; 67th at h = 5.36, 63.6.
    # Below 36.4 low, above 63.6 high, else medium.
    assert body["cuts"] == {"contribution": [36.4, 63.6], "potential": [36.4, 63.6]}
    rows = {a["account_id"]: a for a in body["accounts"]}
    grid = {a: (r["grid"]["contribution"], r["grid"]["potential"]) if r["grid"] else None
            for a, r in rows.items()}
    assert grid == {
        "g1": ("low", "low"), "g2": ("low", "medium"), "g3": ("low", "high"),
        "g4": ("medium", "low"), "g5": ("medium", "medium"), "g6": ("medium", "high"),
        "g7": ("high", "low"), "g8": ("high", "medium"), "g9": ("high", "high"), "g0": None}
    # Folded: A high-high; B high contribution; C high potential; D the rest.
    assert {a: r["resource_class"] for a, r in rows.items()} == {
        "g9": "A", "g7": "B", "g8": "B", "g3": "C", "g6": "C",
        "g1": "D", "g2": "D", "g4": "D", "g5": "D", "g0": "unknown"}


def test_the_grid_is_cut_at_the_configured_percentiles(client: TestClient,
                                                       neo4j_server: Server) -> None:
    doc = {"accounts": [account("x1", "energy", (10, 90, 50, 50)),
                        account("x2", "energy", (60, 60, 50, 50)),
                        account("x3", "energy", (90, 10, 50, 50))]}
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    # Scores 10 60 90 (both). Defaults: h = 2 x .33 = .66, 10 + .66 x 50 = 43; h = 1.34,
    # 60 + .34 x 30 = 70.2: x2 is medium x medium, D.
    assert ranking(client)["x2"]["resource_class"] == "D"
    # At the 10th and 40th: h = .2, 10 + .2 x 50 = 20; h = .8, 10 + .8 x 50 = 50: x2 high-high.
    settings = settings_for(neo4j_server, esp_grid_low_percentile=10,
                            esp_grid_high_percentile=40)
    with TestClient(create_app(settings)) as other:
        body = other.get("/v1/esp/accounts", headers=AUTH).json()
    assert body["cuts"] == {"contribution": [20.0, 50.0], "potential": [20.0, 50.0]}
    assert {a["account_id"]: a["resource_class"] for a in body["accounts"]} == {
        "x1": "C", "x2": "A", "x3": "B"}
