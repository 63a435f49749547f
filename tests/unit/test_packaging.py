"""The hand-written package list in pyproject.toml covers every package in the tree."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "privlint").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert "privlint.pack" in listed


def test_rule_pack_is_mapped_to_the_rules_folder() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert config["tool"]["setuptools"]["package-dir"]["privlint.pack"] == "rules"
    assert (ROOT / "rules" / "taxonomy.toml").is_file()
    assert (ROOT / "rules" / "sinks.toml").is_file()
