"""The secrets prefilter never drops a line that detect-secrets would report: the scan
with it equals the scan of every line, on the leak suite's planted secrets (every
shape, every file type), on every rule example, and on generated lines."""

from __future__ import annotations

import string
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privlint.engine import secrets
from privlint.policy.load import load_policy
from privlint.rules.base import all_rules
from tests.robustness.test_leaks import CORPUS

POLICY = load_policy(search_from=Path("/"))


@contextmanager
def _every_line() -> Iterator[None]:
    saved = dict(secrets._CANDIDATES)
    secrets._CANDIDATES[POLICY.secrets] = None
    try:
        yield
    finally:
        secrets._CANDIDATES.clear()
        secrets._CANDIDATES.update(saved)


_FOLDER = tempfile.TemporaryDirectory(prefix="privlint-prefilter-")


def _both(name: str, text: str) -> tuple[list[object], list[object]]:
    # detect-secrets reads nothing itself, but filters out paths that are not files
    path = Path(_FOLDER.name) / Path(name).name
    path.write_text(text, encoding="utf-8")
    secrets._configure(POLICY.secrets)
    filtered = secrets._detect(str(path), text)
    with _every_line():
        full = secrets._detect(str(path), text)
    return filtered, full


def test_the_prefilter_is_a_pattern() -> None:
    secrets._configure(POLICY.secrets)
    candidates = secrets._candidates()
    assert candidates is not None
    assert not candidates.search("the quick brown fox jumps over the lazy dog")
    assert candidates.search("password = 'x'")


@pytest.mark.parametrize("name", sorted(CORPUS.files))
def test_planted_secrets_are_found_alike(name: str) -> None:
    text = CORPUS.files[name].decode("utf-8", "replace")
    filtered, full = _both(name, text)
    assert filtered == full


def test_the_planted_secrets_are_found_at_all() -> None:
    # the comparison above means something only if detect-secrets finds them
    found = sum(
        len(_both(name, data.decode("utf-8", "replace"))[0]) for name, data in CORPUS.files.items()
    )
    assert found >= 200


EXAMPLES = [
    (example.filename, example.code)
    for rule in all_rules()
    for example in (*rule.VALID, *rule.INVALID)
    if rule.CODE.startswith("PL2")
]


@pytest.mark.parametrize(("name", "text"), EXAMPLES)
def test_rule_examples_are_found_alike(name: str, text: str) -> None:
    for alias in (name, "config.yaml", "settings.ini", "app.env", "notes.txt"):
        filtered, full = _both(alias, text)
        assert filtered == full, alias


_WORDS = st.sampled_from(
    ["password", "api_key", "secret", "token", "Pwd", "DB_PASS", "user", "x", "key", "auth"]
)
_VALUES = st.text(
    alphabet=string.ascii_letters + string.digits + "+/=_-.:@", min_size=0, max_size=48
)
_QUOTES = st.sampled_from(["", "'", '"'])
_SEPARATORS = st.sampled_from([" = ", ": ", "=", " := ", " => ", "\t"])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(st.tuples(_WORDS, _SEPARATORS, _QUOTES, _VALUES), min_size=1, max_size=6),
    st.sampled_from(["a.py", "a.yaml", "a.json", "a.ini", "a.env", "a.txt", "a.js"]),
)
def test_generated_lines_are_found_alike(pairs: list[tuple[str, str, str, str]], name: str) -> None:
    text = "".join(f"{word}{sep}{quote}{value}{quote}\n" for word, sep, quote, value in pairs)
    filtered, full = _both(name, text)
    assert filtered == full


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.text(alphabet=string.hexdigits, min_size=6, max_size=24),
    st.text(alphabet=string.ascii_letters + string.digits + "+/", min_size=20, max_size=40),
    st.sampled_from(["a.py", "a.yaml", "a.txt"]),
)
def test_strings_near_the_entropy_limits_are_found_alike(hexa: str, b64: str, name: str) -> None:
    # the shortest quoted run the prefilter asks for is where the entropy limit allows
    text = f'checksum = "{hexa}"\nblob = "{b64}"\n'
    filtered, full = _both(name, text)
    assert filtered == full


# `_hinted` is `PYTHON_HINTS.search` rewritten for speed: the same answer on every text.
_HINT_SAMPLES = [
    "AKIA" + "A" * 16, "A3TX" + "B" * 16, "AccountKey=", "-----BEGIN PRIVATE KEY",
    "eyJabcdefgh.", "https://user:pw@host", "ghp_" + "a" * 20, "glpat-" + "b" * 15,
    "xoxb-", "hooks.slack.com", "rk_live_", "sk_live_", "xk_live_", "SG." + "c" * 16,
    "npm_" + "d" * 30, "_authToken", "sk-" + "e" * 20, "pypi-Ag", "AC" + "f" * 32,
    " SK" + "0" * 32 + " ", "xAC" + "f" * 32, "AC" + "f" * 32 + "g", "a" * 32 + "-us1",
    "a" * 31 + "-us1", "12345678:" + "A" * 35, "1234567:" + "A" * 35,
    "1234567890:" + "A" * 35, "M" + "a" * 23 + ".abcdef.", "N" + "a" * 25 + ".abcdef.",
    "O" + "a" * 26 + ".abcdef.", "M" + "a" * 22 + ".abcdef.", "AKC" + "a" * 10,
    "APB" + "a" * 8, "sq0csp-", "IBM", "ibm", "Cloudant", "SoftLayer", "\u0130bm",
    "\u0131BM", "\u017foftlayer", "cloudAnt", "the quick brown fox",
]  # fmt: skip


@pytest.mark.parametrize("text", _HINT_SAMPLES)
def test_the_token_hints_answer_as_their_pattern(text: str) -> None:
    for sample in (text, f"x = '{text}'\n", text[1:], text[:-1]):
        assert secrets._hinted(sample) == (secrets.PYTHON_HINTS.search(sample) is not None)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_HINT_SAMPLES),
            st.sampled_from(["AC", "SK", ":", ".", "-us", "k_live_", "_", "-", "M", "\n"]),
            st.text(alphabet="aAbBmMsS0123456789:._- \u0130\u0131\u017f", max_size=40),
        ),
        max_size=8,
    )
)
def test_generated_texts_get_the_token_hints_answer(parts: list[str]) -> None:
    text = "".join(parts)
    assert secrets._hinted(text) == (secrets.PYTHON_HINTS.search(text) is not None)


def test_corpus_files_get_the_token_hints_answer() -> None:
    for name, data in CORPUS.files.items():
        text = data.decode("utf-8", "replace")
        assert secrets._hinted(text) == (secrets.PYTHON_HINTS.search(text) is not None), name
