"""Sentry hooks that mask events and breadcrumbs with the same policy::

    sentry_sdk.init(dsn=..., before_send=privlint.runtime.sentry.before_send,
                    before_breadcrumb=privlint.runtime.sentry.before_breadcrumb)

Strings are masked (messages, exception values, query strings, source lines),
values under sensitive keys (request headers and cookies, form data, frame local
variables named ``password``…) are masked whole, the structure is kept. If masking
fails the event is reduced to a marker rather than sent as it is.
"""

from __future__ import annotations

from typing import Any

from privlint.runtime import _state

__all__ = ["before_breadcrumb", "before_send", "scrub"]

_KEPT = ("event_id", "timestamp", "level", "platform", "logger", "environment", "release")


def scrub(event: Any) -> Any:
    """A masked copy of a Sentry event or breadcrumb (``event`` itself if clean)."""
    try:
        return _state.masker().mask_data(event)
    except Exception:
        _state.count("mask_errors")
        kept = {k: event[k] for k in _KEPT if isinstance(event, dict) and k in event}
        return {**kept, "message": "[privlint: event withheld, masking failed]"}


def before_send(event: Any, hint: Any) -> Any:
    return scrub(event)


def before_send_transaction(event: Any, hint: Any) -> Any:
    return scrub(event)


def before_breadcrumb(crumb: Any, hint: Any) -> Any:
    return scrub(crumb)
