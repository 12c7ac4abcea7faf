"""What an install carries: the locks pin every dependency the same way, and the wheel holds
every query, every migration and the web app, which an installed copy finds."""

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from app.db.cypher import names, q
from app.db.migrations import discover

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text()
    found = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", text, re.MULTILINE)
    assert "--hash=sha256:" in text
    return {canonicalize_name(name): pinned for name, pinned in found}


def test_the_locks_pin_every_dependency_and_agree() -> None:
    main, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    for requirement in map(Requirement, PROJECT["dependencies"]):
        name = canonicalize_name(requirement.name)
        assert name in main, f"{name} is not in requirements.lock: make lock"
        assert requirement.specifier.contains(main[name]), (name, main[name])
    for requirement in map(Requirement, PROJECT["optional-dependencies"]["dev"]):
        name = canonicalize_name(requirement.name)
        assert name in dev, f"{name} is not in requirements-dev.lock: make lock"
        assert requirement.specifier.contains(dev[name]), (name, dev[name])
    assert {name: dev.get(name) for name in main} == main  # the dev lock adds, never moves


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel as `python -m build` makes it, from a copy of what it is made of: a build in
    the tree would keep, in build/, files deleted since."""
    if not (ROOT / "app" / "web" / "static" / "dist" / "app.js").is_file():
        pytest.fail("the web bundle is not built: make web (make test does)")
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    shutil.copy(ROOT / "pyproject.toml", source)
    shutil.copytree(ROOT / "app", source / "app", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out),
                    str(source)], check=True, capture_output=True)
    [built] = out.glob("brm-*.whl")
    return built


def shipped(folder: str, pattern: str) -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).glob(pattern)}


def test_the_wheel_holds_every_query_migration_and_the_web_app(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        inside = set(archive.namelist())
    queries, migrations = shipped("app/cypher", "*/*.cypher"), shipped("app/migrations", "*.cypher")
    assert len(queries) > 50 and len(migrations) >= 9
    assert queries <= inside and migrations <= inside
    assert {"app/web/static/index.html", "app/web/static/app.css", "app/web/static/dist/app.js",
            "app/web/static/dist/docs/swagger-ui-bundle.js", "app/search/phrases.json"} <= inside
    assert not any(name.startswith(("tests/", "scripts/", "web/")) for name in inside)


def test_an_installed_wheel_finds_its_queries_migrations_and_web_app(wheel: Path,
                                                                     tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(target), str(wheel)], check=True, capture_output=True)
    # Another Python, run where no source tree is, importing app from the installed copy first.
    probe = (
        "import json, app\n"
        "from app.db.cypher import names, q\n"
        "from app.db.migrations import discover\n"
        "from app.web.router import STATIC\n"
        "from app.domain import Kind\n"
        "from app.search.keys import search_key\n"
        "print(json.dumps({'app': app.__file__, 'chain': q('chains/decision_chain'),\n"
        "                  'names': names(), 'migrations': [m.name for m in discover()],\n"
        "                  'index': (STATIC / 'index.html').read_text()[:200],\n"
        "                  'key': search_key(Kind.ACCOUNT, '重庆银行')}))\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(target)}, check=True)
    found = json.loads(done.stdout)
    assert found["app"].startswith(str(target))
    assert found["chain"] == q("chains/decision_chain")  # the parts included in it too
    assert found["names"] == names()
    assert found["migrations"] == [m.name for m in discover()]
    assert "<html" in found["index"].lower()
    assert found["key"] == "重庆银行\x1fchongqingyinhang\x1fcqyh"  # its phrases, shipped


def test_every_cypher_file_is_where_the_code_reads_it() -> None:
    # Queries are app/cypher/<domain>/<name>.cypher, migrations app/migrations/V*.cypher: one
    # anywhere else (cypher/ at the top, as before they moved) would be in no install.
    skipped = {".git", ".venv", ".data", "node_modules", "build", "dist", "test-artifacts"}
    stray = []
    for folder, subfolders, file_names in os.walk(ROOT):
        subfolders[:] = [s for s in subfolders if s not in skipped and not s.startswith(".")]
        for file_name in file_names:
            path = (Path(folder) / file_name).relative_to(ROOT)
            if path.suffix == ".cypher" and not (
                    (path.parts[:2] == ("app", "cypher") and len(path.parts) == 4)
                    or (path.parts[:2] == ("app", "migrations") and len(path.parts) == 3)):
                stray.append(str(path))
    assert stray == []
