"""Process-wide state of the runtime shim: the current masker and the error counters."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from privlint.runtime.mask import Masker

_lock = threading.Lock()
_masker: Masker | None = None

COUNTERS = ("mask_errors", "format_errors", "http_refused", "http_warned", "audit_errors")
_counts: dict[str, int] = dict.fromkeys(COUNTERS, 0)


def masker() -> Masker:
    """The process-wide masker, built from the project's policy on first use."""
    current = _masker
    if current is not None:
        return current
    return _load_default()


def _load_default() -> Masker:
    global _masker
    from privlint.policy import load_policy
    from privlint.runtime.mask import Masker

    with _lock:
        if _masker is None:
            _masker = Masker(load_policy())
        return _masker


def set_masker(new: Masker | None) -> None:
    """Replace the process-wide masker (``None``: load the policy again on next use)."""
    global _masker
    with _lock:
        _masker = new


def count(name: str) -> None:
    with _lock:
        _counts[name] += 1


def stats() -> dict[str, int]:
    with _lock:
        return dict(_counts)


def reset_stats() -> None:
    with _lock:
        for name in _counts:
            _counts[name] = 0
