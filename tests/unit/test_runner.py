"""The runner: one file's bytes -> findings, PL000 for what cannot be analysed, and the same
findings whether files are analysed in one process or several."""

from __future__ import annotations

import tempfile
from pathlib import Path

import libcst as cst
import pytest

from privlint.engine import runner
from privlint.engine.context import CallSite, Site
from privlint.engine.dataflow import Analysis
from privlint.engine.runner import analyze_file, analyze_source
from privlint.engine.scan import scan_files
from privlint.engine.walk import Walker
from privlint.findings import Finding, Level, is_internal_error
from privlint.policy import Policy, load_policy
from privlint.rules.base import Rule, all_rules

LEAKY = "import logging\n\n\ndef login(password):\n    logging.info(password)\n"


def _pack_only_policy() -> Policy:
    with tempfile.TemporaryDirectory() as empty:
        return load_policy(search_from=Path(empty))


POLICY = _pack_only_policy()
RULES = all_rules()


def _codes(findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.rule_id, f.region.start_line, f.region.start_column) for f in findings]


@pytest.mark.parametrize(
    "source",
    ["LIMIT = 3\ndef f(:\n    pass\n", "password = 3\ndef f(:\n    pass\n"],
    ids=["no-sensitive-word", "sensitive-word"],
)
def test_syntax_error_position_is_the_same_on_both_parse_paths(source: str) -> None:
    findings = analyze_source(source, "a.py", POLICY, RULES)
    assert _codes(findings) == [("PL000", 2, 7)]
    assert findings[0].level is Level.ERROR
    assert "syntax error" in findings[0].message


def test_utf8_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "bom.py"
    path.write_bytes(b"\xef\xbb\xbf" + LEAKY.encode())
    assert _codes(analyze_file(path, "bom.py", POLICY, RULES)) == [("PL101", 5, 18)]


def test_file_above_the_size_limit_is_pl000(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.py"
    path.write_text(LEAKY)
    monkeypatch.setattr(runner, "MAX_FILE_BYTES", 10)
    findings = analyze_file(path, "big.py", POLICY, RULES)
    assert _codes(findings) == [("PL000", 1, 1)]
    assert "larger than" in findings[0].message


def test_internal_error_in_the_walk_is_one_pl000_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(self: object) -> None:
        raise KeyError(LEAKED)

    monkeypatch.setattr(Walker, "run", boom)
    findings = analyze_source(LEAKY, "a.py", POLICY, RULES)
    assert _codes(findings) == [("PL000", 1, 1)]
    assert is_internal_error(findings[0]) and "KeyError" in findings[0].message
    assert LEAKED not in findings[0].message


def test_no_rules_means_no_findings() -> None:
    assert analyze_source(LEAKY, "a.py", POLICY, []) == []


def test_parallel_and_serial_runs_give_the_same_findings(tmp_path: Path) -> None:
    # 40 files: above the size at which scan_files starts a process pool.
    items = []
    for index in range(40):
        path = tmp_path / f"m{index:02}.py"
        path.write_text(LEAKY if index % 3 else "def f(:\n")
        items.append((str(path), path.name, True))
    serial = scan_files(items, POLICY, RULES, jobs=1)
    parallel = scan_files(items, POLICY, RULES, jobs=2)
    assert serial == parallel
    assert [f.fix for f in serial] == [f.fix for f in parallel]
    assert serial == sorted(serial)
    assert {f.rule_id for f in serial} == {"PL000", "PL101"}
    assert len(serial) == 40


# -- valid Python that privlint used to report as not analysed --------------------

#: CPython compiles a file whose only non-UTF-8 bytes are in comments
LATIN1_COMMENT = b"x = 1  # caf\xe9\n" + LEAKY.encode()


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
def test_non_utf8_bytes_in_a_comment_do_not_stop_the_analysis(tmp_path: Path, bom: bytes) -> None:
    path = tmp_path / "latin.py"
    path.write_bytes(bom + LATIN1_COMMENT)
    assert _codes(analyze_file(path, "latin.py", POLICY, RULES)) == [("PL101", 6, 18)]


def test_non_utf8_comment_in_a_file_no_rule_wants_is_no_finding(tmp_path: Path) -> None:
    path = tmp_path / "b.py"
    path.write_bytes(b"x = 1  # caf\xe9\nprint(x)\n")
    assert analyze_file(path, "b.py", POLICY, RULES) == []


@pytest.mark.parametrize(
    "data",
    [b'x = "caf\xe9"\n', b"x = 1  # caf\xe9\ndef f(:\n"],
    ids=["in-a-string", "with-a-syntax-error"],
)
def test_non_utf8_bytes_cpython_rejects_are_still_pl000(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.py"
    path.write_bytes(data)
    findings = analyze_file(path, "bad.py", POLICY, RULES)
    assert _codes(findings) == [("PL000", 1, 1)]
    assert "not valid UTF-8" in findings[0].message
    assert findings[0].level is Level.ERROR


#: CPython accepts a block that opens with a line holding only indentation and a
#: backslash; libcst 1.9's parser reports "expected INDENT" (see issue #14)
LIBCST_REJECTS = "import logging\n\n\ndef login(password):\n    \\\n    logging.info(password)\n"


def _libcst_parses(source: str) -> bool:
    try:
        cst.parse_module(source)
    except cst.ParserSyntaxError:
        return False
    return True


def test_file_libcst_cannot_parse_but_cpython_can_is_one_note() -> None:
    if _libcst_parses(LIBCST_REJECTS):  # pragma: no cover - a newer libcst
        pytest.skip("this libcst parses the reproducer")
    findings = analyze_source(LIBCST_REJECTS, "a.py", POLICY, RULES)
    assert [(f.rule_id, f.level) for f in findings] == [("PL000", Level.NOTE)]
    assert "libcst" in findings[0].message and "syntax error" not in findings[0].message
    assert not is_internal_error(findings[0])


def test_libcst_parser_error_on_valid_python_is_a_note_not_a_syntax_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def reject(source: str) -> cst.Module:
        raise cst.ParserSyntaxError(
            "parser error: error at 5:9: expected INDENT", lines=[""], raw_line=5, raw_column=0
        )

    monkeypatch.setattr(cst, "parse_module", reject)
    findings = analyze_source(LEAKY, "a.py", POLICY, RULES)
    assert [(f.rule_id, f.level) for f in findings] == [("PL000", Level.NOTE)]
    assert "expected INDENT" in findings[0].message
    # a real syntax error is still an error, worded by CPython
    findings = analyze_source("password = 1\ndef f(:\n", "a.py", POLICY, RULES)
    assert [(f.rule_id, f.level) for f in findings] == [("PL000", Level.ERROR)]
    assert "syntax error" in findings[0].message


# -- one broken rule does not hide the other rules' findings ----------------------

#: every kind of site: a class, assignments, a raise, calls in statements
ALL_SITES = (
    "import logging\n\n\n"
    "class User:\n    token = 1\n\n\n"
    "def login(password):\n"
    "    copy = password\n"
    "    logging.info(password)\n"
    "    logging.info(copy)\n"
    "    raise ValueError(password)\n"
)
HOOKS = ("on_call", "on_assign", "on_statement", "on_raise", "on_class")
LEAKED = "hunter2-source-text"


def _broken_rule(hook: str, calls: list[int]) -> type[Rule]:
    """A rule (not registered) whose ``hook`` reports, then raises, on every call."""

    def broken(self: Rule, site: Site) -> None:
        calls.append(1)
        site.report(type(self), site.node, "reported before the crash")  # type: ignore[attr-defined]
        raise ValueError(f"bug while looking at {LEAKED}")

    return type("Broken", (Rule,), {"CODE": "PL199", "NAME": "broken", hook: broken})


@pytest.mark.parametrize("hook", HOOKS)
@pytest.mark.parametrize("first", [True, False], ids=["listed-first", "listed-last"])
def test_exception_in_one_rule_is_one_pl000_and_other_findings_stay(hook: str, first: bool) -> None:
    expected = analyze_source(ALL_SITES, "a.py", POLICY, RULES)
    assert {f.rule_id for f in expected} == {"PL101", "PL103"}
    calls: list[int] = []
    broken = _broken_rule(hook, calls)
    rules = [broken, *RULES] if first else [*RULES, broken]
    findings = analyze_source(ALL_SITES, "a.py", POLICY, rules)
    errors = [f for f in findings if f.rule_id == "PL000"]
    assert [f for f in findings if f.rule_id != "PL000"] == expected
    assert len(errors) == 1 and is_internal_error(errors[0])
    assert errors[0].level is Level.ERROR
    assert "PL199" in errors[0].message and "ValueError" in errors[0].message
    assert LEAKED not in errors[0].message
    assert len(calls) == 1  # disabled for the rest of the file after its first failure


def test_exception_in_the_shared_dataflow_is_still_one_pl000_for_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(self: Analysis, *args: object) -> None:
        raise KeyError(LEAKED)

    monkeypatch.setattr(Analysis, "bind_pairwise", boom)
    findings = analyze_source(ALL_SITES, "a.py", POLICY, RULES)
    assert _codes(findings) == [("PL000", 1, 1)]
    assert is_internal_error(findings[0]) and "file not analysed" in findings[0].message
    assert LEAKED not in findings[0].message


def test_broken_rule_is_disabled_per_file_not_per_scan(tmp_path: Path) -> None:
    calls: list[int] = []
    broken = _broken_rule("on_call", calls)
    items = []
    for name in ("a.py", "b.py"):
        (tmp_path / name).write_text(ALL_SITES)
        items.append((str(tmp_path / name), name, True))
    findings = scan_files(items, POLICY, [*RULES, broken], jobs=1)
    assert [f.path for f in findings if is_internal_error(f)] == ["a.py", "b.py"]
    assert len(calls) == 2


def test_exception_in_a_rule_constructor_is_that_rules_pl000() -> None:
    class Unbuildable(Rule):
        CODE, NAME = "PL198", "unbuildable"

        def __init__(self) -> None:
            raise RuntimeError(LEAKED)

        def on_call(self, site: CallSite) -> None:  # pragma: no cover - never built
            pass

    findings = analyze_source(LEAKY, "a.py", POLICY, [*RULES, Unbuildable])
    assert _codes(findings) == [("PL000", 1, 1), ("PL101", 5, 18)]
    assert is_internal_error(findings[0]) and "PL198" in findings[0].message
    assert LEAKED not in findings[0].message


def test_internal_error_helper_tells_internal_errors_from_other_pl000() -> None:
    syntax = analyze_source("password = 1\ndef f(:\n", "a.py", POLICY, RULES)
    leaky = analyze_source(LEAKY, "a.py", POLICY, RULES)
    assert syntax and leaky
    assert not any(is_internal_error(f) for f in syntax + leaky)


def test_internal_errors_leave_no_exception_text_in_privlints_log(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def boom(self: Analysis, *args: object) -> None:
        raise KeyError(LEAKED)

    calls: list[int] = []
    with caplog.at_level("DEBUG", logger="privlint"):
        findings = analyze_source(
            ALL_SITES, "a.py", POLICY, [*RULES, _broken_rule("on_call", calls)]
        )
        monkeypatch.setattr(Analysis, "bind_pairwise", boom)
        findings += analyze_source(ALL_SITES, "b.py", POLICY, RULES)
    assert "PL199" in caplog.text and "KeyError" in caplog.text
    assert LEAKED not in caplog.text
    # the place in privlint where the dataflow raised is named, for a bug report
    shared = next(f for f in findings if f.path == "b.py")
    assert "at privlint/engine/" in shared.message and LEAKED not in shared.message


GATE_POLICY = load_policy(search_from=Path("/"))
GATE_RULES = [rule for rule in all_rules() if rule.ENABLED_BY_DEFAULT]


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        # a trigger of a rule about sensitive values is not enough without one
        ("cursor.execute(query, params)\njson.dump(data, fh)\n", False),
        ("cursor.execute(query, (password,))\n", True),
        ("from sqlalchemy import Column, String\nname_x = Column(String)\n", False),
        ("from sqlalchemy import Column, String\napi_key = Column(String)\n", True),
        ("import hashlib\ndigest = hashlib.sha256(data).hexdigest()\n", False),
        # a trigger of a rule that needs no sensitive word still is
        ("import requests\nrequests.get(url, verify=False)\n", True),
        # a source the pack lists is as good as a sensitive word
        ("import getpass, logging\nx = getpass.getpass()\nlogging.info('%s', x)\n", True),
        ("import logging\nx = input('Card number: ')\nlogging.info('%s', x)\n", True),
        ("import logging\nx = compute(input_value)\nlogging.info('%s', x)\n", False),
    ],
)
def test_the_gate_before_the_parse(text: str, parsed: bool) -> None:
    assert runner._worth_parsing(text, GATE_POLICY, GATE_RULES) is parsed


def test_a_source_without_a_sensitive_name_is_still_found() -> None:
    text = "import getpass, logging\nx = getpass.getpass()\nlogging.info('got %s', x)\n"
    found = analyze_source(text, "app.py", GATE_POLICY, GATE_RULES)
    assert [(f.rule_id, f.region.start_line) for f in found] == [("PL101", 3)]
