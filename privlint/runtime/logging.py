"""Mask every logging record, whichever logger and handler it goes through.

A filter on the root logger does not do this: logger filters run only for records
created on that logger, not for records that propagate to it from child loggers, and
never for child loggers with ``propagate=False`` and handlers of their own. So
:func:`install_logging` hooks the two places every record passes on its way to a
handler:

* ``logging.Logger.callHandlers``: the one method that hands a record to the
  handlers of its logger and of every ancestor, and to ``logging.lastResort`` when
  there are none. Masking there covers every logger (third-party ones, children
  with ``propagate=False``, loggers created later) and every handler (added before
  or after ``install()``, of any class), before any handler sees the record.
* ``logging.Handler.filter``: for records handed to a handler directly
  (``QueueListener``, frameworks that dispatch records themselves), and for what a
  handler's own filters add to a record (context filters that attach fields).

Tracebacks are masked twice over. The record's ``exc_text`` is rendered and masked
with the record, which ``logging.Formatter.format`` then uses; but formatters may
render the exception again from ``exc_info`` (JSON formatters, formatters that clear
``exc_text`` to use their own ``formatException``). So ``Formatter.formatException``
and ``formatStack`` mask what they return, and ``Handler.format`` masks its whole
result for a record that carries an exception or a stack (rare records: the common
ones pay nothing for it).

``logging.setLogRecordFactory`` was not chosen: ``extra`` fields are set after the
factory runs, other libraries replace the factory, and records would be masked even
when no handler wants them.

A record is masked in place, never dropped; if masking fails, the failure is
counted (:func:`privlint.runtime.stats`) and the record goes out with a marker
instead of its content. The record masked last is remembered (see ``_last``), so
that the handlers it then goes to need not mask it again.
"""

from __future__ import annotations

import logging
import threading
import weakref
from typing import Any

from privlint.runtime import _state
from privlint.runtime.mask import Masker

__all__ = ["RedactingFilter", "install_logging", "mask_record", "uninstall_logging"]

#: Written instead of a record's content when masking it failed.
WITHHELD = "[privlint: content withheld, masking failed]"

_TEMPLATE = logging.LogRecord("privlint", logging.INFO, __file__, 0, "", (), None)
#: Attributes every record has; anything else was added through ``extra`` or later.
STANDARD_ATTRIBUTES = frozenset(_TEMPLATE.__dict__) | {"message", "asctime", "taskName"}
_BASE_SIZE = len(_TEMPLATE.__dict__)
_FORMATTER = logging.Formatter()
_LogRecord = logging.LogRecord


def mask_record(record: logging.LogRecord, masker: Masker | None = None) -> None:
    """Mask a record in place: message and arguments, traceback and stack text, and
    ``extra`` fields. Never raises."""
    if not _is_masked(record, masker):
        _mask_marked(record, masker)


#: The record masked last, by any thread, and what it was then: a weak reference to
#: it (the memo keeps no record alive), its message and traceback text, its number
#: of attributes (not counting ``message`` and ``asctime``, which formatters add)
#: and the masker. Each record reaches every handler's ``filter`` right after
#: ``callHandlers`` masked it, and is found here unchanged. (Not an attribute on the
#: record: a new key in a record's ``__dict__`` costs more than the rest of this
#: check together.) A record some other thread's record has displaced meanwhile is
#: masked again: that costs time, never correctness, as masking is idempotent.
_last: tuple[weakref.ref[logging.LogRecord], object, object, int, Masker | None] | None = None


def _is_masked(record: logging.LogRecord, masker: Masker | None) -> bool:
    """Whether ``record`` is the record masked last (by ``masker``, if given) and has
    not changed since: same message, traceback text and number of attributes."""
    last = _last
    if last is None or last[0]() is not record:
        return False
    fields = record.__dict__
    return (
        last[1] is record.msg
        and last[2] is record.exc_text
        and (masker is None or last[4] is masker)
        and last[3] == len(fields) - ("message" in fields) - ("asctime" in fields)
    )


def _mask_marked(record: logging.LogRecord, masker: Masker | None) -> None:
    """Mask a record (a marker instead of its content if that fails), and remember
    it as the record masked last."""
    global _last
    try:
        active = masker or _state._masker or _state.masker()
        msg = record.msg
        args = record.args
        if args or not isinstance(msg, str):
            try:
                if type(record) is _LogRecord and type(msg) is str:
                    # LogRecord.getMessage, inlined (a subclass may have its own)
                    text = msg % args if args else msg
                else:
                    text = record.getMessage()
            except Exception as exc:
                # logging would print the message and its arguments to stderr
                # (Handler.handleError); the arguments are what we cannot vouch for.
                _state.count("format_errors")
                text = (
                    f"{_text(msg)} [privlint: arguments withheld, "
                    f"the message could not be formatted: {type(exc).__name__}]"
                )
            record.msg = active.mask(text)
            record.args = ()
        else:
            masked = active.mask(msg)
            if masked is not msg:
                record.msg = masked
        if record.exc_info and not record.exc_text:
            record.exc_text = _FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = active.mask(record.exc_text)
        if record.stack_info:
            record.stack_info = active.mask(record.stack_info)
        fields = record.__dict__
        if len(fields) > _BASE_SIZE:
            for key in fields.keys() - STANDARD_ATTRIBUTES:
                value = fields[key]
                masked_value = active.mask_field(key, value)
                if masked_value is not value:
                    fields[key] = masked_value
    except Exception:
        _state.count("mask_errors")
        _withhold(record)
    try:
        fields = record.__dict__
        size = len(fields) - ("message" in fields) - ("asctime" in fields)
        _last = (weakref.ref(record), record.msg, record.exc_text, size, masker)
    except Exception:  # a record that takes no weak reference: no memo
        _last = None


def _mask_rendered(text: str, what: str) -> str:
    """Text a formatter rendered (a traceback, a whole formatted record), masked; a
    marker if masking fails."""
    try:
        return _state.masker().mask(text)
    except Exception:
        _state.count("mask_errors")
        return f"[privlint: {what} withheld, masking failed]"


def _text(value: object) -> str:
    try:
        return str(value)
    except Exception:
        return f"<unprintable {type(value).__name__}>"


def _withhold(record: logging.LogRecord) -> None:
    """Replace whatever may still be unmasked by a marker; keep the record."""
    try:
        record.msg = WITHHELD
        record.args = ()
        if record.exc_info or record.exc_text:
            record.exc_text = "[privlint: traceback withheld]"
        if record.stack_info:
            record.stack_info = "[privlint: stack withheld]"
        fields = record.__dict__
        for key in fields.keys() - STANDARD_ATTRIBUTES:
            fields[key] = WITHHELD
    except Exception:  # pragma: no cover - nothing more can be done
        pass


class RedactingFilter(logging.Filter):
    """A filter for ``logging.config.dictConfig`` (or ``handler.addFilter``): masks
    each record that reaches the handler it is attached to, and never rejects one.

    .. code-block:: python

        "filters": {"privacy": {"()": "privlint.runtime.logging.RedactingFilter"}},
        "handlers": {"console": {..., "filters": ["privacy"]}},

    Attach it to handlers, not loggers (a logger's filters miss records that
    propagate to it). ``config`` names a ``pyproject.toml`` whose policy to use
    (default: the process-wide policy); ``include_optional`` also masks optional
    patterns such as IP addresses. A bad configuration fails here, at start-up.
    """

    def __init__(
        self, name: str = "", config: str | None = None, include_optional: bool = False
    ) -> None:
        super().__init__(name)
        if config is not None or include_optional:
            from pathlib import Path

            from privlint.policy import load_policy

            policy = load_policy(config=Path(config)) if config else _state.masker().policy
            self.masker: Masker | None = Masker(policy, include_optional=include_optional)
        else:
            _state.masker()  # load the policy now: configuration errors surface here
            self.masker = None

    def filter(self, record: logging.LogRecord) -> bool:
        mask_record(record, self.masker)
        return True


_lock = threading.Lock()
_saved: dict[str, Any] | None = None


def install_logging() -> None:
    """Mask every record of every logger from now on (idempotent)."""
    global _saved
    with _lock:
        if _saved is not None:
            return
        call_handlers = logging.Logger.callHandlers
        handler_filter = logging.Handler.filter
        handler_format = logging.Handler.format
        format_exception = logging.Formatter.formatException
        format_stack = logging.Formatter.formatStack

        def masked_call_handlers(self: logging.Logger, record: logging.LogRecord) -> None:
            # A record reaches callHandlers once, new (not yet masked), but for one
            # that is handled again (a QueueListener's logger): masked again then, to
            # the same text, which is cheaper than looking for it in the memo each time.
            _mask_marked(record, None)
            call_handlers(self, record)

        # logging's own Filterer.filter, with no filters, returns True and changes
        # nothing: then it need not be called.
        stock_filter = handler_filter is logging.Filterer.filter

        def masked_filter(self: logging.Handler, record: logging.LogRecord) -> Any:
            if stock_filter and not self.filters:
                if not _is_masked(record, None):
                    _mask_marked(record, None)
                return True
            result = handler_filter(self, record)
            if result is True:
                mask_record(record)
            elif result:
                mask_record(result if isinstance(result, logging.LogRecord) else record)
            return result

        def masked_format(self: logging.Handler, record: logging.LogRecord) -> str:
            carries = record.exc_info or record.exc_text or record.stack_info
            text: str = handler_format(self, record)
            return _mask_rendered(text, "output") if carries else text

        def masked_format_exception(self: logging.Formatter, ei: Any) -> str:
            return _mask_rendered(format_exception(self, ei), "traceback")

        def masked_format_stack(self: logging.Formatter, stack_info: str) -> str:
            return _mask_rendered(format_stack(self, stack_info), "stack")

        _saved = {
            "callHandlers": logging.Logger.__dict__.get("callHandlers"),
            "filter": logging.Handler.__dict__.get("filter"),
            "format": logging.Handler.__dict__.get("format"),
            "formatException": logging.Formatter.__dict__.get("formatException"),
            "formatStack": logging.Formatter.__dict__.get("formatStack"),
        }
        masked_call_handlers.__wrapped__ = call_handlers  # type: ignore[attr-defined]
        masked_filter.__wrapped__ = handler_filter  # type: ignore[attr-defined]
        masked_format.__wrapped__ = handler_format  # type: ignore[attr-defined]
        masked_format_exception.__wrapped__ = format_exception  # type: ignore[attr-defined]
        masked_format_stack.__wrapped__ = format_stack  # type: ignore[attr-defined]
        setattr(logging.Logger, "callHandlers", masked_call_handlers)  # noqa: B010
        setattr(logging.Handler, "filter", masked_filter)  # noqa: B010
        setattr(logging.Handler, "format", masked_format)  # noqa: B010
        setattr(logging.Formatter, "formatException", masked_format_exception)  # noqa: B010
        setattr(logging.Formatter, "formatStack", masked_format_stack)  # noqa: B010


def uninstall_logging() -> None:
    """Undo :func:`install_logging` (for tests)."""
    global _saved
    with _lock:
        if _saved is None:
            return
        patched: tuple[tuple[type, str], ...] = (
            (logging.Logger, "callHandlers"),
            (logging.Handler, "filter"),
            (logging.Handler, "format"),
            (logging.Formatter, "formatException"),
            (logging.Formatter, "formatStack"),
        )
        for owner, name in patched:
            original = _saved[name]
            if original is None:
                if name in owner.__dict__:
                    delattr(owner, name)
            else:
                setattr(owner, name, original)
        _saved = None


def is_installed() -> bool:
    return _saved is not None
