"""The command line: arguments -> api -> reporter -> exit code. Nothing imports this."""

from __future__ import annotations

# `lazy` before anything else: importing it defers libcst, which costs a third of a
# second to import, to the first file that is parsed, and keeps what the imports after
# it compile (privlint.lazy)
from privlint import __version__, lazy  # noqa: F401

# isort: split
import atexit
import contextlib
import dataclasses
import functools
import gc
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from privlint.api import (
    Check,
    Selection,
    UsageError,
    check_projects,
    enabled_rules,
    exit_code,
    merge_checks,
    merge_shards,
    shard_record,
)
from privlint.baseline import Baseline, BaselineError, render_baseline
from privlint.diffbase import ChangedLines, DiffBaseError, changed_lines, changed_since_committed
from privlint.engine.files import is_not_analysed
from privlint.engine.shard import PROPERTY, Record, ShardError, parse_spec
from privlint.findings import Confidence, Finding, Level, is_internal_error
from privlint.fixes import apply_fixes, fix_diff, fixed_files
from privlint.policy import ConfigError, load_policy
from privlint.policy.errors import describe, did_you_mean
from privlint.policy.load import RULE_ID
from privlint.progress import ProgressLine, wanted
from privlint.reporters import Reporter, get_reporter
from privlint.rules.base import RuleInfo, all_rules

FORMATS = ("text", "json", "sarif", "github", "gitlab")
#: The run completed, but privlint failed on some file or rule (a bug to report).
INTERNAL_ERROR_EXIT = 3
LEVELS = ("error", "warning", "note")
CONFIDENCES = ("low", "medium", "high")


class _Choice(click.Choice):  # type: ignore[type-arg]
    """A choice whose error shows the bad value by its shape only (it may be a pasted
    token): ``the value (40 characters, gh...NO) is not one of: text, json``."""

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> object:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            text = str(value)
            choices = ", ".join(str(choice) for choice in self.choices)
            hint = did_you_mean(text, [str(choice) for choice in self.choices])
            self.fail(f"the value ({describe(text)}) is not one of: {choices}{hint}", param, ctx)


class _Jobs(click.IntRange):
    """``--jobs``: a positive integer; anything else is shown by its shape only."""

    def __init__(self) -> None:
        super().__init__(min=1)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            text = str(value)
            shown = (
                repr(text)
                if text.strip().lstrip("+-").isdigit()
                else f"the value ({describe(text)})"
            )
            self.fail(f"{shown} is not a positive integer", param, ctx)


class _Exit(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


def _fail(message: str) -> _Exit:
    click.echo(f"privlint: error: {message}", err=True)
    return _Exit(2)


_output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE.",
)
_fail_on_option = click.option(
    "--fail-on",
    type=_Choice(LEVELS),
    default=None,
    help="Lowest level that fails the run [default: warning, or fail-on in config].",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="privlint")
def cli() -> None:
    """privlint: find sensitive data reaching logs, output, the network and the repository."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=_Choice(FORMATS), default="text", show_default=True)
@_output_option
@_fail_on_option
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="pyproject.toml to read [tool.privlint] from.",
)
@click.option(
    "--jobs",
    "-j",
    type=_Jobs(),
    default=None,
    help="Processes to use [default: CPU count].",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes, then report what remains.")
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="With --fix or --diff, unsafe fixes too: they may change what the code does"
    " (https:// to a host not known to serve TLS, a certificate check turned back on).",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print the fixes as a unified diff instead of the report; write nothing"
    " (exit 1 when there is something to fix).",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Report only findings not recorded in this baseline (see `privlint baseline`).",
)
@click.option(
    "--min-confidence",
    type=_Choice(CONFIDENCES),
    default="low",
    show_default=True,
    help="Report only findings with at least this confidence (how strong the evidence is;"
    " low confidence is a note at most, medium a warning at most).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="PRIVLINT_CACHE_DIR",
    default=None,
    help="Where to keep each file's findings between runs [default: .privlint_cache at"
    " the project root; env PRIVLINT_CACHE_DIR].",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option(
    "--report-unused-ignores",
    is_flag=True,
    help="Report suppression comments that silenced nothing (PL002 notes).",
)
@click.option(
    "--shard",
    "shard_text",
    metavar="K/N",
    default=None,
    help="Scan only the K-th of N parts of the files (stable and balanced by size), for"
    " CI jobs in parallel; with --format sarif, `privlint merge` joins the parts into"
    " the report of one scan.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Run only these rules: IDs or prefixes, comma-separated (PL1,PL203); repeatable.",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODES",
    help="Turn these rules off: IDs or prefixes, comma-separated; repeatable.",
)
@click.option(
    "--extend-exclude",
    multiple=True,
    metavar="GLOB",
    help="Leave out paths matching GLOB, besides the configuration's exclude; repeatable.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress line and no remarks on stderr.")
@click.option(
    "--diff-base",
    metavar="REF",
    default=None,
    help="Report only findings on lines added or changed since git REF (and in untracked"
    " files): gate a pull request on what it changes. The baseline still applies.",
)
@click.option(
    "--sarif-category",
    metavar="NAME",
    default=None,
    help="SARIF automationDetails.id: code scanning keeps one set of alerts per category,"
    " so runs on different parts of a repository need different ones [default: privlint].",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print only the count of findings per rule (and by level), not each finding.",
)
def check(
    paths: Sequence[Path],
    fmt: str,
    output: Path | None,
    fail_on: str | None,
    config: Path | None,
    jobs: int | None,
    fix: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    baseline_path: Path | None,
    min_confidence: str,
    cache_dir: Path | None,
    no_cache: bool,
    report_unused_ignores: bool,
    shard_text: str | None,
    select: Sequence[str],
    ignore: Sequence[str],
    extend_exclude: Sequence[str],
    quiet: bool,
    diff_base: str | None,
    sarif_category: str | None,
    statistics: bool,
) -> None:
    """Check PATHS (files or directories; default: the current directory).

    A path that exists but cannot be analysed (unreadable, a FIFO or device, a broken
    symbolic link, a symlink loop), named or found in a directory, is a PL000 note
    ("not analysed: permission denied") and the run goes on; the summary counts such
    paths apart from the files checked ("in 3 files; 1 path not analysed"). A path
    that does not exist is a usage error.

    Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage or configuration
    error, 3 privlint failed on some file or rule (an internal error, reported as PL000;
    everything else was checked and reported).
    """
    targets = list(paths) or [Path(".")]
    if statistics and fmt != "text":
        raise _fail("--statistics prints a text table: leave out --format, or --statistics")
    if sarif_category is not None and (fmt != "sarif" or not sarif_category.strip("/ ")):
        raise _fail("--sarif-category: a non-empty name, with --format sarif")
    enable = frozenset({"PL002"}) if report_unused_ignores else frozenset()
    # a progress line on a terminal, unless the report itself goes to stdout as data
    machine = fmt != "text" and output is None
    line = ProgressLine(sys.stderr) if wanted(sys.stderr, quiet=quiet or machine) else None
    selection = Selection(_codes(select), _codes(ignore), tuple(extend_exclude))
    try:
        shard = parse_spec(shard_text) if shard_text is not None else None
        if shard is not None and (fix or show_diff):
            raise UsageError("--shard and --fix: fix on one machine, then shard the check")
        if fix and show_diff:
            raise UsageError("--fix and --diff: --diff shows the fixes, --fix writes them")
        baseline = Baseline.load(baseline_path) if baseline_path is not None else None
        if diff_base is not None and shard is not None:
            raise UsageError("--diff-base and --shard: filter the merged report instead")
        changed = changed_lines(diff_base, Path.cwd()) if diff_base is not None else None
        # each path is checked under the nearest [tool.privlint] above it (or --config)
        run_check = functools.partial(
            check_projects,
            jobs=jobs,
            enable=enable,
            cache=not no_cache,
            cache_dir=cache_dir,
            progress=line,
            shard=shard,
            selection=selection,
        )
        try:
            groups = run_check(targets, config)
        finally:
            if line is not None:
                line.close()
        if show_diff:
            everything = [f for group in groups for f in group.check.result.findings]
            _show_diff(everything, Path(groups[0].check.result.root), unsafe_fixes, quiet)
        if fix:
            findings = [f for group in groups for f in group.check.result.findings]
            try:
                applied = apply_fixes(
                    Path(groups[0].check.result.root), findings, unsafe=unsafe_fixes
                )
            except (OSError, UnicodeDecodeError) as exc:
                raise _fail(f"cannot apply fixes: {_os_error(exc)}") from None
            if not quiet:
                _echo_unsafe_left(findings, unsafe_fixes, "applied")
            if applied:
                total = sum(applied.values())
                files = "file" if len(applied) == 1 else "files"
                click.echo(f"privlint: applied {total} edits in {len(applied)} {files}", err=True)
                groups = run_check(targets, config)
    except (ConfigError, UsageError, BaselineError, ShardError, DiffBaseError) as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:  # not a path of the scan (those are PL000 notes)
        raise _fail(_os_error(exc)) from None
    minimum = Confidence.parse(min_confidence)
    # of identical findings over a baseline's count, report those on lines changed
    # since the baseline was committed: they are the new ones
    since = changed_since_committed(baseline_path, Path.cwd()) if baseline_path else None
    baselined = [
        group.check.without_baselined(baseline, _newness(since, group.check.result.root))
        if baseline is not None
        else group.check
        for group in groups
    ]
    checks = [check.at_confidence(minimum) for check in baselined]
    if changed is not None:
        checks, unchanged = _on_changed_lines(checks, changed)
        if not quiet:
            plural = "finding" if unchanged == 1 else "findings"
            click.echo(
                f"privlint: --diff-base {diff_base}: left out {unchanged} {plural} on lines"
                " not changed since it",
                err=True,
            )
    outcome = merge_checks(checks)
    # Directories left out on purpose get a remark; paths not analysed are in the report.
    if not quiet:
        _echo_skipped(outcome.skipped)
        for notice in outcome.notices:
            click.echo(f"privlint: {notice}", err=True)
        if baseline is not None:
            accepted = sum(
                len(group.check.result.findings) - len(check.result.findings)
                for group, check in zip(groups, baselined, strict=True)
            )
            plural = "finding" if accepted == 1 else "findings"
            click.echo(
                f"privlint: the baseline {baseline_path} accepted {accepted} {plural}", err=True
            )
    if shard is not None and fmt == "sarif":
        from privlint.reporters.sarif import SarifReporter  # sarif-om only when needed

        project = dataclasses.replace(groups[0], check=checks[0])
        record = shard_record(project, minimum, baseline_path, selection)
        report = SarifReporter().render(outcome.result, outcome.rules, {PROPERTY: record.to_json()})
    else:
        reporter = _reporter(fmt, output, statistics, sarif_category)
        report = reporter.render(outcome.result, outcome.rules)
        left_out = getattr(reporter, "left_out", 0)
        if left_out and not quiet:
            plural = "finding" if left_out == 1 else "findings"
            click.echo(
                f"privlint: the SARIF report leaves out {left_out} {plural}, lowest levels"
                " first, to stay within GitHub's upload limits; JSON or text has them all",
                err=True,
            )
    _emit(report, output, outcome, quiet)
    if any(is_internal_error(finding) for finding in outcome.result.findings):
        raise _Exit(INTERNAL_ERROR_EXIT)
    raise _Exit(
        max(
            exit_code(
                checked.result.findings,
                Level.parse(fail_on) if fail_on is not None else group.policy.fail_on,
            )
            for group, checked in zip(groups, checks, strict=True)
        )
    )


def _show_diff(findings: Sequence[Finding], root: Path, unsafe: bool, quiet: bool) -> None:
    """``--diff``: the fixes as a unified diff on stdout, a count on stderr; exit 1 when
    there is something to fix, else 0."""
    try:
        diff = fix_diff(root, findings, unsafe=unsafe)
        files = fixed_files(root, findings, unsafe=unsafe)
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"cannot read a file to fix: {_os_error(exc)}") from None
    click.echo(diff, nl=False)
    if not quiet:
        changed = {file.display for file in files}
        count = sum(
            1
            for f in findings
            if f.fix is not None and (f.fix.safe or unsafe) and f.path in changed
        )
        fixes = "fix" if count == 1 else "fixes"
        plural = "file" if len(files) == 1 else "files"
        click.echo(f"privlint: {count} {fixes} in {len(files)} {plural} would be applied", err=True)
        _echo_unsafe_left(findings, unsafe, "shown")
    raise _Exit(1 if diff else 0)


def _echo_unsafe_left(findings: Sequence[Finding], unsafe: bool, done: str) -> None:
    """Say how many unsafe fixes were left out, and how to have them."""
    left = 0 if unsafe else sum(1 for f in findings if f.fix is not None and not f.fix.safe)
    if left:
        plural = "fix" if left == 1 else "fixes"
        click.echo(
            f"privlint: {left} unsafe {plural} not {done} (--unsafe-fixes: they may change"
            " what the code does)",
            err=True,
        )


def _newness(changed: ChangedLines | None, root: str) -> Callable[[Finding], bool] | None:
    if changed is None:
        return None
    return lambda finding: changed.touches(finding, root)


def _on_changed_lines(checks: Sequence[Check], changed: ChangedLines) -> tuple[list[Check], int]:
    """The checks with only the findings on changed lines, and how many were left out."""
    kept = []
    for one in checks:
        findings = changed.keep(one.result.findings, one.result.root)
        kept.append(
            dataclasses.replace(one, result=dataclasses.replace(one.result, findings=findings))
        )
    left_out = sum(
        len(a.result.findings) - len(b.result.findings) for a, b in zip(checks, kept, strict=True)
    )
    return kept, left_out


def _reporter(
    fmt: str, output: Path | None, statistics: bool = False, category: str | None = None
) -> Reporter:
    """The reporter for ``fmt``; text written to a terminal shows source lines and
    colour (see :func:`privlint.reporters.text.terminal_options`), text to a file never;
    SARIF under ``category`` when one is given."""
    if fmt == "sarif" and category is not None:
        from privlint.reporters.sarif import SarifReporter

        return SarifReporter(category=category)
    if fmt != "text":
        return get_reporter(fmt)
    from privlint.reporters.text import TextOptions, TextReporter, terminal_options

    if output is not None:
        return TextReporter(TextOptions(statistics=statistics))
    return TextReporter(terminal_options(sys.stdout, statistics=statistics))


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    """``--select PL1,PL203 --select PL5`` -> the entries, in order."""
    return tuple(entry.strip() for value in values for entry in value.split(",") if entry.strip())


def _emit(report: str, output: Path | None, outcome: Check, quiet: bool) -> None:
    """The report to ``output`` (with the text summary's last line on stderr), or to
    stdout."""
    if output is None:
        # the reporter chose colour or not (NO_COLOR, FORCE_COLOR): click must not strip it
        click.echo(report, nl=False, color=True)
        return
    try:
        # a report path in a folder of its own (reports/privlint.sarif) just works
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(report, encoding="utf-8")
    except OSError as exc:
        raise _fail(f"{output}: cannot write: {exc.strerror or exc}") from None
    if not quiet:
        summary = get_reporter("text").render(outcome.result, outcome.rules).splitlines()[-1]
        click.echo(summary, err=True)


@cli.command("merge")
@click.argument("logs", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=_Choice(FORMATS), default="sarif", show_default=True)
@_output_option
@_fail_on_option
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
def merge_command(
    logs: Sequence[Path], fmt: str, output: Path | None, fail_on: str | None, quiet: bool
) -> None:
    """Join the SARIF logs of `check --shard 1/N ... N/N --format sarif` into the report
    of one scan, byte for byte what one machine would have written.

    Run it in a checkout of the same tree, where the shards ran: calls that cross from
    one shard's files into another's are followed here, and their lines found in the
    source. Exit status as for `check`; 2 when the logs are not the N shards of one
    scan, or the configuration here is not theirs.
    """
    records = []
    try:
        for log in logs:
            records.append((str(log), _shard_record(log)))
        outcome, policy = merge_shards(records)
    except ShardError as exc:
        raise _fail(str(exc)) from None
    report = _reporter(fmt, output).render(outcome.result, outcome.rules)
    _emit(report, output, outcome, quiet)
    if any(is_internal_error(finding) for finding in outcome.result.findings):
        raise _Exit(INTERNAL_ERROR_EXIT)
    level = Level.parse(fail_on) if fail_on is not None else policy.fail_on
    raise _Exit(exit_code(outcome.result.findings, level))


def _shard_record(log: Path) -> Record:
    """The shard record in a SARIF log, or ShardError naming the file and the problem."""
    try:
        document = json.loads(log.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ShardError(f"{log}: cannot read: {(exc.strerror or str(exc)).lower()}") from None
    except UnicodeDecodeError as exc:
        raise ShardError(f"{log}: not valid UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ShardError(f"{log}: not a SARIF log (invalid JSON at line {exc.lineno})") from None
    try:
        data = document["runs"][0]["properties"][PROPERTY]
    except (KeyError, IndexError, TypeError):
        data = None
    return Record.from_json(data, str(log))


@cli.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path(".privlint-baseline.json"),
    show_default=True,
    help="Where to write the baseline.",
)
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--jobs", "-j", type=_Jobs(), default=None)
def baseline_command(
    paths: Sequence[Path], output: Path, config: Path | None, jobs: int | None
) -> None:
    """Record today's findings in PATHS; `check --baseline FILE` then reports only new ones.

    The file holds rules, paths and hashes (no line numbers, timestamps, source or
    secrets), sorted, so re-running it on an unchanged tree rewrites it byte for byte.
    Paths that could not be analysed are said on stderr and not recorded: a baseline
    accepts findings in the code, and `check --baseline` keeps saying they were not
    analysed.
    """
    targets = list(paths) or [Path(".")]
    try:
        groups = check_projects(targets, config, jobs=jobs)
        outcome = merge_checks([group.check for group in groups])
    except (ConfigError, UsageError) as exc:
        raise _fail(str(exc)) from None
    _echo_skipped(outcome.skipped)
    recorded = []
    for finding in outcome.result.findings:
        if is_not_analysed(finding):
            click.echo(f"privlint: {finding.path}: {finding.message}", err=True)
        else:
            recorded.append(finding)
    try:
        output.write_text(render_baseline(recorded), encoding="utf-8")
    except OSError as exc:
        raise _fail(f"{output}: cannot write: {exc.strerror or exc}") from None
    count = len(recorded)
    plural = "finding" if count == 1 else "findings"
    click.echo(f"privlint: recorded {count} {plural} in {output}", err=True)


def _os_error(exc: OSError | UnicodeDecodeError) -> str:
    """The file and the reason, without the bytes a decoding error would quote."""
    if isinstance(exc, UnicodeDecodeError):
        return f"not valid UTF-8 (byte {exc.start})"
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{(exc.strerror or type(exc).__name__).lower()}"


def _echo_skipped(skipped: Sequence[tuple[str, str]]) -> None:
    """Remarks for directories left out on purpose although git lists files in them."""
    for path, reason in skipped:
        click.echo(f"privlint: skipped {path}: {reason}", err=True)


@cli.command("rules")
@click.argument("codes", nargs=-1)
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option(
    "--format",
    "fmt",
    type=_Choice(("text", "markdown")),
    default="text",
    show_default=True,
    help="text: one line per rule, or each named rule's page; markdown: the pages.",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write each page to DIR/PLnnn.md instead (how docs/rules is made).",
)
def rules_command(
    codes: Sequence[str], config: Path | None, fmt: str, output_dir: Path | None
) -> None:
    """List every rule with its ID, level and one-line description; with CODES (such
    as PL101), show each one's page: what it finds, why, an example, what to write
    instead, and what it covers."""
    try:
        policy = load_policy(config, search_from=Path("."))
        enabled = {rule.CODE for rule in enabled_rules(policy)}
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    by_code = {rule.CODE: rule for rule in all_rules()}
    for code in codes:
        if code.upper() not in by_code:
            shown = code if RULE_ID.match(code.upper()) else f"the value ({describe(code)})"
            hint = did_you_mean(code.upper(), list(by_code))
            raise _fail(f"rules: {shown} is not a privlint rule{hint}")
    chosen = [by_code[code.upper()] for code in codes] or list(by_code.values())
    if fmt == "text" and not codes and output_dir is None:
        for rule in chosen:
            info = rule.info()
            state = "" if info.id in enabled else "  (disabled)"
            click.echo(f"{info.id}  {info.level.sarif:<7}  {info.name}: {info.summary}{state}")
        return
    pages = {rule.CODE: rule_page(rule.info()) for rule in chosen}
    if output_dir is not None:
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
            for code, page in pages.items():
                (output_dir / f"{code}.md").write_text(page, encoding="utf-8")
        except OSError as exc:
            raise _fail(_os_error(exc)) from None
        click.echo(f"privlint: wrote {len(pages)} rule pages to {output_dir}", err=True)
        return
    click.echo("\n".join(pages.values()), nl=False)


def rule_page(info: RuleInfo) -> str:
    """A rule's page in Markdown: its help, then its level, default, tags and CWEs."""
    default = "yes" if info.enabled_by_default else "no (`enable` it in [tool.privlint])"
    facts = [
        f"- Level: {info.level.sarif}",
        f"- On by default: {default}",
        f"- Tags: {', '.join(info.tags)}",
    ]
    if info.cwe:
        facts.append("- CWE: " + ", ".join(f"CWE-{cwe}" for cwe in info.cwe))
    facts.append(f"- Suppress one finding: `# privlint: ignore[{info.id}]`")
    return info.help_markdown.rstrip("\n") + "\n\n## Facts\n\n" + "\n".join(facts) + "\n"


@cli.command("init")
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("pyproject.toml"),
    show_default=True,
    help="The pyproject.toml to add the section to (created when missing).",
)
def init_command(config: Path) -> None:
    """Add a commented [tool.privlint] section to pyproject.toml and print the
    pre-commit hook to add to .pre-commit-config.yaml.

    A file that already has [tool.privlint] is left as it is (exit 1). Every key the
    section shows is commented out: privlint behaves as before until you change one.
    """
    from privlint.init import InitError, precommit_snippet, write_section

    try:
        outcome = write_section(config)
    except InitError as exc:
        raise _fail(str(exc)) from None
    if not outcome.written:
        click.echo(f"privlint: {config} already has [tool.privlint]; nothing written", err=True)
    else:
        verb = "created" if outcome.created else "added [tool.privlint] to"
        click.echo(f"privlint: {verb} {config}", err=True)
        if outcome.created and (config.parent / "setup.py").exists():
            # a pyproject.toml changes how pip builds a setup.py project (PEP 517/518)
            click.echo(
                "privlint: this project had setup.py and no pyproject.toml: pip now builds"
                " it in an isolated environment; check that it still builds",
                err=True,
            )
    click.echo("# .pre-commit-config.yaml: runs privlint on the files of each commit")
    click.echo(precommit_snippet(), nl=False)
    if not outcome.written:
        raise _Exit(1)


@cli.command("mask")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None)
def mask_command(config: Path | None) -> None:
    """Mask sensitive values in standard input and write it to standard output.

    The runtime masker, as a filter for logs: `kubectl logs app | privlint mask`.
    The same policy as `privlint check`, so a category added in [tool.privlint]
    is masked here too.
    """
    from privlint.runtime.cli_support import mask_stream

    try:
        policy = load_policy(config, search_from=Path.cwd())
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    mask_stream(sys.stdin, sys.stdout, policy)


@cli.command("export-semgrep")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write each rule to DIR/PLnnn-LANGUAGE.yaml instead (how rules/semgrep is made).",
)
def export_semgrep_command(config: Path | None, output_dir: Path | None) -> None:
    """Write the semgrep rules for JavaScript/TypeScript, Go and Java that the policy
    makes (the rule pack and [tool.privlint]): what `privlint check` runs on those files."""
    from privlint.polyglot.generate import export, render, semgrep_rules

    try:
        policy = load_policy(config, search_from=Path.cwd())
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    if output_dir is None:
        click.echo(render(semgrep_rules(policy)), nl=False)
        return
    try:
        written = export(policy, output_dir)
    except OSError as exc:
        raise _fail(_os_error(exc)) from None
    click.echo(f"privlint: wrote {len(written)} semgrep rules to {output_dir}", err=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 clean, 1 findings, 2 usage/config error)."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="privlint",
            standalone_mode=False,
        )
    except _Exit as exit_:
        return exit_.code
    except click.exceptions.Abort:
        click.echo("privlint: aborted", err=True)
        return 2
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except KeyboardInterrupt:
        return 130
    return 0


#: a check of at most this many files, none of them a folder, and this many bytes runs
#: without the cyclic garbage collector (see :func:`run`): what it leaves uncollected
#: grows with the source read (about 40 MB for a megabyte of Django's tests)
SHORT_RUN_FILES = 20
SHORT_RUN_BYTES = 1_000_000


def run() -> NoReturn:
    """The program (``python -m privlint``, the ``privlint`` command): :func:`main`,
    then exit. :mod:`privlint.__main__` turned the cyclic garbage collector off before
    the imports: a check of a few files (a pre-commit hook) leaves a few thousand
    objects in cycles, and collecting them cost a twentieth of its time. Any other run
    turns it back on."""
    if not short_run(sys.argv[1:]):
        gc.enable()
    exit_now(main())


def short_run(arguments: Sequence[str]) -> bool:
    """Whether the command line is ``check`` of at most :data:`SHORT_RUN_FILES` files
    of :data:`SHORT_RUN_BYTES` in all, and no folder (every argument that names an
    existing path is taken for one)."""
    if not arguments or arguments[0] != "check":
        return False
    files = size = 0
    for argument in arguments[1:]:
        path = Path(argument)
        try:
            if path.is_dir():
                return False
            if path.is_file():
                files += 1
                size += path.stat().st_size
        except OSError:  # a path that cannot be looked at: not a short run
            return False
    return 0 < files <= SHORT_RUN_FILES and size <= SHORT_RUN_BYTES


def exit_now(code: int) -> NoReturn:
    """Exit with ``code`` without tearing the interpreter down: a one-file run spends
    a sixth of its time freeing every object it made, which the operating system does
    at once. What an exit does first is done first: standard output and error are
    flushed and the exit functions run (privlint.lazy's stores, logging's handlers,
    multiprocessing's). A normal exit, when another thread or a child process is
    alive, or when flushing fails (a closed pipe: Python reports it as usual)."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        sys.exit(code)
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None and multiprocessing.active_children():
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    atexit._run_exitfuncs()
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
