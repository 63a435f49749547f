"""The search that rules out a new key name before it is classified (issue #18,
throughput): ``Masker._may_name`` may let through a key that is no sensitive name, but
never turns away one that is, or that ends with one glued to what comes before it.
Keys are made here of the pack's own name words (joined in every way a key is
written: ``_ . -``, camel case, run together, plurals, numbers, other words around)
and compared with what classifying them without the search gives."""

from __future__ import annotations

import importlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privlint.runtime.mask import Masker
from tests.runtime.conftest import NO_AUTOMATON, POLICY

mask_module = importlib.import_module("privlint.runtime.mask")
MASKER = Masker(POLICY)
FULL = Masker(POLICY)
FULL._may_name = lambda key: True  # type: ignore[method-assign]

_NAME_WORDS = sorted(
    {word for category in POLICY.categories for pattern in category.names for word in pattern}
)
_WORDS = st.one_of(
    st.sampled_from(_NAME_WORDS),
    st.sampled_from(["max", "id", "user", "file", "x", "a", "host", "web", "zz", "count"]),
    st.from_regex(r"[a-z]{1,6}", fullmatch=True),
    st.from_regex(r"[0-9]{1,3}", fullmatch=True),
)


def _spelled(word: str, style: str) -> str:
    if style == "upper":
        return word.upper()
    if style == "title":
        return word[:1].upper() + word[1:]
    return word


@st.composite
def keys(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORDS, min_size=1, max_size=4))
    if draw(st.booleans()):
        words = [word + "s" if word.isalpha() and draw(st.booleans()) else word for word in words]
    styles = st.sampled_from(["lower", "upper", "title"])
    separators = st.sampled_from(["", "_", ".", "-", ""])
    key = _spelled(words[0], draw(styles))
    for word in words[1:]:
        key += draw(separators) + _spelled(word, draw(styles))
    return key


@settings(max_examples=1500, deadline=None)
@given(keys())
def test_the_hint_never_turns_away_a_sensitive_key(key: str) -> None:
    assert MASKER._glued_key(key) == FULL._glued_key(key)


@pytest.mark.parametrize(
    "key",
    [
        "es_mail",
        "EsMail",
        "e.mail",
        "E-Mail",
        "pgs_password",
        "xs_api_key",
        "apis_key",
        "passwords2",
        "user_password_2",
        "ccs_number",
        "idpassword",
        "abc123token",
    ],
)
def test_plurals_and_short_first_words(key: str) -> None:
    assert FULL._glued_key(key)[0]
    assert MASKER._glued_key(key) == FULL._glued_key(key)


def test_keys_the_hint_turns_away() -> None:
    # bench lines: host and user names before ``:`` are new keys on every line
    for key in ("desktop-81.johnson-trujillo.com", "pstanton", "retries", "duration_ms"):
        assert not MASKER._may_name(key)
    for key in ("e_mail", "eMail", "x-api-key", "pg_password", "password2", "idPASSWORD"):
        assert MASKER._may_name(key)
        assert FULL._glued_key(key)[0]


def test_a_key_that_is_not_ascii_is_classified() -> None:
    assert MASKER._may_name("pässwort")


TREE = NO_AUTOMATON


def test_the_hint_is_an_automaton_here_and_a_tree_without_it() -> None:
    assert "AhoCorasick" in repr(MASKER._name_hint)
    assert isinstance(getattr(TREE._name_hint, "__self__", None), re.Pattern)
    # every character but letters and digits is left out, not only a key's own
    for masker in (MASKER, TREE):
        for key in ("tok:en", "se/cret", "pho ne", "Pass+Word"):
            assert masker._may_name(key), key


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    st.one_of(
        st.lists(_WORDS, min_size=1, max_size=4).map("_".join),
        st.lists(_WORDS, min_size=1, max_size=4).map("-".join),
        st.lists(_WORDS, min_size=1, max_size=4).map(".".join),
        st.text(alphabet="abcdeilmnoprstuwxyzABCDEPSW0123456789_.-:/ ", max_size=30),
    )
)
def test_the_automaton_and_the_tree_turn_away_the_same_keys(key: str) -> None:
    assert MASKER._may_name(key) == TREE._may_name(key)
    assert MASKER._may_name(key) == bool(
        TREE._name_hint(mask_module._NOT_ALNUM.sub("", key.lower()))
    )


# -- the key names before "=" and ":" (the clean-line test in ``Masker.mask``) -----------

#: The expression the key searches had before the quote after a key became an
#: alternation (#18): ``(?:["']\\?)?``. Both must find the same keys.
_OPTIONAL_QUOTE = r"""[ \t]*(?:["']\\?)?""" + mask_module._REVERSED_KEY_NAME


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from([*"=: \t\"'\\_.-aZk09é", "key", "Pass", "x1", "T05", "--", "a" * 70]),
        max_size=40,
    ).map("".join)
)
def test_key_searches_find_what_the_optional_quote_found(text: str) -> None:
    assert MASKER._keys_before_equals(text) == re.compile("=" + _OPTIONAL_QUOTE).findall(text)
    # one search with every ":" made "=" finds the keys before either separator (a key
    # holds neither, so each is found from its own separator as before)
    either = sorted(
        re.compile("=" + _OPTIONAL_QUOTE).findall(text)
        + re.compile(":" + _OPTIONAL_QUOTE).findall(text)
    )
    assert sorted(MASKER._keys_before_equals(text.replace(":", "="))) == either
