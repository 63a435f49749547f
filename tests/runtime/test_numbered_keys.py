"""A number glued to a sensitive key (Django's ``password1``/``password2``) hides
nothing: the key is as sensitive as ``password_2``, at run time and statically."""

from __future__ import annotations

import pytest

from privlint.policy.load import load_policy
from privlint.runtime import mask


@pytest.mark.parametrize(
    "line",
    [
        "password1=hunter2 password2=hunter2",
        '{"password1": "hunter2", "password2": "hunter2"}',
        "api_key2=hunter2",
        "token1: hunter2",
    ],
)
def test_a_numbered_sensitive_key_is_masked(line: str) -> None:
    assert "hunter2" not in mask(line)


@pytest.mark.parametrize("line", ["sha256=abc123", "ipv4=10.0.0.1", "md5=abc", "x509=pem"])
def test_names_with_a_number_of_their_own_are_not_keys(line: str) -> None:
    assert mask(line) == line


def test_numbered_names_classify_as_their_words() -> None:
    policy = load_policy()
    assert policy.classify("password2") == policy.classify("password_2") != frozenset()
    assert policy.classify("sha256") == frozenset()
