"""Small stores that privlint keeps with ``marshal`` in its own ``__pycache__`` (where
Python keeps the compiled modules, with the same trust): the code ``dataclasses``
generates and the regular expressions compiled at import (:mod:`privlint.lazy`), and
the parsed rule pack (:mod:`privlint.policy.parsed`). A store starts with Python's
bytecode magic number and a format line of its own, so a store of another Python or
another format is ignored, as is a damaged one."""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import marshal
import os
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

try:  # the interpreter's own SHA-1: importing hashlib loads OpenSSL, which a check of
    # one file that finds nothing does not otherwise need
    _sha1: Any = importlib.import_module("_sha1").sha1
except ImportError:  # pragma: no cover - a Python built without it
    import hashlib

    _sha1 = hashlib.sha1


def sha1_digest(data: bytes) -> bytes:
    """The SHA-1 digest of ``data`` (the stores' keys)."""
    digest: bytes = _sha1(data).digest()
    return digest


_Function = TypeVar("_Function", bound=Callable[..., Any])

#: the code of the functions marked :func:`compiles_pack_patterns`
PACK_PATTERN_CODE: set[types.CodeType] = set()


def compiles_pack_patterns(function: _Function) -> _Function:
    """Mark a function whose regular expressions are built from the rule pack and the
    configuration only, never from a scanned file's text: the command line keeps
    what ``re`` compiles for them, as for those compiled at import (:mod:`privlint.lazy`)."""
    PACK_PATTERN_CODE.add(function.__code__)
    return function


def read_store(path: Path, fmt: bytes) -> dict[Any, Any]:
    """The store's entries; none when it is missing, of another Python or format, or
    damaged. Callers check the types of what they take out."""
    header = importlib.util.MAGIC_NUMBER + fmt
    try:
        data = path.read_bytes()
        if not data.startswith(header):
            return {}
        entries = marshal.loads(memoryview(data)[len(header) :])
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def write_store(path: Path, fmt: bytes, entries: dict[Any, Any]) -> None:
    """Write the store atomically (a temporary file, then a rename), unless Python is
    told not to write bytecode; a run that cannot write leaves the store as it was."""
    if sys.dont_write_bytecode:
        return
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        temporary.write_bytes(importlib.util.MAGIC_NUMBER + fmt + marshal.dumps(entries))
        os.replace(temporary, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            temporary.unlink()
