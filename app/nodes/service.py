from datetime import datetime
from typing import Any

from app.auth.policy import EVERYONE, Viewer
from app.config import Settings
from app.db.cypher import template
from app.db.graph import Graph, Row
from app.domain import Kind, written
from app.emails import key as email_key
from app.emails import normalised
from app.errors import NotFound
from app.features.schemas import features_of
from app.features.service import portraits
from app.ingestion.etags import node_etag
from app.ingestion.provenance import shown_entry
from app.nodes.schemas import NodeOut, NodePage

MAX_EDGES = 1000


def _shown(edge: Row, viewer: Viewer, accounts: frozenset[str] | None,
           me: str | None) -> Row | None:
    """An edge as this viewer may see it: employees it may not see by reference; an edge to an
    account outside its perspective only as part of the network of an employee it sees. A
    colleague's note on whom they know ("my father-in-law") is theirs: shown to them and to
    company-wide readers, not to a lead or to a requester they were introduced to."""
    other = edge.pop("other_account")
    from_employee, to_employee = edge.pop("from_employee"), edge.pop("to_employee")
    seen_network = (from_employee and viewer.sees(edge["from"])) or (
        to_employee and viewer.sees(edge["to"]))
    if accounts is not None and other is not None and other not in accounts and not seen_network:
        return None
    if viewer.visible is not None and ((from_employee and edge["from"] != me) or (
            to_employee and edge["to"] != me)):
        edge["note"] = None
    if from_employee:
        edge["from"] = viewer.ref(edge["from"])
    if to_employee:
        edge["to"] = viewer.ref(edge["to"])
    return shown_entry(shown_entry(edge, viewer), viewer, "ended")


def shown_properties(node: Row, viewer: Viewer) -> Row:
    """A node's own properties as written; a team's lead and whoever wrote it are employees
    like any other."""
    node = written(node)
    if node.get("lead_id"):
        node["lead_id"] = viewer.ref(node["lead_id"])
    return shown_entry(node, viewer)


async def get_node(graph: Graph, settings: Settings, kind: Kind, node_id: str,
                   viewer: Viewer = EVERYONE, accounts: frozenset[str] | None = None,
                   me: str | None = None) -> tuple[NodeOut, str]:
    """The node as the viewer may see it, and its ETag. `accounts`: the viewer's accounts,
    None for everything; `me`: the viewer's own employee."""
    row = await graph.read_one(template("nodes/get_node", label=kind), id=node_id,
                               max_edges=MAX_EDGES)
    if row is None:
        raise NotFound(f"no {kind.value} with id {node_id!r}")
    etag = node_etag(row["node"])
    edges = [e for e in (_shown(edge, viewer, accounts, me) for edge in row["relationships"]) if e]
    extra: dict[str, Any] = {}
    if kind == Kind.CONTACT:
        portrait = (await portraits(graph, settings, [node_id], as_of=graph.today()))[node_id]
        extra["contact_level"] = portrait.contact_level
        extra["features"] = features_of(portrait)
    return NodeOut(**shown_properties(row["node"], viewer), kind=kind.value, relationships=edges,
                   relationships_truncated=row["edge_count"] > len(row["relationships"]),
                   **extra), etag


def _changed_since(node: dict[str, Any], since: datetime) -> bool:
    entered = node.get("entered_at")
    return entered is not None and entered >= since


async def list_nodes(graph: Graph, kind: Kind, *, limit: int, after: str | None,
                     visible: list[str] | None, viewer: Viewer,
                     account_id: str | None = None, email: str | None = None,
                     changed_since: datetime | None = None) -> NodePage:
    if email is not None:
        # The person with that address, kept as every address is (trimmed, lower case); one
        # that is no address is nobody's.
        address = normalised(email)
        found = [] if address is None else [
            r for r in await graph.read(template("nodes/by_email", label=kind),
                                        key=email_key(kind, address), visible=visible)
            if (after is None or r["node"]["id"] > after)
            and (account_id is None or r["node"].get("account_id") == account_id)
            and (changed_since is None or _changed_since(r["node"], changed_since))]
    else:
        found = await graph.read(template("nodes/list_nodes", label=kind), limit=limit,
                                 after=after, account_id=account_id, visible=visible,
                                 changed_since=changed_since)
    items = [{**shown_properties(row["node"], viewer), "kind": kind.value} for row in found]
    more = email is None and len(items) == limit  # an address is one person's at most
    return NodePage(items=items, next_after=items[-1]["id"] if more else None)
