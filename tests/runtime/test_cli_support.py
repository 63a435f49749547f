"""mask_stream(): what ``privlint mask`` runs, standard input to masked standard output."""

from __future__ import annotations

import io

from privlint.runtime.cli_support import mask_stream
from tests.runtime.conftest import POLICY


def _run(text: str) -> tuple[str, int]:
    out = io.StringIO()
    changed = mask_stream(io.StringIO(text), out, POLICY)
    return out.getvalue(), changed


def test_lines_are_masked_and_counted() -> None:
    out, changed = _run("ok line\npassword=hunter2\nmail john@example.com\nlast")
    assert out == "ok line\npassword=***\nmail j***@example.com\nlast"
    assert changed == 2


def test_private_key_over_several_lines_is_masked_whole() -> None:
    text = (
        "before\nkey: -----BEGIN RSA PRIVATE KEY-----\n"  # privlint: ignore[PL204]
        "MIIEowIBAAKCAQEA\nabcdef\n"
        "-----END RSA PRIVATE KEY-----\nafter\n"
    )
    out, changed = _run(text)
    assert out == "before\nkey: ***\nafter\n"
    assert "MIIE" not in out
    assert changed == 4


def test_private_key_that_never_ends_is_withheld() -> None:
    unterminated = (
        "-----BEGIN PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabcdef\n"  # privlint: ignore[PL204]
    )
    out, changed = _run(unterminated)
    assert "MIIE" not in out and "abcdef" not in out
    assert out == "[privlint: private key material withheld]\n"
    assert changed == 3


def test_empty_input() -> None:
    assert _run("") == ("", 0)
