"""What the pre-commit case (one file, whole process) loads: a module of ordinary
code that no CST rule can find anything in does not load libcst, and no run on one
file loads what only other commands or other files need (subprocess, tempfile and
shutil: git, semgrep and the cache's writes; importlib.resources and zipfile), nor,
when it finds nothing, hashlib (OpenSSL) and difflib."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

#: modules that a check of one Python file, reported as text or JSON, never uses (the
#: runtime shim's package too: only a fix's text is masked, with the shim's masker)
UNUSED = ("subprocess", "tempfile", "shutil", "importlib.resources", "zipfile", "privlint.runtime")
#: and those that it uses only when it finds something (a finding's fingerprint) or a
#: message suggests a spelling (click's parser, for a short option such as -o, too)
UNUSED_FOR_NOTHING = (*UNUSED, "hashlib", "_hashlib", "difflib")

PROBE = """
import json, sys, types
from privlint.cli import main
code = main(sys.argv[1:])
loaded = [name for name in {unused!r} if type(sys.modules.get(name)) is types.ModuleType]
print(json.dumps({{"code": code, "libcst": "libcst._nodes" in sys.modules, "loaded": loaded}}))
"""

ORDINARY = '''\
"""Geometry helpers."""
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    def distance(self, other: "Point") -> float:
        return math.hypot(self.x - other.x, self.y - other.y)


def centroid(points: list[Point]) -> Point:
    if not points:
        raise ValueError("no points")
    return Point(sum(p.x for p in points) / len(points), sum(p.y for p in points) / len(points))


def main() -> None:
    print(centroid([Point(0, 0), Point(2, 2)]).distance(Point(0, 0)))
'''

LEAKY = "import logging\n\n\ndef login(password):\n    logging.info(password)\n"


def _run(tmp_path: Path, *args: str, unused: tuple[str, ...] = UNUSED) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(unused=unused), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_ordinary_code_loads_no_libcst(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    (tmp_path / "geometry.py").write_text(ORDINARY)
    seen = _run(tmp_path, "check", "geometry.py", "--no-cache", unused=UNUSED_FOR_NOTHING)
    assert seen == {"code": 0, "libcst": False, "loaded": []}


def test_one_file_loads_nothing_it_does_not_use(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    (tmp_path / "app.py").write_text(LEAKY)
    seen = _run(tmp_path, "check", "app.py", "--no-cache", "--format", "json", "-o", "out.json")
    assert seen == {"code": 1, "libcst": True, "loaded": []}
    assert json.loads((tmp_path / "out.json").read_text())["findings"][0]["rule_id"] == "PL101"
