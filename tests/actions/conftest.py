"""The org of tests/auth/conftest.py and its principals."""

from tests.auth.conftest import tokens  # noqa: F401
