"""privlint.policy.parsed remembers which of the rule pack's patterns compile: one
known to compile is not compiled again, a bad one is an error every time and never
remembered, and the policy's patterns are those of the pack either way."""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from privlint import marshalled
from privlint.policy import ConfigError, load, load_policy, pack_dir, parsed


@pytest.fixture(autouse=True)
def writes_bytecode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def _counting_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    compiled: list[str] = []
    original = re.compile

    def counting(pattern: Any, flags: int = 0) -> Any:
        compiled.append(pattern)
        return original(pattern, flags)

    monkeypatch.setattr(re, "compile", counting)
    return compiled


def test_a_pattern_known_to_compile_is_not_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store.marshal"
    compiled = _counting_compiles(monkeypatch)
    first = parsed.ParsedPack(store)
    first.check_pattern(r"\b\d{3}-\d{2}-\d{4}\b")
    first.save()
    assert compiled == [r"\b\d{3}-\d{2}-\d{4}\b"]
    again = parsed.ParsedPack(store)
    again.check_pattern(r"\b\d{3}-\d{2}-\d{4}\b")
    assert len(compiled) == 1 and not again.changed
    again.check_pattern(r"[A-Z]{2}\d{2}")  # a new one (an edited pack) is compiled
    assert compiled[-1] == r"[A-Z]{2}\d{2}"


def test_a_bad_pattern_is_an_error_every_time(tmp_path: Path) -> None:
    store = tmp_path / "store.marshal"
    pack = parsed.ParsedPack(store)
    for _ in range(2):
        with pytest.raises(re.error):
            pack.check_pattern(r"(?<=a+)b")
    pack.save()
    assert parsed.ParsedPack(store).patterns == set()


@pytest.mark.parametrize("patterns", ["not a list", [1, 2], [b"bytes"], {"a": 1}])
def test_a_damaged_list_of_patterns_is_ignored(tmp_path: Path, patterns: object) -> None:
    store = tmp_path / "store.marshal"
    entries = {"taxonomy.toml": (b"d" * 20, marshal.dumps({})), parsed._PATTERNS: patterns}
    store.write_bytes(importlib.util.MAGIC_NUMBER + parsed._FORMAT + marshal.dumps(entries))
    pack = parsed.ParsedPack(store)
    assert pack.patterns == set() and set(pack.entries) == {"taxonomy.toml"}


def test_the_store_of_another_python_is_ignored(tmp_path: Path) -> None:
    store = tmp_path / "store.marshal"
    pack = parsed.ParsedPack(store)
    pack.check_pattern("a+")
    pack.save()
    header = importlib.util.MAGIC_NUMBER + parsed._FORMAT
    data = store.read_bytes()
    store.write_bytes(header.replace(sys.version.encode(), b"3.11.0") + data[len(header) :])
    assert parsed.ParsedPack(store).patterns == set()


def test_the_policy_checks_the_pack_s_patterns_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsed, "_STORE", parsed.ParsedPack(tmp_path / "store.marshal"))
    compiled = _counting_compiles(monkeypatch)
    first = load_policy(config=None, search_from=tmp_path)
    values = {value.pattern for category in first.categories for value in category.values}
    assert values and values <= set(compiled)  # the pack's category patterns, checked
    monkeypatch.setattr(parsed, "_STORE", parsed.ParsedPack(tmp_path / "store.marshal"))
    del compiled[:]
    second = load_policy(config=None, search_from=tmp_path)
    assert not values & set(compiled)
    assert second.categories == first.categories


def test_a_bad_pattern_in_the_pack_is_a_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(pack_dir(), pack)
    taxonomy = pack / "taxonomy.toml"
    text = taxonomy.read_text(encoding="utf-8")
    bad = "pattern = '(?i)(?<=[?&;])pass=(?P<value>[^\\s&#;]+)'"
    assert bad in text
    taxonomy.write_text(text.replace(bad, "pattern = '(?<=a+)pass=(?P<value>x)'"), "utf-8")
    monkeypatch.setattr(load, "pack_dir", lambda: pack)
    monkeypatch.setattr(parsed, "_STORE", parsed.ParsedPack(tmp_path / "store.marshal"))
    for _ in range(2):  # the store does not remember a pattern that does not compile
        with pytest.raises(ConfigError, match="invalid regular expression: look-behind"):
            load_policy(config=None, search_from=tmp_path)


def test_the_stores_digest_is_sha1() -> None:
    data = "taxonomy ✓".encode()
    assert marshalled.sha1_digest(data) == hashlib.sha1(data).digest()
