"""privlint.lazy's cache of generated code: the classes ``dataclasses`` builds through
it are the same as without it, and the file it keeps is reused, bounded, and ignored
when damaged."""

from __future__ import annotations

import dataclasses
import importlib.util
import marshal
import sys
from pathlib import Path
from typing import Any

import pytest

from privlint import lazy


@pytest.fixture
def compiling_through(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Install a cache at a path for the test only (and no atexit save)."""

    def install(path: Path) -> lazy.CodeCache:
        cache = lazy.CodeCache(path)
        monkeypatch.setattr(dataclasses, "exec", cache.exec, raising=False)
        monkeypatch.setattr(sys, "dont_write_bytecode", False)
        return cache

    return install


def _make_class() -> type:
    @dataclasses.dataclass(frozen=True, order=True)
    class Point:
        x: int
        y: int = 0
        tags: tuple[str, ...] = ()

    return Point


def _functions(cls: type) -> dict[str, Any]:
    return {
        name: getattr(cls, name)
        for name in ("__init__", "__eq__", "__lt__", "__hash__", "__repr__", "__setattr__")
    }


def test_classes_are_the_same_with_the_cache(compiling_through: Any, tmp_path: Path) -> None:
    monkey_free = _make_class()
    cache = compiling_through(tmp_path / "code.marshal")
    cached = _make_class()
    assert cache.new > 0
    for name, function in _functions(cached).items():
        plain = _functions(monkey_free)[name]
        assert function.__code__.co_code == plain.__code__.co_code, name
        assert function.__code__.co_consts == plain.__code__.co_consts, name
        assert function.__annotations__ == plain.__annotations__, name
    point = cached(1, 2)
    assert (
        point == cached(1, 2) and point < cached(2) and repr(point).endswith("(x=1, y=2, tags=())")
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 3


def test_a_second_run_compiles_nothing(compiling_through: Any, tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    first = compiling_through(path)
    _make_class()
    first.save()
    assert path.is_file()
    second = compiling_through(path)
    _make_class()
    assert second.new == 0 and second.used
    second.save()  # nothing new: not rewritten
    assert second.code.keys() == first.code.keys()


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", importlib.util.MAGIC_NUMBER + lazy._FORMAT + b"\x00\x01", b"\xff" * 100],
)
def test_a_damaged_file_is_ignored_and_rewritten(
    compiling_through: Any, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "code.marshal"
    path.write_bytes(content)
    cache = compiling_through(path)
    assert cache.code == {}
    _make_class()
    cache.save()
    assert lazy.CodeCache(path).code.keys() == cache.code.keys()


def test_another_python_s_file_is_ignored(compiling_through: Any, tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    cache = compiling_through(path)
    _make_class()
    cache.save()
    data = path.read_bytes()
    path.write_bytes(b"\x00\x00\r\n" + data[4:])  # another bytecode magic number
    assert lazy.CodeCache(path).code == {}


def test_the_file_is_bounded(
    compiling_through: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "code.marshal"
    old = {bytes([i]) * 20: compile("pass", "<string>", "exec") for i in range(10)}
    path.write_bytes(importlib.util.MAGIC_NUMBER + lazy._FORMAT + marshal.dumps(old))
    monkeypatch.setattr(lazy, "MAX_CODE_ENTRIES", 5)
    cache = compiling_through(path)
    _make_class()
    cache.save()
    kept = lazy.CodeCache(path).code
    assert kept.keys() == cache.used and not kept.keys() & old.keys()


def test_nothing_is_written_when_python_writes_no_bytecode(
    compiling_through: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "code.marshal"
    cache = compiling_through(path)
    _make_class()
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    cache.save()
    assert not path.exists()


def test_an_unwritable_folder_is_no_error(compiling_through: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = compiling_through(blocker / "sub" / "code.marshal")
    _make_class()
    cache.save()  # the folder cannot be made: nothing happens


def test_the_command_line_installs_it() -> None:
    # privlint.cli imports privlint.lazy, which installs the cache on dataclasses
    import privlint.cli  # noqa: F401

    assert isinstance(getattr(dataclasses, "exec", None).__self__, lazy.CodeCache)  # type: ignore[union-attr]
    assert lazy.code_cache_path().parent == Path(lazy.__file__).parent / "__pycache__"
