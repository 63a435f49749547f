"""Mask sensitive values in text and data, with the policy's value patterns and key names.

Two kinds of evidence, both read from the one :class:`~privlint.policy.Policy`:

* **key names** (``password=…``, ``"token": "…"``, ``Authorization: Bearer …``,
  ``?api_key=…``, ``X-Api-Key: …``): the key is classified with
  ``policy.classify`` (the same name patterns the static rules read) and, when it
  denotes a category at a masked privacy level (critical by default), its whole
  value becomes ``***``; credentials in URLs (``scheme://user:secret@host``) too;
* **value shapes** (``rules/taxonomy.toml`` ``values``): API keys, JWTs, bearer
  tokens, e-mail addresses, phone numbers, card numbers that pass Luhn, IBANs that
  pass mod-97, SSNs, PEM private keys; and values that words announce (``temporary
  password is …``, ``;jsessionid=…``, ``/reset-password/…``), where a pattern's
  group named ``value`` is what is masked. A match keeps the pattern's ``keep-prefix``
  and ``keep-suffix`` characters (``sk-***a1b``, ``j***@example.com``,
  ``***4242``); never more than half of the value.

Masking is deterministic, offline, idempotent (``mask(mask(t)) == mask(t)``: the
masker repeats its pass until nothing changes) and grows a text by at most three
characters per value it masks.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from privlint.gates import (
    SHAPE,
    Gate,
    gate_for,
    lookahead_literals,
    match_alphabet,
    match_digits,
    shape_literals,
)
from privlint.runtime._engine import fast_form

if TYPE_CHECKING:
    from privlint.policy import Policy, ValuePattern

#: ``ahocorasick_rs.AhoCorasick``, a compiled multi-string search (see
#: :func:`_literal_finder`), once a masker is built (``...`` before: the command
#: line imports this module for its fixes and rarely builds one); None where it has
#: no wheel.
_AhoCorasick: Any = ...


def _automaton() -> Any:
    """``ahocorasick_rs.AhoCorasick``, loaded on the first call; None without it."""
    global _AhoCorasick
    if _AhoCorasick is ...:
        try:
            _AhoCorasick = importlib.import_module("ahocorasick_rs").AhoCorasick
        except ImportError:  # pragma: no cover - a platform without its wheel
            _AhoCorasick = None
    return _AhoCorasick


#: What replaces a masked value, or the middle of a partly revealed one.
MASK = "***"

#: Privacy levels whose categories are masked by key name (``password=…``). Lower
#: levels (user IDs, IP addresses, activity metadata) stay readable in logs, as the
#: privacy guides recommend logging an identifier instead of content.
DEFAULT_KEY_LEVELS = ("critical",)

#: Value patterns the runtime needs that the rule pack does not have yet, keyed by
#: category. Used only when the category exists and has no pattern of that name.
#: TODO(lead): move to rules/taxonomy.toml (and accept ``validator = "ip"`` there).
PACK_SUPPLEMENTS: Mapping[str, tuple[tuple[str, str, str | None], ...]] = {
    "network.ip_address": (
        (
            "ipv6",
            r"(?<![\w:.])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::|(?::?[0-9A-Fa-f]{1,4}){1,7})(?![\w:.])",
            "ip",
        ),
    ),
}

_MAX_PASSES = 8
_MAX_DEPTH = 32
_KEY_CACHE_SIZE = 4096
_POLICY_CACHE_LIMIT = 65536

# -- structure: key=value pairs and credentials in URLs ---------------------------------

_AUTH_SCHEMES = (
    "bearer|basic|digest|token|negotiate|ntlm|bot|apikey|api-key|sso-key|hmac|"
    "aws4-hmac-sha256|dpop|mac|hoba|mutual|vapid|scram-sha-256"
)
#: The first letters of the schemes: a value that starts with none of them (in any case)
#: is not one, and the pair expression skips their alternation at once.
_SCHEME_HEADS = "".join(sorted({scheme[0] for scheme in _AUTH_SCHEMES.split("|")}))
#: A key, its separator and its value, matched forward from the key. An unquoted value
#: runs over the words that follow it on its line (``password=correct horse battery``),
#: up to the next ``key=``/``key:``, a delimiter (``,;&|`` brackets, quotes) or the end
#: of the line: a value with spaces cannot be told from words after it, so both go.
_PAIR_SOURCE = r"""
    (?<![A-Za-z0-9_.\-])
    (?P<kq>\\?["'])?
    (?P<key>[A-Za-z_][A-Za-z0-9_.\-]{0,63})
    (?(kq)(?P=kq))
    """
#: A separator and a value, as in a pair (see ``_PAIR_SOURCE``).
_SEPARATED_VALUE_SOURCE = (
    r"""
    (?P<sep>[ \t]*(?:=>|[=:])[ \t]*)
    (?P<val>
        [bBrRuU]?"(?P<c1>(?:[^"\\\n]++|\\.)*+)"
      | [bBrRuU]?'(?P<c2>(?:[^'\\\n]++|\\.)*+)'
      | \\"(?P<c3>(?:[^"\\\n]|\\[^"\n])*)\\"
      | \\'(?P<c4>(?:[^'\\\n]|\\[^'\n])*)\\'
      | (?=(?i:["""
    + _SCHEME_HEADS
    + r"""]))(?i:"""
    + _AUTH_SCHEMES
    + r""")[ \t]+(?P<sv>[^\s,;'"&<>]+)
      | (?P<uv>[^\s,;&'"<>()\[\]{}|\\]+)
    )
    """
)
_PAIR_SOURCE += _SEPARATED_VALUE_SOURCE
#: A key glued to what comes before it (``idpassword=``, ``4111 1111 1111 1111password=``,
#: see :meth:`Masker._glued_key`), matched from where its sensitive name starts: no
#: look-behind, and no opening quote (that stands before the whole name), but the
#: closing one, if any (``{"idpassword": "x"}``).
_GLUED_PAIR_SOURCE = (
    r"""
    (?P<kq>(?!))?
    (?P<key>[A-Za-z_][A-Za-z0-9_.\-]{0,63})
    (?:\\?["'])?
    """
    + _SEPARATED_VALUE_SOURCE
)
#: A separator and its value after a credential's shape that runs into it
#: (``sk-…pass=hunter2``): the shape may have swallowed the key's name (see
#: :meth:`Masker._values`). Empty ``kq`` and ``key`` groups, so that ``_pair`` reads it
#: as a pair.
_SEPARATOR_AFTER_SOURCE = r"(?P<kq>(?!))?(?P<key>)" + _SEPARATED_VALUE_SOURCE
#: The words that continue an unquoted password (``password=correct horse battery``):
#: at most three more words of lower-case letters, and only when nothing else follows
#: them on their line but a delimiter or the next ``key=``. Anything else after the
#: first word (``password=hunter2 card 4111 ...``) is the rest of the message, which
#: stays readable and is masked on its own terms.
_PASSPHRASE_MORE = 3
_CONTINUATION_SOURCE = (
    r"(?:[ \t]+(?![\w.\-]*[ \t]*(?:=>|[=:]))[a-z]+){1,"
    + str(_PASSPHRASE_MORE)
    + r"}(?=[ \t]*(?:\n|\r|\Z|[,;&'\"<>()\[\]{}|\\]|[A-Za-z_][\w.\-]*[ \t]*(?:=>|[=:])))"
)
#: Categories whose unquoted values may run over several words (a pass-phrase).
_PHRASE_CATEGORIES = frozenset({"credential.password"})
#: The key names alone (one group, so that ``findall`` returns strings), one expression
#: per separator: starting with one literal character, ``re`` finds its candidates with
#: a plain character loop instead of a set test at each position (both searches on a
#: clean bench line: 6.5k instructions, against 8.4k for one with ``=|:|>=``).
#: (``>=``, reversed ``=>``, needs none of its own here: the ``=`` in it starts the
#: same key.) A key is its last 64 characters at most, that start with a letter or
#: ``_``, whatever key characters stand before them: those of a key glued to what
#: comes before it (``1111password``), which :meth:`Masker._glued_key` reads. A key
#: with fewer than two letters is no sensitive name and holds none (a timestamp's
#: ``T05:``, which fresh lines would add as a new key every other line). The quote
#: (and its backslash) after a key is an alternation with an empty branch, not an
#: optional group: the same matches, but ``re`` runs an optional group as a repeat
#: with its own context at every separator (0.36k of 29k instructions on a clean
#: bench line).
_REVERSED_KEY_NAME = r"(?=[0-9_.\-]*[A-Za-z][0-9_.\-]*[A-Za-z])([A-Za-z0-9_.\-]{0,63}[A-Za-z_])"
_REVERSED_KEYS_SOURCE = r"[ \t]*(?:[\"']\\?|)" + _REVERSED_KEY_NAME
#: A key and its separator, found backwards: run over the reversed text with every
#: ``:`` made ``=`` (the keys before either, ``=>`` included, in one search that
#: starts at one literal character, which ``re`` finds with a plain character loop:
#: with ``=|:|>=`` it tested a set at every character, twice the time on a line with
#: a long token), it starts at the separator instead of trying a key at every
#: position. Groups: the quote after the key, if any (empty when none); the key as
#: ``_REVERSED_KEYS_SOURCE`` finds it.
_REVERSED_KEY_SOURCE = r"=[ \t]*([\"']\\?|)" + _REVERSED_KEY_NAME
_URL_CREDENTIALS_SOURCE = r"://[^\s/:@'\"<>]{1,128}:(?P<pw>[^\s/@'\"<>]{1,256})@"
_QUOTED = ("c1", "c2", "c3", "c4")
#: The characters of key names.
_KEY_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
#: What a credential's shape runs into when it swallowed a key's name (see _values),
#: and the categories of those shapes.
_RUN_INTO = frozenset({"=", ":"})
_CREDENTIALS = "credential."
#: ``_AT_LEAST_DIGITS[n]`` matches a text that holds at least ``n`` digits.
_MAX_DIGIT_GATE = 32
_AT_LEAST_DIGITS: list[re.Pattern[str]] = []


_CONTINUATION = re.compile(_CONTINUATION_SOURCE)
_BLANKS = frozenset(" \t")
#: Whether a key name (``_REVERSED_KEY_SOURCE`` read forwards, of any length: a letter
#: or ``_``, then key characters) and its separator start at a position.
_KEY_AHEAD = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\\?[\"']?[ \t]*[=:]").match

#: Texts longer than this (characters) are masked up to about this length; the rest is
#: withheld, replaced by :func:`withheld_marker`. Masking costs time in proportion to the
#: text, and one record must not stall the thread that logs it: a 1 MB message would
#: take a tenth of a second or more, a 64 KB head a few milliseconds.
MAX_TEXT = 65536
#: How far back from :data:`MAX_TEXT` the cut looks for a space or a line break, so that
#: it does not fall inside a value (half a card number passes no check).
_CUT_WINDOW = 4096


#: Lists and tuples longer than this (``mask_data``, log fields) keep their first items,
#: masked; the rest are withheld, replaced by one string that says how many.
MAX_ITEMS = 1000


def withheld_marker(count: int) -> str:
    """What replaces the ``count`` characters of a text beyond :data:`MAX_TEXT`."""
    return f" [privlint: {count} characters withheld]"


def _cut(text: str) -> int:
    """Where a text longer than :data:`MAX_TEXT` is cut: after the last space or line
    break in the window before the limit (the limit less the window if it has none)."""
    low = MAX_TEXT - _CUT_WINDOW
    best = -1
    for space in (" ", "\n", "\t"):
        best = max(best, text.rfind(space, low, MAX_TEXT))
    return best + 1 if best >= 0 else low


def _compiled() -> tuple[
    re.Pattern[str],
    re.Pattern[str],
    re.Pattern[str],
    re.Pattern[str],
    re.Pattern[str],
    list[re.Pattern[str]],
]:
    """The structural expressions, compiled on first use (importing stays cheap)."""
    global _AT_LEAST_DIGITS
    if not _AT_LEAST_DIGITS:
        _AT_LEAST_DIGITS = [re.compile(rf"(?:\D*+\d){{{n}}}") for n in range(_MAX_DIGIT_GATE + 1)]
    return (
        re.compile(_PAIR_SOURCE, re.VERBOSE),
        re.compile(_GLUED_PAIR_SOURCE, re.VERBOSE),
        re.compile(_SEPARATOR_AFTER_SOURCE, re.VERBOSE),
        re.compile(_REVERSED_KEY_SOURCE),
        re.compile(_URL_CREDENTIALS_SOURCE),
        _AT_LEAST_DIGITS,
    )


_LITERALS = frozenset({"None", "null", "nil", MASK})
_SEPARATORS = frozenset(" -.")


# -- validators ----------------------------------------------------------------------------


def luhn_valid(text: str) -> bool:
    """Whether the digits of ``text`` (13 to 19 of them) pass the Luhn check."""
    digits = text if text.isdigit() else "".join(filter(str.isdigit, text))
    if not 13 <= len(digits) <= 19 or not digits.isascii():
        return False
    total = sum(map(int, digits[-1::-2])) + sum(map(_LUHN_DOUBLED.__getitem__, digits[-2::-2]))
    return total % 10 == 0


#: A digit's contribution to the Luhn sum in a doubled position.
_LUHN_DOUBLED = {str(d): (2 * d if d < 5 else 2 * d - 9) for d in range(10)}


def iban_valid(text: str) -> bool:
    """Whether ``text`` (spaces ignored) is an IBAN with a correct mod-97 check."""
    compact = "".join(text.split()).upper()
    if not 15 <= len(compact) <= 34 or not compact.isascii() or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    return int(rearranged.translate(_IBAN_LETTERS)) % 97 == 1


#: Letters as the numbers an IBAN check reads them as (``A`` -> ``10``, ``Z`` -> ``35``).
_IBAN_LETTERS = {code: str(code - 55) for code in range(ord("A"), ord("Z") + 1)}


def ip_valid(text: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


_VALIDATORS = {"luhn": luhn_valid, "iban": iban_valid, "ip": ip_valid}


# -- compiled patterns ---------------------------------------------------------------------


class _Rule:
    """One value pattern, compiled, with the category it belongs to and its gate."""

    __slots__ = (
        "category",
        "credential",
        "fast",
        "gate",
        "grouped",
        "keep_prefix",
        "keep_suffix",
        "lowered",
        "name",
        "regex",
        "validator",
    )

    def __init__(self, category: str, pattern: ValuePattern) -> None:
        self.category = category
        #: a credential's shape (see ``Masker._values``: one that runs into a separator)
        self.credential = category.startswith(_CREDENTIALS)
        self.name = pattern.name
        self.regex = re.compile(pattern.pattern)
        #: A pattern with a group named ``value`` masks only that group: the words
        #: around it (``temporary password is``, ``/reset-password/``) say what it is.
        self.grouped = "value" in self.regex.groupindex
        self.keep_prefix = pattern.keep_prefix
        self.keep_suffix = pattern.keep_suffix
        self.validator = pattern.validator
        self.gate = gate_for(pattern.pattern)
        #: The pattern in the form ``re`` searches fastest (see ``_engine``), with the
        #: same matches; when ``lowered``, searched in the lower-cased text, and then
        #: only in ASCII text (``regex`` in any other).
        fast = fast_form(pattern.pattern)
        self.fast = self.regex if fast is None else fast.regex
        self.lowered = fast is not None and fast.lowered

    def valid(self, text: str) -> bool:
        check = _VALIDATORS.get(self.validator) if self.validator else None
        return check is None or check(text)


#: A needle this long or longer is looked for with ``in``. Shorter ones that stand for
#: longer literals (``gh`` for ``ghp_``/``gho_``/...) occur in ordinary words, so those
#: literals go into the screen's expression instead.
_MIN_NEEDLE = 3


class _Screen:
    """A cheap look at a text that says which value patterns can match in it.

    Built from each pattern's gate (see ``_gates``), so that every match of a pattern
    implies that the screen selects the pattern for the text:

    * a literal every match holds (``sk-``, ``eyJ``, ``@``): one ``in`` test (on the
      lower-cased text for case-insensitive patterns, when the text is ASCII); a short
      one (``gh`` for ``ghp_``, ``gho_``, ...) is confirmed by a search for the literals;
    * a pattern without literals (phone numbers, card numbers, SSNs, IBANs) is looked
      at in the *shape* of the text (``_gates.SHAPE``: ``123-45-6789`` has the shape
      ``000-00-0000``), made once per text with ``bytes.translate``: the strings its
      matches' shapes hold, and how many digits they have, are ``in`` tests and a
      count; with the other characters a match can hold deleted from the shape, its
      digits must stand in one run (``0`` * 13 for a card number): one more ``in``
      test. (A text that is not ASCII has no shape: the pattern's skeleton is
      searched instead.)

    A pattern the screen does not select has no match in the text, and its per-pattern
    work is skipped; a clean text costs a few ``in`` tests. (One alternation of all the
    skeletons searched several times slower than these tests: the engine loses its
    fast scan for each expression's first character.)

    ASCII text, nearly every log line, takes the fast path (:meth:`select_ascii`):
    one search for every literal at once, and one ``in`` test per shaped pattern. It
    selects a pattern on looser grounds than :meth:`select_all` (no skeleton search
    to confirm it), because the masker's next step is the pattern's own search,
    which costs about what the confirmation did.
    """

    __slots__ = (
        "_digit_gate",
        "_digit_runs",
        "_fast",
        "_find_literals",
        "_folded",
        "_literal_keys",
        "_literal_table",
        "_multi",
        "_need_digits",
        "_needles",
        "_quick_shapes",
        "_quick_squeeze",
        "_quick_words",
        "_searched",
        "_shape_memo",
        "_shape_needs",
        "_shape_plan",
        "_shape_test_of",
        "_shaped",
        "_shapes",
        "_short",
        "_words",
    )

    def __init__(self, rules: Iterable[_Rule]) -> None:
        Search = Callable[[str], "re.Match[str] | None"]
        needles: list[tuple[int, str]] = []
        folded: list[tuple[int, str, Search]] = []
        short: list[tuple[int, str, Search]] = []
        shaped: list[tuple[int, tuple[tuple[bytes, ...], ...], int, bytes | None, Search]] = []
        short_literals: list[tuple[int, str]] = []
        multi: list[tuple[int, tuple[str, ...], bool, Search]] = []
        rules = list(rules)
        #: for each shaped pattern whose matches hold only digits and other characters
        #: that are neither letters nor digits: those (in the shape) and the fewest
        #: digits a match holds (see :func:`_quick_gate`)
        runs: dict[int, tuple[str, int]] = {}
        self._digit_runs = runs
        #: for each shaped pattern whose look-aheads hold literals: one group of them,
        #: one of which the text holds (see select_ascii)
        needs: dict[int, tuple[str, ...]] = {}
        self._shape_needs = needs
        #: the fewest digits each pattern's matches hold
        self._need_digits = tuple(rule.gate.min_digits for rule in rules)
        for index, rule in enumerate(rules):
            gate = rule.gate
            search = (gate.skeleton if gate.skeleton is not None else rule.regex).search
            best = _best_literals(gate)
            weak = best is None or (gate.casefold and len(best[0]) < _MIN_NEEDLE)
            options = _option_group(gate) if weak else None
            if options is not None:
                # words with nothing in common (``ssn``, ``passport``, ``tax id``):
                # the pattern needs one of them
                flags = re.IGNORECASE if gate.casefold else 0
                either = re.compile("|".join(map(re.escape, options)), flags).search
                multi.append((index, options, gate.casefold, either))
                continue
            if best is None:
                groups = shape_literals(rule.regex.pattern) or ()
                if not all(s.isascii() for options in groups for s in options):
                    groups = ()
                shapes = tuple(tuple(s.encode("ascii") for s in options) for options in groups)
                alphabet = match_alphabet(rule.regex.pattern)
                others = None
                if alphabet is not None and gate.min_digits > 1:
                    others = "".join(sorted(alphabet - {"0"})).encode("ascii")
                shaped.append((index, shapes, gate.min_digits, others, search))
                for options in lookahead_literals(rule.regex.pattern):
                    if min(map(len, options)) >= 2 and all(map(str.isascii, options)):
                        # (?=00[1-9]) of a 00-prefixed phone number: nine lines in ten
                        # whose shape passes its test do not hold "00"
                        needs[index] = options
                        break
                if alphabet is not None and not alphabet & set("aA"):
                    others_text = "".join(sorted(alphabet - {"0"}))
                    runs[index] = (others_text, match_digits(rule.regex.pattern))
                continue
            common, options = best
            if len(common) >= _MIN_NEEDLE or len(common) == min(map(len, options)):
                if gate.casefold:
                    fold = re.compile(re.escape(common), re.IGNORECASE).search
                    folded.append((index, common, fold))
                else:
                    needles.append((index, common))
            elif gate.casefold:
                shaped.append((index, (), 0, None, search))
            else:
                source = "|".join(re.escape(option) for option in options)
                short.append((index, common, re.compile(source).search))
                short_literals += [(index, option) for option in options]
        self._needles = tuple(needles)
        self._folded = tuple(folded)
        self._short = tuple(short)
        self._multi = tuple(multi)
        self._shaped = tuple(shaped)
        self._quick_words: _WordGate | None = None
        self._quick_squeeze = b""
        self._quick_shapes: tuple[str, ...] = ()
        self._fast = self._fast_path(short_literals)
        #: What the shape tests selected for each shape seen lately (see select_ascii).
        self._shape_memo: dict[bytes, tuple[int, ...]] = {}

    def _fast_path(self, short_literals: list[tuple[int, str]]) -> bool:
        """What :meth:`select_ascii` tests, built from the same conditions as
        :meth:`select_all`.

        The literals: the needles, the literals of the short needles and the words
        (needles in any case), each pattern's in one table (:func:`_literal_finder`),
        found together in the lower-cased text, every occurrence, overlapping or not;
        a needle in one case is then checked in the text itself. The shape tests
        (``_shape_plan``, by a text's number of digits): for each shaped pattern, one
        ``in`` test standing for a condition :meth:`select_all` tests on the shape: the
        strings of one of its shape groups, made one string by a translation of the
        shape (:func:`_canonical`), or its run of digits in the shape without the other
        characters a match holds; with the fewest digits its matches hold, and the
        pattern's position. A shaped pattern with no such
        condition (IPv6 addresses) is looked for with its skeleton (``_searched``).
        A needle that is not ASCII turns the fast path off (False): every
        text then takes :meth:`select_all`, slower but as exact.
        """
        literals = [(index, needle, False) for index, needle in self._needles]
        literals += [(index, option, False) for index, option in short_literals]
        literals += [
            (i, o, False) for i, options, fold, _ in self._multi if not fold for o in options
        ]
        # Needles in any case are tested with ``in`` on the lower-cased text: in the
        # one search, each would add its first character in both cases to those the
        # engine stops at, and words (``passport``, ``session``) start with common
        # ones (``p``, ``s``): the search cost ten times more on a clean line.
        words: dict[int, set[str]] = {}
        for index, word, _ in self._folded:
            words.setdefault(index, set()).add(word.lower())
        for index, options, folded, _ in self._multi:
            if folded:
                words.setdefault(index, set()).update(option.lower() for option in options)
        self._words = tuple(
            (index, self._need_digits[index], tuple(sorted(_cover(needles))))
            for index, needles in sorted(words.items())
        )
        #: Every literal (lower-cased) and every word in one table, and what finds them
        #: all in a lower-cased text (see :func:`_literal_finder`).
        self._literal_keys, self._literal_table, self._find_literals = _literal_finder(
            literals,
            [(index, self._need_digits[index], needles) for index, needles in words.items()],
        )
        every_word = {word for _, _, words in self._words for word in words}
        tests: list[_ShapeTest] = []
        searched: list[tuple[Callable[[str], re.Match[str] | None], int]] = []
        for index, groups, min_digits, others, search in self._shaped:
            best = max(groups, key=lambda options: min(map(len, options)), default=())
            canonical = None
            if best and min(map(len, best)) >= 2:
                canonical = _canonical([option.decode("ascii") for option in best])
            if canonical is not None and others is not None and min_digits > len(canonical[1]):
                # the run of digits says more than a shorter string (``000`` of a
                # 00-prefixed phone number, which every UUID holds)
                canonical = None
            if canonical is not None:
                table, needle = canonical
                tests.append((min_digits, table, b"", needle.decode("ascii"), index))
            elif others is not None and min_digits > 1:
                # Without the other characters a match can hold (a card number's
                # spaces and dashes), its digits stand in one run.
                tests.append((min_digits, None, others, "0" * min_digits, index))
            else:
                # nothing cheaper to test than its skeleton (IPv6 addresses)
                searched.append((search, index))
        self._searched = tuple(searched)
        self._shape_plan = plan = _shape_plan(tests)
        #: Each shaped pattern's test as the plan holds it, with its fewest digits (the
        #: masker's check before a next pass reads them: see Masker._settled).
        self._shape_test_of: dict[int, _ShapeCheck] = {
            index: (fewest, *next(test[:3] for test in plan[-1] if test[3] == index))
            for fewest, *_, index in tests
        }
        self._quick_words, self._quick_squeeze, self._quick_shapes = _quick_gate(
            [literal for _, literal, _ in literals] + sorted(every_word),
            tests,
            self._digit_runs,
            bool(searched),
        )
        #: Every shape test (the plan's last item holds them all), and whether each
        #: needs a digit (none in the plan's first item): then a text without a
        #: digit skips them all. (Kept apart from the plan: select_ascii reads them
        #: for every text, and two attribute tests cost less than indexing the plan.)
        self._shapes = plan[-1]
        self._digit_gate = not plan[0]
        if _automaton() is not None and self._quick_words is not None:
            # the automaton's matches say whether a text passes the gate, and the
            # screen reads them (see select_ascii)
            self._quick_words = self._find_literals
        return all(needle.isascii() for _, needle, _ in self._folded) and all(
            option.isascii() for _, options, _, _ in self._multi for option in options
        )

    def select(self, text: str) -> list[int]:
        """The positions (in the rules given) of the patterns that may match in
        ``text``, in order; each one left out has no match there."""
        ascii_text = text.isascii()
        if ascii_text and self._fast:
            return self.select_ascii(text)
        return self.select_all(text, ascii_text)

    def select_ascii(
        self, text: str, words: _Found | bool | None = None, lowered: str | None = None
    ) -> list[int]:
        """:meth:`select` for an ASCII text, through the fast path (when ``_fast``):
        one search for every literal and word (:func:`_literal_finder`), and one
        ``in`` test of the text's shape for each shaped pattern. Looser than
        :meth:`select_all` for shaped patterns (their own search decides), much
        cheaper on clean and dirty text alike. What the shape tests select is
        remembered for the shapes seen lately (``_shape_memo``, bounded), and a text
        without a digit needs none of them.

        The quick gate (:func:`_quick_gate`) comes first, unless ``words`` says what
        it found: False (or no matches) when it found no literal and no word (then
        only the shape tests are made), True when it did, or the literals and words
        found when the gate is the automaton. ``lowered``: the text lower-cased,
        when the caller has it."""
        if words is None:
            quick = self._quick_words
            words = True
            if quick is not None:
                found = quick(lowered := text.lower(), True)
                if not found:
                    # no literal and no word: only a shape can select a pattern
                    if not self.quick_shapes(text):
                        return []
                    words = False
                elif found is not True:
                    words = found
        selected: list[int] = []
        shape = b""
        if self._shapes:
            shape = text.encode("ascii").translate(_SHAPE_BYTES)
            if not self._digit_gate or 48 in shape:  # a digit (b"0")
                memo = self._shape_memo
                shaped = memo.get(shape)
                if shaped is None:
                    shaped = self._shape_tests(shape)
                    if len(shape) <= _SHAPE_MEMO_WIDTH:
                        if len(memo) >= _SHAPE_MEMO_SIZE:
                            memo.clear()
                        memo[shape] = shaped
                if shaped:
                    needs = self._shape_needs
                    for index in shaped:
                        options = needs.get(index)
                        if options is not None:
                            for option in options:  # a loop: any() over a generator costs more
                                if option in text:
                                    break
                            else:
                                continue
                        selected.append(index)
        if words:
            if words is True:
                words = self._find_literals(lowered or text.lower(), True)
            table = self._literal_table
            digits = -1
            for found_at, start, _ in words:
                for index, exact, need in table[found_at]:
                    if exact is not None and not text.startswith(exact, start):
                        continue
                    if need:
                        if digits < 0:
                            digits = shape.count(48) if shape else sum(c.isdigit() for c in text)
                        if need > digits:
                            continue
                    selected.append(index)
        for search, index in self._searched:
            if search(text) is not None:
                selected.append(index)
        if len(selected) > 1:
            selected = sorted(set(selected))
        return selected

    def quick_shapes(self, text: str) -> bool:
        """Whether the shape tests of :meth:`select_ascii` may select a pattern for an
        ASCII text (see :func:`_quick_gate`); only when ``_quick_words`` is not None."""
        squeezed = text.encode("ascii").translate(_SHAPE_BYTES, self._quick_squeeze).decode()
        return any(needle in squeezed for needle in self._quick_shapes)

    def _shape_tests(self, shape: bytes) -> tuple[int, ...]:
        """The shaped patterns the fast path selects for a text of this shape: those
        for which the text has the digits a match needs, and its shape, translated by
        the test's table and without the test's deleted characters, holds the test's
        string. A function of the shape alone: :meth:`select_ascii` remembers it for
        the shapes it saw lately, as log lines made from one template share a shape
        (``job 0000 finished in 00ms``) far more often than a text."""
        plan = self._shape_plan
        digits = shape.count(48)  # b"0"
        tests = plan[digits if digits < len(plan) else -1]
        if not tests:
            return ()
        # str's `in` costs a fifteenth of bytes' (which first tries the needle as an
        # int, raising and clearing an exception)
        plain = shape.decode("ascii")
        #: the shape without the characters the runs of digits skip: one deletion for
        #: every such test (see _shape_plan)
        squeezed: str | None = None
        found: list[int] = []
        for table, delete, needle, index in tests:
            if delete is None:
                haystack = plain
            elif table is None:
                if squeezed is None:
                    squeezed = shape.translate(None, delete).decode("ascii")
                haystack = squeezed
            else:
                haystack = shape.translate(table, delete).decode("ascii")
            if needle in haystack:
                found.append(index)
        return tuple(found)

    def select_all(self, text: str, ascii_text: bool) -> list[int]:
        """:meth:`select` without its fast path."""
        selected = [index for index, needle in self._needles if needle in text]
        if self._folded:
            if ascii_text:
                # Lower-casing ASCII maps exactly the letters a case-insensitive
                # pattern equates; other scripts have letters that fold into ASCII.
                lowered = text.lower()
                selected += [index for index, needle, _ in self._folded if needle in lowered]
            else:
                selected += [index for index, _, fold in self._folded if fold(text)]
        for index, needle, search in self._short:
            if needle in text and search(text) is not None:
                selected.append(index)
        selected += [index for index, _, _, either in self._multi if either(text)]
        if self._shaped:
            if ascii_text:
                shape = text.encode("ascii").translate(_SHAPE_BYTES)
                digits = shape.count(48)  # b"0"
                without: dict[bytes, bytes] = {}
                for index, groups, min_digits, others, _ in self._shaped:
                    if digits < min_digits:
                        continue
                    if others is not None:
                        # Without the other characters a match can hold (a card
                        # number's spaces and dashes), its digits stand in one run.
                        rest = without.get(others)
                        if rest is None:
                            rest = without[others] = shape.translate(None, others)
                        if b"0" * min_digits not in rest:
                            continue
                    if groups and not _holds(shape, groups):
                        continue
                    # a candidate: the pattern's own search, which follows, decides
                    selected.append(index)
            else:
                selected += [index for index, *_, search in self._shaped if search(text)]
        if len(selected) > 1:
            selected.sort()
        return selected


#: How many shapes :meth:`_Screen.select_ascii` remembers (then it forgets them all), and
#: the longest it remembers (a long text rarely has the shape of another).
_SHAPE_MEMO_SIZE = 2048
_SHAPE_MEMO_WIDTH = 400
#: A test of a text's shape: the fewest digits a match holds; a translation table (or
#: None) and the characters to delete, applied to the shape; the string the result
#: must then hold; the position of the pattern.
_ShapeTest = tuple[int, bytes | None, bytes, str, int]
#: Characters from the most to the least common in log text (an estimate: it decides
#: only where :func:`_rare_first` starts a literal, never whether it is found).
_TEXT_RANKS = " =etaoinsrhldcu-_0123456789:.mfpgwybv/,TSAEIONRCPDLMHBFGW()[]'\"+kxjqzKVJYUXQZ"


def _shape_plan(
    tests: Iterable[_ShapeTest],
) -> tuple[tuple[tuple[bytes | None, bytes | None, str, int], ...], ...]:
    """The shape tests by the number of digits in a text: item ``n`` holds those a
    text with ``n`` digits needs (their fewest digits at most ``n``; the last item
    serves every larger ``n``), in the order of ``tests``, each as its translation
    table and deleted characters (None for neither: the shape is tested as it is),
    needle and pattern position."""
    tests = list(tests)
    most = max((test[0] for test in tests), default=0)
    # The tests of a run of digits (no table; the characters a match holds between
    # its digits deleted) all delete every character any of them deletes: one
    # deletion serves them all (_Screen._shape_tests), and a looser test keeps every
    # text the stricter one kept (only characters other than digits are deleted, so a
    # run of digits stays a run).
    runs = bytes(sorted({c for _, table, delete, _, _ in tests if table is None for c in delete}))
    return tuple(
        tuple(
            (
                table,
                (runs if table is None else delete) if table is not None or delete else None,
                needle,
                index,
            )
            for fewest, table, delete, needle, index in tests
            if fewest <= digits
        )
        for digits in range(most + 1)
    )


def _canonical(options: list[str]) -> tuple[bytes | None, bytes] | None:
    """For shape strings of one length that differ only column by column (``
    000-000``, ``.000 000``, ...): a translation that maps the characters of each
    column to one of them, and the one string every option becomes (`` 000 000``).
    A shape that holds an option holds that string once translated, so one ``in``
    test stands for all the options. None when no such translation exists (a
    character in two columns' sets, or options that stay different)."""
    if not options or len({len(option) for option in options}) != 1:
        return None
    mapping: dict[str, str] = {}
    for i in range(len(options[0])):
        column = sorted({option[i] for option in options})
        for char in column[1:]:
            if mapping.get(char, column[0]) != column[0]:
                return None
            mapping[char] = column[0]
    if any(target in mapping for target in mapping.values()):
        return None
    source, target = "".join(mapping).encode("ascii"), "".join(mapping.values()).encode("ascii")
    table = bytes.maketrans(source, target)
    needles = {option.encode("ascii").translate(table) for option in options}
    if len(needles) != 1:
        return None
    return (table if mapping else None), needles.pop()


def _rare_first(literals: Iterable[tuple[str, bool]], ranks: str) -> str:
    """An expression that finds any of ``(literal, any case)``, each one from its
    least common character (by ``ranks``): ``k(?:(?<=sk)\\-|(?<=rk)_live_|...)``.
    Every alternative starts with a literal character, so ``re`` looks only at
    those characters, and where it stops, it tries the alternatives of that
    character only."""
    found = {
        (char, head, rest)
        for literal, folded in literals
        for char, head, rest in _heads(literal, ranks, folded)
    }
    by_char: dict[str, set[str]] = {}
    for char, head, rest in found:
        # The head is the character (escaped), then its look-behind. Here the rest
        # comes first and one look-behind over the whole literal after it: where
        # ``re`` stops at a character, an alternative that starts with a literal
        # character fails at once on a text without it, and the look-behind (a
        # costlier step) runs only where the rest is there (10% of the search on a
        # clean line).
        behind = head[len(re.escape(char)) :]
        if behind:
            behind = behind[: -len(")")] + rest + ")"
        by_char.setdefault(char, set()).add(rest + behind)
    return "|".join(
        re.escape(char) + ("" if "" in tails else "(?:" + "|".join(sorted(tails)) + ")")
        for char, tails in sorted(by_char.items())
    )


def _heads(literal: str, ranks: str, folded: bool) -> list[tuple[str, str, str]]:
    """Where an expression finds ``literal`` from (its least common character and a
    look-behind for the characters before it), and the rest of it: ``k(?<=sk)`` and
    ``-`` for ``sk-`` (escaped), found from ``k``; two for a literal in any case:
    ``b`` and ``B``, each with ``(?i:earer )``, for ``bearer ``."""

    def rank(char: str) -> int:
        found = ranks.find(char.lower() if folded else char)
        return len(ranks) if found == -1 else found

    at = max(range(len(literal)), key=lambda i: (rank(literal[i]), -i))
    if not folded:
        head = re.escape(literal[at])
        if at:
            head += f"(?<={re.escape(literal[: at + 1])})"
        return [(literal[at], head, re.escape(literal[at + 1 :]))]
    before, rest = re.escape(literal[:at]), re.escape(literal[at + 1 :])
    heads = []
    for char in dict.fromkeys((literal[at].lower(), literal[at].upper())):
        head = re.escape(char)
        if at:
            head += f"(?<=(?i:{before}){head})"
        heads.append((char, head, f"(?i:{rest})" if rest else ""))
    return heads


_SHAPE_BYTES = bytes(ord(SHAPE[code]) if code < 128 else code for code in range(256))


def _holds(shape: bytes, groups: tuple[tuple[bytes, ...], ...]) -> bool:
    """Whether ``shape`` holds one string of each group."""
    for options in groups:
        for option in options:
            if option in shape:
                break
        else:
            return False
    return True


#: Characters that ``re`` would stop at too often in a search of the lower-cased text
#: (the most common in log text, by ``_TEXT_RANKS``): a word made only of these is
#: looked for with ``in`` (see :func:`_word_gate`).
_COMMON_LETTERS = frozenset(_TEXT_RANKS[: _TEXT_RANKS.index("h") + 1])

#: Where a text holds the literals of a :func:`_literal_finder`: for each occurrence,
#: the position of the literal in its table, and where it starts and ends.
_Found = list[tuple[int, int, int]]
#: Whether a lower-cased text holds one of a set of words: truthy when it does (the
#: words found, from an automaton that finds them all).
_WordGate = Callable[[str, bool], _Found | bool]
#: What finds every literal of a :func:`_literal_finder` in a lower-cased text: called
#: with True (every occurrence, overlapping or not; positional: a keyword argument
#: cost 150 ns a line more).
_Finder = Callable[[str, bool], _Found]


def _word_gate(words: Iterable[str]) -> _WordGate:
    """What finds any of ``words`` (lower case) in a lower-cased text, without the
    automaton (see :func:`_literal_finder`, which the screen uses instead when
    ``ahocorasick_rs`` is installed): one search for the words that have an
    uncommon character, each found from its least common one (see
    :func:`_rare_first`), and ``in`` tests of strings, one of which each other word
    holds (a search would stop at every common letter for those)."""
    words = sorted(set(words))
    rare: list[tuple[str, bool]] = []
    common: list[str] = []
    for word in words:
        if set(word) <= _COMMON_LETTERS:
            common.append(word)
        else:
            rare.append((word, False))
    search = re.compile(_rare_first(rare, _TEXT_RANKS)).search if rare else None
    strings = tuple(sorted(_cover(common)))

    def holds(lowered: str, overlapping: bool = True) -> bool:
        for string in strings:
            if string in lowered:
                return True
        return search is not None and search(lowered) is not None

    return holds


def _nothing(lowered: str, overlapping: bool = True) -> bool:
    """The word gate of no words."""
    return False


def _quick_gate(
    literals: Iterable[str],
    tests: Iterable[_ShapeTest],
    runs: Mapping[int, tuple[str, int]],
    searched: bool,
) -> tuple[_WordGate | None, bytes, tuple[str, ...]]:
    """What :meth:`_Screen.select_ascii` tests first, so that a text it would select
    nothing for (nearly every clean log line) costs two C calls on the lower-cased
    text and one ``in`` test or two on its *squeezed* shape:

    * every literal and every word the screen looks for, lower-cased, in one word
      gate (:func:`_word_gate`; the screen's automaton, :func:`_literal_finder`, where
      ``ahocorasick_rs`` is installed) of the lower-cased text: an ASCII text that
      holds a literal holds it lower-cased in its lower-cased form;
    * the shape tests' strings without their separators (the characters the tests
      delete or map onto each other, and those of their strings that are neither
      letter nor digit: ``" ()-."``), in the shape with those deleted (``squeezed``):
      ``00000000`` for a phone number's `` 000-000``, ``AA00`` for an IBAN. A shape
      that holds a test's string (after the test's deletion and translation, which
      only touch separators) holds it without separators once squeezed. A pattern
      whose matches hold only digits and such characters (``runs``) has its digits in
      one run there: ``00000000`` for a phone number, stronger than `` 000 000``. A
      string that holds another is left out (the other is found wherever it is).

    Returns the word gate, the characters (of the text) to delete for the squeezed
    shape, and the strings; a word gate of None when no such gate exists (a shaped
    pattern searched by its skeleton, a test that maps letters or digits), and then
    every text takes the whole screen."""
    if searched:
        return None, b"", ()
    tests = list(tests)
    separators: set[str] = set()
    for _, table, delete, needle, _ in tests:
        separators.update(chr(code) for code in delete)
        separators.update(char for char in needle if char not in "0aA")
        if table is not None:
            for code, mapped in enumerate(table):
                if code != mapped:
                    separators.update((chr(code), chr(mapped)))
    for index, (others, _) in runs.items():
        if any(index == test[4] for test in tests):
            separators.update(others)
    if separators & set("0aA"):
        return None, b"", ()
    needles: set[str] = set()
    for _, table, _, needle, index in tests:
        if table is not None and any(
            code != mapped and chr(code) not in separators for code, mapped in enumerate(table)
        ):
            return None, b"", ()
        squeezed = "".join(char for char in needle if char not in separators)
        others, digits = runs.get(index, ("0", 0))
        if not set(others) - separators and digits > len(squeezed):
            squeezed = "0" * digits
        if not squeezed:
            return None, b"", ()
        needles.add(squeezed)
    kept = tuple(sorted(n for n in needles if not any(o != n and o in n for o in needles)))
    delete = bytes(code for code in range(128) if chr(_SHAPE_BYTES[code]) in separators)
    lowered = {literal.lower() for literal in literals}
    # a word that holds another is found through it (``pass`` for ``passport``)
    words = sorted(w for w in lowered if not any(o != w and o in w for o in lowered))
    return (_word_gate(words) if words else _nothing), delete, kept


#: For each literal of a finder (lower-cased), the patterns it selects: their position,
#: the literal as the text must hold it (None when the lower-cased text holding it
#: is enough), and the fewest digits the text must hold.
_LiteralTable = tuple[tuple[tuple[int, str | None, int], ...], ...]


def _literal_finder(
    literals: Iterable[tuple[int, str, bool]],
    words: Iterable[tuple[int, int, Iterable[str]]],
    automaton: bool = True,
) -> tuple[tuple[str, ...], _LiteralTable, _Finder]:
    """The literals, lower-cased, and a table of the literals a pattern's matches
    hold in one case (``(position, literal, _)``) and of the words they hold in any
    case (``(position, fewest digits, words)``), by their lower-cased form; and what
    finds every occurrence of them all, overlapping or not, in a lower-cased text:
    one Aho-Corasick automaton (``ahocorasick_rs``), or ``str.find`` for each
    (``automaton`` False, or no wheel). An ASCII text holds a literal where its
    lower-cased form holds the literal lower-cased, and the text itself holds it
    there (a literal with no letter) or not (checked, see
    :meth:`_Screen.select_ascii`)."""
    table: dict[str, set[tuple[int, str | None, int]]] = {}
    for index, literal, _ in literals:
        lowered = literal.lower()
        exact = literal if lowered != literal.upper() else None
        table.setdefault(lowered, set()).add((index, exact, 0))
    for index, need, found in words:
        for word in found:
            table.setdefault(word.lower(), set()).add((index, None, need))
    keys = tuple(sorted(table))
    rows = tuple(
        tuple(sorted(table[key], key=lambda row: (row[0], row[1] or "", row[2]))) for key in keys
    )
    if not keys:
        return keys, rows, _no_literals
    if automaton and _automaton() is not None:
        return (
            keys,
            rows,
            _AhoCorasick(keys).find_matches_as_indexes,
        )

    def find(lowered: str, overlapping: bool = True) -> _Found:
        found: _Found = []
        for number, key in enumerate(keys):
            at = lowered.find(key)
            while at >= 0:
                found.append((number, at, at + len(key)))
                at = lowered.find(key, at + 1)
        return found

    return keys, rows, find


def _no_literals(lowered: str, overlapping: bool = True) -> _Found:
    return []


def _cover(needles: Iterable[str], shortest: int = 4) -> set[str]:
    """Fewer needles that stand for ``needles``: a text that holds one of these holds
    one of them (``" code"`` for ``verification code``, ``login code``, ...). Each
    round, the substring (of ``shortest`` characters or more) that the most needles
    hold, two at least, replaces them; then needles that hold another are dropped."""
    found = set(needles)
    while True:
        holders: dict[str, set[str]] = {}
        for needle in found:
            for size in range(shortest, len(needle) + 1):
                for start in range(len(needle) - size + 1):
                    holders.setdefault(needle[start : start + size], set()).add(needle)
        best = max(holders.items(), key=lambda item: (len(item[1]), len(item[0])), default=None)
        if best is None or len(best[1]) < 2:
            break
        found = (found - best[1]) | {best[0]}
    return {n for n in found if not any(o != n and o in n for o in found)}


def _option_group(gate: Gate) -> tuple[str, ...] | None:
    """A gate's group of literals whose shortest is the longest (one of them must be in
    the text), lower-cased when the gate compares in any case; None when every group
    has a literal shorter than ``_MIN_NEEDLE``."""
    best: tuple[str, ...] | None = None
    for options in gate.literals:
        if min(map(len, options)) >= _MIN_NEEDLE and (
            best is None or min(map(len, options)) > min(map(len, best))
        ):
            best = options
    if best is not None and gate.casefold:
        best = tuple(sorted({option.lower() for option in best}))
    return best


def _best_literals(gate: Gate) -> tuple[str, tuple[str, ...]] | None:
    """The most selective literal group of a gate: its longest common part, and its
    alternatives."""
    best: tuple[str, tuple[str, ...]] | None = None
    for options in gate.literals:
        common = _common_substring(options)
        if common and (best is None or len(common) > len(best[0])):
            best = (common, options)
    return best


def _reveal(rule: _Rule, value: str) -> str:
    """The masked form of one matched value: ``keep-prefix`` + ``***`` + ``keep-suffix``."""
    keep_prefix = rule.keep_prefix
    keep_suffix = rule.keep_suffix
    if not keep_prefix and not keep_suffix:
        return MASK
    if "@" in value:
        at = value.find("@")
        # (``split() == [value]``: no whitespace, as ``\s`` reads it, at a third of a search)
        if at > 0 and value.count("@") == 1 and value.split() == [value]:
            # An address: the domain stays, the local part keeps its first characters.
            keep = at // 2
            return value[: keep_prefix if keep_prefix < keep else keep] + MASK + value[at:]
    budget = len(value) // 2
    want = keep_suffix if keep_suffix < budget else budget
    kept = value[-want:] if want else ""
    if want and not kept.isalnum():
        # the last ``want`` letters and digits, separators skipped (``***1111`` of
        # ``4111 1111 1111 1111``)
        tail: list[str] = []
        for char in reversed(value):
            if len(tail) >= want:
                break
            if char.isalnum():
                tail.append(char)
        kept = "".join(reversed(tail))
    if not keep_prefix:
        return MASK + kept
    head = budget - len(kept)
    return value[: keep_prefix if keep_prefix < head else head] + MASK + kept


class _Search(Protocol):
    """A compiled pattern's bound ``search``."""

    def __call__(
        self, string: str, pos: int = ..., endpos: int = ..., /
    ) -> re.Match[str] | None: ...


Span = tuple[int, int, str]
#: A value pattern's match as ``Masker._values`` collects them: its start, its end
#: negated (the tuples sort as overlaps are settled), the pattern's position, its rule.
_ValueMatch = tuple[int, int, int, _Rule]
#: The screen's first test, as :meth:`Masker.mask` runs it (see ``Masker._quick``).
_Quick = tuple[_WordGate, bytes, tuple[str, ...]]
#: One value pattern in a masker's plan: its needle, whether the needle is compared
#: case-insensitively, the digits it needs, its position, the rule; and its searches,
#: bound once (the value search and the check before a next pass run them on each line
#: with data): the one for the lower-cased text of an ASCII text (None when the pattern
#: is searched in the text itself), and the one for the text itself.
_Step = tuple[str | None, bool, int, int, _Rule, _Search | None, _Search]
#: A shaped pattern's test (see ``_Screen._shape_test_of``).
_ShapeCheck = tuple[int, bytes | None, bytes | None, str]
#: One value pattern as :meth:`Masker._settled` reads it (see ``Masker._settle``).
_Settle = tuple[str | None, tuple[str, ...] | None, _ShapeCheck | None, _Search | None, _Search]


class Masker:
    """A policy compiled for masking. Thread-safe; build once, use everywhere."""

    def __init__(
        self,
        policy: Policy,
        *,
        include_optional: bool | Iterable[str] = False,
        key_levels: Iterable[str] = DEFAULT_KEY_LEVELS,
        screen: bool = True,
    ) -> None:
        """``include_optional``: True for every optional pattern (IP addresses), or the
        names of those to include; ``key_levels``: privacy levels masked by key name;
        ``screen``: look for the value patterns only in texts that pass the one-pass
        screen (see :class:`_Screen`); False runs every pattern on every text (the
        reference behaviour the screen is tested against)."""
        self.policy = policy
        optional = (
            include_optional if isinstance(include_optional, bool) else frozenset(include_optional)
        )
        self._key_levels = frozenset(key_levels)
        self._level_of = {c.id: c.privacy_level for c in policy.categories}
        self._key_cache: dict[str, bool] = {}
        (
            self._pair_re,
            self._glued_pair_re,
            self._separator_after_re,
            self._reversed_key_re,
            self._url_re,
            self._at_least,
        ) = _compiled()
        #: For each key name as the key searches find it (reversed, with the character
        #: before it if glued): how many of its last characters are a sensitive key
        #: name, and a glued one (0 for none; see :meth:`_glued_key`).
        self._reversed_cache: dict[str, tuple[int, int]] = {}
        #: The first words of the names of the categories masked by key name: a key
        #: glued to what comes before it holds one (see :meth:`_glued_key`).
        self._key_word_set = frozenset(
            pattern[0]
            for category in policy.categories
            if category.privacy_level in self._key_levels
            for pattern in category.names
        )
        #: The names of those categories, their letters and digits in lower case
        #: (``apikey``), by their last two characters (see :meth:`_name_starts`).
        self._name_ends: dict[str, tuple[str, ...]] = {}
        for name in sorted(
            {
                "".join(pattern)
                for category in policy.categories
                if category.privacy_level in self._key_levels
                for pattern in category.names
            }
        ):
            self._name_ends[name[-2:]] = (*self._name_ends.get(name[-2:], ()), name)
        #: A search for what the letters and digits of every sensitive key name hold
        #: (see :meth:`_may_name`).
        self._name_hint = _name_hint(
            pattern
            for category in policy.categories
            if category.privacy_level in self._key_levels
            for pattern in category.names
        )
        #: Reversed key names known not to be sensitive: one set test for a whole line.
        self._clean_keys: set[str] = set()
        #: The key names before ``=`` in a reversed text (every ``:`` made ``=`` first,
        #: for the keys before either), and before ``:`` (a text without ``=``).
        self._keys_before_equals = re.compile("=" + _REVERSED_KEYS_SOURCE).findall
        self._keys_before_colon = re.compile(":" + _REVERSED_KEYS_SOURCE).findall
        self._by_category: dict[str, list[_Rule]] = {}
        every: list[_Rule] = []
        for category in policy.categories:
            rules = self._by_category.setdefault(category.id, [])
            for pattern in _patterns_of(category.id, category.values):
                rule = _Rule(category.id, pattern)
                rules.append(rule)
                wanted = optional if isinstance(optional, bool) else pattern.name in optional
                if wanted or not pattern.optional:
                    every.append(rule)
        self._rules = tuple(every)
        self._plan: tuple[_Step, ...] = tuple(
            (
                _needle(rule.gate),
                rule.gate.casefold,
                min(rule.gate.min_digits, _MAX_DIGIT_GATE),
                index,
                rule,
                rule.fast.search if rule.lowered else None,
                rule.regex.search if rule.lowered else rule.fast.search,
            )
            for index, rule in enumerate(every)
        )
        #: What :meth:`_values` reads of each step: its rule and its two searches.
        self._steps = tuple((step[4], step[5], step[6]) for step in self._plan)
        self._screen: _Screen | None = _Screen(every) if screen else None
        #: Whether ASCII texts take the screen's fast path (see :meth:`_spans`).
        self._fast = self._screen is not None and self._screen._fast
        #: What :meth:`_settled` reads of each step: its needle when in one case; the
        #: words (lower-cased) one of which it needs, when in any case; its shape test
        #: (see _Screen._shape_test_of: the fewest digits, the translation, the deleted
        #: characters, the string), when the screen makes one; its two searches.
        shape_tests: dict[int, _ShapeCheck] = {}
        words: dict[int, tuple[str, ...]] = {}
        if self._screen is not None and self._fast:
            shape_tests = self._screen._shape_test_of
            words = {index: options for index, _, options in self._screen._words}
        self._settle: tuple[_Settle, ...] = tuple(
            (
                None if casefold else needle,
                words.get(index, (needle.lower(),) if casefold and needle is not None else None),
                shape_tests.get(index),
                lowered_search,
                text_search,
            )
            for needle, casefold, _, index, _, lowered_search, text_search in self._plan
        )
        #: The screen's first test (see :func:`_quick_gate`), when it has one: the
        #: word gate, the characters deleted for the squeezed shape and the strings
        #: looked for in it.
        self._quick: _Quick | None = None
        if self._fast and self._screen is not None and self._screen._quick_words is not None:
            self._quick = (
                self._screen._quick_words,
                self._screen._quick_squeeze,
                self._screen._quick_shapes,
            )

    # -- public ----------------------------------------------------------------------

    def mask(self, text: str) -> str:
        """``text`` with every sensitive value masked; the same object when clean."""
        if not isinstance(text, str):
            text = str(text)
        if len(text) > MAX_TEXT:
            cut = _cut(text)
            return self.mask(text[:cut]) + withheld_marker(len(text) - cut)
        quick = self._quick
        if quick is not None and text.isascii():
            # The screen's first test, inlined: nearly every clean line ends here,
            # after its key names are found clean (see _quick_gate).
            holds, squeeze, needles = quick
            lowered = text.lower()
            words = holds(lowered, True)  # what it found, overlapping (see select_ascii)
            selected: list[int] | None = None
            if not words:
                squeezed = text.encode("ascii").translate(_SHAPE_BYTES, squeeze).decode()
                for needle in needles:
                    if needle in squeezed:
                        break
                else:
                    selected = []
            if selected is None:
                selected = self._screen.select_ascii(text, words, lowered)  # type: ignore[union-attr]
            if not selected:
                # No value pattern can match: only key names can call for masking.
                # (_pairs, inlined for this case: one search for the keys before "="
                # and ":" alike, those made one character first.)
                equals = "=" in text
                colon = ":" in text
                if not (equals or colon):
                    return text
                if equals:
                    reversed_text = (text.replace(":", "=") if colon else text)[::-1]
                    keys = self._keys_before_equals(reversed_text)
                else:  # (a line with ":" alone is spared the replacement)
                    reversed_text = ""
                    keys = self._keys_before_colon(text[::-1])
                if (not keys or self._clean_keys.issuperset(keys)) and not (
                    colon and "@" in text and "://" in text
                ):
                    return text
                # (the pass reads these keys rather than searching for them again)
                found: tuple[str, list[str]] | None = (
                    (reversed_text, keys) if reversed_text else None
                )
            else:
                found = None
            spans, selected, again = self._pass(text, selected, True, True, lowered, found)
        else:
            spans, selected, again = self._pass(text, None)
        passes = 1
        while spans:
            # A pass replaces values by ``***`` and the characters they keep (the
            # first and last of the value, next to the same text as before): every
            # stretch of the new text without ``*`` was in the old one, so no literal
            # or shape the screen looks for appears that was not there, and the
            # screen's selection still holds. (Only the patterns that matched would
            # not do: ``***`` ends a word, and a pattern that wants a word boundary
            # may now match next to it.) Likewise for key names: a key is found from
            # its separator back to the first character that cannot be in a key, so
            # a key of the new text that was not in the old one starts right after a
            # ``*`` of a replacement. When the pass found no sensitive key whose pair
            # it could not mask (``again`` False, see _pass) and no key starts after
            # a ``*``, the next pass would find no pair to mask: it looks only for
            # passwords in URLs and for values (lines with data: 181k -> 172k
            # instructions on the bench corpus).
            if len(spans) == 1:  # nearly every line with data: _replaced_at, inlined
                start, end, replacement = spans[0]
                text = text[:start] + replacement + text[end:]
                if passes == _MAX_PASSES:
                    break
                if not again:
                    star = replacement.rfind("*")
                    again = _KEY_AHEAD(text, start + star + 1 if star >= 0 else 0) is not None
            else:
                text, after = _replaced_at(text, spans)
                if passes == _MAX_PASSES:
                    break
                if not again:
                    for at in after:  # a loop: any() over a generator cost 2.8k a line
                        if _KEY_AHEAD(text, at) is not None:
                            again = True
                            break
            if not again and selected is not None and self._settled(text, selected):
                break
            spans, selected, again = self._pass(text, selected, False, again)
            passes += 1
        return text

    def _settled(self, text: str, selected: list[int]) -> bool:
        """True when a pass over ``text`` that looks for no pair (``keys`` False, see
        :meth:`_pass`) would find nothing: no password in a URL, and no match of the
        patterns ``selected`` anywhere in the text, each searched as that pass
        searches it (when the text still holds its needle, one of its words and its
        shape, as the screen tests them: a masked value is rarely looked for again).
        When one is found, the pass itself is made, whatever it then keeps: this only
        spares the pass's own work on the text it would find clean (nearly every masked
        line: 3.6 of 17 us on a bench line with data)."""
        if ":" in text and "@" in text and "://" in text:
            # (as _url_credentials finds them: a password masked already stays)
            for match in self._url_re.finditer(text):
                low, high = match.span("pw")
                if text[low:high] != MASK:
                    return False
        ascii_text = text.isascii()
        lowered: str | None = None
        size = len(text)
        settle = self._settle
        #: the text's shape, for the screen's shape tests (see below)
        shape: bytes | None = None
        for index in selected:
            needle, words, shape_test, lowered_search, text_search = settle[index]
            if needle is not None and needle not in text:
                continue
            if ascii_text:
                # The screen's tests, where cheaper than the search: a pattern they
                # leave out cannot match (its value masked, the text no longer holds
                # the literal, word or shape every match needs: nearly every line).
                if words is not None:
                    if lowered is None:
                        lowered = text.lower()
                    for word in words:
                        if word in lowered:
                            break
                    else:
                        continue
                if shape_test is not None:
                    if shape is None:
                        shape = text.encode("ascii").translate(_SHAPE_BYTES)
                    fewest, table, delete, shaped = shape_test
                    if shape.count(48) < fewest or shaped not in (  # 48: b"0"
                        shape.decode("ascii")
                        if delete is None
                        else shape.translate(table, delete).decode("ascii")
                    ):
                        continue
            if lowered_search is not None and ascii_text:
                if lowered is None:
                    lowered = text.lower()
                if lowered_search(lowered, 0, size) is not None:
                    return False
            elif text_search(text, 0, size) is not None:
                return False
        return True

    def mask_value(self, value: object, category: str | None = None) -> str:
        """One value known to be sensitive, as a safe hint.

        When the whole value has a known shape (of ``category`` if given), the
        pattern's partial reveal applies (``mask_value("4111 1111 1111 1111")`` ->
        ``***1111``); otherwise it is masked whole (``***``). Empty stays empty.
        """
        text = value if isinstance(value, str) else str(value)
        if not text:
            return text
        rules = self._rules if category is None else self._by_category.get(category, ())
        for rule in rules:
            if rule.regex.fullmatch(text) and rule.valid(text):
                return _reveal(rule, text)
        return MASK

    def is_sensitive_key(self, key: str) -> bool:
        """Whether values under this key name are masked whole (``password``, ``X-Api-Key``)."""
        cached = self._key_cache.get(key)
        if cached is not None:
            return cached
        categories = self.policy.classify(key)
        if not categories:
            # a joined name in camel case (`cardNum`, `card_num` for `cardnum`): its
            # words are no name, the words run together are
            joined = "".join(filter(str.isalnum, key)).lower()
            if joined != key:
                categories = self.policy.classify(joined)
        result = any(self._level_of.get(c) in self._key_levels for c in categories)
        if len(self._key_cache) >= _KEY_CACHE_SIZE:
            self._key_cache.clear()
            # Policy.classify memoises every name it sees; at run time names come from
            # data (dict keys, log fields), so keep that memo bounded too.
            memo: Any = getattr(self.policy, "_cache", None)
            if isinstance(memo, dict) and len(memo) > _POLICY_CACHE_LIMIT:
                memo.clear()
        self._key_cache[key] = result
        return result

    def mask_field(self, key: object, value: Any) -> Any:
        """A value stored under ``key`` (a log field, a dict entry), masked."""
        if isinstance(key, str) and value is not None and self.is_sensitive_key(key):
            return self._mask_all(value, 0)
        return self._mask_data(value, 0, None)

    def mask_data(self, data: Any) -> Any:
        """Strings masked, values under sensitive keys masked whole, through dicts,
        lists and tuples; other objects whose ``str()`` holds sensitive data become
        that masked string. Returns ``data`` itself when nothing changed."""
        return self._mask_data(data, 0, None)

    # -- one pass over a text -------------------------------------------------------

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where ``text`` holds sensitive values: the ``(start, end)`` ranges that one
        masking pass replaces, in order (for tools and benchmarks)."""
        return [(start, end) for start, end, _ in sorted(self._spans(text))]

    def _spans(self, text: str) -> list[Span]:
        """What one masking pass replaces: ``(start, end, replacement)``."""
        return self._pass(text, None)[0]

    def _pass(
        self,
        text: str,
        selected: list[int] | None,
        screened: bool = True,
        keys: bool = True,
        lowered: str | None = None,
        found: tuple[str, list[str]] | None = None,
    ) -> tuple[list[Span], list[int] | None, bool]:
        """What one masking pass replaces, the value patterns it ran (None without
        a screen), and whether the next pass must look for sensitive pairs again
        (False when the text had no sensitive key, or had them all with their pairs
        found and no value masked besides; see :meth:`mask`).
        ``selected``: the patterns to run (see :meth:`mask`), None for those the
        screen selects; ``screened``: whether the screen selected them for this very
        text (else for the text a pass before, and each pattern's own needle and
        digit tests are made on this one first); ``keys``: False when no key name of
        the text can call for masking (known from the pass before, see
        :meth:`mask`): then only passwords in URLs are looked for, and its sensitive
        keys, if any, are taken as found; ``lowered``: an ASCII text lower-cased, when
        the caller has it; ``found``: the reversed text and its key names, when the
        caller searched for them (see :meth:`_pairs`)."""
        spans: list[Span] = []
        #: where keys glued to what comes before them start (see _glued_key), and
        #: their pairs' values (see _weak)
        glued: list[int] = []
        weak: list[Span] = []
        keyed: bool | None = True
        if keys:
            keyed = self._pairs(text, spans, glued, weak, found)
        elif ":" in text and "@" in text and "://" in text:
            self._url_credentials(text, spans)
        paired = len(spans)
        screen = self._screen
        if screen is None:
            self._values(text, spans, range(len(self._plan)), glued=glued)
            if weak:
                _weak(text, spans, paired, weak)
            return (
                spans,
                None,
                keyed is not None and (not keyed or len(spans) > paired or bool(glued)),
            )
        if selected is None:
            if self._fast and text.isascii():
                selected = screen.select_ascii(text)
            else:
                selected = screen.select_all(text, text.isascii())
        if selected:
            self._values(text, spans, selected, screened, glued, lowered)
        if weak:
            _weak(text, spans, paired, weak)
        # Sensitive keys whose pairs were all found, and no value masked besides:
        # the next pass finds those pairs' values masked (``***``), and nothing else
        # changed near them. (A value masked by its shape might have made a pair
        # match that did not; and a glued key cuts the text the values are searched
        # in, ``(555) 123-4567token=``, which a pass without keys would not: then the
        # next pass looks again.)
        return (
            spans,
            selected,
            keyed is not None and (not keyed or len(spans) > paired or bool(glued)),
        )

    def _pairs(
        self,
        text: str,
        spans: list[Span],
        glued: list[int],
        weak: list[Span],
        found: tuple[str, list[str]] | None = None,
    ) -> bool | None:
        """``key=value`` pairs under sensitive keys, and passwords in URLs. Returns
        None when the text has no sensitive key, True when it has one whose pair was
        found (the value masked, or a literal such as ``None``, or inside the value of
        a pair before it), and False when a sensitive key has no pair (``password=``
        and nothing after it, or a value that no form of a value matches). ``found``:
        the text reversed with every ``:`` made ``=``, and the key names found in it,
        when the caller has them (see :meth:`mask`)."""
        colon = ":" in text  # also in every URL
        if found is not None:
            reversed_text, keys = found
        elif "=" in text or colon:
            # one search for the keys before "=" and ":" alike
            reversed_text = (text.replace(":", "=") if colon else text)[::-1]
            keys = self._keys_before_equals(reversed_text)
        else:
            return None
        keyed = None
        if keys and not self._clean_keys.issuperset(keys):
            sensitive = self._reversed_key_sensitive
            for key in keys:  # a loop, not any() over a generator (see mask())
                if sensitive(key)[0]:
                    keyed = self._sensitive_pairs(text, reversed_text, spans, glued, weak)
                    break
        if colon and "@" in text and "://" in text:
            self._url_credentials(text, spans)
        return keyed

    def _url_credentials(self, text: str, spans: list[Span]) -> None:
        """Passwords in URLs (``scheme://user:secret@host``)."""
        for match in self._url_re.finditer(text):
            low, high = match.span("pw")
            for start, end, _ in spans:  # a loop: any() over a generator costs more
                if start <= low < end:
                    break
            else:
                if text[low:high] != MASK:
                    spans.append((low, high, MASK))

    def _reversed_key_sensitive(self, reversed_key: str) -> tuple[int, int]:
        """:meth:`_glued_key` for a key name as the key searches find it (reversed)."""
        cached = self._reversed_cache.get(reversed_key)
        if cached is None:
            cached = self._glued_key(reversed_key[::-1])
            if len(self._reversed_cache) >= _KEY_CACHE_SIZE:
                self._reversed_cache.clear()
                self._clean_keys.clear()
            self._reversed_cache[reversed_key] = cached
            if not cached[0]:
                self._clean_keys.add(reversed_key)
        return cached

    def _glued_key(self, key: str) -> tuple[int, int]:
        """How many of the last characters of ``key`` are a sensitive key name (0 for
        none), and how many are one glued to what comes before it (0 for none; the
        text before it is then also searched for values as if a space stood there).

        A key is the name it is, as in the static rules (its words may end with a
        sensitive name: ``example.comPASSWORD``; whether key characters stand before
        it, ``1111password``, the pair search sees). A glued one is its longest end
        that is a sensitive name glued to the characters before it: after a digit
        (``abc123token``), or a letter after a letter where no word of the name
        starts (``idpassword``,
        ``XAPI_KEY``, ``filePASSWORD``, ``AKIA…Jpassword``; not ``maxTokens``, whose
        ``Tokens`` is a word of the name, nor ``max_tokens``, after a delimiter: the
        name's words were read as a whole), and whose first word starts a sensitive
        name (see :meth:`_starts_key`). Gluing is a delimiter lost (a record built
        by concatenation), and a value after a sensitive name must not survive it."""
        if not self._may_name(key):
            return 0, 0
        whole = len(key) if self.is_sensitive_key(key) else 0
        for at in self._name_starts(key):
            # where a sensitive name may start (see _name_starts), or the ``_``
            # before it (``1_password``)
            for index in (at - 1, at) if at and key[at - 1] == "_" else (at,):
                previous = key[index - 1] if index else ""
                char = key[index]
                glued = previous and (
                    previous.isdigit()
                    or (
                        char.isalpha()
                        and previous.isalpha()
                        and not (
                            previous.islower()
                            and char.isupper()
                            and key[index + 1 : index + 2].islower()
                        )
                    )
                )
                if glued and self._starts_key(key[index:]):
                    return whole or len(key) - index, len(key) - index
        return whole, 0

    def _may_name(self, key: str) -> bool:
        """False when no part of ``key`` can be a sensitive key name (then
        :meth:`_glued_key` finds none): an ASCII key whose letters and digits, in
        lower case, hold no sensitive name's first word (with its second, for a first
        word of one or two letters, ``e_mail``, ``pg_password``). Every name the
        policy finds in a key is made of its words (in the key's order, next to each
        other, a plural ``s`` after a word at most, a number cut from the last) or of
        all its letters and digits run together; one search here costs a tenth of
        classifying a new key (bench lines: a host name or a user name before ``:``)."""
        if not key.isascii():
            return True
        # a key's characters (see _REVERSED_KEY_NAME) without three C calls of
        # replace, each far cheaper than the substitution
        plain = key.lower().replace("-", "").replace(".", "").replace("_", "")
        if not plain.isalnum():
            plain = _NOT_ALNUM.sub("", plain)
        return bool(self._name_hint(plain))

    def _name_starts(self, key: str) -> list[int]:
        """Where in ``key`` a name of a category masked by key name may start that ends
        the key (in a plural too, or with a number after it), longest first: where
        its letters and digits, in lower case, are those of the name (``password`` in
        ``idpassword``, ``apiKey`` in ``XapiKey``)."""
        plain = "".join(filter(str.isalnum, key)).lower()
        ends = self._name_ends
        found: list[int] = []
        bare = plain.rstrip("0123456789")  # ``password_2``: a number may follow a name
        for text in {plain, bare, bare[:-1] if bare.endswith("s") else bare}:
            for name in ends.get(text[-2:], ()):
                if text.endswith(name):
                    found.append(len(name) + len(plain) - len(text))
        if not found:
            return []
        starts: list[int] = []
        for size in sorted(set(found), reverse=True):
            # back over ``size`` letters and digits from the end of the key
            index = len(key)
            left = size
            while left and index:
                index -= 1
                if key[index].isalnum():
                    left -= 1
            starts.append(index)
        return starts

    def _starts_key(self, name: str) -> bool:
        """Whether ``name`` is a sensitive key name that its first word starts
        (``api_key``, ``tokens``; not ``x_tokens``, sensitive for its last word: a
        glued key's sensitive name starts where it is glued, and the names that end
        with a sensitive name are sensitive as a whole already)."""
        from privlint.policy.words import identifier_words

        words = identifier_words(name)
        if not words:
            return False
        first = words[0]
        known = self._key_word_set
        if not (first in known or (first.endswith("s") and first[:-1] in known)):
            return False
        if not self.is_sensitive_key(name):
            return False
        return len(words) == 1 or not self.is_sensitive_key("_".join(words[1:]))

    def _sensitive_pairs(
        self,
        text: str,
        reversed_text: str,
        spans: list[Span],
        glued: list[int],
        weak: list[Span],
    ) -> bool:
        """The pairs of the sensitive keys; whether every one has a pair (see
        :meth:`_pairs`). ``reversed_text``: the text reversed, every ``:`` made ``=``
        (see ``_REVERSED_KEY_SOURCE``). ``glued``: where each key glued to what comes
        before it starts (see :meth:`_glued_key`) is added to it, and its pair's value
        to ``weak`` instead of ``spans`` (see :func:`_weak`)."""
        length = len(text)
        starts: list[tuple[int, bool]] = []
        cache = self._reversed_cache
        for match in self._reversed_key_re.finditer(reversed_text):
            key = match.group(2)
            known = cache.get(key)  # (_reversed_key_sensitive's cache, read here first)
            found, glue = self._reversed_key_sensitive(key) if known is None else known
            if not found:
                continue
            key_end = length - match.start(2)
            key_start = key_end - found
            if glue:
                glued.append(key_end - glue)
            if key_start and text[key_start - 1] in _KEY_CHARACTERS:
                # glued (a key that ends with a digit is found without the character
                # before it: see _REVERSED_KEYS_SOURCE)
                if not glue:
                    glued.append(key_start)
                starts.append((key_start, True))
            else:
                quote = (match.group(1) or "")[::-1]
                if quote and text.startswith(quote, key_start - len(quote)):
                    key_start -= len(quote)
                starts.append((key_start, False))
        covered = 0
        found_all = True
        for start, glue in reversed(starts):
            if glue:
                pair = self._glued_pair_re.match(text, start)
            else:
                pair = self._pair_re.match(text, start)
                if pair is None and text[start] in "\\\"'":
                    pair = self._pair_re.match(text, start + (2 if text[start] == "\\" else 1))
            if pair is None:
                found_all = found_all and start < covered
            elif start >= covered or pair.start("val") >= covered:
                # (the second: a key at the end of the value before it, which runs up
                # to its separator, ``token: abcpassword: hunter2``: its value is its own)
                covered = self._pair(text, pair, weak if glue else spans)
        return found_all

    def _pair(self, text: str, match: re.Match[str], spans: list[Span]) -> int:
        """Mask the value of one sensitive pair; return where the pair ends."""
        start, end = match.span("uv")  # the common case first: an unquoted value
        if start == -1:
            for group in _QUOTED:
                start = match.start(group)
                if start != -1:
                    end = match.end(group)
                    if start < end and text[start:end] != MASK:
                        spans.append((start, end, MASK))
                    return match.end()
            start, end = match.span("sv")
            key = match.group("key")
            if not key.lower().endswith("authorization"):
                # ``password=Digest y``: a scheme word is a scheme only in an
                # Authorization header; under any other key it is the value itself,
                # and a pass-phrase's may go on as an unquoted value's does (else
                # the next pass, reading ``***`` as the value, would mask the rest).
                start = match.start("val")
                if text[end : end + 1] in _BLANKS:
                    more = _CONTINUATION.match(text, end)
                    if more is not None and self._phrase_key(key):
                        end = more.end()
            if text[start:end] != MASK:
                spans.append((start, end, MASK))
            after = match.end()
            return end if end > after else after
        if ":" in match.group("sep") and "cookie" in match.group("key").lower():
            # A header line: every cookie in it, up to the end of the line.
            newline = text.find("\n", start)
            end = len(text) if newline == -1 else newline
            end = start + len(text[start:end].rstrip())
        elif text[end : end + 1] in _BLANKS:  # (what _CONTINUATION starts with)
            more = _CONTINUATION.match(text, end)
            if more is not None and self._phrase_key(match.group("key")):
                end = more.end()
        value = text[start:end]
        if value in _LITERALS:
            return end
        quote = match.group("kq")
        if quote is not None and len(quote) == 1:
            spans.append((start, end, quote + MASK + quote))
        else:
            spans.append((start, end, MASK))
        return end

    def _phrase_key(self, key: str) -> bool:
        """Whether values under this key may be pass-phrases (see ``_CONTINUATION``)."""
        return not _PHRASE_CATEGORIES.isdisjoint(self.policy.classify(key))

    def _values(
        self,
        text: str,
        spans: list[Span],
        selected: Iterable[int],
        screened: bool = False,
        glued: list[int] | None = None,
        lowered: str | None = None,
    ) -> None:
        """The value patterns at the positions ``selected`` (in the plan), over the text
        that pairs did not mask already. ``screened``: the screen selected every one for
        this text, so their own needle and digit tests would only repeat its work
        (else they are made here first). ``glued``: where
        keys glued to what comes before them start; the patterns are also searched in
        the text before each, cut there, as if a space stood there
        (``4111 1111 1111 1111password=`` holds a card number).

        A credential's shape that runs into a key's separator (``sk-…pass=hunter2``)
        may have swallowed the key's name: the value after that separator is masked
        as a sensitive pair's. ``lowered``: the text lower-cased, when the caller
        has it."""
        ascii_text = text.isascii()
        found: list[_ValueMatch] = []
        size = len(text)
        #: no pair masked and no glued key: the whole text is the one gap
        whole = not spans and not glued
        gaps = [] if whole else _gaps(spans, size) if spans else [(0, size)]
        if glued:
            gaps = gaps + [(low, cut) for cut in glued for low, high in gaps if low < cut < high]
        if not screened:
            admitted: list[int] = []
            digits_at_least = 0
            digits_below = 1 << 30
            plan = self._plan
            for index in selected:
                needle, casefold, need, *_ = plan[index]
                if need > digits_at_least:
                    if need >= digits_below:
                        continue
                    if self._at_least[need].match(text) is None:
                        digits_below = need
                        continue
                    digits_at_least = need
                if needle is not None:
                    if casefold:
                        if lowered is None:
                            # lower() folds exactly as the pattern does only on ASCII text
                            lowered = text.lower() if ascii_text else ""
                        if lowered and needle not in lowered:
                            continue
                    elif needle not in text:
                        continue
                admitted.append(index)
            selected = admitted
        steps = self._steps
        for index in selected:
            rule, lowered_search, text_search = steps[index]
            if lowered_search is not None and ascii_text:
                if not lowered:
                    lowered = text.lower()
                search = lowered_search
                haystack = lowered
            else:  # the rewrite for any text, or the pattern itself (lower-cased: not ASCII)
                search = text_search
                haystack = text
            if whole:
                match = search(haystack)
                if match is not None:
                    _scan(rule, index, text, match, size, found, search, haystack)
                continue
            for low, high in gaps:
                match = search(haystack, low, high)
                if match is not None:
                    _scan(rule, index, text, match, high, found, search, haystack)
        if not found:
            return
        # Overlaps: the leftmost match wins, then the longest, then the first rule (the
        # order of the tuples: each holds its end negated; no two of one rule start
        # at one place, so the rules are never compared).
        if len(found) > 1:
            found.sort()
        last = -1
        paired = len(spans)
        for start, end, _index, rule in found:
            end = -end
            if start < last:
                continue
            value = text[start:end]
            masked = _reveal(rule, value)
            if masked != value:
                spans.append((start, end, masked))
            last = end
            if rule.credential and text[end : end + 1] in _RUN_INTO:
                after = self._separator_after_re.match(text, end)
                if after is not None:
                    low, high = after.span("val")
                    if not any(a < high and low < b for a, b, _ in spans[:paired]):
                        last = max(last, self._pair(text, after, spans))

    # -- data ------------------------------------------------------------------------

    def _mask_data(self, data: Any, depth: int, seen: set[int] | None) -> Any:
        if isinstance(data, str):
            return self.mask(data)
        if data is None or isinstance(data, (bool, int, float, bytes, type, BaseException)):
            return data
        if isinstance(data, TracebackType):
            return data
        if depth >= _MAX_DEPTH:
            return MASK
        if isinstance(data, (dict, list, tuple)):
            seen = set() if seen is None else seen
            if id(data) in seen:
                return MASK
            seen.add(id(data))
            try:
                return self._mask_container(data, depth, seen)
            finally:
                seen.discard(id(data))
        try:
            text = str(data)
        except Exception:
            return data
        masked = self.mask(text)
        return data if masked is text else masked

    def _mask_container(self, data: Any, depth: int, seen: set[int]) -> Any:
        if isinstance(data, dict):
            changed: dict[Any, Any] | None = None
            for key, value in data.items():
                if isinstance(key, str) and value is not None and self.is_sensitive_key(key):
                    new = self._mask_all(value, depth + 1)
                else:
                    new = self._mask_data(value, depth + 1, seen)
                if new is not value:
                    if changed is None:
                        changed = dict(data)
                    changed[key] = new
            return data if changed is None else changed
        if len(data) > MAX_ITEMS:
            # like a text beyond MAX_TEXT: the head masked, the rest withheld
            head = [self._mask_data(item, depth + 1, seen) for item in data[:MAX_ITEMS]]
            head.append(f"[privlint: {len(data) - MAX_ITEMS} items withheld]")
            return tuple(head) if isinstance(data, tuple) else head
        items = [self._mask_data(item, depth + 1, seen) for item in data]
        if all(new is old for new, old in zip(items, data, strict=True)):
            return data
        return tuple(items) if isinstance(data, tuple) else items

    def _mask_all(self, value: Any, depth: int) -> Any:
        """Everything under a sensitive key: leaves masked whole, structure kept."""
        if value is None or value == "" or value == MASK:
            return value
        if depth >= _MAX_DEPTH:
            return MASK
        if isinstance(value, dict):
            return {k: self._mask_all(v, depth + 1) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            items = [self._mask_all(v, depth + 1) for v in value]
            return tuple(items) if isinstance(value, tuple) else items
        return MASK


_NOT_ALNUM = re.compile("[^a-z0-9]+")


def _name_hint(patterns: Iterable[tuple[str, ...]]) -> Callable[[str], object]:
    """The search :meth:`Masker._may_name` makes (truthy when it finds one): for each
    name pattern (its words), its first word, followed by its second (an ``s``
    between them or not) when the first is shorter than three characters; a search
    that never fails when there is none. One Aho-Corasick automaton of the strings
    (``ahocorasick_rs``); without it, the strings as one tree of their characters
    (``acc(?:ess|ount)``): an alternative for each string costs six times more on a
    key."""
    needles: set[str] = set()
    for words in patterns:
        if not words:
            return re.compile("").search
        if len(words[0]) < 3 and len(words) > 1:
            needles.update(words[0] + between + words[1] for between in ("", "s"))
        else:
            needles.add(words[0])
    if _automaton() is not None and needles:
        found: Callable[[str], object] = _AhoCorasick(sorted(needles)).find_matches_as_indexes
        return found
    tree: dict[str, Any] = {}
    for needle in needles:
        node = tree
        for char in needle:
            node = node.setdefault(char, {})
        node[""] = {}  # a string ends here: what follows it does not matter
    return re.compile(_tree_source(tree)).search


def _tree_source(tree: dict[str, Any]) -> str:
    """A regular expression that matches the strings of a tree of characters, each
    string ending where an empty key is (the shortest one: nothing after it counts)."""
    if "" in tree:
        return ""
    branches = [re.escape(char) + _tree_source(tree[char]) for char in sorted(tree)]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _replaced(text: str, spans: list[Span]) -> str:
    """``text`` with each span replaced (one masking pass)."""
    return _replaced_at(text, spans)[0]


def _replaced_at(text: str, spans: list[Span]) -> tuple[str, list[int]]:
    """``text`` with each span replaced (one masking pass), and for each replacement
    where the new text goes on after its last ``*`` (0, the start of the text, for
    a replacement without one: then anything may follow)."""
    if len(spans) == 1:  # the common case, without the loop's lists
        start, end, replacement = spans[0]
        star = replacement.rfind("*")
        return (
            text[:start] + replacement + text[end:],
            [start + star + 1 if star >= 0 else 0],
        )
    spans.sort()
    pieces: list[str] = []
    after: list[int] = []
    last = 0
    size = 0
    for start, end, replacement in spans:
        size += start - last
        pieces.append(text[last:start])
        pieces.append(replacement)
        star = replacement.rfind("*")
        after.append(size + star + 1 if star >= 0 else 0)
        size += len(replacement)
        last = end
    pieces.append(text[last:])
    return "".join(pieces), after


def _scan(
    rule: _Rule,
    index: int,
    text: str,
    match: re.Match[str],
    high: int,
    found: list[_ValueMatch],
    search: Callable[[str, int, int], re.Match[str] | None],
    haystack: str,
) -> None:
    """The matches of one rule in ``text`` up to ``high``, from ``match`` (its first,
    which the caller found: most searches find none, and then no call is made), the
    next ones searched with ``search`` in ``haystack`` (the text, or the text
    lower-cased: the same places)."""
    while True:
        start, end = match.span()
        if start == end:
            pos = start + 1
        elif rule.grouped:
            low_value, high_value = match.span("value")
            if low_value < high_value:
                found.append((low_value, -high_value, index, rule))
            pos = end if end > start else start + 1
        else:
            pos = end
            if rule.validator is not None and not rule.valid(text[start:end]):
                part = _valid_part(rule, text, start, end)
                if part is None:
                    pos = start + 1
                else:
                    found.append((part[0], -part[1], index, rule))
                    pos = part[1]
            else:
                found.append((start, -end, index, rule))
        if pos >= high:
            return
        following = search(haystack, pos, high)
        if following is None:
            return
        match = following


def _valid_part(rule: _Rule, text: str, start: int, end: int) -> tuple[int, int] | None:
    """After a match failed its validator, its longest valid part that starts where it
    does and ends at a separator: ``4111 1111 1111 1111 123`` holds a card number.
    (Parts that start later are found by the search that follows, from ``start + 1``:
    trying them here too made each candidate cost its length squared.)"""
    for high in range(end - 1, start + 1, -1):
        if text[high] in _SEPARATORS:
            part = rule.regex.fullmatch(text, start, high)
            if part is not None and rule.valid(part.group()):
                return start, high
    return None


def _patterns_of(category_id: str, values: tuple[ValuePattern, ...]) -> list[ValuePattern]:
    from privlint.policy import ValuePattern

    result = list(values)
    names = {v.name for v in values}
    for name, pattern, validator in PACK_SUPPLEMENTS.get(category_id, ()):
        if name not in names:
            result.append(ValuePattern(name, pattern, validator=validator, optional=True))
    return result


def _needle(gate: Gate) -> str | None:
    """One substring that every match needs (the most selective one), or None."""
    best: str | None = None
    for options in gate.literals:
        common = _common_substring(options)
        if common and (best is None or len(common) > len(best)):
            best = common
    return best


def _common_substring(options: tuple[str, ...]) -> str:
    first = min(options, key=len)
    for size in range(len(first), 0, -1):
        for start in range(len(first) - size + 1):
            part = first[start : start + size]
            if all(part in option for option in options):
                return part
    return ""


def _gaps(spans: list[Span], length: int) -> list[tuple[int, int]]:
    if not spans:
        return [(0, length)]
    gaps = []
    pos = 0
    for start, end, _ in sorted(spans):
        if start > pos:
            gaps.append((pos, start))
        if end > pos:  # (not max(): a call costs more than the test)
            pos = end
    if pos < length:
        gaps.append((pos, length))
    return gaps


def _weak(text: str, spans: list[Span], paired: int, weak: list[Span]) -> None:
    """Add to ``spans`` the values of the pairs of glued keys (``weak``), where
    ``spans[paired:]`` are the values masked by their shape: a value a pattern found
    and masked whole from where the pair's value starts wins (a pattern that reads the
    key the glued one ends with: ``;jsessionid=…`` ends with the session's identifier,
    not at the next ``?``), and so does one that such a pattern masked in a pass
    before (it starts with ``***``); any other that overlaps the pair's value (an
    e-mail address that would keep its domain) gives way to it."""
    starts = {start for start, _, masked in spans[paired:] if masked == MASK}
    for low, high, replacement in weak:
        if low in starts or text.startswith(MASK, low):
            continue
        spans[paired:] = [span for span in spans[paired:] if span[1] <= low or high <= span[0]]
        spans.append((low, high, replacement))


# -- module-level conveniences over the process-wide masker ------------------------------


def mask(text: str) -> str:
    """``text`` with every sensitive value the policy knows masked (see module doc)."""
    from privlint.runtime import _state

    return _state.masker().mask(text)


def mask_value(value: object, category: str | None = None) -> str:
    """One sensitive value as a safe hint (``j***@example.com``, ``***4242``, ``***``)."""
    from privlint.runtime import _state

    return _state.masker().mask_value(value, category)


def mask_data(data: Any) -> Any:
    """Strings and values under sensitive keys masked, through dicts, lists and tuples."""
    from privlint.runtime import _state

    return _state.masker().mask_data(data)
