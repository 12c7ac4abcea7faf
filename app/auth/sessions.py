"""People sign in with a username and password and get a session cookie; integrations keep
bearer tokens (app/auth/deps.py accepts both).

- Passwords are hashed with Argon2id (argon2-cffi); a hash made with older parameters is
  replaced at the next sign-in.
- A session is a random 256-bit value in an HttpOnly, SameSite=Strict cookie; the graph keeps
  its SHA-256 only, with its expiry and the hash of its CSRF token, which the sign-in answers
  once and every write with the cookie must send as `X-CSRF-Token`.
- Failures in a row of one username are slowed down (each answer waits, doubling) and then
  lock it for a while; an unknown username takes as long as a known one, and its failures are
  counted, slowed and locked alike, so that no answer tells whether a username exists.
- Sign-out deletes the session on the server. A principal created with an initial password
  must change it before anything else.

Single sign-on (OpenID Connect) would end where `start` begins: once an identity provider has
named the principal, `start` makes the session exactly as a password sign-in does.
"""

import asyncio
import hashlib
import hmac
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from app.auth.references import fingerprint
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Reader, Row
from app.errors import TooManyRequests, Unauthorized, ValidationFailed, field_problem

COOKIE = "brm_session"
CSRF_COOKIE = "brm_csrf"
CSRF_HEADER = "X-CSRF-Token"
MAX_WAIT_S = 8.0
MIN_PASSWORD = 10

_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters
# Verified against when the username is unknown, so that the answer takes as long.
_UNKNOWN = _hasher.hash(secrets.token_urlsafe(16))
# Argon2 takes a few hundred milliseconds of CPU and 64 MiB a password: on the event loop, 30
# sign-ins at once stalled every other request for seconds. One thread (the C code lets the
# GIL go) checks them one after the other, as the loop did, while the loop goes on.
_CHECKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argon2")


T = TypeVar("T")


async def _checked(work: Callable[[], T]) -> T:
    return await asyncio.get_running_loop().run_in_executor(_CHECKER, work)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def weak(password: str, path: str) -> list[dict[str, str]]:
    """What is wrong with a new password (nothing: an empty list)."""
    return ([field_problem(path, "password_too_short", f"at least {MIN_PASSWORD} characters",
                           min_length=MIN_PASSWORD)]
            if len(password) < MIN_PASSWORD else [])


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _UNKNOWN, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class Started:
    session: str  # the cookie's value
    csrf_token: str
    expires_at: str
    must_change_password: bool


async def sign_in(graph: Graph, settings: Settings, key: AESSIV, username: str,
                  password: str) -> Started:
    """A new session for the username's principal, or 401 (429 while it is locked). `key`
    (the server's) keys the tries of an unknown username."""
    tried = await _tried(graph, settings, username=username,
                         key=fingerprint(key, "sign-in tries", username))
    if not await _vouched(settings, tried, password):
        raise Unauthorized("wrong username or password")
    assert tried is not None
    found = tried["principal"]
    rehashed = (await _checked(lambda: hash_password(password))
                if _hasher.check_needs_rehash(found["password_hash"]) else None)
    return await start(graph, settings, found["id"], rehashed=rehashed)


async def _tried(graph: Graph, settings: Settings, *, username: str | None = None,
                 key: str | None = None, principal_id: str | None = None) -> Row | None:
    """This try, counted (auth/password_subject): the principal whose password is tried (None
    for an unknown username, whose tries are counted all the same, under `key`), the try's
    number in a row and whether the tries are locked; None for a principal id no active
    principal has."""
    now = datetime.now(UTC)
    tried = await graph.write(
        q("auth/password_subject"), username=username, id=principal_id, key=key,
        lock_after=settings.sign_in_lock_after,
        lock_until=now + timedelta(minutes=settings.sign_in_lock_minutes),
        forget_before=now - timedelta(hours=settings.sign_in_forget_hours))
    return tried[0] if tried else None


async def _vouched(settings: Settings, tried: Row | None, password: str) -> bool:
    """Whether `password` is the tried principal's (429 while the tries are locked). Every try
    counts in a row until a right one, whether it came with a sign-in or with a password
    change (both guess the same password), and so does a try of an unknown username: a wrong
    one from the `sign_in_slow_after`-th waits, the `sign_in_lock_after`-th locks. An unknown
    principal's check takes as long (a dummy hash is verified). The caller forgets the tries
    once a right one has done its work (auth/start_session, auth/set_password), or at once
    (auth/password_right)."""
    if tried and tried["locked"]:
        wait = datetime.fromisoformat(tried["locked_until"]) - datetime.now(UTC)
        raise TooManyRequests("too many failed attempts: try again later",
                              retry_after_s=max(1, int(wait.total_seconds()) + 1))
    found = tried["principal"] if tried else None
    stored = found["password_hash"] if found else None
    if await _checked(lambda: _verify(stored, password)) and found is not None:
        return True
    tries = tried["tries"] if tried else 0
    if tries >= settings.sign_in_slow_after:
        await asyncio.sleep(min(MAX_WAIT_S, 2.0 ** (tries - settings.sign_in_slow_after)))
    return False


async def start(graph: Graph, settings: Settings, principal_id: str,
                rehashed: str | None = None) -> Started:
    """A session for a principal someone has vouched for (a password, or an identity
    provider)."""
    session, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    row = await graph.write(q("auth/start_session"), principal_id=principal_id,
                            id_hash=digest(session), csrf_hash=digest(csrf),
                            password_hash=rehashed,
                            expires_at=datetime.now(UTC) + timedelta(hours=settings.session_hours))
    if not row:
        raise Unauthorized("wrong username or password")  # revoked meanwhile
    return Started(session, csrf, row[0]["expires_at"], bool(row[0]["must_change_password"]))


async def principal_of(reader: Reader, session: str) -> Row | None:
    """The session's principal and its CSRF token hash (`csrf_hash`), if it is still valid."""
    return await reader.read_one(q("auth/principal_by_session"), id_hash=digest(session))


def csrf_matches(sent: str | None, csrf_hash: str) -> bool:
    return sent is not None and hmac.compare_digest(digest(sent), csrf_hash)


async def end(graph: Graph, session: str) -> None:
    await graph.write(q("auth/end_session"), id_hash=digest(session))


async def change_password(graph: Graph, settings: Settings, principal_id: str,
                          session: str | None, current: str, new: str) -> None:
    """Set a new password after checking the current one, as a sign-in checks it (a wrong one
    counts toward the lock); the principal's other sessions end."""
    tried = await _tried(graph, settings, principal_id=principal_id)
    problems = weak(new, "new_password")
    vouched = await _vouched(settings, tried, current)
    if not vouched:
        problems.append(field_problem("current_password", "password_wrong",
                                      "not the current password"))
    elif current == new:
        problems.append(field_problem("new_password", "password_unchanged",
                                      "the same as the current one"))
    if problems:
        if vouched:  # right, but refused for the new password: the tries are over all the same
            await graph.write(q("auth/password_right"), id=principal_id)
        raise ValidationFailed(problems)
    await graph.write(q("auth/set_password"), principal_id=principal_id,
                      password_hash=await _checked(lambda: hash_password(new)),
                      keep_id_hash=digest(session) if session else "")
