"""The customer line's per-account figures (docs/domain.md section 10): each account's key
persons and average scores on the line's three dates, and its open deals on the first two.
Read for a company from every piece valid on each date (about 0.6 s of the server's time at
1x), today's are kept per account until a write may change them (app/kpis/kept.py)."""

import asyncio
from dataclasses import dataclass
from datetime import date

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row
from app.features.service import DEGREES
from app.kpis import kept
from app.kpis.scope_data import ScopeOn, open_deals_of, totals_of

# Raised whenever what the kept figures hold changes.
RULE_VERSION = 1
# From this many accounts to work out, every piece valid on each date is read (the company's
# way) rather than the accounts' own pieces over the whole year.
EVERY_FROM = 1000


@dataclass(frozen=True, slots=True)
class AccountFigures:
    """An account's figures in a scope: on each of the line's dates where the scope holds it
    (else none: no key persons, unknown averages, no open deals)."""

    key_persons: list[int]  # on each date
    key_person_ids: list[str]  # on the first date, by id
    averages: list[float | None]  # per date, then per degree (DEGREES)
    open_count: list[int]  # on the first two dates
    open_amount: list[float]  # in the reporting currency

    def averages_on(self, at: int) -> list[float | None]:
        """The averages on the date at index `at`, per degree (DEGREES)."""
        return self.averages[at * len(DEGREES):(at + 1) * len(DEGREES)]


async def figures(graph: Graph, settings: Settings,
                  s: list[ScopeOn]) -> dict[str, AccountFigures]:
    """The figures of every account the scope holds on some date of `s`."""
    held = [set(on.account_ids) for on in s]
    accounts = sorted(set().union(*held))
    if not accounts:
        return {}
    reporting = settings.reporting_currency
    dates = [on.as_of for on in s]
    company = s[0].scope.kind == "company"
    timeout_s = graph.analytics_timeout_s if company else None
    if s[0].as_of != date.today():
        found = await _worked_out(graph, dates, accounts, reporting, timeout_s, every=company)
        return {a: _in_scope(found[a], a, held) for a in accounts}
    rule = kept.rule(RULE_VERSION, reporting)
    state, seen, epoch, token = kept.state_of(await graph.read_one(
        q("kpis/customers_kept"), timeout_s=timeout_s, account_ids=accounts, as_of=s[0].as_of,
        rule=rule))
    found = {a: {"key_persons": key_persons, "key_person_ids": ids, "sums": sums,
                 "counts": counts, "open_count": open_count, "open_amount": open_amount}
             for a, key_persons, ids, sums, counts, open_count, open_amount in state["kept"]}
    if seen:
        fresh = await _worked_out(graph, dates, list(seen), reporting, timeout_s,
                                  every=len(seen) >= EVERY_FROM)
        found.update(fresh)
        await kept.keep(graph, q("kpis/keep_customers"), day=s[0].as_of, rule=rule,
                        epoch=epoch, token=token,
                        states=[{"account_id": a, "seen": v, **fresh[a]} for a, v in seen.items()])
    return {a: _in_scope(found[a], a, held) for a in accounts}


async def _worked_out(graph: Graph, dates: list[date], account_ids: list[str], reporting: str,
                      timeout_s: float | None, *, every: bool) -> dict[str, Row]:
    """Each account's figures as kept: key persons on each date, their ids on the first, score
    sums and counts per date and degree, open deals' count and amount on the first two dates."""
    totals, deals = await asyncio.gather(
        totals_of(graph, dates, account_ids, every=every, timeout_s=timeout_s),
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


def _in_scope(found: Row, account_id: str, held: list[set[str]]) -> AccountFigures:
    """An account's figures, on the dates the scope holds it."""
    averages = [round(total / count, 10) if count else None
                for total, count in zip(found["sums"], found["counts"], strict=True)]
    inside = [account_id in these for these in held]
    if all(inside):  # as every account of the company is
        return AccountFigures(found["key_persons"], found["key_person_ids"], averages,
                              found["open_count"], found["open_amount"])
    return AccountFigures(
        key_persons=[n if i else 0 for n, i in zip(found["key_persons"], inside, strict=True)],
        key_person_ids=found["key_person_ids"] if inside[0] else [],
        averages=[x if inside[at // len(DEGREES)] else None for at, x in enumerate(averages)],
        open_count=[n if i else 0 for n, i in zip(found["open_count"], inside, strict=False)],
        open_amount=[x if i else 0.0 for x, i in zip(found["open_amount"], inside, strict=False)])
