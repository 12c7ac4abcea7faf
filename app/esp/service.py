"""ESP+ identification (docs/domain.md section 13): stored weights and thresholds per industry,
the ranking as of a date with each account's change since its previous evaluation, and an
account's resource class."""

from collections.abc import Callable
from datetime import date, timedelta

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row
from app.esp.schemas import (
    EspAccount,
    EspRanking,
    GridCuts,
    IndustryThreshold,
    IndustryWeights,
    Placement,
    Previous,
    Threshold,
    Weights,
)
from app.esp.scoring import FACTORS, Cut, composite, key_account_cuts, place, ranks

WeightsOf = Callable[[str | None], Weights]


def default_weights(settings: Settings) -> Weights:
    return Weights(sales=settings.esp_weight_sales, potential=settings.esp_weight_potential,
                   demonstration=settings.esp_weight_demonstration,
                   winnable=settings.esp_weight_winnable)


async def industry_weights(graph: Graph) -> list[IndustryWeights]:
    return [IndustryWeights(**r) for r in await graph.read(q("esp/weights"))]


async def set_weights(graph: Graph, industry: str, weights: Weights) -> IndustryWeights:
    await graph.write(q("esp/set_weights"), industry=industry, **weights.model_dump())
    return IndustryWeights(industry=industry, **weights.model_dump())


async def industry_thresholds(graph: Graph) -> list[IndustryThreshold]:
    return [IndustryThreshold(**r) for r in await graph.read(q("esp/thresholds"))]


async def set_threshold(graph: Graph, industry: str, threshold: Threshold) -> IndustryThreshold:
    await graph.write(q("esp/set_threshold"), industry=industry, **threshold.model_dump())
    return IndustryThreshold(industry=industry, **threshold.model_dump())


async def delete_threshold(graph: Graph, industry: str) -> bool:
    found = await graph.write(q("esp/delete_threshold"), industry=industry)
    return bool(found and found[0]["deleted"])


async def _weights_of(graph: Graph, settings: Settings) -> WeightsOf:
    stored = {w.industry: Weights(**w.model_dump(exclude={"industry"}))
              for w in await industry_weights(graph)}
    fallback = default_weights(settings)
    return lambda industry: fallback if industry is None else stored.get(industry, fallback)


async def grid_cuts(graph: Graph, settings: Settings, as_of: date) -> GridCuts:
    row = await graph.read_one(q("esp/cuts"), as_of=as_of,
                               low=settings.esp_grid_low_percentile / 100,
                               high=settings.esp_grid_high_percentile / 100)

    def pair(score: str) -> tuple[float, float] | None:
        low, high = row[score] if row else (None, None)
        return None if low is None or high is None else (round(low, 6), round(high, 6))

    return GridCuts(contribution=pair("contribution"), potential=pair("potential"))


async def placement(graph: Graph, settings: Settings, *, account_id: str, as_of: date) -> Placement:
    """The account's resource class on the date (unknown for an account that does not exist)."""
    row = await graph.read_one(q("esp/account"), id=account_id, as_of=as_of)
    return place(row["current"] if row else None, await grid_cuts(graph, settings, as_of))


async def _composites(graph: Graph, settings: Settings, weights: WeightsOf,
                      as_of: date) -> tuple[list[Row], dict[str, float | None]]:
    rows = await graph.read_list(q("esp/accounts"), as_of=as_of,
                                 max_accounts=settings.esp_max_accounts)
    return rows, {r["account_id"]: composite(r["current"], weights(r["industry"])) for r in rows}


async def ranking(graph: Graph, settings: Settings, *, as_of: date, top_percent: float,
                  limit: int, offset: int) -> EspRanking:
    weights = await _weights_of(graph, settings)
    thresholds = {t.industry: t.top_percent for t in await industry_thresholds(graph)}
    rows, values = await _composites(graph, settings, weights, as_of)
    ranked = ranks(values)
    cuts = key_account_cuts(((r["account_id"], r["industry"], values[r["account_id"]])
                             for r in rows), thresholds, top_percent)
    grid = await grid_cuts(graph, settings, as_of)
    order = sorted(rows, key=lambda r: (r["account_id"] not in ranked,
                                        ranked.get(r["account_id"], 0), r["account_id"]))
    page = order[offset:offset + limit]
    # Each re-evaluated account's rank the day before its evaluation took effect: one ranking
    # per distinct evaluation date on the page.
    before: dict[date, dict[str, int]] = {}
    for at in sorted({r["current"]["at"] for r in page if r["previous"] is not None}):
        if at > date.min:  # else there is no day before (and nothing ranked on it)
            _, then = await _composites(graph, settings, weights, at - timedelta(days=1))
            before[at] = ranks(then)
    accounts = [_account(r, weights(r["industry"]), values[r["account_id"]],
                         ranked.get(r["account_id"]), cuts[r["account_id"]], before,
                         place(r["current"], grid)) for r in page]
    return EspRanking(as_of=as_of, top_percent=top_percent, cuts=grid, total=len(rows),
                      accounts=accounts)


def _account(row: Row, weights: Weights, value: float | None, rank: int | None, cut: Cut,
             before: dict[date, dict[str, int]], placed: Placement) -> EspAccount:
    """One account of the ranking; `before` holds, per evaluation date, the ranks of the day
    before it."""
    current, earlier = row["current"], row["previous"]
    previous = None
    if earlier is not None:
        previous = Previous(at=earlier["at"], composite=composite(earlier, weights),
                            rank=before.get(current["at"], {}).get(row["account_id"]))
    override = row["override"]
    return EspAccount(
        account_id=row["account_id"], name=row["name"], industry=row["industry"],
        scores={f: current[f] if current else None for f in FACTORS},
        evaluated_at=current["at"] if current else None, weights=weights, composite=value,
        rank=rank, key_account=cut.key_account if override is None else override,
        overridden=override is not None, top_percent=cut.top_percent, peer_rank=cut.peer_rank,
        resource_class=placed.resource_class, grid=placed.grid, previous=previous,
        composite_change=None if value is None or previous is None or previous.composite is None
        else round(value - previous.composite, 6),
        rank_change=None if rank is None or previous is None or previous.rank is None
        else rank - previous.rank)
