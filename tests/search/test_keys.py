"""A key's pinyin comes from pypinyin without its phrase dictionary, about 40 MB of every
process, and from its phrases as shipped in app/search/phrases.json (scripts/pinyin_phrases.py):
read as with the whole dictionary."""

import json
import os
import subprocess
import sys
from pathlib import Path

from app.domain import Kind
from app.search.keys import search_key

ROOT = Path(__file__).resolve().parents[2]
WITHOUT_SETTING = {k: v for k, v in os.environ.items() if k != "PYPINYIN_NO_PHRASES"}


def test_the_phrases_shipped_are_those_the_pinned_pypinyin_gives_and_read_as_it_does() -> None:
    # Every phrase of the dictionary, every demo name and 20,000 texts joined from phrases read
    # as pypinyin reads them with its whole dictionary; the file is what this release gives
    # (a release with another dictionary fails: run scripts/pinyin_phrases.py).
    checked = subprocess.run([sys.executable, "scripts/pinyin_phrases.py", "--check"], cwd=ROOT,
                             env=WITHOUT_SETTING, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_the_api_holds_none_of_pypinyins_phrases_and_leaves_the_setting_as_it_was() -> None:
    probe = ("import json, os, app.main\n"
             "from pypinyin.constants import PHRASES_DICT\n"
             "print(json.dumps([len(PHRASES_DICT), os.environ.get('PYPINYIN_NO_PHRASES')]))\n")
    for setting in (None, "yes"):
        env = WITHOUT_SETTING | ({} if setting is None else {"PYPINYIN_NO_PHRASES": setting})
        done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True)
        assert json.loads(done.stdout) == [0, setting]


def parts(kind: Kind, name: str) -> list[str]:
    key = search_key(kind, name)
    assert key is not None
    return key.split("\x1f")


def test_phrases_read_as_phrases_and_names_by_every_surname_reading() -> None:
    assert parts(Kind.ACCOUNT, "重庆银行") == ["重庆银行", "chongqingyinhang", "cqyh"]
    # 一朝 alone is yizhao; the whole saying reads 朝 as chao.
    assert "yichaotianziyichaochen" in parts(Kind.ACCOUNT, "一朝天子一朝臣")
    # 湖南 is cut first: its 南 is not 南无's (namo), a phrase that reads otherwise.
    assert parts(Kind.ACCOUNT, "湖南无人机科技有限公司")[1:] == [
        "hunanwurenjikejiyouxiangongsi", "hnwrjkjyxgs"]
    assert parts(Kind.CONTACT, "王朝阳")[1] == "wangchaoyang"  # 朝阳 as 王朝 leaves it
    assert {"danxiongxin", "shanxiongxin", "chanxiongxin"} <= set(parts(Kind.CONTACT, "单雄信"))
