"""The passes after the first only skip work: ``mask()`` gives what masking gives when
every pass looks for everything (key names, passwords in URLs, every value pattern)."""

from __future__ import annotations

import importlib
import string
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privlint.runtime.mask import Masker
from tests.runtime.conftest import MASKER, POLICY
from tests.runtime.test_mask_properties import secrets

mask_module = importlib.import_module("privlint.runtime.mask")
SLOW = Masker(POLICY, screen=False)

FAST = settings(max_examples=500, deadline=None, derandomize=True)


def every_pass_in_full(masker: Masker, text: str) -> str:
    """Masking as ``mask()`` does it, but with each pass looking for everything."""
    for _ in range(mask_module._MAX_PASSES):
        spans = masker._pass(text, None)[0]
        if not spans:
            break
        text = mask_module._replaced(text, spans)
    return text


# Pieces that put key names, separators and quotes right before, after and inside the
# values a pass masks by their shape or by their key.
_pieces = st.sampled_from(
    [
        "password=",
        "password: ",
        "token=",
        "api_key=",
        '"secret": "',
        "Authorization: Bearer ",
        "pass=",
        "idpassword=",
        "1token: ",
        "user=",
        "x=",
        "=",
        ":",
        " ",
        '"',
        "'",
        "\\",
        "(",
        "***",
        "None",
        "(555) 123-4567",
        "+1 555.123.4567",
        "4111 1111 1111 1111",
        "4111111111111111",
        "123-45-6789",
        "j.doe@example.com",
        "https://bob:hunter2@db.example.com/x",
        "temporary password is ",
        "correct horse battery",
        "Cookie: sid=abc; theme=dark",
        "bearer ",
        "Basic ",
        "SSN: ",
        "?pass=",
        "connect.sid=",
        "joe%40example.com",
    ]
)
_letters = string.ascii_letters + string.digits + "_.-"
texts = st.lists(
    st.one_of(_pieces, secrets, st.text(alphabet=_letters, min_size=1, max_size=8)), max_size=9
).map("".join)


@FAST
@given(texts)
def test_masking_equals_masking_with_every_pass_in_full(text: str) -> None:
    expected = every_pass_in_full(SLOW, text)
    assert MASKER.mask(text) == expected
    assert SLOW.mask(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a key name that starts right after a masked value (the token keeps its
        # prefix, and its last characters were part of a longer key name before)
        "ghp_abcdefghijklmnopqrstuvwxyz0123456789pwd=hunter2",
        "j.doe@example.com:password=hunter2",
        # a pair that matches only once its value is masked by its shape
        "password=(555) 123-4567",
        "password: (555) 123-4567 ok",
        # a value masked by its key, and a value masked by its shape, on one line
        "password=hunter2 card 4111 1111 1111 1111",
        "token=abc (555) 123-4567 user=j.doe@example.com",
        # a scheme word as a pass-phrase's first word: the words after it are the
        # pass-phrase's too (the next pass would read them after ``***``)
        "password=bearer token bearer token ",
        "&&password=bearer bearer token ",
        'password=Basic Bearer bearer x"/Bearer ',
        # a key glued to a value cuts the text the values are searched in, in every
        # pass (the phone number ends where ``token`` starts)
        "SSN: ***(555) 123-4567(555) 123-4567token=j.doe@example.com",
        # patterns in any case that the next pass finds again once a value is masked
        # (the check that skips that pass reads their words in the lower-cased text)
        "temporary password is =https://bob:hunter2@db.example.com/x",
        "+1 555.123.4567?pass=(555) 123-4567",
        "connect.sid='j.doe@example.comjoe%40example.com",
        # a phone number with the fewest digits one holds, which the next pass finds
        # (the check that skips it counts the digits as the screen does)
        "OTP: %40(12) 345-678",
        "&token=123456789(12) 345-678",
    ],
)
def test_keys_found_only_after_a_pass(text: str) -> None:
    assert MASKER.mask(text) == every_pass_in_full(SLOW, text)
    assert MASKER.mask(MASKER.mask(text)) == MASKER.mask(text)
    assert "hunter2" not in MASKER.mask(text)


def _pairs_calls(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    calls: list[str] = []
    pairs = Masker._pairs

    def counted(self: Masker, text: str, *rest: Any) -> Any:
        calls.append(text)
        return pairs(self, text, *rest)

    monkeypatch.setattr(Masker, "_pairs", counted)
    MASKER.mask(text)
    monkeypatch.setattr(Masker, "_pairs", pairs)
    return len(calls)


def test_a_pass_after_the_first_looks_for_key_names_only_when_they_may_have_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # no sensitive key; a value masked by its shape, and no key after it
    assert _pairs_calls(monkeypatch, "user_id=7 changed phone to (555) 123-4567") == 1
    # sensitive keys, every pair found and masked, no value masked by its shape
    assert _pairs_calls(monkeypatch, "POST /login username=bob password=hunter2") == 1
    assert _pairs_calls(monkeypatch, 'request {"api_key": "abc123", "n": 1}') == 1
    # a key right after a masked value
    assert _pairs_calls(monkeypatch, "ghp_abcdefghijklmnopqrstuvwxyz0123456789pwd=hunter2") == 2
    # a sensitive key, and a value masked by its shape
    assert _pairs_calls(monkeypatch, "password=hunter2 card 4111 1111 1111 1111") == 2
    # a sensitive key whose pair is found only once its value is masked
    assert _pairs_calls(monkeypatch, "password=(555) 123-4567") == 2


# The pair expression as it was written before its quoted values were made possessive
# and its schemes guarded by their first letters: the same matches, found faster.
_PLAIN_PAIR = (
    r"""
    (?<![A-Za-z0-9_.\-])
    (?P<kq>\\?["'])?
    (?P<key>[A-Za-z_][A-Za-z0-9_.\-]{0,63})
    (?(kq)(?P=kq))
    (?P<sep>[ \t]*(?:=>|[=:])[ \t]*)
    (?P<val>
        [bBrRuU]?"(?P<c1>(?:[^"\\\n]|\\.)*)"
      | [bBrRuU]?'(?P<c2>(?:[^'\\\n]|\\.)*)'
      | \\"(?P<c3>(?:[^"\\\n]|\\[^"\n])*)\\"
      | \\'(?P<c4>(?:[^'\\\n]|\\[^'\n])*)\\'
      | (?i:"""
    + mask_module._AUTH_SCHEMES
    + r""")[ \t]+(?P<sv>[^\s,;'"&<>]+)
      | (?P<uv>[^\s,;&'"<>()\[\]{}|\\]+)
    )
    """
)
_pair_texts = st.lists(
    st.one_of(
        st.sampled_from(
            [
                *("password", "key", '"token"', "'k'", "Authorization", "=", ": ", "=>"),
                *('\\"', '"', "'", "\\", "\n", " ", "\t", ",", ";", "&", "(", "<", "|"),
                *("x", "7", "b", "B", "r", "u", "Bearer ", "bAsIc "),
                *("\u017fcram-sha-256 ", "sso-\u212aey "),
            ]
        ),
        st.text(alphabet="abcsSK\u017f\u212a\"'\\ =:\n-_.", max_size=6),
    ),
    max_size=10,
).map("".join)


@FAST
@given(_pair_texts)
def test_the_pair_expression_matches_as_its_plain_form(text: str) -> None:
    import re

    plain = re.compile(_PLAIN_PAIR, re.VERBOSE)
    fast = MASKER._pair_re
    assert fast.groupindex == plain.groupindex
    for start in range(min(len(text), 4)):
        found, expected = fast.match(text, start), plain.match(text, start)
        if expected is None:
            assert found is None
        else:
            assert found is not None
            groups = range(plain.groups + 1)
            assert [found.span(g) for g in groups] == [expected.span(g) for g in groups]


def test_a_password_in_a_url_that_masking_a_value_made_is_masked_in_the_next_pass() -> None:
    # The card number's spaces kept the URL's password from being read in the first
    # pass; its masked form (``***1111``) has none, and the next pass masks it whole.
    text = "fetch https://user:4111 1111 1111 1111@localhost:5432/x"
    assert MASKER.mask(text) == every_pass_in_full(MASKER, text)
    assert MASKER.mask(text) == "fetch https://user:***@localhost:5432/x"
