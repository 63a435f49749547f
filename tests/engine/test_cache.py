"""The content-addressed cache: a warm run parses nothing and reports the same; a changed
file, policy or privlint is a miss; a corrupt entry is rewritten; the folder is bounded,
out of the scan and of git, and never holds a secret value."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from privlint.api import check_paths
from privlint.cli import cli
from privlint.engine import cache as cache_module
from privlint.engine import scan
from privlint.engine.cache import DEFAULT_DIR_NAME, Cache
from privlint.policy.load import load_policy

# a value built at run time, so that this file holds no secret of its own
SECRET = "ghp_" + "x7Qk2Lm9Tz4Rb8Wn3Vc6Yd1Hf5Jg0Ps2Ku7"
LEAKY = "import logging\ndef f(password):\n    logging.info('pw %s', password)\n"


def _project(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(LEAKY)
    (tmp_path / "settings.py").write_text(f'GITHUB_TOKEN = "{SECRET}"\n')
    (tmp_path / "notes.txt").write_text("nothing to see\n")
    return tmp_path


def _no_scanning(*args: object, **kwargs: object) -> object:
    raise AssertionError("a warm run scanned a file")


def test_a_warm_run_scans_nothing_and_reports_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path)
    policy = load_policy(search_from=root)
    cold = check_paths([root], policy, root=root, jobs=1, cache=True)
    assert (root / DEFAULT_DIR_NAME / ".gitignore").read_text().splitlines()[-1] == "*"
    assert {finding.rule_id for finding in cold.result.findings} >= {"PL101", "PL201"}
    monkeypatch.setattr(scan, "scan_one", _no_scanning)
    warm = check_paths([root], policy, root=root, jobs=1, cache=True)
    assert warm.result == cold.result
    # the fixes and confidences survive the round trip (not compared by ==)
    assert [(f.fix, f.confidence, f.identity) for f in warm.result.findings] == [
        (f.fix, f.confidence, f.identity) for f in cold.result.findings
    ]


def test_a_changed_file_or_policy_is_scanned_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path)
    policy = load_policy(search_from=root)
    check_paths([root], policy, root=root, jobs=1, cache=True)
    scanned: list[str] = []
    original = scan.scan_one

    def counting(item: scan.Item, *args: object) -> object:
        scanned.append(item[1])
        return original(item, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(scan, "scan_one", counting)
    (root / "app.py").write_text(LEAKY + "# edited\n")
    check_paths([root], policy, root=root, jobs=1, cache=True)
    assert scanned == ["app.py"]
    scanned.clear()
    stricter = dataclasses.replace(policy, disabled_rules=frozenset({"PL101"}))
    result = check_paths([root], stricter, root=root, jobs=1, cache=True)
    assert sorted(scanned) == ["app.py", "notes.txt", "settings.py"]
    assert "PL101" not in {finding.rule_id for finding in result.result.findings}


def test_a_corrupt_entry_is_ignored_and_rewritten(tmp_path: Path) -> None:
    root = _project(tmp_path)
    policy = load_policy(search_from=root)
    cold = check_paths([root], policy, root=root, jobs=1, cache=True)
    entries = sorted((root / DEFAULT_DIR_NAME).glob("*/*.json"))
    assert len(entries) == 3
    for number, entry in enumerate(entries):
        entry.write_text(["{not json", "[[1, 2]]", '[["x"]]'][number])
    again = check_paths([root], policy, root=root, jobs=1, cache=True)
    assert again.result == cold.result
    for entry in entries:
        json.loads(entry.read_text())  # rewritten whole


def test_the_cache_never_holds_the_secret_and_is_not_scanned(tmp_path: Path) -> None:
    root = _project(tmp_path)
    policy = load_policy(search_from=root)
    first = check_paths([root], policy, root=root, jobs=1, cache=True)
    folder = root / DEFAULT_DIR_NAME
    stored = "".join(path.read_text() for path in folder.rglob("*") if path.is_file())
    assert SECRET not in stored
    assert SECRET[8:-8] not in stored
    # a second run does not scan the cache's own files, wherever the cache is
    elsewhere = root / "build-cache"
    check_paths([root], policy, root=root, jobs=1, cache=True, cache_dir=elsewhere)
    second = check_paths([root], policy, root=root, jobs=1, cache=True, cache_dir=elsewhere)
    assert second.result.files_scanned == first.result.files_scanned == 3
    assert {f.path for f in second.result.findings} == {f.path for f in first.result.findings}


def test_internal_errors_are_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    policy = load_policy(search_from=root)
    original = scan.scan_one

    def failing(item: scan.Item, *args: object) -> object:
        findings = original(item, *args)  # type: ignore[arg-type]
        from privlint.engine.runner import _internal_error

        return [*findings, _internal_error(item[1], "ZeroDivisionError")]

    monkeypatch.setattr(scan, "scan_one", failing)
    check_paths([root], policy, root=root, jobs=1, cache=True)
    assert not list((root / DEFAULT_DIR_NAME).glob("*/*.json"))


def test_the_folder_is_bounded(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "c", load_policy(search_from=tmp_path), ["PL101"])
    assert cache is not None
    for number in range(40):
        key = f"{number:064x}"
        cache.put(key, [])
        os.utime(cache._entry(key), (number, number))
    size = sum(path.stat().st_size for path in (tmp_path / "c").glob("*/*.json"))
    cache.prune(limit=size // 2)
    left = sorted((tmp_path / "c").glob("*/*.json"))
    assert 0 < len(left) <= 15
    # the newest stay
    assert cache._entry(f"{39:064x}") in left


def test_an_unusable_folder_means_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert Cache.open(blocker / "cache", load_policy(search_from=tmp_path), []) is None


def test_the_key_covers_privlint_itself(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    policy = load_policy(search_from=tmp_path)
    first = Cache.open(tmp_path / "c", policy, ["PL101"])
    cache_module.code_digest.cache_clear()
    monkeypatch.setattr(cache_module, "SCHEMA", "next")
    second = Cache.open(tmp_path / "c", policy, ["PL101"])
    cache_module.code_digest.cache_clear()
    assert first is not None and second is not None
    assert first.key(b"x", "a.py", True) != second.key(b"x", "a.py", True)
    assert first.key(b"x", "a.py", True) != first.key(b"x", "b.py", True)
    assert first.key(b"x", "a.py", True) != first.key(b"y", "a.py", True)


def test_cli_cache_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    runner = CliRunner()
    first = runner.invoke(cli, ["check", "--no-cache", "."])
    assert first.exit_code == 1
    assert not (root / DEFAULT_DIR_NAME).exists()
    moved = tmp_path.parent / f"{tmp_path.name}-cache"
    second = runner.invoke(cli, ["check", "--cache-dir", str(moved), "."])
    assert second.output == first.output
    assert list(moved.glob("*/*.json"))
    monkeypatch.setenv("PRIVLINT_CACHE_DIR", str(tmp_path / "env-cache"))
    third = runner.invoke(cli, ["check", "."])
    assert third.output == first.output
    assert list((tmp_path / "env-cache").glob("*/*.json"))
    assert not (root / DEFAULT_DIR_NAME).exists()
