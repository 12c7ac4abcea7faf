"""What a calendar event or a mail message becomes before it is matched to people: the same
shape for both, so that one service matches, authorises and writes them."""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from app.domain import ActivityType
from app.emails import normalised
from app.ingestion.provenance import Source


@dataclass(frozen=True)
class Captured:
    """One event occurrence or one message. `key` identifies it across imports: the event's
    UID and, for an occurrence of a recurring event, its RECURRENCE-ID; the message's
    Message-ID. The activity's id is derived from it, so a re-import finds the same activity."""

    source: Source
    key: str
    at: datetime | date
    type: ActivityType
    addresses: tuple[str, ...]  # normalised, organiser and attendees or From/To/Cc
    summary: str | None = None
    cancelled: bool = False

    @property
    def activity_id(self) -> str:
        # The key may be long and hold any character; ids are short and stable.
        digest = hashlib.sha256(f"{self.source.value}|{self.key}".encode()).hexdigest()[:32]
        return f"{self.source.value}-{digest}"


def addresses(values: list[str]) -> tuple[str, ...]:
    """The e-mail addresses among `values` (a `mailto:` URI or a bare address), normalised,
    each once, in order; anything else (a phone number, a urn:uuid) is no address."""
    found: dict[str, None] = {}
    for value in values:
        text = value.strip()
        if text.lower().startswith("mailto:"):
            text = text[len("mailto:"):]
        address = normalised(text)
        if address is not None:
            found[address] = None
    return tuple(found)
