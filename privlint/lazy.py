"""Cheaper imports for the command line: a module is loaded when first used, not when
imported, so that a run that never parses Python (a pre-commit hook on a file no CST
rule wants, a warm cache) does not pay for importing libcst; the code that
``dataclasses`` generates for libcst's classes is compiled once, not on every run; and
so are the regular expressions that modules compile when they are imported.

Importing this module does all three (the command line imports it first); the library
API and the runtime shim do not import it and are unchanged.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's regex engine, no stubs
import atexit
import builtins
import importlib
import importlib.util
import re
import sys
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from privlint.marshalled import PACK_PATTERN_CODE, read_store, sha1_digest, write_store


class _Deferred(types.ModuleType):
    """Stands in ``sys.modules`` for a module until one of its attributes is read; then
    imports it and takes its namespace, so that every ``import`` made meanwhile sees
    the real classes and functions (``isinstance`` checks stay right)."""

    def __getattr__(self, attribute: str) -> object:
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        try:
            real = importlib.import_module(name)
        except BaseException:
            sys.modules.setdefault(name, self)
            raise
        self.__dict__.update(real.__dict__)
        return getattr(real, attribute)


def defer(name: str) -> None:
    """Make ``import name`` cheap until an attribute of the module is used. Does
    nothing when it is already imported or cannot be found."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return
    module = _Deferred(name)
    module.__spec__ = spec
    sys.modules[name] = module


# -- generated code, compiled once per installation --------------------------------
# ``dataclasses`` writes the source of each class's ``__init__``, ``__eq__``,
# ``__repr__``... and compiles it when the class is defined: importing libcst (about
# 300 dataclasses) spends half its time in that compiler. The same source always
# compiles to the same code, so the command line keeps the code objects, keyed by a
# digest of their source, in privlint's own ``__pycache__`` (where Python keeps the
# compiled modules, with the same trust), and compiles only what is new.

#: header of the file: Python's bytecode magic number (``importlib.util.MAGIC_NUMBER``)
#: and a format version of our own
_FORMAT = b"privlint-generated-code/1\n"
#: entries kept at most; past that, a run keeps only those it used
MAX_CODE_ENTRIES = 5000


class CodeCache:
    """Compiled code of generated source, by the sha1 of the source text."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.code: dict[bytes, types.CodeType] = {}
        self.used: set[bytes] = set()
        self.new = 0
        if path is not None:
            self.code = _read_code(path)

    def exec(
        self,
        source: object,
        globals: dict[str, Any] | None = None,
        locals: Mapping[str, object] | None = None,
        /,
    ) -> None:
        """``exec``, compiling source text once: the text alone decides the code
        (``dont_inherit``: no ``__future__`` flag of this module leaks in; the caller,
        ``dataclasses``, has none)."""
        if type(source) is str:
            key = sha1_digest(source.encode("utf-8", "surrogatepass"))
            code = self.code.get(key)
            if code is None:
                code = compile(source, "<string>", "exec", dont_inherit=True)
                self.code[key] = code
                self.new += 1
            self.used.add(key)
            source = code
        builtins.exec(source, globals, locals)  # type: ignore[arg-type]

    def save(self) -> None:
        """Write the file when this run compiled anything new (atomically; a run
        that cannot write leaves it as it was)."""
        if self.path is None or not self.new:
            return
        code = self.code
        if len(code) > MAX_CODE_ENTRIES:
            code = {key: value for key, value in code.items() if key in self.used}
        write_store(self.path, _FORMAT, code)


def _read_code(path: Path) -> dict[bytes, types.CodeType]:
    """The file's entries; none when it is missing, of another Python or damaged."""
    entries = read_store(path, _FORMAT)
    return {
        key: value
        for key, value in entries.items()
        if type(key) is bytes and type(value) is types.CodeType
    }


def code_cache_path() -> Path:
    """Where the command line keeps compiled generated code: privlint's ``__pycache__``."""
    tag = sys.implementation.cache_tag or "python"
    return Path(__file__).parent / "__pycache__" / f"generated-code.{tag}.marshal"


def cache_generated_code(path: Path | None = None) -> CodeCache | None:
    """Make ``dataclasses`` compile through a :class:`CodeCache` read from ``path``
    (default :func:`code_cache_path`), saved when the process exits. Only while
    ``dataclasses`` compiles with ``exec`` of source text (CPython 3.10-3.13) and
    nothing else has replaced its ``exec``; returns the cache, or None."""
    import dataclasses

    if "exec" in vars(dataclasses) or "exec" not in _names(dataclasses):
        return None
    cache = CodeCache(code_cache_path() if path is None else path)
    dataclasses.exec = cache.exec  # type: ignore[attr-defined]
    atexit.register(cache.save)
    return cache


def _names(module: types.ModuleType) -> set[str]:
    """The global names the module's functions use."""
    names: set[str] = set()
    for value in vars(module).values():
        code = getattr(value, "__code__", None)
        if isinstance(code, types.CodeType):
            names.update(code.co_names)
    return names


# -- regular expressions compiled at import, compiled once per installation ---------
# Modules compile their patterns when they are imported (privlint's own, the standard
# library's, libcst's): a tenth of a one-file run goes to ``re``'s parser and compiler,
# written in Python. What they produce for a pattern (the code the regex engine runs,
# its flags and groups) depends on the pattern, its flags and the Python alone, so the
# command line keeps it beside the compiled modules and rebuilds the pattern from it
# with ``_sre.compile``, as ``re`` itself does last.
#
# Only patterns compiled while a module is being imported (a module's top-level code,
# or what it calls), or by a function marked as building them from the rule pack and
# the configuration alone (:func:`privlint.marshalled.compiles_pack_patterns`), are
# kept: a pattern built while files are scanned may hold what was found in them (a
# password escaped into a pattern), and nothing found in a file is ever written here.
# Such patterns are compiled as usual.

#: header of the file: the bytecode magic number, then our format, the regex engine's
#: version and Python's (a fix to ``re``'s compiler in a patch release changes code)
_PATTERNS_FORMAT = b"privlint-compiled-patterns/1 %d %s\n" % (
    _sre.MAGIC,
    sys.version.encode("utf-8", "replace"),
)
#: entries kept at most; past that, a run keeps only those it used
MAX_PATTERN_ENTRIES = 4000
#: the names ``re._compiler.compile`` uses in CPython 3.11-3.13, whose last step this
#: cache repeats (parse, generate code, then ``_sre.compile``); another ``re`` is left alone
_RE_COMPILE_NAMES = (
    "isstring", "_parser", "parse", "_code", "SRE_FLAG_DEBUG", "print", "dis", "state",
    "groupdict", "groups", "items", "_sre", "compile", "flags", "tuple",
)  # fmt: skip

#: an entry: (flags of the compiled pattern, its code, groups, {group name: index})
_Entry = tuple[int, list[int], int, dict[str, int]]


class PatternCache:
    """What ``re`` compiled for a pattern, by (pattern, flags), kept for those compiled
    while a module is imported."""

    def __init__(self, path: Path | None, original: Any) -> None:
        self.path = path
        self.original = original
        self.entries: dict[tuple[str | bytes, int], _Entry] = {}
        self.used: set[tuple[str | bytes, int]] = set()
        self.new = 0
        if path is not None:
            self.entries = _read_patterns(path)

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        """``re._compiler.compile``: from the cache when the pattern is in it, else
        compiled and, when a module's import compiles it, kept."""
        if type(pattern) not in (str, bytes) or flags & re.DEBUG:
            return self.original(pattern, flags)
        key = (pattern, int(flags))
        entry = self.entries.get(key)
        if entry is not None:
            try:
                compiled = _build(pattern, entry)
            except Exception:  # a damaged entry: compile as usual, keep it out
                self.entries.pop(key, None)
            else:
                self.used.add(key)
                return compiled
        compiled = self.original(pattern, flags)
        if _keepable(sys._getframe(1)):
            entry = _entry_of(compiled, pattern, flags)
            if entry is not None:
                self.entries[key] = entry
                self.used.add(key)
                self.new += 1
        return compiled

    def save(self) -> None:
        """Write the file when this run kept anything new (atomically; a run that
        cannot write leaves it as it was)."""
        if self.path is None or not self.new:
            return
        entries = self.entries
        if len(entries) > MAX_PATTERN_ENTRIES:
            entries = {key: value for key, value in entries.items() if key in self.used}
        write_store(self.path, _PATTERNS_FORMAT, entries)


def _build(pattern: str | bytes, entry: _Entry) -> Any:
    """The compiled pattern, as ``re._compiler.compile`` makes it from its code."""
    flags, code, groups, groupindex = entry
    indexgroup: list[str | None] = [None] * (groups + 1)
    for name, index in groupindex.items():
        indexgroup[index] = name
    return _sre.compile(pattern, flags, list(code), groups, dict(groupindex), tuple(indexgroup))


def _entry_of(compiled: Any, pattern: str | bytes, flags: int) -> _Entry | None:
    """What to keep for ``compiled``: its code, generated again the way ``re`` does;
    None unless the pattern built from it equals ``compiled`` (flags, code, groups)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    try:
        code = _compiler._code(_parser.parse(pattern, flags), flags)
        entry = (
            compiled.flags,
            [int(word) for word in code],
            compiled.groups,
            dict(compiled.groupindex),
        )
        rebuilt = _build(pattern, entry)
    except Exception:
        return None
    if rebuilt != compiled or rebuilt.groupindex != compiled.groupindex:
        return None
    return entry


def _keepable(frame: types.FrameType | None) -> bool:
    """Whether a pattern compiled from ``frame`` may be kept: a function marked
    :func:`~privlint.marshalled.compiles_pack_patterns` runs in its stack, or the
    innermost module-level code running there is an imported module's file (its
    top-level code, or a function or class body it runs), not ``__main__``'s, from
    which the command line runs, nor text given to ``exec``."""
    while frame is not None:
        if frame.f_code in PACK_PATTERN_CODE:
            return True
        if frame.f_code.co_name == "<module>":
            name = frame.f_globals.get("__name__")
            source = frame.f_globals.get("__file__")
            return name != "__main__" and frame.f_code.co_filename == source
        frame = frame.f_back
    return False


def _read_patterns(path: Path) -> dict[tuple[str | bytes, int], _Entry]:
    """The file's entries; none when it is missing, of another Python or damaged."""
    entries = read_store(path, _PATTERNS_FORMAT)
    return {
        key: value
        for key, value in entries.items()
        if type(key) is tuple
        and len(key) == 2
        and type(key[0]) in (str, bytes)
        and type(key[1]) is int
        and type(value) is tuple
        and len(value) == 4
        and type(value[0]) is int
        and type(value[1]) is list
        and type(value[2]) is int
        and type(value[3]) is dict
    }


def pattern_cache_path() -> Path:
    """Where the command line keeps compiled patterns: privlint's ``__pycache__``."""
    tag = sys.implementation.cache_tag or "python"
    return Path(__file__).parent / "__pycache__" / f"compiled-patterns.{tag}.marshal"


def cache_compiled_patterns(path: Path | None = None) -> PatternCache | None:
    """Make ``re`` compile through a :class:`PatternCache` read from ``path`` (default
    :func:`pattern_cache_path`), saved when the process exits. Only while ``re``'s
    compiler is the one this cache knows (CPython 3.11-3.13) and nothing else has
    replaced it; returns the cache, or None."""
    from re import _compiler  # type: ignore[attr-defined]

    original = _compiler.compile
    if getattr(original, "__code__", None) is None:
        return None
    if original.__code__.co_names != _RE_COMPILE_NAMES or not hasattr(_compiler, "_code"):
        return None
    cache = PatternCache(pattern_cache_path() if path is None else path, original)
    _compiler.compile = cache.compile
    atexit.register(cache.save)
    return cache


# libcst until a file is parsed; subprocess, tempfile and shutil until git, semgrep or
# the cache's writes need them, which a check of one Python file does not; hashlib
# (OpenSSL) until a finding's fingerprint, difflib until a suggested spelling. Each is
# imported whole (``import subprocess``) by privlint and what it imports, and its
# functions are what is used, not module state read through the stand-in.
for _name in ("libcst", "subprocess", "tempfile", "shutil", "hashlib", "difflib"):
    defer(_name)
cache_generated_code()
cache_compiled_patterns()
