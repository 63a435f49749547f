#!/usr/bin/env python3
"""Time privlint against Bandit, Ruff and Semgrep on a pinned corpus of real code.

Run it with the interpreter whose environment has privlint (the project's venv)::

    .venv/bin/python bench/run.py                       # full corpus, all tools, once
    .venv/bin/python bench/run.py --corpus django --only privlint,bandit
    .venv/bin/python bench/run.py --pre-commit --repeat 5

It creates (or reuses) ``bench/.venv`` with the peers from ``bench/requirements.txt``,
downloads the sdists named in ``bench/corpus.toml`` into ``bench/.corpus/``, checks
their sha256 and unpacks them, then times each tool as a whole process (best of
``--repeat`` runs) and prints a table; the same table is appended to
``bench/RESULTS.md`` with the machine's details.  Standard library only.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
CORPUS_TOML = BENCH / "corpus.toml"
REQUIREMENTS = BENCH / "requirements.txt"
SEMGREP_RULES = BENCH / "semgrep" / "python-logging.yml"
RESULTS_MD = BENCH / "RESULTS.md"
VENV = BENCH / ".venv"
CORPUS_DIR = BENCH / ".corpus"
SDIST_DIR = CORPUS_DIR / "sdists"
SRC_DIR = CORPUS_DIR / "src"
OUT_DIR = CORPUS_DIR / "out"

TOOL_NAMES = ("privlint", "privlint-warm", "bandit", "ruff", "semgrep")
BASELINE = "bandit"
REQUIREMENTS_STAMP = VENV / ".bench-requirements.sha256"
UNPACKED_STAMP = ".bench-sdist.sha256"

# Files written into bench/.corpus/src so every tool scans the corpus with its defaults:
# privlint reads the nearest pyproject.toml with [tool.privlint] above its working
# directory (without this one it would take the project's own), and Semgrep's default
# ignore list (used when the project root has no .semgrepignore) skips test/ and tests/.
CORPUS_PYPROJECT = (
    "# Written by bench/run.py: privlint's defaults, not the project's.\n[tool.privlint]\n"
)
CORPUS_SEMGREPIGNORE = (
    "# Written by bench/run.py: an empty ignore list, so Semgrep scans test/ and tests/\n"
    "# like the other tools (its built-in default list skips them).\n"
)


class BenchError(Exception):
    """A step of the harness failed; the message says which and why."""


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Package:
    name: str
    project: str
    version: str
    sdist: str
    sha256: str

    @property
    def sdist_path(self) -> Path:
        return SDIST_DIR / self.sdist


@dataclass(frozen=True)
class Corpus:
    packages: tuple[Package, ...]
    precommit_package: str
    precommit_file: str

    def find(self, name: str) -> Package:
        for package in self.packages:
            if name.lower() in (package.name.lower(), package.project.lower()):
                return package
        known = ", ".join(p.name for p in self.packages)
        raise BenchError(f"--corpus: no package {name!r} in {CORPUS_TOML.name} (known: {known})")


def load_corpus(path: Path = CORPUS_TOML) -> Corpus:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    packages = []
    for entry in data.get("package", []):
        try:
            packages.append(
                Package(
                    name=str(entry["name"]),
                    project=str(entry["project"]),
                    version=str(entry["version"]),
                    sdist=str(entry["sdist"]),
                    sha256=str(entry["sha256"]).lower(),
                )
            )
        except KeyError as exc:
            raise BenchError(f"{path}: a [[package]] lacks {exc.args[0]!r}") from None
    precommit = data.get("pre-commit", {})
    if not packages or "package" not in precommit or "file" not in precommit:
        raise BenchError(f"{path}: needs [[package]] entries and [pre-commit] package, file")
    return Corpus(tuple(packages), str(precommit["package"]), str(precommit["file"]))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pip_python() -> str:
    """The interpreter whose pip downloads sdists: bench/.venv's if there is one."""
    venv_python = VENV / "bin" / "python"
    return str(venv_python) if venv_python.exists() else sys.executable


def download(package: Package) -> Path:
    """The verified sdist of ``package``, downloaded with pip if missing or corrupt."""
    target = package.sdist_path
    if target.exists():
        if sha256_of(target) == package.sha256:
            return target
        print(f"  {target.name}: sha256 mismatch, downloading again", flush=True)
        target.unlink()
    SDIST_DIR.mkdir(parents=True, exist_ok=True)
    print(f"  downloading {package.project}=={package.version}", flush=True)
    with tempfile.TemporaryDirectory(dir=CORPUS_DIR) as tmp:
        requirement = Path(tmp) / "requirement.txt"
        requirement.write_text(
            f"{package.project}=={package.version} --hash=sha256:{package.sha256}\n",
            encoding="utf-8",
        )
        command = [
            pip_python(), "-m", "pip", "download", "--quiet", "--no-deps",
            "--no-binary", ":all:", "--require-hashes", "-r", str(requirement),
            "-d", str(Path(tmp) / "dl"),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        found = Path(tmp) / "dl" / package.sdist
        if done.returncode != 0 or not found.exists():
            raise BenchError(
                f"pip download {package.project}=={package.version} failed "
                f"(exit {done.returncode}): {tail(done.stderr)}"
            )
        actual = sha256_of(found)
        if actual != package.sha256:
            raise BenchError(
                f"{package.sdist}: sha256 {actual} does not match {package.sha256} in corpus.toml"
            )
        shutil.move(found, target)
    return target


def unpack(package: Package, sdist: Path) -> Path:
    """Unpack ``sdist`` into bench/.corpus/src/ (once) and return its top directory."""
    with tarfile.open(sdist) as archive:
        tops = {Path(member.name).parts[0] for member in archive.getmembers() if member.name}
        if len(tops) != 1:
            raise BenchError(f"{sdist.name}: expected one top directory, found {sorted(tops)}")
        top = SRC_DIR / tops.pop()
        stamp = top / UNPACKED_STAMP
        if stamp.exists() and stamp.read_text(encoding="utf-8").strip() == package.sha256:
            return top
        if top.exists():
            shutil.rmtree(top)
        SRC_DIR.mkdir(parents=True, exist_ok=True)
        archive.extractall(SRC_DIR, filter="data")
    stamp.write_text(package.sha256 + "\n", encoding="utf-8")
    return top


def prepare_corpus(corpus: Corpus, selected: Sequence[Package]) -> dict[str, Path]:
    """Download, verify and unpack ``selected``; map package name to its directory."""
    print("corpus:", flush=True)
    dirs: dict[str, Path] = {}
    for package in selected:
        dirs[package.name] = unpack(package, download(package))
        print(f"  {package.project} {package.version}: {dirs[package.name].name}", flush=True)
    (SRC_DIR / "pyproject.toml").write_text(CORPUS_PYPROJECT, encoding="utf-8")
    (SRC_DIR / ".semgrepignore").write_text(CORPUS_SEMGREPIGNORE, encoding="utf-8")
    return dirs


def count_python(paths: Sequence[Path]) -> tuple[int, int]:
    """Number of ``*.py`` / ``*.pyi`` files under ``paths`` and their lines (as ``wc -l``)."""
    files = lines = 0
    for path in paths:
        candidates = [path] if path.is_file() else sorted(path.rglob("*.py*"))
        for candidate in candidates:
            if candidate.suffix not in (".py", ".pyi") or not candidate.is_file():
                continue
            files += 1
            lines += candidate.read_bytes().count(b"\n")
    return files, lines


# --------------------------------------------------------------------------- peers


def venv_bin(name: str) -> Path:
    return VENV / "bin" / name


def ensure_peers(skip_install: bool) -> None:
    """Create bench/.venv with python3 -m venv and install requirements.txt into it."""
    if skip_install:
        print("peers: --skip-install, using bench/.venv as it is", flush=True)
        return
    wanted = sha256_of(REQUIREMENTS)
    if REQUIREMENTS_STAMP.exists() and REQUIREMENTS_STAMP.read_text().strip() == wanted:
        print("peers: bench/.venv is up to date", flush=True)
        return
    if not venv_bin("python").exists():
        python3 = shutil.which("python3") or sys.executable
        print(f"peers: creating bench/.venv with {python3} -m venv", flush=True)
        subprocess.run([python3, "-m", "venv", str(VENV)], check=True)
    print("peers: installing bench/requirements.txt into bench/.venv", flush=True)
    done = subprocess.run(
        [str(venv_bin("python")), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"pip install -r {REQUIREMENTS} failed: {tail(done.stderr)}")
    REQUIREMENTS_STAMP.write_text(wanted + "\n")


# --------------------------------------------------------------------------- tools


@dataclass
class Outcome:
    """What one tool's output says: files it analysed, findings, and remarks."""

    files: int | None = None
    findings: int | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Tool:
    name: str
    command: Callable[[Sequence[str], Path, int], list[str]]
    parse: Callable[[Path, Sequence[str]], Outcome]
    version: list[str]
    ok_codes: tuple[int, ...] = (0, 1)
    env: dict[str, str] = field(default_factory=dict)
    #: run once, untimed, before the timed runs (a warm cache)
    prime: bool = False


def load_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def privlint_command(targets: Sequence[str], out: Path, jobs: int) -> list[str]:
    return [
        sys.executable, "-m", "privlint", "check", *targets,
        "--format", "json", "-o", str(out), "--jobs", str(jobs), "--no-cache",
    ]  # fmt: skip


def privlint_warm_command(targets: Sequence[str], out: Path, jobs: int) -> list[str]:
    """A re-run on the unchanged corpus: the cache was filled by an untimed first run."""
    cold = privlint_command(targets, out, jobs)
    cache = out.parent / "privlint-cache"
    return [*cold[: cold.index("--no-cache")], "--cache-dir", str(cache)]


def privlint_parse(out: Path, targets: Sequence[str]) -> Outcome:
    document = load_json(out)
    findings = document["findings"]
    levels = Counter(str(finding.get("level")) for finding in findings)
    unanalysed = sum(1 for finding in findings if finding.get("rule_id") == "PL000")
    notes = [", ".join(f"{count} {level}" for level, count in sorted(levels.items()))]
    if unanalysed:
        notes.append(f"{unanalysed} PL000 (file not analysed)")
    return Outcome(int(document["files_scanned"]), len(findings), [n for n in notes if n])


def bandit_command(targets: Sequence[str], out: Path, jobs: int) -> list[str]:
    del jobs  # Bandit runs in one process
    return [str(venv_bin("bandit")), "-r", "-q", "-f", "json", "-o", str(out), *targets]


def bandit_parse(out: Path, targets: Sequence[str]) -> Outcome:
    document = load_json(out)
    metrics = document.get("metrics", {})
    files = len([key for key in metrics if key != "_totals"])
    errors = len(document.get("errors", []))
    notes = [f"{errors} files not parsed"] if errors else []
    return Outcome(files, len(document["results"]), notes)


def ruff_command(targets: Sequence[str], out: Path, jobs: int) -> list[str]:
    del jobs  # Ruff uses every core; it has no switch for that
    return [
        str(venv_bin("ruff")), "check", "--isolated", "--select", "S", "--no-cache",
        "--exit-zero", "--output-format", "json", "--output-file", str(out), *targets,
    ]  # fmt: skip


def ruff_parse(out: Path, targets: Sequence[str]) -> Outcome:
    diagnostics = load_json(out)
    syntax = sum(1 for item in diagnostics if item.get("code") in (None, "invalid-syntax"))
    # Ruff reports no file count: ask it, untimed, which files it would check.
    listing = subprocess.run(
        [str(venv_bin("ruff")), "check", "--isolated", "--show-files", *targets],
        cwd=SRC_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    files = sum(1 for line in listing.stdout.splitlines() if line.strip().endswith((".py", ".pyi")))
    notes = [f"{syntax} syntax-error diagnostics counted as findings"] if syntax else []
    return Outcome(files, len(diagnostics), notes)


def semgrep_command(targets: Sequence[str], out: Path, jobs: int) -> list[str]:
    return [
        str(venv_bin("semgrep")), "scan", "--config", str(SEMGREP_RULES),
        "--jobs", str(jobs), "--metrics", "off", "--disable-version-check",
        "--project-root", ".", "--json", "-o", str(out), *targets,
    ]  # fmt: skip


def semgrep_parse(out: Path, targets: Sequence[str]) -> Outcome:
    document = load_json(out)
    errors = document.get("errors", [])
    scanned = document.get("paths", {}).get("scanned", [])
    notes = []
    if errors:
        kinds = Counter(str(error.get("type", "error")) for error in errors)
        notes.append("errors: " + ", ".join(f"{n} {kind}" for kind, n in kinds.most_common()))
    return Outcome(len(scanned), len(document["results"]), notes)


TOOLS: dict[str, Tool] = {
    "privlint": Tool(
        "privlint",
        privlint_command,
        privlint_parse,
        [sys.executable, "-m", "privlint", "--version"],
    ),
    "privlint-warm": Tool(
        "privlint-warm",
        privlint_warm_command,
        privlint_parse,
        [sys.executable, "-m", "privlint", "--version"],
        prime=True,
    ),
    "bandit": Tool("bandit", bandit_command, bandit_parse, [str(venv_bin("bandit")), "--version"]),
    "ruff": Tool(
        "ruff", ruff_command, ruff_parse, [str(venv_bin("ruff")), "--version"], ok_codes=(0,)
    ),
    "semgrep": Tool(
        "semgrep",
        semgrep_command,
        semgrep_parse,
        [str(venv_bin("semgrep")), "--version"],
        # 0: no findings or findings without --error; 1: findings (older releases)
        env={"SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"},
    ),
}


def tool_version(tool: Tool) -> str:
    try:
        done = subprocess.run(
            tool.version,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
            env={**os.environ, **tool.env},
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unavailable ({exc})"
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[0].strip() if done.returncode == 0 and text else "unavailable"


@dataclass
class Result:
    tool: str
    seconds: float | None = None
    runs: list[float] = field(default_factory=list)
    #: CPU seconds (user + system, the whole process tree) of the run with the best wall
    cpu: float | None = None
    outcome: Outcome = field(default_factory=Outcome)
    error: str | None = None


def tail(text: str, lines: int = 6) -> str:
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return " | ".join(kept) if kept else "(no output)"


def time_tool(
    tool: Tool, targets: Sequence[str], jobs: int, repeat: int, timeout: float, out_dir: Path
) -> Result:
    """Run ``tool`` ``repeat`` times on ``targets`` (relative to the corpus), best wall time.

    Its report goes to ``out_dir/TOOL.json``, its stdout and stderr to ``TOOL.log``.
    """
    result = Result(tool.name)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{tool.name}.json"
    log = out_dir / f"{tool.name}.log"
    command = tool.command(targets, out, jobs)
    if not Path(command[0]).exists():
        result.error = f"not installed: {command[0]} (run without --skip-install)"
        return result
    env = {**os.environ, **tool.env}
    if tool.prime:
        subprocess.run(command, cwd=SRC_DIR, env=env, capture_output=True, check=False)
    cpus: list[float] = []
    for attempt in range(1, repeat + 1):
        out.unlink(missing_ok=True)
        with log.open("w", encoding="utf-8") as sink:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            try:
                done = subprocess.run(
                    command,
                    cwd=SRC_DIR,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                    timeout=timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                result.error = f"timed out after {timeout:.0f} s"
                return result
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        result.runs.append(elapsed)
        print(f"  {tool.name}: run {attempt}/{repeat}: {elapsed:.2f} s", flush=True)
        if done.returncode not in tool.ok_codes:
            log_text = log.read_text(encoding="utf-8", errors="replace")
            result.error = f"exit {done.returncode}: {tail(log_text)}"
            return result
    result.seconds = min(result.runs)
    result.cpu = cpus[result.runs.index(result.seconds)]
    try:
        result.outcome = tool.parse(out, targets)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log_text = log.read_text(encoding="utf-8", errors="replace")
        result.error = f"unreadable output {out.name} ({exc!r}): {tail(log_text)}"
    return result


def compile_privlint() -> None:
    """Byte-compile privlint's sources, as installing a wheel does.

    The peers are timed from bench/.venv, where pip compiled them at install time; an
    editable checkout run with PYTHONDONTWRITEBYTECODE=1 would otherwise recompile
    every module on every run and time the compiler, not privlint.
    """
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import compileall, pathlib, privlint;"
            "compileall.compile_dir(pathlib.Path(privlint.__file__).parent, quiet=1)",
        ],
        check=True,
    )


def time_startup(repeat: int) -> Result:
    """Reference for the pre-commit case: an interpreter that does nothing."""
    result = Result("python -c pass")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        result.runs.append(time.perf_counter() - start)
    result.seconds = min(result.runs)
    return result


# --------------------------------------------------------------------------- report


def format_table(results: Sequence[Result]) -> list[str]:
    baseline = next((r.seconds for r in results if r.tool == BASELINE and r.seconds), None)
    base_cpu = next((r.cpu for r in results if r.tool == BASELINE and r.cpu), None)
    rows = [["tool", "wall s", "x Bandit", "CPU s", "CPU x Bandit", "files", "findings", "notes"]]
    for r in results:
        ratio = f"{r.seconds / baseline:.2f}x" if r.seconds is not None and baseline else "-"
        cpu_ratio = f"{r.cpu / base_cpu:.2f}x" if r.cpu is not None and base_cpu else "-"
        notes = f"FAILED: {r.error}" if r.error else "; ".join(r.outcome.notes)
        rows.append(
            [
                r.tool,
                f"{r.seconds:.2f}" if r.seconds is not None else "-",
                ratio,
                f"{r.cpu:.2f}" if r.cpu is not None else "-",
                cpu_ratio,
                str(r.outcome.files) if r.outcome.files is not None else "-",
                str(r.outcome.findings) if r.outcome.findings is not None else "-",
                notes,
            ]
        )
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|---|---:|---:|---:|---:|---:|---:|---|")
    return lines


def print_table(results: Sequence[Result]) -> None:
    baseline = next((r.seconds for r in results if r.tool == BASELINE and r.seconds), None)
    base_cpu = next((r.cpu for r in results if r.tool == BASELINE and r.cpu), None)
    header = (
        f"{'tool':<15} {'wall s':>9} {'x Bandit':>9} {'CPU s':>9} {'CPU x':>7}"
        f" {'files':>7} {'findings':>9}  notes"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        ratio = f"{r.seconds / baseline:.2f}x" if r.seconds is not None and baseline else "-"
        wall = f"{r.seconds:.2f}" if r.seconds is not None else "-"
        files = str(r.outcome.files) if r.outcome.files is not None else "-"
        found = str(r.outcome.findings) if r.outcome.findings is not None else "-"
        notes = f"FAILED: {r.error}" if r.error else "; ".join(r.outcome.notes)
        cpu = f"{r.cpu:.2f}" if r.cpu is not None else "-"
        cpu_ratio = f"{r.cpu / base_cpu:.2f}x" if r.cpu is not None and base_cpu else "-"
        print(
            f"{r.tool:<15} {wall:>9} {ratio:>9} {cpu:>9} {cpu_ratio:>7}"
            f" {files:>7} {found:>9}  {notes}"
        )


def machine_info() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "?"
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    return [
        ("nproc", str(os.cpu_count())),
        ("cpu", cpu),
        ("memory", memory),
        ("os", platform.platform()),
        ("python", f"{platform.python_version()} ({sys.executable})"),
    ]


def privlint_source() -> str:
    """The checkout privlint was timed from: commit, and whether the tree had edits."""
    try:
        done = subprocess.run(
            ["git", "-C", str(BENCH.parent), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return done.stdout.strip() or "unknown"


def load_text() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unavailable"
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def write_results(
    title: str,
    argv: Sequence[str],
    selected: Sequence[Package],
    corpus_size: tuple[int, int],
    targets: Sequence[str],
    versions: dict[str, str],
    results: Sequence[Result],
    load_before: str,
    load_after: str,
    repeat: int,
    jobs: int,
) -> None:
    new_file = not RESULTS_MD.exists()
    now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    lines: list[str] = []
    if new_file:
        lines += [
            "# Benchmark results",
            "",
            "Appended by `bench/run.py`, newest last; see bench/README.md for what is measured.",
            "",
        ]
    files, loc = corpus_size
    lines += [f"## {now}: {title}", "", f"`{' '.join(argv)}`", ""]
    lines += [f"- {key}: {value}" for key, value in machine_info()]
    lines += [
        f"- load average (1/5/15 min) before: {load_before}; after: {load_after}",
        f"- best of {repeat} run(s); privlint and Semgrep with {jobs} jobs",
        "- corpus: "
        + ", ".join(f"{p.project} {p.version}" for p in selected)
        + f"; {files:,} Python files, {loc:,} lines",
    ]
    if len(targets) == 1 and Path(targets[0]).suffix == ".py":
        lines.append(f"- file: `{targets[0]}`")
    lines += [f"- {name}: {version}" for name, version in versions.items()]
    lines.append(f"- privlint source: {privlint_source()}")
    lines += ["", *format_table(results), ""]
    with RESULTS_MD.open("a", encoding="utf-8") as handle:
        if not new_file:
            handle.write("\n")
        handle.write("\n".join(lines))
    print(f"appended to {RESULTS_MD}")


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, metavar="N", help="best of N runs")
    parser.add_argument("--jobs", type=int, default=2, help="processes for privlint, Semgrep")
    parser.add_argument("--only", default=",".join(TOOL_NAMES), help="tools, comma-separated")
    parser.add_argument("--corpus", default="", help="packages by name, comma-separated")
    parser.add_argument("--pre-commit", action="store_true", help="time one ~300-line file")
    parser.add_argument("--skip-install", action="store_true", help="use bench/.venv as is")
    parser.add_argument("--no-write", action="store_true", help="do not append to RESULTS.md")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per tool run")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.jobs < 1:
        parser.error("--repeat and --jobs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        only = [name.strip().lower() for name in args.only.split(",") if name.strip()]
        unknown = [name for name in only if name not in TOOLS]
        if unknown:
            raise BenchError(f"--only: unknown tools {unknown} (known: {', '.join(TOOLS)})")
        corpus = load_corpus()
        names = [name.strip() for name in args.corpus.split(",") if name.strip()]
        selected = [corpus.find(name) for name in names] if names else list(corpus.packages)
        if args.pre_commit:
            selected = [corpus.find(corpus.precommit_package)]
        if (
            any(name.startswith("privlint") for name in only)
            and subprocess.run(
                [sys.executable, "-c", "import privlint"], capture_output=True, check=False
            ).returncode
        ):
            raise BenchError(f"{sys.executable} cannot import privlint: use .venv/bin/python")
        if any(name.startswith("privlint") for name in only):
            compile_privlint()
        if any(not name.startswith("privlint") for name in only):
            ensure_peers(args.skip_install)
        dirs = prepare_corpus(corpus, selected)
    except (BenchError, subprocess.CalledProcessError, OSError, tarfile.TarError) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2

    if args.pre_commit:
        top = dirs[selected[0].name]
        targets = [f"{top.name}/{corpus.precommit_file}"]
        title = f"pre-commit, one file ({targets[0]})"
    else:
        targets = [dirs[p.name].name for p in selected]
        title = "corpus: " + ", ".join(p.name for p in selected)
    # One output folder per selection, so a later run on another selection keeps it.
    run_name = "pre-commit" if args.pre_commit else "+".join(p.name for p in selected)
    out_dir = OUT_DIR / ("all" if len(selected) == len(corpus.packages) else run_name)
    size = count_python([SRC_DIR / target for target in targets])
    print(f"scanning {size[0]:,} Python files, {size[1]:,} lines: {' '.join(targets)}")

    versions = {name: tool_version(TOOLS[name]) for name in only}
    load_before = load_text()
    results: list[Result] = []
    for name in only:
        print(f"timing {name}", flush=True)
        results.append(
            time_tool(TOOLS[name], targets, args.jobs, args.repeat, args.timeout, out_dir)
        )
    if args.pre_commit:
        results.append(time_startup(args.repeat))
    load_after = load_text()

    print()
    print(f"{title}: {size[0]:,} files, {size[1]:,} lines")
    print(f"load average before {load_before}, after {load_after}")
    print_table(results)
    if not args.no_write:
        write_results(
            title,
            ["python", "bench/run.py", *(sys.argv[1:] if argv is None else argv)],
            selected,
            size,
            targets,
            versions,
            results,
            load_before,
            load_after,
            args.repeat,
            args.jobs,
        )
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
