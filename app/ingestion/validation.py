"""Whole-document validation: every problem listed with its JSON path, before any write.

Parsing keeps the valid items of a part with errors, so that referential checks still run
on them and one answer lists schema and reference problems together.
"""

from collections.abc import Awaitable, Callable, Iterable
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


def parse_document(raw: Any) -> tuple[ImportDocument, list[Problem]]:
    """The valid items of `raw` as a document, and the problems of the others."""
    if not isinstance(raw, dict):
        return ImportDocument(), [{"path": "", "message": "the document must be a JSON object"}]
    models = section_models()
    problems = [{"path": key, "message": "unknown part of the import document"}
                for key in raw if key not in models]
    parts: dict[str, list[Item]] = {}
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
            parts[name] = []
            for index, item in enumerate(items):
                try:
                    parts[name].append(model.model_validate(item))
                except ValidationError as exc:
                    problems.extend(_problems((name, index), exc))
    return document_of(parts), problems


def _node_ids(doc: ImportDocument) -> Iterable[tuple[str, int, str, Kind]]:
    for section, kind in NODE_SECTIONS.items():
        for index, item in enumerate(getattr(doc, section)):
            yield section, index, item.id, kind


def _references(doc: ImportDocument) -> Iterable[tuple[str, str, frozenset[Kind]]]:
    """(path, referenced id, kinds it may be) for every reference in the document."""
    one = frozenset
    for i, t in enumerate(doc.teams):
        if t.lead_id:
            yield f"teams[{i}].lead_id", t.lead_id, one({Kind.EMPLOYEE})
    for i, e in enumerate(doc.employees):
        if e.team_id:
            yield f"employees[{i}].team_id", e.team_id, one({Kind.TEAM})
    for i, c in enumerate(doc.contacts):
        yield f"contacts[{i}].account_id", c.account_id, one({Kind.ACCOUNT})
    for i, s in enumerate(doc.competitor_staff):
        yield f"competitor_staff[{i}].competitor_id", s.competitor_id, one({Kind.COMPETITOR})
    for i, o in enumerate(doc.opportunities):
        yield f"opportunities[{i}].account_id", o.account_id, one({Kind.ACCOUNT})
    for i, r in enumerate(doc.relationships):
        sources, targets = ENDPOINTS[r.type]
        yield f"relationships[{i}].from", r.from_, sources
        yield f"relationships[{i}].to", r.to, targets
        if r.opportunity_id:
            yield f"relationships[{i}].opportunity_id", r.opportunity_id, one({Kind.OPPORTUNITY})
    for i, a in enumerate(doc.assessments):
        yield f"assessments[{i}].contact_id", a.contact_id, one({Kind.CONTACT})
        if a.toward != "us":
            yield f"assessments[{i}].toward", a.toward, one({Kind.COMPETITOR})
        if a.opportunity_id:
            yield f"assessments[{i}].opportunity_id", a.opportunity_id, one({Kind.OPPORTUNITY})
    for i, act in enumerate(doc.activities):
        for j, e_id in enumerate(act.employee_ids):
            yield f"activities[{i}].employee_ids[{j}]", e_id, one({Kind.EMPLOYEE})
        for j, c_id in enumerate(act.contact_ids):
            yield f"activities[{i}].contact_ids[{j}]", c_id, one({Kind.CONTACT})
        if act.opportunity_id:
            yield f"activities[{i}].opportunity_id", act.opportunity_id, one({Kind.OPPORTUNITY})


def _names(kinds: frozenset[Kind]) -> str:
    return " or ".join(sorted(k.value for k in kinds))


async def check_references(doc: ImportDocument, stored_kinds: KindLookup) -> list[Problem]:
    """Duplicate ids, ids already used by another kind, unknown ids and wrong endpoint kinds."""
    problems: list[Problem] = []
    declared: dict[str, tuple[Kind, str]] = {}
    for section, index, node_id, kind in _node_ids(doc):
        path = f"{section}[{index}].id"
        if node_id in declared:
            problems.append({"path": path,
                             "message": f"duplicate id {node_id!r} (also at {declared[node_id][1]})"})
        else:
            declared[node_id] = (kind, path)
    references = list(_references(doc))
    stored = await stored_kinds(sorted(set(declared) | {ref for _, ref, _ in references}))
    for node_id, (kind, path) in declared.items():
        if node_id in stored and stored[node_id] != kind:
            problems.append({"path": path, "message": f"id {node_id!r} already exists as a "
                                                      f"{stored[node_id].value}, not a {kind.value}"})
    for path, ref, allowed in references:
        found = declared[ref][0] if ref in declared else stored.get(ref)
        if found is None:
            problems.append({"path": path, "message": f"unknown id {ref!r}; "
                                                      f"expected a {_names(allowed)}"})
        elif found not in allowed:
            problems.append({"path": path, "message": f"{ref!r} is a {found.value}; "
                                                      f"expected a {_names(allowed)}"})
    return problems
