from __future__ import annotations

import pytest

from privlint.reporters import FORMATS, get_reporter
from privlint.reporters.base import Reporter
from privlint.reporters.github import GithubReporter
from privlint.reporters.gitlab import GitlabReporter
from privlint.reporters.json import JsonReporter
from privlint.reporters.sarif import SarifReporter
from privlint.reporters.text import TextReporter


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("text", TextReporter),
        ("json", JsonReporter),
        ("sarif", SarifReporter),
        ("github", GithubReporter),
        ("gitlab", GitlabReporter),
    ],
)
def test_get_reporter_returns_the_named_format(name: str, cls: type[Reporter]) -> None:
    assert type(get_reporter(name)) is cls


def test_formats_lists_every_name() -> None:
    assert FORMATS == ("text", "json", "sarif", "github", "gitlab")


def test_unknown_format_raises_value_error_naming_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown output format 'xml'.*text, json, sarif, github"):
        get_reporter("xml")
