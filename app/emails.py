"""E-mail addresses as the graph keeps them: trimmed and lower-cased, so that an address typed
in an import, written in a calendar invitation or in a mail header matches one person."""

import re
from typing import Annotated

from pydantic import AfterValidator, Field

from app.domain import Kind
from app.errors import broken

# Deliberately plain: one @, a dot in the domain, none of the characters that separate
# addresses in headers. Deliverability is not ours to judge; typos like a missing @ are.
_ADDRESS = re.compile(r"[^@\s\x00-\x1f\x7f<>(),;:\"\[\]\\]+@[^@\s\x00-\x1f\x7f<>(),;:\"\[\]\\]+"
                      r"\.[^@\s\x00-\x1f\x7f<>(),;:\"\[\]\\.]+")
MAX_LENGTH = 254  # RFC 5321's limit on a forward path
MAX_PER_PERSON = 20


def normalised(value: str) -> str | None:
    """The address as stored, or None when `value` is not one."""
    address = value.strip().lower()
    if len(address) > MAX_LENGTH or not _ADDRESS.fullmatch(address):
        return None
    return address


def mailbox(address: str) -> str:
    """The mailbox a (normalised) address delivers to: without a `+tag` after its local part,
    which mail servers deliver to the mailbox without it (li.ming+crm@ours.cn is
    li.ming@ours.cn's)."""
    local, _, domain = address.rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}" if "+" in local else address


def _valid(value: str) -> str:
    address = normalised(value)
    if address is None:
        raise broken("email_invalid", "'{value}' is not an e-mail address", value=value)
    return address


def _distinct(addresses: list[str] | None) -> list[str] | None:
    if addresses is None:
        return None
    distinct = list(dict.fromkeys(addresses))
    if len(distinct) > MAX_PER_PERSON:
        raise broken("too_many_emails", "at most {max} addresses per person", max=MAX_PER_PERSON)
    # An empty list is no addresses: stored as no property, like any other absent field.
    return distinct or None


Email = Annotated[str, AfterValidator(_valid), Field(examples=["wang.jianguo@example.cn"])]
Emails = Annotated[list[Email] | None, AfterValidator(_distinct), Field(
    description="E-mail addresses, trimmed and lower-cased; unique "
    "among people of this kind (calendar and mail capture find people by them)",
    examples=[["wang.jianguo@example.cn"]])]

# Kinds of people with addresses, each its own namespace: an employee and a contact may share one.
PEOPLE = (Kind.CONTACT, Kind.EMPLOYEE)


def key(kind: Kind, address: str) -> str:
    """The EmailAddress node's unique key (migration V017)."""
    return f"{kind.value}|{address}"
