"""What each principal may write: one policy for every write route (docs/security.md, Writes).

Company-wide writers (admin, exec, an integration scoped to the company with `can_write`)
write any data. Everyone else writes inside their perspective, checked on the data an item
touches (an object's stored account) and on the data it points to (both ends of an edge, the
account a contact or deal is moved to):

- on the accounts in reach: the accounts themselves and their ESP+ evaluations, their
  contacts and deals, reporting and influence lines among those contacts, decision-chain
  members, a rival's or a colleague's part in those deals, assessments and activities (those
  one of the writer's employees took part in: a recorded one, as stored too);
- anywhere: the acquaintances (`Employee -[:INFLUENCES]-> Contact`) of the employees whose
  network they manage: a rep their own, a lead their teams' members';
- account ownership (OWNS) only as a lead, between their teams' members and their teams'
  accounts; an account's manual key-account override (ESP+) not at all: it is the company's
  choice, like the ESP+ weights and thresholds. Teams, employees, competitors and their staff,
  third parties and exchange rates are company-wide data;
- a third party's influence on a contact (`ThirdParty -[:INFLUENCES]-> Contact`) where the
  contact's account is in reach, like a line among contacts; an employee's acquaintance with a
  third party (`Employee -[:INFLUENCES]-> ThirdParty`) like their acquaintance with a contact.

A refused document is refused whole: 403 listing every refused item, nothing written.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from app.auth.policy import Access, Viewer
from app.auth.schemas import Role
from app.db.cypher import q
from app.db.graph import Reader
from app.domain import Kind, RelType
from app.errors import Forbidden, ProblemEntry, field_problem
from app.ingestion.schemas import ImportDocument, RelationshipIn
from app.ingestion.validation import NODE_SECTIONS

Place = Callable[[str, int], str]  # (section, index) -> the item's path in the input

COMPANY_DATA = ("teams", "employees", "competitors", "competitor_staff", "third_parties",
                "exchange_rates")


@dataclass(frozen=True)
class WriteScope:
    accounts: frozenset[str]
    networks: frozenset[str]  # employees whose acquaintances the writer records
    assigns_owners: bool  # a lead: OWNS between their members and their accounts
    me: str | None  # the writer's own employee id


def company_wide_writer(access: Access) -> bool:
    return access.principal.company_wide


def write_scope(access: Access) -> WriteScope:
    reach = access.reach
    return WriteScope(accounts=reach.accounts or frozenset(),
                      networks=reach.employees or frozenset(),
                      assigns_owners=access.principal.role == Role.LEAD,
                      me=access.principal.employee_id)


@dataclass(frozen=True)
class Stored:
    kinds: dict[str, Kind]
    accounts: dict[str, frozenset[str]]
    overrides: dict[str, bool | None]  # accounts' key_account_override
    private: dict[str, str]  # activities private to an employee: to whom
    took_part: dict[str, frozenset[str]]  # stored activities: the employees who took part


async def stored(reader: Reader, ids: Iterable[str]) -> Stored:
    rows = await reader.read_list(q("auth/accounts_of"), ids=sorted(set(ids)))
    return Stored({r["id"]: Kind(r["kind"]) for r in rows},
                  {r["id"]: frozenset(a for a in r["account_ids"] if a) for r in rows},
                  {r["id"]: r["key_account_override"] for r in rows if r["kind"] == Kind.ACCOUNT},
                  {r["id"]: r["private_to"] for r in rows if r.get("private_to")},
                  {r["id"]: frozenset(r["took_part"]) for r in rows if r["kind"] == Kind.ACTIVITY})


@dataclass(frozen=True)
class Refusal:
    """Why an item is refused: a problem entry's code, message and params."""

    code: str
    message: str
    params: dict[str, str] = field(default_factory=dict)


class _Checker:
    """Accounts of ids as they will be after the write: the document's own contacts and deals
    where it declares them, the stored ones otherwise."""

    def __init__(self, scope: WriteScope, doc: ImportDocument, found: Stored) -> None:
        self.scope = scope
        self.stored = found.accounts
        self.declared = {object_id: account for _, _, object_id, account in _placed(doc)}
        self.kinds = {**found.kinds, **{item.id: kind for section, kind in NODE_SECTIONS.items()
                                        for item in getattr(doc, section)}}

    def owned(self, object_id: str) -> bool:
        """Is the object (account, contact or deal) on an account in reach after the write?"""
        if object_id in self.declared:
            return self.declared[object_id] in self.scope.accounts
        accounts = self.stored.get(object_id)
        return bool(accounts) and accounts <= self.scope.accounts  # type: ignore[operator]

    def was_owned(self, object_id: str) -> bool:
        """Is an existing object on accounts in reach now? (New ids are nobody's yet.)"""
        return self.stored.get(object_id, frozenset()) <= self.scope.accounts

    def relationship(self, r: RelationshipIn) -> Refusal | None:
        """Why this edge is refused, or None."""
        deal = r.opportunity_id
        if deal and not self.owned(deal):
            return Refusal("outside_accounts", f"deal {deal!r} is outside this principal's "
                           "accounts", {"id": deal})
        if r.type == RelType.OWNS:
            if not self.scope.assigns_owners:
                return Refusal("ownership_for_leads", "account ownership is for admins and the "
                               "account team's lead")
            if r.from_ not in self.scope.networks or not self.owned(r.to):
                return Refusal("ownership_within_teams", "a lead assigns only their teams' "
                               "accounts to their teams' members")
            return None
        if r.type == RelType.INFLUENCES and self.kinds.get(r.from_) == Kind.EMPLOYEE:
            if r.from_ not in self.scope.networks:
                return Refusal("own_acquaintances", "only one's own acquaintances (a lead: the "
                               "team's) may be recorded")
            return None
        ends = [r.to] if self.kinds.get(r.from_) in (Kind.EMPLOYEE, Kind.COMPETITOR_STAFF,
                                                 Kind.COMPETITOR, Kind.THIRD_PARTY) else [r.from_, r.to]
        outside = [e for e in ends if not self.owned(e)]
        if outside:
            return Refusal("outside_accounts", f"{outside[0]!r} is outside this principal's "
                           "accounts", {"id": outside[0]})
        return None


def _placed(doc: ImportDocument) -> Iterator[tuple[str, int, str, str]]:
    """(section, index, id, account id) of the document's contacts and deals."""
    for i, c in enumerate(doc.contacts):
        yield "contacts", i, c.id, c.account_id
    for i, o in enumerate(doc.opportunities):
        yield "opportunities", i, o.id, o.account_id


def refusals(scope: WriteScope, doc: ImportDocument, at: Place, found: Stored) -> list[ProblemEntry]:
    """Every item of `doc` outside `scope`, with its path and the reason."""
    check = _Checker(scope, doc, found)
    problems: list[ProblemEntry] = []

    def refuse(section: str, index: int, code: str, message: str, **params: str) -> None:
        problems.append(field_problem(at(section, index), code, message, **params))

    for section in COMPANY_DATA:
        for i, _ in enumerate(getattr(doc, section)):
            refuse(section, i, "company_data", f"{section} are company-wide data: admins and "
                               "company-wide integrations write them", part=section)
    for i, a in enumerate(doc.accounts):
        if a.id not in scope.accounts:
            refuse("accounts", i, "outside_accounts", f"account {a.id!r} is not one this "
                                  "principal owns", id=a.id)
        elif a.key_account_override != found.overrides.get(a.id):
            refuse("accounts", i, "key_account_override", "the key-account override is the "
                                  "company's choice: admins and company-wide writers change it "
                                  "(send the stored value back)")
    for section, i, object_id, account in _placed(doc):
        if not check.was_owned(object_id) or account not in scope.accounts:
            refuse(section, i, "outside_accounts", f"{object_id!r} or account {account!r} is "
                               "outside this principal's accounts", id=object_id)
    for i, r in enumerate(doc.relationships):
        reason = check.relationship(r)
        if reason:
            refuse("relationships", i, reason.code, reason.message, **reason.params)
    for i, s in enumerate(doc.assessments):
        if not check.owned(s.contact_id) or (s.opportunity_id and not check.owned(s.opportunity_id)):
            refuse("assessments", i, "outside_accounts", f"contact {s.contact_id!r} or its deal "
                                     "is outside this principal's accounts", id=s.contact_id)
    for i, act in enumerate(doc.activities):
        touched = [*act.contact_ids, *([act.opportunity_id] if act.opportunity_id else [])]
        if _unseen(act.id, scope, found):
            # As of any id: that it is taken, and no more. Which account it is on, or that a
            # colleague made it private, would be news (ids run in sequence).
            refuse("activities", i, "id_taken", f"id {act.id!r} is already taken", id=act.id)
        elif not check.was_owned(act.id) or not all(check.owned(x) for x in touched):
            refuse("activities", i, "outside_accounts", "an activity's contacts, deal and "
                                    "earlier record must all be on this principal's accounts")
        elif scope.networks.isdisjoint(act.employee_ids):
            refuse("activities", i, "took_no_part", "a rep records only what they took part "
                                    "in, a lead what their teams' members did")
        elif (took_part := found.took_part.get(act.id)) and scope.networks.isdisjoint(took_part):
            refuse("activities", i, "colleagues_activity", "an activity recorded of colleagues "
                                    "is changed by those who took part (a lead: by their teams' "
                                    "members)")
    for i, e in enumerate(doc.esp_scores):
        if e.account_id not in scope.accounts:
            refuse("esp_scores", i, "outside_accounts", f"account {e.account_id!r} is not one "
                                    "this principal owns", id=e.account_id)
    return problems


def _unseen(activity_id: str, scope: WriteScope, found: Stored) -> bool:
    """Is this a stored activity the writer does not see: none of its people on the writer's
    accounts, or private to a colleague?"""
    if activity_id not in found.took_part:
        return False
    return (found.accounts.get(activity_id, frozenset()).isdisjoint(scope.accounts)
            or found.private.get(activity_id, scope.me) != scope.me)


def masked(problems: list[ProblemEntry], viewer: Viewer) -> list[ProblemEntry]:
    """A writer's problems telling no more of an employee it does not see than of an id that
    nothing has (docs/security.md, "No probing by id"): a reference to one is unknown, and an
    id one has is taken, which a write of that id tells of any id, ids being one space."""
    told = []
    for problem in problems:
        params = problem.get("params") or {}
        ref = params.get("id")
        if not (isinstance(ref, str) and Kind.EMPLOYEE.value in str(params.get("found", ""))
                and not viewer.sees(ref)):
            told.append(problem)
        elif problem["code"] == "id_of_another_kind":
            told.append(field_problem(problem["path"], "id_taken", f"id {ref!r} is already taken",
                                      id=ref))
        else:
            expected = str(params["expected"])
            told.append(field_problem(problem["path"], "unknown_id", f"unknown id {ref!r}; "
                                      f"expected {expected}", id=ref, expected=expected))
    return told


def ids_to_look_up(doc: ImportDocument) -> set[str]:
    ids = ({object_id for *_, object_id, _ in _placed(doc)} | {a.id for a in doc.activities}
           | {a.id for a in doc.accounts})
    for r in doc.relationships:
        ids |= {r.from_, r.to, *([r.opportunity_id] if r.opportunity_id else [])}
    for s in doc.assessments:
        ids |= {s.contact_id, *([s.opportunity_id] if s.opportunity_id else [])}
    for act in doc.activities:
        ids |= {*act.contact_ids, *([act.opportunity_id] if act.opportunity_id else [])}
    return ids


async def refusals_of(access: Access, doc: ImportDocument, at: Place) -> list[ProblemEntry]:
    """Every item of a (valid) document this principal may not write."""
    if company_wide_writer(access):
        return []
    found = await stored(access.graph, ids_to_look_up(doc))
    return refusals(write_scope(access), doc, at, found)


async def authorise(access: Access, doc: ImportDocument, at: Place) -> None:
    """Raise 403 listing every item of a (valid) document this principal may not write."""
    problems = await refusals_of(access, doc, at)
    if problems:
        raise Forbidden(f"{len(problems)} item(s) outside what this principal may write; "
                        "nothing was written", errors=problems)


def action_refusals(access: Access, *, account: tuple[str, str] | None = None,
                    owner: tuple[str, str] | None = None) -> list[ProblemEntry]:
    """Why a tracked action is refused: it touches an account outside the writer's perspective,
    or it is given to an employee outside the networks the writer manages (a rep: themselves;
    a lead: the teams' members). Each is (the field's path in the input, the id)."""
    if company_wide_writer(access):
        return []
    scope = write_scope(access)
    problems: list[ProblemEntry] = []
    if account is not None and account[1] not in scope.accounts:
        problems.append(field_problem(account[0], "outside_accounts", "the action's account is "
                                      "outside this principal's accounts", id=account[1]))
    if owner is not None and owner[1] not in scope.networks:
        problems.append(field_problem(owner[0], "owner_outside_teams", "a rep gives actions to "
                                      "themselves, a lead to their teams' members"))
    return problems


def refuse(problems: list[ProblemEntry]) -> None:
    """403 listing every refused field, when there is one."""
    if problems:
        raise Forbidden(f"{len(problems)} field(s) outside what this principal may write; "
                        "nothing was written", errors=problems)
