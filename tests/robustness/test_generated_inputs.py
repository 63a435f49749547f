"""Generated inputs (#14): programs from the grammar and from the AST (hypothesmith), and
real files mutated the way editors, merges and disks damage them, each run through the
whole per-file path (``check_paths`` on one file, every rule enabled).

Whatever the input, privlint must not raise, must not fail internally (a PL000 "internal
error" is a bug), must return well-formed findings (1-based regions inside the file),
must never call a file CPython compiles a syntax or encoding error, and must stay within a
per-file time budget.

CI runs a few dozen examples per test, derandomized when ``CI`` is set; a longer fuzz
run raises the count (see README.md in this folder). Each failure found is kept as a
file under ``regressions/`` and replayed by :func:`test_regression_example`.
"""

from __future__ import annotations

import ast
import os
import sysconfig
import time
import warnings
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import hypothesmith
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import privlint
from privlint.api import check_paths
from privlint.findings import Finding, Level, is_internal_error
from privlint.policy import Policy, load_policy
from privlint.rules.base import Invalid, Valid, all_rules

# hypothesmith compiles what it generates: its SyntaxWarnings ("'list' object is not
# callable") say nothing about privlint
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

HERE = Path(__file__).parent
REGRESSIONS = HERE / "regressions"

#: Seconds one file may take, whatever it holds (generous: the slowest real file of
#: the seeds takes well under a second; a hang or a quadratic blow-up takes far more).
PER_FILE_BUDGET = 10.0

_CI = os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}
_LONG_RUN = os.environ.get("PRIVLINT_FUZZ_EXAMPLES", "").strip()


def _profile(examples: int) -> settings:
    """A few dozen examples in CI (deterministic there), more for a long fuzz run."""
    return settings(
        max_examples=int(_LONG_RUN) if _LONG_RUN else examples,
        deadline=None,
        derandomize=_CI,
        print_blob=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )


# -- the per-file path, with every rule ---------------------------------------------------


class Workspace:
    """A project directory and its policy (shown by its directory only, so that a
    falsifying example stays readable)."""

    def __init__(self, root: Path, policy: Policy) -> None:
        self.root = root
        self.policy = policy

    def __repr__(self) -> str:
        return f"Workspace({self.root})"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A project whose policy enables every rule, off-by-default ones included."""
    root = tmp_path_factory.mktemp("generated")
    codes = sorted(rule.CODE for rule in all_rules())
    enable = ", ".join(f'"{code}"' for code in codes)
    (root / "pyproject.toml").write_text(f"[tool.privlint]\nenable = [{enable}]\n")
    policy = load_policy(root / "pyproject.toml")
    assert policy.enabled_rules == frozenset(codes)
    return Workspace(root.resolve(), policy)


def cpython_compiles(data: bytes) -> bool:
    """Whether CPython's compiler accepts the bytes as a module (decoding them its own
    way). Parsing only: a file whose one fault is, say, a ``return`` outside a function
    is still valid syntax, and privlint must not call it a syntax error either."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(data, "sample.py", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
            return False
    return True


def _line_count(data: bytes) -> int:
    """Lines of the file, counted the most generous way any reader could count them (a
    region may sit on the empty line after a final newline)."""
    text = data.decode("utf-8", "replace")
    return max(len(data.splitlines()), len(text.splitlines())) + 1


def check_one(workspace: Workspace, name: str, data: bytes) -> list[Finding]:
    """Write ``data`` as ``name`` in the workspace and check it; assert the invariants."""
    path = workspace.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarnings of ast.parse on odd escapes
        check = check_paths([path], workspace.policy, root=workspace.root, jobs=1)
    elapsed = time.perf_counter() - start
    findings = list(check.result.findings)
    assert elapsed < PER_FILE_BUDGET, f"{name}: {elapsed:.1f} s for {len(data)} bytes"
    assert check.result.files_scanned + sum(f.rule_id == "PL000" for f in findings) >= 1
    known = {rule.CODE for rule in all_rules()}
    lines = _line_count(data)
    for finding in findings:
        assert not is_internal_error(finding), f"{name}: {finding}"
        assert finding.path == name, finding
        assert finding.rule_id in known, finding
        assert isinstance(finding.level, Level) and finding.level > Level.NONE, finding
        assert isinstance(finding.message, str) and finding.message.strip(), finding
        region = finding.region
        assert 1 <= region.start_line <= region.end_line <= lines, (lines, finding)
        assert region.start_column >= 1 and region.end_column >= 1, finding
        if region.start_line == region.end_line:
            assert region.end_column >= region.start_column, finding
    if name.endswith(".py") and cpython_compiles(data):
        wrong = [
            finding
            for finding in findings
            if finding.rule_id == "PL000"
            and finding.level == Level.ERROR
            and ("syntax" in finding.message.lower() or "utf-8" in finding.message.lower())
        ]
        assert not wrong, f"{name}: CPython compiles it, privlint says {wrong}"
    return findings


# -- programs from hypothesmith -------------------------------------------------------------

#: Names the taxonomy rates sensitive and calls the rules know, so that the CST rules
#: run (a file with no sensitive word is only compiled) over the generated code.
TRIGGER_HEADER = (
    "import logging\nimport requests\nimport sentry_sdk\n"
    "password = token = email = user_id = None\n"
)


def _as_bytes(source: str) -> bytes:
    # hypothesmith may produce lone surrogates: kept as (invalid) UTF-8 bytes
    return source.encode("utf-8", "surrogatepass")


@_profile(60)
@given(source=hypothesmith.from_grammar(), header=st.booleans())
def test_programs_from_the_grammar_are_checked_without_failing(
    workspace: Workspace, source: str, header: bool
) -> None:
    check_one(workspace, "sample.py", _as_bytes((TRIGGER_HEADER if header else "") + source))


@_profile(25)
@given(source=hypothesmith.from_node(), header=st.booleans())
def test_programs_from_the_ast_are_checked_without_failing(
    workspace: Workspace, source: str, header: bool
) -> None:
    data = _as_bytes((TRIGGER_HEADER if header else "") + source)
    findings = check_one(workspace, "sample.py", data)
    # libcst printed it, so libcst parses it: never "not analysed" of any kind
    if cpython_compiles(data):
        assert not [f for f in findings if f.rule_id == "PL000" and f.level == Level.ERROR]


# -- mutated real files ---------------------------------------------------------------------

#: Standard-library modules (present in every CPython 3.11+) that use logging, sockets,
#: TLS, passwords and plaintext protocols: the rules have something to find in them.
STDLIB_MODULES = (
    "base64.py",
    "email/utils.py",
    "ftplib.py",
    "getpass.py",
    "hmac.py",
    "http/cookies.py",
    "json/encoder.py",
    "logging/config.py",
    "netrc.py",
    "poplib.py",
    "secrets.py",
    "shlex.py",
    "smtplib.py",
    "string.py",
    "textwrap.py",
    "tokenize.py",
    "urllib/parse.py",
    "urllib/robotparser.py",
    "xmlrpc/client.py",
)


def _stdlib_sources() -> list[tuple[str, bytes]]:
    lib = Path(sysconfig.get_paths()["stdlib"])
    return [("sample.py", (lib / name).read_bytes()) for name in STDLIB_MODULES]


def _privlint_sources() -> list[tuple[str, bytes]]:
    package = Path(privlint.__file__).parent
    return [("sample.py", path.read_bytes()) for path in sorted(package.rglob("*.py"))]


def _example_sources() -> list[tuple[str, bytes]]:
    """Every rule's examples, written under the file name each example gives (the
    secrets rules' examples are .env, YAML, JSON, INI, key files, ...)."""
    sources = []
    for rule in all_rules():
        examples: list[Valid | Invalid] = [*rule.VALID, *rule.INVALID]
        for example in examples:
            name = PurePosixPath(example.filename)
            assert not name.is_absolute() and ".." not in name.parts
            sources.append((str(name), example.code.encode("utf-8")))
    return sources


STDLIB_SOURCES = _stdlib_sources()
PRIVLINT_SOURCES = _privlint_sources()
EXAMPLE_SOURCES = _example_sources()

Mutation = Callable[[st.DrawFn, bytes], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def _index(draw: st.DrawFn, items: list[bytes]) -> int:
    return draw(st.integers(0, max(len(items) - 1, 0)))


def truncate(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


def delete_lines(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    start = _index(draw, lines)
    del lines[start : start + draw(st.integers(1, 5))]
    return b"".join(lines)


def duplicate_lines(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    start = _index(draw, lines)
    stop = start + draw(st.integers(1, 5))
    lines[start:start] = lines[start:stop]
    return b"".join(lines)


def shuffle_lines(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    start = _index(draw, lines)
    stop = start + draw(st.integers(2, 12))
    window = lines[start:stop]
    draw(st.randoms(use_true_random=False)).shuffle(window)
    lines[start:stop] = window
    return b"".join(lines)


def insert_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]


INDENT_CHANGES: tuple[Callable[[bytes], bytes], ...] = (
    lambda line: b" " + line,
    lambda line: b"    " + line,
    lambda line: b"\t" + line,
    lambda line: line.lstrip(b" \t"),
    lambda line: line[1:] if line[:1] in (b" ", b"\t") else line,
    lambda line: line.replace(b"    ", b"\t", 1),
    lambda line: b"\x0c" + line,
)


def change_indentation(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    start = _index(draw, lines)
    change = draw(st.sampled_from(INDENT_CHANGES))
    for index in range(start, min(start + draw(st.integers(1, 6)), len(lines))):
        lines[index] = change(lines[index])
    return b"".join(lines)


#: bytes that are not UTF-8: Latin-1 text, a stray continuation byte, an overlong or
#: surrogate encoding, a truncated sequence, a BOM in the wrong place
NOT_UTF8 = (b"caf\xe9", b"\x80", b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x82", b"\xfe")


def non_utf8_in_comment(draw: st.DrawFn, data: bytes) -> bytes:
    """Bytes CPython forgives: in a comment at the end of a line, or a comment line."""
    lines = _lines(data)
    index = _index(draw, lines)
    junk = draw(st.sampled_from(NOT_UTF8))
    line = lines[index]
    if draw(st.booleans()):
        body = line.rstrip(b"\r\n")
        lines[index] = body + b"  # " + junk + b" note" + line[len(body) :]
    else:
        indent = line[: len(line) - len(line.lstrip(b" \t"))]
        lines.insert(index, indent + b"# " + junk + b"\n")
    return b"".join(lines)


def backslash_continuation(draw: st.DrawFn, data: bytes) -> bytes:
    """A line continued with a backslash: a lone ``\\`` line (with or without the
    indentation around it), or a line split after a space."""
    lines = _lines(data)
    index = _index(draw, lines)
    line = lines[index]
    indent = line[: len(line) - len(line.lstrip(b" \t"))]
    choice = draw(st.integers(0, 2))
    if choice == 0:
        lines.insert(index, indent + b"\\\n")
    elif choice == 1:
        lines.insert(index, b"\\\n")
    else:
        spaces = [at for at, byte in enumerate(line.rstrip(b"\r\n")) if byte == 0x20]
        if spaces:
            at = draw(st.sampled_from(spaces))
            lines[index] = line[: at + 1] + b"\\\n" + indent + b"    " + line[at + 1 :]
    return b"".join(lines)


MUTATIONS: tuple[Mutation, ...] = (
    truncate,
    delete_lines,
    duplicate_lines,
    shuffle_lines,
    insert_bytes,
    change_indentation,
    non_utf8_in_comment,
    backslash_continuation,
)


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, bytes]:
    name, data = draw(
        st.one_of(
            st.sampled_from(STDLIB_SOURCES),
            st.sampled_from(PRIVLINT_SOURCES),
            st.sampled_from(EXAMPLE_SOURCES),
        )
    )
    for _ in range(draw(st.integers(1, 3))):
        data = draw(st.sampled_from(MUTATIONS))(draw, data)
    return name, data


@_profile(150)
@given(sample=mutated_files())
def test_mutated_real_files_are_checked_without_failing(
    workspace: Workspace, sample: tuple[str, bytes]
) -> None:
    check_one(workspace, *sample)


#: the damage CPython forgives
FORGIVEN: tuple[Mutation, ...] = (non_utf8_in_comment, backslash_continuation)


@st.composite
def forgivably_damaged_python(draw: st.DrawFn) -> bytes:
    _, data = draw(st.one_of(st.sampled_from(STDLIB_SOURCES), st.sampled_from(PRIVLINT_SOURCES)))
    for _ in range(draw(st.integers(1, 3))):
        data = draw(st.sampled_from(FORGIVEN))(draw, data)
    return data


@_profile(60)
@given(data=forgivably_damaged_python())
def test_python_damaged_only_where_cpython_forgives_is_analysed(
    workspace: Workspace, data: bytes
) -> None:
    """Non-UTF-8 bytes in comments and backslash continuation lines, in real files: when
    CPython still compiles the file, it is analysed (findings, or at most a note)."""
    assume(cpython_compiles(data))
    findings = check_one(workspace, "sample.py", data)
    assert not [f for f in findings if f.rule_id == "PL000" and f.level >= Level.WARNING]


def test_every_seed_file_is_checked_unharmed(workspace: Workspace) -> None:
    """The unmutated seeds themselves: nothing here may be called broken."""
    for name, data in (*STDLIB_SOURCES, *PRIVLINT_SOURCES):
        assert cpython_compiles(data)
        findings = check_one(workspace, name, data)
        assert not [f for f in findings if f.rule_id == "PL000" and f.level >= Level.WARNING]


# -- every failure found, kept --------------------------------------------------------------

#: ``name.ext.txt`` is replayed as ``name.ext`` (``.txt`` keeps ruff, formatters and
#: editors away from inputs that are broken on purpose); its first line says what it found.
REGRESSION_FILES = sorted(REGRESSIONS.glob("*.txt"))


@pytest.mark.parametrize("regression", REGRESSION_FILES, ids=lambda path: path.stem)
def test_regression_example(workspace: Workspace, regression: Path) -> None:
    data = regression.read_bytes()
    assert data.startswith(b"#"), f"{regression.name}: first line must say what it found"
    check_one(workspace, PurePosixPath(regression.stem).name, data)


def test_regression_examples_exist() -> None:
    assert REGRESSION_FILES, "regressions/ should hold the failures the fuzzers found"
