"""Path globs for ``exclude`` and ``test-paths``: checked when the policy loads,
translated to regular expressions when files are found.

Errors never quote the glob (it comes from a configuration file, see
:mod:`privlint.policy.errors`); the caller names the key and the entry.
"""

from __future__ import annotations

import re


def glob_problem(pattern: str) -> str | None:
    """Why ``pattern`` is not a glob privlint can use (``"has an unclosed '['"``), or None."""
    try:
        glob_to_regex(pattern)
    except ValueError as exc:
        return str(exc)
    return None


def glob_to_regex(pattern: str) -> str:
    """Translate a gitignore-like glob into a regex for :func:`re.fullmatch` on a POSIX path.

    The syntax (a subset of ``.gitignore``):

    * ``*`` matches any run of characters except ``/``; ``?`` one character except ``/``;
      ``[abc]``, ``[a-z]`` and ``[!abc]`` match one character from (or not from) a set
      (a ``]`` right after ``[`` or ``[!`` is a member); a backslash makes the next
      character literal.
    * ``**`` as a whole path component matches any number of directories, including none:
      ``**/migrations/*.py``, ``tests/fixtures/**``, ``src/**/generated.py``.
    * A pattern with no ``/`` except at its end matches a name at any depth: ``build.py``
      excludes ``build.py`` and ``tools/build.py``.  Otherwise it is anchored at ``cwd``:
      ``tests/fixtures/**`` does not exclude ``pkg/tests/fixtures/x.py``.  A leading ``/``
      or ``./`` only anchors.
    * A pattern that matches a directory excludes everything below it; a trailing ``/``
      makes it match directories only (``gen/``).
    * Matching is case-sensitive.  Negation (``!pattern``) is not supported.

    Raises:
        ValueError: If the pattern is empty, starts with ``!`` or has a ``[`` that is not
            closed; the message does not quote the pattern.
    """
    text = pattern.strip()
    if text.startswith("!"):
        raise ValueError("is negated (a leading '!' is not supported)")
    directory_only = text.endswith("/")
    text = text.rstrip("/")
    anchored = "/" in text
    text = text.removeprefix("./").lstrip("/")
    if not text:
        raise ValueError("is empty")

    parts = text.split("/")
    out = ["" if anchored else "(?:.*/)?"]
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:.*/)?")
        else:
            out.append(_translate_component(part))
            if not last:
                out.append("/")
    out.append("/.*" if directory_only else "(?:/.*)?")
    return "".join(out)


def _translate_component(part: str) -> str:
    """Translate one path component of a glob (no ``/``, not ``**``) into a regex."""
    out: list[str] = []
    index, size = 0, len(part)
    while index < size:
        char = part[index]
        index += 1
        if char == "*":
            while index < size and part[index] == "*":
                index += 1
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "\\":
            if index < size:
                out.append(re.escape(part[index]))
                index += 1
            else:
                out.append(re.escape("\\"))
        elif char == "[":
            end = index
            if end < size and part[end] == "!":
                end += 1
            if end < size and part[end] == "]":
                end += 1
            end = part.find("]", end)
            if end < 0:
                raise ValueError("has an unclosed '[' (write '\\[' for a literal '[')")
            body = part[index:end]
            index = end + 1
            negate = body.startswith("!")
            if negate:
                body = body[1:]
            escaped = "".join("\\" + c if c in "\\[]^&~|" else c for c in body)
            out.append(f"[^/{escaped}]" if negate else f"(?!/)[{escaped}]")
        else:
            out.append(re.escape(char))
    return "".join(out)
