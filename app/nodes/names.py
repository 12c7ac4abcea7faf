"""Names of nodes by id, for answers that show an account, a deal, a competitor or a team
beside its id. Not for employees the viewer may not see: their names stay private (answers
show them through `viewer.ref`)."""

from collections.abc import Iterable
from typing import Any

from pydantic import Field

from app.db.cypher import q
from app.db.graph import Reader


async def names(graph: Reader, ids: Iterable[str | None]) -> dict[str, str | None]:
    """The name of each of these ids that is a node (None when it has no name)."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    return {r["id"]: r["name"] for r in await graph.read(q("nodes/names"), ids=wanted)}


def names_field(what: str) -> Any:
    """The `names` field of a list answer: the names of what its items point to, by id."""
    return Field(
        default_factory=dict,
        description=f"The names of the accounts, deals, contacts, competitors and colleagues "
                    f"these {what} name, by id (a colleague the viewer may not see is named by "
                    f"reference only, and has no entry)",
        examples=[{"a-00001": "华东电网", "c-00017": "王建国"}])
