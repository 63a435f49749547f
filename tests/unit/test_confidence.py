"""Confidence: the weight of a finding's evidence caps its level (#15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from privlint.cli import cli
from privlint.findings import Confidence, Level


@pytest.mark.parametrize(
    ("confidence", "level", "capped"),
    [
        (Confidence.HIGH, Level.ERROR, Level.ERROR),
        (Confidence.MEDIUM, Level.ERROR, Level.WARNING),
        (Confidence.MEDIUM, Level.NOTE, Level.NOTE),
        (Confidence.LOW, Level.ERROR, Level.NOTE),
        (Confidence.LOW, Level.WARNING, Level.NOTE),
    ],
)
def test_confidence_caps_the_level(confidence: Confidence, level: Level, capped: Level) -> None:
    assert confidence.cap(level) is capped


def test_rank_grows_with_confidence() -> None:
    assert Confidence.LOW.rank < Confidence.MEDIUM.rank < Confidence.HIGH.rank <= 100


def test_parse() -> None:
    assert Confidence.parse(" Medium ") is Confidence.MEDIUM
    with pytest.raises(ValueError, match="low, medium, high"):
        Confidence.parse("sure")


def _project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    # a letters-only value under a secret key: a field name more likely (low confidence),
    # and a real-looking one (high)
    (tmp_path / "sensors.yaml").write_text("api_key: etoday\npassword: Tr0ub4dor-77x\n")
    return tmp_path


def test_min_confidence_filters_what_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_project(tmp_path))
    runner = CliRunner()
    every = runner.invoke(cli, ["check", "--format", "json", "--jobs", "1", "."])
    found = {(f["region"]["start_line"], f["level"], f["confidence"])
             for f in json.loads(every.output)["findings"]}  # fmt: skip
    assert found == {(1, "note", "low"), (2, "warning", "high")}
    sure = runner.invoke(
        cli, ["check", "--format", "json", "--jobs", "1", "--min-confidence", "high", "."]
    )
    assert [f["region"]["start_line"] for f in json.loads(sure.output)["findings"]] == [2]


def _scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> set[tuple[str, int, str, str]]:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--jobs", "1", "."])
    return {
        (f["path"], f["region"]["start_line"], f["rule_id"], f["confidence"])
        for f in json.loads(result.output)["findings"]
    }


def test_a_secret_in_a_comment_of_another_language_is_low(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blob = "7468697320697320612074c3a97374aabbccddeeff00112233"
    (tmp_path / "buffer.js").write_text(
        f'/**\n * new Buffer("{blob}", "hex");\n */\nconst k = "{blob}";\n'
    )
    assert _scan(tmp_path, monkeypatch) == {
        ("buffer.js", 2, "PL207", "low"),
        ("buffer.js", 4, "PL207", "high"),
    }


def test_a_release_hash_is_not_a_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "git_version").write_text(".release:aa19d2dbb9ed187ec01957a92848d9b005e9ba9d")
    (tmp_path / "keys.sh").write_text("SIGNING=aa19d2dbb9ed187ec01957a92848d9b005e9ba9d\n")
    assert {(path, rule) for path, _, rule, _ in _scan(tmp_path, monkeypatch)} == {
        ("keys.sh", "PL207")
    }


@pytest.mark.parametrize(
    ("value", "fake"),
    [
        ("0123456789abcdefghijklmnopqrstuvwxyz", True),
        ("abcdefgh-9f8a7c", True),
        ("hunter2-prod-9f8a", False),
        ("Tr0ub4dor-77x-1234567", False),
    ],
)
def test_an_alphabet_is_a_placeholder(value: str, fake: bool) -> None:
    from privlint.engine.secrets import is_placeholder

    assert is_placeholder(value) is fake


def test_a_checksum_under_a_file_name_is_not_a_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "manifest.json").write_text(
        '{"checksums": {\n'
        '  "encryption.js": "f6f835a4e715b6eaa647e124e5fdad3534208d0fc60fb599d05647ed13db1526",\n'
        '  "signing": "f6f835a4e715b6eaa647e124e5fdad3534208d0fc60fb599d05647ed13db1599"\n'
        "}}\n"
    )
    assert {line for _, line, _, _ in _scan(tmp_path, monkeypatch)} == {3}


def test_signatures_and_public_keys_are_not_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a Matrix event fixture: its signature is public; the last line is a secret
    (tmp_path / "event.json").write_text(
        '{"signatures": {"localhost": {\n'
        '  "ed25519:a_phSE": "G8cfk/m97sndxMNrEZ2nMMSXkVeJE05G7if4JiVzAwGfD3TwnF/jfSHt2acW"\n'
        "}},\n"
        ' "public_key": "Qm9iJ3MgcHVibGljIGtleSBpcyBub3QgYSBzZWNyZXQgYXQgYWxsIDop",\n'
        ' "blob": "Vz1aQ3xPq9LmN8rT2kW5yU7iO0pA4sD6fG3hJ1kL9zX8cV2bN5mQ7wE4rT6y"\n'
        "}\n"
    )
    assert {line for _, line, _, _ in _scan(tmp_path, monkeypatch)} == {5}


def test_a_value_under_an_example_key_is_low(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "config.yml").write_text(
        "sql_alchemy_conn:\n"
        '  example: "postgresql+asyncpg://postgres:Xk9-airflow@postgres/airflow"\n'
        '  value: "postgresql+asyncpg://postgres:Qz7-airflow@postgres/airflow"\n'
    )
    assert {(line, confidence) for _, line, _, confidence in _scan(tmp_path, monkeypatch)} == {
        (2, "low"),
        (3, "high"),
    }


def test_package_metadata_is_prose(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = "| SMPP | smpp://user:Xk9-pw7q@hostname:2775/FromPhoneNo |\n"
    (tmp_path / "PKG-INFO").write_text(url)
    (tmp_path / "notify.cfg").write_text(f"target = {url}")
    assert {
        (path, rule, confidence) for path, _, rule, confidence in _scan(tmp_path, monkeypatch)
    } == {
        ("PKG-INFO", "PL206", "low"),
        ("notify.cfg", "PL206", "high"),
    }


def test_a_jwt_in_documentation_is_low(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import base64

    def part(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    # built at run time, so that this file holds no token of its own
    token = ".".join(
        (part(b'{"alg":"HS256","typ":"JWT"}'), part(b'{"sub":"1234567890"}'), "x" * 20 + "Q9z")
    )
    (tmp_path / "jwt.md").write_text(f'Log in:\n\n    curl -d \'{{"token":"{token}"}}\'\n')
    (tmp_path / "settings.yaml").write_text(f"session: {token}\n")
    assert {
        (path, rule, confidence) for path, _, rule, confidence in _scan(tmp_path, monkeypatch)
    } == {
        ("jwt.md", "PL205", "low"),
        ("settings.yaml", "PL205", "high"),
    }


def test_a_token_pattern_on_a_python_name_is_not_a_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # detect-secrets' Artifactory pattern matches identifiers such as APCUPSdConfigEntry
    name = "AP" + "CUPSdConfigEntry"
    token = "AP6" + "xQz9Lm2Rt5Vb8Nc3Kd7Hf1Jg4Ps"
    (tmp_path / "a.py").write_text(
        f"from .coordinator import {name}\n\ndef f(entry: {name}) -> None:\n    pass\n\n"
        f'KEY = "{token}"\n'
    )
    assert {(line, rule) for _, line, rule, _ in _scan(tmp_path, monkeypatch)} == {(6, "PL203")}
