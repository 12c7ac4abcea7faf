"""What a node is found by: its name, title and department as written, and a Chinese name
also by its pinyin, whole (`chenwei`) and by initials (`cw`). Kept on the node as one string
(`search`) at every write, with a text index, so a search is an index lookup, not a scan.

Both the key and the query are normalised alike (NFKC, case-folded, no spaces), so `Chen Wei`,
`chen wei` and `CHENWEI` find 陈伟. The parts are joined by a character a query cannot hold,
so a query never matches across two of them.
"""

import json
import os
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from itertools import groupby, islice
from operator import itemgetter

from app.domain import Kind

# pypinyin without its phrase dictionary, which takes about 40 MB of a process: the setting is
# read once, when pypinyin is first imported, and put back as it was for child processes.
_NO_PHRASES, _was = "PYPINYIN_NO_PHRASES", os.environ.get("PYPINYIN_NO_PHRASES")
os.environ[_NO_PHRASES] = "1"
from pypinyin import Style, lazy_pinyin, pinyin  # noqa: E402  (after the setting)

if _was is None:
    del os.environ[_NO_PHRASES]
else:
    os.environ[_NO_PHRASES] = _was


SEPARATOR = "\x1f"  # the unit separator: normalise() removes it from queries


def _phrases() -> tuple[dict[str, str], dict[str, str], int]:
    """pypinyin's phrases, which a text is cut into as pypinyin cuts it (the longest phrase
    at each place), and the toneless readings of those not read as their characters alone
    (银行 "yin hang", where 行 alone is xing): phrases.json, scripts/pinyin_phrases.py. The
    phrases are held by their first character, each character's in one text between
    separators, and a reading as one text: held so, they take about 1 MB of every process,
    against 7 MB as a set of 47,000 texts and 3,400 lists."""
    found = json.loads(files("app.search").joinpath("phrases.json").read_text("utf-8"))
    by_first = {first: SEPARATOR + SEPARATOR.join(phrases) + SEPARATOR
                for first, phrases in groupby(sorted(found["phrases"]), key=itemgetter(0))}
    readings = {phrase: " ".join(syllables) for phrase, syllables in found["readings"].items()}
    return by_first, readings, max(map(len, found["phrases"]))


PHRASES, PHRASE_READINGS, LONGEST_PHRASE = _phrases()
SEARCHABLE = (Kind.CONTACT, Kind.ACCOUNT, Kind.OPPORTUNITY, Kind.EMPLOYEE)
PEOPLE = (Kind.CONTACT, Kind.EMPLOYEE)
MAX_SURNAME_READINGS = 4  # 单 is dan, shan or chan: a surname is read several ways
# What of a text is searchable: a name or title runs far shorter, and the text index refuses
# a value past about 32 KB (names may hold 10,000 characters).
MAX_PART = 200


def normalise(text: str) -> str:
    """The form keys and queries are compared in."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if not ch.isspace() and ch != SEPARATOR)


def _han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _cut(han: str) -> Iterable[str]:
    """The text in pypinyin's phrases, the longest at each place, and characters between."""
    at = 0
    while at < len(han):
        phrases = PHRASES.get(han[at], "")
        size = next((n for n in range(min(LONGEST_PHRASE, len(han) - at), 1, -1)
                     if f"{SEPARATOR}{han[at:at + n]}{SEPARATOR}" in phrases), 1)
        yield han[at:at + size]
        at += size


@lru_cache(maxsize=8192)
def _piece(piece: str) -> tuple[str, ...]:
    """A phrase's or a character's toneless reading (a name's pieces recur: 有限公司, 科技)."""
    reading = PHRASE_READINGS.get(piece)
    return tuple(reading.split(" ") if reading else lazy_pinyin(piece, style=Style.NORMAL))


def _readings(name: str, person: bool) -> list[list[str]]:
    """The pinyin syllables of the name's Chinese characters, in the most likely reading
    (phrases read as phrases: 重庆 is chongqing); for a person also every reading of the first
    character, which is the surname (单 shan, 曾 zeng)."""
    han = "".join(ch for ch in name if _han(ch))
    if not han:
        return []
    likely = [syllable for piece in _cut(han) for syllable in _piece(piece)]
    found = [likely]
    if person:
        surnames = pinyin(han[0], style=Style.NORMAL, heteronym=True)[0]
        found += [[s, *likely[1:]] for s in islice(surnames, MAX_SURNAME_READINGS)
                  if s != likely[0]]
    return found


def search_key(kind: Kind, name: str | None, also: Iterable[str | None] = ()) -> str | None:
    """The `search` property of a node of this kind with this name and other searchable texts
    (a person's title and department); None for kinds nobody searches for."""
    if kind not in SEARCHABLE:
        return None
    parts = [normalise(t)[:MAX_PART] for t in (name, *also) if t]
    for syllables in _readings((name or "")[:MAX_PART], kind in PEOPLE):
        parts += ["".join(syllables), "".join(s[0] for s in syllables if s)]
    return SEPARATOR.join(dict.fromkeys(p for p in parts if p))
