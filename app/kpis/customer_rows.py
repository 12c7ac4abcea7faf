"""The customer line's per-account figures (docs/domain.md section 10): each account's key
persons and score sums on the line's three dates, and its open deals on the first two. Read
for a company from every piece valid on each date (about 0.6 s of the server's time at 1x),
today's are kept per account until a write may change them (app/kpis/kept.py)."""

import asyncio
from datetime import date

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row
from app.features.service import DEGREES
from app.kpis import kept
from app.kpis.scope_data import ScopeOn, account_totals, open_deals, open_deals_of, totals_of

# Raised whenever what the kept figures hold changes.
RULE_VERSION = 1
# From this many accounts to work out, every piece valid on each date is read (the company's
# way) rather than the accounts' own pieces over the whole year.
EVERY_FROM = 1000

Figures = tuple[list[dict[str, Row]], dict[str, Row], dict[str, Row]]


async def figures(graph: Graph, settings: Settings, s: list[ScopeOn]) -> Figures:
    """For each date of `s`, account id -> its key persons (count, and ids on the first date)
    and per-degree score sums and counts, for the accounts in the scope then; and account id ->
    its open deals' count and amount on the first date and on the second, likewise (accounts
    without key persons, or without open deals, have none)."""
    reporting = settings.reporting_currency
    if s[0].as_of != date.today():
        totals, now, month = await asyncio.gather(
            account_totals(graph, s), open_deals(graph, s[0], reporting),
            open_deals(graph, s[1], reporting))
        return totals, now, month
    held = [set(on.account_ids) for on in s]
    accounts = sorted(set().union(*held))
    if not accounts:
        return [{} for _ in s], {}, {}
    timeout_s = graph.analytics_timeout_s if s[0].scope.kind == "company" else None
    rule = kept.rule(RULE_VERSION, reporting)
    state = await graph.read_one(q("kpis/customers_kept"), timeout_s=timeout_s,
                                 account_ids=accounts, as_of=s[0].as_of, rule=rule)
    seen, epoch, token = kept.state_of(state)
    assert state is not None
    found = {a: {"key_persons": key_persons, "key_person_ids": ids, "sums": sums,
                 "counts": counts, "open_count": open_count, "open_amount": open_amount}
             for a, key_persons, ids, sums, counts, open_count, open_amount in state["kept"]}
    if seen:
        fresh = await _worked_out(graph, [on.as_of for on in s], list(seen), reporting,
                                  timeout_s)
        found.update(fresh)
        await kept.keep(graph, q("kpis/keep_customers"), day=s[0].as_of, rule=rule,
                        epoch=epoch, token=token,
                        states=[{"account_id": a, "seen": v, **fresh[a]} for a, v in seen.items()])
    totals = [{a: row for a in these if (row := _totals_row(a, found[a], at))}
              for at, these in enumerate(held)]
    deals = [{a: {"account_id": a, "open_count": found[a]["open_count"][at],
                  "open_amount": found[a]["open_amount"][at]}
              for a in these if found[a]["open_count"][at]} for at, these in enumerate(held[:2])]
    return totals, deals[0], deals[1]


async def _worked_out(graph: Graph, dates: list[date], account_ids: list[str], reporting: str,
                      timeout_s: float | None) -> dict[str, Row]:
    totals, deals = await asyncio.gather(
        totals_of(graph, dates, account_ids, every=len(account_ids) >= EVERY_FROM,
                  timeout_s=timeout_s),
        asyncio.gather(*[open_deals_of(graph, on, account_ids, reporting, timeout_s)
                         for on in dates[:2]]))
    empty: Row = {"key_persons": 0, "key_person_ids": []}
    found: dict[str, Row] = {}
    for a in account_ids:
        rows = [on.get(a, empty) for on in totals]
        found[a] = {
            "key_persons": [row["key_persons"] for row in rows],
            "key_person_ids": rows[0]["key_person_ids"],
            "sums": [row.get(f"{d}_sum", 0) for row in rows for d in DEGREES],
            "counts": [row.get(f"{d}_count", 0) for row in rows for d in DEGREES],
            "open_count": [on[a]["open_count"] if a in on else 0 for on in deals],
            "open_amount": [on[a]["open_amount"] if a in on else 0.0 for on in deals]}
    return found


# A date's figures as kpis/company_account_totals names them, in the order of `sums`/`counts`.
_SUMS = [f"{d}_sum" for d in DEGREES]
_COUNTS = [f"{d}_count" for d in DEGREES]


def _totals_row(account_id: str, found: Row, at: int) -> Row | None:
    """The account's figures on the date at `at`, as kpis/company_account_totals reads them."""
    key_persons = found["key_persons"][at]
    if not key_persons:
        return None
    start = at * len(DEGREES)
    row: Row = {"account_id": account_id, "key_persons": key_persons,
                "key_person_ids": found["key_person_ids"] if at == 0 else []}
    row.update(zip(_SUMS, found["sums"][start:start + len(DEGREES)], strict=True))
    row.update(zip(_COUNTS, found["counts"][start:start + len(DEGREES)], strict=True))
    return row
