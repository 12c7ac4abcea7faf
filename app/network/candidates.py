"""Key persons anyone of ours may say they know (全员摸底): found company-wide by their name or
their account's name, so that a colleague outside sales, who owns no account and reads none,
can record whom they know. Each is named with their title and account, nothing more (no
attitudes, deals or other people), and every search is audited."""

from datetime import date

from app.auth.policy import shown_account
from app.db.cypher import q
from app.db.graph import Reader
from app.network.schemas import Candidate, Candidates
from app.search.keys import normalise

# Looked at per search, before the answer's `limit`: a common surname or a large account.
SCANNED = 200


async def candidates(graph: Reader, *, text: str, me: str, as_of: date,
                     visible: list[str] | None, limit: int) -> Candidates:
    rows = await graph.read(q("network/candidates"), key=normalise(text), me=me, as_of=as_of,
                            scan=SCANNED, limit=limit)
    shown = None if visible is None else set(visible)
    return Candidates(query=text, candidates=[
        Candidate(**{**row, "account_id": shown_account(row["account_id"], shown)}) for row in rows])
