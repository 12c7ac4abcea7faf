"""Find people, accounts and deals by name, title, department, pinyin or exact id, within the
viewer's perspective."""

from app.db.cypher import q
from app.db.graph import Graph
from app.domain import Kind
from app.nodes.names import names
from app.search.keys import normalise
from app.search.schemas import Hit, SearchResult


async def search(graph: Graph, *, text: str, kinds: list[Kind], limit: int,
                 accounts: list[str] | None, employees: list[str] | None) -> SearchResult:
    rows = await graph.read(q("search/nodes"), text=text, key=normalise(text),
                            kinds=[k.value for k in kinds], limit=limit, accounts=accounts,
                            employees=employees)
    accounts_named = await names(graph, [r["account_id"] for r in rows])
    return SearchResult(query=text, hits=[
        Hit(**row, account_name=accounts_named.get(row["account_id"] or "")) for row in rows])
