"""Configuration error messages that name the key and never repeat what the user typed.

A value that does not fit a key may be a token pasted into the wrong line, and an error
message ends up in CI logs. So a message shows an unknown value by its shape (its length
and, for a long printable value, two characters at each end, as the runtime masker does)
and by where it is (the 2nd entry of a list, the 1st key of a table). Values from a closed
set (a rule ID, a level, a known key) are shown as they are, and a near miss suggests the
known value the user probably meant.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable

#: a value at least this long shows two characters at each end; shorter ones only a length
REVEAL_FROM = 16
_SHOWN = 2


def describe(value: object) -> str:
    """What ``value`` looks like without what it says: ``40 characters, gh...NO``."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if not isinstance(value, str):
        return "a value"
    size = len(value)
    if size == 0:
        return "empty"
    if size == 1:
        return "1 character"
    ends = value[:_SHOWN] + value[-_SHOWN:]
    if size >= REVEAL_FROM and all(_plain(char) for char in ends):
        return f"{size} characters, {value[:_SHOWN]}...{value[-_SHOWN:]}"
    return f"{size} characters"


def _plain(char: str) -> bool:
    return char.isascii() and char.isprintable() and not char.isspace()


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``21st``."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def entry(index: int, value: object) -> str:
    """The ``index``-th (0-based) entry of a list: ``the 2nd entry (40 characters, gh...NO)``."""
    return f"the {ordinal(index + 1)} entry ({describe(value)})"


def key(index: int, name: str) -> str:
    """The ``index``-th (0-based) key of a table: ``the 1st key (7 characters)``."""
    return f"the {ordinal(index + 1)} key ({describe(name)})"


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """``; did you mean 'warning'?`` when ``value`` is close to one known value, else ``""``.

    Case and ``_``/``-`` are ignored, so ``fail_on`` suggests ``fail-on`` and
    ``AwsKeyDetector`` suggests ``AWSKeyDetector``."""
    by_folded: dict[str, str] = {}
    for name in sorted(known):
        by_folded.setdefault(_fold(name), name)
    folded = _fold(value)
    if folded in by_folded:
        return f"; did you mean {by_folded[folded]!r}?"
    close = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=0.7)
    return f"; did you mean {by_folded[close[0]]!r}?" if close else ""


def _fold(text: str) -> str:
    return text.lower().replace("_", "-")


# tomllib's messages that quote a key or a character of the file, and what to say instead
_TOML_REWORDED = (
    ("Cannot declare", "a table is declared twice"),
    ("Cannot mutate immutable namespace", "a key adds to an inline table or an array"),
    ("Cannot redefine namespace", "a table redefines a key"),
    ("Duplicate inline table key", "a key is repeated in an inline table"),
    ("Found invalid character", "an invalid character"),
    ("Illegal character", "an invalid character"),
)
_TOML_WHERE = re.compile(r"\s*\((at line \d+, column \d+|at end of document)\)\s*$")


def toml_problem(error: tomllib.TOMLDecodeError) -> str:
    """tomllib's message without any text of the file: the problem and where it is."""
    message = str(error)
    where = _TOML_WHERE.search(message)
    problem = message[: where.start()] if where else message
    for start, instead in _TOML_REWORDED:
        if problem.startswith(start):
            problem = instead
            break
    else:
        if "'" in problem or '"' in problem:
            problem = "a syntax error"
    problem = problem[:1].lower() + problem[1:]
    return f"{problem} ({where.group(1)})" if where else problem


def regex_problem(error: re.error) -> str:
    """``re.error`` without the names or text of the pattern it quotes."""
    message = error.msg.split("'", 1)[0].strip().rstrip(",:")
    return f"{message} at position {error.pos}" if error.pos is not None else message
