"""Every named query is valid Cypher on the real server, with its included parts in place."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from neo4j import Driver

from app.db import cypher
from app.db.cypher import CYPHER_DIR, names, q, template
from app.domain import Kind, RelType
from app.paths.repository import Layers

# The migration runner's own queries (schema commands among them) are left out.
NAMES = [name for name in names() if not name.startswith("migrations/")]

QueryFiles = Callable[..., None]


@pytest.fixture
def query_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QueryFiles:
    """Query files `t/<name>.cypher` in place of the shipped ones, written as `name=text`."""
    (tmp_path / "t").mkdir()
    monkeypatch.setattr(cypher, "CYPHER_DIR", tmp_path)

    def write(**texts: str) -> None:
        for name, text in texts.items():
            (tmp_path / "t" / f"{name}.cypher").write_text(text)

    return write


def test_includes_are_replaced_by_the_files_they_name() -> None:
    composite = q("chains/decision_chain")
    assert "<<include" not in composite
    assert q("chains/opportunity") in composite  # as it is
    # ... and with $contact_ids taken from the variable of the including query
    assert q("features/structure").replace("$contact_ids", "contact_ids") in composite
    assert "$contact_ids" not in composite and "$as_of" in composite


def test_an_include_takes_only_parameters_the_part_has(query_files: QueryFiles) -> None:
    query_files(part="RETURN $a AS a, $ab AS ab", whole="WITH 1 AS a <<include t/part with a>>",
                wrong="WITH 1 AS b <<include t/part with b>>")
    assert cypher.q("t/whole") == "WITH 1 AS a RETURN a AS a, $ab AS ab"
    with pytest.raises(ValueError, match=r"t/part.cypher has no \$b"):
        cypher.q("t/wrong")


def test_a_repeated_block_is_written_as_many_times_as_its_slot_says(
        query_files: QueryFiles) -> None:
    query_files(layers="WITH 0 AS d <<repeat layers>>WITH d + 1 AS d <</repeat>>RETURN d")
    assert cypher.template("t/layers", layers=Layers.THREE) == (
        "WITH 0 AS d WITH d + 1 AS d WITH d + 1 AS d WITH d + 1 AS d RETURN d")
    with pytest.raises(TypeError, match="unfilled slot"):
        cypher.template("t/layers", label=Kind.CONTACT)


def test_a_repeated_block_leaves_its_but_last_parts_out_of_its_last_copy(
        query_files: QueryFiles) -> None:
    query_files(but_last="WITH 0 AS d <<repeat layers>>WITH d + 1 AS d <<but last>>WITH d * 2 AS d "
                       "<</but last>><</repeat>>RETURN d")
    assert cypher.template("t/but_last", layers=Layers.THREE) == (
        "WITH 0 AS d WITH d + 1 AS d WITH d * 2 AS d WITH d + 1 AS d WITH d * 2 AS d "
        "WITH d + 1 AS d RETURN d")
    assert cypher.template("t/but_last", layers=Layers.ONE) == "WITH 0 AS d WITH d + 1 AS d RETURN d"


def test_a_log_names_the_file_of_a_query() -> None:
    assert cypher.name_of(q("chains/opportunity")) == "chains/opportunity"
    assert cypher.name_of(template("nodes/get_node", label=Kind.CONTACT)) == "nodes/get_node"
    assert cypher.name_of("RETURN 1") == "?"


def test_a_query_is_sent_without_its_comments_and_layout(query_files: QueryFiles) -> None:
    # Literals and quoted names keep what looks like a comment or spaces; a literal in single
    # quotes is sent in double ones unless it holds a double quote or an escape.
    query_files(laid_out="// what it does\nMATCH (n)  // the node\n  WHERE n.url = 'http://x  y'"
                         " /* a\n block */ AND n.`odd  // name` = 'it\\'s'\n"
                         "  AND n.say = 'a \"quote\"'\nRETURN n // done\n")
    assert cypher.q("t/laid_out") == (
        "MATCH (n) WHERE n.url = \"http://x  y\" AND n.`odd  // name` = 'it\\'s' "
        "AND n.say = 'a \"quote\"' RETURN n")


def test_a_block_for_each_name_is_written_once_per_name(query_files: QueryFiles) -> None:
    query_files(each="MATCH (p) <<each f in a_x, b>>WHERE p.<<f>> = 1 AND <<valid p>> UNION "
                     "<</each>>RETURN p",
                path="<<each f in a, b.c>>RETURN p.<<f>> <</each>>",
                left="<<each f in a>>RETURN p.<<g>><</each>>")
    assert cypher.q("t/each") == (
        "MATCH (p) WHERE p.a_x = 1 AND " + cypher.PREDICATES["valid"].format(v="p") + " UNION "
        "WHERE p.b = 1 AND " + cypher.PREDICATES["valid"].format(v="p") + " UNION RETURN p")
    with pytest.raises(ValueError, match="no plain identifier"):
        cypher.q("t/path")
    assert cypher.q("t/left") == "RETURN p.<<g>>"  # the test of unfilled slots below finds it


def test_the_validity_test_is_written_once(query_files: QueryFiles) -> None:
    query_files(edges="MATCH ()-[r1]->()-[l]->() WHERE <<valid r1>> AND <<begun l>> RETURN 1",
                bad="MATCH ()-[r]->() WHERE <<valid r.x OR true>> RETURN 1")
    assert cypher.q("t/edges") == (
        "MATCH ()-[r1]->()-[l]->() WHERE ((r1.since IS NULL OR r1.since <= $as_of) AND "
        "(r1.until IS NULL OR r1.until > $as_of)) AND (l.since IS NULL OR l.since <= $as_of) RETURN 1")
    with pytest.raises(ValueError, match="names no plain variable"):
        cypher.q("t/bad")
    query_files(newline="MATCH ()-[r]->() WHERE <<valid r\n>> RETURN 1")
    with pytest.raises(ValueError, match="names no plain variable"):
        cypher.q("t/newline")


def test_a_timeline_of_our_general_assessments_is_read_in_one_way(
        query_files: QueryFiles) -> None:
    query_files(general="RETURN <<general c price>> AS price",
                unknown="RETURN <<general c name>> AS name",
                path="RETURN <<general c.x price>> AS price")
    assert cypher.q("t/general") == (
        "RETURN CASE WHEN c.us_price_at[-1] <= $as_of THEN c.us_price[-1] ELSE "
        "c.us_price[[i IN range(size(coalesce(c.us_price_at, [])) - 1, 0, -1) "
        "WHERE c.us_price_at[i] <= $as_of][0]] END AS price")
    with pytest.raises(ValueError, match="names no feature with a timeline"):
        cypher.q("t/unknown")
    with pytest.raises(ValueError, match="names no plain variable"):
        cypher.q("t/path")


def test_no_file_writes_the_validity_test_or_our_perspective_out() -> None:
    for name in NAMES:
        text = CYPHER_DIR.joinpath(*f"{name}.cypher".split("/")).read_text(encoding="utf-8")
        assert not re.search(r"\.since IS NULL OR [a-z0-9_]+\.since <= \$as_of", text), name
        assert not re.search(r"us_[a-z]+_at\[i\] <=", text), name  # <<general c feature>>
        assert "'us'" not in text, name  # $us, app.domain.US


def test_only_template_slots_are_left_unfilled() -> None:
    # What q() leaves between << >> is a slot that template() fills from an enum; anything else
    # (a misspelt directive) would also keep the query out of the plan test below. A block's
    # <<but last>> parts only inside a repeated block.
    for name in NAMES:
        text = q(name)
        assert set(re.findall(r"<<([^>]*)>>", text)) <= {
            "label", "rel_type", "repeat layers", "repeat steps", "/repeat", "but last",
            "/but last"}, name
        outside = re.sub(r"<<repeat [a-z]+>>.*?<</repeat>>", "", text)
        assert set(re.findall(r"<<([^>]*)>>", outside)) <= {"label", "rel_type"}, name


@pytest.mark.parametrize("name", NAMES)
def test_query_plans(raw_driver: Driver, name: str) -> None:
    # Templates with their slots filled as the code fills them (any member will do).
    query = template(name, label=Kind.CONTACT, rel_type=RelType.INFLUENCES, layers=Layers.THREE,
                     steps=Layers.TWO)
    with raw_driver.session(database="neo4j") as session:
        session.run("EXPLAIN " + query).consume()
