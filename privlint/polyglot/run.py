"""Run semgrep over a scan's files of other languages; its results as privlint findings.

semgrep starts only when the scan holds files of a language of ``polyglot.toml`` and
a rule with semgrep rules is enabled. The rules are written from the run's policy
into a temporary file (it costs a few tens of milliseconds), so categories a project
adds reach them. Every result is judged again by the policy (the name's categories,
the literal that is not a placeholder, the host that is not local), placed, suppressed
by ``// privlint: ignore[...]`` and fingerprinted like the Python rules' findings.

A semgrep that fails (crash, timeout, a file it cannot parse) costs notes (PL000) on
the files it did not analyse; it never costs the findings of the other engines.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from privlint.engine.cache import Cache
from privlint.engine.files import FileTooLarge, read_regular_file
from privlint.engine.secrets import is_catalogue, is_placeholder
from privlint.engine.suppress import suppressed_codes
from privlint.engine.testpaths import is_test_path
from privlint.findings import Confidence, Finding, Level, Region
from privlint.policy.model import Policy
from privlint.policy.words import identifier_words, pattern_words
from privlint.polyglot.generate import (
    RULES,
    SERVICES,
    Gate,
    Rule,
    render,
    rule_gates,
    semgrep_rules,
)
from privlint.polyglot.pack import language_of, languages

# the Python rule's judgment of a literal, so both engines agree on what is a secret
from privlint.rules.pl2_secrets.hardcoded_credential import looks_secret, name_like

LOG = logging.getLogger(__name__)

#: (path, display path, is Python): the scan's work items
Item = tuple[str, str, bool]
#: runs a command: (argv, environment, timeout in seconds) -> (exit code, stdout, stderr)
Runner = Callable[[Sequence[str], dict[str, str], float], tuple[int, str, str]]

ENGINE_CODE = "PL000"
#: seconds for the whole semgrep run before its files are reported as not analysed
TIMEOUT = 900.0
#: seconds for one rule on one file (semgrep's own --timeout)
RULE_TIMEOUT = 30
MAX_FILE_BYTES = 4 * 1024 * 1024
INSTALL_HINT = "pip install 'privlint[polyglot]'"
_LANGUAGE_NAMES = "JavaScript/TypeScript, Go or Java"


@dataclass(frozen=True)
class Polyglot:
    """What the semgrep stage adds to a scan: findings and, once, a remark for the user."""

    findings: list[Finding] = field(default_factory=list)
    notice: str | None = None
    #: whether semgrep was started
    ran: bool = False


def find_semgrep() -> str | None:
    """The semgrep executable beside this Python's (the extra's), else on PATH."""
    beside = Path(sys.executable).parent / "semgrep"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("semgrep")


def _run(argv: Sequence[str], env: dict[str, str], timeout: float) -> tuple[int, str, str]:
    done = subprocess.run(
        list(argv), env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    return done.returncode, done.stdout, done.stderr


def command(semgrep: str, config: Path, paths: Sequence[str], jobs: int) -> list[str]:
    """semgrep's command line: offline, our files only (none of its own ignore lists)."""
    return [
        semgrep, "scan", "--config", str(config.resolve()), "--json", "--quiet",
        "--metrics=off", "--disable-version-check", "--no-git-ignore",
        "--jobs", str(jobs), "--timeout", str(RULE_TIMEOUT),
        "--max-target-bytes", str(MAX_FILE_BYTES), "--", *paths,
    ]  # fmt: skip


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(SEMGREP_ENABLE_VERSION_CHECK="0", SEMGREP_SEND_METRICS="off")
    return env


def scan_other_languages(
    items: Sequence[Item],
    policy: Policy,
    codes: Collection[str],
    *,
    jobs: int | None = None,
    runner: Runner | None = None,
    semgrep: str | None = None,
    cache_dir: Path | None = None,
) -> Polyglot:
    """Findings of the semgrep rules on the non-Python ``items`` of a pack language,
    for the enabled ``codes``. semgrep is not started when there is nothing for it.

    With ``cache_dir``, each file's results are kept under a key of its bytes, the
    rules semgrep is given and semgrep's version (its rules look at one file at a
    time): only the files that changed are scanned again. A failed run keeps nothing."""
    others = [
        (path, display)
        for path, display, python in items
        if not python and language_of(display) is not None
    ]
    targets = {os.path.abspath(path): display for path, display in others if not _not_ours(display)}
    wanted = [code for code in codes if code in RULES]
    if not others or not wanted:
        return Polyglot()
    semgrep = semgrep or find_semgrep()
    if semgrep is None:
        notice = (
            f"{len(others)} {_LANGUAGE_NAMES} file(s) got the secrets rules only;"
            f" for the other rules install semgrep: {INSTALL_HINT}"
        )
        return Polyglot(notice=notice)
    generated = len(others) - len(targets)
    skipped = (
        f"{generated} minified, bundled or vendored file(s) (.min., .bundle., .chunk.,"
        " vendor/) got the secrets rules only: semgrep is not run on generated or"
        " third-party code"
        if generated
        else None
    )
    if not targets:
        return Polyglot(notice=skipped)
    languages = {language_of(display) for display in targets.values()}
    rules = semgrep_rules(policy, wanted, only={name for name in languages if name})
    if not rules:
        return Polyglot()
    jobs = max(1, jobs or min(os.cpu_count() or 1, 8))
    rendered = render(rules)
    store = _Store.open(cache_dir, policy, wanted, rendered, semgrep)
    findings: list[Finding] = []
    missed = dict(targets)
    if store is not None:
        for path in sorted(targets):
            kept = store.get(path, targets[path])
            if kept is not None:
                findings += kept
                del missed[path]
    if not missed:
        return Polyglot(findings, skipped, ran=False)
    with tempfile.TemporaryDirectory(prefix="privlint-semgrep-") as scratch:
        config = Path(scratch) / "rules.yaml"
        gated = _gated(rules, rule_gates(policy, rules), missed, store)
        config.write_text(render(gated), encoding="utf-8")
        for batch in _batches(sorted(missed)):
            shown = {path: missed[path] for path in batch}
            argv = command(semgrep, config, batch, semgrep_jobs(jobs, len(batch)))
            found, ok = _semgrep_findings(argv, shown, policy, runner or _run)
            findings += found
            if ok and store is not None:
                store.put_all(shown, found)
    return Polyglot(findings, skipped, ran=True)


#: files for each of semgrep's processes: every process beyond the first costs about
#: as much CPU as a hundred small scripts (on Django's 108 scripts, 17 s of CPU with one,
#: 24 s with two, and no faster), so a scan of few files gets one
FILES_PER_SEMGREP_JOB = 400


def semgrep_jobs(jobs: int, files: int) -> int:
    """semgrep's ``--jobs`` for ``files`` files when the scan may use ``jobs``."""
    return max(1, min(jobs, 1 + files // FILES_PER_SEMGREP_JOB))


def _gated(
    rules: Sequence[Rule],
    gates: Mapping[str, Gate],
    targets: Mapping[str, str],
    store: _Store | None = None,
) -> list[Rule]:
    """The rules, each told (semgrep's ``paths: exclude``) to leave out the files that
    cannot hold a match of it (:func:`privlint.polyglot.generate.rule_gate`): most of
    semgrep's time on a large script is a taint rule whose sink is nowhere in it. Only
    the text decides, so results are those of a run without it. A file that cannot be
    read or holds NUL bytes, or whose path a glob would read as a pattern, is left to
    every rule. An identifier may be spelled with Unicode escapes (``\\u006cog`` is
    ``log``): the text with them read counts too."""
    if not gates:
        return list(rules)
    excluded: dict[str, list[str]] = {}
    for path in sorted(targets):
        if _GLOB_SPECIAL.search(path):
            continue
        data = store.data(path) if store is not None else _read(path)
        if data is None or b"\0" in data:
            continue
        text = data.decode("utf-8", "replace")
        texts = [text, _UNICODE_ESCAPE.sub(_escaped, text)] if "\\u" in text else [text]
        language = language_of(targets[path])
        for rule_id, gate in gates.items():
            if rule_id.split(".")[1] != language:
                continue  # semgrep runs a rule on its own language's files only
            if not any(may_match(gate, text) for text in texts):
                excluded.setdefault(rule_id, []).append(path)
    gated: list[Rule] = []
    for rule in rules:
        paths = excluded.get(str(rule["id"]))
        gated.append({**rule, "paths": {"exclude": paths}} if paths else rule)
    return gated


#: a Unicode escape of JavaScript (``\\u0061``, ``\\u{61}``) or Java (``\\uu0061``)
_UNICODE_ESCAPE = re.compile(r"\\u+(?:([0-9A-Fa-f]{4})|\{([0-9A-Fa-f]{1,6})\})")


def _escaped(match: re.Match[str]) -> str:
    value = int(match[1] or match[2], 16)
    return chr(value) if value <= sys.maxunicode else match[0]


#: characters of a path that semgrep's path patterns would read as glob syntax
_GLOB_SPECIAL = re.compile(r"[*?\[\]{}!\\]")


def may_match(gate: Gate, text: str) -> bool:
    """Whether the text meets the gate: for one alternative, each group's words."""
    return any(all(_words(group).search(text) for group in alternative) for alternative in gate)


#: what may stand between a called name and its ``(``: spaces, a comment, type
#: arguments (``<T>``, Go's ``[T]``), an optional call (``?.(``), TypeScript's ``!``
_CALLED = r"\s*(?:[(<\[?!]|/[/*])"


@functools.lru_cache(maxsize=256)
def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the words as a whole identifier; one ending in ``(`` as a called name."""
    alternatives = "|".join(
        rf"{re.escape(word[:-1])}{_CALLED}"
        if word.endswith("(")
        else rf"{re.escape(word)}(?![A-Za-z0-9_$])"
        for word in sorted(words, key=lambda word: (-len(word), word))
    )
    return re.compile(rf"(?<![A-Za-z0-9_$])(?:{alternatives})")


class _Store:
    """semgrep's findings per file in privlint's cache (see :func:`scan_other_languages`)."""

    def __init__(self, cache: Cache, salt: bytes) -> None:
        self.cache = cache
        self.salt = salt
        self.keys: dict[str, str] = {}
        self.texts: dict[str, bytes] = {}

    @classmethod
    def open(
        cls,
        directory: Path | None,
        policy: Policy,
        codes: Sequence[str],
        rendered: str,
        semgrep: str,
    ) -> _Store | None:
        if directory is None:
            return None
        cache = Cache.open(directory, policy, codes)
        if cache is None:
            return None
        salt = hashlib.sha256(f"semgrep\0{_semgrep_version(semgrep)}\0{rendered}".encode())
        return cls(cache, salt.digest())

    def _key(self, path: str, display: str) -> str | None:
        if path not in self.keys:
            try:
                data = read_regular_file(Path(path), MAX_FILE_BYTES)
            except (OSError, FileTooLarge):
                return None
            self.keys[path] = self.cache.key(self.salt + data, "\0semgrep\0" + display, False)
            self.texts[path] = data
        return self.keys[path]

    def data(self, path: str) -> bytes | None:
        """The bytes the file's key was made of (read again if none was made)."""
        kept = self.texts.get(path)
        return kept if kept is not None else _read(path)

    def get(self, path: str, display: str) -> list[Finding] | None:
        key = self._key(path, display)
        kept = self.cache.get(key) if key is not None else None
        return kept[0] if kept is not None else None

    def put_all(self, shown: dict[str, str], findings: list[Finding]) -> None:
        """Keep each scanned file's findings (none, for most), keyed by the bytes read
        before the run."""
        by_display: dict[str, list[Finding]] = {display: [] for display in shown.values()}
        for finding in findings:
            by_display.setdefault(finding.path, []).append(finding)
        for path, display in shown.items():
            key = self.keys.get(path)
            if key is not None:
                self.cache.put(key, by_display[display])


def _semgrep_version(semgrep: str) -> str:
    """What names the semgrep that runs: its package's version beside privlint, else
    its executable's size and time (no process is started for it)."""
    try:
        from importlib.metadata import version

        return version("semgrep")
    except Exception:
        try:
            stat = os.stat(semgrep)
        except OSError:
            return semgrep
        return f"{semgrep}:{stat.st_size}:{stat.st_mtime_ns}"


#: characters of paths on one semgrep command line (well below the system's limit);
#: more files are scanned in several runs
ARGV_BUDGET = 100_000


def _batches(paths: Sequence[str]) -> list[list[str]]:
    batches: list[list[str]] = [[]]
    size = 0
    for path in paths:
        if batches[-1] and size + len(path) + 1 > ARGV_BUDGET:
            batches.append([])
            size = 0
        batches[-1].append(path)
        size += len(path) + 1
    return batches


def _semgrep_findings(
    argv: Sequence[str], targets: dict[str, str], policy: Policy, runner: Runner
) -> tuple[list[Finding], bool]:
    """One semgrep run's findings, and whether it ran to the end; its failure is a note
    on each of its files."""
    try:
        code, out, err = runner(argv, environment(), TIMEOUT)
    except subprocess.TimeoutExpired:
        return _failed(targets.values(), f"semgrep timed out after {TIMEOUT:.0f} s"), False
    except OSError as exc:
        return _failed(targets.values(), f"semgrep could not start ({exc.strerror})"), False
    try:
        document = json.loads(out)
        if not isinstance(document, dict) or not isinstance(document.get("results"), list):
            raise ValueError("no results")
    except ValueError:
        LOG.debug("semgrep exited %s: %s", code, err[-2000:])
        return _failed(targets.values(), f"semgrep failed (exit code {code})"), False
    try:
        return _findings(document, targets, policy), True
    except Exception as exc:  # a result privlint misreads must not cost the scan
        LOG.debug("cannot read semgrep's results: %r", exc)
        reason = f"semgrep's results not read ({type(exc).__name__})"
        return _failed(targets.values(), reason), False


def _note(display: str, reason: str) -> Finding:
    message = f"partly analysed: {reason}; the secrets rules still ran"
    key = f"{ENGINE_CODE}\0{display}\0{message}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return Finding(display, Region(1, 1, 1, 1), ENGINE_CODE, message, Level.NOTE, digest)


#: generated front-end code: semgrep times out on it and nobody reviews it; the
#: secrets scanner still reads it
_GENERATED = re.compile(r"\.(?:min|bundle|chunk)\.[a-z]+$", re.IGNORECASE)
#: folders of third-party code copied into a project (jQuery under
#: ``static/admin/js/vendor/``, Go's ``vendor/``): not the project's to fix, and the
#: largest files semgrep would read; semgrep's own defaults skip them too
_VENDORED = frozenset({"vendor", "vendors", "node_modules", "bower_components", "third_party"})


def _not_ours(display: str) -> bool:
    """Whether a file is generated or vendored code, which semgrep is not run on."""
    if _GENERATED.search(display):
        return True
    return any(part.lower() in _VENDORED for part in display.split("/")[:-1])


def _failed(displays: Collection[str], reason: str) -> list[Finding]:
    return [_note(display, reason) for display in sorted(displays)]


_RULE_ID = re.compile(r"(PL[0-9]{3})\.([a-z]+)\.[a-z-]+$")
_NAME = re.compile(r"^`([^`]*)`")


def _findings(document: dict[str, Any], targets: dict[str, str], policy: Policy) -> list[Finding]:
    findings: list[Finding] = []
    texts: dict[str, bytes | None] = {}
    seen: dict[str, int] = {}
    notes: set[tuple[str, str]] = set()
    for error in document.get("errors", []):
        path = error.get("path") if isinstance(error, dict) else None
        if isinstance(path, str) and os.path.abspath(path) in targets:
            kind = error.get("type", "error")
            kind = str(kind[0] if isinstance(kind, list) and kind else kind)
            notes.add((targets[os.path.abspath(path)], f"semgrep: {_safe(kind)}"))
    findings += [_note(display, reason) for display, reason in sorted(notes)]
    results = sorted(
        (r for r in document["results"] if isinstance(r, dict)),
        key=lambda r: (str(r.get("path")), r["start"]["offset"], str(r.get("check_id"))),
    )
    for result in results:
        absolute = os.path.abspath(str(result.get("path")))
        display = targets.get(absolute)
        matched = _RULE_ID.search(str(result.get("check_id", "")))
        if display is None or matched is None:
            continue
        if absolute not in texts:
            texts[absolute] = _read(absolute)
        data = texts[absolute]
        if data is None:
            continue
        language = language_of(display)
        not_names = _not_names(language) if language else frozenset()
        finding = _finding(result, matched[1], display, data, policy, seen, not_names)
        if finding is not None:
            findings.append(finding)
    return _merged(findings)


def _not_names(language: str) -> frozenset[tuple[str, ...]]:
    spec = next(spec for spec in languages() if spec.name == language)
    return frozenset(pattern_words(name) for name in spec.not_names)


def _merged(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and region: taint from two names into one call is one
    problem, its categories the union (most sensitive first)."""
    merged: dict[tuple[str, str, Region], Finding] = {}
    for finding in findings:
        key = (finding.path, finding.rule_id, finding.region)
        first = merged.get(key)
        if first is None:
            merged[key] = finding
            continue
        categories = tuple(dict.fromkeys(first.categories + finding.categories))
        best = max(first, finding, key=lambda f: (f.confidence, f.level))
        merged[key] = replace(best, categories=categories)
    return list(merged.values())


def _safe(kind: str) -> str:
    # semgrep's error kinds are short words ("Syntax error"); anything else is not echoed
    return kind if re.fullmatch(r"[A-Za-z ]{1,40}", kind) else "error"


def _read(path: str) -> bytes | None:
    try:
        return read_regular_file(Path(path), MAX_FILE_BYTES)
    except (OSError, FileTooLarge):
        return None


def _finding(
    result: dict[str, Any],
    code: str,
    display: str,
    data: bytes,
    policy: Policy,
    seen: dict[str, int],
    not_names: frozenset[tuple[str, ...]] = frozenset(),
) -> Finding | None:
    start, end = result["start"], result["end"]
    snippet = data[start["offset"] : end["offset"]].decode("utf-8", "replace")
    name_match = _NAME.match(str(result.get("extra", {}).get("message", "")))
    name = name_match[1] if name_match else ""
    categories: tuple[str, ...] = ()
    confidence = Confidence.HIGH
    if name:
        last = re.split(r"[.\[\]\"']+", name.strip("\"'[]"))[-1] if name else ""
        if identifier_words(last) in not_names:
            return None
        found = set(policy.classify(last))
        if code in SERVICES:
            for service in SERVICES[code]:
                found -= policy.thirdparty.allowed(service)
        if code == "PL201":
            found = {category for category in found if category.startswith("credential.")}
        if not found:
            return None
        categories = tuple(sorted(found, key=lambda c: (policy.rank(c), c)))
        if policy.is_ambiguous(last):
            confidence = Confidence.LOW
    if code == "PL201":
        if is_catalogue(display) or not _credential_literal(name, snippet):
            return None  # a translation catalogue gets the token-shaped rules only
        if name_like(snippet.strip().strip("\"'`")):
            confidence = Confidence.LOW  # a name or a label, as for Python
    detail = ""
    if code == "PL301":
        parts = urlsplit(snippet.strip("\"'`"))
        host = parts.hostname or ""
        if not host or policy.hosts.is_local(host) or policy.hosts.is_documentation(host):
            return None
        detail = f"{parts.scheme}://{host}"
    level = policy.level_of(categories) if categories else _default_level(code)
    level = confidence.cap(level)
    if level is Level.NONE:
        return None
    if level > Level.NOTE and is_test_path(policy, display):
        level = Level.NOTE  # as for Python: test code is seen in review, never fails a build
    lines = data.decode("utf-8", "replace").splitlines()
    if _suppressed(code, lines, start["line"], end["line"]):
        return None
    message = _message(code, categories, name, _callee(snippet), detail)
    key = f"{code}\0{display}\0{','.join(categories)}\0{name}\0{_digest(snippet)}"
    identity = hashlib.sha256(key.encode()).hexdigest()[:32]
    seen[key] = seen.get(key, 0) + 1
    fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]
    region = Region(start["line"], start["col"], end["line"], end["col"])
    if code == "PL302" and region.end_line > region.start_line:
        region = _switch_line(lines, region)
    return Finding(
        display,
        region,
        code,
        message,
        level,
        fingerprint,
        categories,
        identity=identity,
        confidence=confidence,
    )


def _switch_line(lines: list[str], region: Region) -> Region:
    """A multi-line match (an options object) narrowed to its line that sets the switch
    (``rejectUnauthorized: false``), when one line says true or false."""
    for number in range(region.start_line, region.end_line + 1):
        text = lines[number - 1] if number <= len(lines) else ""
        if re.search(r"\b(?:false|true)\b", text):
            indent = len(text) - len(text.lstrip())
            return Region(number, indent + 1, number, len(text.rstrip().rstrip(",;")) + 1)
    return region


#: a `{name}` template inside a literal (`Bearer {auth}`), a media type
_TEMPLATE = re.compile(r"\{[A-Za-z_][\w.]*\}|\$\{")
_MEDIA_TYPE = re.compile(r"^[a-z]+/[a-z0-9.+-]+$")


def _credential_literal(name: str, snippet: str) -> bool:
    """Whether a literal assigned to a credential's name may be one: the Python rule's
    judgment (placeholders, paths, URLs, prose, the name itself), and no template or
    media type (`Bearer {auth}`, `application/jwt`)."""
    text = snippet.strip().strip("\"'`")
    if is_placeholder(text) or _TEMPLATE.search(text) or _MEDIA_TYPE.match(text):
        return False
    return looks_secret(name, text)


def _digest(snippet: str) -> str:
    return hashlib.sha256(" ".join(snippet.split()).encode()).hexdigest()[:16]


def _callee(snippet: str) -> str:
    head = re.split(r"[({]", snippet, maxsplit=1)[0]
    head = " ".join(head.split())
    return head if re.fullmatch(r"[\w$.\[\]\"' ]{1,60}", head) else "a call"


def _message(code: str, categories: tuple[str, ...], name: str, callee: str, detail: str) -> str:
    what = categories[0] if categories else ""
    if code in ("PL101", "PL102"):
        return f"{what} reaches {callee}"
    if code == "PL201":
        return f"{what} is hard-coded in `{name}`"
    if code == "PL301":
        return f"plaintext URL to {detail} reaches a network call"
    if code == "PL302":
        return "TLS certificate or host-name verification is switched off"
    service = "an error tracker" if code == "PL502" else "an analytics service"
    return f"{what} is sent to {service} by {callee}"


def _default_level(code: str) -> Level:
    from privlint.rules.base import all_rules

    for rule in all_rules():
        if code == rule.CODE:
            return rule.LEVEL
    return Level.WARNING


def line_comment(line: str) -> str:
    """The comment of a line of C-like source (``//`` or ``/* */``), strings skipped."""
    quote = ""
    index = 0
    while index < len(line):
        char = line[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'`":
            quote = char
        elif line.startswith("//", index):
            return line[index + 2 :]
        elif line.startswith("/*", index):
            close = line.find("*/", index + 2)
            return line[index + 2 : close if close >= 0 else len(line)]
        index += 1
    return ""


def _suppressed(code: str, lines: list[str], first: int, last: int) -> bool:
    for number in {first, last}:
        if 1 <= number <= len(lines):
            comment = line_comment(lines[number - 1])
            if comment:
                codes = suppressed_codes("# " + comment.strip())
                if code in codes or "*" in codes:
                    return True
    return False
