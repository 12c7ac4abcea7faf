"""Money and periods, worked out by hand: one reporting currency (CNY, the default setting)
with dated USD rates, and the contribution's period, the calendar year to date by default or a
trailing window, around a year boundary with month-on-month and year-on-year.

Rates of USD (units of CNY per dollar): 7.0 from 2025-01-01, 7.2 from 2025-07-01, 7.5 from
2026-02-01. Won deals (amount as stored -> in CNY with the rate of the close date):

    c0  CNY 130  closed 2025-01-20                    130
    u0  USD  10  closed 2025-02-01  leveraged   10 x 7.0 =   70
    u1  USD 100  closed 2025-03-10  leveraged  100 x 7.0 =  700
    u2  USD 100  closed 2025-07-01              100 x 7.2 =  720  (the new rate's own day)
    c1  CNY 1000 closed 2025-12-20  leveraged               1000
    c2  CNY 500  closed 2026-01-10                           500
    u3  USD  50  closed 2026-02-05  leveraged   50 x 7.5 =  375  (the 2026 rate, not 7.2)

D = 2026-02-15; a month before 2026-01-15; a year before 2025-02-15.
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.main import create_app
from tests.conftest import AUTH, count, graph_fingerprint, ready, settings_for
from tests.servers import Server

D = "2026-02-15"
RATES = [{"currency": "USD", "at": "2025-01-01", "rate": 7.0},
         {"currency": "USD", "at": "2025-07-01", "rate": 7.2},
         {"currency": "USD", "at": "2026-02-01", "rate": 7.5}]


def won(deal_id: str, account: str, amount: float, currency: str, closed: str) -> dict[str, Any]:
    return {"id": deal_id, "account_id": account, "name": deal_id, "amount": amount,
            "currency": currency, "status": "won", "created_at": "2024-12-01",
            "closed_at": closed}


def scenario() -> dict[str, Any]:
    return {
        "accounts": [{"id": "a1", "name": "华东电网"}, {"id": "a2", "name": "江苏农商银行"}],
        "employees": [{"id": "e1", "name": "李明"}],
        "opportunities": [
            won("c0", "a1", 130, "CNY", "2025-01-20"), won("u0", "a1", 10, "USD", "2025-02-01"),
            won("u1", "a2", 100, "USD", "2025-03-10"), won("u2", "a2", 100, "USD", "2025-07-01"),
            won("c1", "a1", 1000, "CNY", "2025-12-20"), won("c2", "a2", 500, "CNY", "2026-01-10"),
            won("u3", "a1", 50, "usd", "2026-02-05"),  # a currency's case does not matter
            # Open: o1 USD 100 at a1 since 2025-06-01; o2 CNY 200 at a2, always.
            {"id": "o1", "account_id": "a1", "name": "o1", "amount": 100, "currency": "USD",
             "created_at": "2025-06-01"},
            {"id": "o2", "account_id": "a2", "name": "o2", "amount": 200},
        ],
        "relationships": [{"type": "OWNS", "from": "e1", "to": "a1"},
                          {"type": "OWNS", "from": "e1", "to": "a2"},
                          *({"type": "LEVERAGED", "from": "e1", "to": o}
                            for o in ("u0", "u1", "c1", "u3"))],
        "exchange_rates": RATES,
    }


@pytest.fixture
def money(client: TestClient) -> TestClient:
    response = client.post("/v1/import", json=scenario(), headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["counts"]["exchange_rates"] == 3
    return client


def get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(f"/v1/kpis/{path}", headers=AUTH, params={"as_of": D, **params})
    assert response.status_code == 200, response.text
    return dict(response.json())


def r(v: float | None) -> float | None:
    return None if v is None else round(v, 6)


def triple(metric: dict[str, Any]) -> tuple[Any, Any, Any]:
    return r(metric["value"]), r(metric["previous_month"]), r(metric["previous_year"])


def test_year_to_date_by_default_each_date_its_own_year(money: TestClient) -> None:
    body = get(money, "influence")
    assert (body["period"], body["period_start"], body["period_days"]) == ("ytd", "2026-01-01", 46)
    assert body["currency"] == "CNY" and body["unconverted_deals"] == 0
    # D, 2026-01-01..2026-02-15: c2 500, u3 375 (leveraged): 1/2; 375 / (500 + 375) = 375/875.
    # A month before, 2026-01-01..2026-01-15: c2 alone, not leveraged: 0/1; 0/500.
    # A year before, 2025-01-01..2025-02-15: c0 130, u0 70 (leveraged): 1/2; 70/200 = 0.35.
    count_, amount = body["contribution_count"], body["contribution_amount"]
    assert triple(count_) == (0.5, 0.0, 0.5)
    assert (r(count_["mom_change"]), r(count_["yoy_change"])) == (0.5, 0.0)
    assert triple(amount) == (r(375 / 875), 0.0, 0.35)
    assert (amount["numerator"], amount["denominator"]) == (375.0, 875.0)
    assert r(amount["mom_change"]) == r(375 / 875)
    assert r(amount["yoy_change"]) == r(375 / 875 - 0.35)
    assert get(money, "influence", period="ytd") == body


def test_a_trailing_window_when_asked_for(money: TestClient) -> None:
    body = get(money, "influence", period_days=365)
    assert get(money, "influence", period="days") == body  # 365 days unless told
    assert (body["period"], body["period_start"], body["period_days"]) == ("days", "2025-02-16", 365)
    # D, (2025-02-15, 2026-02-15]: u1 700 L, u2 720, c1 1000 L, c2 500, u3 375 L: 3/5 = 0.6;
    #   (700 + 1000 + 375) / (700 + 720 + 1000 + 500 + 375) = 2075/3295.
    # A month before, (2025-01-15, 2026-01-15]: c0 130, u0 70 L, u1 700 L, u2 720, c1 1000 L,
    #   c2 500: 3/6 = 0.5; (70 + 700 + 1000) / (130 + 70 + 700 + 720 + 1000 + 500) = 1770/3120.
    # A year before, (2024-02-15, 2025-02-15]: c0, u0 L: 1/2; 70/200.
    assert triple(body["contribution_count"]) == (0.6, 0.5, 0.5)
    amount = body["contribution_amount"]
    assert triple(amount) == (r(2075 / 3295), r(1770 / 3120), 0.35)
    assert (amount["numerator"], amount["denominator"]) == (2075.0, 3295.0)
    # A window shorter than the year to date: (2026-01-16, 2026-02-15]: u3 alone, 1/1.
    month = get(money, "influence", period_days=30)
    assert triple(month["contribution_count"])[0] == 1.0
    # Both at once contradict each other.
    both = money.get("/v1/kpis/influence", headers=AUTH,
                     params={"as_of": D, "period": "ytd", "period_days": 30})
    assert both.status_code == 422
    assert [e["path"] for e in both.json()["errors"]] == ["period_days"]
    assert both.json()["detail"] == "1 validation error(s)"  # a read writes nothing anyway


def test_the_year_to_date_starts_again_on_january_first(money: TestClient) -> None:
    # 2025-12-31: the whole of 2025: c0 130, u0 70 L, u1 700 L, u2 720, c1 1000 L: 3/5 and
    # (70 + 700 + 1000) / (130 + 70 + 700 + 720 + 1000) = 1770/2620.
    last = get(money, "influence", as_of="2025-12-31")
    assert r(last["contribution_count"]["value"]) == 0.6
    assert r(last["contribution_amount"]["value"]) == r(1770 / 2620)
    # 2026-01-01: nothing won yet this year: no ratio (0 of 0); the trailing window still has
    # (2025-01-01, 2026-01-01]: the same five deals.
    first = get(money, "influence", as_of="2026-01-01")
    assert first["contribution_count"]["value"] is None
    assert first["contribution_count"]["denominator"] == 0
    assert first["period_days"] == 1
    trailing = get(money, "influence", as_of="2026-01-01", period_days=365)
    assert r(trailing["contribution_amount"]["value"]) == r(1770 / 2620)


def test_the_trend_gives_each_month_its_own_year_to_date(money: TestClient) -> None:
    body = get(money, "trend", months=3)
    assert (body["period"], body["currency"]) == ("ytd", "CNY")
    points = {p["as_of"]: p for p in body["points"]}
    assert list(points) == ["2025-12-15", "2026-01-15", D]
    # 2025-12-15: c0, u0 L, u1 L, u2 (c1 closes on the 20th): 2/4; 770/1620.
    assert r(points["2025-12-15"]["contribution_count"]) == 0.5
    assert r(points["2025-12-15"]["contribution_amount"]) == r(770 / 1620)
    assert points["2026-01-15"]["contribution_amount"] == 0.0
    assert r(points[D]["contribution_amount"]) == r(375 / 875)
    trailing = get(money, "trend", months=3, period_days=365)
    assert trailing["period"] == "days"
    assert r(trailing["points"][-1]["contribution_amount"]) == r(2075 / 3295)


def test_open_amounts_are_converted_with_the_rate_of_the_date(money: TestClient) -> None:
    body = get(money, "customers")
    assert body["currency"] == "CNY"
    rows = {a["account_id"]: a for a in body["account_list"]}
    # A deal is open on a date when created by then and not closed by then, and converted with
    # the rate of that date. a1 on D: o1 (USD 100) at 7.5 = 750. A month before (2026-01-15)
    # also u3 (USD 50, won on 2026-02-05), both at 7.2: 720 + 360 = 1080; change -330.
    assert rows["a1"]["open_amount"] == {"value": 750.0, "previous_month": 1080.0,
                                         "mom_change": -330.0}
    assert rows["a2"]["open_amount"]["value"] == 200.0  # o2, in CNY
    # 2025-06-15, at 7.0 (7.2 starts on 2025-07-01): a1 o1 700 + c1 1000 + u3 50 x 7.0 = 350,
    # 2050; a2 o2 200 + u2 100 x 7.0 = 700 + c2 500, 1400.
    june = {a["account_id"]: a for a in get(money, "customers", as_of="2025-06-15")["account_list"]}
    assert (june["a1"]["open_amount"]["value"], june["a2"]["open_amount"]["value"]) == (
        2050.0, 1400.0)


def test_a_deal_without_a_rate_is_refused_and_nothing_is_written(client: TestClient,
                                                                  raw_driver: Driver) -> None:
    assert client.post("/v1/import", json={
        "accounts": [{"id": "a1", "name": "华东电网"}],
        "exchange_rates": [{"currency": "USD", "at": "2025-07-01", "rate": 7.2}]},
        headers=AUTH).status_code == 200
    before = graph_fingerprint(raw_driver)
    doc = {
        "opportunities": [
            # USD's first rate (2025-07-01) is after this close date.
            won("x1", "a1", 100, "USD", "2025-03-01"),
            won("x2", "a1", 100, "EUR", "2025-08-01"),  # no EUR rate at all
            {"id": "x3", "account_id": "a1", "name": "x3", "amount": 5, "currency": "JPY",
             "created_at": "2025-01-01"},  # open: needs a rate by its creation date
            won("x4", "a1", 100, "USD", "2025-08-01"),  # fine: the stored 2025-07-01 rate
            {**won("x5", "a1", 0, "GBP", "2025-08-01"), "amount": None},  # no amount to convert
            won("x6", "a1", 100, "HKD", "2025-08-01"),  # fine: the document's own HKD rate
            won("x7", "a1", 100, "HKD", "2025-05-31"),  # the day before it
        ],
        "exchange_rates": [{"currency": "HKD", "at": "2025-06-01", "rate": 0.92},
                           {"currency": "CNY", "at": "2025-06-01", "rate": 1.0}],
    }
    refused = client.post("/v1/import", json=doc, headers=AUTH)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    errors = refused.json()["errors"]
    assert [e["path"] for e in errors] == [
        "exchange_rates[1].currency", "opportunities[0].currency", "opportunities[1].currency",
        "opportunities[2].currency", "opportunities[6].currency"]
    assert "on or before 2025-03-01" in errors[1]["message"]
    assert "EUR" in errors[2]["message"] and "JPY" in errors[3]["message"]
    assert graph_fingerprint(raw_driver) == before
    # One item at a time, the same rule; its own fields named.
    one = client.post("/v1/opportunities", json=won("x1", "a1", 100, "USD", "2025-03-01"),
                      headers=AUTH)
    assert one.status_code == 422
    assert [e["path"] for e in one.json()["errors"]] == ["currency"]
    assert graph_fingerprint(raw_driver) == before
    # With a rate stored first, the deal is written.
    assert client.post("/v1/exchange-rates", json={"currency": "USD", "at": "2025-01-01",
                                                   "rate": 7.0}, headers=AUTH).status_code == 200
    assert client.post("/v1/opportunities", json=won("x1", "a1", 100, "USD", "2025-03-01"),
                       headers=AUTH).status_code == 200


def test_rates_are_upserted_by_currency_and_day(client: TestClient, raw_driver: Driver) -> None:
    for rate in (7.1, 7.3, 7.3):
        assert client.post("/v1/import", json={"exchange_rates": [
            {"currency": "USD", "at": "2025-01-01", "rate": rate}]},
            headers=AUTH).status_code == 200
    assert count(raw_driver, "MATCH (r:ExchangeRate) RETURN collect([r.currency, r.at.year, "
                             "r.rate])") == [["USD", 2025, 7.3]]
    bad = client.post("/v1/import", json={"exchange_rates": [
        {"currency": "usd", "at": "2025-01-01", "rate": 7.0},
        {"currency": "USD", "at": "2025-01-01", "rate": 0}]}, headers=AUTH)
    assert bad.status_code == 422
    assert [e["path"] for e in bad.json()["errors"]] == ["exchange_rates[0].currency",
                                                         "exchange_rates[1].rate"]


def test_rates_from_a_spreadsheet(client: TestClient, raw_driver: Driver) -> None:
    sheet = "currency,at,rate\nUSD,2025-01-01,7.0\nEUR,2025-01-01,7.8\n"
    response = client.post("/v1/import/exchange_rates", content=sheet.encode(),
                           headers={**AUTH, "content-type": "text/csv"})
    assert response.status_code == 200, response.text
    assert response.json()["counts"]["exchange_rates"] == 2
    assert count(raw_driver, "MATCH (r:ExchangeRate) RETURN count(r)") == 2
    wrong = client.post("/v1/import/exchange_rates", content=b"currency,at,rate\nCNY,2025-01-01,1\n",
                        headers={**AUTH, "content-type": "text/csv"})
    assert wrong.status_code == 422
    [error] = wrong.json()["errors"]
    assert (error["row"], error["column"]) == (2, "currency")


def test_after_the_reporting_currency_changes_deals_without_a_rate_add_no_amount(
        money: TestClient, neo4j_server: Server) -> None:
    """The same graph read by a service whose reporting currency is USD: the USD deals count as
    stored; the CNY ones have no CNY rate (none could be imported while CNY was the reporting
    currency), so they are counted with no amount and said to be unconverted."""
    with TestClient(create_app(settings_for(neo4j_server, reporting_currency="USD")),
                    raise_server_exceptions=False) as other:
        body = get(ready(other), "influence")
        # D, 2026-01-01..2026-02-15: c2 (CNY, unconverted: 0), u3 USD 50 leveraged: 1/2 and
        # 50/50; a month before, c2 alone: 0/1 and 0 of 0 (null).
        assert body["currency"] == "USD" and body["unconverted_deals"] == 1
        assert triple(body["contribution_count"])[:2] == (0.5, 0.0)
        assert triple(body["contribution_amount"])[:2] == (1.0, None)
        assert body["contribution_amount"]["denominator"] == 50.0
        # A CNY deal is now a write to refuse until CNY has a rate.
        refused = other.post("/v1/opportunities", headers=AUTH,
                             json=won("c9", "a1", 10, "CNY", "2026-01-05"))
        assert refused.status_code == 422
        assert "to the reporting currency USD" in refused.json()["errors"][0]["message"]
