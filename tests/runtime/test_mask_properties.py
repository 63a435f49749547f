"""Properties of mask() over generated text (hypothesis): idempotent, bounded growth,
never raises, and generated secrets of every known shape come out masked."""

from __future__ import annotations

import importlib
import string

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.runtime.conftest import MASKER
from tests.runtime.shapes import luhn_complete

mask = MASKER.mask
mask_module = importlib.import_module("privlint.runtime.mask")

# derandomized: CI must not depend on luck; the examples are still generated, 300 each
FAST = settings(max_examples=300, deadline=None, derandomize=True)

# Text that looks like logs: words, digits, separators, quotes, keys and values.
_log_alphabet = string.ascii_letters + string.digits + " =:;,&?/-_.@+'\"{}[]()\n\\*"
log_text = st.text(alphabet=_log_alphabet, max_size=200)
any_text = st.text(max_size=200)
# Surrounding words that cannot spell any part of an (ASCII) generated secret.
words = st.text(alphabet="äöüßé ", max_size=30)


@FAST
@given(st.one_of(log_text, any_text))
def test_mask_never_raises_and_is_idempotent(text: str) -> None:
    once = mask(text)
    assert mask(once) == once


@FAST
@given(st.one_of(log_text, any_text))
def test_mask_grows_a_text_by_a_bounded_amount(text: str) -> None:
    # A masked value of one character becomes ``***``: at most three times as long.
    assert len(mask(text)) <= 3 * len(text)


def _iban(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    number = int("".join(str(int(c, 36)) for c in rearranged))
    return f"{country}{98 - number % 97:02d}{bban}"


alnum = string.ascii_letters + string.digits
secrets = st.one_of(
    st.text(alphabet=alnum, min_size=24, max_size=48).map(lambda s: "sk-" + s),
    st.text(alphabet=string.ascii_uppercase + string.digits, min_size=16, max_size=16).map(
        lambda s: "AKIA" + s
    ),
    st.text(alphabet=alnum, min_size=36, max_size=40).map(lambda s: "ghp_" + s),
    st.text(alphabet=alnum, min_size=20, max_size=30).map(lambda s: "sk_live_" + s),
    st.tuples(*(st.text(alphabet=alnum, min_size=10, max_size=30),) * 3).map(
        lambda p: "eyJ" + ".".join(p)
    ),
    st.text(alphabet=string.digits, min_size=15, max_size=15).map(lambda s: luhn_complete("4" + s)),
    st.tuples(
        st.integers(100, 899).filter(lambda n: n != 666),
        st.integers(1, 99),
        st.integers(1, 9999),
    ).map(lambda t: f"{t[0]:03d}-{t[1]:02d}-{t[2]:04d}"),
    st.text(alphabet=string.digits, min_size=18, max_size=18).map(lambda s: _iban("DE", s)),
    st.text(alphabet=string.ascii_lowercase, min_size=3, max_size=12).map(
        lambda s: f"{s}@mail.example.org"
    ),
)


@FAST
@given(words, secrets, words)
def test_generated_secrets_of_known_shapes_are_masked(before: str, secret: str, after: str) -> None:
    masked = mask(f"{before} {secret} {after}")
    if "@" in secret:  # an address keeps its first letter and its domain
        hidden = secret[: secret.index("@") + 1]
    else:  # the middle third, which no partial reveal keeps
        hidden = secret[len(secret) // 3 : 2 * len(secret) // 3]
    assert hidden not in masked
    assert "***" in masked


@FAST
@given(
    st.sampled_from(["password", "api_key", "client_secret", "Authorization", "auth_token"]),
    st.sampled_from(["=", ": ", "="]),
    st.text(alphabet=alnum + "!$%^*-_", min_size=6, max_size=30),
)
def test_values_under_sensitive_keys_never_survive(key: str, sep: str, value: str) -> None:
    # In an Authorization header a scheme word is the scheme (`Digest y`: y is the secret)
    assume(key != "Authorization" or value.lower() not in mask_module._AUTH_SCHEMES.split("|"))
    masked = mask(f"x {key}{sep}{value} y")
    # the key itself stays (`client_secret=***` keeps "client"); what follows it must not
    assert f"{key}{sep}" in masked
    assert value not in masked.partition(f"{key}{sep}")[2]


def test_a_scheme_word_is_a_value_outside_authorization() -> None:
    # found by the property above: `password=DIGEST y` kept DIGEST as if it were a scheme
    assert mask("x password=DIGEST y") == "x password=***"
    assert mask("Authorization: Digest abcdefghijkl") == "Authorization: Digest ***"


@FAST
@given(
    st.text(alphabet=alnum + " -_.é", min_size=1, max_size=30).filter(lambda v: "@" not in v),
    st.integers(0, 4),
    st.integers(0, 4),
)
def test_a_revealed_value_keeps_its_last_letters_and_digits_within_half(
    value: str, prefix: int, suffix: int
) -> None:
    class Rule:
        keep_prefix = prefix
        keep_suffix = suffix

    masked = mask_module._reveal(Rule, value)
    if not prefix and not suffix:
        assert masked == "***"
        return
    head, _, tail = masked.partition("***")
    # the tail: the value's last letters and digits (separators skipped), as many as
    # keep-suffix says and never more than half the value
    assert (
        tail == "".join(c for c in value if c.isalnum())[::-1][: min(suffix, len(value) // 2)][::-1]
    )
    assert value.startswith(head) and len(head) + len(tail) <= len(value) // 2
