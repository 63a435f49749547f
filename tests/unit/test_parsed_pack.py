"""privlint.policy.parsed: the rule pack's TOML parsed once per installation gives
the tables tomllib gives, and is parsed again when a file changes."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest

from privlint.policy import parsed
from privlint.policy.load import load_policy, pack_dir


@pytest.fixture(autouse=True)
def writes_bytecode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


@pytest.mark.parametrize("name", sorted(p.name for p in pack_dir().glob("*.toml")))
def test_every_pack_file_reads_as_tomllib_reads_it(tmp_path: Path, name: str) -> None:
    file = pack_dir() / name
    expected = tomllib.loads(file.read_text(encoding="utf-8"))
    store = tmp_path / "store.marshal"
    assert parsed.ParsedPack(store).load(file) == expected  # parsed, then stored
    again = parsed.ParsedPack(store)
    assert name in again.entries
    assert again.load(file) == expected  # from the store
    assert not again.changed


def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    file = tmp_path / "pack.toml"
    store = tmp_path / "store.marshal"
    file.write_text("[a]\nb = 1\n")
    assert parsed.ParsedPack(store).load(file) == {"a": {"b": 1}}
    file.write_text("[a]\nb = 2\n")
    assert parsed.ParsedPack(store).load(file) == {"a": {"b": 2}}
    assert parsed.ParsedPack(store).load(file) == {"a": {"b": 2}}


def test_each_load_returns_new_objects(tmp_path: Path) -> None:
    file = tmp_path / "pack.toml"
    file.write_text("[a]\nb = [1, 2]\n")
    pack = parsed.ParsedPack(tmp_path / "store.marshal")
    first = pack.load(file)
    first["a"]["b"].append(3)
    assert pack.load(file) == {"a": {"b": [1, 2]}}


def test_errors_are_tomllib_s(tmp_path: Path) -> None:
    file = tmp_path / "pack.toml"
    file.write_text("[a\n")
    with pytest.raises(tomllib.TOMLDecodeError):
        parsed.ParsedPack(tmp_path / "store.marshal").load(file)
    with pytest.raises(OSError):
        parsed.ParsedPack(tmp_path / "store.marshal").load(tmp_path / "missing.toml")


def test_a_date_is_read_but_not_stored(tmp_path: Path) -> None:
    file = tmp_path / "pack.toml"
    file.write_text("when = 2024-01-01\n")
    store = tmp_path / "store.marshal"
    assert str(parsed.ParsedPack(store).load(file)["when"]) == "2024-01-01"
    assert parsed.ParsedPack(store).entries == {}


@pytest.mark.parametrize(
    "content",
    [b"", b"junk", importlib.util.MAGIC_NUMBER + parsed._FORMAT + b"\x00", b"\x00\x00\r\n" * 9],
)
def test_a_damaged_store_is_ignored_and_rewritten(tmp_path: Path, content: bytes) -> None:
    file = tmp_path / "pack.toml"
    file.write_text("x = 1\n")
    store = tmp_path / "store.marshal"
    store.write_bytes(content)
    assert parsed.ParsedPack(store).entries == {}
    assert parsed.ParsedPack(store).load(file) == {"x": 1}
    assert "pack.toml" in parsed.ParsedPack(store).entries


def test_nothing_is_written_when_python_writes_no_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    file = tmp_path / "pack.toml"
    file.write_text("x = 1\n")
    store = tmp_path / "store.marshal"
    assert parsed.ParsedPack(store).load(file) == {"x": 1}
    assert not store.exists()


def test_the_policy_is_the_same_from_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsed, "store_path", lambda: tmp_path / "store.marshal")
    monkeypatch.setattr(parsed, "_STORE", None)
    fresh = load_policy()
    assert (tmp_path / "store.marshal").is_file()
    monkeypatch.setattr(parsed, "_STORE", None)
    stored = load_policy()
    assert parsed._STORE is not None and not parsed._STORE.changed
    assert stored == fresh
