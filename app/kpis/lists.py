"""The lists the analysis lines show beside their figures: the key persons in each bucket, the
influence list and the breakthrough list, with the names and places of the few shown read at
once."""

import heapq
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row
from app.features.service import DEGREES
from app.kpis import figures as f
from app.kpis.breakthrough import targets
from app.kpis.schemas import BreakthroughTarget, BucketLists, InfluenceListItem, PersonRef
from app.kpis.snapshot import KeyPerson, Snapshot, Views
from app.scopes import Scope


def first_in_buckets(people: Iterable[KeyPerson], views: Views, degree: str,
                     limit: int) -> dict[str, list[KeyPerson]]:
    """The first `limit` of `people` in each bucket of a degree, in one pass that stops once
    every bucket holds all it will (`views`, the tally of those people, says how many that is)."""
    bucket_of = {view: f.bucket(view, degree) for view in views}
    sizes = Counter[str]()
    for view, n in views.items():
        sizes[bucket_of[view]] += n
    missing = sum(min(limit, n) for n in sizes.values())
    found: dict[str, list[KeyPerson]] = {b: [] for b in f.BUCKETS}
    for p in people:
        if not missing:
            break
        shown = found[bucket_of[p.attitudes]]
        if len(shown) < limit:
            shown.append(p)
            missing -= 1
    return found


Buckets = dict[str, dict[str, list[KeyPerson]]]  # degree -> bucket -> the first key persons


def in_buckets(people: list[KeyPerson], views: Views, limit: int) -> Buckets:
    """The first `limit` of `people` (tallied in `views`) in each bucket of each degree."""
    return {d: first_in_buckets(people, views, d, limit) for d in DEGREES}


async def named(graph: Graph, buckets: Buckets, also: Iterable[KeyPerson] = (),
                ) -> tuple[BucketLists, Callable[[KeyPerson], PersonRef]]:
    """The bucket lists as named references, and the way to name `also`: the names of every
    key person shown read at once."""
    shown = {p.contact_id: p for found in buckets.values() for people in found.values()
             for p in people} | {p.contact_id: p for p in also}
    names = await details(graph, list(shown))

    def ref(p: KeyPerson) -> PersonRef:
        return PersonRef(contact_id=p.contact_id, name=names.get(p.contact_id, {}).get("name"),
                         account_id=p.account_id)

    return {d: {b: [ref(p) for p in people] for b, people in found.items()}
            for d, found in buckets.items()}, ref


async def details(graph: Graph, contact_ids: list[str]) -> dict[str, Row]:
    rows = await graph.read(q("kpis/people"), contact_ids=contact_ids)
    return {r["contact_id"]: r for r in rows}


async def listing(graph: Graph, s: Snapshot, people: list[KeyPerson],
                  limit: int) -> list[InfluenceListItem]:
    """The first `limit` of `people` by id, with their company, place and account owners."""
    accounts = {a.account_id: a for a in s.accounts}
    shown = heapq.nsmallest(limit, people, key=lambda p: p.contact_id)  # sorted(...)[:limit]
    found = await details(graph, [p.contact_id for p in shown])
    return [InfluenceListItem(contact_id=p.contact_id, company=accounts[p.account_id].name,
                              department=found.get(p.contact_id, {}).get("department"),
                              position=found.get(p.contact_id, {}).get("title"),
                              closeness=p.attitudes.closeness,
                              owner_ids=accounts[p.account_id].owner_ids)
            for p in shown]


async def breakthrough(graph: Graph, settings: Settings, scope: Scope,
                       now: Snapshot) -> tuple[list[BreakthroughTarget], int]:
    """The breakthrough list (its first list_limit, named) and its length."""
    found = await targets(
        graph, settings, [a.account_id for a in now.accounts], now.as_of,
        timeout_s=graph.analytics_timeout_s if scope.kind == "company" else None)
    shown = found[:settings.list_limit]
    names = await details(graph, [t.contact_id for t in shown])
    return [BreakthroughTarget(name=names.get(t.contact_id, {}).get("name"), **asdict(t))
            for t in shown], len(found)
