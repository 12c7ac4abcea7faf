"""Migrations: a checksummed chain in the graph, refusal of changed files, and a lock."""

import asyncio
import shutil
from importlib.resources import as_file
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.config import Settings
from app.data_steps import data_steps
from app.db.graph import Graph, run_with_graph
from app.db.migrations import SHIPPED, MigrationError, discover, migrate, pending
from app.main import create_app
from tests.conftest import count


def copy_migrations(settings: Settings, tmp_path: Path) -> Path:
    target = tmp_path / "migrations"
    with as_file(SHIPPED) as shipped:
        shutil.copytree(shipped, target)
    return target


def test_every_file_is_recorded_in_a_chain_with_its_checksum(client: TestClient, settings: Settings,
                                                            raw_driver: Driver) -> None:
    files = discover(settings.migrations_dir)
    records, _, _ = raw_driver.execute_query(
        "MATCH p = (:__Neo4jMigration {version: 0})-[:MIGRATED_TO*]->(last) "
        "WHERE NOT (last)-[:MIGRATED_TO]->() "
        "RETURN [n IN tail(nodes(p)) | [n.version, n.checksum]] AS chain", database_="neo4j")
    assert records[0]["chain"] == [[m.version, m.checksum] for m in files]
    assert client.get("/ready").status_code == 200


def test_a_changed_applied_migration_stops_the_start(client: TestClient, settings: Settings,
                                                     tmp_path: Path) -> None:
    changed = copy_migrations(settings, tmp_path)
    first = sorted(changed.glob("V001__*.cypher"))[0]
    first.write_text(first.read_text() + "\n// an innocent-looking edit\n")
    with pytest.raises(MigrationError, match="changed after it was applied"):
        run_with_graph(settings, lambda g: pending(g, discover(changed)))
    app = create_app(settings.model_copy(update={"migrations_dir": changed}))
    with pytest.raises(MigrationError, match=first.stem), TestClient(app):
        pass


def test_a_new_migration_is_applied_once_even_when_two_processes_race(
        client: TestClient, settings: Settings, raw_driver: Driver, tmp_path: Path) -> None:
    directory = copy_migrations(settings, tmp_path)
    (directory / "V900__probe_index.cypher").write_text(
        "CREATE INDEX probe_index IF NOT EXISTS FOR (n:Probe) ON (n.x);\n")
    try:
        async def race(graph: Graph) -> list[list[str]]:
            migrations = discover(directory)
            steps = data_steps(settings)
            return list(await asyncio.gather(migrate(graph, migrations, 30, data_steps=steps),
                                             migrate(graph, migrations, 30, data_steps=steps)))

        results = run_with_graph(settings, race)
        assert sorted(results) == [[], ["V900__probe_index"]]
        assert count(raw_driver, "MATCH (m:__Neo4jMigration {version: 900}) RETURN count(m)") == 1
        assert count(raw_driver, "SHOW INDEXES YIELD name WHERE name = 'probe_index' "
                                 "RETURN count(*)") == 1
        assert count(raw_driver, "MATCH (l:__Neo4jMigrationsLock) RETURN count(l)") == 0
    finally:
        raw_driver.execute_query("MATCH (m:__Neo4jMigration {version: 900}) DETACH DELETE m",
                                 database_="neo4j")
        raw_driver.execute_query("DROP INDEX probe_index IF EXISTS", database_="neo4j")


def test_a_held_lock_makes_a_second_migrator_wait_then_give_up(
        client: TestClient, settings: Settings, raw_driver: Driver) -> None:
    raw_driver.execute_query("CREATE (:__Neo4jMigrationsLock {id: 'brm', owner: 'other', "
                             "acquired_at: datetime()})", database_="neo4j")
    try:
        with pytest.raises(MigrationError, match="holds the migration lock"):
            run_with_graph(settings, lambda g: migrate(g, discover(settings.migrations_dir), 1.5,
                                                   data_steps=data_steps(settings)))
    finally:
        raw_driver.execute_query("MATCH (l:__Neo4jMigrationsLock) DELETE l", database_="neo4j")


def test_migration_files_must_be_named_by_version(tmp_path: Path) -> None:
    (tmp_path / "add_things.cypher").write_text("RETURN 1")
    with pytest.raises(MigrationError, match="V<number>__"):
        discover(tmp_path)


def test_a_stale_lock_left_by_a_dead_process_is_broken(
        client: TestClient, settings: Settings, raw_driver: Driver) -> None:
    raw_driver.execute_query("CREATE (:__Neo4jMigrationsLock {id: 'brm', owner: 'dead', "
                             "acquired_at: datetime() - duration('PT2H')})", database_="neo4j")
    try:
        applied = run_with_graph(settings, lambda g: migrate(
            g, discover(settings.migrations_dir), 5, data_steps=data_steps(settings),
            stale_lock_s=3600))
        assert applied == []
        assert count(raw_driver, "MATCH (l:__Neo4jMigrationsLock) RETURN count(l)") == 0
    finally:
        raw_driver.execute_query("MATCH (l:__Neo4jMigrationsLock) DELETE l", database_="neo4j")
