"""Every named query is valid Cypher on the real server, with its included parts in place."""

import pytest
from neo4j import Driver

from app.db.cypher import CYPHER_DIR, q

NAMES = sorted(str(p.relative_to(CYPHER_DIR).with_suffix("")) for p in CYPHER_DIR.rglob("*.cypher")
               if p.parent.name != "migrations")


def test_includes_are_replaced_by_the_files_they_name() -> None:
    composite = q("chains/member_facts")
    assert "<<include" not in composite
    for part in ("features/structure", "features/attitudes", "chains/reach"):
        assert q(part) in composite


@pytest.mark.parametrize("name", [n for n in NAMES if "<<" not in q(n)])
def test_query_plans(raw_driver: Driver, name: str) -> None:
    with raw_driver.session(database="neo4j") as session:
        session.run("EXPLAIN " + q(name)).consume()  # type: ignore[arg-type]
