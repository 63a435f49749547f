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
  or after ``install()``, of any class), before any handler sees the record;
  unless every handler that takes it has filters of its own (which may drop it):
  then each masks it once its filters kept it (next item), and a record that
  they all drop is never rendered.
* ``logging.Handler.filter``: for records handed to a handler directly
  (``QueueListener``, frameworks that dispatch records themselves), and for what a
  handler's own filters add to a record (context filters that attach fields).

Tracebacks are masked twice over. The record's ``exc_text`` is rendered and masked
with the record, which ``logging.Formatter.format`` then uses; but formatters may
render the exception again from ``exc_info`` (JSON formatters, formatters that clear
``exc_text`` to use their own ``formatException``). So ``Formatter.formatException``
and ``formatStack`` mask what they return, and ``Handler.format`` masks its whole
result for a record that carries an exception or a stack. That last hook is put in
place when the first such record is masked (before any handler formats it): until
then, the common records do not pay for a call that has nothing to do for them.

``Logger.makeRecord`` (logging's own) is replaced by one that makes the same records
and notes one that can have no ``extra`` fields (see ``_made``): those need no search.

``logging.setLogRecordFactory`` was not chosen: ``extra`` fields are set after the
factory runs, other libraries replace the factory, and records would be masked even
when no handler wants them.

A record is masked in place, never dropped; if masking fails, the failure is
counted (:func:`privlint.runtime.stats`) and the record goes out with a marker
instead of its content. A masked record's ``args`` is :data:`MASKED_ARGS`, and what
it held when it was masked last is remembered (see ``_last``), so that the handlers
it then goes to need not mask it again.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Callable, Mapping
from typing import Any

from privlint.runtime import _state
from privlint.runtime.mask import MASK, Masker

__all__ = [
    "MASKED_ARGS",
    "RedactingFilter",
    "install_logging",
    "mask_record",
    "uninstall_logging",
]

#: Written instead of a record's content when masking it failed.
WITHHELD = "[privlint: content withheld, masking failed]"

_TEMPLATE = logging.LogRecord("privlint", logging.INFO, __file__, 0, "", (), None)
#: Attributes every record has; anything else was added through ``extra`` or later.
STANDARD_ATTRIBUTES = frozenset(_TEMPLATE.__dict__) | {"message", "asctime", "taskName"}
_BASE_SIZE = len(_TEMPLATE.__dict__)
_FORMATTER = logging.Formatter()
_LogRecord = logging.LogRecord
_STOCK_HANDLE = logging.Handler.handle


def mask_record(record: logging.LogRecord, masker: Masker | None = None) -> None:
    """Mask a record in place: message and arguments, traceback and stack text, and
    ``extra`` fields. Never raises."""
    if not _is_masked(record, masker):
        _mask_marked(record, masker)


class _MaskedArgs(tuple):  # type: ignore[type-arg]
    """The type of :data:`MASKED_ARGS`."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type[tuple[()]], tuple[()]]:
        return (tuple, ())  # a pickled record carries a plain ()


#: The ``args`` of a masked record (its arguments are in its message by then): an
#: empty tuple to every reader (``== ()``, false, pickled as ``()``), and, by its
#: identity, the mark of a record that went through masking. A mark that adds no
#: attribute to the record (JSON formatters write every attribute) and costs nothing
#: to set: masking sets ``args`` anyway.
MASKED_ARGS: tuple[()] = _MaskedArgs()

#: What the record masked last (by any thread) held then: its message and traceback
#: text, its number of attributes (not counting ``message`` and ``asctime``, which
#: formatters add) and the masker given. A record marked by :data:`MASKED_ARGS`
#: whose message is that very string (a masker's output) and whose traceback text and
#: number of attributes are unchanged needs no masking again: each record reaches
#: every handler's ``filter`` right after ``callHandlers`` masked it, and is found
#: here. A record that another thread's record displaced meanwhile, or that was
#: changed, is masked again: that costs time, never correctness, as masking is
#: idempotent.
_last: tuple[object, object, int, Masker | None] = (None, None, -1, None)


def _is_masked(record: logging.LogRecord, masker: Masker | None) -> bool:
    """Whether ``record`` went through masking (by ``masker``, if given) and has not
    changed since: same message, traceback text and number of attributes."""
    if record.args is not MASKED_ARGS:
        return False
    last = _last
    fields = record.__dict__
    return (
        last[0] is record.msg
        and last[1] is record.exc_text
        and (masker is None or last[3] is masker)
        and last[2] == len(fields) - ("message" in fields) - ("asctime" in fields)
    )


def _mask_marked(record: logging.LogRecord, masker: Masker | None, size: int = -1) -> None:
    """Mask a record (a marker instead of its content if that fails), and remember
    it as the record masked last. ``size``: the record's number of attributes when
    it is known to have only the standard ones (see :data:`_made`); then its
    ``__dict__`` is left alone."""
    global _last
    try:
        active = masker or _state._masker or _state.masker()
        msg = record.msg
        args = record.args
        if args or not isinstance(msg, str):
            try:
                if isinstance(args, Mapping):
                    # "%(password)s" with {"password": ...}: the keys say what to mask
                    record.args = _masked_mapping(args, active)
                if type(record) is _LogRecord and type(msg) is str:
                    # LogRecord.getMessage, inlined (a subclass may have its own)
                    text = msg % record.args if args else msg
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
        else:
            masked = active.mask(msg)
            if masked is not msg:
                record.msg = masked
        if record.exc_info or record.exc_text or record.stack_info:
            _mask_carried(record, active)
        if size < 0:
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
        size = -1
    try:
        record.args = MASKED_ARGS
        if size < 0:
            fields = record.__dict__
            size = len(fields) - ("message" in fields) - ("asctime" in fields)
        _last = (record.msg, record.exc_text, size, masker)
    except Exception:  # a record that takes no new arguments: no memo
        _last = (None, None, -1, None)


def _masked_mapping(args: Mapping[Any, Any], masker: Masker) -> Mapping[Any, Any]:
    """The mapping a record's message is formatted with (``"%(password)s"``), with the
    values under sensitive keys masked whole, before any is rendered (``mask_data``
    would render the others to look into them, earlier than logging does)."""
    is_sensitive = masker.is_sensitive_key
    changed: dict[Any, Any] | None = None
    for key, value in args.items():
        if isinstance(key, str) and value is not None and is_sensitive(key):
            if changed is None:
                changed = dict(args)
            changed[key] = MASK
    return args if changed is None else changed


def _handled(logger: logging.Logger, level: int) -> bool:
    """Whether ``Logger.callHandlers`` would hand a record of ``level`` to a handler:
    one on the logger or on an ancestor it propagates to has a level at most
    ``level``, or there is none and ``logging.lastResort`` takes it. (A record no
    handler takes is never rendered by logging; masking it would render it.)"""
    current: logging.Logger | None = logger
    found = False
    while current is not None:
        for handler in current.handlers:
            if level >= handler.level:
                return True
            found = True
        if not current.propagate:
            break
        current = current.parent
    if found:
        return False
    resort = logging.lastResort
    return resort is not None and level >= resort.level


def _filtered(logger: logging.Logger, level: int) -> bool:
    """Whether every handler that ``Logger.callHandlers`` hands a record of ``level``
    to has filters, and calls them as logging's own ``Handler.handle`` does (then
    ``Handler.filter`` masks the record once a handler's filters kept it, and a
    record that they all drop is never rendered)."""
    current: logging.Logger | None = logger
    found = False
    while current is not None:
        for handler in current.handlers:
            if level >= handler.level:
                if not handler.filters or type(handler).handle is not _STOCK_HANDLE:
                    return False
                found = True
        if not current.propagate:
            break
        current = current.parent
    return found


def _mask_carried(record: logging.LogRecord, masker: Masker) -> None:
    """Mask a record's traceback and stack text (rendering the traceback first), and
    put the ``Handler.format`` hook in place if it is not yet."""
    if record.exc_info and not record.exc_text:
        record.exc_text = _FORMATTER.formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = masker.mask(record.exc_text)
    if record.stack_info:
        record.stack_info = masker.mask(record.stack_info)
    arm = _arm_format_hook
    if arm is not None:
        arm()


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
        record.args = MASKED_ARGS
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
#: The record that ``Logger.makeRecord`` made last, if it has only the attributes
#: every record has: made by ``logging.LogRecord`` itself (not a factory of the
#: program's, which may add fields), for a logger of logging's own classes, without
#: ``extra``, by our ``makeRecord`` (not wrapped by the program since), and without
#: a traceback (a record that a filter drops stays here until the next one is made:
#: it must not keep a traceback's frames alive). When that record reaches
#: ``callHandlers`` and its logger has no filters (nothing ran on it in between), its
#: ``extra`` fields need no search: it has none. Not looking costs nothing; looking
#: costs ~3% of a logging call, as CPython keeps a new object's attributes without a
#: ``__dict__`` until one is asked for, and every attribute read after that is
#: slower. (Another thread's record may displace it here: that record is then
#: searched, as any other.)
_made: object = None
_Logger = logging.Logger
_STOCK_LOGGERS = (_Logger, logging.RootLogger)
#: Puts the ``Handler.format`` hook in place (see :func:`install_logging`); None when
#: it is in place or logging is not hooked.
_arm_format_hook: Callable[[], None] | None = None


def install_logging() -> None:
    """Mask every record of every logger from now on (idempotent)."""
    global _saved, _arm_format_hook
    with _lock:
        if _saved is not None:
            return
        call_handlers = logging.Logger.callHandlers
        handler_filter = logging.Handler.filter
        handler_format = logging.Handler.format
        format_exception = logging.Formatter.formatException
        format_stack = logging.Formatter.formatStack

        make_record = logging.Logger.makeRecord

        def noting_make_record(
            self: logging.Logger,
            name: str,
            level: int,
            fn: str,
            lno: int,
            msg: object,
            args: Any,
            exc_info: Any,
            func: str | None = None,
            extra: Any = None,
            sinfo: str | None = None,
        ) -> logging.LogRecord:
            # Without extra, logging's own makeRecord only calls the record factory:
            # done here, it costs no call more (a wrapper cost 2% of a logging call).
            global _made
            if extra is not None:
                return make_record(
                    self, name, level, fn, lno, msg, args, exc_info, func, extra, sinfo
                )
            factory = logging.getLogRecordFactory()
            record = factory(name, level, fn, lno, msg, args, exc_info, func, sinfo)
            if (
                factory is _LogRecord
                and not exc_info
                and type(self) in _STOCK_LOGGERS
                and _Logger.makeRecord is noting_make_record  # not wrapped since
            ):
                _made = record
            return record

        def masked_call_handlers(self: logging.Logger, record: logging.LogRecord) -> None:
            # A record reaches callHandlers once, new (not yet masked), but for one
            # that is handled again (a QueueListener's logger): masked again then, to
            # the same text, which is cheaper than looking for it in the memo each time.
            global _made, _last
            handlers = self.handlers
            if not (handlers and record.levelno >= handlers[0].level) and not _handled(
                self, record.levelno
            ):
                # no handler takes it: logging renders nothing, neither do we
                if record is _made:
                    _made = None
                call_handlers(self, record)
                return
            if handlers and handlers[0].filters and _filtered(self, record.levelno):
                # every handler that takes it has filters of its own, which may drop
                # it: each masks it after its filters kept it (masked_filter below)
                if record is _made:
                    _made = None
                call_handlers(self, record)
                return
            if record is _made and not self.filters:
                _made = None
                # The common record (stock, a message of str, no traceback or stack)
                # masked here: _mask_marked for it cost 1% more of a logging call.
                # Anything else, or any exception, goes the whole way.
                msg = record.msg
                if type(msg) is str and not (
                    record.exc_info or record.exc_text or record.stack_info
                ):
                    try:
                        args = record.args
                        masker = _state._masker or _state.masker()
                        if args and type(args) is not tuple and isinstance(args, Mapping):
                            args = record.args = _masked_mapping(args, masker)
                        masked = masker.mask(msg % args if args else msg)
                    except Exception:
                        _mask_marked(record, None, _BASE_SIZE)
                    else:
                        record.msg = masked
                        record.args = MASKED_ARGS
                        _last = (masked, record.exc_text, _BASE_SIZE, None)
                else:
                    _mask_marked(record, None, _BASE_SIZE)
            else:
                _mask_marked(record, None)
            call_handlers(self, record)

        # logging's own Filterer.filter, with no filters, returns True and changes
        # nothing: then it need not be called.
        stock_filter = handler_filter is logging.Filterer.filter

        def masked_filter(self: logging.Handler, record: logging.LogRecord) -> Any:
            if stock_filter and not self.filters:
                # Nearly every record comes here right after callHandlers masked it:
                # marked, with the message and traceback text it wrote. The count of
                # fields is not compared here: no filter of this handler ran, and
                # fields that other handlers' filters add are masked after those
                # filters (below). Comparing it cost ~1% of a clean logging call.
                last = _last
                if not (
                    record.args is MASKED_ARGS
                    and last[0] is record.msg
                    and last[1] is record.exc_text
                ):
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
            "makeRecord": logging.Logger.__dict__.get("makeRecord"),
            "filter": logging.Handler.__dict__.get("filter"),
            "format": logging.Handler.__dict__.get("format"),
            "formatException": logging.Formatter.__dict__.get("formatException"),
            "formatStack": logging.Formatter.__dict__.get("formatStack"),
        }
        masked_call_handlers.__wrapped__ = call_handlers  # type: ignore[attr-defined]
        noting_make_record.__wrapped__ = make_record  # type: ignore[attr-defined]
        masked_filter.__wrapped__ = handler_filter  # type: ignore[attr-defined]
        masked_format.__wrapped__ = handler_format  # type: ignore[attr-defined]
        masked_format_exception.__wrapped__ = format_exception  # type: ignore[attr-defined]
        masked_format_stack.__wrapped__ = format_stack  # type: ignore[attr-defined]
        _put(logging.Logger, "callHandlers", masked_call_handlers)
        if (
            getattr(make_record, "__module__", None) == "logging"
            and getattr(make_record, "__qualname__", None) == "Logger.makeRecord"
        ):  # logging's own (else left alone: no record is noted, each is searched)
            _put(logging.Logger, "makeRecord", noting_make_record)
        _put(logging.Handler, "filter", masked_filter)
        _put(logging.Formatter, "formatException", masked_format_exception)
        _put(logging.Formatter, "formatStack", masked_format_stack)

        def arm_format_hook() -> None:
            global _arm_format_hook
            with _lock:
                if _arm_format_hook is not None:
                    _put(logging.Handler, "format", masked_format)
                    _arm_format_hook = None

        _arm_format_hook = arm_format_hook


#: What :func:`install_logging` put in place: (class, attribute) -> our function.
_placed: dict[tuple[type, str], Any] = {}


def _put(owner: type, name: str, function: Any) -> None:
    _placed[(owner, name)] = function
    setattr(owner, name, function)


def uninstall_logging() -> None:
    """Undo :func:`install_logging`: put back what it replaced, where its hook is still
    in place. A hook that something else replaced since (another library's wrapper,
    which may call ours) is left alone, with a ``RuntimeWarning`` naming it: taking
    ours out from under it would also discard theirs. Records then stay masked."""
    global _saved, _arm_format_hook, _made
    with _lock:
        if _saved is None:
            return
        _arm_format_hook = None
        _made = None
        kept: list[str] = []
        for (owner, name), ours in _placed.items():
            if owner.__dict__.get(name) is not ours:
                kept.append(f"{owner.__name__}.{name}")
                continue
            original = _saved[name]
            if original is None:
                delattr(owner, name)
            else:
                setattr(owner, name, original)
        _placed.clear()
        _saved = None
    if kept:
        warnings.warn(
            "privlint: cannot uninstall its logging hooks "
            f"{', '.join(kept)}: replaced since install() by another wrapper, which "
            "is kept (masking stays on under it)",
            RuntimeWarning,
            stacklevel=3,
        )
