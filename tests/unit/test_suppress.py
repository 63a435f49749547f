"""Inline suppression comments: which codes a source line silences (a table, as flake8's
noqa test), and how ``is_suppressed`` looks them up."""

from __future__ import annotations

import pytest

from privlint.engine.suppress import ALL, is_suppressed, suppressed_codes

CASES = [
    # no comment at all
    ("log.info(password)", set()),
    ("", set()),
    # privlint: ignore[...]
    ("log.info(password)  # privlint: ignore[PL101]", {"PL101"}),
    ("log.info(password)  # privlint: ignore[pl101]", {"PL101"}),
    ("log.info(password)  # privlint:ignore[PL101]", {"PL101"}),
    ("log.info(password)  #privlint: ignore[PL101]", {"PL101"}),
    ("log.info(password)  # PRIVLINT: IGNORE[PL101]", {"PL101"}),
    ("log.info(password)  # privlint: ignore[PL101, PL102]", {"PL101", "PL102"}),
    ("log.info(password)  # privlint: ignore[PL101,PL102]", {"PL101", "PL102"}),
    ("log.info(password)  # privlint: ignore[PL102]", {"PL102"}),
    # bare privlint: ignore silences every privlint code
    ("log.info(password)  # privlint: ignore", {ALL}),
    ("log.info(password)  # privlint: ignore because it is a test", {ALL}),
    ("log.info(password)  # privlint: ignored", set()),
    # codes listed after noqa:
    ("log.info(password)  # noqa: PL101", {"PL101"}),
    ("log.info(password)  # noqa:PL101", {"PL101"}),
    ("log.info(password)  # NOQA: pl101", {"PL101"}),
    ("log.info(password)  # noqa: E501, PL101", {"E501", "PL101"}),
    ("log.info(password)  # noqa: E501,PL101 long line", {"E501", "PL101"}),
    ("log.info(password)  # noqa: E501", {"E501"}),
    # bare noqa is for other linters
    ("log.info(password)  # noqa", set()),
    ("log.info(password)  # noqa:", set()),
    ("log.info(password)  # NOQA", set()),
    # both kinds on one line
    ("log.info(password)  # privlint: ignore[PL101]  # noqa: E501", {"PL101", "E501"}),
    ("x = 1  # type: ignore[attr-defined]  # noqa: PL102", {"PL102"}),
    # the first line of a statement spanning lines
    ("log.info(  # privlint: ignore[PL101]", {"PL101"}),
    ('log.info("login %s",  # noqa: PL101', {"PL101"}),
    # a marker inside a string literal is not a comment
    ('log.info("# privlint: ignore %s", password)', set()),
    ('log.info("# noqa: PL101 %s", password)', set()),
    ("print(f'{password} # privlint: ignore')", set()),
    ('log.info("#%s", password)  # noqa: PL101', {"PL101"}),
    ("s = 'it''s'  # privlint: ignore[PL102]", {"PL102"}),
    # a comment-only line
    ("    # privlint: ignore[PL103]", {"PL103"}),
]


@pytest.mark.parametrize(("line", "codes"), CASES, ids=[line or "<empty>" for line, _ in CASES])
def test_suppressed_codes(line: str, codes: set[str]) -> None:
    assert suppressed_codes(line) == frozenset(codes)


LINES = [
    "def f(password):",
    "    log.info(password)  # privlint: ignore[PL101]",
    "    print(password)  # privlint: ignore",
    "    log.info(password)  # noqa",
    "    log.info(  # noqa: PL101",
    "        password,",
    "    )",
]


@pytest.mark.parametrize(
    ("code", "line_numbers", "expected"),
    [
        ("PL101", (2,), True),
        ("PL102", (2,), False),
        ("PL102", (3,), True),
        ("PL000", (3,), True),
        ("PL101", (4,), False),
        # a finding on line 6 whose statement starts on line 5
        ("PL101", (6, 5), True),
        ("PL101", (6,), False),
        ("PL102", (6, 5), False),
        # line numbers outside the file are ignored, not errors
        ("PL101", (0, 99), False),
        ("PL101", (), False),
    ],
)
def test_is_suppressed(code: str, line_numbers: tuple[int, ...], expected: bool) -> None:
    assert is_suppressed(code, LINES, line_numbers) is expected
