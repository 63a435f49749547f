"""detect-secrets gives a line's secrets as a set: the one privlint reports for a line,
and so its fingerprint, must not depend on the hash seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def test_a_line_with_several_keys_reports_the_same_one_under_every_hash_seed(
    tmp_path: Path,
) -> None:
    keys = ("AKIAIOSFODNN7EXAMPLF", "AKIAJ2QXZV7TWK4BLQNR", "ASIAY34FZKBOKMUTVV7A")
    (tmp_path / "bundle.js").write_text(
        "var " + ",".join(f'{name}="{key}"' for name, key in zip("abc", keys, strict=True)) + ";\n"
    )
    seen = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "privlint",
                "check",
                "bundle.js",
                "--no-cache",
                "--format",
                "json",
            ],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        findings = json.loads(result.stdout)["findings"]
        seen.add(
            tuple((f["rule_id"], f["region"]["start_column"], f["fingerprint"]) for f in findings)
        )
    assert len(seen) == 1, seen
    (only,) = seen
    assert only and only[0][1] == 8  # the line's first key
