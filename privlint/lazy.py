"""Cheaper imports for the command line: a module is loaded when first used, not when
imported, so that a run that never parses Python (a pre-commit hook on a file no CST
rule wants, a warm cache) does not pay for importing libcst; and the code that
``dataclasses`` generates for libcst's classes is compiled once, not on every run.

Importing this module does both (the command line imports it first); the library
API and the runtime shim do not import it and are unchanged.
"""

from __future__ import annotations

import atexit
import builtins
import hashlib
import importlib
import importlib.util
import sys
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from privlint.marshalled import read_store, write_store


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
            key = hashlib.sha1(source.encode("utf-8", "surrogatepass")).digest()
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


defer("libcst")
cache_generated_code()
