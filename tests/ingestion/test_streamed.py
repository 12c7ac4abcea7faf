"""A large document read as it arrives (its parts spooled to temporary files and read again on
each pass): the same problems, the same answer and the same graph as the document parsed whole."""

import copy
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver
from typer.testing import CliRunner

from app.cli import cli
from app.config import get_settings
from app.demo.generator import generate
from app.errors import ValidationFailed
from app.ingestion.schemas import section_models
from app.ingestion.sections import Spooled, chunks
from app.ingestion.validation import Parsed, parse_body, parse_document, parse_stream
from app.main import create_app
from tests.conftest import AUTH, emptied, graph_fingerprint, ready, settings_for
from tests.ingestion.test_import import small_document
from tests.servers import Server

ENTERED_AT = frozenset({"entered_at", "ended_at"})

# Items of each kind a document's parts may hold: valid ones and every way of being invalid.
ITEMS: list[Any] = [
    {"id": "a1", "name": "华东电网"}, {"id": "c1", "account_id": "a1", "name": "王建国"},
    {"id": "e1", "name": "李明", "team_id": "t1"}, {"id": "t1", "name": "能源行业部"},
    {"type": "INFLUENCES", "from": "e1", "to": "c1", "strength": 0.5},
    {"contact_id": "c1", "at": "2026-03-31", "closeness": "support"},
    {"id": "x", "name": "   "}, {"id": "x"}, {"id": "x", "name": "n", "surprise": 1},
    {"type": "INFLUENCES", "from": "e1", "to": "c1", "strength": 1.5}, 5, None, "s", [], [{}],
    {"contact_id": "c1", "at": "not a day"},
]
PARTS = [*section_models(), "surprise"]


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(st.sampled_from(PARTS), unique=True, max_size=5))
    return {name: draw(st.one_of(st.lists(st.sampled_from(ITEMS), max_size=6),
                                 st.sampled_from([None, 3, {"a": [1, {}]}, "x"])))
            for name in names}


def items(parsed: Parsed) -> dict[str, list[dict[str, Any]]]:
    return {name: [item.model_dump() for item in getattr(parsed.doc, name)]
            for name in section_models()}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_a_document_read_as_it_arrives_parses_as_one_read_whole(doc: dict[str, Any]) -> None:
    whole = parse_document(doc)
    streamed = parse_stream(io.BytesIO(orjson.dumps(doc)))
    try:
        assert streamed.problems == whole.problems
        assert streamed.positions == whole.positions
        assert items(streamed) == items(whole)
        # Read again, a part gives the same items (each pass reads its file anew).
        assert items(streamed) == items(whole)
        assert all(isinstance(getattr(streamed.doc, name), Spooled) for name in doc
                   if name in section_models() and isinstance(doc[name], list))
    finally:
        streamed.close()


C = b'{"id": "c1", "account_id": "a1", "name": "n"}'
# Bodies a streaming parser may read otherwise than orjson, or a JSON object's rules otherwise
# than a dict: each is read as the same body parsed whole reads it.
CRAFTED = [
    b'{"contacts": [' + C + b'], "contacts": null}', b'{"contacts": {}, "contacts": [' + C + b']}',
    b'{"contacts": [{"id": 1}], "contacts": 5}', b'{"contacts": 5, "contacts": null}',
    b'{"x": 1, "x": 2}', b'{"": {"zz": 1, "contacts": [1]}}', b'{"contacts[0]": 1, "accounts": [1]}',
    b'{"contacts[x]": 1, "contacts": [], "contacts": []}', b'{"x": 99999999999999999999}',
    b'{"exchange_rates": [{"currency": "USD", "at": "2026-01-01", "rate": 1234567890123456789012}]}',
    b'{"accounts": [{"id": "a", "name": "\\ud800"}]}', b'{"x": "\\udc00\\ud800"}',
    b'{"accounts": [{"id": "a", "name": "\\ud83d\\ude00"}]}', b'{"x": ' + b"[" * 1100 + b"]" * 1100 + b"}",
    b'{"accounts": [{"id": "a", "name": "n"}]} x', b"\xef\xbb\xbf{}", b'{"x": "\xff"}', b"",
]


def outcome(body: bytes, stream_from: int) -> Any:
    try:
        parsed = parse_body(io.BytesIO(body), stream_from)
    except ValidationFailed as exc:
        return exc.extra["errors"]
    try:
        return parsed.problems, parsed.positions, items(parsed)
    finally:
        parsed.close()


@pytest.mark.parametrize("body", CRAFTED)
def test_a_crafted_body_read_as_it_arrives_reads_as_one_read_whole(body: bytes) -> None:
    assert outcome(body, 0) == outcome(body, 1 << 40)


def test_the_ids_of_records_refused_are_known_read_either_way() -> None:
    body = orjson.dumps({"contacts": [{"id": "c1", "account_id": "a1", "name": "n", "emails": ["x"]},
                                      {"id": "c2", "account_id": "a1", "name": "n"},
                                      {"id": 7, "account_id": "a1"}],
                         "accounts": [{"id": "a1"}]})
    for stream_from in (0, 1 << 40):
        parsed = parse_body(io.BytesIO(body), stream_from)
        assert parsed.refused_ids == {"c1", "a1"}, stream_from
        parsed.close()


def test_a_part_named_twice_counts_once_the_last_time() -> None:
    body = (b'{"accounts": [{"id": "a1"}], "surprise": 1, '
            b'"accounts": [{"id": "a2", "name": "n"}]}')
    parsed = parse_stream(io.BytesIO(body))
    assert [a.id for a in parsed.doc.accounts] == ["a2"]
    assert [p["path"] for p in parsed.problems] == ["surprise"]
    parsed.close()


def test_a_spooled_part_narrowed_and_ordered_reads_as_a_list_would() -> None:
    contacts = [{"id": f"c{i}", "account_id": "a1", "name": f"n{i % 3}"} for i in range(7)]
    parsed = parse_stream(io.BytesIO(orjson.dumps({"contacts": contacts})))
    part = parsed.doc.contacts
    assert isinstance(part, Spooled)
    narrowed = part.where(lambda c: c.name != "n1")
    assert [c.id for c in narrowed] == ["c0", "c2", "c3", "c5", "c6"]
    by_name = narrowed.ordered(lambda c: c.name)
    assert [c.id for c in by_name] == ["c0", "c3", "c6", "c2", "c5"]
    # Two passes under way at once each keep their place.
    assert [(a.id, b.id) for a, b in zip(by_name, part, strict=False)][:2] == [("c0", "c0"),
                                                                             ("c3", "c1")]
    parsed.close()
    assert part.file.closed and narrowed.file.closed and by_name.file.closed


@pytest.fixture(scope="module")
def apps(neo4j_server: Server) -> Iterator[dict[str, TestClient]]:
    """Two APIs alike but for how they read an import: whole, and as it arrives (every body),
    both writing a large document batch by batch."""
    batched = {"import_single_tx_max_rows": 200, "import_batch_size": 40}
    whole = create_app(settings_for(neo4j_server, **batched))
    streamed = create_app(settings_for(neo4j_server, import_stream_min_bytes=0, **batched))
    with TestClient(whole, raise_server_exceptions=False) as a, \
            TestClient(streamed, raise_server_exceptions=False) as b:
        yield {"whole": ready(a), "streamed": ready(b)}


def test_a_streamed_document_writes_the_graph_a_whole_one_does(
        apps: dict[str, TestClient], raw_driver: Driver) -> None:
    """The demo's document (every part, colleagues named by address, versions of
    relationships), imported by each API into an empty graph, leaves the same graph."""
    doc = generate(scale=0.2, seed=5, today=date.today(), emails=True)
    prints, answers = {}, {}
    for name, api in apps.items():
        emptied(api, raw_driver)
        response = api.post("/v1/import", content=orjson.dumps(doc),
                            headers={**AUTH, "content-type": "application/json"})
        assert response.status_code == 200, response.text
        answers[name] = response.json()
        prints[name] = graph_fingerprint(raw_driver, ignore=ENTERED_AT)
    assert answers["streamed"] == answers["whole"]
    assert sum(answers["whole"]["counts"].values()) > 1000
    assert prints["streamed"] == prints["whole"]


def test_a_document_in_one_transaction_writes_alike_in_batches(
        neo4j_server: Server, raw_driver: Driver) -> None:
    """A document written in one transaction, its steps in batches made one at a time (each
    read twice: the ids it names, then its write), leaves the graph and the change feed's mark
    that one batch per step leaves: every item written, every id named."""
    generated = generate(scale=0.2, seed=7, today=date.today(), emails=True)
    doc = orjson.dumps(generated)
    prints, marked = [], []
    for batch in (10**6, 40):
        app = create_app(settings_for(neo4j_server, import_stream_min_bytes=0,
                                      webhook_worker=False,  # the marks stay to be read
                                      import_single_tx_max_rows=10**6, import_batch_size=batch))
        with TestClient(app, raise_server_exceptions=False) as api:
            emptied(ready(api), raw_driver)
            response = api.post("/v1/import", content=doc,
                                headers={**AUTH, "content-type": "application/json"})
            assert response.status_code == 200, response.text
            prints.append(graph_fingerprint(raw_driver, ignore=ENTERED_AT))
            marked.append(raw_driver.execute_query(
                "MATCH (m:OutboxMark) WHERE NOT m.clock UNWIND m.ids AS id "
                "RETURN count(DISTINCT m) AS marks, collect(DISTINCT id) AS ids",
                database_="neo4j").records[0])
    items = sum(len(v) for v in generated.values())
    assert prints[0][0] > 1000 and prints[0][0] + prints[0][1] > items
    assert prints[1] == prints[0]
    assert [m["marks"] for m in marked] == [1, 1]
    assert sorted(marked[1]["ids"]) == sorted(marked[0]["ids"])
    assert {c["id"] for c in generated["contacts"]} <= set(marked[0]["ids"])


def test_a_streamed_document_with_errors_is_refused_alike(
        apps: dict[str, TestClient], raw_driver: Driver) -> None:
    bad = copy.deepcopy(small_document())
    bad["surprise"] = []
    bad["contacts"].append({"id": "c3", "account_id": "a-missing", "name": "孙磊"})
    bad["contacts"].append({"id": "c4", "account_id": "a1"})
    bad["employees"].append({"id": "c1", "name": "duplicate of a contact id"})
    bad["contacts"].append({"id": "c5", "account_id": "a1", "name": "x",
                            "emails": ["li.ming@example.com"]})
    bad["employees"][0]["emails"] = ["LI.MING@example.com"]
    bad["relationships"].append({"type": "REPORTS_TO", "from": "c1", "to": "c2"})
    bad["activities"].append({"id": "act2", "at": "2026-05-02", "type": "visit",
                              "employee_ids": ["e1"], "employee_emails": ["nobody@example.com"],
                              "contact_ids": ["nobody"]})
    answers = {}
    for name, api in apps.items():
        emptied(api, raw_driver)
        response = api.post("/v1/import", json=bad, headers=AUTH)
        assert response.status_code == 422
        answers[name] = response.json()["errors"]
        assert graph_fingerprint(raw_driver)[:2] == (0, 0)
    assert answers["streamed"] == answers["whole"]
    assert {e["code"] for e in answers["whole"]} >= {
        "unknown_part", "unknown_id", "missing", "duplicate_id", "email_ours", "unknown_email",
        "reporting_loop"}


def test_a_streamed_body_that_is_not_json_is_refused_alike(apps: dict[str, TestClient]) -> None:
    for body in (b'{"accounts": [', b'{"accounts": [{"id": 1,}]}', b'[1, 2]', b'',
                 b'{"accounts": []} x', b'{"accounts": [1e400]}'):
        said = [apps[name].post("/v1/import", content=body,
                                headers={**AUTH, "content-type": "application/json"}).json()
                for name in ("whole", "streamed")]
        assert said[1] == said[0], body
        assert said[0]["status"] == 422


def test_chunks_keep_the_items_of_one_key_together() -> None:
    assert list(chunks([1, 2, 3, 4, 5], 2)) == [[1, 2], [3, 4], [5]]
    assert list(chunks(["a1", "a2", "a3", "b1", "c1", "c2"], 2, together=lambda s: s[0])) == [
        ["a1", "a2", "a3"], ["b1", "c1", "c2"]]
    assert list(chunks([], 3)) == []


def test_versions_of_a_relationship_are_written_in_one_batch(neo4j_server: Server,
                                                             raw_driver: Driver) -> None:
    """Written a row a batch, two batches at once, a relationship's three versions (sent last
    first) still end each where the next starts: they go in one batch, in order of start."""
    versions = [{"type": "INFLUENCES", "from": "e2", "to": "c1", "strength": s, "since": since}
                for s, since in ((0.9, "2026-03-01"), (0.5, "2025-09-01"), (0.3, "2025-06-01"))]
    doc = small_document() | {"relationships": versions}
    app = create_app(settings_for(neo4j_server, import_stream_min_bytes=0,
                                  import_single_tx_max_rows=1, import_batch_size=1))
    with TestClient(app, raise_server_exceptions=False) as api:
        emptied(ready(api), raw_driver)
        assert api.post("/v1/import", json=doc, headers=AUTH).status_code == 200
        edges = api.get("/v1/employees/e2", headers=AUTH).json()["relationships"]
    assert sorted((e["since"], e["until"], e["strength"]) for e in edges
                  if e["type"] == "INFLUENCES") == [("2025-06-01", "2025-09-01", 0.3),
                                                    ("2025-09-01", "2026-03-01", 0.5),
                                                    ("2026-03-01", None, 0.9)]


def test_brm_import_reads_a_large_file_as_it_arrives(client: TestClient, neo4j_server: Server,
                                                     raw_driver: Driver, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """`brm import FILE.json` of a file past BRM_IMPORT_STREAM_MIN_BYTES (here every file):
    stored with its counts; a file with an error writes nothing and says where, and one that
    is not JSON says so, each with exit code 1."""
    for name, value in (("NEO4J_URI", neo4j_server.uri), ("NEO4J_USER", neo4j_server.user),
                        ("NEO4J_PASSWORD", neo4j_server.password),
                        ("BRM_IMPORT_STREAM_MIN_BYTES", "0")):
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        bad = small_document() | {"contacts": [{"id": "c9", "account_id": "a1"}]}
        (tmp_path / "bad.json").write_bytes(orjson.dumps(bad))
        refused = runner.invoke(cli, ["import", str(tmp_path / "bad.json")])
        assert refused.exit_code == 1
        assert orjson.loads(refused.stderr)["errors"][0]["path"] == "contacts[0].name"
        assert graph_fingerprint(raw_driver)[:2] == (0, 0)
        (tmp_path / "broken.json").write_bytes(b'{"accounts": [')
        broken = runner.invoke(cli, ["import", str(tmp_path / "broken.json")])
        assert broken.exit_code == 1
        assert orjson.loads(broken.stderr)["errors"][0]["code"] == "json_invalid"
        (tmp_path / "doc.json").write_bytes(orjson.dumps(small_document()))
        stored = runner.invoke(cli, ["import", str(tmp_path / "doc.json")])
        assert stored.exit_code == 0, stored.output
        assert orjson.loads(stored.stdout.splitlines()[-1])["contacts"] == 2
        assert client.get("/v1/contacts/c2", headers=AUTH).json()["name"] == "陈红梅"
    finally:
        get_settings.cache_clear()
