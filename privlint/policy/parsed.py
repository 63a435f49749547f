"""The rule pack's TOML files, parsed once per installation: parsing them costs a
tenth of a one-file run (a pre-commit hook). The parsed tables are kept with
``marshal`` in privlint's own ``__pycache__`` (where Python keeps compiled modules),
each under a digest of its file's bytes, so an edited pack file is parsed again.

The store also remembers which of the pack's regular expressions compile, so that
checking them (a fortieth of a one-file run) is done once per installation too; a
pattern that is not in it, such as one of an edited pack, is compiled."""

from __future__ import annotations

import contextlib
import marshal
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from privlint.marshalled import read_store, sha1_digest, write_store

#: file header: Python's bytecode magic number, then a format version of our own and
#: Python's version (whether a pattern compiles is the regex compiler's answer)
_FORMAT = b"privlint-parsed-pack/2 %s\n" % sys.version.encode("utf-8", "replace")
#: the store's key for the patterns known to compile (no pack file has this name)
_PATTERNS = ""


class ParsedPack:
    """Parsed pack files by name: ``{name: (sha1 of the bytes, marshalled table)}``,
    and the pack's patterns known to compile."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, tuple[bytes, bytes]] = {}
        self.patterns: set[str] = set()
        if path is not None:
            self.entries, self.patterns = _read(path)
        self.changed = False

    def check_pattern(self, pattern: str) -> None:
        """``re.compile(pattern)`` (same error) for a pattern of the rule pack, unless
        it is known to compile; then it is."""
        if pattern in self.patterns:
            return
        re.compile(pattern)
        self.patterns.add(pattern)
        self.changed = True

    def load(self, file: Path) -> dict[str, Any]:
        """``tomllib.load`` of ``file`` (same errors), from the store when its bytes
        are those stored. Every call returns new objects: callers may change them."""
        data = file.read_bytes()
        digest = sha1_digest(data)
        entry = self.entries.get(file.name)
        if entry is not None and entry[0] == digest:
            with contextlib.suppress(EOFError, ValueError, TypeError):
                table = marshal.loads(entry[1])
                if isinstance(table, dict):
                    return table
        table = tomllib.loads(data.decode("utf-8"))
        try:
            self.entries[file.name] = (digest, marshal.dumps(table))
        except ValueError:  # a date or time: marshal cannot keep it
            return table
        self.changed = True
        self.save()
        return table

    def save(self) -> None:
        """Write the store (atomically), unless Python is told not to write bytecode
        or the folder cannot be written."""
        if self.path is None or not self.changed:
            return
        self.changed = False
        write_store(self.path, _FORMAT, {**self.entries, _PATTERNS: sorted(self.patterns)})


def _read(path: Path) -> tuple[dict[str, tuple[bytes, bytes]], set[str]]:
    """The stored entries and patterns; none when the file is missing, of another
    Python or damaged."""
    entries = read_store(path, _FORMAT)
    patterns = entries.pop(_PATTERNS, None)
    files = {
        name: entry
        for name, entry in entries.items()
        if type(name) is str
        and type(entry) is tuple
        and len(entry) == 2
        and all(type(part) is bytes for part in entry)
    }
    if type(patterns) is not list or any(type(pattern) is not str for pattern in patterns):
        return files, set()
    return files, set(patterns)


def store_path() -> Path:
    """Where the parsed pack is kept: privlint's ``__pycache__``."""
    tag = sys.implementation.cache_tag or "python"
    return Path(__file__).resolve().parents[1] / "__pycache__" / f"parsed-pack.{tag}.marshal"


_STORE: ParsedPack | None = None


def _store() -> ParsedPack:
    """The store, read once per process."""
    global _STORE
    if _STORE is None:
        _STORE = ParsedPack(store_path())
    return _STORE


def load_pack_file(file: Path) -> dict[str, Any]:
    """A pack file's table, parsed or from the store."""
    return _store().load(file)


def check_pack_pattern(pattern: str) -> None:
    """Raise ``re.error`` unless a pattern of the rule pack compiles (known, or
    compiled); :func:`save_store` keeps what was learned."""
    _store().check_pattern(pattern)


def save_store() -> None:
    """Write what this process learned (see :meth:`ParsedPack.save`)."""
    _store().save()
