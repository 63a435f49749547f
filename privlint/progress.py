"""A progress line on stderr for long scans on a terminal.

It appears only once a scan has run for :data:`DELAY` seconds (a pre-commit run on a
few files never shows it), is redrawn at most ten times a second, and is erased before
anything else is written, so the report and the remarks that follow start on a clean
line. Callers decide whether there is a terminal to draw on (:func:`wanted`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TextIO

#: seconds before the line appears
DELAY = 1.0
_INTERVAL = 0.1
_WIDTH = 24


def wanted(stream: TextIO, *, quiet: bool) -> bool:
    """Whether to draw progress on ``stream``: a terminal, not ``--quiet``, and not a
    dumb terminal."""
    if quiet or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


class ProgressLine:
    """Call it with (files done, files in all); :meth:`close` erases the line."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream
        self._clock = clock
        self._start = self._clock()
        self._drawn_at: float | None = None
        self._width = 0

    def __call__(self, done: int, total: int) -> None:
        now = self._clock()
        if now - self._start < DELAY:
            return
        finished = done >= total
        if self._drawn_at is not None and now - self._drawn_at < _INTERVAL and not finished:
            return
        self._drawn_at = now
        filled = _WIDTH * done // total if total else _WIDTH
        bar = "#" * filled + "-" * (_WIDTH - filled)
        text = f"privlint: [{bar}] {done}/{total} files"
        self._write("\r" + text + " " * max(0, self._width - len(text)))
        self._width = len(text)

    def close(self) -> None:
        """Erase the line, if one was drawn."""
        if self._width:
            self._write("\r" + " " * self._width + "\r")
            self._width = 0

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):  # a closed terminal must not fail the scan
            self._width = 0
