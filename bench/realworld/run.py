"""The judged real-world corpus: fetch, scan, sample, report, check (issue #15).

    python bench/realworld/run.py fetch               # download and unpack every app
    python bench/realworld/run.py scan [APP ...]      # privlint, default configuration
    python bench/realworld/run.py scan --label before --checkout ../old   # another privlint
    python bench/realworld/run.py sample APP -n 40    # unjudged error/warning findings
    python bench/realworld/run.py sample APP -n 20 --level error   # errors only
    python bench/realworld/run.py report              # precision per family and level
    python bench/realworld/run.py check               # judged findings still judged right

Applications are pinned in ``corpus.toml``; sdists land in ``bench/.realworld/``. A scan
runs ``privlint check --format json`` from the unpacked tree with no configuration of
ours (what a new user gets) and keeps the JSON in ``bench/.realworld/results/<label>/``
(label ``current`` unless given: ``--label before --checkout DIR`` scans with the privlint
of another checkout, for a before/after comparison; ``report --label before`` reads it).

Judgments live in ``judgments/<app>.jsonl``, one JSON object per line::

    {"path": "...", "rule": "PL101", "fingerprint": "...", "line": 12,
     "verdict": "true" | "false", "reason": "one line", "level": "error"}

``level`` is the level the finding had when judged. ``check`` fails when a finding judged
false comes back at warning or error, or a finding judged true is no longer reported.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WORK = HERE.parent / ".realworld"
JUDGMENTS = HERE / "judgments"
LOUD = ("error", "warning")


@dataclass(frozen=True)
class App:
    name: str
    kind: str
    project: str
    version: str
    url: str
    sha256: str
    role: str

    @property
    def source(self) -> Path:
        return WORK / "src" / self.name

    def results(self, label: str = "current") -> Path:
        return WORK / "results" / label / f"{self.name}.json"


def load_apps() -> list[App]:
    with (HERE / "corpus.toml").open("rb") as handle:
        return [App(**entry) for entry in tomllib.load(handle)["app"]]


def select(apps: list[App], names: list[str], *, role: str | None = None) -> list[App]:
    if not names:
        return [app for app in apps if role is None or app.role == role]
    known = {app.name: app for app in apps}
    missing = [name for name in names if name not in known]
    if missing:
        sys.exit(f"unknown application: {', '.join(missing)} (known: {', '.join(known)})")
    return [known[name] for name in names]


# -- fetch ------------------------------------------------------------------------------


def fetch(app: App) -> Path:
    """Download (if needed), verify and unpack ``app``; return its source tree."""
    archive = _download(app)
    marker = app.source / ".unpacked"
    if marker.is_file() and marker.read_text() == app.sha256:
        return app.source
    shutil.rmtree(app.source, ignore_errors=True)
    app.source.mkdir(parents=True)
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts[1:]  # drop "project-version/"
            if not parts or not (member.isfile() or member.isdir()):
                continue
            member.name = str(Path(*parts))
            tar.extract(member, app.source, filter="data")
    marker.write_text(app.sha256)
    return app.source


def fetch_files(app: App, paths: set[str], into: Path) -> None:
    """Download (if needed) and unpack only ``paths`` of ``app`` into ``into``: enough to
    re-check judged findings, which depend on their own file only."""
    archive = _download(app)
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts[1:]
            if parts and member.isfile() and Path(*parts).as_posix() in paths:
                member.name = str(Path(*parts))
                tar.extract(member, into, filter="data")


def _download(app: App) -> Path:
    archive = WORK / "sdist" / app.url.rsplit("/", 1)[1]
    if not archive.is_file() or _sha256(archive) != app.sha256:
        archive.parent.mkdir(parents=True, exist_ok=True)
        print(f"  downloading {app.project}=={app.version}", flush=True)
        partial = archive.with_suffix(".part")
        with urllib.request.urlopen(app.url, timeout=300) as response, partial.open("wb") as out:
            shutil.copyfileobj(response, out)
        if _sha256(partial) != app.sha256:
            partial.unlink()
            sys.exit(f"{app.name}: sha256 of the download does not match corpus.toml")
        partial.replace(archive)
    return archive


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- scan -------------------------------------------------------------------------------


def scan(app: App, jobs: int, label: str, checkout: Path | None) -> dict[str, Any]:
    """Run privlint on ``app`` as a new user would; keep and return its JSON report.
    ``checkout``: run the privlint of that source tree instead of the installed one."""
    source = fetch(app)
    results = app.results(label)
    results.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "privlint", "check", "--format", "json", "--jobs", str(jobs)]
    environment = dict(os.environ)
    # the cache lives outside the scanned tree, so that an older privlint (``--checkout``)
    # scanning the same tree never meets it
    environment["PRIVLINT_CACHE_DIR"] = str(HERE.parent / ".realworld" / "cache" / app.name)
    if checkout is not None:
        environment["PYTHONPATH"] = str(checkout.resolve())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "--output", str(results), "."],
        cwd=source,
        capture_output=True,
        text=True,
        env=environment,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{app.name}: privlint exited {done.returncode}: {done.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(results.read_text())
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    levels = Counter(finding["level"] for finding in report["findings"])
    print(
        f"  {app.name}: {report.get('files_scanned', '?')} files, "
        + ", ".join(f"{levels[level]} {level}" for level in ("error", "warning", "note"))
        + f"; wall {wall:.0f} s, CPU {cpu:.0f} s",
        flush=True,
    )
    return report


def findings_of(app: App, label: str = "current") -> list[dict[str, Any]]:
    results = app.results(label)
    if not results.is_file():
        sys.exit(f"{app.name}: no scan results; run `scan {app.name} --label {label}` first")
    findings: list[dict[str, Any]] = json.loads(results.read_text())["findings"]
    return findings


# -- judgments --------------------------------------------------------------------------

Key = tuple[str, str, str]


def key_of(item: dict[str, Any]) -> Key:
    rule = item.get("rule") or item["rule_id"]
    return (item["path"], rule, item["fingerprint"])


def judgments_of(app: App) -> dict[Key, dict[str, Any]]:
    path = JUDGMENTS / f"{app.name}.jsonl"
    if not path.is_file():
        return {}
    judged = {}
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        if item.get("verdict") not in ("true", "false"):
            sys.exit(f"{path}:{number}: verdict must be 'true' or 'false'")
        judged[key_of(item)] = item
    return judged


def sample(
    app: App, count: int, seed: int, rules: set[str], label: str, levels: tuple[str, ...] = LOUD
) -> None:
    """Print ``count`` unjudged findings of ``app`` at ``levels`` (error and warning by
    default), with their code."""
    judged = judgments_of(app)
    pool = [
        finding
        for finding in findings_of(app, label)
        if finding["level"] in levels
        and key_of(finding) not in judged
        and (not rules or finding["rule_id"] in rules)
    ]
    pool.sort(key=lambda finding: (finding["path"], finding["region"]["start_line"]))
    chosen = random.Random(seed).sample(pool, min(count, len(pool)))
    for finding in chosen:
        line = finding["region"]["start_line"]
        print(
            json.dumps(
                {
                    "path": finding["path"],
                    "rule": finding["rule_id"],
                    "fingerprint": finding["fingerprint"],
                    "line": line,
                    "level": finding["level"],
                    "message": finding["message"],
                }
            )
        )
        print(_context(app.source / finding["path"], line))
        print()


def _context(path: Path, line: int, around: int = 4) -> str:
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError as exc:
        return f"    (cannot read: {exc.strerror})"
    first = max(1, line - around)
    return "\n".join(
        f"{'>' if number == line else ' '}{number:6} {lines[number - 1][:160]}"
        for number in range(first, min(len(lines), line + around) + 1)
    )


# -- report and check -------------------------------------------------------------------


def report(apps: list[App], label: str) -> str:
    """Markdown: findings per application and level, precision per family and level."""
    out = ["| application | files | error | warning | note |", "|---|---:|---:|---:|---:|"]
    tally: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for app in apps:
        path = app.results(label)
        data = json.loads(path.read_text()) if path.is_file() else None
        if data is None:
            continue
        levels = Counter(finding["level"] for finding in data["findings"])
        out.append(
            f"| {app.name} | {data.get('files_scanned', '?')} | {levels['error']} |"
            f" {levels['warning']} | {levels['note']} |"
        )
        current = {key_of(finding): finding for finding in data["findings"]}
        for key, judged in judgments_of(app).items():
            finding = current.get(key)
            level = "gone" if finding is None else finding["level"]
            family = key[1][:3] + "xx"
            tally[(family, level)][judged["verdict"]] += 1
    out += ["", "| family | level now | judged | true | precision |", "|---|---|---:|---:|---:|"]
    for (family, level), counts in sorted(tally.items()):
        judged_count = counts["true"] + counts["false"]
        precision = counts["true"] / judged_count if judged_count else 0.0
        out.append(f"| {family} | {level} | {judged_count} | {counts['true']} | {precision:.2f} |")
    return "\n".join(out)


def scan_judged_files(app: App, judged: dict[Key, dict[str, Any]]) -> list[dict[str, Any]]:
    """The current privlint's findings on the files that hold judged findings only, and
    the files a judged finding needs besides its own (``needs``: the module of a helper
    that a finding across files goes through)."""
    paths = {key[0] for key in judged}
    for row in judged.values():
        paths.update(row.get("needs", ()))
    with tempfile.TemporaryDirectory(prefix=f"privlint-{app.name}-") as temporary:
        root = Path(temporary)
        fetch_files(app, paths, root)
        present = sorted(path for path in paths if (root / path).is_file())
        output = root / ".privlint-findings.json"
        done = subprocess.run(
            [sys.executable, "-m", "privlint", "check", "--format", "json", "--jobs", "1",
             "--output", str(output), *present],
            cwd=root, capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode not in (0, 1):
            sys.exit(f"{app.name}: privlint exited {done.returncode}: {done.stderr[-2000:]}")
        findings: list[dict[str, Any]] = json.loads(output.read_text())["findings"]
        return findings


OPEN = HERE / "open.txt"


def open_false_positives() -> dict[tuple[str, str, str, str], str]:
    """Judged false positives still reported, known and not fixed yet (``open.txt``:
    ``app path rule fingerprint  # reason``): ``check`` tolerates them, and fails once
    one is fixed so that the list only shrinks."""
    known: dict[tuple[str, str, str, str], str] = {}
    if OPEN.is_file():
        for line in OPEN.read_text().splitlines():
            entry, _, reason = line.partition("#")
            fields = entry.split()
            if len(fields) == 4:
                known[(fields[0], fields[1], fields[2], fields[3])] = reason.strip()
    return known


def check(
    apps: list[App],
    label: str = "current",
    *,
    judged_files: bool = False,
    update_open: bool = False,
) -> list[str]:
    """Judged findings that privlint now gets wrong (empty when all is well): a judged
    false positive at warning or error that ``open.txt`` does not list, a judged true
    positive no longer reported, or an ``open.txt`` entry that is fixed (remove it). With
    ``judged_files``, scan now only the files that hold judgments instead of reading a
    whole scan's results."""
    problems = []
    known = open_false_positives()
    still_open: dict[tuple[str, str, str, str], str] = {}
    for app in apps:
        judged = judgments_of(app)
        if not judged:
            continue
        findings = scan_judged_files(app, judged) if judged_files else findings_of(app, label)
        current = {key_of(finding): finding for finding in findings}
        for key, item in sorted(judged.items()):
            finding = current.get(key)
            where = f"{app.name}: {key[0]}:{item.get('line', '?')} {key[1]}"
            loud = finding is not None and finding["level"] in LOUD
            listed = (app.name, *key) in known
            if item["verdict"] == "false" and loud:
                still_open[(app.name, *key)] = item["reason"]
            if item["verdict"] == "false" and loud and not listed:
                problems.append(f"{where}: judged false, reported again ({item['reason']})")
            if item["verdict"] == "false" and listed and not loud:
                problems.append(f"{where}: fixed; remove it from open.txt")
            covered = [tuple(other) in current for other in item.get("covered_by", ())]
            if item["verdict"] == "true" and finding is None and not (covered and all(covered)):
                # `covered_by`: the same leak is reported where it happens (the helper's
                # sink) and the call passing it is no longer reported again
                problems.append(f"{where}: judged true, no longer reported ({item['reason']})")
    if update_open:
        checked = {app.name for app in apps}
        kept = {entry: reason for entry, reason in known.items() if entry[0] not in checked}
        write_open({**kept, **still_open})
        problems = [p for p in problems if "open.txt" not in p and "reported again" not in p]
    return problems


def write_open(entries: dict[tuple[str, str, str, str], str]) -> None:
    """Rewrite ``open.txt`` with these judged false positives still reported."""
    header = [line for line in OPEN.read_text().splitlines() if line.startswith("#")]
    body = [f"{' '.join(entry)}  # {reason}" for entry, reason in sorted(entries.items())]
    OPEN.write_text("\n".join([*header, *body]) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("fetch", "scan", "report", "check"):
        sub = commands.add_parser(name)
        sub.add_argument("apps", nargs="*")
        sub.add_argument("--label", default="current")
        if name == "check":
            sub.add_argument(
                "--judged-files",
                action="store_true",
                help="scan the judged files now (no whole scan needed)",
            )
            sub.add_argument(
                "--update-open",
                action="store_true",
                help="rewrite open.txt: drop what is fixed, add judged false positives still"
                " reported",
            )
        if name == "scan":
            sub.add_argument("--jobs", type=int, default=2)
            sub.add_argument("--checkout", type=Path, default=None)
    sampler = commands.add_parser("sample")
    sampler.add_argument("app")
    sampler.add_argument("-n", type=int, default=40)
    sampler.add_argument("--seed", type=int, default=15)
    sampler.add_argument("--rule", action="append", default=[])
    sampler.add_argument("--label", default="current")
    sampler.add_argument("--level", choices=LOUD, action="append", default=[])
    args = parser.parse_args()
    apps = load_apps()
    if args.command == "fetch":
        for app in select(apps, args.apps):
            print(f"{app.name}: {fetch(app)}")
    elif args.command == "scan":
        for app in select(apps, args.apps, role="corpus"):
            scan(app, args.jobs, args.label, args.checkout)
    elif args.command == "sample":
        levels = tuple(args.level) or LOUD
        sample(select(apps, [args.app])[0], args.n, args.seed, set(args.rule), args.label, levels)
    elif args.command == "report":
        print(report(select(apps, args.apps, role="corpus"), args.label))
    else:
        problems = check(
            select(apps, args.apps, role="corpus"),
            args.label,
            judged_files=args.judged_files,
            update_open=args.update_open,
        )
        print("\n".join(problems) or "every judged finding is judged right")
        sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
