"""Schemathesis hooks (SCHEMATHESIS_HOOKS, tests/test_schemathesis.py): bodies for the media types
it cannot make by itself. Mail capture takes raw bytes of a message or a mailbox; any bytes will
do to fuzz it (a malformed file must be a 422, never a 500)."""

import schemathesis
from hypothesis import strategies as st

MAIL = st.binary(max_size=4096) | st.just(
    b"From: a@example.com\r\nTo: b@example.com\r\nMessage-ID: <x@example.com>\r\n"
    b"Date: Mon, 30 Nov 2026 10:00:00 +0800\r\nSubject: s\r\n\r\nbody\r\n")

schemathesis.openapi.media_type("message/rfc822", MAIL)
schemathesis.openapi.media_type("application/mbox", MAIL.map(
    lambda message: b"From a@example.com Mon Nov 30 10:00:00 2026\n" + message))
