"""What the file-scanning PL2xx rules share.

These rules have no CST hooks: ``privlint/engine/secrets.py`` finds their results
(detect-secrets for values, file names for files never to track) and reports them
under their IDs. Their examples are whole files, each with a file name, and run as
tests in ``tests/rules/test_secret_examples.py``.

Fake secrets in examples are assembled with :func:`fake` from pieces, so that no
secret-shaped string appears in this repository's source and privlint (or
detect-secrets) scanning it stays clean.
"""

from __future__ import annotations

from typing import ClassVar

from privlint.rules.base import Rule


def fake(*pieces: str) -> str:
    """A fake secret, joined at import time from pieces that look like nothing."""
    return "".join(pieces)


class SecretFileRule(Rule):
    """A rule whose findings come from scanning file contents or names, not the CST."""

    TAGS: ClassVar[tuple[str, ...]] = ("security", "secrets", "external/cwe/cwe-798")
    CWE: ClassVar[tuple[int, ...]] = (798,)
    #: detect-secrets secret types reported under this rule (documentation)
    SECRET_TYPES: ClassVar[tuple[str, ...]] = ()
    #: never triggers the CST parse
    TRIGGER = ("\0never\0",)
