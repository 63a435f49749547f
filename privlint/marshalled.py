"""Small stores that privlint keeps with ``marshal`` in its own ``__pycache__`` (where
Python keeps the compiled modules, with the same trust): the code ``dataclasses``
generates (:mod:`privlint.lazy`) and the parsed rule pack (:mod:`privlint.policy.parsed`).
A store starts with Python's bytecode magic number and a format line of its own, so a
store of another Python or another format is ignored, as is a damaged one."""

from __future__ import annotations

import contextlib
import importlib.util
import marshal
import os
import sys
from pathlib import Path
from typing import Any


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
