"""The web app's two languages, checked without a browser: both catalogues have the same keys
with the same placeholders, every key the source asks for exists, every value the API answers
with that the app shows has a label in both, and no English sentence is left in the source
where the app builds what users see (text children of h(...), textContent, labels, titles and
placeholders). tests/web/test_languages.py renders every view in Chinese."""

import ast
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from app.actions.schemas import ActionKind
from app.auth.schemas import Role as PrincipalRole
from app.changes.schemas import EventType
from app.domain import ActivityType, Attitude, ContactLevel, OpportunityStatus, Role, ThirdPartyCategory
from app.ingestion.schemas import section_models
from app.introductions.schemas import Status as IntroStatus
from app.sheets.words import CHANGES, ENUM_PREFIX, VALUES, colleague_tag
from app.strategy.tactics import Strategy

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "web" / "src"
PAGE = ROOT / "app" / "web" / "static" / "index.html"
SOURCES = sorted(p for p in SRC.rglob("*.js") if p.name != "i18n.js")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# t("key"), has("key"): literal keys; tn("key", n): "key.one" and "key.other"; t(`prefix.${x}`):
# keys made from a value.
LITERAL_KEY = re.compile(r"\b(?:t|has)\(\s*\"([^\"]+)\"")
COUNT_KEY = re.compile(r"\btn\(\s*\"([^\"]+)\"")
MADE_KEY = re.compile(r"\b(?:t|tn|has)\(\s*`([^`$]*)\$\{")
# label("prefix", value) and its aliases: the label of a value the API answers with.
LABEL_PREFIX = re.compile(r"\b(?:label|valueLabel)\(\s*\"([^\"]+)\"")
# Where the source puts words on screen: a string literal as a child of h(tag, attrs, ...), or
# as textContent, or as an attribute a user reads.
H_TEXT = re.compile(r"\bh\(\s*\"\w+\"\s*,\s*(?:\{[^{}]*\}|null)\s*,\s*([\"'`])((?:(?!\1).)*)\1")
SINK_TEXT = re.compile(
    r"(?:textContent\s*=|\"aria-label\"\s*:|\btitle\s*:|\bplaceholder\s*:|\"aria-valuetext\"\s*:"
    r"|setAttribute\(\s*\"(?:aria-label|title|placeholder)\"\s*,)\s*([\"'`])((?:(?!\1).)*)\1")
WORDS = re.compile(r"[A-Za-z]{2,}")
NAMES = {"BRM", "JavaScript", "Excel", "CSV", "UTF"}


def catalogues() -> dict[str, dict[str, str]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to build the web app (make web) and for this test")
    script = (f"const m = await import({json.dumps((SRC / 'i18n.js').as_uri())});"
              "console.log(JSON.stringify(m.catalogues()));")
    result = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True,
                            text=True, check=True, timeout=60)
    found: dict[str, dict[str, str]] = json.loads(result.stdout)
    return found


@pytest.fixture(scope="module")
def both() -> dict[str, dict[str, str]]:
    return catalogues()


def source_text() -> str:
    return "\n".join(p.read_text() for p in SOURCES)


def test_both_catalogues_have_the_same_keys_and_placeholders(both: dict[str, dict[str, str]]) -> None:
    en, zh = both["en"], both["zh-CN"]
    assert len(en) > 300
    assert sorted(set(en) ^ set(zh)) == []
    assert [k for k in en if set(PLACEHOLDER.findall(en[k])) != set(PLACEHOLDER.findall(zh[k]))] == []
    assert [k for k, v in {**en, **zh}.items() if not v.strip()] == []


def test_the_chinese_catalogue_is_chinese(both: dict[str, dict[str, str]]) -> None:
    """No value of zh-CN is left in English: Latin words only where they are names (BRM,
    JavaScript, the file formats Excel and CSV and the encoding UTF-8, as Chinese software names
    them) or a figure's letter."""
    english = {k: v for k, v in both["zh-CN"].items()
               if {w for w in WORDS.findall(PLACEHOLDER.sub("", v))} - NAMES}
    assert english == {}


def test_every_key_the_source_asks_for_exists(both: dict[str, dict[str, str]]) -> None:
    text = source_text()
    asked = set(LITERAL_KEY.findall(text)) | {f"{k}.{form}" for k in COUNT_KEY.findall(text)
                                              for form in ("one", "other")}
    assert len(asked) > 200
    assert sorted(asked - set(both["en"])) == []
    made = set(MADE_KEY.findall(text)) | {f"{p}." for p in LABEL_PREFIX.findall(text)}
    assert made, "the scan finds the keys made from values"
    assert sorted(p for p in made if not any(k.startswith(p) for k in both["en"])) == []
    page = set(re.findall(r"data-i18n(?:-[a-z-]+)?=\"([^\"]+)\"", PAGE.read_text()))
    assert len(page) >= 8
    assert sorted(page - set(both["en"])) == []


@pytest.mark.parametrize(("prefix", "values"), [
    ("att", [a.value for a in Attitude]),
    ("role", [r.value for r in Role]),
    ("level", [c.value for c in ContactLevel]),
    ("status", [s.value for s in OpportunityStatus]),
    ("act", [a.value for a in ActivityType]),
    ("strategy", [s.value for s in Strategy]),
    ("why", [s.value for s in Strategy]),
    ("principal", [r.value for r in PrincipalRole]),
    ("intro.status", [s.value for s in IntroStatus]),
    ("cmp", ["lead", "lag", "tie", "unknown"]),
    ("tier", ["excellent", "good", "medium", "poor", "unknown"]),
    ("principle", [k.value for k in ActionKind]),  # the suggestions' principles, and custom
    ("event", [e.value for e in EventType]),
    ("detail", ["hundred_percent", "lead_one_dimension", "fix_short_boards", "breakthrough",
                "continuous_improvement", "all_staff_participation"]),
    ("step", ["INFLUENCES", "REPORTS_TO_DOWN", "REPORTS_TO_UP"]),
    ("kind", ["Contact", "Account", "Opportunity", "Employee", "CompetitorStaff", "ThirdParty"]),
    ("thirdParty", [c.value for c in ThirdPartyCategory]),
    ("part", list(section_models())),
])
def test_every_value_the_api_answers_with_has_a_label(both: dict[str, dict[str, str]], prefix: str,
                                                      values: list[str]) -> None:
    assert sorted(v for v in values if f"{prefix}.{v}" not in both["en"]) == []


def test_a_file_for_people_says_values_as_the_screen_does(both: dict[str, dict[str, str]]) -> None:
    # A spreadsheet saved in a language (app/sheets/words.py) uses the app's words for every
    # value the app also shows, and has words for every value of each kind it says.
    shared = {key: words for key, words in {**VALUES, **CHANGES}.items() if key in both["en"]}
    assert len(shared) >= 60 and set(CHANGES) <= set(shared)
    assert {k: (both["en"][k], both["zh-CN"][k]) for k in shared} == shared
    for kind, prefix in ENUM_PREFIX.items():
        assert [v.value for v in kind if f"{prefix}.{v.value}" not in VALUES] == [], kind


def test_a_file_tells_hidden_colleagues_apart_by_the_numbers_the_screen_shows() -> None:
    refs = ["colleague-DVP0WmvQabc", "person-x", "", "colleague-团队"]
    script = (f"const m = await import({json.dumps((SRC / 'i18n.js').as_uri())});"
              f"console.log(JSON.stringify({json.dumps(refs)}.map(m.tag)));")
    node = shutil.which("node")
    assert node is not None
    shown = json.loads(subprocess.run([node, "--input-type=module", "-e", script],
                                      capture_output=True, text=True, check=True,
                                      timeout=60).stdout)
    assert [colleague_tag(r) for r in refs] == shown and len(set(shown)) == 4


def user_visible_literals(text: str) -> list[Any]:
    found = [m.group(2) for m in H_TEXT.finditer(text)] + [m.group(2) for m in SINK_TEXT.finditer(text)]
    # A template's slots are filled from t() or from data; what is left is the literal itself.
    return [s for s in found if WORDS.search(re.sub(r"\$\{[^}]*\}", "", s))]


def test_no_words_are_written_into_the_views_outside_the_catalogue() -> None:
    leftovers = {p.name: user_visible_literals(p.read_text()) for p in SOURCES}
    assert {k: v for k, v in leftovers.items() if v} == {}


def test_the_scan_finds_words_written_into_a_view() -> None:
    """The scan bites: the shapes of the strings the views used to hold are all found."""
    before = '''h("p", {}, "No such page. "), h("h2", { id: "x" }, `Trend, ${n} months`),
        note.textContent = "edge width: strength"; h("div", { "aria-label": "Legend" }),
        h("span", { class: "badge veto", title: "Veto holder" }, "VETO"),
        input.setAttribute("placeholder", "Search people")'''
    assert user_visible_literals(before) == ["No such page. ", "Trend, ${n} months", "VETO",
                                             "edge width: strength", "Legend", "Veto holder",
                                             "Search people"]


# The calls that give a problem entry its code, and the place of the code among their arguments.
CODE_ARGUMENT = {"field_problem": 1, "broken": 0, "Refusal": 0, "refuse": 2, "_in_header": 1}


def problem_codes() -> set[str]:
    """Every code of ours a problem entry may carry (errors[].code), read from the calls in app/
    that give one."""
    codes: set[str] = set()
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and len(node.args) > CODE_ARGUMENT.get(node.func.id, 99)):
                continue
            code = node.args[CODE_ARGUMENT[node.func.id]]
            for value in (code.body, code.orelse) if isinstance(code, ast.IfExp) else (code,):
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    codes.add(value.value)
    return codes


def test_every_problem_code_of_ours_is_said_in_both_languages_and_documented(
        both: dict[str, dict[str, str]]) -> None:
    """A problem the service finds itself is shown in the reader's language (problemText in
    web/src/dom.js), and listed for other clients in docs/api.md."""
    codes = problem_codes()
    assert {"unknown_id", "outside_accounts", "date_out_of_range", "unknown_column"} <= codes
    assert len(codes) > 60
    assert sorted(c for c in codes if f"problem.{c}" not in both["zh-CN"]) == []
    documented = (ROOT / "docs" / "api.md").read_text()
    assert sorted(c for c in codes if f"`{c}`" not in documented) == []
