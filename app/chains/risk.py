"""Relationship risk of a deal: single-threaded members and what-if someone leaves."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from app.auth.policy import EVERYONE, Viewer, known_colleague
from app.chains.schemas import DealRisk, MemberRisk, WhatIf
from app.chains.service import load_deal
from app.config import Settings
from app.db.graph import Reader, Row, in_one_transaction
from app.errors import NotFound
from app.paths import repository as paths
from app.people import repository as people

Reachers = dict[str, list[tuple[str, float]]]


async def reachers_of(graph: Reader, settings: Settings, *, members: list[str], opportunity_id: str,
                    as_of: date, max_hops: int, excluded: list[str]) -> Reachers:
    if not members:
        return {}
    rows, _ = await paths.best_paths(graph, settings, target_ids=members, as_of=as_of,
                                     max_hops=max_hops, employee_ids=None, avoid_opposed=True,
                                     opportunity_id=opportunity_id, excluded_ids=excluded)
    return reachers_in(rows)


def reachers_in(rows: Iterable[Row]) -> Reachers:
    """Who reaches each target, best first, from rows of paths/best_paths."""
    found: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for r in rows:  # already ordered best first per target
        found[r["target_id"]].append((r["employee_id"], r["strength"]))
    return found


@in_one_transaction
async def deal_risk(graph: Reader, settings: Settings, *, opportunity_id: str, as_of: date,
                    max_hops: int, employee_left: str | None, contact_left: str | None,
                    viewer: Viewer = EVERYONE) -> DealRisk:
    rows: list[Row] = (await load_deal(graph, settings, opportunity_id, as_of))["members"]
    if employee_left:
        await known_colleague(graph, employee_left, as_of)
    if contact_left and await paths.target(graph, contact_left) is None:
        raise NotFound(f"no Contact with id {contact_left!r}")
    ids = [r["contact_id"] for r in rows]

    async def reachers(excluded: list[str]) -> Reachers:
        return await reachers_of(graph, settings, members=ids, opportunity_id=opportunity_id,
                               as_of=as_of, max_hops=max_hops, excluded=excluded)

    now = await reachers([])
    # Names of the colleagues the viewer may see; the others stay references, without a name.
    named = await people.employees(
        graph, sorted({e for found in now.values() for e, _ in found if viewer.sees(e)}), as_of)
    # Each member's reachers best first, ties by the colleague as shown (by the id behind a
    # reference they would tell its order).
    now = {c: sorted(found, key=lambda f: (-f[1], viewer.ref(f[0]))) for c, found in now.items()}
    members = [MemberRisk(contact_id=r["contact_id"], role=r["role"],
                          reachers=[viewer.ref(e) for e, _ in now.get(r["contact_id"], [])],
                          reacher_names=[named.get(e, {}).get("name")
                                         for e, _ in now.get(r["contact_id"], [])],
                          best_strength=max((s for _, s in now.get(r["contact_id"], [])),
                                            default=None),
                          single_threaded=len(now.get(r["contact_id"], [])) == 1) for r in rows]
    what_if = None
    left = [x for x in (employee_left, contact_left) if x]
    if left:
        after = await reachers(left)
        what_if = WhatIf(
            left=[viewer.ref(x) if x == employee_left else x for x in left],
            lose_every_path=[c for c in ids if now.get(c) and not after.get(c) and c != contact_left],
            newly_single_threaded=[c for c in ids
                                   if len(now.get(c, [])) > 1 and len(after.get(c, [])) == 1])
    return DealRisk(opportunity_id=opportunity_id, as_of=as_of, members=members,
                    single_threaded=[m.contact_id for m in members if m.single_threaded],
                    unreachable=[m.contact_id for m in members if not m.reachers], what_if=what_if)
