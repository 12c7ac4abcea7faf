"""The web app's URLs, checked without a browser: every id it puts in a path is encoded as one
segment (ids may hold "/", "%" and spaces), and its hash routes give back the id they carry."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "web" / "src"
TEMPLATE = re.compile(r"`([^`]*)`")
SLOT = re.compile(r"\$\{([^}]*)\}")
ODD_IDS = ["a/b", "50% off", "a b", "%2F%41", "c?x=1#y", "王/建国"]


def test_api_paths_encode_every_slot_as_one_segment() -> None:
    slots = []
    for source in SRC.rglob("*.js"):
        for literal in TEMPLATE.findall(source.read_text()):
            if literal.startswith("/v1/"):
                slots += [(source.name, slot) for slot in SLOT.findall(literal)]
    assert len(slots) >= 10
    assert [s for s in slots if not re.fullmatch(r"seg\([^()]+\)", s[1])] == []


def test_hash_routes_carry_ids_whole() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to build the web app (make web) and for this test")
    script = f"""
        globalThis.location = {{ hash: "" }};
        const route = await import({json.dumps((SRC / "route.js").as_uri())});
        const out = [];
        for (const id of {json.dumps(ODD_IDS)}) {{
          location.hash = route.href("person", id, {{ as_of: "2026-03-31" }});
          const now = route.current();
          out.push([location.hash, now.view, now.id, now.params.get("as_of")]);
        }}
        console.log(JSON.stringify(out));
    """
    result = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True,
                            text=True, check=True, timeout=60)
    routes = json.loads(result.stdout)
    assert [(view, id_, as_of) for _, view, id_, as_of in routes] == [
        ("person", id_, "2026-03-31") for id_ in ODD_IDS]
    assert all(hash_.count("/") == 2 for hash_, *_ in routes)  # "#/person/<one segment>"
