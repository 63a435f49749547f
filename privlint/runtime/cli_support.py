"""What ``privlint mask`` runs: standard input to masked standard output."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from privlint.policy import Policy

__all__ = ["mask_stream"]

_BEGIN = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")
_END = re.compile(r"-----END [A-Z0-9 ]*PRIVATE KEY-----")
#: Lines of a private key block held back while looking for its end.
_MAX_BLOCK_LINES = 512
_WITHHELD_LINE = "[privlint: private key material withheld]"


def mask_stream(src: TextIO, dst: TextIO, policy: Policy) -> int:
    """Copy ``src`` to ``dst`` line by line, masked with ``policy``; return the number
    of input lines that changed (a private key block counts all its lines).

    Each line is flushed as it is written, so the command works at the end of
    ``tail -f``. A private key split over lines is held until its ``-----END`` line
    and masked whole; one that never ends is withheld.
    """
    from privlint.runtime.mask import Masker

    masker = Masker(policy)
    changed = 0
    block: list[str] = []
    for line in src:
        if block:
            block.append(line)
            if _END.search(line):
                changed += _emit_block(block, masker, dst)
                block = []
            elif len(block) >= _MAX_BLOCK_LINES:
                changed += _withhold_block(block, dst)
                block = []
            continue
        begin = _BEGIN.search(line)
        if begin is not None and not _END.search(line, begin.end()):
            block = [line]
            continue
        masked = masker.mask(line)
        if masked != line:
            changed += 1
        dst.write(masked)
        dst.flush()
    if block:
        changed += _withhold_block(block, dst)
    return changed


def _emit_block(block: list[str], masker: object, dst: TextIO) -> int:
    from privlint.runtime.mask import Masker

    assert isinstance(masker, Masker)
    text = "".join(block)
    masked = masker.mask(text)
    dst.write(masked)
    dst.flush()
    return 0 if masked == text else len(block)


def _withhold_block(block: list[str], dst: TextIO) -> int:
    first = block[0]
    begin = _BEGIN.search(first)
    head = first[: begin.start()] if begin is not None else ""
    dst.write(f"{head}{_WITHHELD_LINE}\n")
    dst.flush()
    return len(block)
