"""The project phase (engine.project): a sensitive argument that reaches a sink in a
helper of another module is reported at the call, naming the path; helpers that log
metadata or sanitize are not; the same with the cache warm, and in parallel."""

from __future__ import annotations

from pathlib import Path

import pytest

from privlint.api import check_paths
from privlint.engine.project import module_names
from privlint.policy.load import load_policy

MODULES = {
    "app/__init__.py": "",
    "app/util/__init__.py": "from .log import record\n",
    "app/util/log.py": (
        "import logging\n_log = logging.getLogger(__name__)\n\n"
        "def record(msg, *args):\n    _log.debug(msg, *args)\n\n"
        "def record_len(value):\n    _log.info('%d chars', len(value))\n\n"
        "def record_first(msg, detail=None):\n    _log.info(msg)\n"
    ),
    "app/audit.py": (
        "from app.util.log import record\n\n"
        "def audit(event, detail):\n    record('audit %s: %s', event, detail)\n"
    ),
    "app/views.py": (
        "from app import util\n"
        "from app.util import record\n"
        "from app.util.log import record_len, record_first\n"
        "from .audit import audit\n"
        "from . import audit as audit_module\n\n"
        "def login(password, user_count, email):\n"
        "    record('login with %s', password)\n"  # 8: re-export
        "    record_len(password)\n"  # sanitized: a length
        "    record('%d users', user_count)\n"  # clean
        "    audit('signup', email)\n"  # 11: two modules away
        "    util.record('again %s', password)\n"  # 12: package attribute
        "    record_first('login', detail=password)\n"  # the parameter is never logged
        "    audit_module.audit('x', password)\n"  # 14: `from . import`
    ),
}


def _project(root: Path) -> Path:
    for name, text in MODULES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _found(root: Path, jobs: int = 1, cache: bool = False) -> list[tuple[str, int, str]]:
    result = check_paths([root], load_policy(search_from=root), root=root, jobs=jobs, cache=cache)
    return [(f.path, f.region.start_line, f.message) for f in result.result.findings]


EXPECTED = [
    ("app/views.py", 8, "credential.password reaches _log.debug through app.util.log.record"),
    (
        "app/views.py",
        11,
        "pii.email reaches _log.debug through app.audit.audit -> app.util.log.record",
    ),
    ("app/views.py", 12, "credential.password reaches _log.debug through app.util.log.record"),
    (
        "app/views.py",
        14,
        "credential.password reaches _log.debug through app.audit.audit -> app.util.log.record",
    ),
]


def test_flows_across_modules_are_reported_at_the_call(tmp_path: Path) -> None:
    assert _found(_project(tmp_path)) == EXPECTED


def test_a_warm_cache_and_parallel_workers_give_the_same(tmp_path: Path) -> None:
    root = _project(tmp_path)
    for index in range(40):  # enough files for the process pool
        (root / f"app/filler_{index}.py").write_text("def f(x):\n    return x\n")
    assert _found(root, jobs=2, cache=True) == EXPECTED
    assert _found(root, jobs=2, cache=True) == EXPECTED  # facts from the cache
    assert _found(root, jobs=1, cache=True) == EXPECTED


def test_a_changed_helper_changes_the_callers_findings_with_the_cache_warm(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path)
    assert _found(root, cache=True) == EXPECTED
    (root / "app/util/log.py").write_text(
        MODULES["app/util/log.py"].replace("msg, *args)\n", "'event')\n", 1)
    )
    assert _found(root, cache=True) == []


def test_a_suppressed_call_is_not_reported(tmp_path: Path) -> None:
    root = _project(tmp_path)
    views = root / "app/views.py"
    views.write_text(
        views.read_text().replace(
            "    record('login with %s', password)\n",
            "    record('login with %s', password)  # privlint: ignore[PL101]\n",
        )
    )
    assert [line for _, line, _ in _found(root)] == [11, 12, 14]


@pytest.mark.parametrize(
    ("display", "names"),
    [
        ("src/app/util.py", ["src.app.util", "app.util", "util"]),
        ("app/__init__.py", ["app"]),
        ("setup.py", ["setup"]),
    ],
)
def test_module_names(display: str, names: list[str]) -> None:
    assert module_names(display) == names


def test_a_bug_in_the_project_phase_keeps_every_files_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from privlint.engine import scan
    from privlint.findings import is_internal_error

    def broken(*args: object) -> object:
        raise KeyError("a value from the source")

    root = _project(tmp_path)
    (root / "app/leak.py").write_text(
        "import logging\ndef f(password):\n    logging.info(password)\n"
    )
    monkeypatch.setattr(scan, "link", broken)
    result = check_paths([root], load_policy(search_from=root), root=root, jobs=1)
    findings = result.result.findings
    assert [f.path for f in findings if is_internal_error(f)] == ["."]
    assert "KeyError" in findings[0].message and "a value" not in findings[0].message
    assert ("app/leak.py", "PL101") in {(f.path, f.rule_id) for f in findings}


@pytest.mark.parametrize(
    "body",
    ["    click.echo(text)\n", "    sys.stdout.write(text)\n", "    warnings.warn(text)\n"],
)
def test_a_helper_that_writes_with_any_sink_of_the_pack_is_summarised(
    tmp_path: Path, body: str
) -> None:
    # the helper's module names no sensitive data: it is parsed for its summary because
    # it calls a sink the pack lists (an output function, a warning)
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui/__init__.py").write_text("")
    (tmp_path / "ui/show.py").write_text(f"import click, sys, warnings\n\ndef show(text):\n{body}")
    (tmp_path / "ui/login.py").write_text(
        "from ui.show import show\n\ndef login(password):\n    show(password)\n"
    )
    found = check_paths([tmp_path], load_policy(search_from=tmp_path), root=tmp_path, jobs=1)
    reported = [(f.path, f.rule_id) for f in found.result.findings]
    assert len(reported) == 1 and reported[0][0] == "ui/login.py", reported
