"""A loguru patcher that masks each record's message and ``extra`` with the policy.

``install()`` chains it after loguru's configured patcher; or use it yourself::

    logger.configure(patcher=privlint.runtime.loguru.patcher)

Tracebacks: loguru's handlers render the exception from the exception object, after
every patcher has run, so ``install()`` also wraps loguru's exception formatter to
mask the text it renders (coloured tracebacks whose plain text needs masking lose
their colours). With ``diagnose=True`` (loguru's default) the values of the names on
each failing line are printed under them: a value under a sensitive name
(``password``, ``user.api_key``) is masked whole, the others by their shapes. With
``serialize=True`` the JSON line, which holds the exception's own text beside the
rendered traceback, is masked as a whole, and stays JSON. These reach into loguru's
internals (``ExceptionFormatter``, ``Handler._serialize_record``), wrapped only when
this loguru version has them as expected. Not masked: the coloured copy of the message
with ``opt(colors=True)``.
"""

from __future__ import annotations

import json
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


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def mask_relevant_values(
    source: str, values: Iterator[tuple[int, str]]
) -> Iterator[tuple[int, str]]:
    """The ``(column, repr)`` pairs loguru's ``diagnose`` prints for a source line,
    each masked: whole under a sensitive name (the identifier at that column), else
    by shape. Never raises."""
    for column, text in values:
        try:
            masker = _state.masker()
            name = _IDENTIFIER.match(source, column)
            if name is not None and masker.is_sensitive_key(name.group()):
                text = "***"
            else:
                text = masker.mask(text)
        except Exception:
            _state.count("mask_errors")
            text = "[privlint: value withheld]"
        yield column, text


def mask_serialized(text: str) -> str:
    """A JSON line loguru's ``serialize=True`` wrote, masked, and still JSON: when
    masking the line changes it, its data is masked instead (strings by shape and
    key name, as :func:`privlint.runtime.mask_data` does) and written again, so that
    a number that looks like a card number (a thread id that passes Luhn) does not
    become ``***7232`` where JSON needs a number. Never raises."""
    try:
        masker = _state.masker()
        masked = masker.mask(text)
        if masked is text:
            return text
        try:
            data = json.loads(text)
        except ValueError:  # not JSON after all: the masked text
            return masked
        # as loguru writes it (default=str, not ASCII-only), one line
        return json.dumps(masker.mask_data(data), default=str, ensure_ascii=False) + "\n"
    except Exception:
        _state.count("mask_errors")
        return '{"text": "[privlint: record withheld, masking failed]"}\n'


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

        wrapped: list[tuple[Any, str, Any]] = []
        formatter_class = _exception_formatter_class()
        if formatter_class is not None:
            original = formatter_class.__dict__["format_exception"]

            def format_exception(self: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
                yield mask_traceback("".join(original(self, *args, **kwargs)))

            wrapped.append((formatter_class, "format_exception", format_exception))
            relevant = formatter_class.__dict__.get("_get_relevant_values")
            if callable(relevant):

                def get_relevant_values(self: Any, source: str, frame: Any) -> Any:
                    return mask_relevant_values(source, relevant(self, source, frame))

                wrapped.append((formatter_class, "_get_relevant_values", get_relevant_values))
        handler_class = _handler_class()
        if handler_class is not None:
            serialize = handler_class.__dict__["_serialize_record"].__func__

            def serialize_record(text: str, record: Any) -> str:
                return mask_serialized(serialize(text, record))

            wrapped.append((handler_class, "_serialize_record", staticmethod(serialize_record)))
        saved = [(owner, name, owner.__dict__[name]) for owner, name, _ in wrapped]
        for owner, name, replacement in wrapped:
            setattr(owner, name, replacement)
        core.patcher = chained
        _saved = [core, previous, chained, saved]
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


def _handler_class() -> Any:
    """loguru's handler, when this version serializes records the way we know."""
    try:
        from loguru._handler import Handler
    except ImportError:
        return None
    serialize = Handler.__dict__.get("_serialize_record")
    if not isinstance(serialize, staticmethod):
        return None
    return Handler


def uninstall_loguru() -> None:
    global _saved
    with _lock:
        if _saved is None:
            return
        core, previous, chained, saved = _saved
        if core.patcher is chained:
            core.patcher = previous
        for owner, name, original in saved:
            setattr(owner, name, original)
        _saved = None
