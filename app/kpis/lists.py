"""The lists the analysis lines show beside their figures: the key persons in each bucket, the
influence list and the breakthrough list, with the names and places of the few shown read at
once."""

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import date

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row
from app.features.service import DEGREES
from app.kpis.breakthrough import targets
from app.kpis.rollups import BUCKETS, attitude_of
from app.kpis.schemas import BreakthroughTarget, BucketLists, InfluenceListItem, PersonRef
from app.kpis.scope_data import ScopeOn
from app.nodes.names import names as node_names


async def details(graph: Graph, contact_ids: Iterable[str]) -> dict[str, Row]:
    """Names and places of these key persons (the few a list shows)."""
    contact_ids = list(dict.fromkeys(contact_ids))
    rows = await graph.read(q("kpis/people"), contact_ids=contact_ids)
    return {r["contact_id"]: r for r in rows}


def _ref(names: dict[str, Row], companies: dict[str, str | None], row: Row) -> PersonRef:
    return PersonRef(contact_id=row["contact_id"], account_id=row["account_id"],
                     name=names.get(row["contact_id"], {}).get("name"),
                     account_name=companies.get(row["account_id"]))


Buckets = dict[str, dict[str, list[Row]]]  # degree -> bucket -> the first key persons


def in_buckets(found: dict[str, list[Row]]) -> Buckets:
    """The bucket lists of scope_data.picked's answer (scope_data.bucket_listings), by degree
    and bucket."""
    return {d: {b: found[f"{d}:{b}"] for b in BUCKETS} for d in DEGREES}


async def named(graph: Graph, buckets: Buckets,
                also: Sequence[Row] = ()) -> tuple[BucketLists, list[PersonRef]]:
    """The bucket lists and `also` as named references (with their accounts' names), the
    names read at once."""
    shown = [p for found in buckets.values() for people in found.values() for p in people]
    shown += also
    names, companies = await asyncio.gather(details(graph, [p["contact_id"] for p in shown]),
                                            node_names(graph, [p["account_id"] for p in shown]))
    return ({d: {b: [_ref(names, companies, p) for p in people] for b, people in found.items()}
             for d, found in buckets.items()}, [_ref(names, companies, p) for p in also])


async def listing(graph: Graph, rows: list[Row], as_of: date) -> list[InfluenceListItem]:
    """Influence-list items for these key persons (pieces), with their company, place and the
    account's owners on the date. The names are read in a transaction of their own: an account
    deleted since the pieces were read has no name and no owners."""
    people = await details(graph, [r["contact_id"] for r in rows])
    accounts = {a["account_id"]: a for a in await graph.read(
        q("kpis/account_owners"), account_ids=list({r["account_id"] for r in rows}), as_of=as_of)}
    gone: Row = {"name": None, "owner_ids": []}

    def item(r: Row) -> InfluenceListItem:
        made = InfluenceListItem(contact_id=r["contact_id"],
                                 name=people.get(r["contact_id"], {}).get("name"),
                                 company=accounts.get(r["account_id"], gone)["name"],
                                 department=people.get(r["contact_id"], {}).get("department"),
                                 position=people.get(r["contact_id"], {}).get("title"),
                                 closeness=attitude_of(r["closeness"]),
                                 owner_ids=accounts.get(r["account_id"], gone)["owner_ids"])
        made._account_id = r["account_id"]
        return made

    return [item(r) for r in rows]


async def breakthrough(graph: Graph, settings: Settings,
                       now: ScopeOn) -> tuple[list[BreakthroughTarget], int]:
    """The breakthrough list (its first list_limit, named) and its length."""
    company = now.scope.kind == "company"
    shown, total = await targets(
        graph, settings, None if company else now.account_ids, now.as_of, settings.list_limit,
        timeout_s=graph.analytics_timeout_s if company else None)
    people, named = await asyncio.gather(
        details(graph, [t.contact_id for t in shown]),
        node_names(graph, [i for t in shown for i in (t.opportunity_id, t.account_id)]))
    return [BreakthroughTarget(name=people.get(t.contact_id, {}).get("name"),
                               account_name=named.get(t.account_id),
                               opportunity_name=named.get(t.opportunity_id), **asdict(t))
            for t in shown], total
