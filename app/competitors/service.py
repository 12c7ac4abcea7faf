from datetime import date

import orjson

from app.competitors.schemas import CompetitorPerspective, RivalView
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph
from app.errors import NotFound
from app.features.service import DEGREES, UNASSESSED, attitudes
from app.kpis.figures import average
from app.kpis.scope_data import account_totals, take
from app.paths import repository as paths
from app.scopes import Scope


async def perspective(graph: Graph, settings: Settings, *, competitor_id: str, scope: Scope,
                      as_of: date) -> CompetitorPerspective:
    rival = await graph.read_one(q("competitors/competitor"), id=competitor_id)
    if rival is None:
        raise NotFound(f"no Competitor with id {competitor_id!r}")
    (on,) = await take(graph, scope, [as_of])
    (per_account,) = await account_totals(graph, [on])
    # The scope's key persons, by account and contact id: (contact id, account id).
    people = [(c, a) for a in on.account_ids if a in per_account
              for c in orjson.loads(per_account[a].key_person_ids)]
    ids = [c for c, _ in people]
    toward = await attitudes(graph, ids, as_of=as_of, towards=[competitor_id])
    staff = {r["contact_id"]: sorted(r["staff_ids"]) for r in await graph.read(
        q("competitors/staff_influence"), id=competitor_id, contact_ids=ids, as_of=as_of)}
    views = {c: toward.get((c, competitor_id), UNASSESSED) for c in ids}
    held = [c for c in ids if staff.get(c) or (views[c].score("closeness") or 0) >= 1]
    rows, _ = await paths.best_paths(
        graph, settings, target_ids=held, as_of=as_of, max_hops=settings.path_max_hops_default,
        employee_ids=None, avoid_opposed=True) if held else ([], False)
    ours: dict[str, float] = {}
    for r in rows:
        ours[r["target_id"]] = max(ours.get(r["target_id"], 0.0), r["strength"])
    held_set = set(held)
    shown = sorted(people)[:settings.list_limit]
    names = {r["contact_id"]: r["name"] for r in await graph.read(
        q("kpis/people"), contact_ids=[c for c, _ in shown])}
    return CompetitorPerspective(
        competitor_id=competitor_id, name=rival["name"], scope=str(scope), as_of=as_of,
        key_persons=len(ids), averages={d: average(views.values(), d) for d in DEGREES},
        held=sorted(held_set), contested=sorted(c for c in held_set if c in ours),
        key_person_views=[RivalView(
            contact_id=c, name=names.get(c), account_id=a,
            closeness=views[c].closeness, solution=views[c].solution,
            price=views[c].price, staff_ids=staff.get(c, []),
            held=c in held_set, our_best_strength=ours.get(c),
            contested=c in held_set and c in ours)
            for c, a in shown])
