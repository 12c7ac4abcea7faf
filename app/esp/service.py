import math

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row
from app.esp.schemas import EspAccount, EspRanking, IndustryWeights, Weights

FACTORS = ("sales", "potential", "demonstration", "winnable")


def default_weights(settings: Settings) -> Weights:
    return Weights(sales=settings.esp_weight_sales, potential=settings.esp_weight_potential,
                   demonstration=settings.esp_weight_demonstration,
                   winnable=settings.esp_weight_winnable)


async def industry_weights(graph: Graph) -> list[IndustryWeights]:
    return [IndustryWeights(**r) for r in await graph.read(q("esp/weights"))]


async def set_weights(graph: Graph, industry: str, weights: Weights) -> IndustryWeights:
    await graph.write(q("esp/set_weights"), industry=industry, **weights.model_dump())
    return IndustryWeights(industry=industry, **weights.model_dump())


def resource_class(settings: Settings, row: Row) -> str:
    if row["sales"] is None or row["potential"] is None:
        return "unknown"
    contribution = row["sales"] >= settings.esp_high_contribution
    potential = row["potential"] >= settings.esp_high_potential
    return {(True, True): "A", (True, False): "B", (False, True): "C", (False, False): "D"}[
        (contribution, potential)]


async def ranking(graph: Graph, settings: Settings, *, top_percent: float, limit: int,
                  offset: int) -> EspRanking:
    by_industry = {w.industry: Weights(**w.model_dump(exclude={"industry"}))
                   for w in await industry_weights(graph)}
    fallback = default_weights(settings)
    rows = await graph.read(q("esp/accounts"), max_accounts=settings.esp_max_accounts)

    def composite(row: Row, w: Weights) -> float | None:
        if any(row[f] is None for f in FACTORS):
            return None
        return round(sum(float(getattr(w, f)) * float(row[f]) for f in FACTORS), 6)

    scored = []
    for row in rows:
        w = by_industry.get(row["industry"], fallback)
        scored.append((row, w, composite(row, w)))
    complete = sorted((s for s in scored if s[2] is not None),
                      key=lambda s: (-(s[2] or 0.0), s[0]["account_id"]))
    ranked = complete + [s for s in scored if s[2] is None]
    top = math.ceil(len(complete) * top_percent / 100)
    accounts = []
    for index, (row, w, value) in enumerate(ranked):
        identified = value is not None and index < top
        accounts.append(EspAccount(
            account_id=row["account_id"], name=row["name"], industry=row["industry"],
            scores={f: row[f] for f in FACTORS}, weights=w, composite=value,
            rank=index + 1 if value is not None else None,
            key_account=identified if row["override"] is None else row["override"],
            overridden=row["override"] is not None, resource_class=resource_class(settings, row)))
    return EspRanking(top_percent=top_percent, total=len(accounts),
                      accounts=accounts[offset:offset + limit])
