"""Writes app/search/phrases.json: the phrases of pypinyin's dictionary, as a search key reads
them without the dictionary.

    .venv/bin/python scripts/pinyin_phrases.py           (writes it)
    .venv/bin/python scripts/pinyin_phrases.py --check   (exit 1 if it is not what pypinyin gives,
                                                          or a key reads otherwise than with it)

pypinyin's phrase dictionary (47,000 phrases with their readings) takes about 40 MB of every
API process. A key is toneless pinyin (app/search/keys.py), which needs of it the phrases
themselves, to cut a text as pypinyin does (the longest phrase at each place: 湖南 keeps its 南
from 南无, read namo), and the toneless readings of the phrases not read as their characters
alone (银行 yinhang, where 行 alone is xing): about 3,400. The file holds those; the API then
loads pypinyin without its dictionary (PYPINYIN_NO_PHRASES).

--check also reads, with app/search/keys.py in a process of its own as the API runs it, every
phrase of the dictionary, every name the demo generator makes and texts joined at random from
phrases and common characters, and fails where one reads otherwise than pypinyin with its
whole dictionary. tests/search/test_keys.py runs it: a pypinyin release with another
dictionary fails it until this is run again.
"""

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

from pypinyin import Style, lazy_pinyin, pinyin_dict
from pypinyin.constants import PHRASES_DICT
from pypinyin.style import convert

from app.demo.generator import GIVEN, SURNAMES

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "app" / "search" / "phrases.json"
COMMON = "的一是在有人中大国会行长银重南无朝阳乐调和华东西北京海天"
# The likely reading as app/search/keys.py makes it, of each text of stdin's list.
_AS_KEYS_READ = """
import json, sys
from app.search.keys import _readings
json.dump([_readings(text, False)[0] if text else [] for text in json.load(sys.stdin)],
          sys.stdout)
"""


def toneless(syllable: str) -> str:
    return str(convert(syllable, Style.NORMAL, strict=True))


def usual(phrase: str) -> list[str]:
    """Each character's first reading, as pypinyin reads a character outside a phrase."""
    found = pinyin_dict.pinyin_dict
    return [toneless(found[ord(ch)].split(",")[0]) if ord(ch) in found else ch for ch in phrase]


def phrases() -> dict[str, object]:
    readings = {phrase: [toneless(r[0]) for r in read] for phrase, read in PHRASES_DICT.items()}
    return {"phrases": sorted(PHRASES_DICT),
            "readings": {phrase: read for phrase, read in sorted(readings.items())
                         if read != usual(phrase)}}


def texts() -> list[str]:
    """Every phrase, every demo name, and texts joined from 2-4 phrases and characters: all
    Chinese characters, which a key reads all of."""
    rnd, pieces = random.Random(7), [*PHRASES_DICT, *COMMON]
    joined = ["".join(rnd.choices(pieces, k=rnd.randint(2, 4))) for _ in range(20000)]
    return sorted({*PHRASES_DICT, *(s + g for s in SURNAMES for g in GIVEN), *joined})


def read_otherwise() -> list[tuple[str, list[str], list[str]]]:
    """The texts app/search/keys.py reads otherwise than pypinyin with its whole dictionary."""
    every = texts()
    as_keys = json.loads(subprocess.run(
        [sys.executable, "-c", _AS_KEYS_READ], input=json.dumps(every), capture_output=True,
        text=True, check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout)
    return [(text, whole, keys) for text, keys in zip(every, as_keys, strict=True)
            if keys != (whole := lazy_pinyin(text, style=Style.NORMAL))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if app/search/phrases.json is not what pypinyin gives")
    if os.environ.get("PYPINYIN_NO_PHRASES"):
        sys.exit("run without PYPINYIN_NO_PHRASES: pypinyin's whole dictionary is the reference")
    written = json.dumps(phrases(), ensure_ascii=False, separators=(",", ":")) + "\n"
    if not parser.parse_args().check:
        OUT.write_text(written, encoding="utf-8")
        return
    if not OUT.exists() or OUT.read_text(encoding="utf-8") != written:
        sys.exit(f"{OUT} is not what this pypinyin gives: run scripts/pinyin_phrases.py")
    if otherwise := read_otherwise():
        sys.exit(f"{len(otherwise)} texts read otherwise than by pypinyin, such as "
                 f"{otherwise[:5]}")


if __name__ == "__main__":
    main()
