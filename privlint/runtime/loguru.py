"""A loguru patcher that masks each record's message and ``extra`` with the policy.

``install()`` chains it after loguru's configured patcher; or use it yourself::

    logger.configure(patcher=privlint.runtime.loguru.patcher)

Tracebacks: loguru's handlers render the exception from the exception object, after
every patcher has run, so ``install()`` also wraps loguru's exception formatter to
mask the text it renders (coloured tracebacks whose plain text needs masking lose
their colours). Not masked: the coloured copy of the message with
``opt(colors=True)``, the exception object that ``serialize=True`` writes as it is,
and local-variable values that ``diagnose=True`` prints without a telling name or
shape (loguru's default is ``diagnose=True``; turn it off in production).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

from privlint.runtime import _state

__all__ = ["install_loguru", "patcher", "uninstall_loguru"]

_WITHHELD = "[privlint: content withheld, masking failed]"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def mask_traceback(text: str) -> str:
    """A traceback loguru rendered, masked. Colour codes can split a value, so the
    text is also looked at without them; if that needs masking, the plain text is
    returned masked. Never raises."""
    try:
        masker = _state.masker()
        if "\x1b[" in text:
            plain = _ANSI.sub("", text)
            masked_plain = masker.mask(plain)
            if masked_plain is not plain:
                return masked_plain
        return masker.mask(text)
    except Exception:
        _state.count("mask_errors")
        return "[privlint: traceback withheld, masking failed]\n"


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

        formatter_class = _exception_formatter_class()
        original = None
        if formatter_class is not None:
            original = formatter_class.__dict__["format_exception"]

            def format_exception(self: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
                yield mask_traceback("".join(original(self, *args, **kwargs)))

            format_exception.__wrapped__ = original  # type: ignore[attr-defined]
            formatter_class.format_exception = format_exception
        core.patcher = chained
        _saved = [core, previous, chained, formatter_class, original]
        return True


def _exception_formatter_class() -> Any:
    """loguru's traceback renderer, when this version has the one we know."""
    try:
        from loguru._better_exceptions import ExceptionFormatter
    except ImportError:
        return None
    if not callable(ExceptionFormatter.__dict__.get("format_exception")):
        return None
    return ExceptionFormatter


def uninstall_loguru() -> None:
    global _saved
    with _lock:
        if _saved is None:
            return
        core, previous, chained, formatter_class, original = _saved
        if core.patcher is chained:
            core.patcher = previous
        if formatter_class is not None:
            formatter_class.format_exception = original
        _saved = None
