"""Influence paths to a person, restricted to an employee or a team on request."""

from collections.abc import Iterable
from datetime import date
from typing import Protocol, TypeVar

from app.auth.policy import EVERYONE, Viewer, known_colleague
from app.config import Settings
from app.db.graph import Reader, Row, in_one_transaction
from app.domain import US
from app.errors import NotFound, ValidationFailed, field_problem
from app.features.service import UNASSESSED, Attitudes, views_of
from app.paths import repository
from app.paths.schemas import InfluencePath, InfluencePaths, Influencer, PathNode, Target
from app.people import repository as people


async def starting_employees(graph: Reader, *, as_of: date, employee_id: str | None,
                             team_id: str | None) -> list[str] | None:
    """The employees a search may start from: one, a team's members, or everyone (None)."""
    if employee_id and team_id:
        raise ValidationFailed([field_problem(
            "team_id", "employee_or_team", "give employee_id or team_id, not both")])
    if team_id:
        members = await people.team_members(graph, team_id, as_of)
        if members is None:
            raise NotFound(f"no team with id {team_id!r}")
        return members
    if employee_id:
        await known_colleague(graph, employee_id, as_of)
    return [employee_id] if employee_id else None


def to_path(row: Row, viewer: Viewer = EVERYONE,
            views: dict[tuple[str, str], Attitudes] | None = None) -> InfluencePath:
    """A path row as the API shows it; with `views`, contacts carry their attitudes toward us."""
    employee = row["employee_id"]
    nodes = [_described(n, viewer, views) for n in row["nodes"]]
    masked = not viewer.sees(employee)
    if masked:
        nodes[0] = PathNode(id=viewer.ref(employee), kind="Employee")
    return InfluencePath(employee_id=viewer.ref(employee), strength=row["strength"],
                         hops=row["hops"], nodes=nodes, steps=row["steps"], masked=masked)


class Reaching(Protocol):
    """A colleague's way to someone, as shown: a path, a strategy's helper."""

    employee_id: str
    strength: float
    hops: int


R = TypeVar("R", bound=Reaching)


def shown_order(ways: Iterable[R]) -> list[R]:
    """Best first, ties by the employee as shown: ordered by the id behind a reference, they
    would tell how hidden ids sort."""
    return sorted(ways, key=lambda w: (-w.strength, w.hops, w.employee_id))


def _described(node: Row, viewer: Viewer,
               views: dict[tuple[str, str], Attitudes] | None) -> PathNode:
    if node["kind"] != "Contact":
        return PathNode(id=node["id"], kind=node["kind"], name=node["name"])
    if not viewer.sees_contact(node["account_id"]):
        return PathNode(id=viewer.elsewhere(node["id"]), kind="Contact")
    view = views.get((node["id"], US), UNASSESSED) if views is not None else None
    return PathNode(id=node["id"], kind="Contact", name=node["name"],
                    closeness=view and view.closeness, veto=view and view.veto,
                    approver=view and view.approver)


@in_one_transaction
async def influence_paths(graph: Reader, settings: Settings, *, contact_id: str, as_of: date,
                          max_hops: int, limit: int, employee_id: str | None,
                          team_id: str | None, avoid_opposed: bool,
                          viewer: Viewer = EVERYONE) -> InfluencePaths:
    employees = await starting_employees(graph, as_of=as_of, employee_id=employee_id,
                                         team_id=team_id)
    found = await repository.influence_paths(
        graph, settings, target_id=contact_id, as_of=as_of, max_hops=max_hops,
        employee_ids=employees, avoid_opposed=avoid_opposed, max_rows=limit, inbound_limit=100)
    if found is None:
        raise NotFound(f"no Contact with id {contact_id!r}")
    inbound: list[Row] = found.pop("influenced_by")
    shown: list[Row] = found.pop("shown")
    views = views_of(found.pop("attitudes"))

    def influencer(row: Row) -> Influencer:
        if row["kind"] != "Contact":
            return Influencer(**row)
        if not viewer.sees_contact(row["account_id"]):
            return Influencer(id=viewer.elsewhere(row["id"]), kind="Contact",
                              strength=row["strength"])
        return Influencer(**row, closeness=views.get((row["id"], US), UNASSESSED).closeness)

    influenced_by = [influencer(r) for r in inbound]
    return InfluencePaths(target=Target(**found), as_of=as_of,
                          truncated=repository.truncated(shown),
                          paths=shown_order(to_path(r, viewer, views) for r in shown),
                          influenced_by=influenced_by)
