"""Every named query is valid Cypher on the real server, with its included parts in place."""

from pathlib import Path

import pytest
from neo4j import Driver

from app.db import cypher
from app.db.cypher import CYPHER_DIR, q

NAMES = sorted(str(p.relative_to(CYPHER_DIR).with_suffix("")) for p in CYPHER_DIR.rglob("*.cypher")
               if p.parent.name != "migrations")


def test_includes_are_replaced_by_the_files_they_name() -> None:
    composite = q("chains/decision_chain")
    assert "<<include" not in composite
    assert q("chains/opportunity") in composite  # as it is
    # ... and with $contact_ids taken from the variable of the including query
    assert q("features/structure").replace("$contact_ids", "contact_ids") in composite
    assert "$contact_ids" not in composite and "$as_of" in composite


def test_an_include_takes_only_parameters_the_part_has(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "part.cypher").write_text("RETURN $a AS a, $ab AS ab")
    (tmp_path / "t" / "whole.cypher").write_text("WITH 1 AS a <<include t/part with a>>")
    (tmp_path / "t" / "wrong.cypher").write_text("WITH 1 AS b <<include t/part with b>>")
    monkeypatch.setattr(cypher, "CYPHER_DIR", tmp_path)
    assert cypher.q("t/whole") == "WITH 1 AS a RETURN a AS a, $ab AS ab"
    with pytest.raises(ValueError, match=r"t/part.cypher has no \$b"):
        cypher.q("t/wrong")


@pytest.mark.parametrize("name", [n for n in NAMES if "<<" not in q(n)])
def test_query_plans(raw_driver: Driver, name: str) -> None:
    with raw_driver.session(database="neo4j") as session:
        session.run("EXPLAIN " + q(name)).consume()  # type: ignore[arg-type]
