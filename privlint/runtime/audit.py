"""The audit log: one JSON line per refused (or, in warn mode, allowed but reported)
network call. Lines name the time, host, rule, client and calling module; never a
URL path, a query, a header or a payload."""

from __future__ import annotations

import os
import sys
import threading
from typing import TextIO

from privlint.runtime import _state

__all__ = ["AuditLog"]

#: Environment variable naming a file that audit lines are appended to.
AUDIT_LOG_ENV = "PRIVLINT_AUDIT_LOG"


class AuditLog:
    """Where audit lines go: a file path (appended to, opened per line so that log
    rotation works), an open text stream, or, by default, ``$PRIVLINT_AUDIT_LOG`` or
    else standard error. Writing never raises into the program."""

    def __init__(self, target: str | os.PathLike[str] | TextIO | None = None) -> None:
        if target is None:
            target = os.environ.get(AUDIT_LOG_ENV) or None
        self._path: str | None = None
        self._stream: TextIO | None = None
        if isinstance(target, (str, os.PathLike)):
            self._path = os.fspath(target)
        else:
            self._stream = target
        self._lock = threading.Lock()

    def write(self, event: dict[str, object]) -> None:
        import json

        try:
            line = json.dumps(event, sort_keys=True, ensure_ascii=False, default=str) + "\n"
            with self._lock:
                if self._path is not None:
                    with open(self._path, "a", encoding="utf-8") as handle:
                        handle.write(line)
                else:
                    stream = self._stream or sys.stderr
                    stream.write(line)
                    stream.flush()
        except Exception:
            _state.count("audit_errors")

    def __repr__(self) -> str:
        return f"AuditLog({self._path or self._stream or 'stderr'!r})"
