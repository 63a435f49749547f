"""``check --shard K/N`` and ``merge``: the shards of a scan are disjoint, cover every
file and are balanced by size; merging their SARIF logs gives, byte for byte, the log of
one scan on one machine (calls that cross from one shard's files into another's
included); shards that do not make one scan are refused with a message naming the log.
Also the progress line: drawn only on a terminal, after a second, and erased."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from privlint.cli import main
from privlint.engine.shard import ShardError, parse_spec, select
from privlint.progress import DELAY, ProgressLine, wanted
from tests.engine.test_project import MODULES  # the cross-module fixture

KEY = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"  # split: privlint's own scan sees no token

EXTRA = {
    "app/settings.py": f"STRIPE_KEY = '{KEY}'\n",
    "app/report.py": (
        "import logging\n\ndef show(email, password):\n"
        "    logging.info('user %s', email)\n"
        "    print(password)  # privlint: ignore[PL102]\n"
    ),
    "notes/deploy.md": f"Use the key {KEY} to deploy.\n",
    "notes/empty.txt": "",
    "tests/test_login.py": "def test_login(password):\n    print(password)\n",
}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PRIVLINT_JOBS", raising=False)
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    for name, text in {**MODULES, **EXTRA}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.err


def _shards(capsys: pytest.CaptureFixture[str], root: Path, count: int, *options: str) -> list[str]:
    logs = []
    for index in range(1, count + 1):
        log = root.parent / f"shard{index}of{count}.sarif"
        code, err = _run(
            capsys,
            "check",
            ".",
            "--no-cache",
            "--format",
            "sarif",
            "-o",
            str(log),
            "--shard",
            f"{index}/{count}",
            *options,
        )
        assert code in (0, 1), err
        logs.append(str(log))
    return logs


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_merged_shards_are_the_log_of_one_scan(
    tree: Path, capsys: pytest.CaptureFixture[str], count: int
) -> None:
    whole = tree.parent / "whole.sarif"
    code, _ = _run(capsys, "check", ".", "--no-cache", "--format", "sarif", "-o", str(whole))
    assert code == 1
    merged = tree.parent / "merged.sarif"
    logs = _shards(capsys, tree, count)
    assert _run(capsys, "merge", *logs, "-o", str(merged))[0] == 1
    expected = whole.read_text()
    assert merged.read_text() == expected
    document = json.loads(expected)
    messages = [result["message"]["text"] for result in document["runs"][0]["results"]]
    # the scan has findings of every kind: across modules, in one file, secrets in text
    assert any("through app.util.log.record" in message for message in messages)
    assert any(result["ruleId"] == "PL101" for result in document["runs"][0]["results"])
    assert any(r["ruleId"].startswith("PL2") for r in document["runs"][0]["results"])
    assert KEY not in expected + "".join(Path(log).read_text() for log in logs)


def test_merge_applies_the_shards_options(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = tree.parent / "baseline.json"
    (tree / "app/late.py").write_text(
        "from app.util.log import record\n\ndef late(token):\n    record('t %s', token)\n"
    )
    assert _run(capsys, "baseline", ".", "-o", str(baseline))[0] == 0
    (tree / "app/later.py").write_text(
        "from app.util.log import record\n\ndef later(password):\n    record('p %s', password)\n"
    )
    options = (
        "--baseline",
        str(baseline),
        "--min-confidence",
        "medium",
        "--report-unused-ignores",
    )
    whole = tree.parent / "whole.sarif"
    _run(capsys, "check", ".", "--no-cache", "--format", "sarif", "-o", str(whole), *options)
    merged = tree.parent / "merged.sarif"
    _run(capsys, "merge", *_shards(capsys, tree, 3, *options), "-o", str(merged))
    assert merged.read_text() == whole.read_text()
    text = whole.read_text()
    assert "app/later.py" in text and "app/late.py" not in text


def test_merge_refuses_logs_that_are_not_one_scan(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    logs = _shards(capsys, tree, 3)
    code, err = _run(capsys, "merge", logs[0], logs[2])
    assert code == 2 and "shard 2/3 missing" in err
    code, err = _run(capsys, "merge", logs[0], logs[1], logs[1], logs[2])
    assert code == 2 and "also in" in err
    other = _shards(capsys, tree, 2)
    code, err = _run(capsys, "merge", logs[0], logs[1], logs[2], other[0])
    assert code == 2 and other[0] in err and "not a shard of the same scan" in err
    plain = tree.parent / "plain.sarif"
    _run(capsys, "check", ".", "--no-cache", "--format", "sarif", "-o", str(plain))
    code, err = _run(capsys, "merge", str(plain))
    assert code == 2 and f"{plain}: not the log of a `privlint check --shard` run" in err
    broken = tree.parent / "broken.sarif"
    broken.write_text("{")
    code, err = _run(capsys, "merge", str(broken))
    assert code == 2 and f"{broken}: not a SARIF log" in err
    code, err = _run(capsys, "merge", str(tree.parent / "missing.sarif"))
    assert code == 2 and "missing.sarif" in err
    # the configuration here must be the one the shards ran with
    (tree / "pyproject.toml").write_text('[tool.privlint]\ndisable = ["PL101"]\n')
    code, err = _run(capsys, "merge", *logs)
    assert code == 2 and "not the configuration the shards ran with" in err


@pytest.mark.parametrize("value", ["0/3", "4/3", "3", "a/b", "1/0", ""])
def test_a_bad_shard_is_a_usage_error(
    tree: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    code, err = _run(capsys, "check", ".", "--no-cache", "--shard", value)
    assert code == 2 and "--shard" in err
    with pytest.raises(ShardError):
        parse_spec(value)


def test_shard_and_fix_do_not_mix(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(capsys, "check", ".", "--no-cache", "--shard", "1/2", "--fix")
    assert code == 2 and "--shard and --fix" in err


def test_shards_partition_the_files_and_balance_their_size() -> None:
    rng = random.Random(5)
    sizes = {f"pkg/m{index}.py": rng.choice([0, 10, 100, 5_000, 40_000]) for index in range(400)}
    for count in (1, 2, 3, 4, 9):
        parts = [select(sizes, index, count) for index in range(1, count + 1)]
        assert sum(len(part) for part in parts) == len(sizes)
        assert frozenset().union(*parts) == frozenset(sizes)
        total = sum(size + 1 for size in sizes.values())
        largest = max(sizes.values()) + 1
        for part in parts:
            weight = sum(sizes[path] + 1 for path in part)
            assert abs(weight - total / count) <= largest


def test_a_new_file_moves_few_others() -> None:
    rng = random.Random(11)
    sizes = {f"src/f{index}.py": rng.randint(100, 3_000) for index in range(300)}
    before = {path: index for index in (1, 2, 3, 4) for path in select(sizes, index, 4)}
    grown = {**sizes, "src/new.py": 500}
    after = {path: index for index in (1, 2, 3, 4) for path in select(grown, index, 4)}
    moved = [path for path in sizes if before[path] != after[path]]
    assert len(moved) <= 3  # at most a file at each of the three cuts


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_line_waits_a_second_then_draws_and_erases() -> None:
    stream, clock = io.StringIO(), _Clock()
    line = ProgressLine(stream, clock)
    line(1, 10)
    assert stream.getvalue() == ""  # a short scan never shows it
    clock.now += DELAY
    line(2, 10)
    assert "2/10 files" in stream.getvalue()
    line(3, 10)  # within a tenth of a second: not redrawn
    assert "3/10" not in stream.getvalue()
    line(10, 10)  # the last one always is
    assert stream.getvalue().endswith("10/10 files")
    line.close()
    assert stream.getvalue().endswith("\r")
    assert stream.getvalue().rstrip("\r ").endswith("10/10 files")


def test_no_progress_line_off_a_terminal(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert not wanted(io.StringIO(), quiet=False)
    _, err = _run(capsys, "check", ".", "--no-cache")
    assert "\r" not in err
    _, err = _run(capsys, "check", ".", "--no-cache", "-q", "--format", "json", "-o", "x.json")
    assert err == ""
