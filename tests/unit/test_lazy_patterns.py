"""privlint.lazy's cache of compiled regular expressions: a pattern rebuilt from it is
the one ``re`` compiles, only patterns compiled by a module's import are kept (never
one built while files are scanned), and the file is reused, bounded, and ignored when
damaged or written by another Python."""

from __future__ import annotations

import fnmatch
import importlib
import importlib.util
import marshal
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from privlint import lazy
from privlint.marshalled import PACK_PATTERN_CODE, compiles_pack_patterns
from privlint.policy.model import globs_pattern

_compiler: Any = importlib.import_module("re._compiler")

#: patterns with what a cached entry must carry: groups, names, flags, bytes,
#: case folding of non-ASCII letters, look-behind, possessive and atomic parts
PATTERNS: list[tuple[str | bytes, int]] = [
    (r"abc", 0),
    (r"(?P<user>\w+)@(?P<host>[\w.]+)", 0),
    (r"(a)(b)?(?:c)(?P<d>d)", 0),
    (r"straße|ǅ|\bΣ\w*", re.IGNORECASE),
    (r"(?i)token\s*=\s*(['\"])(.+?)\1", 0),
    (r"^\s*#.*$", re.MULTILINE),
    (r"(?<=k_live_)[0-9a-z]{8,}", 0),
    (r"(?>a+)b|c*+d", 0),
    (r"  x   # comment\n  y", re.VERBOSE),
    (rb"\x00[\x80-\xff]+(?P<tail>.)", re.DOTALL),
    (rb"(?L)\w+", 0),
    (r"[^\W\d_]{2,}", re.ASCII),
]

SAMPLES = ["abc", "me@example.org", "abcd", "STRASSE ǆ σίγμα", "TOKEN = 'x1'", "k_live_abcdefgh1"]


def _install(path: Path, monkeypatch: pytest.MonkeyPatch) -> lazy.PatternCache:
    """A cache at ``path`` for this test only (no atexit save), and ``re``'s own
    cache emptied so that every pattern reaches it."""
    cache = lazy.PatternCache(path, _compiler.compile)
    monkeypatch.setattr(_compiler, "compile", cache.compile)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    re.purge()
    return cache


@pytest.fixture
def caching(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], lazy.PatternCache]]:
    yield lambda path: _install(path, monkeypatch)
    re.purge()


def _module_compiling(folder: Path, name: str, patterns: list[tuple[str | bytes, int]]) -> Any:
    """Import a new module whose top-level code compiles ``patterns``."""
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.py").write_text(
        f"import re\nPATTERNS = [re.compile(pattern, flags) for pattern, flags in {patterns!r}]\n",
        encoding="utf-8",
    )
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop(name, None)


def test_patterns_rebuilt_from_the_cache_are_those_re_compiles(
    caching: Any, tmp_path: Path
) -> None:
    path = tmp_path / "patterns.marshal"
    first = caching(path)
    _module_compiling(tmp_path / "m", "patterns_first", PATTERNS)
    assert first.new == len(PATTERNS)
    first.save()
    second = caching(path)
    rebuilt = _module_compiling(tmp_path / "m", "patterns_second", PATTERNS).PATTERNS
    assert second.new == 0 and len(second.used) == len(PATTERNS)
    for compiled, (pattern, flags) in zip(rebuilt, PATTERNS, strict=True):
        plain = second.original(pattern, flags)
        assert compiled == plain  # flags, code and pattern
        assert (compiled.groups, compiled.groupindex) == (plain.groups, plain.groupindex)
        for sample in SAMPLES:
            text: str | bytes = sample.encode("utf-8") if isinstance(pattern, bytes) else sample
            found, expected = compiled.search(text), plain.search(text)
            assert (found and (found.span(), found.groups())) == (
                expected and (expected.span(), expected.groups())
            )


def _compile_in_a_function(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def test_only_patterns_an_import_compiles_are_kept(caching: Any, tmp_path: Path) -> None:
    # a test runs under pytest's __main__, as a scan runs under privlint's: what a
    # function compiles then may come from a scanned file (a password escaped into a
    # pattern) and is never written
    path = tmp_path / "patterns.marshal"
    cache = caching(path)
    secret = re.escape("hunter2-correct-horse")
    _compile_in_a_function(f"//user:{secret}@")
    assert cache.new == 0 and not cache.entries
    _module_compiling(tmp_path / "m", "patterns_kept", [(r"kept\d+", 0)])
    assert list(cache.entries) == [(r"kept\d+", 0)]
    cache.save()
    assert b"hunter2" not in path.read_bytes()


def test_patterns_compiled_by_text_given_to_exec_are_not_kept(caching: Any, tmp_path: Path) -> None:
    # module-level code, with an imported module's globals, that is no module's file
    cache = caching(tmp_path / "patterns.marshal")
    imported = _module_compiling(tmp_path / "m", "patterns_exec", [(r"kept\d", 0)])
    exec("import re\nre.compile('found-in-a-scan')", vars(imported))
    assert list(cache.entries) == [(r"kept\d", 0)]


def test_patterns_of_a_function_marked_as_compiling_the_pack_s_are_kept(
    caching: Any, tmp_path: Path
) -> None:
    cache = caching(tmp_path / "patterns.marshal")

    @compiles_pack_patterns
    def pack_globs(globs: list[str]) -> re.Pattern[str]:
        return _compile_in_a_function("|".join(fnmatch.translate(glob) for glob in globs))

    try:
        pack_globs(["django.*", "flask.Response"])
    finally:
        PACK_PATTERN_CODE.discard(pack_globs.__code__)
    assert [key[0] for key in cache.entries] == [
        "|".join(fnmatch.translate(glob) for glob in ["django.*", "flask.Response"])
    ]
    # the policy's globs are built that way
    assert globs_pattern.__code__ in PACK_PATTERN_CODE


def test_the_command_line_keeps_nothing_it_found(
    caching: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from privlint.cli import main

    path = tmp_path / "patterns.marshal"
    cache = caching(path)
    compiled: list[str | bytes] = []
    original = cache.original

    def recording(pattern: str | bytes, flags: int = 0) -> Any:
        compiled.append(pattern)
        return original(pattern, flags)

    cache.original = recording
    source = tmp_path / "app.py"
    password = "Zq8vT2kLm9xWp4Rs"
    source.write_text(
        "import requests\n"
        f'PASSWORD = "{password}"\n'
        f'requests.get("https://admin:{password}@db.example.org/")\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(source), "--no-cache", "--format", "json"]) == 1
    # the secrets scan escaped the password into a pattern (this test's premise)
    assert any(password in str(pattern) for pattern in compiled)
    cache.save()
    assert not path.exists() or password.encode() not in path.read_bytes()
    assert all(password not in str(key[0]) for key in cache.entries)


def test_a_damaged_entry_is_compiled_as_usual(caching: Any, tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    key = (r"(a)b", 0)
    damaged: dict[tuple[str, int], tuple[int, list[int], int, dict[str, int]]]
    damaged = {key: (32, [1, 2, 3], 1, {})}  # not code the regex engine accepts
    path.write_bytes(importlib.util.MAGIC_NUMBER + lazy._PATTERNS_FORMAT + marshal.dumps(damaged))
    cache = caching(path)
    assert key in cache.entries
    compiled = _compile_in_a_function(key[0])
    assert compiled == cache.original(*key) and key not in cache.entries


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"garbage",
        importlib.util.MAGIC_NUMBER + lazy._PATTERNS_FORMAT + b"\x00\x01",
        importlib.util.MAGIC_NUMBER + lazy._PATTERNS_FORMAT + marshal.dumps({("a", 0): "x"}),
        b"\xff" * 100,
    ],
)
def test_a_damaged_file_is_ignored_and_rewritten(
    caching: Any, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "patterns.marshal"
    path.write_bytes(content)
    cache = caching(path)
    assert cache.entries == {}
    _module_compiling(tmp_path / "m", "patterns_damaged", [(r"x+y", 0)])
    cache.save()
    assert lazy.PatternCache(path, cache.original).entries.keys() == {(r"x+y", 0)}


def test_another_python_s_file_is_ignored(caching: Any, tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    cache = caching(path)
    _module_compiling(tmp_path / "m", "patterns_other", [(r"x+y", 0)])
    cache.save()
    header = importlib.util.MAGIC_NUMBER + lazy._PATTERNS_FORMAT
    data = path.read_bytes()
    assert data.startswith(header)
    # a patch release of the same Python: the same magic number, another version line
    other = header.replace(sys.version.encode(), b"3.11.0 (another build)")
    path.write_bytes(other + data[len(header) :])
    assert lazy.PatternCache(path, cache.original).entries == {}


def test_the_file_is_bounded(caching: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "patterns.marshal"
    first = caching(path)
    _module_compiling(tmp_path / "m", "patterns_old", [(f"old{i}", 0) for i in range(10)])
    first.save()
    monkeypatch.setattr(lazy, "MAX_PATTERN_ENTRIES", 5)
    second = caching(path)
    _module_compiling(tmp_path / "m", "patterns_new", [(r"new\d", 0)])
    second.save()
    assert lazy.PatternCache(path, second.original).entries.keys() == {(r"new\d", 0)}


def test_nothing_is_written_when_python_writes_no_bytecode(
    caching: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "patterns.marshal"
    cache = caching(path)
    _module_compiling(tmp_path / "m", "patterns_unwritten", [(r"x+y", 0)])
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    cache.save()
    assert not path.exists()


def test_what_is_not_pattern_text_passes_through(caching: Any, tmp_path: Path) -> None:
    cache = caching(tmp_path / "patterns.marshal")
    with pytest.raises(re.error):
        _compile_in_a_function("(unclosed")
    # re.Scanner compiles a parsed pattern, not text
    scanner = re.Scanner([(r"\d+", lambda _, token: int(token))])  # type: ignore[attr-defined]
    assert scanner.scan("12")[0] == [12]
    re.compile("x", re.DEBUG)  # printed by re, never kept
    assert cache.entries == {}


def test_the_command_line_installs_it() -> None:
    import privlint.cli  # noqa: F401

    assert isinstance(getattr(_compiler.compile, "__self__", None), lazy.PatternCache)
    assert lazy.pattern_cache_path().parent == Path(lazy.__file__).parent / "__pycache__"
