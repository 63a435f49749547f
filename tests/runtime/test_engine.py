"""The faster forms of the value patterns (``privlint.runtime._engine``) find exactly what
the patterns find: the same matches, spans and groups, on generated log text and on
the shapes corpus, for every pattern of the rule pack."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privlint.runtime._engine import fast_form
from tests.runtime.conftest import MASKER
from tests.runtime.shapes import KINDS, Shapes, samples

FAST = settings(max_examples=300, deadline=None, derandomize=True)

#: every value pattern of the pack, optional ones included
PATTERNS = sorted(
    {
        (value.name, value.pattern)
        for category in MASKER.policy.categories
        for value in category.values
    }
)


def _matches(regex: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [
        (match.span(), *(match.span(name) for name in regex.groupindex))
        for match in regex.finditer(text)
    ]


def _same(pattern: str, texts: list[str]) -> list[str]:
    """The ASCII texts on which the fast form finds other matches than the pattern."""
    fast = fast_form(pattern)
    if fast is None:
        return []
    original = re.compile(pattern)
    return [
        text
        for text in texts
        if text.isascii()
        and _matches(original, text) != _matches(fast.regex, text.lower() if fast.lowered else text)
    ]


_CORPUS = [
    sample.text
    for kind in [*sorted(KINDS), "look_alike"]
    for sample in samples(kind, 150, 11, Shapes(11))
]


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_fast_forms_match_what_the_patterns_match_on_the_shapes_corpus(
    name: str, pattern: str
) -> None:
    assert _same(pattern, _CORPUS) == []


# log-like text, with the letters and marks the patterns' literals are made of
_alphabet = string.ascii_letters + string.digits + " =:;,&?#/-_.@+%'\"()\n*"
_words = st.sampled_from(
    [
        "sk-",
        "AKIA",
        "ghp_",
        "eyJ",
        "xoxb-",
        "code=",
        "?code=",
        "bearer ",
        "Bearer ",
        "password is ",
        "with password ",
        "pass=",
        "session ",
        "sid=",
        "SSN ",
        "passport ",
        "otp ",
        "verification code ",
        "/reset/",
        "%40",
        "%2B",
        "+44 ",
        "DE89",
        "AccountKey=",
        "hooks.slack.com/services/T",
        "4111 1111 ",
        "123-45-",
        "(555) ",
        "a@b.co",
    ]
)
_text = st.lists(st.one_of(_words, st.text(alphabet=_alphabet, max_size=12)), max_size=12).map(
    "".join
)


@FAST
@given(st.lists(_text, min_size=len(PATTERNS), max_size=len(PATTERNS)))
def test_fast_forms_match_what_the_patterns_match_on_generated_text(texts: list[str]) -> None:
    for (_name, pattern), text in zip(PATTERNS, texts, strict=True):
        assert _same(pattern, [text, text.upper(), text.swapcase()]) == []


def test_the_head_comes_first_and_the_assertions_after_it() -> None:
    fast = fast_form(r"\bsk-[A-Za-z0-9]{20,}\b")
    assert fast is not None and not fast.lowered
    assert fast.regex.pattern.startswith(r"sk\-(?<=\bsk\-)")
    # one character of a repeated class, when the class is not a common one
    fast = fast_form(r"\b[A-Z]{2}\d{2}\b")
    assert fast is not None and fast.regex.pattern.startswith(r"[A-Z](?<=\b[A-Z])")
    assert fast.regex.findall("x DE89 y GB1 zDE12") == ["DE89"]


_AHEAD = [
    r"(?<![\w+%.\-])(?=00[1-9])\d{3}(?:[ .\-]?+\(?+\d\)?+){7,14}+(?![\w])",
    r"(?=00[1-9])\d{3}",
    r"(?=00)\d{2}\b",
    r"(?<!\w)(?=12)\d{2,}+x?",
    r"(?=0x)[0-9a-fx]{3,5}?",
    r"(?=ab1)[a-z]{2,}",
    r"(?!00)(?=12)\d{3,}",
]


def test_a_look_ahead_gives_its_literals_as_the_head() -> None:
    # 00-prefixed phone numbers: searched from "00" instead of at every position
    # (7 us -> 0.5 us on a line of 90 characters with many digits)
    fast = fast_form(_AHEAD[0])
    assert fast is not None and fast.regex.pattern.startswith("00(?<=")
    fast = fast_form(r"(?=0x)[0-9a-fx]{3,5}?")
    assert fast is not None and fast.regex.pattern.startswith("0x(?<=")
    # the look-ahead's literals must be characters of the class, two at least
    assert fast_form(r"(?=ab1)[a-z]{2,}") is not None
    assert fast_form(r"(?=a)\w{2}") is None
    assert fast_form(r"(?=0a)\d{3}") is None


@FAST
@given(_text)
def test_heads_from_look_aheads_match_what_the_patterns_match(text: str) -> None:
    texts = [text, text.replace("1", "00"), "00" + text.replace(" ", "0")]
    for pattern in _AHEAD:
        assert _same(pattern, texts) == []


def test_a_head_of_common_characters_stays_behind_its_assertions() -> None:
    # digits and small letters are everywhere in text: re would stop at each one
    assert fast_form(r"(?<![\w.])\d{13,19}\b") is None
    assert fast_form(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]++@[a-z]+\.com") is None


def test_a_pattern_ignoring_case_is_searched_in_the_lower_cased_text() -> None:
    fast = fast_form(r"(?i)\b(?:otp|login code)\s*[:=]?\s*(?P<value>[A-Z0-9]{6})\b")
    assert fast is not None and fast.lowered
    text = "Your LOGIN CODE: AB12CD, otp 9f8e7d"
    original = re.compile(r"(?i)\b(?:otp|login code)\s*[:=]?\s*(?P<value>[A-Z0-9]{6})\b")
    assert _matches(fast.regex, text.lower()) == _matches(original, text)
    assert len(_matches(original, text)) == 2


def test_patterns_beyond_the_rewrite_keep_their_form() -> None:
    assert fast_form(r"(\w)\1") is None  # a back-reference
    assert fast_form(r"\b(?i:basic)\s+\w+") is None  # flags inside the pattern
    assert fast_form(r"sk-\w+") is None  # starts with its literal already
    assert fast_form(r"(?i)\bstra\u00dfe") is None  # a non-ASCII letter ignoring case


def test_the_masker_uses_the_pattern_itself_on_text_that_is_not_ascii() -> None:
    # Ignoring case, "\u017f" (long s) is an "s": the pattern finds "pa\u017f\u017fword",
    # the lower-cased form in the lower-cased text would not
    assert any(rule.lowered for rule in MASKER._rules)
    assert MASKER.mask("login with pa\u017f\u017fword hunter22 now") == (
        "login with pa\u017f\u017fword *** now"
    )
