"""What a small run imports: the pre-commit case on a file no CST rule wants loads
neither libcst (a third of a second) nor sarif-om (a fifth), and a text report never
loads sarif-om; a SARIF report does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from privlint.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "libcst": "libcst._nodes" in sys.modules,
                  "sarif_om": "sarif_om" in sys.modules}))
"""


def _run(tmp_path: Path, *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_file_no_rule_wants_loads_neither_libcst_nor_sarif_om(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    (tmp_path / "version.py").write_text("__version__ = '1.2.3'\n")
    seen = _run(tmp_path, "check", "version.py", "--no-cache")
    assert seen == {"code": 0, "libcst": False, "sarif_om": False}


def test_sarif_om_only_for_sarif(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    (tmp_path / "app.py").write_text(
        "import logging\ndef f(password):\n    logging.info(password)\n"
    )
    text = _run(tmp_path, "check", "app.py", "--no-cache")
    assert text["libcst"] is True and text["sarif_om"] is False
    sarif = _run(tmp_path, "check", "app.py", "--no-cache", "--format", "sarif", "-o", "r.sarif")
    assert sarif["sarif_om"] is True
