"""Inline suppressions: ``# privlint: ignore[PL101]`` and ``# noqa: PL101``.

A bare ``# privlint: ignore`` silences every privlint rule on its line. A bare
``# noqa`` is left to the linters it was written for: privlint honours ``noqa``
only when it names a privlint code, so a line silenced for line length does not
hide a leaked password.
"""

from __future__ import annotations

import re

_PRIVLINT = re.compile(r"#\s*privlint:\s*ignore\b(?:\[(?P<codes>[^\]]*)\])?", re.IGNORECASE)
_NOQA = re.compile(r"#\s*noqa:\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)", re.IGNORECASE)
_CODE = re.compile(r"[A-Za-z]+[0-9]+")

ALL = "*"


def suppressed_codes(line: str) -> frozenset[str]:
    """Codes a source line suppresses; ``{"*"}`` for every code."""
    if "#" not in line:
        return frozenset()
    codes: set[str] = set()
    for match in _PRIVLINT.finditer(line):
        listed = match.group("codes")
        if listed is None or not listed.strip():
            codes.add(ALL)
        else:
            codes.update(code.upper() for code in _CODE.findall(listed))
    for match in _NOQA.finditer(line):
        codes.update(code.upper() for code in _CODE.findall(match.group("codes")))
    return frozenset(codes)


def is_suppressed(code: str, lines: list[str], line_numbers: tuple[int, ...]) -> bool:
    """Whether ``code`` is suppressed on any of the given 1-based lines."""
    for number in line_numbers:
        if 1 <= number <= len(lines):
            codes = suppressed_codes(lines[number - 1])
            if code in codes or ALL in codes:
                return True
    return False
