"""A loguru patcher that masks each record's message and ``extra`` with the policy.

``install()`` chains it after loguru's configured patcher; or use it yourself::

    logger.configure(patcher=privlint.runtime.loguru.patcher)

Not masked: an exception's traceback, which loguru's handlers render from the
exception object, and the coloured copy of the message with ``opt(colors=True)``.
"""

from __future__ import annotations

import threading
from typing import Any

from privlint.runtime import _state

__all__ = ["install_loguru", "patcher", "uninstall_loguru"]

_WITHHELD = "[privlint: content withheld, masking failed]"


def patcher(record: Any) -> None:
    """Mask a loguru record in place. Never raises."""
    try:
        masker = _state.masker()
        message = record["message"]
        if isinstance(message, str):
            record["message"] = masker.mask(message)
        extra = record.get("extra")
        if extra:
            masked = masker.mask_data(extra)
            if masked is not extra:
                record["extra"] = masked
    except Exception:
        _state.count("mask_errors")
        try:
            record["message"] = _WITHHELD
            record["extra"] = {}
        except Exception:  # pragma: no cover
            pass


_lock = threading.Lock()
_saved: list[Any] | None = None


def install_loguru() -> bool:
    """Chain :func:`patcher` into the global loguru logger. False when loguru is not
    importable or its internals are not what this version expects."""
    global _saved
    try:
        from loguru import logger
    except ImportError:
        return False
    with _lock:
        if _saved is not None:
            return True
        core = getattr(logger, "_core", None)
        if core is None or not hasattr(core, "patcher"):
            return False
        previous = core.patcher

        def chained(record: Any) -> None:
            if previous is not None:
                previous(record)
            patcher(record)

        core.patcher = chained
        _saved = [core, previous, chained]
        return True


def uninstall_loguru() -> None:
    global _saved
    with _lock:
        if _saved is None:
            return
        core, previous, chained = _saved
        if core.patcher is chained:
            core.patcher = previous
        _saved = None
