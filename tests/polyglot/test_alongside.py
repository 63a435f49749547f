"""semgrep's scan of the other languages runs beside the project phase of the Python
files (engine.scan.Alongside), once their per-file analysis is done (its workers gone,
so that semgrep's memory does not add to theirs), not after it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

import privlint.api
import privlint.engine.scan
from privlint.api import check_paths
from privlint.engine.scan import Alongside
from privlint.policy.load import load_policy
from privlint.polyglot.run import Polyglot


def _project(root: Path) -> None:
    (root / "app.py").write_text("import logging\n\nlogging.info('started')\n", encoding="utf-8")
    (root / "web.js").write_text("console.log('started');\n", encoding="utf-8")


@pytest.mark.parametrize("jobs", [1, 2])
def test_semgrep_stage_runs_beside_the_project_phase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    _project(tmp_path)
    for number in range(40):  # enough files for a pool
        (tmp_path / f"mod{number}.py").write_text("VALUE = 1\n", encoding="utf-8")
    semgrep_started = threading.Event()
    seen_by_project_phase: list[bool] = []

    def fake_semgrep(*args: Any, **kwargs: Any) -> Polyglot:
        semgrep_started.set()
        return Polyglot()

    real_phase = privlint.api.project_findings

    def project_phase(*args: Any, **kwargs: Any) -> Any:
        # run after semgrep, as before, this would wait the whole timeout in vain
        seen_by_project_phase.append(semgrep_started.wait(timeout=5))
        return real_phase(*args, **kwargs)

    monkeypatch.setattr(privlint.api, "scan_other_languages", fake_semgrep)
    monkeypatch.setattr(privlint.api, "project_findings", project_phase)
    check_paths([tmp_path], load_policy(search_from=tmp_path), root=tmp_path, jobs=jobs)
    assert seen_by_project_phase == [True]


def test_semgrep_stage_findings_and_notice_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)

    def fake_semgrep(*args: Any, **kwargs: Any) -> Polyglot:
        return Polyglot(notice="from semgrep's stage")

    monkeypatch.setattr(privlint.api, "scan_other_languages", fake_semgrep)
    check = check_paths([tmp_path], load_policy(search_from=tmp_path), root=tmp_path, jobs=1)
    assert check.notices == ("from semgrep's stage",)


def test_semgrep_stage_error_reaches_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)

    def fake_semgrep(*args: Any, **kwargs: Any) -> Polyglot:
        raise OSError("semgrep vanished")

    monkeypatch.setattr(privlint.api, "scan_other_languages", fake_semgrep)
    with pytest.raises(OSError, match="semgrep vanished"):
        check_paths([tmp_path], load_policy(search_from=tmp_path), root=tmp_path, jobs=1)


def test_alongside_runs_in_the_caller_when_never_started() -> None:
    caller = threading.get_ident()
    work = Alongside(threading.get_ident)
    assert work.result() == caller


def test_alongside_runs_once_in_a_thread() -> None:
    calls: list[int] = []

    def count() -> int:
        calls.append(threading.get_ident())
        return len(calls)

    work = Alongside(count)
    work.start()
    work.start()
    assert work.result() == 1
    assert calls != [threading.get_ident()]
    assert len(calls) == 1
