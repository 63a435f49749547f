"""`privlint check --fix` applies the fixes rules attach, then reports what remains."""

from __future__ import annotations

from pathlib import Path

import pytest

from privlint.cli import main

LEAKY = 'import requests\n\nrequests.get("http://api.stripe.com/v1", verify=False)\n'


def test_fix_rewrites_url_and_drops_verify_false(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(LEAKY)
    assert main(["check", "a.py", "--fix"]) == 0
    assert (tmp_path / "a.py").read_text() == (
        'import requests\n\nrequests.get("https://api.stripe.com/v1")\n'
    )
    captured = capsys.readouterr()
    assert "No findings in 1 file." in captured.out
    assert "applied" in captured.err


def test_without_fix_the_file_is_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(LEAKY)
    assert main(["check", "a.py"]) == 1
    assert (tmp_path / "a.py").read_text() == LEAKY


def test_findings_without_fixes_remain_after_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    source = "import logging\n\ndef f(password):\n    logging.info(password)\n"
    (tmp_path / "b.py").write_text(source)
    assert main(["check", "b.py", "--fix"]) == 1
    assert (tmp_path / "b.py").read_text() == source
    assert "PL101" in capsys.readouterr().out
