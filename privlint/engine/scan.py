"""Every file of a scan -> findings: Python files to the CST engine and the secrets
scanner, other files to the secrets scanner; across processes when it pays.

Work items are plain ``(path, display path, is Python)`` tuples, so they pickle.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from privlint.engine.audit import UNKNOWN_CODE, UNUSED_CODE, audit_suppressions
from privlint.engine.cache import Cache
from privlint.engine.failure import describe
from privlint.engine.files import FileTooLarge, read_regular_file
from privlint.engine.project import (
    LOCAL,
    MAX_DEPTH,
    Facts,
    Index,
    absolute,
    link,
    module_names,
    place,
    project_phase_failed,
    roots,
    settle,
)
from privlint.engine.runner import (
    DEFERRED,
    FILE_ERROR_CODE,
    REACH_CODES,
    analyze_file,
    analyze_source,
    read_source,
)
from privlint.engine.secrets import SECRET_RULES, scan_other_file, scan_python_text
from privlint.engine.suppress import Used
from privlint.findings import Finding, is_internal_error
from privlint.policy.model import Policy
from privlint.rules.base import Rule, all_rules

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

LOG = logging.getLogger(__name__)


def __getattr__(name: str) -> object:
    """``ProcessPoolExecutor``, imported when first asked for: a run on a file or two
    (a pre-commit hook) needs no pool, and importing one costs more than its scan."""
    if name == "ProcessPoolExecutor":
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _pool_class() -> type[ProcessPoolExecutor]:
    """The pool to run workers in: this module's ``ProcessPoolExecutor`` (which a test
    may replace), imported on first use."""
    pool = globals().get("ProcessPoolExecutor")
    return cast("type[ProcessPoolExecutor]", pool or __getattr__("ProcessPoolExecutor"))


Item = tuple[str, str, bool]

T = TypeVar("T")


class Alongside(Generic[T]):
    """Work that runs in a thread beside the analysis of the Python files (semgrep's
    scan of the other languages: a child process that would otherwise wait for the
    project phase). :func:`analyse_files` starts it once its pool is shut down, so that
    no worker is forked while the thread runs and semgrep's memory does not add to the
    workers'; :meth:`result` waits for it (running it there if it was never started)
    and raises what it raised."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._thread: threading.Thread | None = None
        self._value: T | None = None
        self._error: BaseException | None = None

    def start(self) -> None:
        """Start the work in a thread, once."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="privlint-alongside")
            self._thread.daemon = True
            self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as exc:  # handed to result(), in the caller's thread
            self._error = exc

    def result(self) -> T:
        """The work's value, once it is done."""
        if self._thread is None:
            return self._work()
        self._thread.join()
        if self._error is not None:
            raise self._error
        return cast(T, self._value)


CST_RULE = "PL201"  # hard-coded credentials, judged on the CST


def scan_one(
    item: Item,
    policy: Policy,
    cst_rules: Sequence[type[Rule]],
    secret_rules: Sequence[str],
    project_roots: frozenset[str] = frozenset(),
    facts: Facts | None = None,
    data: bytes | None = None,
    defer: bool = False,
) -> list[Finding]:
    """One file's findings; ``facts`` (Python files) is filled for the project phase.
    ``data``: the file's bytes when they were read already (for the cache key);
    ``defer``: see :func:`privlint.engine.runner.analyze_source`."""
    path_text, display, python = item
    path = Path(path_text)
    if not python:
        return scan_other_file(path, display, policy, secret_rules)
    enabled = {rule.CODE for rule in cst_rules}
    audit = UNKNOWN_CODE in enabled or UNUSED_CODE in enabled
    if not cst_rules and not secret_rules and not audit:
        return []
    # the suppressions that silenced something, when unused ones are to be reported
    used: Used | None = set() if UNUSED_CODE in enabled else None
    # read and decoded once, for the CST rules and the secrets scan alike
    source = read_source(path, display, data)
    text = source if isinstance(source, str) else None
    findings: list[Finding] = []
    if cst_rules:
        findings = (
            analyze_source(text, display, policy, cst_rules, used, project_roots, facts, defer)
            if text is not None
            else [cast(Finding, source)]
        )
    if not secret_rules and not audit:
        return findings
    # Whatever the CST analysis made of the file (a syntax error, a file libcst cannot
    # parse, a rule that failed), its text is scanned for tokens, unless it could
    # not be read or decoded: the CST analysis reported that.
    if text is None:
        return findings
    if secret_rules:
        reported = frozenset(
            line
            for finding in findings
            if finding.rule_id == CST_RULE
            for line in range(finding.region.start_line, finding.region.end_line + 1)
        )
        findings += scan_python_text(path, text, display, policy, secret_rules, reported, used)
    if audit:
        # Unused suppressions are judged only where every rule ran on the whole file.
        analysed = not any(finding.rule_id == FILE_ERROR_CODE for finding in findings)
        findings += audit_suppressions(
            text,
            display,
            known=_known_codes(),
            enabled=enabled | set(secret_rules),
            used=used if analysed else None,
        )
    return findings


@functools.cache
def _known_codes() -> frozenset[str]:
    return frozenset(rule.CODE for rule in all_rules())


Outcome = tuple[list[Finding], Facts | None]


def scan_cached(
    item: Item,
    policy: Policy,
    cst_rules: Sequence[type[Rule]],
    secret_rules: Sequence[str],
    cache: Cache | None,
    project_roots: frozenset[str] = frozenset(),
    defer: bool = False,
) -> Outcome:
    """:func:`scan_one` and the file's facts for the project phase, through the cache
    when there is one. A file that cannot be read for its key is scanned uncached (the
    scan reports why it cannot be read); findings that report a bug in privlint are
    not kept. A deferred file's outcome (``defer``) is kept apart from its analysis."""
    key = deferred_key = None
    data = None
    if cache is not None:
        try:
            data = read_regular_file(Path(item[0]), CACHED_FILE_BYTES)
            key = cache.key(data, item[1], item[2])
            deferred_key = cache.key(data, f"{DEFERRED}\0{item[1]}", item[2])
        except (OSError, FileTooLarge):
            key = None
        if key is not None:
            hit = cache.get(key)
            if hit is None and defer and deferred_key is not None:
                hit = cache.get(deferred_key)
            if hit is not None:
                return hit
    facts: Facts | None = {} if item[2] and project_roots else None
    findings = scan_one(item, policy, cst_rules, secret_rules, project_roots, facts, data, defer)
    outcome = (findings, facts or None)
    clean = not any(is_internal_error(finding) for finding in findings)
    target = deferred_key if facts and facts.get(DEFERRED) else key
    if cache is not None and target is not None and clean:
        cache.put(target, *outcome)
    return outcome


#: Files larger than this are scanned without the cache (reading them costs little
#: next to scanning them, and they are rare)
CACHED_FILE_BYTES = 16 * 1024 * 1024

#: allocations between two collections of the youngest objects in a worker (CPython's
#: default is 700)
WORKER_GC_THRESHOLD = 10_000

_WORKER: (
    tuple[Policy, tuple[type[Rule], ...], tuple[str, ...], Cache | None, frozenset[str], bool]
    | None
) = None


def _init_worker(
    policy: Policy,
    cst_rules: tuple[type[Rule], ...],
    codes: tuple[str, ...],
    cache: Cache | None,
    project_roots: frozenset[str],
    defer: bool,
) -> None:
    global _WORKER
    _WORKER = (policy, cst_rules, codes, cache, project_roots, defer)
    # A worker allocates a tree of a hundred thousand nodes for each large file, and
    # the collector's full passes would walk every object the worker holds each time:
    # the modules, the policy and its caches. Those live as long as the worker: they
    # are set aside (gc.freeze), and young objects are collected less often.
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _work(item: Item) -> Outcome:
    assert _WORKER is not None
    return scan_cached(item, *_WORKER)


def _work_now(item: Item) -> Outcome:
    """:func:`_work` on a deferred file that the project phase needs: analysed now."""
    assert _WORKER is not None
    return scan_cached(item, *_WORKER[:-1], defer=False)


#: called with (files done, files in all) as the scan goes
Progress = Callable[[int, int], None]


def scan_files(
    items: Sequence[Item],
    policy: Policy,
    rules: Sequence[type[Rule]],
    jobs: int | None = None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> list[Finding]:
    """Findings for every item, sorted; through a cache in ``cache_dir`` when given.
    Then the project phase links the Python files' facts: calls whose sensitive
    arguments reach a sink in another module (:mod:`privlint.engine.project`)."""
    project_roots = project_roots_of(items, rules)
    findings, facts = analyse_files(
        items,
        policy,
        rules,
        project_roots,
        jobs=jobs,
        cache_dir=cache_dir,
        progress=progress,
        defer=True,
    )
    findings += project_findings(facts, items, policy, rules, project_roots)
    return sorted(findings)


def project_roots_of(items: Sequence[Item], rules: Sequence[type[Rule]]) -> frozenset[str]:
    """The names that begin imports of the project's own modules, when a rule that
    follows calls across modules is on (else none: the project phase is skipped)."""
    if not frozenset(rule.CODE for rule in rules) & frozenset(REACH_CODES):
        return frozenset()
    return roots(item[1] for item in items if item[2])


def analyse_files(
    items: Sequence[Item],
    policy: Policy,
    rules: Sequence[type[Rule]],
    project_roots: frozenset[str],
    jobs: int | None = None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    defer: bool = False,
    alongside: Alongside[Any] | None = None,
) -> tuple[list[Finding], list[Facts]]:
    """Each file's own findings (unsorted) and the Python files' facts, in a process
    pool when it pays; ``project_roots`` as :func:`project_roots_of` gives them for
    the whole project (a shard's files alone would name fewer). With ``defer`` (when
    these facts are the whole project's: not a shard), files that only the project
    phase may need are analysed only if another file names them (:func:`settle_deferred`).
    ``alongside`` is started once the files are analysed, beside the project phase."""
    cst_rules = tuple(rule for rule in rules if rule.CODE not in SECRET_RULES)
    codes = tuple(rule.CODE for rule in rules if rule.CODE in SECRET_RULES)
    cache = None
    if cache_dir is not None:
        enabled = sorted(rule.CODE for rule in rules)
        cache = Cache.open(cache_dir, policy, enabled, sorted(project_roots))
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 8)
    findings: list[Finding] = []
    facts: list[Facts] = []
    if jobs <= 1 or len(items) < 32:
        outcomes: Iterable[Outcome] = (
            scan_cached(item, policy, cst_rules, codes, cache, project_roots, defer)
            for item in items
        )
        _collect(outcomes, len(items), findings, facts, progress)
        if alongside is not None:
            alongside.start()  # beside what is left: the deferred files, the project phase
        if defer:
            work = functools.partial(
                scan_cached,
                policy=policy,
                cst_rules=cst_rules,
                secret_rules=codes,
                cache=cache,
                project_roots=project_roots,
            )
            findings, facts = settle_deferred(
                findings, facts, items, lambda chosen: [work(item) for item in chosen]
            )
    else:
        # largest files first, in small chunks: one huge file neither comes last nor
        # holds up a chunk of small ones while the other workers idle
        items = sorted(items, key=lambda item: file_size(item[0]), reverse=True)
        chunk = max(1, min(16, len(items) // (jobs * 16)))
        with _pool_class()(
            max_workers=jobs,
            initializer=_init_worker,
            initargs=(policy, cst_rules, codes, cache, project_roots, defer),
        ) as pool:
            _collect(pool.map(_work, items, chunksize=chunk), len(items), findings, facts, progress)
            if defer:
                # the deferred files the project phase needs, round by round, in the
                # same workers
                findings, facts = settle_deferred(
                    findings,
                    facts,
                    items,
                    lambda chosen: list(pool.map(_work_now, chosen, chunksize=1)),
                )
        if alongside is not None:
            # the workers are gone: the memory semgrep takes is theirs (beside them, the
            # process tree's peak grew by a third), and the project phase runs meanwhile
            alongside.start()
    if cache is not None:
        cache.prune()
    facts.sort(key=lambda fact: str(fact.get("path", "")))
    return findings, facts


def settle_deferred(
    findings: list[Finding],
    facts: list[Facts],
    items: Sequence[Item],
    work: Callable[[list[Item]], list[Outcome]],
) -> tuple[list[Finding], list[Facts]]:
    """The findings and facts of a scan whose deferred files (see ``defer``) that the
    project phase may need are analysed, to a fixpoint. The project phase reads another
    module's facts only by following a name the way :class:`Index` does: a call's or a
    forwarded parameter's function (its summary), a deferred check's constant; and a
    deferred file's own checks can only be about the names it imports (``uses``). Each
    such name is followed (:func:`_leads`); where it leads through a deferred file whose
    own imports and definitions do not settle it, that file is analysed, and the names
    that passed through its module are followed again. Each round's files are analysed
    together by ``work`` (the outcomes in their order), and each outcome replaces the
    deferred one. The others stay out of the facts: nothing the project phase follows
    leads to them, so it has nothing to take from them."""
    waiting = {str(fact["path"]): fact for fact in facts if fact.get(DEFERRED)}
    if not waiting:
        return findings, facts
    kept = [fact for fact in facts if not fact.get(DEFERRED)]
    by_name: dict[str, list[str]] = {}
    for display in waiting:
        for name in module_names(display):
            by_name.setdefault(name, []).append(display)
    by_display = {item[1]: item for item in items}
    redone: dict[str, list[Finding]] = {}
    # every file's facts whose names are followed: the analysed files' and the waiting
    # ones'; those to follow (again), and which files' names led through each module
    # (only those can lead elsewhere once the module is analysed)
    readers: dict[str, Facts] = {str(fact.get("path", "")): fact for fact in kept}
    readers.update(waiting)
    stale = set(readers)
    watch: dict[str, set[str]] = {}
    while waiting:
        chosen = _wanted(readers, sorted(stale), kept, waiting, by_name, watch)
        stale = set()
        if not chosen:
            break
        ordered = sorted(chosen)
        for display, (found, fact) in zip(
            ordered, work([by_display[display] for display in ordered]), strict=True
        ):
            del waiting[display]
            del readers[display]
            redone[display] = found
            if fact:
                kept.append(fact)
                readers[display] = fact
                stale.add(display)
            for name in module_names(display):
                stale.update(watch.pop(name, ()))
        stale &= readers.keys()
    if redone:
        findings = [finding for finding in findings if finding.path not in redone]
        findings += [finding for found in redone.values() for finding in found]
    return findings, kept


def _references(fact: Facts) -> Iterator[tuple[str, str]]:
    """The names the project phase follows from a file's facts, each with the table it
    looks the name up in: a deferred file's imported names (its checks are about them),
    an analysed file's calls and forwarded parameters (to a function's summary) and its
    deferred checks (to a constant or an export)."""
    if fact.get(DEFERRED):
        for qualified in fact["uses"]:
            yield qualified, "constants"
        return
    for entry in fact.get("calls", ()):
        if not entry[0].startswith(LOCAL):
            yield entry[0], "params"
    for entry in fact.get("forwards", ()):
        if not entry[1].startswith(LOCAL):
            yield entry[1], "params"
    for entry in fact.get("deferred", ()):
        yield entry[2], "constants"


def _wanted(
    readers: dict[str, Facts],
    stale: Sequence[str],
    kept: Sequence[Facts],
    waiting: dict[str, Facts],
    by_name: dict[str, list[str]],
    watch: dict[str, set[str]],
) -> set[str]:
    """The waiting files to analyse next, from the names of the ``stale`` readers: the
    waiting files a name leads through, and a waiting reader whose own name may lead to
    a constant or export (its check then has something to settle). ``watch`` learns
    which modules each reader's names led through."""
    index = Index(kept)
    wanted: set[str] = set()
    for display in stale:
        fact = readers[display]
        for qualified, table in _references(fact):
            found, needs = _leads(index, fact, qualified, table, waiting, by_name, display, watch)
            wanted |= needs
            if found and display in waiting:
                wanted.add(display)
                break
    return wanted


def _leads(
    index: Index,
    caller: Facts,
    qualified: str,
    table: str,
    waiting: dict[str, Facts],
    by_name: dict[str, list[str]],
    display: str,
    watch: dict[str, set[str]],
) -> tuple[bool, set[str]]:
    """Where ``qualified``, named in ``caller``, leads as :class:`Index` follows it
    (``table``: ``params`` for a function, ``constants`` for a constant or an export):
    whether to what it names in an analysed module, and the waiting files to analyse
    for the project phase to follow it there (the modules it passes through, and the
    one where it ends when that one's own imports and definitions cannot say). Each
    module it looks up is watched for ``display``."""
    through: set[str] = set()
    for _ in range(MAX_DEPTH):
        found = absolute(str(caller["path"]), qualified)
        if found is None:
            return False, set()
        module_name, _, name = found.rpartition(".")
        watch.setdefault(module_name, set()).add(display)
        pending = [found for found in by_name.get(module_name, ()) if found in waiting]
        module = index.modules.get(module_name)
        if pending:
            # a module not analysed yet: its own imports and definitions say whether
            # the name can lead on. A function it defines has a summary to read; no
            # constant or export hides behind a definition (a file no rule finds
            # anything in exports nothing); anything else may be either
            if module is not None or len(pending) > 1:
                return False, through | set(pending)
            module = waiting[pending[0]]
            if name in module["defs"]:
                return False, through | set(pending) if table == "params" else set()
            if name not in module["imports"]:
                return False, through | set(pending)
            through.add(pending[0])  # the project phase reads its imports
        elif module is None:
            return False, set()
        elif name in module.get(table, {}):
            return True, through
        imported = module["imports"].get(name)
        if imported is None:
            return False, set()
        caller, qualified = module, imported
    return False, set()


def file_size(path: str) -> int:
    """Bytes in a file; 0 when it cannot be looked at (its scan will say why)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _collect(
    outcomes: Iterable[Outcome],
    total: int,
    findings: list[Finding],
    facts: list[Facts],
    progress: Progress | None,
) -> None:
    for done, (found, fact) in enumerate(outcomes, 1):
        findings.extend(found)
        if fact:
            facts.append(fact)
        if progress is not None:
            progress(done, total)


def project_findings(
    facts: Sequence[Facts],
    items: Iterable[Item],
    policy: Policy,
    rules: Sequence[type[Rule]],
    project_roots: frozenset[str],
) -> list[Finding]:
    """The project phase: calls whose sensitive arguments reach a sink in another
    module, placed by a second look at the calling files (``items`` says where each
    display path is read from). A bug here is one PL000 finding; the files' own
    findings stand."""
    cst_rules = tuple(rule for rule in rules if rule.CODE not in SECRET_RULES)
    reach = frozenset(rule.CODE for rule in rules) & frozenset(REACH_CODES)
    try:
        reports = link(facts, policy, reach)
        located = {}
        by_display = {item[1]: item for item in items}
        for display in sorted({report.path for report in reports}):
            wanted: Facts = {"locate": sorted(r.ordinal for r in reports if r.path == display)}
            path = Path(by_display[display][0])
            analyze_file(path, display, policy, cst_rules, None, project_roots, wanted)
            located[display] = wanted
        by_code = {rule.CODE: rule for rule in rules}
        return place(reports, located) + settle(facts, policy, by_code)
    except Exception as exc:  # a bug in the project phase must not lose the files' findings
        LOG.debug("internal error in the project phase: %s", describe(exc))
        return [project_phase_failed(describe(exc))]
