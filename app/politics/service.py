"""Hidden influencers: rank people by centrality on the political map (networkx PageRank on
"who moves whom") and flag the influential ones low in the reporting line.

networkx is imported where a map is worked out, not with the API: it takes about 12 MB of every
process, and most never draw a political map."""

from datetime import date
from typing import TYPE_CHECKING

from app.chains.schemas import ThirdPartyInfluence
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row
from app.errors import NotFound
from app.politics.schemas import MapEdge, MapPerson, PoliticalMap

if TYPE_CHECKING:
    import networkx as nx


def movers_graph(settings: Settings, people: list[str], edges: list[Row]) -> "nx.DiGraph[str]":
    """u -> v when u can move v: influence, manager over report, report toward manager."""
    import networkx as nx

    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_nodes_from(people)

    def add(u: str, v: str, weight: float) -> None:
        if not g.has_edge(u, v) or g[u][v]["weight"] < weight:
            g.add_edge(u, v, weight=weight)

    for e in edges:
        s = e["strength"]
        if e["type"] == "INFLUENCES":
            add(e["from"], e["to"], settings.influence_default_strength if s is None else s)
        else:  # (report)-[:REPORTS_TO]->(manager)
            add(e["to"], e["from"], settings.reports_down_strength if s is None else s)
            add(e["from"], e["to"], settings.reports_up_strength if s is None else s)
    return g


def depths(people: list[Row], edges: list[Row]) -> dict[str, int | None]:
    """Levels below a top person; unknown for people with no known way up."""
    import networkx as nx

    up: nx.DiGraph[str] = nx.DiGraph()
    up.add_nodes_from(p["id"] for p in people)
    up.add_edges_from((e["from"], e["to"]) for e in edges if e["type"] == "REPORTS_TO")
    roots = [p["id"] for p in people if p["top"]] or [n for n in up if up.out_degree(n) == 0
                                                     and up.in_degree(n) > 0]
    found: dict[str, int | None] = dict.fromkeys(up.nodes)
    for person in up.nodes:
        lengths = nx.single_source_shortest_path_length(up, person)
        reachable = [lengths[r] for r in roots if r in lengths]
        found[person] = min(reachable) if reachable else None
    return found


async def political_map(graph: Graph, settings: Settings, *, account_id: str, as_of: date) -> PoliticalMap:
    row = await graph.read_one(q("politics/people"), id=account_id, as_of=as_of,
                               max_people=settings.political_map_max_people)
    if row is None:
        raise NotFound(f"no Account with id {account_id!r}")
    people: list[Row] = row["people"]
    ids = [p["id"] for p in people]
    edges = await graph.read(q("politics/edges"), contact_ids=ids, as_of=as_of,
                             max_edges=settings.political_map_max_edges)
    third = await graph.read(q("politics/third_party_influence"), contact_ids=ids, as_of=as_of,
                             opportunity_id=None, max_edges=settings.political_map_max_edges)
    import networkx as nx

    g = movers_graph(settings, ids, edges)
    # Score flows to whoever moves others: PageRank on the reversed "moves" graph.
    scores = nx.pagerank(g.reverse(copy=True), weight="weight") if ids else {}
    ranked = sorted(ids, key=lambda c: (-scores[c], c))
    rank = {c: i + 1 for i, c in enumerate(ranked)}
    top_ranks = max(1, round(len(ids) * settings.hidden_top_share))
    depth = depths(people, edges)
    influences: dict[str, list[str]] = {c: [] for c in ids}
    for e in edges:
        if e["type"] == "INFLUENCES" and e["to"] not in influences[e["from"]]:
            influences[e["from"]].append(e["to"])
    for targets in influences.values():
        targets.sort()
    result = [MapPerson(
        contact_id=p["id"], name=p["name"], title=p["title"], department=p["department"],
        key_person=p["key_person"], veto=p["veto"], approver=p["approver"],
        influence_score=round(scores[p["id"]], 6),
        influence_rank=rank[p["id"]], depth=depth[p["id"]], influences=influences[p["id"]],
        hidden=(rank[p["id"]] <= top_ranks and bool(influences[p["id"]])
                and (depth[p["id"]] or 0) >= settings.hidden_min_depth))
        for p in sorted(people, key=lambda p: rank[p["id"]])]
    return PoliticalMap(account_id=account_id, as_of=as_of, people=result,
                        hidden=[p.contact_id for p in result if p.hidden],
                        edges=[MapEdge.model_validate(e) for e in edges],
                        third_party_influence=[ThirdPartyInfluence(**r) for r in third])
