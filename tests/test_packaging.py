"""What an install carries: the locks pin every dependency the same way."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

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
