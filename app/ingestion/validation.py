"""Whole-document validation: every problem listed with its JSON path, before any write.

Parsing keeps the valid items of a part with errors, so that referential checks still run
on them and one answer lists schema and reference problems together.
"""

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from app.domain import ENDPOINTS, Kind
from app.errors import error_path
from app.ingestion.schemas import ImportDocument, Item, document_of, section_models

Problem = dict[str, str]
KindLookup = Callable[[list[str]], Awaitable[dict[str, Kind]]]

NODE_SECTIONS: dict[str, Kind] = {
    "accounts": Kind.ACCOUNT,
    "teams": Kind.TEAM,
    "employees": Kind.EMPLOYEE,
    "contacts": Kind.CONTACT,
    "competitors": Kind.COMPETITOR,
    "competitor_staff": Kind.COMPETITOR_STAFF,
    "opportunities": Kind.OPPORTUNITY,
    "activities": Kind.ACTIVITY,
}


@cache
def _list_adapter(model: type[Item]) -> TypeAdapter[list[Item]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _problems(prefix: tuple[int | str, ...], exc: ValidationError) -> list[Problem]:
    return [{"path": error_path(prefix + tuple(e["loc"])), "message": e["msg"]}
            for e in exc.errors()]


@dataclass
class Parsed:
    """The valid items of a document, each part's items mapped to their place in the input."""

    doc: ImportDocument
    problems: list[Problem]
    positions: dict[str, list[int]] = field(default_factory=dict)

    def at(self, section: str, index: int) -> str:
        places = self.positions.get(section)
        return f"{section}[{places[index] if places else index}]"


def parse_document(raw: Any) -> Parsed:
    """The valid items of `raw` as a document, and the problems of the others."""
    if not isinstance(raw, dict):
        return Parsed(ImportDocument(), [{"path": "", "message": "the document must be a JSON object"}])
    models = section_models()
    problems = [{"path": key, "message": "unknown part of the import document"}
                for key in raw if key not in models]
    parts: dict[str, list[Item]] = {}
    positions: dict[str, list[int]] = {}
    for name, model in models.items():
        items = raw.get(name)
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append({"path": name, "message": "must be a list"})
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
    return Parsed(document_of(parts), problems, positions)


def _node_ids(parsed: Parsed) -> Iterable[tuple[str, str, Kind]]:
    for section, kind in NODE_SECTIONS.items():
        for index, item in enumerate(getattr(parsed.doc, section)):
            yield f"{parsed.at(section, index)}.id", item.id, kind


def _references(parsed: Parsed) -> Iterable[tuple[str, str, frozenset[Kind]]]:
    """(path, referenced id, kinds it may be) for every reference in the document."""
    doc, at, one = parsed.doc, parsed.at, frozenset
    for i, t in enumerate(doc.teams):
        if t.lead_id:
            yield f"{at('teams', i)}.lead_id", t.lead_id, one({Kind.EMPLOYEE})
    for i, e in enumerate(doc.employees):
        if e.team_id:
            yield f"{at('employees', i)}.team_id", e.team_id, one({Kind.TEAM})
    for i, c in enumerate(doc.contacts):
        yield f"{at('contacts', i)}.account_id", c.account_id, one({Kind.ACCOUNT})
    for i, s in enumerate(doc.competitor_staff):
        yield f"{at('competitor_staff', i)}.competitor_id", s.competitor_id, one({Kind.COMPETITOR})
    for i, o in enumerate(doc.opportunities):
        yield f"{at('opportunities', i)}.account_id", o.account_id, one({Kind.ACCOUNT})
    for i, r in enumerate(doc.relationships):
        sources, targets = ENDPOINTS[r.type]
        yield f"{at('relationships', i)}.from", r.from_, sources
        yield f"{at('relationships', i)}.to", r.to, targets
        if r.opportunity_id:
            yield f"{at('relationships', i)}.opportunity_id", r.opportunity_id, one({Kind.OPPORTUNITY})
    for i, a in enumerate(doc.assessments):
        yield f"{at('assessments', i)}.contact_id", a.contact_id, one({Kind.CONTACT})
        if a.toward != "us":
            yield f"{at('assessments', i)}.toward", a.toward, one({Kind.COMPETITOR})
        if a.opportunity_id:
            yield f"{at('assessments', i)}.opportunity_id", a.opportunity_id, one({Kind.OPPORTUNITY})
    for i, act in enumerate(doc.activities):
        for j, e_id in enumerate(act.employee_ids):
            yield f"{at('activities', i)}.employee_ids[{j}]", e_id, one({Kind.EMPLOYEE})
        for j, c_id in enumerate(act.contact_ids):
            yield f"{at('activities', i)}.contact_ids[{j}]", c_id, one({Kind.CONTACT})
        if act.opportunity_id:
            yield f"{at('activities', i)}.opportunity_id", act.opportunity_id, one({Kind.OPPORTUNITY})


def _names(kinds: frozenset[Kind]) -> str:
    return " or ".join(sorted(k.value for k in kinds))


async def check_references(parsed: Parsed, stored_kinds: KindLookup) -> list[Problem]:
    """Duplicate ids, ids already used by another kind, unknown ids and wrong endpoint kinds."""
    problems: list[Problem] = []
    declared: dict[str, list[tuple[Kind, str]]] = {}
    for path, node_id, kind in _node_ids(parsed):
        if node_id in declared:
            problems.append({"path": path, "message": f"duplicate id {node_id!r} "
                                                      f"(also at {declared[node_id][0][1]})"})
        declared.setdefault(node_id, []).append((kind, path))
    references = list(_references(parsed))
    stored = await stored_kinds(sorted(set(declared) | {ref for _, ref, _ in references}))
    for node_id, places in declared.items():
        kind, path = places[0]
        if node_id in stored and stored[node_id] != kind:
            problems.append({"path": path, "message": f"id {node_id!r} already exists as "
                                                      f"{stored[node_id].value}, not {kind.value}"})
    for path, ref, allowed in references:
        # An id declared twice is already reported; any of its kinds may satisfy a reference.
        kinds = {k for k, _ in declared[ref]} if ref in declared else (
            {stored[ref]} if ref in stored else set())
        if not kinds:
            problems.append({"path": path, "message": f"unknown id {ref!r}; "
                                                      f"expected {_names(allowed)}"})
        elif not kinds & allowed:
            found = ", ".join(sorted(k.value for k in kinds))
            problems.append({"path": path, "message": f"{ref!r} is {found}; "
                                                      f"expected {_names(allowed)}"})
    return problems
