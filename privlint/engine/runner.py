"""One file -> findings; many files -> findings, across processes.

A file's findings depend only on its bytes, the policy and privlint's version, so
files are analysed independently (and can later be cached by content hash).
Failures to read, decode or parse a file become one PL000 finding; the scan goes
on with the other files and never prints a traceback.
"""

from __future__ import annotations

import ast
import hashlib
import logging
import os
import re
import tokenize
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from io import BytesIO
from pathlib import Path

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from privlint.engine.context import FileContext, Pending
from privlint.engine.dataflow import Analysis
from privlint.engine.suppress import is_suppressed
from privlint.engine.walk import Walker
from privlint.findings import Edit, Finding, Fix, Level, Region
from privlint.policy.model import Policy
from privlint.rules.base import Rule

LOG = logging.getLogger(__name__)

#: Files larger than this are reported (PL000) and not analysed.
MAX_FILE_BYTES = 5 * 1024 * 1024
FILE_ERROR_CODE = "PL000"
FINGERPRINT_VERSION = "privlint/v1"


def _file_error(path: str, message: str, line: int = 1, column: int = 1) -> Finding:
    region = Region(line, column, line, column)
    digest = hashlib.sha256(f"{FILE_ERROR_CODE}\0{path}\0{message}".encode()).hexdigest()[:32]
    return Finding(path, region, FILE_ERROR_CODE, message, Level.ERROR, digest)


def decode_source(data: bytes) -> str:
    """Decode Python source: UTF-8 (with or without BOM) or its PEP 263 declaration."""
    try:
        encoding, _ = tokenize.detect_encoding(BytesIO(data).readline)
    except SyntaxError:
        encoding = "utf-8"
    return data.decode(encoding)


def analyze_file(
    path: Path, display: str, policy: Policy, rules: Sequence[type[Rule]]
) -> list[Finding]:
    """Read, decode, parse and analyse one file; problems become a PL000 finding."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            return [_file_error(display, f"file not analysed: larger than {limit} MiB")]
        data = path.read_bytes()
    except OSError as exc:
        return [_file_error(display, f"file not analysed: cannot read ({exc.strerror or exc})")]
    try:
        text = decode_source(data)
    except (UnicodeDecodeError, LookupError) as exc:
        detail = (
            f"invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
            if isinstance(exc, UnicodeDecodeError)
            else str(exc)
        )
        return [_file_error(display, f"file not analysed: not valid UTF-8 ({detail})")]
    return analyze_source(text, display, policy, rules)


def analyze_source(
    text: str, display: str, policy: Policy, rules: Sequence[type[Rule]]
) -> list[Finding]:
    """Analyse Python source text. ``display`` is the path used in findings."""
    if not rules:
        return []
    # A cheap gate before the libcst parse, which costs ten times CPython's: every
    # taint starts from a sensitive name, so a file whose words (identifiers,
    # attributes, keys, in code or not) hold none cannot produce a PL1xx finding;
    # rules with a TRIGGER say what text they need instead. A file no rule wants is
    # still compiled by CPython so that a syntax error is reported.
    if not _worth_parsing(text, policy, rules):
        try:
            ast.parse(text)
        except SyntaxError as exc:
            return [_syntax_error(display, exc.msg, exc.lineno or 1, exc.offset or 1)]
        except (ValueError, RecursionError, MemoryError) as exc:
            return [_file_error(display, f"file not analysed: {type(exc).__name__}")]
        return []
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        # CPython's own parser places most errors more precisely and words them better.
        try:
            ast.parse(text)
        except SyntaxError as precise:
            return [_syntax_error(display, precise.msg, precise.lineno or 1, precise.offset or 1)]
        except (ValueError, RecursionError, MemoryError):
            pass
        return [_syntax_error(display, exc.message, exc.raw_line, exc.raw_column + 1)]
    except (RecursionError, MemoryError, ValueError) as exc:
        return [_file_error(display, f"file not analysed: {type(exc).__name__} while parsing")]
    context = FileContext(Analysis(policy), module, path=display)
    try:
        Walker(context, [rule() for rule in rules]).run()
        return _finish(context, text, display)
    except RecursionError:
        return [_file_error(display, "file not analysed: nesting too deep")]
    except Exception as exc:  # a bug in privlint must not stop the scan of other files
        LOG.debug("internal error on %s", display, exc_info=True)
        return [_file_error(display, f"file not analysed: internal error ({type(exc).__name__})")]


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


def _worth_parsing(text: str, policy: Policy, rules: Sequence[type[Rule]]) -> bool:
    """Whether any rule can find something in the text: its trigger, or a sensitive word."""
    taxonomy = False
    for rule in rules:
        triggered = rule.triggered_by(text)
        if triggered:
            return True
        taxonomy = taxonomy or triggered is None
    return taxonomy and _has_sensitive_word(text, policy)


def _has_sensitive_word(text: str, policy: Policy) -> bool:
    """Whether any identifier-like word of the text classifies as sensitive.

    One C-speed tokenising pass; classification is cached per policy, so across a
    scan most words cost a dictionary look-up.
    """
    classify = policy.classify
    return any(classify(word) for word in set(_WORD.findall(text)))


def _syntax_error(display: str, message: str, line: int, column: int) -> Finding:
    first = " ".join(message.strip().splitlines()[:1]) or "invalid syntax"
    return _file_error(display, f"file not analysed: syntax error: {first}", line, max(column, 1))


def _finish(context: FileContext, text: str, display: str) -> list[Finding]:
    if not context.pending:
        return []
    positions = MetadataWrapper(context.module, unsafe_skip_copy=True).resolve(PositionProvider)
    lines = text.splitlines()
    findings: list[Finding] = []
    seen: Counter[str] = Counter()
    for pending in context.pending:
        code_range: CodeRange = positions[pending.node]
        first_lines = [code_range.start.line]
        if pending.statement is not None and pending.statement in positions:
            first_lines.append(positions[pending.statement].start.line)
        if is_suppressed(pending.rule.CODE, lines, tuple(first_lines)):
            continue
        key = _fingerprint_key(context, pending, display)
        seen[key] += 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]
        identity = hashlib.sha256(key.encode()).hexdigest()[:32]
        region = _region(code_range)
        fix = None
        if pending.fix is not None:
            edits = tuple(
                Edit(_region(positions[node]), text) for node, text in pending.fix.replacements
            )
            fix = Fix(pending.fix.title, edits)
        findings.append(
            Finding(
                path=display,
                region=region,
                rule_id=pending.rule.CODE,
                message=pending.message,
                level=pending.level,
                fingerprint=fingerprint,
                categories=pending.categories,
                fix=fix,
                identity=identity,
            )
        )
    return findings


def _region(code_range: CodeRange) -> Region:
    """libcst positions (1-based lines, 0-based columns) as a 1-based Region."""
    start, end = code_range.start, code_range.end
    return Region(start.line, start.column + 1, end.line, end.column + 1)


def _fingerprint_key(context: FileContext, pending: Pending, display: str) -> str:
    """What identifies a finding apart from where it is: rule, file, scope, code."""
    code = " ".join(context.module.code_for_node(pending.node).split())
    code_hash = hashlib.sha256(code.encode()).hexdigest()
    return "\0".join((FINGERPRINT_VERSION, pending.rule.CODE, display, pending.scope, code_hash))


# -- many files -------------------------------------------------------------------

_WORKER: tuple[Policy, tuple[type[Rule], ...]] | None = None


def _init_worker(policy: Policy, rules: tuple[type[Rule], ...]) -> None:
    global _WORKER
    _WORKER = (policy, rules)


def _work(item: tuple[str, str]) -> list[Finding]:
    assert _WORKER is not None
    policy, rules = _WORKER
    return analyze_file(Path(item[0]), item[1], policy, rules)


def analyze_files(
    files: Sequence[tuple[Path, str]],
    policy: Policy,
    rules: Sequence[type[Rule]],
    jobs: int | None = None,
) -> list[Finding]:
    """Analyse ``(path, display path)`` pairs, in parallel when it pays; sorted findings."""
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 8)
    findings: list[Finding] = []
    if jobs <= 1 or len(files) < 32:
        for path, display in files:
            findings.extend(analyze_file(path, display, policy, rules))
    else:
        items = [(str(path), display) for path, display in files]
        chunk = max(1, min(64, len(items) // (jobs * 8)))
        with ProcessPoolExecutor(
            max_workers=jobs, initializer=_init_worker, initargs=(policy, tuple(rules))
        ) as pool:
            for result in pool.map(_work, items, chunksize=chunk):
                findings.extend(result)
    return sorted(findings)
