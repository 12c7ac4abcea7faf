"""What each principal may see: one policy for every endpoint (docs/security.md, Reads;
the perspectives are docs/domain.md section 4).

admin and exec see the company; a lead their teams' accounts and members; a rep their own
accounts; an integration the scopes it was created with. Colleagues outside the viewer's
circle appear in paths only as references until they accept an introduction.
"""

from collections.abc import Awaitable, Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from app.auth import references
from app.auth.audit import AuditLog
from app.auth.schemas import Role
from app.db.cypher import q
from app.db.graph import Graph, Reader
from app.domain import Kind
from app.errors import Forbidden, NotFound
from app.people import repository as people
from app.scopes import Scope, parse_scope

UNKNOWN_COLLEAGUE = "no colleague you may name with that id or reference"
T = TypeVar("T")


@dataclass(frozen=True)
class Principal:
    role: Role
    id: str
    employee_id: str | None = None
    scopes: tuple[str, ...] = ()
    can_write: bool = False

    @property
    def may_write(self) -> bool:
        """May it write at all; what it may write is app.auth.writes' to say."""
        return self.role != Role.INTEGRATION or self.can_write

    @property
    def company_wide(self) -> bool:
        return self.role in (Role.ADMIN, Role.EXEC) or (
            self.role == Role.INTEGRATION and "company" in self.scopes)


@dataclass(frozen=True)
class Reach:
    """None means everything."""

    accounts: frozenset[str] | None
    employees: frozenset[str] | None
    scopes: frozenset[str] | None
    teams: frozenset[str] = field(default_factory=frozenset)


COMPANY = Reach(None, None, None)


async def _owned(graph: Reader, owners: set[str], as_of: date) -> frozenset[str]:
    row = await graph.read_one(q("auth/owned_accounts"), owner_ids=sorted(owners), as_of=as_of)
    return frozenset(row["account_ids"] if row else [])


async def _reach(graph: Reader, principal: Principal, as_of: date) -> Reach:
    if principal.role == Role.INTEGRATION:
        owners: set[str] = set()
        teams: set[str] = set()
        for text in principal.scopes:
            scope = parse_scope(text)
            if scope.kind == "team" and scope.id:
                teams.add(scope.id)
                owners |= set(await people.team_members(graph, scope.id, as_of) or [])
            elif scope.id:
                owners.add(scope.id)
        return Reach(await _owned(graph, owners, as_of), frozenset(owners),
                     frozenset(principal.scopes), frozenset(teams))
    me = principal.employee_id or ""
    members, teams = {me}, set()
    if principal.role == Role.LEAD:
        teams = {r["team_id"] for r in await graph.read(q("auth/led_teams"), employee_id=me, as_of=as_of)}
        for team in teams:
            members |= set(await people.team_members(graph, team, as_of) or [])
    scopes = {f"employee:{m}" for m in members} | {f"team:{t}" for t in teams}
    return Reach(await _owned(graph, members, as_of), frozenset(members), frozenset(scopes),
                 frozenset(teams))


async def _limited(graph: Reader, principal: Principal,
                   as_of: date) -> tuple[Reach, frozenset[str] | None]:
    reach = await _reach(graph, principal, as_of)
    visible = reach.employees
    if visible is not None and principal.employee_id:
        row = await graph.read_one(q("auth/revealed_colleagues"), employee_id=principal.employee_id)
        visible = visible | frozenset(row["colleague_ids"] if row else [])
    return reach, visible


async def perspective(graph: Reader, principal: Principal,
                      as_of: date) -> tuple[Reach, frozenset[str] | None]:
    """What the principal may read, and the colleagues it sees by id (None: everyone): those
    in its reach and those who accepted its introductions. One read transaction for a limited
    principal, none for a company-wide one."""
    if principal.company_wide:
        return COMPANY, None
    return await graph.together(lambda reader: _limited(reader, principal, as_of))


@dataclass(frozen=True)
class Viewer:
    """Shows colleagues the viewer may see by id, the others by a reference made for this
    viewer alone (app/auth/references.py): its principal id and the server's key. Contacts
    outside the accounts it may see (`accounts`; None: every account), met on the way to
    someone it may see (an influence path, who influences them), are shown as a person
    elsewhere: a reference of the same kind, no name, no attitudes."""

    visible: frozenset[str] | None
    principal_id: str = ""
    key: AESSIV | None = None  # only a viewer who sees everyone goes without
    accounts: frozenset[str] | None = None

    def sees(self, employee_id: str) -> bool:
        return self.visible is None or employee_id in self.visible

    def ref(self, employee_id: str) -> str:
        if self.sees(employee_id):
            return employee_id
        return self._sealed(employee_id, references.COLLEAGUE_PREFIX)

    def refs(self, employee_ids: Iterable[str]) -> list[str]:
        """Colleagues as shown, those the viewer sees first, each group sorted once referenced:
        sorted by id first, the references' order would tell how the hidden ids sort."""
        return [shown for _, shown in sorted((not self.sees(e), self.ref(e)) for e in employee_ids)]

    def sees_contact(self, account_id: str | None) -> bool:
        """Whether a contact at this account (today) is shown as they are."""
        return self.accounts is None or account_id in self.accounts

    def elsewhere(self, contact_id: str) -> str:
        """The reference of a contact the viewer may not see: the same one wherever it meets
        them, so that two paths through one person show as such, and no route takes it."""
        return self._sealed(contact_id, references.PERSON_PREFIX)

    def _sealed(self, object_id: str, prefix: str) -> str:
        if self.key is None:
            raise ValueError("a viewer who does not see everyone needs the reference key")
        return references.seal(self.key, self.principal_id, object_id, prefix)


EVERYONE = Viewer(None)


def shown_account(account_id: str | None, accounts: Collection[str] | None) -> str | None:
    """An account id as a reader limited to `accounts` (their perspective; None: every account)
    may see it: null outside it. A contact is checked against their account today; the account
    they worked at on another date, or a known person's account, may lie outside."""
    return account_id if accounts is None or account_id in accounts else None


async def known_colleague(graph: Reader, employee_id: str, as_of: date) -> None:
    """404 unless the id names an employee as of the date: a misspelt id is not an empty answer,
    and it gets the same words as an id the reader may not name."""
    if not await people.employees(graph, [employee_id], as_of):
        raise NotFound(UNKNOWN_COLLEAGUE)


def resolve_ref(viewer: Viewer, ref: str) -> str:
    """The employee behind a colleague reference, or an employee id the viewer may see. A
    decrypt, no read: a made-up reference, one made for another viewer, or an id the viewer
    may not see all get the same answer, whether the employee exists or not."""
    if not ref.startswith(references.COLLEAGUE_PREFIX):
        if viewer.sees(ref):
            return ref
        raise NotFound(UNKNOWN_COLLEAGUE)
    found = references.unseal(viewer.key, viewer.principal_id, ref) if viewer.key else None
    if found is None:
        raise NotFound(UNKNOWN_COLLEAGUE)
    return found


@dataclass
class Access:
    principal: Principal
    reach: Reach
    viewer: Viewer
    graph: Graph
    log: AuditLog

    def scope(self, scope: Scope) -> Scope:
        """The scope, if this principal may read it, held to the accounts it may see today."""
        if self.reach.scopes is not None and str(scope) not in self.reach.scopes:
            raise Forbidden(f"scope {scope} is outside this principal's perspective")
        return replace(scope, within=self.reach.accounts)

    async def account_of(self, object_id: str, reader: Reader | None = None,
                         kind: Kind | None = None) -> str | None:
        """The account of an account, contact or opportunity (of `kind` only, when given)."""
        row = await (reader or self.graph).read_one(q("auth/account_of"), id=object_id,
                                                    kind=kind and kind.value)
        return None if row is None else row["account_id"]

    async def object(self, object_id: str, reader: Reader | None = None) -> None:
        """An account, contact or opportunity; unknown ids pass (the endpoint answers 404)."""
        if self.reach.accounts is None:
            return
        self.within(await self.account_of(object_id, reader))

    def within(self, account: str | None) -> None:
        """An object of this account (None: unknown, the endpoint answers 404) is inside the
        perspective."""
        if account is not None and self.reach.accounts is not None \
                and account not in self.reach.accounts:
            raise Forbidden("this object is outside this principal's perspective")

    async def answer(self, object_id: str, work: Callable[[Reader], Awaitable[T]]) -> T:
        """`work` about an object, in one read transaction with the object's check: a limited
        principal's check would otherwise open a transaction of its own before it."""
        async def checked(reader: Reader) -> T:
            await self.object(object_id, reader)
            return await work(reader)

        return await self.graph.together(checked)

    async def network(self, employee_id: str) -> None:
        """Audit a read of an employee's own network, whichever route it takes."""
        await self.audit("own-network", employee_id)

    @property
    def default_scope(self) -> str:
        """The scope a principal reads when it names none: the company for company-wide
        principals, a lead's first team, an employee's own network, an integration's first."""
        p, teams = self.principal, sorted(self.reach.teams)
        if p.company_wide:
            return "company"
        if p.role == Role.LEAD and teams:
            return f"team:{teams[0]}"
        if p.employee_id and p.role != Role.INTEGRATION:
            return f"employee:{p.employee_id}"
        return p.scopes[0] if p.scopes else "company"

    async def scope_read(self, text: str | None) -> Scope:
        """The scope asked for (or the default one), if this principal may read it; one
        employee's scope is a read of their network."""
        allowed = self.scope(parse_scope(self.default_scope if text is None else text))
        if allowed.kind == "employee" and allowed.id:
            await self.network(allowed.id)
        return allowed

    def employee(self, employee_id: str) -> None:
        if self.reach.employees is not None and employee_id not in self.reach.employees:
            # Any id, the employee's or nobody's: the answer tells neither.
            raise Forbidden("this employee is outside this principal's perspective")

    def team(self, team_id: str) -> None:
        if self.reach.scopes is not None and f"team:{team_id}" not in self.reach.scopes:
            raise Forbidden("this team is outside this principal's perspective")

    def company(self) -> None:
        if self.reach.accounts is not None:
            raise Forbidden("only company-wide principals may read this")

    async def node(self, kind: Kind, node_id: str) -> None:
        """May this principal read this node?"""
        if kind in (Kind.ACCOUNT, Kind.CONTACT, Kind.OPPORTUNITY):
            await self.object(node_id)
        elif kind == Kind.EMPLOYEE:
            self.employee(node_id)
            if node_id != self.principal.employee_id:
                await self.audit("employee", node_id)
        elif kind == Kind.TEAM:
            self.team(node_id)

    def visible(self, kind: Kind) -> list[str] | None:
        """Ids (or account ids) a list of this kind is limited to; None: no limit."""
        limits = {Kind.ACCOUNT: self.reach.accounts, Kind.CONTACT: self.reach.accounts,
                  Kind.OPPORTUNITY: self.reach.accounts, Kind.EMPLOYEE: self.reach.employees,
                  Kind.TEAM: None if self.reach.scopes is None else self.reach.teams}
        found = limits.get(kind)
        return None if found is None else sorted(found)

    async def audit(self, action: str, subject: str) -> None:
        self.log.record(principal_id=self.principal.id, role=self.principal.role.value,
                        employee_id=self.principal.employee_id, action=action, subject=subject)
