"""The library entry points used by the CLI, the pre-commit hook and the tests."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from privlint import __version__
from privlint.baseline import Baseline
from privlint.engine.cache import DEFAULT_DIR_NAME, policy_digest
from privlint.engine.files import (
    discover,
    is_not_analysed,
    is_python_file,
    not_analysed,
)
from privlint.engine.project import Facts
from privlint.engine.scan import (
    Alongside,
    Progress,
    analyse_files,
    file_size,
    project_findings,
    project_roots_of,
)
from privlint.engine.shard import Record, ShardError, check_complete, select
from privlint.findings import Confidence, Finding, Level, ScanResult
from privlint.policy import ConfigError, Policy, load_policy
from privlint.policy.errors import describe
from privlint.policy.load import RULE_ID, find_config
from privlint.polyglot.run import scan_other_languages
from privlint.rules.base import Rule, RuleInfo, all_rules

__all__ = [
    "ConfigError",
    "Project",
    "UsageError",
    "check_paths",
    "check_projects",
    "enabled_rules",
    "exit_code",
    "load_policy",
]


class UsageError(Exception):
    """Bad command-line input, such as a path that does not exist."""


def enabled_rules(policy: Policy) -> list[type[Rule]]:
    """Rules on by default, minus ``disable``, plus ``enable``; unknown IDs are errors."""
    rules = all_rules()
    known = {rule.CODE for rule in rules}
    for key, ids in (("disable", policy.disabled_rules), ("enable", policy.enabled_rules)):
        unknown = sorted(ids - known)
        if unknown:
            # a well-formed ID is not a secret; anything else is shown by its shape only
            shown = unknown[0] if RULE_ID.match(unknown[0]) else f"a value ({describe(unknown[0])})"
            where = policy.config_path or "configuration"
            raise ConfigError(f"{where}: [tool.privlint] {key}: unknown rule {shown}")
    return [
        rule
        for rule in rules
        if rule.CODE not in policy.disabled_rules
        and (rule.ENABLED_BY_DEFAULT or rule.CODE in policy.enabled_rules)
    ]


def display_path(path: Path, root: Path) -> str:
    """POSIX path relative to ``root`` when under it, else absolute."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True)
class Check:
    """A finished check: the result, the rules it ran, and what discovery skipped.

    Every path that was asked for (named, or found by searching a directory) and not
    analysed at all, because it cannot be read or is not a regular file, is a PL000
    note in ``result.findings`` ("not analysed: permission denied"; see
    :func:`privlint.engine.files.is_not_analysed`) and is not counted in
    ``result.files_scanned``, which counts the files that were read.

    ``skipped`` holds ``(display path, reason)`` for directories left out on purpose
    although git lists files in them (a tracked virtual environment, build output): a
    remark for the user, not a finding.
    """

    result: ScanResult
    rules: tuple[RuleInfo, ...]
    skipped: tuple[tuple[str, str], ...] = ()
    #: for a shard (``check_paths(shard=...)``), what the merge needs
    shard: ShardPart | None = None
    #: remarks for the user, once per run (files that only got the secrets rules)
    notices: tuple[str, ...] = ()

    def at_confidence(self, minimum: Confidence) -> Check:
        """The same check, keeping only findings of at least ``minimum`` confidence."""
        if minimum is Confidence.LOW:
            return self
        result = self.result
        kept = tuple(finding for finding in result.findings if finding.confidence >= minimum)
        return dataclasses.replace(self, result=dataclasses.replace(result, findings=kept))

    def without_baselined(
        self, baseline: Baseline, is_new: Callable[[Finding], bool] | None = None
    ) -> Check:
        """The same check, keeping only findings the baseline does not accept (``is_new``
        as for :meth:`Baseline.new_findings`)."""
        result = self.result
        new = tuple(baseline.new_findings(result.findings, is_new))
        return dataclasses.replace(self, result=dataclasses.replace(result, findings=new))


@dataclass(frozen=True)
class ShardPart:
    """A shard's share of the project phase: which part it is, the import roots of the
    whole project, and the facts of its own Python files."""

    index: int
    count: int
    roots: frozenset[str]
    facts: tuple[Facts, ...] = field(compare=False)


def check_paths(
    paths: Sequence[Path],
    policy: Policy,
    *,
    root: Path | None = None,
    jobs: int | None = None,
    cache: bool = False,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    shard: tuple[int, int] | None = None,
) -> Check:
    """Scan files and directories with the policy; raise UsageError for paths that do
    not exist (a typo). Paths that exist and cannot be analysed are PL000 notes.

    With ``cache``, each file's findings are kept in ``cache_dir`` (default:
    ``.privlint_cache`` at the project root) and reused while the file, the policy and
    privlint are unchanged. ``progress`` is told (files done, files in all) as files
    are done. With ``shard=(K, N)`` only the K-th of N parts of the files is scanned
    (:mod:`privlint.engine.shard`), and calls across modules are left to the merge."""
    root = (root or Path.cwd()).resolve()
    # ``exclude`` globs are relative to the project root (the directory of the
    # configuration file), wherever the scan is started from; paths given on the
    # command line are relative to ``root``.
    project = Path(policy.config_path).resolve().parent if policy.config_path else root
    given = {(path if path.is_absolute() else root / path): path for path in paths}
    discovery = discover(list(given), exclude=policy.exclude, cwd=project, include_other=True)
    if discovery.missing:
        missing = ", ".join(str(given.get(path, path)) for path in discovery.missing)
        raise UsageError(f"path does not exist: {missing}")
    rules = enabled_rules(policy)
    # Python sources go to the CST engine (and the secrets scanner); every other file,
    # named or tracked, to the secrets scanner only.
    items = [
        (str(path), display_path(path, root), is_python_file(path))
        for path in (*discovery.files, *discovery.other_files)
    ]
    if jobs is None and os.environ.get("PRIVLINT_JOBS"):
        jobs = _jobs_from_environment(os.environ["PRIVLINT_JOBS"])
    if cache and cache_dir is None:
        cache_dir = project / DEFAULT_DIR_NAME
    if cache and cache_dir is not None:
        # never scan the cache itself, wherever it was put
        inside = os.path.join(os.path.abspath(cache_dir), "")
        items = [item for item in items if not os.path.abspath(item[0]).startswith(inside)]
    unreadable = [(display_path(path, root), why) for path, why in discovery.unreadable]
    project_roots = project_roots_of(items, rules)
    part = None
    if shard is not None:
        sizes = {display: file_size(path) for path, display, _ in items}
        sizes.update((display, 0) for display, _ in unreadable)
        chosen = select(sizes, *shard)
        items = [item for item in items if item[1] in chosen]
        unreadable = [entry for entry in unreadable if entry[0] in chosen]
    # JavaScript/TypeScript, Go and Java: the semgrep rules (semgrep starts only for
    # them), in a child process that runs while the Python files are analysed
    polyglot_scan = Alongside(
        functools.partial(
            scan_other_languages,
            items,
            policy,
            [rule.CODE for rule in rules],
            jobs=jobs,
            cache_dir=cache_dir if cache else None,
        )
    )
    findings, facts = analyse_files(
        items,
        policy,
        rules,
        project_roots,
        jobs=jobs,
        cache_dir=cache_dir if cache else None,
        progress=progress,
        # a shard's facts go to the merge, which needs every file's: none deferred
        defer=shard is None,
        alongside=polyglot_scan,
    )
    if shard is None:
        findings += project_findings(facts, items, policy, rules, project_roots)
    else:
        part = ShardPart(*shard, project_roots, tuple(facts))
    # Every file read counts: Python sources are analysed, the others scanned for
    # secrets. A file that could not be read when its turn came is a path not analysed.
    unread = {finding.path for finding in findings if is_not_analysed(finding)}
    scanned = sum(1 for _, display, _ in items if display not in unread)
    findings += [not_analysed(display, why) for display, why in unreadable]
    polyglot = polyglot_scan.result()
    findings += polyglot.findings
    notices = (polyglot.notice,) if polyglot.notice else ()
    result = ScanResult(tuple(sorted(findings)), files_scanned=scanned, root=root.as_posix())
    skipped = tuple((display_path(path, root), reason) for path, reason in discovery.skipped)
    return Check(result, tuple(rule.info() for rule in rules), skipped, part, notices)


def _jobs_from_environment(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        numeric = text.strip().lstrip("+-").isdigit()
        shown = repr(text) if numeric else f"the value ({describe(text)})"
        raise UsageError(f"PRIVLINT_JOBS: {shown} is not a positive integer")
    return jobs


@dataclass(frozen=True)
class Project:
    """Paths that share one configuration, the policy read from it, and their check."""

    paths: tuple[Path, ...]
    policy: Policy
    check: Check


def projects(paths: Sequence[Path], config: Path | None) -> list[tuple[Policy, list[Path]]]:
    """Group ``paths`` by the configuration that governs them, in order of first mention.

    With ``config`` every path shares it. Otherwise each path takes the nearest
    ``[tool.privlint]`` at or above it, so a pre-commit run over a monorepo checks each
    project's files with that project's settings. A missing path joins the group of the
    current directory (the check then reports it as missing); one that exists but
    cannot be read, the group of its nearest ancestor that can (the check then reports
    it as not analysed).
    """
    if config is not None:
        return [(load_policy(config), list(paths))]
    groups: dict[Path | None, list[Path]] = {}
    for path in paths:
        groups.setdefault(_governing_config(path), []).append(path)
    return [
        (load_policy(found) if found is not None else load_policy(search_from=Path.cwd()), group)
        for found, group in groups.items()
    ]


def _governing_config(path: Path) -> Path | None:
    """The nearest ``[tool.privlint]`` for ``path``; never raises for a path that cannot
    be read (a directory we may not list, a file in one we may not search, a symlink
    loop): the search starts from the nearest ancestor it can read."""
    if not os.path.lexists(path):
        return find_config(Path.cwd())
    absolute = path.absolute()
    starts = [absolute, *absolute.parents] if os.path.exists(absolute) else [*absolute.parents]
    for start in starts:
        try:
            return find_config(start)
        except (OSError, RuntimeError):  # RuntimeError: Path.resolve() on a symlink loop
            continue
    return None


@dataclass(frozen=True)
class Selection:
    """Rules and paths chosen on the command line, over the configuration's:
    ``select`` keeps only the rules whose IDs start with one of its entries (``PL1``,
    ``PL203``; PL000, files not analysed, always stays unless ignored), ``ignore``
    turns rules off the same way, ``extend_exclude`` adds ``exclude`` globs."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()

    def apply(self, policy: Policy) -> Policy:
        """The policy with this selection; UsageError for an entry that is not a rule
        ID or prefix, or matches no rule."""
        if not (self.select or self.ignore or self.extend_exclude):
            return policy
        known = [rule.CODE for rule in all_rules()]
        disabled, enabled = set(policy.disabled_rules), set(policy.enabled_rules)
        if self.select:
            chosen = _matching("--select", self.select, known)
            enabled |= chosen
            disabled |= {code for code in known if code not in chosen and code != "PL000"}
        disabled |= _matching("--ignore", self.ignore, known)
        enabled -= disabled
        return dataclasses.replace(
            policy,
            disabled_rules=frozenset(disabled),
            enabled_rules=frozenset(enabled),
            exclude=(*policy.exclude, *self.extend_exclude),
        )

    def to_json(self) -> list[list[str]]:
        return [list(self.select), list(self.ignore), list(self.extend_exclude)]


def _matching(option: str, entries: Sequence[str], known: Sequence[str]) -> set[str]:
    codes: set[str] = set()
    for entry in entries:
        prefix = entry.strip().upper()
        if not _RULE_PREFIX.match(prefix):
            shown = repr(entry) if len(entry) <= 8 else f"the value ({describe(entry)})"
            raise UsageError(f"{option}: {shown} is not a rule ID or prefix (PL1, PL203)")
        found = {code for code in known if code.startswith(prefix)}
        if not found:
            raise UsageError(f"{option}: {prefix} matches no rule")
        codes |= found
    return codes


_RULE_PREFIX = re.compile(r"^PL\d{0,3}$")


def check_projects(
    paths: Sequence[Path],
    config: Path | None,
    *,
    jobs: int | None = None,
    enable: frozenset[str] = frozenset(),
    cache: bool = False,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    shard: tuple[int, int] | None = None,
    selection: Selection = Selection(),
) -> list[Project]:
    """``check_paths`` for each group of ``projects(paths, config)``; ``enable`` adds
    rules to every group's ``enable`` (``--report-unused-ignores`` adds PL002).
    ``cache``, ``cache_dir``, ``progress`` and ``shard`` as for :func:`check_paths`; a
    shard needs one configuration for all paths (UsageError otherwise). ``selection``
    (the command line's rules and excludes) applies over each group's policy."""
    checked = []
    groups = projects(paths, config)
    if shard is not None and len(groups) > 1:
        raise UsageError(
            f"--shard: the paths fall under {len(groups)} configurations; shard each project"
            " on its own or pass --config"
        )
    for policy, group in groups:
        if enable - policy.enabled_rules:
            policy = dataclasses.replace(policy, enabled_rules=policy.enabled_rules | enable)
        policy = selection.apply(policy)
        check = check_paths(
            group,
            policy,
            jobs=jobs,
            cache=cache,
            cache_dir=cache_dir,
            progress=progress,
            shard=shard,
        )
        checked.append(Project(tuple(group), policy, check))
    return checked


def merge_checks(checks: Sequence[Check]) -> Check:
    """One check from several over the same root: findings sorted (a file named in two
    groups counts once per identical finding, and so does a path not analysed), rules
    by ID, skipped paths in order, each once."""
    if len(checks) == 1:
        return checks[0]
    findings = tuple(sorted({finding for check in checks for finding in check.result.findings}))
    rules = {info.id: info for check in checks for info in check.rules}
    result = ScanResult(
        findings,
        files_scanned=sum(check.result.files_scanned for check in checks),
        root=checks[0].result.root,
    )
    skipped = tuple(dict.fromkeys(item for check in checks for item in check.skipped))
    notices = tuple(dict.fromkeys(notice for check in checks for notice in check.notices))
    return Check(result, tuple(rules[key] for key in sorted(rules)), skipped, notices=notices)


def exit_code(findings: Sequence[Finding], fail_on: Level) -> int:
    """1 when any finding is at or above ``fail_on``, else 0."""
    return 1 if any(finding.level >= fail_on for finding in findings) else 0


def shard_record(
    project: Project,
    min_confidence: Confidence,
    baseline: Path | None,
    selection: Selection = Selection(),
) -> Record:
    """What a shard's log carries for :func:`merge_shards` (``project`` was checked
    with ``shard=``, its findings filtered as reported)."""
    part = project.check.shard
    assert part is not None
    root = Path(project.check.result.root)
    policy = project.policy
    config = display_path(Path(policy.config_path), root) if policy.config_path else None
    kept = None
    if baseline is not None:
        kept = (str(baseline), hashlib.sha256(baseline.read_bytes()).hexdigest())
    return Record(
        index=part.index,
        count=part.count,
        version=__version__,
        policy=_shard_policy_digest(policy),
        config=config,
        files_scanned=project.check.result.files_scanned,
        roots=tuple(sorted(part.roots)),
        findings=project.check.result.findings,
        facts=part.facts,
        min_confidence=min_confidence.label,
        baseline=kept,
        enable=tuple(sorted(policy.enabled_rules)),
        selection=tuple(tuple(part) for part in selection.to_json()),
    )


def _shard_policy_digest(policy: Policy) -> str:
    # where the checkout is differs from runner to runner; what the policy says must not
    return policy_digest(dataclasses.replace(policy, config_path=None))


def merge_shards(
    records: Sequence[tuple[str, Record]], *, root: Path | None = None
) -> tuple[Check, Policy]:
    """One check from the logs of shards 1..N of a scan, and its policy: every shard's
    findings, and the project phase run over every shard's facts, as a scan on one
    machine would have it. The calls it reports are placed by reading their files
    under ``root`` (default: the current directory), so a merge runs in a checkout of
    the same tree. ShardError when the shards do not make one scan or the
    configuration here is not theirs."""
    check_complete(records, __version__)
    first = records[0][1]
    root = (root or Path.cwd()).resolve()
    try:
        if first.config is not None:
            config = Path(first.config)
            policy = load_policy(config if config.is_absolute() else root / config)
        else:
            policy = load_policy(search_from=root)
    except ConfigError as exc:
        raise ShardError(f"merge: {exc}") from None
    if set(first.enable) - policy.enabled_rules:
        policy = dataclasses.replace(policy, enabled_rules=policy.enabled_rules | set(first.enable))
    try:
        policy = Selection(*first.selection).apply(policy)
    except UsageError as exc:
        raise ShardError(f"merge: {exc}") from None
    if _shard_policy_digest(policy) != first.policy:
        where = first.config or "the default configuration"
        raise ShardError(f"merge: {where} here is not the configuration the shards ran with")
    rules = enabled_rules(policy)
    facts = [fact for _, record in records for fact in record.facts]
    items = [
        (str(root / fact["path"]), fact["path"], True)
        for fact in facts
        if isinstance(fact.get("path"), str)
    ]
    linked = project_findings(facts, items, policy, rules, frozenset(first.roots))
    linked = [f for f in linked if f.confidence >= Confidence.parse(first.min_confidence)]
    if first.baseline is not None:
        linked = list(_shard_baseline(*first.baseline).new_findings(linked))
    findings = [finding for _, record in records for finding in record.findings]
    result = ScanResult(
        tuple(sorted(findings + linked)),
        files_scanned=sum(record.files_scanned for _, record in records),
        root=root.as_posix(),
    )
    return Check(result, tuple(rule.info() for rule in rules)), policy


def _shard_baseline(path: str, digest: str) -> Baseline:
    baseline = Baseline.load(Path(path))
    if hashlib.sha256(Path(path).read_bytes()).hexdigest() != digest:
        raise ShardError(f"merge: {path} is not the baseline the shards ran with")
    return baseline
