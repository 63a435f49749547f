"""A function named with a sanitizing verb before words that name sensitive data is a
sanitizer, whatever the project calls it (``sinks.toml [sanitizers] verbs``)."""

from __future__ import annotations

import pytest

from privlint.policy.load import load_policy


@pytest.mark.parametrize(
    ("name", "sanitizer"),
    [
        ("stripUrlPassword", True),
        ("strip_password", True),
        ("hide_email", True),
        ("redactToken", True),
        ("remove_credentials_from_url", False),  # the data must end the name
        ("strip", False),  # a verb alone: `str.strip`
        ("strip_whitespace", False),
        ("clean_password", False),  # Django's form cleaner returns the value
        ("mask_card", True),  # the glob list's `mask_*`
    ],
)
def test_sanitizing_verbs(name: str, sanitizer: bool) -> None:
    assert load_policy().is_sanitizer(None, name) is sanitizer
