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
import threading
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
        "--format", "json", "--output", str(out), "--jobs", str(jobs), "--no-cache",
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
    #: bytes: the largest sum over the process tree seen in any run (:class:`TreeMemory`)
    peak_memory: int | None = None
    outcome: Outcome = field(default_factory=Outcome)
    error: str | None = None


class TreeMemory:
    """The peak memory of a process and all its descendants, sampled every 20 ms from
    /proc while it runs: the sum of their proportional set sizes (PSS: a page shared by
    forked workers counts once, split between them), or of their resident sizes where
    PSS cannot be read. None off Linux."""

    INTERVAL = 0.02

    def __init__(self, pid: int | None) -> None:
        """``pid`` None: sample nothing (``peak`` stays None)."""
        self.pid = pid or 0
        self.peak: int | None = 0 if pid and Path("/proc/self/stat").exists() else None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        if self.peak is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = sum(_process_memory(pid) for pid in _descendants(self.pid))
            if self.peak is not None and total > self.peak:
                self.peak = total
            self._stop.wait(self.INTERVAL)


def _descendants(root: int) -> list[int]:
    """``root`` and every process below it, from the parent IDs in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: read after it
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _process_memory(pid: int) -> int:
    """Bytes: the PSS of ``pid`` (its RSS where smaps_rollup cannot be read), 0 when gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def tail(text: str, lines: int = 6) -> str:
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return " | ".join(kept) if kept else "(no output)"


def time_tool(
    tool: Tool,
    targets: Sequence[str],
    jobs: int,
    repeat: int,
    timeout: float,
    out_dir: Path,
    cwd: Path | None = None,
    memory_apart: bool = False,
) -> Result:
    """Run ``tool`` ``repeat`` times on ``targets`` (relative to the corpus), best wall time.

    Its report goes to ``out_dir/TOOL.json``, its stdout and stderr to ``TOOL.log``.
    With ``memory_apart``, memory is sampled in one more, untimed run: reading
    ``smaps_rollup`` every 20 ms slows a process that lasts a fifth of a second (the
    pre-commit case) by more than the differences being measured.
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
        subprocess.run(command, cwd=cwd or SRC_DIR, env=env, capture_output=True, check=False)
    cpus: list[float] = []
    for attempt in range(1, repeat + 1 + memory_apart):
        sampled = not memory_apart or attempt > repeat
        out.unlink(missing_ok=True)
        with log.open("w", encoding="utf-8") as sink:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            process = subprocess.Popen(
                command,
                cwd=cwd or SRC_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
            with TreeMemory(process.pid if sampled else None) as memory:
                try:
                    returncode = process.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                    result.error = f"timed out after {timeout:.0f} s"
                    return result
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if memory.peak is not None:
            result.peak_memory = max(result.peak_memory or 0, memory.peak)
        if attempt <= repeat:
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            result.runs.append(elapsed)
            print(f"  {tool.name}: run {attempt}/{repeat}: {elapsed:.2f} s", flush=True)
        if returncode not in tool.ok_codes:
            log_text = log.read_text(encoding="utf-8", errors="replace")
            result.error = f"exit {returncode}: {tail(log_text)}"
            return result
    result.seconds = min(result.runs)
    result.cpu = cpus[result.runs.index(result.seconds)]
    try:
        result.outcome = tool.parse(out, targets)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log_text = log.read_text(encoding="utf-8", errors="replace")
        result.error = f"unreadable output {out.name} ({exc!r}): {tail(log_text)}"
    return result


#: what privlint checks once before the pre-commit timings, as a first run would: a
#: leak of each common kind, so that what privlint keeps between runs is written
PRIMING_SAMPLE = """\
import logging
from dataclasses import dataclass

import requests

password = input()
logging.info(password)
print("email", input())
requests.get("http://example.org/login", params={"password": password}, verify=False)


@dataclass
class Account:
    email: str
    password: str

    def __repr__(self):
        return f"Account({self.email}, {self.password})"


def check(token):
    if not token:
        raise ValueError(f"bad token {token}")
"""


#: and a file with nothing to report
PRIMING_PLAIN = "def add(a, b):\n    return a + b\n"


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
    # The command line also keeps, beside those compiled modules, the code dataclasses
    # generate for libcst, the regular expressions compiled at import and from the rule
    # pack's globs, and the parsed rule pack (privlint.lazy, privlint.policy.parsed),
    # written by its first runs: one untimed run on a small file of its own writes them,
    # even where PYTHONDONTWRITEBYTECODE would stop it (compileall ignores it too).
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as folder:
        # two runs: what a run compiles depends on what it met first
        for name, text in (("sample.py", PRIMING_SAMPLE), ("plain.py", PRIMING_PLAIN)):
            sample = Path(folder) / name
            sample.write_text(text)
            subprocess.run(
                [sys.executable, "-m", "privlint", "check", str(sample), "--no-cache", "--quiet"],
                cwd=folder,
                env=env,
                capture_output=True,
                check=False,
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


def _rows(results: Sequence[Result]) -> list[list[str]]:
    """The table: a header, then one row per tool, ratios against Bandit (wall, CPU,
    memory) and Semgrep (wall)."""

    def reference(tool: str, value: Callable[[Result], float | None]) -> float | None:
        return next((value(r) for r in results if r.tool == tool and value(r)), None)

    def ratio(value: float | None, base: float | None) -> str:
        return f"{value / base:.2f}x" if value is not None and base else "-"

    wall = reference(BASELINE, lambda r: r.seconds)
    semgrep = reference("semgrep", lambda r: r.seconds)
    cpu = reference(BASELINE, lambda r: r.cpu)
    memory = reference(BASELINE, lambda r: r.peak_memory)
    rows = [
        [
            "tool", "wall s", "x Bandit", "x Semgrep", "CPU s", "CPU x Bandit",
            "peak MB", "mem x Bandit", "files", "findings", "notes",
        ]
    ]  # fmt: skip
    for r in results:
        notes = f"FAILED: {r.error}" if r.error else "; ".join(r.outcome.notes)
        peak = r.peak_memory / 1e6 if r.peak_memory else None
        rows.append(
            [
                r.tool,
                f"{r.seconds:.2f}" if r.seconds is not None else "-",
                ratio(r.seconds, wall),
                ratio(r.seconds, semgrep),
                f"{r.cpu:.2f}" if r.cpu is not None else "-",
                ratio(r.cpu, cpu),
                f"{peak:.0f}" if peak is not None else "-",
                ratio(r.peak_memory, memory),
                str(r.outcome.files) if r.outcome.files is not None else "-",
                str(r.outcome.findings) if r.outcome.findings is not None else "-",
                notes,
            ]
        )
    return rows


def format_table(results: Sequence[Result]) -> list[str]:
    rows = _rows(results)
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|---" + "|---:" * (len(rows[0]) - 2) + "|---|")
    return lines


def print_table(results: Sequence[Result]) -> None:
    rows = _rows(results)
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    for number, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:-1], widths[1:], strict=True)]
        print("  ".join(cells) + "  " + row[-1])
        if number == 0:
            print("-" * (sum(widths) + 2 * len(widths) + 5))


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
    scaling: Sequence[str] = (),
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
    if scaling:
        lines += ["Scaling (the same tools on a quarter and a half of the corpus' files):", ""]
        lines += [*scaling, ""]
    with RESULTS_MD.open("a", encoding="utf-8") as handle:
        if not new_file:
            handle.write("\n")
        handle.write("\n".join(lines))
    print(f"appended to {RESULTS_MD}")


# --------------------------------------------------------------------------- scaling

SCALE_DIR = CORPUS_DIR / "scale"
#: the parts of the corpus of the scaling table: (share, name)
FRACTIONS = ((0.25, "quarter"), (0.5, "half"))


def subset(targets: Sequence[str], share: float, name: str) -> Path:
    """A tree under ``SCALE_DIR/name`` holding about ``share`` of the corpus' files (of
    every kind, hard links where possible): those whose relative path hashes below the
    share, so the half holds the quarter and every run picks the same files."""
    root = SCALE_DIR / name
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for config in ("pyproject.toml",):  # the corpus' own settings, when it has any
        if (SRC_DIR / config).is_file():
            shutil.copy2(SRC_DIR / config, root / config)
    for target in targets:
        for path in sorted((SRC_DIR / target).rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue
            relative = path.relative_to(SRC_DIR)
            digest = hashlib.sha256(relative.as_posix().encode()).digest()
            if int.from_bytes(digest[:4], "big") >= share * 2**32:
                continue
            destination = root / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, destination)
            except OSError:
                shutil.copy2(path, destination)
    return root


@dataclass
class Scale:
    name: str
    size: tuple[int, int]
    results: list[Result]


def scaling_table(scales: Sequence[Scale]) -> list[str]:
    """Wall and CPU seconds of each tool on each part, and CPU milliseconds per thousand
    lines: flat when the cost grows linearly."""
    tools = [r.tool for r in scales[-1].results if r.tool != "privlint-warm"]
    header = ["part", "Python files", "lines"]
    for tool in tools:
        header += [f"{tool} wall s", f"{tool} CPU s", f"{tool} CPU ms/kLOC"]
    lines = ["| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 1) + "|"]
    for scale in scales:
        files, loc = scale.size
        row = [scale.name, f"{files:,}", f"{loc:,}"]
        by_tool = {r.tool: r for r in scale.results}
        for tool in tools:
            r = by_tool.get(tool)
            if r is None or r.seconds is None or r.cpu is None:
                row += ["-", "-", "-"]
                continue
            per = 1e6 * r.cpu / loc if loc else 0.0
            row += [f"{r.seconds:.1f}", f"{r.cpu:.1f}", f"{per:.0f}"]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def run_scaling(
    targets: Sequence[str], only: Sequence[str], args: argparse.Namespace, whole: Scale
) -> list[Scale]:
    scales = []
    for share, name in FRACTIONS:
        root = subset(targets, share, name)
        present = [target for target in targets if (root / target).exists()]
        size = count_python([root / target for target in present])
        print(f"scaling: {name}: {size[0]:,} Python files, {size[1]:,} lines", flush=True)
        results = [
            time_tool(
                TOOLS[tool], present, args.jobs, args.repeat, args.timeout, OUT_DIR / name, root
            )
            for tool in only
            if tool != "privlint-warm"
        ]
        scales.append(Scale(name, size, results))
    return [*scales, whole]


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
    parser.add_argument(
        "--scaling", action="store_true", help="also time a quarter and a half of the corpus"
    )
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
            time_tool(
                TOOLS[name],
                targets,
                args.jobs,
                args.repeat,
                args.timeout,
                out_dir,
                memory_apart=args.pre_commit,
            )
        )
    if args.pre_commit:
        results.append(time_startup(args.repeat))
    load_after = load_text()

    scaling: list[str] = []
    if args.scaling and not args.pre_commit:
        scales = run_scaling(targets, only, args, Scale("whole", size, results))
        scaling = scaling_table(scales)
    print()
    print(f"{title}: {size[0]:,} files, {size[1]:,} lines")
    print(f"load average before {load_before}, after {load_after}")
    print_table(results)
    if scaling:
        print()
        print("\n".join(scaling))
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
            scaling,
        )
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
