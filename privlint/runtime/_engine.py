"""Value patterns rewritten into forms that CPython's ``re`` searches faster, with the
same matches.

``re`` finds a match quickly when the expression starts with a literal (it looks for
that string in C) or a character class (it skips to the characters of the class); an
expression that starts with ``\\b`` or a look-behind, or that ignores case, is tried
at every position of the text, which costs 20-60 ns a character (1-4 µs on a log
line, for each pattern). Two rewrites, each of which keeps every match, its span and
its groups:

* **the head first**: ``\\bsk-...`` becomes ``sk-(?<=\\bsk-)...``: the fixed-width
  head (literals and one-character classes; the first character of a repeated class)
  comes first, and the assertions that stood before it are checked after it, in a
  look-behind over the same head. ``(?<=[?&#])code=(?P<value>...)`` becomes
  ``code=(?<=(?<=[?&#])code=)(?P<value>...)``.
* **lower-cased**: a pattern that ignores case is rewritten to compare exactly
  (literals lower-cased, classes given their lower-case letters) and searched in the
  lower-cased text: on ASCII text the two match at the same places (lower-casing
  keeps lengths and ``\\b``, ``\\w``, ``\\s``, ``\\d``). Only for ASCII text: other
  scripts have letters that fold into ASCII ones.

Anything the rewrite does not understand (back-references, conditionals, flags set
inside the pattern) keeps its pattern as it is. ``tests/runtime/test_engine.py``
checks every pattern of the pack against its rewrite on generated text.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from privlint.gates import CATEGORY_CLASSES

_c: Any = None
_parser: Any = None

_POSITIONS = {
    "AT_BEGINNING": "^",
    "AT_BEGINNING_STRING": r"\A",
    "AT_BOUNDARY": r"\b",
    "AT_NON_BOUNDARY": r"\B",
    "AT_END": "$",
    "AT_END_STRING": r"\Z",
}
#: Flags a rewritten pattern can carry (as an inline group at its start).
_KEPT_FLAGS = ((re.DOTALL, "s"), (re.MULTILINE, "m"), (re.ASCII, "a"))


class _Unsupported(Exception):
    pass


class Fast:
    """A pattern's rewrite: ``regex`` is searched in the text, or, when ``lowered``,
    in the lower-cased text (and then only for ASCII text)."""

    __slots__ = ("lowered", "regex")

    def __init__(self, regex: re.Pattern[str], lowered: bool) -> None:
        self.regex = regex
        self.lowered = lowered

    def __repr__(self) -> str:
        return f"Fast({self.regex.pattern!r}, lowered={self.lowered})"


def fast_form(pattern: str) -> Fast | None:
    """The faster form of ``pattern``, or None when there is none (the pattern already
    starts with a literal or a class, or is beyond the rewrite)."""
    global _c, _parser
    if _parser is None:
        _c = importlib.import_module("re._constants")
        _parser = importlib.import_module("re._parser")
    try:
        tree = _parser.parse(pattern)
        flags = int(tree.state.flags)
        names = {number: name for name, number in tree.state.groupdict.items()}
        items = list(tree)
        lowered = bool(flags & re.IGNORECASE)
        writer = _Writer(names, lowered)
        head, assertions, rest = _split(items, lowered)
        if not head and not lowered:
            return None
        inline = "".join(letter for flag, letter in _KEPT_FLAGS if flags & flag)
        source = f"(?{inline})" if inline else ""
        if head:
            if any(_groups(item) for item in [*assertions, *head]):
                raise _Unsupported("a group in the head")
            start = writer.write(head)
            source += start + "(?<=" + writer.write(assertions) + start + ")"
        else:
            source += writer.write(assertions)
        source += writer.write(rest)
        regex = re.compile(source)
    except (_Unsupported, re.error, RecursionError, TypeError, ValueError, OverflowError):
        return None
    if regex.groupindex != re.compile(pattern).groupindex:
        return None
    return Fast(regex, lowered)


def _split(items: list[Any], lowered: bool) -> tuple[list[Any], list[Any], list[Any]]:
    """The leading assertions, the fixed-width head after them (one character of a
    repeated class at most) and the rest. No head (or one that starts with a class of
    common characters, which ``re`` would stop at nearly everywhere): the assertions
    stay in front."""
    assertions: list[Any] = []
    index = 0
    while index < len(items) and items[index][0] in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        assertions.append(items[index])
        index += 1
    if assertions and index < len(items) and not lowered:
        ahead = _literals_ahead(assertions, items[index])
        if ahead is not None:
            return ahead[0], assertions, [*ahead[1], *items[index + 1 :]]
    if not assertions or (index < len(items) and _common_start(items[index], lowered)):
        return [], assertions, items[index:]
    head: list[Any] = []
    while index < len(items):
        op, av = items[index]
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN):
            head.append(items[index])
            index += 1
            continue
        if op is _c.BRANCH and _fixed_literals(av[1]):
            head.append(items[index])
            index += 1
            continue
        if not head and op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, body = av
            inner = list(body)
            if low >= 1 and len(inner) == 1 and inner[0][0] in (_c.LITERAL, _c.IN):
                # C{m,n} -> C C{m-1,n-1}: one character of it in the head
                head.append(inner[0])
                more = high if high == _c.MAXREPEAT else high - 1
                if more:
                    rest = [(op, (low - 1, more, body)), *items[index + 1 :]]
                else:
                    rest = list(items[index + 1 :])
                return (head, assertions, rest) if assertions else ([], [], items)
        break
    if not head:
        return [], assertions, items[len(assertions) :]
    return head, assertions, list(items[index:])


def _literals_ahead(assertions: list[Any], item: Any) -> tuple[list[Any], list[Any]] | None:
    """A head from a look-ahead: ``(?=00[1-9])\\d{3}`` starts with ``00`` wherever it
    matches, and its first characters are those of a repeated class they belong to. The
    head (two literals at least, the look-ahead's first ones) and the item's rest
    (``\\d{1}``): the look-ahead stays among the assertions, checked in the
    look-behind over the head. None when there is no such head."""
    op, av = item
    if op not in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return None
    low, high, body = av
    inner = list(body)
    if len(inner) != 1 or inner[0][0] is not _c.IN:
        return None
    member = re.compile(_Writer({}, False).item(*inner[0]))
    for assertion_op, assertion in assertions:
        if assertion_op is not _c.ASSERT or assertion[0] != 1:
            continue
        sub = assertion[1]
        literals: list[Any] = []
        for sub_op, sub_av in sub:
            if sub_op is not _c.LITERAL or len(literals) == low:
                break
            if member.fullmatch(chr(sub_av)) is None:
                break
            literals.append((sub_op, sub_av))
        if len(literals) >= 2:
            more = high if high == _c.MAXREPEAT else high - len(literals)
            rest = [(op, (low - len(literals), more, body))] if more else []
            return literals, rest
    return None


def _common_start(item: Any, lowered: bool) -> bool:
    """Whether an item starts with a class of characters common in text: digits,
    small letters (capitals too in a lower-cased text), a category such as ``\\w``,
    or more than eight single characters."""
    op, av = item
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        inner = list(av[2])
        if not inner:
            return False
        op, av = inner[0]
    if op is _c.NOT_LITERAL:
        return True
    if op is not _c.IN:
        return False
    count = 0
    for member_op, member_av in av:
        if member_op is _c.LITERAL:
            count += 1
            continue
        if member_op is not _c.RANGE:
            return True  # a category or a negation
        low, high = member_av
        common = [(48, 57), (97, 122)] + ([(65, 90)] if lowered else [])
        if any(low <= last and first <= high for first, last in common):
            return True
    return count > 8


def _fixed_literals(alternatives: list[Any]) -> bool:
    """Whether every alternative is a string of literals, all of one length."""
    sizes = set()
    for alternative in alternatives:
        if not all(op is _c.LITERAL for op, _ in alternative):
            return False
        sizes.add(len(alternative))
    return len(sizes) == 1


def _groups(item: Any) -> bool:
    """Whether an item holds a capturing group."""
    op, av = item
    if op is _c.SUBPATTERN:
        return av[0] is not None or any(_groups(sub) for sub in av[3])
    if op is _c.BRANCH:
        return any(_groups(sub) for alternative in av[1] for sub in alternative)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return any(_groups(sub) for sub in av[2])
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return any(_groups(sub) for sub in av[1])
    if op is _c.ATOMIC_GROUP:
        return any(_groups(sub) for sub in av)
    return False


class _Writer:
    """Parse items back to an expression; ``lowered``: as an exact-case expression that
    matches the lower-cased text where the items (ignoring case) match the text."""

    def __init__(self, names: dict[int, str], lowered: bool) -> None:
        self.names = names
        self.lowered = lowered

    def write(self, items: list[Any]) -> str:
        return "".join(self.item(op, av) for op, av in items)

    def char(self, code: int) -> str:
        if self.lowered:
            if code >= 128:
                raise _Unsupported("a non-ASCII letter ignoring case")
            return re.escape(chr(code).lower())
        return re.escape(chr(code))

    def members(self, items: list[Any]) -> str:
        parts: list[str] = []
        for op, av in items:
            if op is _c.NEGATE:
                continue
            if op is _c.LITERAL:
                parts.append(self.char(av))
            elif op is _c.RANGE:
                low, high = av
                if self.lowered and high >= 128:
                    raise _Unsupported("a non-ASCII range ignoring case")
                parts.append(f"{re.escape(chr(low))}-{re.escape(chr(high))}")
                if self.lowered:
                    # the range's capitals, as small letters
                    first, last = max(low, 65), min(high, 90)
                    if first <= last:
                        parts.append(f"{chr(first + 32)}-{chr(last + 32)}")
            elif op is _c.CATEGORY and str(av) in CATEGORY_CLASSES:
                parts.append(CATEGORY_CLASSES[str(av)])
            else:
                raise _Unsupported(op)
        return "".join(parts)

    def item(self, op: Any, av: Any) -> str:
        if op is _c.LITERAL:
            return self.char(av)
        if op is _c.NOT_LITERAL:
            return f"[^{self.char(av)}]"
        if op is _c.ANY:
            return "."
        if op is _c.IN:
            items = list(av)
            negated = any(sub_op is _c.NEGATE for sub_op, _ in items)
            return f"[{'^' if negated else ''}{self.members(items)}]"
        if op is _c.AT:
            position = _POSITIONS.get(str(av))
            if position is None:
                raise _Unsupported(av)
            return position
        if op is _c.SUBPATTERN:
            group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unsupported("flags inside the pattern")
            body = self.write(list(sub))
            if group is None:
                return f"(?:{body})"
            name = self.names.get(group)
            return f"(?P<{name}>{body})" if name else f"({body})"
        if op is _c.BRANCH:
            return "(?:" + "|".join(self.write(list(alt)) for alt in av[1]) + ")"
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, sub = av
            count = f"{{{low},}}" if high == _c.MAXREPEAT else f"{{{low},{high}}}"
            mode = "?" if op is _c.MIN_REPEAT else "+" if op is _c.POSSESSIVE_REPEAT else ""
            return f"(?:{self.write(list(sub))}){count}{mode}"
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            direction, sub = av
            kind = "=" if op is _c.ASSERT else "!"
            return f"(?{'<' if direction < 0 else ''}{kind}{self.write(list(sub))})"
        if op is _c.ATOMIC_GROUP:
            return f"(?>{self.write(list(av))})"
        raise _Unsupported(op)
