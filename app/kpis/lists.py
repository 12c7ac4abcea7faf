"""The lists the analysis lines show beside their figures: the key persons in each bucket, the
influence list and the breakthrough list, with the names and places of the few shown read at
once."""

from dataclasses import asdict
from datetime import date

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row
from app.features.service import DEGREES
from app.kpis import figures as f
from app.kpis.breakthrough import targets
from app.kpis.rollups import attitude_of
from app.kpis.schemas import BreakthroughTarget, BucketLists, InfluenceListItem, PersonRef
from app.kpis.scope_data import Filter, ScopeOn, first


async def details(graph: Graph, contact_ids: list[str]) -> dict[str, Row]:
    rows = await graph.read(q("kpis/people"), contact_ids=contact_ids)
    return {r["contact_id"]: r for r in rows}


def _ref(names: dict[str, Row], row: Row) -> PersonRef:
    return PersonRef(contact_id=row["contact_id"], account_id=row["account_id"],
                     name=names.get(row["contact_id"], {}).get("name"))


async def in_buckets(graph: Graph, settings: Settings, s: ScopeOn, *, acquainted: bool,
                     also: Filter | None = None) -> tuple[BucketLists, list[PersonRef]]:
    """The first list_limit key persons (acquainted ones only, if asked) of each bucket of each
    degree, by account and contact id; and the first of `also`, when given. Named at once."""
    combos = [(d, b) for d in DEGREES for b in f.BUCKETS]
    filters = [Filter(acquainted=True if acquainted else None, degree=d, bucket=b)
               for d, b in combos]
    found = await first(graph, s, filters + ([also] if also else []), settings.list_limit)
    names = await details(graph, list({r["contact_id"] for rows in found for r in rows}))
    lists: BucketLists = {d: {} for d in DEGREES}
    for (d, b), rows in zip(combos, found, strict=False):
        lists[d][b] = [_ref(names, r) for r in rows]
    extra = [_ref(names, r) for r in found[len(combos)]] if also else []
    return lists, extra


async def listing(graph: Graph, rows: list[Row], as_of: date) -> list[InfluenceListItem]:
    """Influence-list items for these key persons (pieces), with their company, place and the
    account's owners on the date."""
    people = await details(graph, [r["contact_id"] for r in rows])
    accounts = {a["account_id"]: a for a in await graph.read(
        q("kpis/account_owners"), account_ids=list({r["account_id"] for r in rows}), as_of=as_of)}
    return [InfluenceListItem(contact_id=r["contact_id"],
                              company=accounts[r["account_id"]]["name"],
                              department=people.get(r["contact_id"], {}).get("department"),
                              position=people.get(r["contact_id"], {}).get("title"),
                              closeness=attitude_of(r["closeness"]),
                              owner_ids=accounts[r["account_id"]]["owner_ids"])
            for r in rows]


async def breakthrough(graph: Graph, settings: Settings,
                       now: ScopeOn) -> tuple[list[BreakthroughTarget], int]:
    """The breakthrough list (its first list_limit, named) and its length."""
    found = await targets(
        graph, settings, now.account_ids, now.as_of,
        timeout_s=graph.analytics_timeout_s if now.scope.kind == "company" else None)
    shown = found[:settings.list_limit]
    names = await details(graph, [t.contact_id for t in shown])
    return [BreakthroughTarget(name=names.get(t.contact_id, {}).get("name"), **asdict(t))
            for t in shown], len(found)
