"""One file -> findings; many files -> findings, across processes.

A file's findings depend only on its bytes, its path, the policy and privlint's
version, so files are analysed independently: :mod:`privlint.engine.scan` schedules
them across processes and caches them by content hash.
Failures to read, decode or parse a file become one PL000 finding; the scan goes
on with the other files and never prints a traceback. A file CPython compiles is
never reported as broken: if libcst cannot parse it, one PL000 note says the CST
rules did not run. A rule that raises is stopped on that file and named in one
PL000 (see :func:`privlint.findings.is_internal_error`); the other rules' findings
stand.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import logging
import re
import tokenize
from collections import Counter
from collections.abc import Mapping, Sequence
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

import libcst as cst

from privlint.engine.context import FileContext, NodeEdit, NodeFix, Pending
from privlint.engine.dataflow import Analysis, Import
from privlint.engine.failure import describe
from privlint.engine.files import FileTooLarge, not_analysed, read_failure, read_regular_file
from privlint.engine.positions import Positions
from privlint.engine.project import LOCAL, Facts
from privlint.engine.summaries import Summaries, env_getters, import_bindings, unparsed_facts
from privlint.engine.suppress import Used, is_suppressed
from privlint.engine.walk import Walker
from privlint.findings import INTERNAL_ERROR_PREFIX, Edit, Finding, Fix, Level, Region
from privlint.policy.model import Policy
from privlint.policy.words import before_by, identifier_words
from privlint.rules.base import Rule

if TYPE_CHECKING:
    from libcst.metadata import CodeRange

    from privlint.runtime.mask import Masker

LOG = logging.getLogger(__name__)

#: Files larger than this are reported (PL000) and not analysed.
MAX_FILE_BYTES = 5 * 1024 * 1024
FILE_ERROR_CODE = "PL000"
FINGERPRINT_VERSION = "privlint/v1"


def _file_error(
    path: str, message: str, line: int = 1, column: int = 1, level: Level = Level.ERROR
) -> Finding:
    region = Region(line, column, line, column)
    digest = hashlib.sha256(f"{FILE_ERROR_CODE}\0{path}\0{message}".encode()).hexdigest()[:32]
    return Finding(path, region, FILE_ERROR_CODE, message, level, digest)


_REPORT_IT = "please report this on the privlint issue tracker"


def _internal_error(path: str, name: str, rule: type[Rule] | None = None) -> Finding:
    """A bug in privlint (see :func:`is_internal_error`): ``name`` is the exception's
    type; never its text, which could quote the source."""
    if rule is None:
        message = f"{INTERNAL_ERROR_PREFIX} ({name}): file not analysed; {_REPORT_IT}"
        return _file_error(path, message)
    message = (
        f"{INTERNAL_ERROR_PREFIX} in {rule.CODE} ({name}): {rule.CODE} stopped on this file,"
        f" other rules' findings are reported; {_REPORT_IT}"
    )
    return _file_error(path, message)


def decode_source(data: bytes) -> str:
    """Decode Python source: UTF-8 (with or without BOM) or its PEP 263 declaration.

    CPython does not decode comments strictly: a file whose only undecodable bytes
    sit in comments compiles, so it is decoded with those bytes replaced (by U+FFFD,
    one character each, so columns stay right). Raises UnicodeDecodeError when
    CPython rejects the bytes too, LookupError for an unknown declared encoding.
    """
    try:
        encoding, _ = tokenize.detect_encoding(BytesIO(data).readline)
    except SyntaxError:
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        if not _cpython_compiles(data):
            raise
        # detect_encoding gives up on undecodable bytes in the first two lines (BOM
        # and all): "utf-8-sig" drops the BOM as CPython does
        return data.decode("utf-8-sig" if encoding == "utf-8" else encoding, "replace")


def _cpython_compiles(data: bytes) -> bool:
    """Whether CPython parses the bytes (decoding them its own way). Costs a parse:
    only for files that do not decode strictly."""
    try:
        ast.parse(data)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def analyze_file(
    path: Path,
    display: str,
    policy: Policy,
    rules: Sequence[type[Rule]],
    used: Used | None = None,
    project_roots: frozenset[str] = frozenset(),
    facts: Facts | None = None,
) -> list[Finding]:
    """Read, decode, parse and analyse one file; problems become a PL000 finding.
    ``used`` collects the suppression comments that silenced a finding; ``facts``, when
    given, is filled with what the project phase needs (calls of functions under
    ``project_roots``, see :mod:`privlint.engine.project`)."""
    source = read_source(path, display)
    if isinstance(source, Finding):
        return [source]
    return analyze_source(source, display, policy, rules, used, project_roots, facts)


def read_source(path: Path, display: str, data: bytes | None = None) -> str | Finding:
    """A Python file's text as :func:`decode_source` gives it, or the PL000 finding that
    says why it is not analysed (too large, unreadable, not text CPython accepts).
    ``data``: the file's bytes, when the caller has read them already."""
    if data is None or len(data) > MAX_FILE_BYTES:
        try:
            data = read_regular_file(path, MAX_FILE_BYTES)
        except FileTooLarge:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            return not_analysed(display, f"larger than {limit} MiB")
        except OSError as exc:
            # Not read at all: a path not analysed, a note worded as discovery words it
            # ("not analysed: permission denied"), not an error in the file.
            return read_failure(display, exc)
    try:
        return decode_source(data)
    except (UnicodeDecodeError, LookupError) as exc:
        detail = (
            f"invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
            if isinstance(exc, UnicodeDecodeError)
            else str(exc)
        )
        return _file_error(display, f"file not analysed: not valid UTF-8 ({detail})")


def analyze_source(
    text: str,
    display: str,
    policy: Policy,
    rules: Sequence[type[Rule]],
    used: Used | None = None,
    project_roots: frozenset[str] = frozenset(),
    facts: Facts | None = None,
    defer: bool = False,
) -> list[Finding]:
    """Analyse Python source text. ``display`` is the path used in findings. With
    ``defer``, a file that only the project phase may need (no rule can find anything
    in it, but its functions may log what they are given) is not parsed: its facts say
    :data:`DEFERRED`, and :func:`privlint.engine.scan.settle_deferred` analyses it if
    a name the project phase follows leads to it."""
    if not rules:
        return []
    # A cheap gate before the libcst parse, which costs ten times CPython's: every
    # taint starts from a sensitive name, so a file whose words (identifiers,
    # attributes, keys, in code or not) hold none cannot produce a PL1xx finding;
    # rules with a TRIGGER say what text they need instead. A file no rule wants is
    # still compiled by CPython so that a syntax error is reported.
    try:
        families = _families_wanted(text, policy, rules)
        worth_parsing = bool(families) or (
            facts is not None and _summary_worthy(text, display, project_roots, policy)
        )
    except Exception as exc:  # a bug in privlint must not stop the scan of other files
        LOG.debug("internal error on %s: %s", display, describe(exc))
        return [_internal_error(display, describe(exc))]
    if not worth_parsing:
        try:
            tree = ast.parse(text)
            if facts is not None:
                facts.update(unparsed_facts(display, tree, env_getters(policy)))
        except SyntaxError as exc:
            if _newer_python(text):
                return []  # `type X = ...`, `def f[T]()`: valid, and nothing to find
            return [_syntax_error(display, exc.msg, exc.lineno or 1, exc.offset or 1, text)]
        except (ValueError, RecursionError, MemoryError) as exc:
            return [_file_error(display, f"file not analysed: {type(exc).__name__}")]
        return []
    if defer and not families and facts is not None:
        left = _deferred_facts(text, project_roots)
        if left is not None:
            facts.update({"path": display, DEFERRED: True, **left})
            return []
    try:
        module = parse_trusted(text)
    except cst.ParserSyntaxError as exc:
        # CPython's own parser places most errors more precisely and words them better.
        try:
            ast.parse(text)
        except SyntaxError as precise:
            return [
                _syntax_error(display, precise.msg, precise.lineno or 1, precise.offset or 1, text)
            ]
        except (ValueError, RecursionError, MemoryError):
            return [_syntax_error(display, exc.message, exc.raw_line, exc.raw_column + 1, text)]
        # valid Python that libcst's grammar does not cover: say so, as a note (the
        # secrets scanner, which needs no CST, still reads the file)
        return [_cst_not_run(display, exc)]
    except (RecursionError, MemoryError, ValueError) as exc:
        return [_file_error(display, f"file not analysed: {type(exc).__name__} while parsing")]
    except Exception as exc:  # a bug in libcst must not stop the scan of other files
        LOG.debug("internal error on %s: %s", display, describe(exc))
        return [_internal_error(display, describe(exc))]
    summaries = Summaries(project_roots if facts is not None else frozenset(), env_getters(policy))
    context = FileContext(Analysis(policy), module, path=display, summaries=summaries)
    # A rule that raises is a bug in that rule: it stops on this file, its findings
    # here are dropped, one PL000 names it, and the other rules' findings stand. An
    # exception in the shared walk or dataflow leaves nothing to trust: one PL000.
    instances, failed = _instantiate(_walking(rules, families, facts is not None), display)
    try:
        walker = Walker(context, instances)
        walker.run()
        failed.update(walker.failures)
        if failed:
            context.pending = [pending for pending in context.pending if pending.rule not in failed]
        findings = _finish(context, text, display, used, facts)
    except RecursionError:
        return [_file_error(display, "file not analysed: nesting too deep")]
    except Exception as exc:  # a bug in privlint must not stop the scan of other files
        LOG.debug("internal error on %s: %s", display, describe(exc))
        return [_internal_error(display, describe(exc))]
    return [_internal_error(display, name, rule) for rule, name in failed.items()] + findings


#: the key that marks the facts of a file whose analysis is left to the project phase
#: (see ``defer``); no key of real facts begins with a NUL
DEFERRED = "\0left to the project phase"


def _deferred_facts(text: str, project_roots: frozenset[str]) -> Facts | None:
    """What :func:`privlint.engine.scan.settle_deferred` needs to know of a file left
    unparsed (``defer``), from CPython's tree; None when CPython does not parse it (the
    analysis then reports why). The file's own checks can only be left to the project
    phase about names it imports from the project (a constant, what a function
    returns): ``uses``, every dotted name rooted at such an import
    (``config.URL.strip`` gives ``config.URL`` and ``config.URL.strip``). Another
    module's name may lead through this one: its module-level ``imports`` (followed
    like re-exports) and ``defs``, the names only a ``def`` or ``class`` binds (no
    constant can hide behind them)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    bound: dict[str, set[str]] = {}
    stored: set[str] = set()
    chains: list[ast.expr] = []  # names and attributes read
    for node in ast.walk(tree):
        if isinstance(node, (ast.Name, ast.Attribute)):
            if isinstance(node.ctx, ast.Load):
                chains.append(node)
            elif isinstance(node, ast.Name):
                stored.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for name, qualified in import_bindings(node):
                if qualified.startswith(".") or qualified.partition(".")[0] in project_roots:
                    bound.setdefault(name, set()).add(qualified)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            stored.update(node.names)
    uses: set[str] = set()
    for read in chains if bound else ():
        chain: list[str] = []
        while isinstance(read, ast.Attribute):
            chain.append(read.attr)
            read = read.value
        if not isinstance(read, ast.Name) or read.id not in bound:
            continue
        chain.reverse()
        for base in bound[read.id]:
            uses.add(base)
            for end in range(len(chain)):
                uses.add(".".join((base, *chain[: end + 1])))
    imports: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            imports.update(import_bindings(statement))
    defs = {
        statement.name
        for statement in tree.body
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    }
    return {
        "uses": sorted(name for name in uses if "." in name),
        "imports": dict(sorted(imports.items())),
        "defs": sorted(defs - stored - imports.keys()),
    }


def _walking(rules: Sequence[type[Rule]], families: set[str], project: bool) -> list[type[Rule]]:
    """The rules that walk a parsed file: the families of those that can find something
    in it, and when the project phase runs (``project``) the families that leave facts
    for it. A rule whose trigger the file lacks cannot find anything in it: it costs
    nothing then."""
    if project:
        families = families | PROJECT_FAMILIES
    return [rule for rule in rules if family(rule.CODE) in families]


def parse_trusted(text: str) -> cst.Module:
    """``cst.parse_module``, without libcst checking each node its parser builds: the
    parser builds valid nodes only, and checking them again costs a seventh of the
    parse (libcst says as much in ``CSTNode.__post_init__``). Only while that hook does
    nothing but the check (libcst 1.x), else a plain parse. Nodes built after the parse
    (or by another thread during it) are checked as usual."""
    from libcst._nodes.base import CSTNode

    hook = CSTNode.__post_init__
    if hook.__code__.co_names != ("_validate",):
        return cst.parse_module(text)
    CSTNode.__post_init__ = _built_by_the_parser  # type: ignore[method-assign]
    try:
        return cst.parse_module(text)
    finally:
        CSTNode.__post_init__ = hook  # type: ignore[method-assign]


def _built_by_the_parser(self: cst.CSTNode) -> None:
    """``CSTNode.__post_init__`` while the parser runs: nothing to check."""


def _instantiate(
    rules: Sequence[type[Rule]], display: str
) -> tuple[list[Rule], dict[type[Rule], str]]:
    """One instance of each rule, and the rules whose constructor raised (with the
    exception's type name)."""
    instances: list[Rule] = []
    failed: dict[type[Rule], str] = {}
    for rule in rules:
        try:
            instances.append(rule())
        except Exception as exc:
            LOG.debug("rule %s failed on %s: %s", rule.CODE, display, describe(exc))
            failed[rule] = describe(exc)
    return instances, failed


def _cst_not_run(display: str, exc: cst.ParserSyntaxError) -> Finding:
    """The note for a file CPython compiles and libcst cannot parse: no CST rule ran."""
    first = " ".join(exc.message.strip().splitlines()[:1]) or "parser error"
    message = f"CST rules not run: libcst cannot parse this file, though CPython can ({first})"
    return _file_error(display, message, exc.raw_line, exc.raw_column + 1, Level.NOTE)


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
#: a file with a function that may log, print or warn its parameters: parsed for its
#: summaries when the project phase runs, though it names no sensitive data itself
_SUMMARY_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]", re.MULTILINE)


#: a relative import: a helper of the same package may log what it is given
_SUMMARY_IMPORT = re.compile(r"^[ \t]*from[ \t]+\.", re.MULTILINE)


def _summary_worthy(text: str, display: str, roots: frozenset[str], policy: Policy) -> bool:
    """A function that may log, print or warn (a call of a sink of the pack); or a
    package's ``__init__`` that may re-export one."""
    if display.endswith("__init__.py"):
        return "import" in text
    if _SUMMARY_DEF.search(text) is None:
        return False
    sinks = policy.sinks.call_pattern
    if sinks.search(text) is not None or _SUMMARY_IMPORT.search(text) is not None:
        return True
    return bool(roots) and _imports_of(roots).search(text) is not None


@functools.lru_cache(maxsize=8)
def _imports_of(roots: frozenset[str]) -> re.Pattern[str]:
    """An import of one of the project's modules."""
    names = "|".join(sorted(map(re.escape, roots)))
    return re.compile(rf"^[ \t]*(?:from|import)[ \t]+(?:{names})\b", re.MULTILINE)


def _worth_parsing(text: str, policy: Policy, rules: Sequence[type[Rule]]) -> bool:
    """Whether any rule can find something in the text (see :func:`_families_wanted`)."""
    return bool(_families_wanted(text, policy, rules))


def family(code: str) -> str:
    """A rule's family: ``PL3`` for PL301-PL305. Rules of a family share what they
    track of a file (``Analysis.rule_state``), so they walk a file together."""
    return code[:3]


def _families_wanted(text: str, policy: Policy, rules: Sequence[type[Rule]]) -> set[str]:
    """The families of the rules that can find something in the text: a rule whose
    trigger the text holds, or (for rules without a trigger, and for rules whose
    findings are about sensitive values whatever triggers them) whose trigger it holds
    and which names a sensitive word. None at all: the file need not be parsed."""
    families: set[str] = set()
    sensitive: bool | None = None
    for rule in rules:
        name = family(rule.CODE)
        if name in families:
            continue
        triggered = rule.triggered_by(text, policy)
        if triggered and not rule.NEEDS_SENSITIVE_WORD:
            families.add(name)
        elif triggered is None or triggered:
            if sensitive is None:
                sensitive = _has_sensitive_word(text, policy)
            if sensitive:
                families.add(name)
    return families


def _has_sensitive_word(text: str, policy: Policy) -> bool:
    """Whether any identifier-like word of the text classifies as sensitive, names a
    call the pack lists as a source (``getpass``: its result is a credential whatever
    it is called), or a prompt is given a literal (``input("Card number: ")``).

    One C-speed tokenising pass; classification is cached per policy, so across a
    scan most words cost a dictionary look-up.
    """
    classify = policy.classify
    words = set(_WORD.findall(text))
    if (
        any(classify(word) for word in words)
        or not words.isdisjoint(policy.sinks.source_words)
        # `get_api_key_by_user`, `getApiKeyByUser`: a look-up returns what comes
        # before `by`, as the dataflow reads it
        or any(
            classify("_".join(before_by(identifier_words(word))))
            for word in words
            if "by" in word.lower()
        )
    ):
        return True
    if any(
        owner in words and attribute in words and dotted in text
        for owner, attribute, dotted in policy.owner_attribute_pairs
    ):
        return True  # `event.content`, `contact.name`: the owner names the attribute
    prompt = policy.sinks.prompt_pattern
    return prompt is not None and prompt.search(text) is not None


def _newer_python(text: str) -> bool:
    """Whether source that this interpreter's parser rejects is Python of a newer
    version (PEP 695 generics, PEP 758 ``except A, B:``) that libcst's grammar reads."""
    try:
        cst.parse_module(text)
    except Exception:
        return False
    return True


#: CPython's words for code that only Python 2 accepts
_PYTHON2 = re.compile(
    r"Missing parentheses in call to '(?:print|exec)'|invalid decimal literal"
    r"|leading zeros in decimal integer literals"
    r"|(?:Function|Lambda expression) parameters cannot be parenthesized"
)

#: where CPython stops at a bare "invalid syntax", Python 2 had: ``<>``, a backquoted
#: repr, a ``ur''`` string, ``raise E, "message"`` (its comma)
_PYTHON2_AT_ERROR = re.compile(r"<>|`|(?<=[uU][rR])['\"]")
_RAISE_COMMA = re.compile(r"^\s*raise\s+[\w.]+\s*$")


def _python2_only(text: str, line: int, column: int) -> bool:
    """Whether the token CPython stopped at (1-based ``line``, ``column``) is one that
    only Python 2 reads."""
    lines = text.splitlines()
    if not 0 < line <= len(lines) or column < 1:
        return False
    source = lines[line - 1]
    at = column - 1
    if _PYTHON2_AT_ERROR.match(source, at):
        return True
    return source[at : at + 1] == "," and _RAISE_COMMA.match(source[:at]) is not None


def _syntax_error(display: str, message: str, line: int, column: int, text: str = "") -> Finding:
    first = " ".join(message.strip().splitlines()[:1]) or "invalid syntax"
    if _PYTHON2.search(first) or _python2_only(text, line, column):
        # not a broken file: a Python 2 script, which privlint does not analyse
        note = f"file not analysed: only Python 2 can parse it ({first})"
        return _file_error(display, note, line, max(column, 1), Level.NOTE)
    return _file_error(display, f"file not analysed: syntax error: {first}", line, max(column, 1))


def _finish(
    context: FileContext,
    text: str,
    display: str,
    used: Used | None = None,
    facts: Facts | None = None,
) -> list[Finding]:
    positions = Positions(context.module, text, context.units, context.classes)

    lines = text.splitlines()
    if facts is not None:
        context.locate = list(facts.get("locate", ()))
        facts.update(_facts(context, lines, display, positions))
    if not context.pending:
        return []
    positions.need(pending.statement for pending in context.pending)
    findings: list[Finding] = []
    seen: Counter[str] = Counter()
    for pending in context.pending:
        code_range: CodeRange = positions[pending.node]
        first_lines = [code_range.start.line]
        if pending.statement is not None and pending.statement in positions:
            first_lines.append(positions[pending.statement].start.line)
        if is_suppressed(pending.rule.CODE, lines, tuple(first_lines), used):
            continue
        key = _fingerprint_key(context, pending, display)
        seen[key] += 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]
        identity = hashlib.sha256(key.encode()).hexdigest()[:32]
        region = _region(code_range)
        fix = _fix(pending.fix, positions, context.analysis.policy)
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
                confidence=pending.confidence,
            )
        )
    return findings


#: the rules whose sinks summaries follow (see ``Site.reach``)
REACH_CODES = (
    *("PL101", "PL102", "PL104", "PL502", "PL503", "PL505"),
    # rules that leave checks on other modules' constants to the project phase
    *("PL301", "PL302", "PL304", "PL305"),
)
#: the families whose rules leave facts for the project phase (``Site.reach``,
#: ``summarise``, ``defer``, ``export``...): every file parsed for the project phase is
#: walked by all their rules (tests/engine/test_rule_selection.py holds the rules'
#: sources to it)
PROJECT_FAMILIES = frozenset({"PL1", "PL3", "PL4", "PL5"})


def _facts(
    context: FileContext,
    lines: list[str],
    display: str,
    positions: Positions,
) -> Facts:
    """What the project phase needs of this file (see :mod:`privlint.engine.project`):
    plain data, cached with the file's findings."""
    summaries = context.summaries
    flows: dict[str, dict[str, list[list[Any]]]] = {}
    for (function, param), found in sorted(summaries.flows.items()):
        flows.setdefault(function, {})[param] = sorted(
            [flow.code, flow.sink, list(flow.via), sorted(flow.ignore)] for flow in found
        )
    params = {
        name: {
            "positional": list(info.positional[1:] if info.method else info.positional),
            "keyword_only": sorted(info.keyword_only),
            "star": info.star,
            "double_star": info.double_star,
        }
        for name, info in sorted(summaries.functions.items())
    }
    forwards: list[list[Any]] = []
    calls: list[list[Any]] = []
    locate = frozenset(context.locate)
    located: dict[str, list[Any]] = {}
    externals = [(e.callee, e.caller, e.args, e.strong, e.statement) for e in summaries.external]
    locals_ = [
        (LOCAL + c.callee, c.caller, c.args, c.strong, c.statement) for c in summaries.local_calls()
    ]
    for callee, caller, args, strong, statement in [*externals, *locals_]:
        position = 0
        for number, (arg, taint, markers) in enumerate(args):
            if arg.star:
                break
            binding: int | str = arg.keyword.value if arg.keyword is not None else position
            if arg.keyword is None:
                position += 1
            if markers and caller in summaries.functions:
                forwards.append([caller, callee, binding, sorted(markers)])
            if taint:
                ordinal = len(calls)
                code = " ".join(context.module.code_for_node(arg.value).split())
                calls.append(
                    [
                        callee,
                        binding,
                        sorted(taint),
                        strong[number],
                        ordinal,
                        caller,
                        hashlib.sha256(code.encode()).hexdigest(),
                    ]
                )
                if ordinal in locate:
                    # positions cost a pass over the statement: only on request, for
                    # the few calls the project phase reports
                    positions.need((statement,))
                    code_range = positions[arg.value]
                    first = [code_range.start.line]
                    if statement is not None and statement in positions:
                        first.append(positions[statement].start.line)
                    quiet = [c for c in REACH_CODES if is_suppressed(c, lines, tuple(first))]
                    r = _region(code_range)
                    region = [r.start_line, r.start_column, r.end_line, r.end_column]
                    located[str(ordinal)] = [region, quiet]
    deferred: list[list[Any]] = []
    for entry in summaries.deferred:
        positions.need((entry.statement,))
        if entry.node not in positions:
            continue
        code_range = positions[entry.node]
        first = [code_range.start.line]
        if entry.statement is not None and entry.statement in positions:
            first.append(positions[entry.statement].start.line)
        r = _region(code_range)
        code = " ".join(context.module.code_for_node(entry.node).split())
        deferred.append(
            [
                entry.code,
                entry.kind,
                entry.qualified,
                entry.data,
                [r.start_line, r.start_column, r.end_line, r.end_column],
                is_suppressed(entry.code, lines, tuple(first)),
                entry.scope,
                hashlib.sha256(code.encode()).hexdigest(),
            ]
        )
    module_scope = context.analysis.scope
    while module_scope.parent is not None:
        module_scope = module_scope.parent
    imports = {
        name: binding.qualified
        for name, binding in sorted(module_scope.bindings.items())
        if isinstance(binding, Import)
    }
    return {
        "path": display,
        "flows": flows,
        "params": params,
        "forwards": forwards,
        "calls": calls,
        "imports": imports,
        "located": located,
        "constants": dict(sorted(summaries.constants.items())),
        "deferred": deferred,
    }


def _fix(
    node_fix: NodeFix | None, positions: Mapping[cst.CSTNode, CodeRange], policy: Policy
) -> Fix | None:
    """The fix with regions; None when an edit's text looks like it holds a secret.

    Fixes insert or rewrite only what they change (see :class:`NodeEdit`), so their
    text should never carry a value from the source. Should one do so all the same,
    the fix is withheld rather than printed in JSON and SARIF: the runtime masker,
    which knows every secret shape of the policy, is the judge.
    """
    if node_fix is None:
        return None
    edits = tuple(Edit(_edit_region(edit, positions), edit.text) for edit in node_fix.replacements)
    masker = _masker(policy)
    if any(
        edit.replacement and masker.mask(edit.replacement) != edit.replacement for edit in edits
    ):
        LOG.debug("fix withheld: its text looks like it holds a secret")
        return None
    return Fix(node_fix.title, edits, node_fix.safe)


def _edit_region(edit: NodeEdit, positions: Mapping[cst.CSTNode, CodeRange]) -> Region:
    code_range = positions[edit.node]
    if edit.after:
        end = code_range.end
        return Region(end.line, end.column + 1, end.line, end.column + 1)
    if edit.span is not None:
        line, column = code_range.start.line, code_range.start.column + 1
        first, last = edit.span
        return Region(line, column + first, line, column + last)
    return _region(code_range)


_MASKERS: dict[int, tuple[Policy, Masker]] = {}


def _masker(policy: Policy) -> Masker:
    """One masker per policy in this process (built on the first fix only; its module,
    ~18 ms to import, too)."""
    entry = _MASKERS.get(id(policy))
    if entry is None or entry[0] is not policy:
        from privlint.runtime.mask import Masker

        entry = (policy, Masker(policy))
        _MASKERS[id(policy)] = entry
    return entry[1]


def _region(code_range: CodeRange) -> Region:
    """libcst positions (1-based lines, 0-based columns) as a 1-based Region."""
    start, end = code_range.start, code_range.end
    return Region(start.line, start.column + 1, end.line, end.column + 1)


def _fingerprint_key(context: FileContext, pending: Pending, display: str) -> str:
    """What identifies a finding apart from where it is: rule, file, scope, code."""
    code = " ".join(context.module.code_for_node(pending.node).split())
    code_hash = hashlib.sha256(code.encode()).hexdigest()
    return "\0".join((FINGERPRINT_VERSION, pending.rule.CODE, display, pending.scope, code_hash))
