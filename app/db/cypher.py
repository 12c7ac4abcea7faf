"""Named Cypher files under app/cypher/, loaded once from the installed package (package data,
read with importlib.resources: a wheel or an image has them wherever it is installed).

Queries take parameters only. A few files are templates whose `<<label>>` or `<<rel_type>>`
slots Cypher cannot parameterise; those slots are filled from enums alone, never from input.
A file may run others as parts of itself with `<<include features/structure>>`, usually as a
`CALL () { ... }` subquery: one round trip for what would be several, the parts written once.
`<<include features/structure with contact_ids>>` takes the part's `$contact_ids` from the
variable `contact_ids` of the including query instead of from the parameters.
`<<valid r>>` is the as-of validity test of the dated edge `r` (docs/domain.md section 2),
written here once; `<<begun r>>` its first half, for edges that honour `since` only;
`<<within p>>` the same for a KPI piece (app/kpis/rollups.py), whose ends are never null;
`<<opposed n>>` whether the contact `n` opposes us (for the deal in the variable
`opportunity_id`, if any); `<<general n closeness>>` the last value on $as_of of a feature (one
of TIMELINES) of our general assessments of the contact `n`, from the timeline kept on it
(ingestion/merge_assessments); `<<activity t>>` the activity strength on $as_of of the IN_TOUCH
edge `t` (app/network/touch.py: its activities' days and weights, decayed by
$activity_half_life, within $activity_horizon_days); `<<key_person c>>` whether the contact `c`
is a key person on $as_of (its dated timeline, ingestion/key_person_timeline);
`<<customers_held k>>` whether the customer line's figures kept on the KeptAccount `k` hold on
$as_of under $rule and the epoch in the variables `epoch` and `token` (kpis/customers_kept),
`<<breakthrough_held k>>` the same of its breakthrough list (kpis/breakthroughs_kept). The
variable comes from the .cypher files alone and must be a plain identifier.
`<<each field in closeness_bucket, price_bucket>> ... <</each>>` is the text between written
once for each name listed, with `<<field>>` in it replaced by the name: the near-copies a
property needs where Cypher takes no property name as a parameter (an index hint names a static
property). The names are written in the .cypher file and must be plain identifiers.
In a template, `<<repeat layers>> ... <</repeat>>` is the text between written as many times as
the IntEnum slot `layers` says: one layer of a search per possible step, where Cypher has no
loop. Inside it, `<<but last>> ... <</but last>>` is written in every copy but the last: what
only leads to a next layer (a search's last layer does not extend its ways).
"""

import re
from enum import IntEnum, StrEnum
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import LiteralString, cast

CYPHER_DIR: Traversable = files("app") / "cypher"
_IDENTIFIER = re.compile(r"^[A-Z][A-Za-z_]*$")
_INCLUDE = re.compile(r"<<include ([a-z_]+/[a-z_]+)(?: with ([a-z_]+(?:, [a-z_]+)*))?>>")
# The features our general assessments keep a timeline of on the contact (`us_<feature>_at`).
TIMELINES = frozenset({"closeness", "solution", "price", "veto", "approver"})
# The last value of a timeline on or before $as_of ({v}: the contact, {f}: the feature; no
# other braces, so that it can be part of a template of PREDICATES). Its last entry first:
# today's answers read that without building the list of the days before.
_GENERAL = ("CASE WHEN {v}.us_{f}_at[-1] <= $as_of THEN {v}.us_{f}[-1] ELSE "
            "{v}.us_{f}[[i IN range(size(coalesce({v}.us_{f}_at, [])) - 1, 0, -1)"
            " WHERE {v}.us_{f}_at[i] <= $as_of][0]] END")
# Whether an account's kept answers of a kind (`customers`, `breakthrough`) hold: PREDICATES.
_HELD = ("coalesce({{v}}.{kind}_day = $as_of AND {{v}}.{kind}_kept = coalesce({{v}}.version, 0)"
         " AND {{v}}.{kind}_epoch = epoch AND {{v}}.{kind}_token = token"
         " AND {{v}}.{kind}_rule = $rule, false)")
_EACH = re.compile(r"<<each ([a-z_]+) in ([^<>]*)>>(.*?)<</each>>", re.DOTALL)
_REPEAT = re.compile(r"<<repeat ([a-z_]+)>>(.*?)<</repeat>>", re.DOTALL)
_BUT_LAST = re.compile(r"<<but last>>(.*?)<</but last>>", re.DOTALL)
_VARIABLE = re.compile(r"[a-z][a-z0-9_]*")  # whole: fullmatch
# A string literal or quoted name (kept as it is), or a run of whitespace and comments.
_SPACE = re.compile(r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`)|(?:\s+|//[^\n]*|/\*.*?\*/)+""",
                    re.DOTALL)
# An edge counts on $as_of when it had begun and had not yet ended; {v} is its variable.
PREDICATES = {
    "begun": "({v}.since IS NULL OR {v}.since <= $as_of)",
    "valid": "(({v}.since IS NULL OR {v}.since <= $as_of) AND ({v}.until IS NULL OR {v}.until > $as_of))",
    # The same for a KPI piece, whose span [since, until) always has both ends (a range the
    # planner can use as it is, where the null tests make it try each case apart).
    "within": "({v}.since <= $as_of AND {v}.until > $as_of)",
    # Whether a contact opposes us on $as_of: the closeness of our latest assessment of them,
    # the deal's own (the variable `opportunity_id`, found by the assessment_deal_contact index)
    # before our general one (from the contact's timeline, features/our_attitudes); an
    # unassessed contact does not.
    "opposed": (
        "coalesce(COLLECT {{ MATCH (said:Assessment {{opportunity_id: opportunity_id,"
        " contact_id: {v}.id}}) WHERE said.toward = $us AND said.at <= $as_of"
        " AND said.closeness IS NOT NULL"
        " RETURN said.closeness_score <= -1 ORDER BY said.at DESC,"
        " coalesce(said.entered_at, datetime({{epochMillis: 0}})) DESC LIMIT 1 }}[0], "
        + _GENERAL.replace("{f}", "closeness") + " IN ['oppose', 'strong_oppose'], false)"),
    # The last value of the contact's key-person timeline on or before $as_of; a contact stored
    # before the timeline existed, its flag.
    "key_person": (
        "coalesce({v}.key_person_was[[i IN range(size(coalesce({v}.key_person_at, [])) - 1, 0, -1)"
        " WHERE {v}.key_person_at[i] <= $as_of][0]], {v}.key_person = true AND {v}.key_person_at"
        " IS NULL, false)"),
    # Kept for that day, from the account's version now, in this epoch (the variables `epoch`
    # and `token`) of this graph, under this rule: no write since may have changed them
    # (app/kpis/kept.py).
    "customers_held": _HELD.format(kind="customers"),
    "breakthrough_held": _HELD.format(kind="breakthrough"),
    # app/network/strength.py's activity_strength, over the activities the edge holds.
    "activity": (
        "(1 - exp(-reduce(total = 0.0, k IN range(0, size({v}.ats) - 1) | total + CASE"
        " WHEN {v}.ats[k] <= $as_of"
        " AND duration.inDays({v}.ats[k], $as_of).days <= $activity_horizon_days"
        " THEN {v}.ws[k] * 0.5 ^ (duration.inDays({v}.ats[k], $as_of).days"
        " / $activity_half_life) ELSE 0.0 END)))"),
}
_PREDICATE = re.compile(rf"<<({'|'.join(['general', *PREDICATES])}) ([^<>]*)>>")


def names() -> list[str]:
    """Every query's name (`chains/decision_chain`): app/cypher/<domain>/<name>.cypher."""
    return sorted(f"{domain.name}/{file.name.removesuffix('.cypher')}"
                  for domain in CYPHER_DIR.iterdir() if domain.is_dir()
                  for file in domain.iterdir() if file.name.endswith(".cypher"))


# Each query's text as sent, by the file it came from: a log names the file, not the text.
_NAMED: dict[str, str] = {}


def name_of(query: str) -> str:
    """The name of the file a text given by q() or template() came from ('?' for another)."""
    return _NAMED.get(query, "?")


@cache
def q(name: str) -> LiteralString:
    """The text of app/cypher/<name>.cypher, with the files it includes in place."""
    text = CYPHER_DIR.joinpath(*f"{name}.cypher".split("/")).read_text(encoding="utf-8")
    text = _INCLUDE.sub(_included, text)
    text = _EACH.sub(lambda found: _each(name, found), text)
    return _named(name, compact(_PREDICATE.sub(lambda found: _predicate(name, found), text)))


def _named(name: str, text: str) -> LiteralString:
    _NAMED[text] = name
    return cast(LiteralString, text)


def compact(text: str) -> str:
    """The query without its comments, each run of whitespace one space, its string literals
    in double quotes: the cost of each run grows with the text. Neo4j lexes the whole text and
    hashes it for its plan cache, and the driver formats a debug line of every query, logged
    or not (`repr`, three times slower for a text holding a single quote). A 3-hop path search
    is 17 KB written out, 12 KB compacted."""
    return _SPACE.sub(_compacted, text).strip()


def _compacted(found: re.Match[str]) -> str:
    literal = found.group(1)
    if literal is None:
        return " "
    inner = literal[1:-1]
    return f'"{inner}"' if literal[0] == "'" and '"' not in inner and "\\" not in inner else literal


def _predicate(name: str, directive: re.Match[str]) -> str:
    predicate, variable = directive.group(1), directive.group(2)
    feature = None
    if predicate == "general":
        variable, _, feature = variable.partition(" ")
        if feature not in TIMELINES:
            raise ValueError(f"app/cypher/{name}.cypher: {directive.group(0)} names no feature "
                             "with a timeline")
    if not _VARIABLE.fullmatch(variable):
        raise ValueError(f"app/cypher/{name}.cypher: {directive.group(0)} names no plain variable")
    if feature is not None:
        return _GENERAL.format(v=variable, f=feature)
    return PREDICATES[predicate].format(v=variable)


def _each(name: str, block: re.Match[str]) -> str:
    slot, listed, text = block.groups()
    values = listed.split(", ")
    if not all(_VARIABLE.fullmatch(value) for value in values):
        raise ValueError(f"app/cypher/{name}.cypher: <<each {slot} in {listed}>> lists a name "
                         "that is no plain identifier")
    return "".join(text.replace(f"<<{slot}>>", value) for value in values)


def _included(directive: re.Match[str]) -> str:
    name, variables = directive.group(1), directive.group(2)
    text: str = q(name)
    for variable in variables.split(", ") if variables else []:
        parameter = re.compile(rf"\${variable}\b")
        if not parameter.search(text):
            raise ValueError(f"app/cypher/{name}.cypher has no ${variable}")
        text = parameter.sub(variable, text)
    return text


@cache
def template(name: str, **slots: StrEnum | IntEnum) -> LiteralString:
    """app/cypher/<name>.cypher with its slots filled by enum members.

    StrEnum members name labels and relationship types; IntEnum members how many times a
    `<<repeat>>` block is written (the layers of a path search), which Cypher cannot loop over.
    """
    text = q(name)
    for slot, value in slots.items():
        if isinstance(value, IntEnum) and value.value >= 0:
            text = _repeated(text, slot, value.value)
        elif isinstance(value, StrEnum) and _IDENTIFIER.match(value.value):
            text = cast(LiteralString, text.replace(f"<<{slot}>>", value.value))
        else:
            raise TypeError(f"slot {slot} takes an enum member naming a label, type or count")
    if "<<" in text:
        raise TypeError(f"app/cypher/{name}.cypher has an unfilled slot")
    return _named(name, compact(text))  # a repeated block's ends meet with a space each


def _repeated(text: LiteralString, slot: str, times: int) -> LiteralString:
    """`text` with each `<<repeat slot>>` block written `times` times, its `<<but last>>` parts
    left out of the last."""
    def block(found: re.Match[str]) -> str:
        if found.group(1) != slot:
            return found.group(0)
        body = found.group(2)
        last = _BUT_LAST.sub("", body)
        return _BUT_LAST.sub(lambda part: part.group(1), body) * (times - 1) + last if times else ""

    return cast(LiteralString, _REPEAT.sub(block, text))
