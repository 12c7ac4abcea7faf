"""One contact's portrait as of a date with the assessments behind it."""

import asyncio
from datetime import date

from app.auth.policy import EVERYONE, Viewer, shown_account
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row
from app.domain import US
from app.errors import NotFound
from app.features.schemas import AssessmentOut, ContactPortrait, features_of
from app.features.service import portraits
from app.ingestion.provenance import shown_entry
from app.nodes.names import names


async def portrait(graph: Graph, settings: Settings, contact_id: str, *, as_of: date,
                   limit: int, viewer: Viewer = EVERYONE,
                   accounts: frozenset[str] | None = None) -> ContactPortrait:
    """The portrait as the viewer sees it. Its account is the one the contact worked at on
    `as_of`, shown only when among `accounts` (the viewer's; None: every account): the contact
    was checked against their account today, and a past one may lie outside."""
    found, history = await asyncio.gather(
        portraits(graph, settings, [contact_id], as_of=as_of),
        graph.read(q("features/history"), id=contact_id, as_of=as_of, limit=limit + 1))
    if contact_id not in found:
        raise NotFound(f"no Contact with id {contact_id!r}")
    p = found[contact_id]
    account_id = shown_account(p.account_id, accounts)
    shown = [_masked(row, accounts) for row in history[:limit]]
    named = await names(graph, [account_id] + [r["opportunity_id"] for r in shown]
                        + [r["toward"] for r in shown if r["toward"] != US])
    return ContactPortrait(contact_id=contact_id, name=p.name, title=p.title,
                           department=p.department, account_id=account_id,
                           account_name=named.get(account_id or ""),
                           key_person=p.key_person, behavior=p.behavior,
                           importance=p.importance, importance_at=p.importance_at, as_of=as_of,
                           contact_level=p.contact_level,
                           features=features_of(p),
                           history=[AssessmentOut(**shown_entry(row, viewer),
                                                  opportunity_name=named.get(row["opportunity_id"] or ""),
                                                  toward_name=named.get(row["toward"]))
                                    for row in shown],
                           history_truncated=len(history) > limit)


def _masked(row: Row, accounts: frozenset[str] | None) -> Row:
    """An assessment as the reader may see it: one on a deal of an account outside their
    perspective keeps its attitudes but not the deal."""
    deal_account = row.pop("opportunity_account_id")
    if row["opportunity_id"] is None or accounts is None or deal_account in accounts:
        return row
    return {**row, "opportunity_id": None, "opportunity_hidden": True}
