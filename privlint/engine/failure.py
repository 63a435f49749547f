"""Describe an internal error without its message.

An exception raised while analysing a file may quote the file (``KeyError('hunter2')``),
so neither findings nor privlint's own log records carry its text or a formatted
traceback: only its type and the innermost place in privlint that it came from, which
is what a bug report needs.
"""

from __future__ import annotations

import traceback
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def describe(exc: BaseException) -> str:
    """``"KeyError at privlint/engine/dataflow.py:123"``: type and place, no message."""
    name = type(exc).__name__
    place = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        try:
            place = f"privlint/{path.resolve().relative_to(_PACKAGE).as_posix()}:{frame.lineno}"
        except ValueError:
            continue
    return f"{name} at {place}" if place else name
