"""Split identifiers into lower-case words: the unit that name patterns match."""

from __future__ import annotations

import re
from functools import lru_cache

# Boundaries: separators, lower->upper (userPassword), acronym->word (HTTPServer),
# letter<->digit is *not* a boundary so that `address_line1` stays one word.
_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z0-9]+")


@lru_cache(maxsize=65536)
def identifier_words(name: str) -> tuple[str, ...]:
    """``userPassword`` / ``user_password`` / ``USER-PASSWORD`` -> ("user", "password")."""
    words: list[str] = []
    for part in _SEPARATORS.split(name):
        if not part:
            continue
        if part.islower() or part.isupper() or part.isdigit():
            words.append(part.lower())
        else:
            words.extend(piece.lower() for piece in _CAMEL.findall(part))
    return tuple(words)


def pattern_words(pattern: str) -> tuple[str, ...]:
    """A name pattern from the rule pack (``api_key``) as words."""
    return identifier_words(pattern)


def before_by(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a look-up's name before ``by`` (``get_api_key_by_user``,
    ``getByEmail``): what the look-up returns; the words after it name its key. All of
    them when there is no ``by``."""
    return words[: words.index("by")] if "by" in words else words
