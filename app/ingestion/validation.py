"""Whole-document validation: every problem listed with its JSON path, before any write.

Parsing keeps the valid items of a part with errors, so that referential checks still run
on them and one answer lists schema and reference problems together.
"""

import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, BinaryIO

import ijson
import orjson
from pydantic import TypeAdapter, ValidationError

from app.bodies import loads
from app.domain import ENDPOINTS, ONLY_FROM, US, Kind, OpportunityStatus, RelType
from app.emails import key as email_key
from app.emails import mailbox
from app.errors import ProblemEntry, ValidationFailed, field_problem, invalid_json, problems_of
from app.ingestion.schemas import (
    PEOPLE_MAX,
    ActivityIn,
    ImportDocument,
    Item,
    OpportunityIn,
    document_of,
    section_models,
)
from app.ingestion.sections import Spooled, each

KindLookup = Callable[[list[str]], Awaitable[dict[str, Kind]]]
OwnerLookup = Callable[[list[str]], Awaitable[dict[str, str]]]  # address key -> person id
RateLookup = Callable[[list[str]], Awaitable[dict[str, date]]]  # currency -> its first rate's day

NODE_SECTIONS: dict[str, Kind] = {
    "accounts": Kind.ACCOUNT,
    "teams": Kind.TEAM,
    "employees": Kind.EMPLOYEE,
    "contacts": Kind.CONTACT,
    "competitors": Kind.COMPETITOR,
    "competitor_staff": Kind.COMPETITOR_STAFF,
    "third_parties": Kind.THIRD_PARTY,
    "opportunities": Kind.OPPORTUNITY,
    "activities": Kind.ACTIVITY,
}
# The parts whose people have e-mail addresses, unique among the people of each kind.
EMAIL_SECTIONS: dict[str, Kind] = {"employees": Kind.EMPLOYEE, "contacts": Kind.CONTACT}


@cache
def _list_adapter(model: type[Item]) -> TypeAdapter[list[Item]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _problems(prefix: tuple[int | str, ...], exc: ValidationError) -> list[ProblemEntry]:
    return problems_of(exc.errors(), prefix)


@dataclass
class Parsed:
    """The valid items of a document, each part's items mapped to their place in the input."""

    doc: ImportDocument
    problems: list[ProblemEntry]
    positions: dict[str, list[int]] = field(default_factory=dict)
    # The ids of the records refused for problems of their own: a reference to one is not
    # said to name nothing as well (its record's problems are listed).
    refused_ids: set[str] = field(default_factory=set)

    def at(self, section: str, index: int) -> str:
        places = self.positions.get(section)
        return f"{section}[{places[index] if places else index}]"

    def close(self) -> None:
        """Deletes the temporary files of a streamed document's parts."""
        for name in section_models():
            part = getattr(self.doc, name)
            if isinstance(part, Spooled):
                part.close()


def parse_document(raw: Any) -> Parsed:
    """The valid items of `raw` as a document, and the problems of the others."""
    if not isinstance(raw, dict):
        return _not_an_object()
    models = section_models()
    problems = [field_problem(key, "unknown_part", "unknown part of the import document")
                for key in raw if key not in models]
    parts: dict[str, list[Item]] = {}
    positions: dict[str, list[int]] = {}
    refused: set[str] = set()
    for name, model in models.items():
        items = raw.get(name)
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(field_problem(name, "list_type", "must be a list"))
            continue
        try:
            parts[name] = _list_adapter(model).validate_python(items)
        except ValidationError:
            parts[name], positions[name] = [], []
            for index, item in enumerate(items):
                try:
                    parts[name].append(model.model_validate(item))
                    positions[name].append(index)
                except ValidationError as exc:
                    problems.extend(_problems((name, index), exc))
                    _note_refused(name, item, refused)
    return Parsed(document_of(parts), problems, positions, refused)


def _note_refused(section: str, item: Any, refused: set[str]) -> None:
    """Notes the id of a record refused for its own problems."""
    if section in NODE_SECTIONS and isinstance(item, dict) and isinstance(item.get("id"), str):
        refused.add(item["id"])


def _not_an_object() -> Parsed:
    return Parsed(ImportDocument(), [field_problem("", "not_an_object",
                                                   "the document must be a JSON object")])


def parse_body(body: BinaryIO, stream_from: int) -> Parsed:
    """A document's body, read from its start: parsed whole if it is smaller than
    `stream_from` bytes, as every other JSON body is; else as it is read (`parse_stream`)."""
    size = body.seek(0, 2)
    body.seek(0)
    if size >= stream_from and not _escapes_surrogates(body):
        return parse_stream(body)
    return _parse_whole(body)


def _parse_whole(body: BinaryIO) -> Parsed:
    body.seek(0)
    try:
        return parse_document(loads(body.read()))
    except orjson.JSONDecodeError as exc:
        raise ValidationFailed([invalid_json(exc.msg, exc.pos)]) from None


# An escaped UTF-16 surrogate (`\ud83d`): the streaming parser takes a lone one for "?" where
# orjson refuses it, so a body with any is read whole (an emoji escaped by Python's json).
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")


def _escapes_surrogates(body: BinaryIO) -> bool:
    tail = b""
    while block := body.read(1 << 20):
        if _SURROGATE.search(tail + block):
            body.seek(0)
            return True
        tail = block[-5:]
    body.seek(0)
    return False


# Nesting orjson refuses (its limit): the streaming parser has none.
_MAX_DEPTH = 1024


class _Unlike(Exception):
    """The body is one the streaming parser may read otherwise than orjson."""


def parse_stream(body: BinaryIO) -> Parsed:
    """As `parse_document`, of a large document read from a file as it is parsed: each item is
    validated as soon as it is read and its JSON kept in a spooled part (app/ingestion/
    sections.py), so that neither the document's JSON objects nor its models are ever all
    held. A body the streaming parser refuses or may read otherwise than orjson (a number past
    64 bits, nesting past orjson's limit) is read whole, so that it is judged as every body is."""
    models = section_models()
    unknown: dict[str, None] = {}  # unknown parts, in the order a JSON object keeps its keys
    told: dict[str, list[ProblemEntry]] = {}  # each part's problems
    parts: dict[str, Spooled[Any]] = {}
    positions: dict[str, list[int]] = {}
    refused: set[str] = set()
    try:
        if not _read_parts(body, models, unknown, told, parts, positions, refused):
            return _not_an_object()
    except (ijson.JSONError, ValueError, OverflowError, _Unlike):
        for part in parts.values():
            part.close()
        return _parse_whole(body)
    except BaseException:
        for part in parts.values():
            part.close()
        raise
    problems = [field_problem(name, "unknown_part", "unknown part of the import document")
                for name in unknown]
    problems += [p for name in models for p in told.get(name, [])]
    return Parsed(document_of(parts), problems,
                  {name: places for name, places in positions.items()
                   if name in parts and told.get(name)}, refused)


def _read_parts(body: BinaryIO, models: dict[str, type[Item]], unknown: dict[str, None],
                told: dict[str, list[ProblemEntry]], parts: dict[str, Spooled[Any]],
                positions: dict[str, list[int]], refused: set[str]) -> bool:
    """The events of the body's top-level object, by how deep each is: 1 its keys and their
    values, 2 the items of a part, deeper the items' own contents. A part named twice counts
    the last time, as a JSON object keeps the last value of a key. False if the body is not
    an object."""
    events = ijson.parse(body, use_float=True)
    first = next(events, None)
    if first is None or first[1] != "start_map":
        for _ in events:  # a body that is not JSON says so first
            pass
        return False
    depth, name, index = 1, "", 0
    part: Spooled[Any] | None = None
    builder = ijson.ObjectBuilder()
    for _, event, value in events:
        closes = event in ("end_map", "end_array")
        depth -= closes
        level = depth
        depth += event in ("start_map", "start_array")
        if depth > _MAX_DEPTH:
            raise _Unlike
        if event == "number" and isinstance(value, int) and not -2**63 <= value < 2**64:
            raise _Unlike
        if level == 1:
            if event == "map_key":
                name, part = value, None
                if name not in models:
                    unknown.setdefault(name, None)
                    continue
                if name in parts:
                    parts.pop(name).close()
                told[name], positions[name], index = [], [], 0
            elif name not in models:
                pass
            elif event == "start_array":
                part = parts[name] = Spooled(models[name])
            elif closes:
                part = None
            elif event != "null":
                told[name] = [field_problem(name, "list_type", "must be a list")]
            continue
        if part is None or level < 2:
            continue
        builder.event(event, value)
        if level == 2 and (closes or event not in ("start_map", "start_array")):
            item, builder = builder.value, ijson.ObjectBuilder()
            try:
                models[name].model_validate(item)
                part.add(item)
                positions[name].append(index)
            except ValidationError as exc:
                told[name].extend(_problems((name, index), exc))
                _note_refused(name, item, refused)
            index += 1
    return True


def _node_ids(doc: ImportDocument) -> Iterable[tuple[str, int, str, Kind]]:
    for section, kind in NODE_SECTIONS.items():
        for index, item in enumerate(getattr(doc, section)):
            yield section, index, item.id, kind


Reference = tuple[str, int, str, int | None, str, frozenset[Kind]]
ONLY = {kind: frozenset({kind}) for kind in Kind}


def _references(doc: ImportDocument) -> Iterable[Reference]:
    """(section, index, field, index in that field's list, referenced id, kinds it may be) for
    every reference; the error path is spelled out only for a reference that fails, as a large
    document has millions."""
    for i, t in enumerate(doc.teams):
        if t.lead_id:
            yield "teams", i, "lead_id", None, t.lead_id, ONLY[Kind.EMPLOYEE]
    for i, e in enumerate(doc.employees):
        if e.team_id:
            yield "employees", i, "team_id", None, e.team_id, ONLY[Kind.TEAM]
    for i, c in enumerate(doc.contacts):
        yield "contacts", i, "account_id", None, c.account_id, ONLY[Kind.ACCOUNT]
    for i, s in enumerate(doc.competitor_staff):
        yield "competitor_staff", i, "competitor_id", None, s.competitor_id, ONLY[Kind.COMPETITOR]
    for i, o in enumerate(doc.opportunities):
        yield "opportunities", i, "account_id", None, o.account_id, ONLY[Kind.ACCOUNT]
    for i, r in enumerate(doc.relationships):
        sources, targets = ENDPOINTS[r.type]
        yield "relationships", i, "from", None, r.from_, sources
        yield "relationships", i, "to", None, r.to, targets
        if r.opportunity_id:
            yield "relationships", i, "opportunity_id", None, r.opportunity_id, ONLY[Kind.OPPORTUNITY]
    for i, a in enumerate(doc.assessments):
        yield "assessments", i, "contact_id", None, a.contact_id, ONLY[Kind.CONTACT]
        if a.toward != US:
            yield "assessments", i, "toward", None, a.toward, ONLY[Kind.COMPETITOR]
        if a.opportunity_id:
            yield "assessments", i, "opportunity_id", None, a.opportunity_id, ONLY[Kind.OPPORTUNITY]
    for i, act in enumerate(doc.activities):
        for j, e_id in enumerate(act.employee_ids):
            yield "activities", i, "employee_ids", j, e_id, ONLY[Kind.EMPLOYEE]
        for j, c_id in enumerate(act.contact_ids):
            yield "activities", i, "contact_ids", j, c_id, ONLY[Kind.CONTACT]
        if act.opportunity_id:
            yield "activities", i, "opportunity_id", None, act.opportunity_id, ONLY[Kind.OPPORTUNITY]
    for i, evaluation in enumerate(doc.esp_scores):
        yield "esp_scores", i, "account_id", None, evaluation.account_id, ONLY[Kind.ACCOUNT]


def _names(kinds: frozenset[Kind]) -> str:
    return " or ".join(sorted(k.value for k in kinds))


async def check_references(parsed: Parsed, stored_kinds: KindLookup) -> list[ProblemEntry]:
    """Duplicate ids, ids already used by another kind, unknown ids and wrong endpoint kinds."""
    problems: list[ProblemEntry] = []
    # Each id's first place, and the kinds of the ids declared more than once (a large
    # document's ids are many: their places are kept compact).
    declared: dict[str, tuple[Kind, str, int]] = {}
    also: dict[str, set[Kind]] = {}

    def id_path(section: str, index: int) -> str:
        return f"{parsed.at(section, index)}.id"

    for section, index, node_id, kind in _node_ids(parsed.doc):
        if node_id in declared:
            first = id_path(*declared[node_id][1:])
            problems.append(field_problem(id_path(section, index), "duplicate_id",
                                          f"duplicate id {node_id!r} (also at {first})",
                                          id=node_id, at=first))
            also.setdefault(node_id, set()).add(kind)
        else:
            declared[node_id] = (kind, section, index)
    # The references are read twice rather than held: a large document has millions.
    referenced = {ref for *_, ref, _ in _references(parsed.doc)}
    stored = await stored_kinds(sorted(declared.keys() | referenced))
    del referenced
    for node_id, (kind, section, index) in declared.items():
        if node_id in stored and stored[node_id] != kind:
            problems.append(field_problem(
                id_path(section, index), "id_of_another_kind", f"id {node_id!r} already exists "
                f"as {stored[node_id].value}, not {kind.value}", id=node_id,
                found=stored[node_id].value, expected=kind.value))
    for section, index, field_name, position, ref, allowed in _references(parsed.doc):
        # An id declared twice is already reported; any of its kinds may satisfy a reference.
        kinds = {declared[ref][0], *also.get(ref, ())} if ref in declared else (
            {stored[ref]} if ref in stored else set())
        if kinds & allowed:
            continue
        path = f"{parsed.at(section, index)}.{field_name}"
        if position is not None:
            path += f"[{position}]"
        if not kinds:
            if ref in parsed.refused_ids:  # its record's own problems are listed
                continue
            problems.append(field_problem(path, "unknown_id", f"unknown id {ref!r}; expected "
                                          f"{_names(allowed)}", id=ref, expected=_names(allowed)))
        else:
            found = ", ".join(sorted(k.value for k in kinds))
            problems.append(field_problem(path, "wrong_kind", f"{ref!r} is {found}; expected "
                                          f"{_names(allowed)}", id=ref, found=found,
                                          expected=_names(allowed)))

    def kind_of(node_id: str) -> Kind | None:
        return declared[node_id][0] if node_id in declared else stored.get(node_id)

    for i, r in enumerate(parsed.doc.relationships):
        sources = ONLY_FROM.get((r.type, kind_of(r.to)))  # type: ignore[arg-type]
        source = kind_of(r.from_)
        if sources is not None and source is not None and source not in sources:
            target = kind_of(r.to).value  # type: ignore[union-attr]
            problems.append(field_problem(
                f"{parsed.at('relationships', i)}.from", "wrong_source", f"{r.from_!r} is "
                f"{source.value}; a {r.type.value} edge to {r.to!r} ({target}) comes from "
                f"{_names(sources)}", id=r.from_, found=source.value, type=r.type.value,
                to=r.to, expected=_names(sources)))
    return problems


async def check_emails(parsed: Parsed, owners: OwnerLookup) -> list[ProblemEntry]:
    """Addresses given to two people of one kind, in the document or by what is stored. An
    address the document takes from a stored person of that kind (who is in the document
    without it) moves, and is no problem. A contact's address may not be one of our own
    people's: capture takes such an address for the employee's, so a contact given it would
    collect their mail and meetings on that contact's account."""
    problems: list[ProblemEntry] = []
    claimed: dict[str, tuple[str, int, int, str]] = {}  # key -> section, index, position, id

    def path(section: str, index: int, position: int) -> str:
        return f"{parsed.at(section, index)}.emails[{position}]"

    def keys_of(kind: Kind, item: Any) -> list[str]:
        return [email_key(kind, address) for address in item.emails or []]

    for section, kind in EMAIL_SECTIONS.items():
        for index, item in enumerate(getattr(parsed.doc, section)):
            for position, key in enumerate(keys_of(kind, item)):
                first = claimed.setdefault(key, (section, index, position, item.id))
                if first[3] != item.id:
                    address = key.split("|", 1)[1]
                    problems.append(field_problem(
                        path(section, index, position), "email_twice", f"{address!r} is given "
                        f"to {first[3]!r} too (at {path(*first[:3])})", email=address,
                        id=first[3], at=path(*first[:3])))
    if not claimed:
        return problems
    # A contact's address and the mailbox it delivers to (without a +tag), as an employee's.
    ours = [(email_key(Kind.EMPLOYEE, form), address, at) for key, at in claimed.items()
            if EMAIL_SECTIONS[at[0]] == Kind.CONTACT
            for address in [key.split("|", 1)[1]] for form in {address, mailbox(address)}]
    stored = await owners(sorted(claimed.keys() | {k for k, _, _ in ours}))
    # The new keys of the document's people who own one of these now: only theirs matter.
    holders = set(stored.values())
    lists = {(section, item.id): set(keys_of(kind, item))
             for section, kind in EMAIL_SECTIONS.items()
             for item in getattr(parsed.doc, section) if item.id in holders}
    told: set[str] = set()
    for key, address, (section, index, position, _) in ours:
        owner = stored.get(key)
        moves = owner is not None and key not in lists.get(("employees", owner), {key})
        where = path(section, index, position)
        if (key in claimed or (owner is not None and not moves)) and where not in told:
            told.add(where)
            problems.append(field_problem(
                where, "email_ours", f"{address!r} is the address of one of our own people, "
                "not a contact's", email=address))
    for key, (section, index, position, person) in claimed.items():
        owner = stored.get(key)
        if owner is None or owner == person or (
                (section, owner) in lists and key not in lists[(section, owner)]):
            continue
        address, holder = key.split("|", 1)[1], EMAIL_SECTIONS[section].value
        problems.append(field_problem(path(section, index, position), "email_taken",
                                      f"{address!r} is already the address of another "
                                      f"{holder.lower()}", email=address, kind=holder))
    return problems


LOOP_CHECK_MAX_LINES = 1000


async def check_reporting_loops(
        parsed: Parsed, today: date,
        lines_above: Callable[[list[str]], Awaitable[list[tuple[str, str]]]]) -> list[ProblemEntry]:
    """The document's general reporting lines, holding on `today` or later, that would close a
    loop with the stored ones and the document's others: someone reporting, through others,
    to themselves. Each such line is a problem at its `to`. A document of more than
    LOOP_CHECK_MAX_LINES of them (a sync of a whole org chart from another system, which
    holds the chart as it is) is not checked: the lines above them would be most of the
    graph's."""
    new = [(i, r) for i, r in enumerate(parsed.doc.relationships)
           if r.type == RelType.REPORTS_TO and r.opportunity_id is None
           and (r.until is None or r.until > today)]
    if not new or len(new) > LOOP_CHECK_MAX_LINES:
        return []
    above: dict[str, set[str]] = {}
    for a, b in [*await lines_above(sorted({r.to for _, r in new})),
                 *((r.from_, r.to) for _, r in new)]:
        above.setdefault(a, set()).add(b)
    return [field_problem(f"{parsed.at('relationships', i)}.to", "reporting_loop",
                          f"{r.from_!r} would report, through {r.to!r} and up, to themselves",
                          id=r.from_, to=r.to)
            for i, r in new if _reaches(above, r.to, r.from_)]


def _reaches(above: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        for nxt in above.get(todo.pop(), ()):
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


async def resolve_colleague_emails(parsed: Parsed, owners: OwnerLookup) -> list[ProblemEntry]:
    """The colleagues activities name by address (employee_emails) added to their employee_ids,
    before any other check sees them; an address that is no employee's is a problem."""
    addresses = {email_key(Kind.EMPLOYEE, address) for act in parsed.doc.activities
                 for address in act.employee_emails or []}
    if not addresses:
        return []
    found = await owners(sorted(addresses))
    problems: list[ProblemEntry] = []

    def resolve(i: int, act: ActivityIn) -> None:
        for j, address in enumerate(act.employee_emails or []):
            colleague = found.get(email_key(Kind.EMPLOYEE, address))
            if colleague is None:
                problems.append(field_problem(
                    f"{parsed.at('activities', i)}.employee_emails[{j}]", "unknown_email",
                    f"no colleague has the address {address!r}", email=address))
            elif colleague in act.employee_ids:
                pass
            elif len(act.employee_ids) >= PEOPLE_MAX:
                problems.append(field_problem(
                    f"{parsed.at('activities', i)}.employee_emails[{j}]", "too_long",
                    f"an activity is with at most {PEOPLE_MAX} colleagues",
                    max_length=PEOPLE_MAX))
            else:
                act.employee_ids.append(colleague)
        act.employee_emails = None

    parsed.doc.activities = each(parsed.doc.activities, resolve)  # type: ignore[assignment]
    return problems


def rate_day(o: OpportunityIn) -> date | None:
    """The day on or before which a deal in another currency needs an exchange rate: its close
    date once closed (its amount is converted with the rate of that day), else the day it was
    created (an open deal is converted with the rate of each day it is open on, from then on);
    None for an open deal without a creation date, which needs a rate of any day."""
    return o.closed_at if o.status != OpportunityStatus.OPEN else o.created_at


async def check_currencies(parsed: Parsed, reporting: str, first_rates: RateLookup) -> list[ProblemEntry]:
    """Deals with an amount in another currency than the reporting one, with no exchange rate
    (in the document or stored) on or before their rate day; rates of the reporting currency
    itself. Each listed with its path."""
    problems: list[ProblemEntry] = []
    for i, r in enumerate(parsed.doc.exchange_rates):
        if r.currency == reporting:
            problems.append(field_problem(f"{parsed.at('exchange_rates', i)}.currency",
                                          "reporting_currency", f"{r.currency} is the reporting "
                                          "currency: it needs no rate", currency=r.currency))
    foreign = [(i, o) for i, o in enumerate(parsed.doc.opportunities)
               if o.amount is not None and o.currency.upper() != reporting]
    if not foreign:
        return problems
    first: dict[str, date] = {}
    for r in parsed.doc.exchange_rates:
        first[r.currency] = min(first.get(r.currency, r.at), r.at)
    stored = await first_rates(sorted({o.currency.upper() for _, o in foreign}))
    for currency, since in stored.items():
        first[currency] = min(first.get(currency, since), since)
    for i, o in foreign:
        currency, day, known = o.currency.upper(), rate_day(o), first.get(o.currency.upper())
        if known is not None and (day is None or known <= day):
            continue
        when = ("of any day" if day is None else
                f"on or before {day.isoformat()}, its "
                f"{'close' if o.status != OpportunityStatus.OPEN else 'creation'} date")
        problems.append(field_problem(
            f"{parsed.at('opportunities', i)}.currency", "no_exchange_rate", "no exchange rate "
            f"from {currency} to the reporting currency {reporting} {when}: add one to "
            "exchange_rates", currency=currency, reporting=reporting,
            **({"day": day.isoformat()} if day else {})))
    return problems
