"""A sensitive key glued to what comes before it (issue #18): ``idpassword:``,
``abc123token=``, ``4111 1111 1111 1111password=``, a token that runs into ``pass=``.
The value after such a key never survives masking, and a value shape the key is glued
to is masked as if a space stood between them; names that merely end with the letters
of a key in another word (``max_tokens``, ``bypass``) stay as they are."""

from __future__ import annotations

import string

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from privlint.runtime.mask import Masker
from tests.runtime.conftest import POLICY
from tests.runtime.shapes import KINDS, Sample, caught, samples
from tests.runtime.test_mask_properties import secrets

SLOW = Masker(POLICY, screen=False)
SECRET = "hunter2"


@pytest.mark.parametrize(
    "text",
    [
        "sk-abcdefghijklmnopqrstuvwxyz012345pass=hunter2",
        "sk-abcdefghijklmnopqrstuvwxyz012345password=hunter2",
        "4111 1111 1111 1111password=hunter2",
        "4111111111111111password=hunter2",
        "abc123token=hunter2",
        "...Xapi_key=hunter2",
        "idpassword: hunter2",
        "userpassword=hunter2",
        "user1password=hunter2",
        "x_1password=hunter2",
        "XAPI_KEY=hunter2",
        '{"idpassword": "hunter2"}',
        "{'dbpassword': 'hunter2'}",
        "A" * 70 + "password=hunter2",
        "A" * 70 + "password: hunter2 ok",
        "a@b.compassword=hunter2",
        "ghp_abcdefghijklmnopqrstuvwxyz0123456789token=hunter2",
        "+1 415 555 2671password=hunter2",
        "123-45-6789password=hunter2",
        "2026-12-04T05:20:11Zpassword: hunter2",
        "x1password_2=hunter2",
        "idtokens=hunter2",
    ],
)
@pytest.mark.parametrize("masker", [None, SLOW], ids=["screened", "unscreened"])
def test_a_value_after_a_glued_key_is_masked(masker: Masker | None, text: str) -> None:
    from tests.runtime.conftest import MASKER

    masked = (masker or MASKER).mask(text)
    assert SECRET not in masked, masked
    assert (masker or MASKER).mask(masked) == masked


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4111 1111 1111 1111password=hunter2", "4111 1111 1111"),
        ("4111111111111111password=hunter2", "411111111111"),
        ("sk-abcdefghijklmnopqrstuvwxyz012345password=hunter2", "abcdefghijklmnopqrstuvwxyz"),
        ("123-45-6789password=hunter2", "123-45"),
    ],
)
def test_a_value_a_sensitive_key_is_glued_to_is_masked(
    masker: Masker, text: str, value: str
) -> None:
    assert value not in masker.mask(text)


@pytest.mark.parametrize(
    "text",
    [
        "max_tokens=5",
        "maxTokens=5",
        "total.tokens=5",
        "bypass=true",
        "compass=north",
        "monkey=3",
        "ORD-2026-000123 password-policy=strict",
        "2026-12-04T05:20:11 port=8080",
    ],
)
def test_names_that_end_like_a_key_are_not_glued_keys(masker: Masker, text: str) -> None:
    assert masker.mask(text) == text


#: keys as they are glued in logs, each a sensitive name on its own
_KEYS = ("password", "passwd", "pwd", "token", "api_key", "apiKey", "secret", "PASSWORD")
_SEPARATORS = ("=", ": ", ":", " = ", "=>")
_glue = st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=6)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    kind=st.sampled_from(sorted(KINDS)),
    seed=st.integers(0, 10_000),
    glue=st.one_of(st.just(""), _glue, secrets),
    key=st.sampled_from(_KEYS),
    separator=st.sampled_from(_SEPARATORS),
    value=st.one_of(st.just(SECRET), secrets),
    screened=st.booleans(),
)
def test_generated_lines_with_a_glued_key(
    kind: str, seed: int, glue: str, key: str, separator: str, value: str, screened: bool
) -> None:
    """A line of the generated corpus, then (glued to its last word) more letters or a
    token, a sensitive key and a value: the value never survives after the key, nor
    do the line's own values before it."""
    from tests.runtime.conftest import MASKER

    sample = samples(kind, 1, seed)[0]
    before = f"{sample.text}{glue}"
    assume(value not in before)  # the value is what follows the key
    text = f"{before}{key}{separator}{value}"
    masked = (MASKER if screened else SLOW).mask(text)
    head, _, tail = masked.rpartition(key)
    assert caught(Sample(kind, text, (value,)), tail), masked
    if not glue:  # (letters glued to the line's last value make it another value)
        assert caught(sample, head), masked
