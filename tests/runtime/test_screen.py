"""The screen (``Masker(screen=True)``, the default) only skips work: for any text,
masking with it gives exactly what masking without it gives, and each value pattern
it leaves out has no match in the text."""

from __future__ import annotations

import importlib
import string
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privlint.gates import shape_literals
from privlint.policy import ValuePattern
from privlint.runtime.mask import Masker, _canonical, _Rule, _Screen
from tests.runtime.conftest import MASKER, NO_AUTOMATON, POLICY
from tests.runtime.test_mask_properties import secrets

mask_module = importlib.import_module("privlint.runtime.mask")
SLOW = Masker(POLICY, screen=False)
WITH_IP = Masker(POLICY, include_optional=True)
WITH_IP_SLOW = Masker(POLICY, include_optional=True, screen=False)

FAST = settings(max_examples=400, deadline=None, derandomize=True)

# Log-like text that often comes close to the patterns: digits with separators,
# capitals, key words, pieces of every secret shape, and some non-ASCII letters that
# case folding maps onto ASCII ones (the Kelvin sign, long s, dotted capital I).
_alphabet = string.ascii_letters + string.digits + " -.()+@_:=/\n\t" + "\u212a\u017f\u0130é٣"
_pieces = st.sampled_from(
    [
        "sk-",
        "AKIA",
        "ghp_",
        "xoxb-",
        "sk_live_",
        "eyJ",
        "Bearer ",
        "BEARER ",
        "b\u0130arer ",
        "@",
        "4111 1111 1111 1111",
        "123-45-6789",
        "(555) 123-4567",
        "+1 555.123.4567",
        "DE89 3704 0044 0532 0130 00",
        "GB82WEST12345698765432",
        "password=",
        "10.0.0.1",
        "fe80::1",
        "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----",
    ]
)
near_misses = st.lists(
    st.one_of(st.text(alphabet=_alphabet, max_size=12), _pieces, secrets), max_size=8
).map("".join)


@FAST
@given(st.one_of(near_misses, st.text(max_size=120)))
def test_screened_masking_equals_unscreened_masking(text: str) -> None:
    assert MASKER.mask(text) == SLOW.mask(text)
    assert NO_AUTOMATON.mask(text) == SLOW.mask(text)
    assert WITH_IP.mask(text) == WITH_IP_SLOW.mask(text)


@FAST
@given(near_misses)
def test_a_pattern_left_out_by_the_screen_has_no_match(text: str) -> None:
    for masker in (MASKER, WITH_IP):
        screen = masker._screen
        assert screen is not None
        selected = set(screen.select(text))
        for index, rule in enumerate(masker._rules):
            if index not in selected:
                assert rule.regex.search(text) is None, (rule.name, text)


def test_clean_lines_select_nothing_and_dirty_lines_their_pattern() -> None:
    screen = MASKER._screen
    assert screen is not None
    names = [rule.name for rule in MASKER._rules]
    for clean in (
        "GET /api/v1/orders/123 status=200 duration_ms=12",
        "cache miss for key 895fd7b3-26b9-4c7f-9118-bb16000f49c8 region=eu-2",
        "job nightly_export finished in 3.20s (retries=0)",
    ):
        assert screen.select(clean) == [], clean
    assert [names[i] for i in screen.select("holder 123-45-6789")] == ["us-ssn"]
    assert "announced-national-id" in [names[i] for i in screen.select("ssn 123456789")]
    assert "card-number" in [names[i] for i in screen.select("card 4111 1111 1111 1111")]
    assert [names[i] for i in screen.select("mail a@example.org")] == ["email"]
    # (the prose pattern, "bearer token X", shares the literal)
    assert [names[i] for i in screen.select("sent BeArEr abcdefgh1234")][:1] == ["bearer"]


def test_shape_literals() -> None:
    assert shape_literals(r"\b\d{3}-(?!00)\d{2}-\d{4}\b") == (("000-00-0000",),)
    assert shape_literals(r"[A-Z]{2}\d{2}") == (("AA00",),)
    assert shape_literals(r"(?i)ab\d") == (("AA0", "Aa0", "aA0", "aa0"),)
    # the Kelvin sign folds onto an ASCII letter: only the digit's shape is promised
    assert shape_literals("(?i)\u212a\\d") == (("0",),)


@FAST
@given(st.one_of(near_misses, st.text(alphabet=_alphabet, max_size=120)))
def test_the_fast_path_rules_out_only_texts_without_any_match(text: str) -> None:
    # select_ascii() is the screen's fast path for ASCII text: whenever it selects
    # nothing, no value pattern matches and masking leaves the text alone apart from
    # key-name pairs (which it does not cover).
    assert MASKER._screen is not None and MASKER._screen._fast
    for masker, slow in ((MASKER, SLOW), (WITH_IP, WITH_IP_SLOW)):
        screen = masker._screen
        assert screen is not None
        if text.isascii() and screen._fast and not screen.select_ascii(text):
            for rule in masker._rules:
                assert rule.regex.search(text) is None, (rule.name, text)
            assert masker.mask(text) == slow.mask(text)


@FAST
@given(st.lists(st.one_of(st.text(alphabet=_alphabet, max_size=12), secrets), max_size=6))
def test_the_fast_path_never_rules_out_a_known_secret(parts: list[str]) -> None:
    text = "".join(parts)
    if not text.isascii():
        return
    screen = MASKER._screen
    assert screen is not None
    selected = set(screen.select_ascii(text))
    for index, rule in enumerate(MASKER._rules):
        if rule.regex.search(text):
            assert index in selected, (rule.name, text)


def test_the_fast_path_on_log_lines() -> None:
    screen = MASKER._screen
    assert screen is not None
    for clean in (
        "GET /api/v1/orders/123 status=200 duration_ms=12",
        "order 6037344 shipped to warehouse Williamsbury at 1972-08-26T00:25:56.806291",
        "job nightly_export finished in 3.20s (retries=0)",
    ):
        assert not screen.select_ascii(clean), clean
    for dirty in (
        "ssn 123-45-6789",
        "card 4111 1111 1111 1111",
        "card 4111111111111111",
        "mail a@example.org",
        "sent BeArEr abcdefgh1234",
        "key sk-abcdefghijklmnopqrstuvwxyz",
        "key AKIAABCDEFGHIJKLMNOP",
        "call (555) 123-4567",
        "call +1 555.123.4567",
        "iban DE89 3704 0044 0532 0130 00",
    ):
        assert screen.select_ascii(dirty), dirty


def test_ordinary_log_lines_come_back_as_they_are() -> None:
    for clean in (
        "GET /api/v1/orders/123 status=200 duration_ms=12",
        "job nightly_export finished in 3.20s (retries=0)",
        "worker web-3.internal heartbeat version=1.22.3 load=0.41",
    ):
        assert MASKER._spans(clean) == [], clean
        assert MASKER.mask(clean) is clean
    for dirty in (
        "password=hunter2",
        "ssn 123-45-6789",
        "call (555) 123-4567",
        "card 4111-1111-1111-1111",
        "iban DE89 3704 0044 0532 0130 00",
        "postgres://app:s3cret@db.internal/app",
        "key sk-abcdefghijklmnopqrstuvwxyz",
    ):
        assert MASKER._spans(dirty), dirty


def test_shape_tests_are_remembered_by_shape() -> None:
    # The shape tests depend on the shape alone: lines of one template share one
    # entry, and what the memo gives is what the tests give. (words=True: past the
    # quick gate, which rules most of these lines out before any shape test.)
    screen = _Screen(MASKER._rules)
    card = MASKER._rules.index(next(r for r in MASKER._rules if r.category == "financial.card"))
    first = "order 1234 5678 9012 3456 shipped"
    assert card in screen.select_ascii(first, True)
    assert len(screen._shape_memo) == 1
    same_shape = "ORDER 9999 8888 7777 6666 SHIPPED".lower()
    assert screen.select_ascii(same_shape, True) == screen.select_ascii(first, True)
    assert len(screen._shape_memo) == 1
    for text in ("order 1234 shipped", "order 12:34 shipped", "order 1234 5678 9012 3456 shipped"):
        fresh = _Screen(MASKER._rules)
        assert fresh.select_ascii(text, True) == screen.select_ascii(text, True), text
    assert len(screen._shape_memo) == 3
    # text without a digit needs no shape test; a long one is not remembered
    assert not screen.select_ascii("nothing but words here", True)
    screen.select_ascii("1" + "x" * 1000, True)
    assert len(screen._shape_memo) == 3


def test_the_shape_memo_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules["privlint.runtime.mask"], "_SHAPE_MEMO_SIZE", 8)
    screen = _Screen(MASKER._rules)
    for width in range(1, 30):
        screen.select_ascii("job " + "1" * width + " done")
    assert 0 < len(screen._shape_memo) <= 8


def _rule(name: str, pattern: str) -> _Rule:
    return _Rule("credential.secret", ValuePattern(name, pattern))


@pytest.mark.parametrize("automaton", [True, False])
def test_literals_that_overlap_are_all_found(
    automaton: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A search that reports matches that do not overlap would miss "c-xyz" in
    # "abc-xyz" once it found "abc-": the finder reports every occurrence.
    if not automaton:
        monkeypatch.setattr(mask_module, "_AhoCorasick", None)
    screen = _Screen(
        [_rule("one", r"abc-\w+"), _rule("two", r"c-xyz\d*"), _rule("three", r"XYZ_\d+")]
    )
    assert screen._fast
    assert screen.select("token abc-xyz1") == [0, 1]
    assert screen.select("token c-xyz1") == [1]
    assert screen.select("token abc-XYZ_1") == [0, 2]
    # a literal in one case is found in that case only; two patterns may share one
    assert screen.select("token ABC-XYZ_1 xyz_2") == [2]
    twice = _Screen(
        [_rule("one", r"sk-\w+"), _rule("two", r"sk-[0-9]+"), _rule("word", r"(?i)pass(?:word)?")]
    )
    assert twice.select("an sk-123 and sk-abc") == [0, 1]
    assert twice.select("SK-123 PASS") == [2]


@pytest.mark.parametrize("automaton", [True, False])
def test_the_literal_finder_finds_every_occurrence(automaton: bool) -> None:
    keys, table, find = mask_module._literal_finder(
        [(0, "sk-", False), (1, "Ab", False), (2, "sk-", False)],
        [(3, 6, ("ssn", "sk-"))],
        automaton,
    )
    assert keys == ("ab", "sk-", "ssn")
    by_literal = {literal: table[number] for number, literal in enumerate(keys)}
    assert by_literal["sk-"] == ((0, "sk-", 0), (2, "sk-", 0), (3, None, 6))
    assert by_literal["ab"] == ((1, "Ab", 0),)
    found = sorted(find("sk-sk-ab ssnssn", True))
    assert found == [(0, 6, 8), (1, 0, 3), (1, 3, 6), (2, 9, 12), (2, 12, 15)]
    assert find("nothing here", True) == []


def test_shape_strings_that_differ_by_separators_become_one() -> None:
    table, needle = _canonical([" 000 000", "-000 000", " 000-000", "-000-000"]) or (None, b"")
    assert needle == b" 000 000"
    assert table is not None and b"-000-000".translate(table) == needle
    assert _canonical(["000-00-0000"]) == (None, b"000-00-0000")
    # "-" stands for " " in one column and for "." in another: no one translation
    assert _canonical(["0 0-", "0-0."]) is None
    assert _canonical(["00", "000"]) is None


_gate_words = sorted({word for _, _, words in MASKER._screen._words for word in words})  # type: ignore[union-attr]


def _holds_word(gate: mask_module._WordGate, lowered: str) -> bool:
    """Whether a word gate finds one of its words in a lower-cased text."""
    return bool(gate(lowered, True))


_screen_words = MASKER._screen._literal_keys  # type: ignore[union-attr]
#: The screen's quick gate as the masker builds it (its literal finder: an automaton,
#: as ahocorasick_rs is installed here), the finder without the automaton, and the
#: gate made for a platform without it; each with the words it looks for.
_GATES = {
    "screen": (MASKER._screen._quick_words, _screen_words),  # type: ignore[union-attr]
    "finder": (mask_module._literal_finder([], [(0, 0, _screen_words)], False)[2], _screen_words),
    "search": (mask_module._word_gate(_gate_words), _gate_words),
}


def test_the_masker_gates_lines_with_the_automaton() -> None:
    screen = MASKER._screen
    assert screen is not None and mask_module._automaton() is not None
    assert screen._quick_words is screen._find_literals
    assert "AhoCorasick" in repr(screen._find_literals)
    without = NO_AUTOMATON._screen
    assert without is not None and without._quick_words is not without._find_literals
    assert "AhoCorasick" not in repr(without._find_literals)


@pytest.mark.parametrize("flavour", sorted(_GATES))
@FAST
@given(
    st.lists(
        st.one_of(
            st.sampled_from(sorted({*_gate_words, *_screen_words})),
            st.text(alphabet=_alphabet.lower(), max_size=8),
        ),
        max_size=6,
    ).map("".join)
)
def test_the_word_gate_finds_every_word_the_triggers_find(flavour: str, text: str) -> None:
    gate, words = _GATES[flavour]
    holds = any(word in text for word in words)
    assert _holds_word(gate, text) is holds  # type: ignore[arg-type]


@pytest.mark.parametrize("flavour", sorted(_GATES))
def test_the_word_gate_on_words_and_clean_lines(flavour: str) -> None:
    gate, words = _GATES[flavour]
    for word in words:
        assert _holds_word(gate, f"x {word} y"), word  # type: ignore[arg-type]
        assert _holds_word(gate, word), word  # type: ignore[arg-type]
    # words made only of common letters ("sess", "ssn"), which the search without the
    # automaton looks for with ``in``: "ss" alone would stop at "success" and "miss"
    for clean in ("cache miss for key 3fa85f64 region=eu-2", "get /api/v1/items/7 success", ""):
        assert not _holds_word(gate, clean)  # type: ignore[arg-type]


def _quick_rules_out(screen: _Screen, text: str) -> bool:
    quick = screen._quick_words
    if quick is None:  # (IPv6 addresses, searched by their skeleton: no quick gate)
        return False
    return not _holds_word(quick, text.lower()) and not screen.quick_shapes(text)


@FAST
@given(st.one_of(near_misses, st.text(alphabet=_alphabet, max_size=120)))
def test_the_quick_gate_rules_out_only_texts_without_any_match(text: str) -> None:
    # Masker.mask tests the quick gate first: a text it rules out gets no value
    # pattern's search at all, so none may match there.
    if not text.isascii():
        return
    assert WITH_IP._screen is not None and WITH_IP._screen._quick_words is None
    for masker in (MASKER,):
        screen = masker._screen
        assert screen is not None
        if _quick_rules_out(screen, text):
            assert screen.select_ascii(text, True) == [], text
            for rule in masker._rules:
                assert rule.regex.search(text) is None, (rule.name, text)


@FAST
@given(st.lists(st.one_of(st.text(alphabet=_alphabet, max_size=12), secrets, _pieces), max_size=6))
def test_the_quick_gate_never_rules_out_a_known_secret(parts: list[str]) -> None:
    text = "".join(parts)
    if not text.isascii():
        return
    screen = MASKER._screen
    assert screen is not None
    if any(rule.regex.search(text) for rule in MASKER._rules):
        assert not _quick_rules_out(screen, text), text


def test_the_quick_gate_of_the_pack() -> None:
    screen = MASKER._screen
    assert screen is not None and screen._quick_words is not None
    # phone numbers, SSNs, card numbers: eight digits or more in one run once the
    # separators are squeezed out; IBANs: two capitals and two digits
    assert screen._quick_shapes == ("00000000", "AA00")
    assert not screen.quick_shapes("order 8837286 shipped, retries=2, took 1.5 s")
    for shaped in ("call (555) 123-4567", "ssn 123-45-6789", "4111 1111 1111 1111", "DE89 3704"):
        assert screen.quick_shapes(shaped), shaped
    for clean in (
        "GET /api/v1/orders/123 status=200 duration_ms=12",
        "job nightly_export finished in 3.20s (retries=0)",
    ):
        assert _quick_rules_out(screen, clean), clean
    for dirty in ("mail a@example.org", "Bearer abcdefgh1234", "key sk-abc", "SSN 123456789"):
        assert not _quick_rules_out(screen, dirty), dirty


def test_a_quick_gate_needs_tests_that_move_only_separators() -> None:
    # a shape test whose table maps a letter's shape: no squeezed string stands for
    # it, so there is no quick gate and every text takes the whole screen
    table = bytes.maketrans(b"a", b"-")
    assert mask_module._quick_gate(["sk-"], [(2, table, b"", "-0", 0)], {}, False)[0] is None
    assert mask_module._quick_gate(["sk-"], [], {}, True)[0] is None
    gate, delete, needles = mask_module._quick_gate(
        ["SK-"], [(9, None, b"", "000-00-0000", 0), (8, None, b" -", "0" * 8, 1)], {}, False
    )
    # "000000000" holds "00000000": one test stands for both
    assert gate is not None and needles == ("00000000",)
    assert b"-" in delete and b" " in delete and b"\t" in delete


def test_match_digits_counts_the_match_and_not_what_it_looks_back_at() -> None:
    from privlint.gates import gate_for, match_digits

    pattern = r"(?<=\d{3}-)\d{2}(?:-\d{4}|\d{5})"
    assert match_digits(pattern) == 6
    assert gate_for(pattern).min_digits == 9
    assert match_digits("(") == 0  # beyond the analysis


def test_key_names_are_looked_at_on_lines_no_value_pattern_can_match() -> None:
    # Such lines (most clean lines) have their key names before "=" and ":" found in
    # one search, ":" made "=" first: a sensitive key is masked whichever it has.
    masker = Masker(POLICY)
    for line in (
        "user_id=5 secret: hunter2",
        "region: eu-2 secret=hunter2 retries=0",
        "api_key: hunter2",
        "retries=3 api_key=hunter2",
    ):
        assert masker._screen is not None
        assert masker._screen.select_ascii(line) == [], line
        for _ in range(2):  # the key names classified, then known
            masked = masker.mask(line)
            assert "hunter2" not in masked and masked == SLOW.mask(line), line
    clean = "user_id=5 region: eu-2 status=200 at 12:30"
    assert masker.mask(clean) is clean
    assert masker.mask(clean) is clean


def test_look_ahead_literals() -> None:
    from privlint.gates import lookahead_literals

    assert lookahead_literals(r"(?<![\w+%.\-])(?=00[1-9])\d{3}(?:[ .\-]?+\d){7,14}+") == (("00",),)
    assert lookahead_literals(r"a(?=bc|bd)x") == (("bc", "bd"),)
    # in any case, negative, or not at the top level: none
    assert lookahead_literals(r"(?i)(?=00)\d+") == ()
    assert lookahead_literals(r"(?=(?i:ab)cd)") == ()
    assert lookahead_literals(r"(?!00)\d+") == ()
    assert lookahead_literals(r"(?:a|x(?=00))\d+") == ()
    assert lookahead_literals(r"(?:x(?=00))\d+") == (("00",),)  # a group without a number
    assert lookahead_literals(r"(") == ()


def test_a_shaped_pattern_needs_its_look_ahead_literal() -> None:
    screen = MASKER._screen
    assert screen is not None
    phone_00 = next(
        i for i, rule in enumerate(MASKER._rules) if rule.name == "phone-international-00"
    )
    assert screen._shape_needs == {phone_00: ("00",)}
    # ten digits and more in a run: the shape test passes; without "00" no match can be
    dated = "job 2291 finished at 2024-11-05T13:41:27 id 7734512"
    assert phone_00 not in screen.select_ascii(dated, True)
    assert phone_00 not in screen.select(dated)
    called = "call 0049 30 1234 5678 now"
    assert phone_00 in screen.select_ascii(called, True)
    assert MASKER.mask(called) != called


def test_the_automaton_is_loaded_when_a_masker_is_built() -> None:
    # the command line imports the masker's module for its fixes: ahocorasick_rs is
    # loaded only once a masker is built
    import subprocess
    import sys

    code = (
        "import importlib, sys\n"
        "mask = importlib.import_module('privlint.runtime.mask')\n"
        "import privlint.engine.runner\n"
        "before = 'ahocorasick_rs' in sys.modules\n"
        "from privlint.runtime import _state\n"
        "_state.masker()\n"
        "print(before, 'ahocorasick_rs' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["False", "True"]
