"""The rule pack's TOML files, parsed once per installation: parsing them costs a
tenth of a one-file run (a pre-commit hook). The parsed tables are kept with
``marshal`` in privlint's own ``__pycache__`` (where Python keeps compiled modules),
each under a digest of its file's bytes, so an edited pack file is parsed again."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import sys
import tomllib
from pathlib import Path
from typing import Any

from privlint.marshalled import read_store, write_store

#: file header: Python's bytecode magic number, then a format version of our own
_FORMAT = b"privlint-parsed-pack/1\n"


class ParsedPack:
    """Parsed pack files by name: ``{name: (sha1 of the bytes, marshalled table)}``."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, tuple[bytes, bytes]] = _read(path) if path else {}
        self.changed = False

    def load(self, file: Path) -> dict[str, Any]:
        """``tomllib.load`` of ``file`` (same errors), from the store when its bytes
        are those stored. Every call returns new objects: callers may change them."""
        data = file.read_bytes()
        digest = hashlib.sha1(data).digest()
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
        write_store(self.path, _FORMAT, self.entries)


def _read(path: Path) -> dict[str, tuple[bytes, bytes]]:
    """The stored entries; none when the file is missing, of another Python or damaged."""
    entries = read_store(path, _FORMAT)
    return {
        name: entry
        for name, entry in entries.items()
        if type(name) is str
        and type(entry) is tuple
        and len(entry) == 2
        and all(type(part) is bytes for part in entry)
    }


def store_path() -> Path:
    """Where the parsed pack is kept: privlint's ``__pycache__``."""
    tag = sys.implementation.cache_tag or "python"
    return Path(__file__).resolve().parents[1] / "__pycache__" / f"parsed-pack.{tag}.marshal"


_STORE: ParsedPack | None = None


def load_pack_file(file: Path) -> dict[str, Any]:
    """A pack file's table, parsed or from the store (read once per process)."""
    global _STORE
    if _STORE is None:
        _STORE = ParsedPack(store_path())
    return _STORE.load(file)
