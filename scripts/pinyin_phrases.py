"""Writes app/search/phrases.json: the phrases of pypinyin's dictionary a search key needs.

    .venv/bin/python scripts/pinyin_phrases.py           (writes it)
    .venv/bin/python scripts/pinyin_phrases.py --check   (exit 1 if it is not what pypinyin gives)

pypinyin's phrase dictionary (47,000 phrases) takes about 40 MB of every API process. A key is
toneless pinyin (app/search/keys.py), so a phrase matters only where its toneless reading is not
its characters' usual ones (银行 yinhang, where 行 alone is xing): about 3,400. A phrase that
reads as usual still steers how the text around it is cut into phrases (一朝天子一朝臣 holds
一朝, zhao): those are kept too, until every phrase of the dictionary, and every name the demo
generator makes, reads the same with the kept phrases alone as with the whole dictionary. The
readings are checked in a process that loads only the kept phrases (PYPINYIN_NO_PHRASES, as the
API does). tests/search/test_keys.py runs --check: a pypinyin release with another dictionary
fails it until this is run again.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from pypinyin import Style, lazy_pinyin, pinyin_dict
from pypinyin.constants import PHRASES_DICT
from pypinyin.seg import mmseg
from pypinyin.style import convert

from app.demo.generator import GIVEN, SURNAMES

OUT = Path(__file__).resolve().parent.parent / "app" / "search" / "phrases.json"
Phrases = dict[str, list[list[str]]]
# Reads `texts` with the phrases alone, in a process without pypinyin's dictionary.
_WITH_KEPT_ALONE = """
import json, sys
from pypinyin import Style, lazy_pinyin, load_phrases_dict
kept, texts = json.load(sys.stdin)
load_phrases_dict(kept)
json.dump([lazy_pinyin(text, style=Style.NORMAL) for text in texts], sys.stdout)
"""


def toneless(syllable: str) -> str:
    return str(convert(syllable, Style.NORMAL, strict=True))


def reading(phrase: str) -> list[list[str]]:
    """The phrase's toneless reading, in pypinyin's form (a list of readings per character)."""
    return [[toneless(readings[0])] for readings in PHRASES_DICT[phrase]]


def usual(phrase: str) -> list[str]:
    """Each character's first reading, as pypinyin reads a character outside a phrase."""
    found = pinyin_dict.pinyin_dict
    return [toneless(found[ord(ch)].split(",")[0]) if ord(ch) in found else ch for ch in phrase]


def kept_phrases() -> Phrases:
    if os.environ.get("PYPINYIN_NO_PHRASES"):
        raise SystemExit("run without PYPINYIN_NO_PHRASES: the whole dictionary is the reference")
    kept = {phrase: reading(phrase) for phrase in PHRASES_DICT
            if [r[0] for r in reading(phrase)] != usual(phrase)}
    texts = sorted({*PHRASES_DICT, *(s + g for s in SURNAMES for g in GIVEN)})
    whole = [lazy_pinyin(text, style=Style.NORMAL) for text in texts]
    while True:
        alone = json.loads(subprocess.run(
            [sys.executable, "-c", _WITH_KEPT_ALONE], input=json.dumps([kept, texts]),
            capture_output=True, text=True, check=True,
            env={**os.environ, "PYPINYIN_NO_PHRASES": "1"}).stdout)
        differ = [text for text, a, w in zip(texts, alone, whole, strict=True) if a != w]
        if not differ:
            return dict(sorted(kept.items()))
        # A text read otherwise is cut otherwise: the phrases the whole dictionary cuts it into
        # are kept.
        for text in differ:
            kept |= {p: reading(p) for p in mmseg.seg.cut(text) if p in PHRASES_DICT}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if app/search/phrases.json is not what pypinyin gives")
    written = json.dumps(kept_phrases(), ensure_ascii=False, separators=(",", ":")) + "\n"
    if parser.parse_args().check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != written:
            sys.exit(f"{OUT} is not what this pypinyin gives: run scripts/pinyin_phrases.py")
        return
    OUT.write_text(written, encoding="utf-8")


if __name__ == "__main__":
    main()
