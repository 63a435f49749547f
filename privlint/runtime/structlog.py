"""A structlog processor that masks the event and every field with the policy.

Put :class:`RedactingProcessor` before the renderer (``install()`` does that for the
global configuration), after ``format_exc_info`` so that tracebacks are masked too::

    structlog.configure(processors=[..., structlog.processors.format_exc_info,
                                     RedactingProcessor(), structlog.processors.JSONRenderer()])

Placed after a renderer it masks the rendered string instead.
"""

from __future__ import annotations

import threading
from typing import Any

from privlint.runtime import _state
from privlint.runtime.mask import Masker

__all__ = ["RedactingProcessor", "install_structlog", "uninstall_structlog"]

_WITHHELD = "[privlint: content withheld, masking failed]"


class RedactingProcessor:
    """Masks ``event_dict`` in place: the event text, string fields, values under
    sensitive keys (``password=…``), through nested dicts and lists. Never raises."""

    def __init__(self, masker: Masker | None = None) -> None:
        self.masker = masker

    def __call__(self, logger: object, method_name: str, event_dict: Any) -> Any:
        masker = self.masker or _state.masker()
        try:
            if isinstance(event_dict, str):
                return masker.mask(event_dict)
            if isinstance(event_dict, bytes):
                text = event_dict.decode("utf-8", "replace")
                masked = masker.mask(text)
                return event_dict if masked is text else masked.encode("utf-8")
            if isinstance(event_dict, dict):
                for key, value in list(event_dict.items()):
                    new = masker.mask_field(key, value)
                    if new is not value:
                        event_dict[key] = new
            return event_dict
        except Exception:
            _state.count("mask_errors")
            if isinstance(event_dict, dict):
                return {
                    key: (value if key in ("level", "timestamp", "logger") else _WITHHELD)
                    for key, value in event_dict.items()
                }
            return _WITHHELD


_lock = threading.Lock()
_installed: RedactingProcessor | None = None


def install_structlog() -> bool:
    """Insert a :class:`RedactingProcessor` before the last processor (the renderer)
    of structlog's global configuration. Loggers already bound see it too (the
    processor list is changed in place). False when structlog is not importable."""
    global _installed
    try:
        import structlog
    except ImportError:
        return False
    with _lock:
        if _installed is not None:
            return True
        processor = RedactingProcessor()
        processors = structlog.get_config()["processors"]
        if isinstance(processors, list):
            processors.insert(max(len(processors) - 1, 0), processor)
        else:
            chain = list(processors)
            chain.insert(max(len(chain) - 1, 0), processor)
            structlog.configure(processors=chain)
        _installed = processor
        return True


def uninstall_structlog() -> None:
    global _installed
    with _lock:
        if _installed is None:
            return
        try:
            import structlog

            processors = structlog.get_config()["processors"]
            if isinstance(processors, list):
                while _installed in processors:
                    processors.remove(_installed)
            else:
                structlog.configure(processors=[p for p in processors if p is not _installed])
        except ImportError:  # pragma: no cover
            pass
        _installed = None
