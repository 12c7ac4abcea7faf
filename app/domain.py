"""The vocabulary of the graph (docs/domain.md sections 2-3): every label and type comes from here."""

from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """Node labels of the entities that carry an id."""

    ACCOUNT = "Account"
    TEAM = "Team"
    EMPLOYEE = "Employee"
    CONTACT = "Contact"
    COMPETITOR = "Competitor"
    COMPETITOR_STAFF = "CompetitorStaff"
    THIRD_PARTY = "ThirdParty"
    OPPORTUNITY = "Opportunity"
    ACTIVITY = "Activity"


class RelType(StrEnum):
    """Relationship edges accepted by the import document and the relationship endpoints."""

    REPORTS_TO = "REPORTS_TO"
    INFLUENCES = "INFLUENCES"
    OWNS = "OWNS"
    IN_DECISION_CHAIN = "IN_DECISION_CHAIN"
    LEVERAGED = "LEVERAGED"
    COMPETES_ON = "COMPETES_ON"
    WORKS_AT = "WORKS_AT"


class LinkType(StrEnum):
    """Edges derived from a node's own fields; at most one is current per source node."""

    WORKS_AT = "WORKS_AT"  # contact.account_id
    MEMBER_OF = "MEMBER_OF"  # employee.team_id
    LED_BY = "LED_BY"  # team.lead_id
    WORKS_FOR = "WORKS_FOR"  # competitor_staff.competitor_id
    FOR_ACCOUNT = "FOR_ACCOUNT"  # opportunity.account_id


# Which kinds each relationship type may connect: (allowed sources, allowed targets).
ENDPOINTS: dict[RelType, tuple[frozenset[Kind], frozenset[Kind]]] = {
    RelType.REPORTS_TO: (frozenset({Kind.CONTACT}), frozenset({Kind.CONTACT})),
    # A third party (partner, design institute, consultant) influences contacts; our
    # employees know third parties (Employee -> ThirdParty).
    RelType.INFLUENCES: (
        frozenset({Kind.CONTACT, Kind.EMPLOYEE, Kind.COMPETITOR_STAFF, Kind.THIRD_PARTY}),
        frozenset({Kind.CONTACT, Kind.THIRD_PARTY}),
    ),
    RelType.OWNS: (frozenset({Kind.EMPLOYEE}), frozenset({Kind.ACCOUNT})),
    RelType.IN_DECISION_CHAIN: (frozenset({Kind.CONTACT}), frozenset({Kind.OPPORTUNITY})),
    RelType.LEVERAGED: (frozenset({Kind.EMPLOYEE}), frozenset({Kind.OPPORTUNITY})),
    RelType.COMPETES_ON: (frozenset({Kind.COMPETITOR}), frozenset({Kind.OPPORTUNITY})),
    RelType.WORKS_AT: (frozenset({Kind.CONTACT}), frozenset({Kind.ACCOUNT})),
}

# Edges whose allowed sources depend on the target's kind: only an employee knows a third party
# (a third party influences contacts, not other third parties).
ONLY_FROM: dict[tuple[RelType, Kind], frozenset[Kind]] = {
    (RelType.INFLUENCES, Kind.THIRD_PARTY): frozenset({Kind.EMPLOYEE}),
}

# Project-specific edges: a deal can restructure who reports to or influences whom.
PROJECT_SCOPED = frozenset({RelType.REPORTS_TO, RelType.INFLUENCES})


class ThirdPartyCategory(StrEnum):
    PARTNER = "partner"
    DESIGN_INSTITUTE = "design_institute"
    CONSULTANT = "consultant"
    OTHER = "other"


class Role(StrEnum):
    DECISION_MAKER = "decision_maker"
    APPROVER = "approver"
    EVALUATOR = "evaluator"
    INFLUENCER = "influencer"
    USER = "user"
    COACH = "coach"


class Attitude(StrEnum):
    STRONG_SUPPORT = "strong_support"
    SUPPORT = "support"
    NEUTRAL = "neutral"
    OPPOSE = "oppose"
    STRONG_OPPOSE = "strong_oppose"
    UNKNOWN = "unknown"


# Influence paths have at most this many steps (docs/domain.md section 6).
HARD_HOP_CAP = 5

# Whose assessments: ours (`toward: "us"`) or a competitor's (`toward`: its id).
US = "us"

ATTITUDE_SCORE: dict[Attitude, int | None] = {
    Attitude.STRONG_SUPPORT: 2,
    Attitude.SUPPORT: 1,
    Attitude.NEUTRAL: 0,
    Attitude.OPPOSE: -1,
    Attitude.STRONG_OPPOSE: -2,
    Attitude.UNKNOWN: None,
}

# What the service keeps on nodes for its own reads, derived from what was written: our
# attitude timelines and the last days we assessed each feature on contacts
# (ingestion/merge_assessments), the key-person timeline and the search key
# (app/search/keys.py). Not part of a node as written: never shown, not in its ETag.
DERIVED_PROPERTIES = frozenset({
    "search", "key_person_at", "key_person_was", "us_last_assessed", "last_met",
    *(f"us_{part}{feature}" for part in ("", "last_") for feature
      in ("closeness", "solution", "price", "veto", "approver")),
    *(f"us_{feature}_at" for feature in ("closeness", "solution", "price", "veto", "approver"))})


def written(props: dict[str, Any]) -> dict[str, Any]:
    """A node's properties without the derived ones."""
    return {k: v for k, v in props.items() if k not in DERIVED_PROPERTIES}


class Behavior(StrEnum):
    PROFESSIONAL = "professional"
    PRAGMATIC = "pragmatic"
    PROFESSIONAL_PRAGMATIC = "professional_pragmatic"
    PRAGMATIC_PROFESSIONAL = "pragmatic_professional"
    BALANCED = "balanced"


class Importance(StrEnum):
    POSITION = "position"
    RELATIONSHIP = "relationship"
    BOTH = "both"
    ORDINARY = "ordinary"


class OpportunityStatus(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class ActivityType(StrEnum):
    VISIT = "visit"
    MEETING = "meeting"
    CALL = "call"
    DINNER = "dinner"
    EMAIL = "email"
    MESSAGE = "message"  # a chat or text message (WeChat, SMS): weighed as an e-mail
    DEMO = "demo"
    EVENT = "event"
    OTHER = "other"


class ContactLevel(StrEnum):
    NONE = "none"
    OCCASIONAL = "occasional"
    MULTIPLE = "multiple"
    DEEP = "deep"


def contact_level(activities: int, *, occasional: int, multiple: int, deep: int) -> ContactLevel:
    """Contact level (交互程度) from the number of activities in the recent window."""
    if activities >= deep:
        return ContactLevel.DEEP
    if activities >= multiple:
        return ContactLevel.MULTIPLE
    if activities >= occasional:
        return ContactLevel.OCCASIONAL
    return ContactLevel.NONE
