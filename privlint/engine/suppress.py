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
from dataclasses import dataclass

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
    comment = _comments(line)
    if not comment:
        return frozenset()
    return frozenset(_ignored_codes(comment) | _noqa_codes(comment))


def _ignored_codes(comment: str) -> set[str]:
    """Codes of the ``# privlint: ignore[...]`` in a comment; ``ALL`` for a bare one."""
    codes: set[str] = set()
    for match in _PRIVLINT.finditer(comment):
        listed = match.group("codes")
        if listed is None or not listed.strip():
            codes.add(ALL)
        else:
            codes.update(code.upper() for code in _CODE.findall(listed))
    return codes


def _ignored_items(comment: str) -> set[str]:
    """What ``# privlint: ignore[...]`` lists, item by item as written (``PL1O1`` is
    one item, which ``_ignored_codes`` would read as two codes); ``ALL`` when bare."""
    items: set[str] = set()
    for match in _PRIVLINT.finditer(comment):
        listed = match.group("codes")
        if listed is None or not listed.strip():
            items.add(ALL)
        else:
            items.update(item.upper() for item in re.split(r"[\s,]+", listed) if item)
    return items


def _noqa_codes(comment: str) -> set[str]:
    return {
        code.upper() for match in _NOQA.finditer(comment) for code in _CODE.findall(match["codes"])
    }


#: What ``is_suppressed`` records when it silences a finding: (1-based line, the code
#: of the comment that did it, ``ALL`` for a bare ``# privlint: ignore``).
Used = set[tuple[int, str]]


def is_suppressed(
    code: str, lines: list[str], line_numbers: tuple[int, ...], used: Used | None = None
) -> bool:
    """Whether ``code`` is suppressed on any of the given 1-based lines.

    With ``used``, the comment that silenced it is recorded there (for the report of
    suppressions that no longer silence anything).
    """
    for number in line_numbers:
        if 1 <= number <= len(lines):
            codes = suppressed_codes(lines[number - 1])
            if code in codes or ALL in codes:
                if used is not None:
                    used.add((number, code if code in codes else ALL))
                return True
    return False


# -- suppressions as findings: unknown codes, and (on request) unused ones ----------------

#: A line that may hold one of our suppressions; the gate before any tokenising.
_MAY_SUPPRESS = re.compile(r"privlint\s*:\s*ignore|noqa\s*:[\s,A-Z0-9]*PL", re.IGNORECASE)
#: Codes shaped like a linter's (``PL101``, ``E501``), echoed in messages; anything else
#: written between the brackets is not repeated (it could be anything, a token even).
_OUR_CODE = re.compile(r"PL[0-9]+")
_SHOWN_CODE = re.compile(r"[A-Z]{1,4}[0-9]{2,4}")


@dataclass(frozen=True)
class Suppression:
    """One line's privlint suppression: where it is and which codes it names.

    ``codes`` holds the codes of ``# privlint: ignore[...]`` and the ``PL`` codes of
    ``# noqa: ...`` (other linters' codes are theirs); ``ALL`` for a bare ignore.
    """

    line: int
    column: int
    end_column: int
    codes: frozenset[str]


def suppressions(text: str) -> list[Suppression]:
    """Every line of ``text`` that suppresses privlint codes, in order.

    The comments are found by tokenising the whole text, so that a suppression quoted
    in a docstring is not taken for one; text that does not tokenise (not Python, or
    broken) is read line by line as ``suppressed_codes`` does.
    """
    if not _MAY_SUPPRESS.search(text):
        return []
    comments = _comment_tokens(text)
    found: list[Suppression] = []
    for index, line in enumerate(text.splitlines(), start=1):
        if not _MAY_SUPPRESS.search(line):
            continue
        if comments is None:
            comment = _comments(line)
            offset = max(line.find(comment), 0)
        else:
            comment, offset = comments.get(index, ("", 0))
        # PLnnn codes in a noqa are ours; Ruff's pylint codes (PLR0913) are not
        codes = _ignored_items(comment) | {
            code for code in _noqa_codes(comment) if _OUR_CODE.fullmatch(code)
        }
        if not codes:
            continue
        match = _PRIVLINT.search(comment) or _NOQA.search(comment)
        start, end = (match.start(), match.end()) if match else (0, len(comment))
        found.append(Suppression(index, offset + start + 1, offset + end + 1, frozenset(codes)))
    return found


def _comment_tokens(text: str) -> dict[int, tuple[str, int]] | None:
    """The comment of each line that has one, with its 0-based column; None when the
    text does not tokenise as Python."""
    comments: dict[int, tuple[str, int]] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                comments[token.start[0]] = (token.string, token.start[1])
    except (tokenize.TokenError, SyntaxError):
        return None
    return comments


def shown_code(code: str) -> str | None:
    """A code as messages may echo it: linter-shaped codes only (else None)."""
    return code if _SHOWN_CODE.fullmatch(code) else None
