"""make test installs what the browser tests need (scripts/browser.sh), as make run installs
Java: with apt-get when root, and with a clear message otherwise. Run against a PATH of our own
that has no Chromium and a stand-in apt-get, so nothing is installed."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "browser.sh"
TOOLS = ("bash", "env", "id", "grep", "find", "head", "fc-list")


def run(tmp_path: Path, *, apt_get: bool, chromium: bool = False) -> subprocess.CompletedProcess[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        if found := shutil.which(tool):
            (bin_dir / tool).symlink_to(found)
    if apt_get:  # records what it was asked
        (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {tmp_path}/apt-get.log\n')
        (bin_dir / "apt-get").chmod(0o755)
    if chromium:
        (bin_dir / "chromium").write_text("#!/bin/sh\n")
        (bin_dir / "chromium").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "BRM_CHROMIUM"}
    return subprocess.run([str(bin_dir / "bash"), str(SCRIPT)], env={**env, "PATH": str(bin_dir)},
                          capture_output=True, text=True, check=False)


def test_a_missing_chromium_is_installed_with_apt_get_as_root(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("apt-get is used as root only; the other branch is tested below")
    done = run(tmp_path, apt_get=True)
    assert done.returncode == 0, done.stderr
    assert "installing chromium" in done.stderr
    asked = (tmp_path / "apt-get.log").read_text().splitlines()
    assert asked[0] == "update -qq"
    assert asked[1].startswith("install -y -qq chromium")


def test_without_a_way_to_install_it_says_what_is_missing(tmp_path: Path) -> None:
    done = run(tmp_path, apt_get=False)
    assert done.returncode == 1
    assert "missing chromium" in done.stderr and "apt-get install chromium" in done.stderr
    assert not (tmp_path / "apt-get.log").exists()


def test_nothing_is_installed_when_nothing_is_missing(tmp_path: Path) -> None:
    if not shutil.which("fc-list") or "WenQuanYi" not in subprocess.run(
            ["fc-list"], capture_output=True, text=True, check=False).stdout:
        pytest.skip("this machine lacks the font; the tests above cover installing it")
    done = run(tmp_path, apt_get=True, chromium=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert not (tmp_path / "apt-get.log").exists()
