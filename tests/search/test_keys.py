"""A key's pinyin comes from pypinyin with only the phrases a key needs loaded
(app/search/phrases.json, scripts/pinyin_phrases.py): about 40 MB less in every process, and
every phrase of pypinyin's dictionary, and every demo name, read as with the whole of it."""

import json
import os
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

from app.domain import Kind
from app.search.keys import search_key

ROOT = Path(__file__).resolve().parents[2]
WITHOUT_SETTING = {k: v for k, v in os.environ.items() if k != "PYPINYIN_NO_PHRASES"}


def test_the_phrases_shipped_are_those_the_pinned_pypinyin_gives() -> None:
    # Fails when a pypinyin release changes its dictionary: run scripts/pinyin_phrases.py.
    checked = subprocess.run([sys.executable, "scripts/pinyin_phrases.py", "--check"], cwd=ROOT,
                             env=WITHOUT_SETTING, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_a_process_that_makes_keys_holds_only_the_shipped_phrases() -> None:
    probe = ("import json, app.search.keys\n"
             "from pypinyin.constants import PHRASES_DICT\n"
             "print(json.dumps(sorted(PHRASES_DICT)))\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=WITHOUT_SETTING,
                          capture_output=True, text=True, check=True)
    shipped = json.loads(files("app.search").joinpath("phrases.json").read_text("utf-8"))
    assert json.loads(done.stdout) == sorted(shipped)
    assert 1000 < len(shipped) < 10000  # of about 47,000


def test_phrases_read_as_phrases_and_names_by_every_surname_reading() -> None:
    parts = search_key(Kind.ACCOUNT, "重庆银行")
    assert parts is not None and parts.split("\x1f") == ["重庆银行", "chongqingyinhang", "cqyh"]
    # 一朝 alone is yizhao; the whole saying reads 朝 as chao, which only its phrase says.
    saying = search_key(Kind.ACCOUNT, "一朝天子一朝臣")
    assert saying is not None and "yichaotianziyichaochen" in saying.split("\x1f")
    person = search_key(Kind.CONTACT, "单雄信")
    assert person is not None
    assert {"danxiongxin", "shanxiongxin", "chanxiongxin"} <= set(person.split("\x1f"))
