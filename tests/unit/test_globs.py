"""Glob lists compiled to one pattern (policy call patterns, PL4xx name lists) answer
exactly as ``fnmatch.fnmatchcase`` over each glob does."""

from __future__ import annotations

import fnmatch

from hypothesis import given
from hypothesis import strategies as st

from privlint.policy.model import _glob_call, globs_pattern

ALPHABET = "ab.*?[]!_"
globs = st.lists(st.text(ALPHABET, max_size=6), max_size=5)
names = st.text("ab._[]!", max_size=8)


@given(globs, names)
def test_one_pattern_matches_as_fnmatch_does(patterns: list[str], name: str) -> None:
    pattern = globs_pattern(patterns)
    expected = any(fnmatch.fnmatchcase(name, glob) for glob in patterns)
    assert (pattern is not None and pattern.match(name) is not None) == expected


@given(globs, st.none() | names, names)
def test_call_patterns_match_dotted_globs_on_the_qualified_name(
    patterns: list[str], qualified: str | None, last: str
) -> None:
    expected = any(
        fnmatch.fnmatchcase(qualified, glob) if "." in glob else fnmatch.fnmatchcase(last, glob)
        for glob in patterns
        if "." not in glob or qualified is not None
    )
    assert _glob_call(tuple(patterns), qualified, last) == expected


def test_examples() -> None:
    assert _glob_call(("hashlib.*", "mask_*"), "hashlib.sha256", "sha256")
    assert _glob_call(("hashlib.*", "mask_*"), None, "mask_email")
    assert not _glob_call(("hashlib.*", "mask_*"), None, "sha256")
    assert not _glob_call(("hashlib.*",), "myhashlib.sha256", "sha256")
