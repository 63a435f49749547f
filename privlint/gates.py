"""Cheap necessary conditions for the policy's value patterns, derived from the patterns.

Python's ``re`` tries a pattern at every position of a text; a pattern that starts with
``\\b``, a look-behind or a repeated group gets none of the engine's fast paths, so a
dozen such patterns cost ~100 µs on one log line. For each pattern we derive, from its
parse tree, two conditions that every match implies:

* **literals**: substrings that must be present (``sk-``, ``AKIA`` or ``ASIA``, ``@``,
  ``bearer ``), checked with ``in`` at C speed;
* a **skeleton**: the pattern without its zero-width assertions, and with repeated
  groups of single characters relaxed into one character class
  (``(?:\\d[ -]?){12,18}`` -> ``[\\d -]{12,36}``), which the engine scans quickly.
  A skeleton match is only a candidate: it says the pattern may match somewhere in
  the text (the masker's screen uses it for text that is not ASCII).

Neither condition changes what is masked: if the real pattern matches, both hold.
Anything the analysis does not understand yields no condition (the pattern is then
searched as it is).

Read by the runtime masker and by the secrets scan (its token shapes' literals); kept
out of ``privlint.runtime``, whose package imports the masker (~18 ms), so that the
command line does not load the shim to read a pattern.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from itertools import product
from typing import Any

_parser: Any = None
_c: Any = None


def _load_parser() -> None:
    global _parser, _c
    if _parser is None:
        _c = importlib.import_module("re._constants")
        _parser = importlib.import_module("re._parser")


_MAX_ALTERNATIVES = 64
_COMMON = frozenset(" -./:_,;=()[]{}\"'\t\n")
_FLAG_LETTERS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"), (re.ASCII, "a"))


class _Unsupported(Exception):
    pass


class Gate:
    r"""What a text must contain for a pattern to match in it.

    ``literals``: each entry lists strings one of which must occur in the text
    (compared with the lower-cased text when ``casefold``). ``skeleton``: see the
    module doc; it finds something in every text the pattern matches in.
    ``min_digits``: how many digits (``\d``) every match holds at least.
    """

    __slots__ = ("casefold", "literals", "min_digits", "skeleton")

    def __init__(
        self,
        literals: tuple[tuple[str, ...], ...] = (),
        casefold: bool = False,
        skeleton: re.Pattern[str] | None = None,
        min_digits: int = 0,
    ) -> None:
        self.literals = literals
        self.casefold = casefold
        self.skeleton = skeleton
        self.min_digits = min_digits

    def __repr__(self) -> str:
        skeleton = self.skeleton.pattern if self.skeleton is not None else None
        return (
            f"Gate(literals={self.literals!r}, casefold={self.casefold}, "
            f"skeleton={skeleton!r}, min_digits={self.min_digits})"
        )

    def admits(self, text: str, lowered: str | None) -> bool:
        if not self.literals:
            return True
        haystack = lowered if self.casefold and lowered is not None else text
        if self.casefold and lowered is None:
            haystack = text.lower()
        return all(any(s in haystack for s in options) for options in self.literals)


def gate_for(pattern: str) -> Gate:
    """The gate of one pattern; an empty gate when the pattern is beyond the analysis."""
    _load_parser()
    try:
        tree = _parser.parse(pattern)
    except Exception:
        return Gate()
    flags = int(tree.state.flags)
    items = list(tree)
    literals, casefold = _literals(items, bool(flags & re.IGNORECASE))
    try:
        skeleton: re.Pattern[str] | None = re.compile(_skeleton(items), flags & ~re.VERBOSE)
    except (_Unsupported, re.error, OverflowError, RecursionError, TypeError, ValueError):
        skeleton = None
    try:
        digits = _min_digits(items)
    except (RecursionError, TypeError, ValueError):
        digits = 0
    return Gate(literals, casefold, skeleton, digits)


def _is_digit_class(op: Any, av: Any) -> bool:
    if op is _c.LITERAL:
        return chr(av).isdecimal()
    if op is not _c.IN or not av:
        return False
    for item_op, item_av in av:
        if item_op is _c.CATEGORY and str(item_av) == "CATEGORY_DIGIT":
            continue
        if item_op is _c.LITERAL and chr(item_av).isdecimal():
            continue
        if item_op is _c.RANGE and 48 <= item_av[0] <= item_av[1] <= 57:
            continue
        return False
    return True


def _min_digits(items: list[Any], behind: bool = True) -> int:
    """The fewest digits that a match of this sequence (and its look-behinds, when
    ``behind``) holds."""
    total = 0
    for op, av in items:
        if _is_digit_class(op, av):
            total += 1
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            total += av[0] * _min_digits(list(av[2]), behind)
        elif op is _c.SUBPATTERN:
            total += _min_digits(list(av[3]), behind)
        elif op is _c.ATOMIC_GROUP:
            total += _min_digits(list(av), behind)
        elif op is _c.BRANCH:
            total += min(_min_digits(list(alt), behind) for alt in av[1])
        elif op is _c.ASSERT and av[0] == -1 and behind:
            total += _min_digits(list(av[1]), behind)
    return total


def match_digits(pattern: str) -> int:
    """The fewest digits that a match of ``pattern`` itself holds (look-behinds, which
    read the text before the match, not counted); 0 when beyond the analysis."""
    _load_parser()
    try:
        return _min_digits(list(_parser.parse(pattern)), behind=False)
    except Exception:
        return 0


# -- literals ----------------------------------------------------------------------------


class _Runs:
    def __init__(self) -> None:
        self.found: list[tuple[str, ...]] = []
        self.current: list[frozenset[str]] = []
        self.casefold = False

    def add(self, options: frozenset[str]) -> None:
        size = 1
        for part in self.current:
            size *= len(part)
        if size * len(options) > _MAX_ALTERNATIVES:
            self.flush()
        self.current.append(options)

    def flush(self) -> None:
        if self.current:
            strings = tuple(sorted({"".join(p) for p in product(*self.current)}))
            shortest = min(len(s) for s in strings)
            if shortest >= 2 or (shortest == 1 and not set(strings) & _COMMON):
                self.found.append(strings)
        self.current = []


def _literals(items: list[Any], ignorecase: bool) -> tuple[tuple[tuple[str, ...], ...], bool]:
    runs = _Runs()
    _walk_literals(items, ignorecase, runs)
    runs.flush()
    found = runs.found
    if runs.casefold:
        lowered = []
        for options in found:
            if all(s.isascii() for s in options):
                lowered.append(tuple(sorted({s.lower() for s in options})))
        found = lowered
    return tuple(found), runs.casefold


def lookahead_literals(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Literal groups of the positive look-aheads at the top level of ``pattern``,
    in one case: a text where it matches holds one string of each group (where the
    look-ahead was tested, in the match or after it). ``(?=00[1-9])\\d{3}...`` ->
    ``(("00",),)``. Empty when there are none, or for a pattern beyond the analysis
    or in any case. (:func:`gate_for` leaves look-aheads out: the static secret
    scan reads its literals too.)"""
    _load_parser()
    try:
        tree = _parser.parse(pattern)
    except Exception:
        return ()
    if int(tree.state.flags) & re.IGNORECASE:
        return ()
    found: list[tuple[str, ...]] = []
    for op, av in tree:
        if op is _c.ASSERT and av[0] == 1:
            groups, casefold = _literals(list(av[1]), False)
            if not casefold:
                found += groups
    return tuple(found)


def _literal_options(op: Any, av: Any) -> frozenset[str] | None:
    if op is _c.LITERAL:
        return frozenset({chr(av)})
    if op is _c.IN and len(av) <= 8 and all(o is _c.LITERAL for o, _ in av):
        return frozenset(chr(v) for _, v in av)
    if op is _c.BRANCH:
        options: set[str] = set()
        for alternative in av[1]:
            parts = []
            for sub_op, sub_av in alternative:
                if sub_op is not _c.LITERAL:
                    return None
                parts.append(chr(sub_av))
            options.add("".join(parts))
        return frozenset(options) if 0 < len(options) <= 16 else None
    return None


def _plain_options(op: Any, av: Any, ignorecase: bool) -> frozenset[str] | None:
    return _literal_options(op, av)


def _walk_literals(
    items: list[Any],
    ignorecase: bool,
    runs: _Runs,
    options_of: Callable[[Any, Any, bool], frozenset[str] | None] = _plain_options,
) -> None:
    for op, av in items:
        if op in (_c.AT, _c.ASSERT_NOT):
            continue
        if op is _c.ASSERT:
            direction, sub = av
            if direction == -1:  # a look-behind: its text ends where the match begins
                runs.flush()
                _walk_literals(list(sub), ignorecase, runs, options_of)
            continue
        options = options_of(op, av, ignorecase)
        if options is not None:
            runs.casefold = runs.casefold or ignorecase
            runs.add(options)
            continue
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            folded = ignorecase or bool(add_flags & re.IGNORECASE)
            _walk_literals(list(sub), folded, runs, options_of)
            continue
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, sub = av
            body = list(sub)
            if low >= 1 and len(body) == 1:
                body_op, body_av = body[0]
                single = options_of(body_op, body_av, ignorecase)
                if single is not None and len(single) == 1:
                    runs.casefold = runs.casefold or ignorecase
                    for _ in range(min(low, 8)):
                        runs.add(single)
                    if low == high <= 8:  # exactly so many: what follows is adjacent
                        continue
            runs.flush()
            continue
        runs.flush()


# -- shapes ------------------------------------------------------------------------------

#: The shape of an ASCII text: digits become ``0``, capitals ``A``, small letters ``a``,
#: white space `` ``; every other character stays. For ``str.translate``.
SHAPE = {
    code: (
        "0"
        if chr(code).isdigit()
        else "A"
        if chr(code).isupper()
        else "a"
        if chr(code).islower()
        else " "
        if chr(code).isspace()
        else chr(code)
    )
    for code in range(128)
}
_SHAPE_CATEGORIES = {
    "CATEGORY_DIGIT": frozenset("0"),
    "CATEGORY_SPACE": frozenset(" "),
    "CATEGORY_WORD": frozenset("0Aa_"),
}


def _shape_of(code: int, ignorecase: bool) -> frozenset[str] | None:
    """The shapes of the ASCII characters that the character ``code`` matches."""
    if code >= 128:
        # matches no ASCII character, unless case folding maps it to one (the Kelvin
        # sign and ``k``): then give up
        return None if ignorecase else frozenset()
    shape = SHAPE[code]
    if ignorecase and shape in "Aa":
        return frozenset("Aa")
    return frozenset(shape)


def _shape_options(op: Any, av: Any, ignorecase: bool) -> frozenset[str] | None:
    """What the shape of one character matched by ``(op, av)`` can be, in an ASCII
    text; None when the element is not one character or the answer is not small."""
    items = [(op, av)] if op is _c.LITERAL else list(av) if op is _c.IN else None
    if not items:
        return None
    found: set[str] = set()
    for item_op, item_av in items:
        if item_op is _c.LITERAL:
            part = _shape_of(item_av, ignorecase)
        elif item_op is _c.RANGE:
            low, high = item_av
            if high >= 128 and ignorecase:
                return None
            part = frozenset()
            for code in range(low, min(high, 127) + 1):
                more = _shape_of(code, ignorecase)
                if more is None:
                    return None
                part |= more
        elif item_op is _c.CATEGORY:
            part = _SHAPE_CATEGORIES.get(str(item_av))
        else:
            return None
        if part is None:
            return None
        found |= part
    return frozenset(found) if 0 < len(found) <= 8 else None


def shape_literals(pattern: str) -> tuple[tuple[str, ...], ...] | None:
    """Strings in the *shape* of an ASCII text (see :data:`SHAPE`) that a match of
    ``pattern`` implies: each entry lists strings one of which the shape holds.
    ``\\d{3}-\\d{2}-\\d{4}`` -> ``(("000-00-0000",),)``. None when the pattern is beyond
    the analysis."""
    _load_parser()
    try:
        tree = _parser.parse(pattern)
        runs = _Runs()
        _walk_literals(
            list(tree), bool(int(tree.state.flags) & re.IGNORECASE), runs, _shape_options
        )
        runs.flush()
    except Exception:
        return None
    return tuple(runs.found)


def match_alphabet(pattern: str) -> frozenset[str] | None:
    """The shapes (see :data:`SHAPE`) of the characters that a match of ``pattern``
    can hold, in an ASCII text; None when that is not a small set (``.``, negated
    classes, back-references). ``\\b(?:\\d[ -]?){12,18}\\d\\b`` -> ``{"0", " ", "-"}``."""
    _load_parser()
    try:
        tree = _parser.parse(pattern)
        found: set[str] = set()
        if not _alphabet(list(tree), bool(int(tree.state.flags) & re.IGNORECASE), found):
            return None
    except Exception:
        return None
    return frozenset(found)


def _alphabet(items: list[Any], ignorecase: bool, found: set[str]) -> bool:
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: nothing of the match
        if op in (_c.LITERAL, _c.IN):
            options = _shape_options(op, av, ignorecase)
            if options is None:
                return False
            found |= options
        elif op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            folded = ignorecase or bool(add_flags & re.IGNORECASE)
            if not _alphabet(list(sub), folded, found):
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            if not _alphabet(list(av[2]), ignorecase, found):
                return False
        elif op is _c.ATOMIC_GROUP:
            if not _alphabet(list(av), ignorecase, found):
                return False
        elif op is _c.BRANCH:
            for alternative in av[1]:
                if not _alphabet(list(alternative), ignorecase, found):
                    return False
        else:
            return False
    return True


# -- skeleton ------------------------------------------------------------------------------

#: A character category of the parse tree, written back as an expression (also read by
#: ``privlint.runtime._engine``).
CATEGORY_CLASSES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


def _class_body(items: list[Any]) -> tuple[str, bool]:
    """The inside of a character class, and whether it is negated."""
    parts: list[str] = []
    negated = False
    for op, av in items:
        if op is _c.NEGATE:
            negated = True
        elif op is _c.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is _c.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY and str(av) in CATEGORY_CLASSES:
            parts.append(CATEGORY_CLASSES[str(av)])
        else:
            raise _Unsupported(op)
    return "".join(parts), negated


def _single(op: Any, av: Any) -> tuple[str, bool] | None:
    """A one-character matcher as a class body (and negation), or None."""
    if op is _c.LITERAL:
        return re.escape(chr(av)), False
    if op is _c.NOT_LITERAL:
        return re.escape(chr(av)), True
    if op is _c.IN:
        return _class_body(list(av))
    if op is _c.ANY:
        return r"\s\S", False
    return None


def _repeat(low: int, high: int) -> str:
    if high == _c.MAXREPEAT:
        return f"{{{low},}}"
    return f"{{{low},{high}}}"


def _relaxed(low: int, high: int, body: list[Any]) -> str | None:
    """``(?:a b?){m,n}`` of single characters -> ``[ab]{m*1,n*2}``."""
    classes: list[str] = []
    mandatory = optional = 0
    for op, av in body:
        single = _single(op, av)
        if single is None and op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            sub_low, sub_high, sub = av
            inner = list(sub)
            if (sub_low, sub_high) == (0, 1) and len(inner) == 1:
                single = _single(*inner[0])
                if single is not None:
                    optional += 1
                    if single[1]:
                        return None
                    classes.append(single[0])
                    continue
            return None
        if single is None or single[1]:
            return None
        mandatory += 1
        classes.append(single[0])
    if not classes:
        return None
    top = high if high == _c.MAXREPEAT else high * (mandatory + optional)
    return f"[{''.join(classes)}]" + _repeat(low * mandatory, top)


def _char_run(items: list[Any]) -> tuple[list[str], int, int] | None:
    """A sequence of (repeated) single characters: its classes, fewest and most chars."""
    classes: list[str] = []
    low = high = 0
    for op, av in items:
        single = _single(op, av)
        if single is not None:
            count_low = count_high = 1
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and len(av[2]) == 1:
            single = _single(*next(iter(av[2])))
            count_low, count_high = av[0], av[1]
            if single is None or count_high >= _c.MAXREPEAT:
                return None
        else:
            return None
        if single[1]:
            return None
        classes.append(single[0])
        low += count_low
        high += count_high
    return classes, low, high


def _branch_run(alternatives: list[Any]) -> str | None:
    classes: list[str] = []
    lows: list[int] = []
    highs: list[int] = []
    for alternative in alternatives:
        run = _char_run(list(alternative))
        if run is None:
            return None
        classes.extend(run[0])
        lows.append(run[1])
        highs.append(run[2])
    if not classes or min(lows) == 0:
        return None
    return f"[{''.join(classes)}]{{{min(lows)},{max(highs)}}}"


def _skeleton(items: list[Any]) -> str:
    parts: list[str] = []
    slack = 0
    leading = True
    for op, av in items:
        if leading and op is _c.ASSERT and av[0] == -1:
            low, high = av[1].getwidth()
            if low != high or slack:
                raise _Unsupported("variable look-behind")
            parts.append(_serialise(list(av[1])))
            continue
        repeat = op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
        if leading and repeat and av[0] == 0 and not parts:
            # An optional start (``(?:\+\d{1,3} )?``): left out, so that the skeleton
            # starts with something the engine can find quickly.
            _low, high = _parser.SubPattern(_parser.State(), [(op, av)]).getwidth()
            if high >= _c.MAXREPEAT or high > 16:
                raise _Unsupported("unbounded optional start")
            slack += high
            continue
        text = _serialise([(op, av)])
        if text:
            leading = False
            parts.append(text)
    if not parts:
        raise _Unsupported("empty skeleton")
    return "".join(parts)


def _serialise(items: list[Any]) -> str:
    out: list[str] = []
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.LITERAL:
            out.append(re.escape(chr(av)))
            continue
        single = _single(op, av)
        if single is not None:
            chars, negated = single
            out.append(f"[{'^' if negated else ''}{chars}]")
        elif op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            on = "".join(letter for flag, letter in _FLAG_LETTERS if add_flags & flag)
            off = "".join(letter for flag, letter in _FLAG_LETTERS[:3] if del_flags & flag)
            prefix = f"(?{on}-{off}:" if off else (f"(?{on}:" if on else "(?:")
            out.append(prefix + _serialise(list(sub)) + ")")
        elif op is _c.BRANCH:
            run = _branch_run(av[1])
            if run is not None:
                out.append(run)  # (?:\(\d{2,4}\)|\d{2,4}) -> [\(\)\d]{2,6}: scans faster
            else:
                out.append("(?:" + "|".join(_serialise(list(alt)) for alt in av[1]) + ")")
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, sub = av
            items_ = list(sub)
            relaxed = _relaxed(low, high, items_)
            if relaxed is not None:
                out.append(relaxed)
            else:
                out.append("(?:" + _serialise(items_) + ")" + _repeat(low, high))
        elif op is _c.ATOMIC_GROUP:
            out.append("(?:" + _serialise(list(av)) + ")")
        else:
            raise _Unsupported(op)
    return "".join(out)
