"""Inline suppressions: ``# privlint: ignore[PL101]`` and ``# noqa: PL101``.

A bare ``# privlint: ignore`` silences every privlint rule on its line. A bare
``# noqa`` is left to the linters it was written for: privlint honours ``noqa``
only when it names a privlint code, so a line silenced for line length does not
hide a leaked password.

Only comments count: ``log.info("# noqa: PL101 %s", password)`` suppresses nothing.
"""

from __future__ import annotations

import io
import re
import tokenize

_PRIVLINT = re.compile(r"#\s*privlint:\s*ignore\b(?:\[(?P<codes>[^\]]*)\])?", re.IGNORECASE)
_NOQA = re.compile(r"#\s*noqa:\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)", re.IGNORECASE)
_CODE = re.compile(r"[A-Za-z]+[0-9]+")

ALL = "*"


def _comments(line: str) -> str:
    """The comment text of one source line ("" if it has none).

    The line is tokenised on its own, so that a ``#`` inside a string literal is not
    taken for a comment. A line that does not tokenise alone (it opens a triple-quoted
    string, say) is searched whole, as before.
    """
    hash_at = line.find("#")
    if hash_at < 0:
        return ""
    if "'" not in line[:hash_at] and '"' not in line[:hash_at]:
        return line[hash_at:]
    comments: list[str] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(line).readline):
            if token.type == tokenize.COMMENT:
                comments.append(token.string)
    except (tokenize.TokenError, SyntaxError):
        # An unfinished bracket (a statement spanning lines) ends the line with an
        # error after its comment has been read; anything else falls back to the line.
        if not comments:
            return line
    return " ".join(comments)


def suppressed_codes(line: str) -> frozenset[str]:
    """Codes a source line suppresses; ``{"*"}`` for every code."""
    line = _comments(line)
    if not line:
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
