"""Colleague references: how a viewer sees a colleague outside its circle (and, with a prefix
of their own, a contact at an account it may not see, met on the way to one it may).

A reference is the colleague's id sealed with AES-SIV (deterministic authenticated encryption)
under the server's key, with the viewer's principal id as associated data:
- deterministic, so a viewer always gets the same reference and may key on it and send it back;
- bound to the viewer, so two viewers get different references for one colleague (they cannot
  pool what they learn) and neither's reference opens for the other;
- reversed by decrypting, so a made-up reference costs no read of the employees.
"""

import base64
import hashlib
import math

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph
from app.errors import DatabaseUnavailable

COLLEAGUE_PREFIX = "colleague-"
# A contact at an account the viewer may not see, met on the way to one it may (a path's
# intermediary): shown, never resolved.
PERSON_PREFIX = "person-"
# The longest reference: an id (at most 256 characters, app/ingestion/schemas.py) of up to
# 4 UTF-8 bytes each, plus the 16-byte tag, in unpadded base64.
MAX_LENGTH = len(COLLEAGUE_PREFIX) + math.ceil((4 * 256 + 16) * 4 / 3)


def seal(key: AESSIV, viewer: str, object_id: str, prefix: str = COLLEAGUE_PREFIX) -> str:
    sealed = key.encrypt(object_id.encode(), [_bound(prefix, viewer)])
    return prefix + base64.urlsafe_b64encode(sealed).rstrip(b"=").decode()


def _bound(prefix: str, viewer: str) -> bytes:
    """The associated data: the viewer, and for a reference of another kind than a
    colleague's its prefix too, so that no such reference opens as a colleague's (a
    colleague's stays as it always was: clients keep them; no principal id holds a NUL)."""
    return (viewer if prefix == COLLEAGUE_PREFIX else f"{prefix}\x00{viewer}").encode()


def unseal(key: AESSIV, viewer: str, ref: str) -> str | None:
    """The id in a reference sealed for this viewer; None for anything else."""
    text = ref.removeprefix(COLLEAGUE_PREFIX)
    try:
        sealed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        return key.decrypt(sealed, [_bound(COLLEAGUE_PREFIX, viewer)]).decode()
    except (ValueError, InvalidTag):  # not base64, or not sealed by us for this viewer
        return None


def fingerprint(key: AESSIV, purpose: str, text: str) -> str:
    """A digest of `text` keyed by the server's key, for one purpose: the same text gives the
    same digest under one key, and nothing tells the text from it without the key (a plain
    hash of a username would give away a password typed into the username field by mistake
    to a dictionary). The associated data holds a NUL, which no principal id does, so that it
    is never a reference's."""
    return hashlib.sha256(key.encrypt(text.encode(), [f"{purpose}\x00".encode()])).hexdigest()


class ReferenceKey:
    """The server's key: BRM_SECRET_KEY when set, else one generated at random on the first
    start against the database and kept in it, so that every worker and instance against that
    database agrees and restarts keep references. Never derived from another secret."""

    def __init__(self, settings: Settings) -> None:
        configured = settings.secret_key
        # AES-SIV takes a 512-bit key (two AES-256 keys); SHA-512 makes one of any secret text.
        self._key = (AESSIV(hashlib.sha512(configured.get_secret_value().encode()).digest())
                     if configured else None)

    async def load(self, graph: Graph) -> None:
        if self._key is None:
            row = await graph.write(q("auth/reference_key"), generated=AESSIV.generate_key(512))
            self._key = AESSIV(row[0]["key"])

    @property
    def loaded(self) -> bool:
        return self._key is not None

    @property
    def cipher(self) -> AESSIV:
        if self._key is None:  # the database was down at start; the start task keeps trying
            raise DatabaseUnavailable("not ready: the colleague reference key is not loaded yet")
        return self._key
