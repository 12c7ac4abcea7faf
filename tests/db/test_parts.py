"""Lists that grow with the company come in parts, one record each (app/db/graph.py one_list,
Reader.read_in_parts): the driver receives a record whole into its connection's buffer and
keeps the buffer at that size for as long as the connection lives in the pool."""

from pathlib import Path

import pytest
from neo4j import Driver

from app.config import Settings
from app.db import cypher
from app.db.cypher import q
from app.db.graph import Graph, Row
from tests.transactions import counted

# A list of $n maps, returned through the shipped part (db/in_parts).
LISTED = "UNWIND range(1, $n) AS x WITH collect({x: x}) AS rows\n<<include db/in_parts with rows>>"


@pytest.fixture
def listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """t/listed: LISTED, with the shipped db/in_parts beside it."""
    for folder, name, text in (("db", "in_parts", q("db/in_parts")), ("t", "listed", LISTED)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / f"{name}.cypher").write_text(text)
    monkeypatch.setattr(cypher, "CYPHER_DIR", tmp_path)
    return cypher.q("t/listed")


def test_a_list_comes_in_parts_of_a_thousand_and_is_read_whole_in_order(
        listed: str, raw_driver: Driver, settings: Settings) -> None:
    def parts(n: int) -> list[int]:
        records, _, _ = raw_driver.execute_query(listed, n=n, database_="neo4j")
        return [len(r["rows"]) for r in records]

    assert parts(2500) == [1000, 1000, 500]
    assert parts(1000) == [1000]
    assert parts(0) == [0]  # one record, whatever the list

    async def read(graph: Graph) -> list[list[Row]]:
        return [await graph.read_list(listed, n=n) for n in (2500, 1, 0)]  # type: ignore[arg-type]

    found, _ = counted(settings, read)
    assert found == [[{"x": x} for x in range(1, 2501)], [{"x": 1}], []]


def test_a_row_in_parts_is_read_as_one(settings: Settings) -> None:
    parted = ("UNWIND range(0, $n - 1) AS i "
              "RETURN i AS first, [i * 10, i * 10 + 1] AS items, [] AS none")

    async def read(graph: Graph) -> list[Row | None]:
        return [await graph.read_in_parts(parted, joined=("items", "none"), n=n)
                for n in (3, 1, 0)]

    found, _ = counted(settings, read)
    assert found == [{"first": 0, "items": [0, 1, 10, 11, 20, 21], "none": []},
                     {"first": 0, "items": [0, 1], "none": []}, None]
