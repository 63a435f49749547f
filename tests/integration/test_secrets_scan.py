"""PL2xx end to end: the done-means folder, masked output in every format, baselines
through the CLI, and bad input that must not crash the scan.

Every fake secret is generated here at test time (joined from pieces), never committed
as a file, so the repository scans itself clean.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from privlint.cli import main

J = "".join
AWS_KEY = J(["AK", "IA", "Z7Q4M2N8", "P5R3T6W1"])
PASSWORD = J(["Hunt", "er2-", "pr0d-9x"])
GH_TOKEN = J(["gh", "p_", "a1B2c3D4e5F6g7H8i9J0", "k1L2m3N4o5P6q7R8"])
DB_PW = J(["Tr1c", "ky-db-", "pw77"])
ENV_PW = J(["Env", "Pw-", "55aa"])
KEY_BODY = "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi7rRTVHkH0aVbX"
PEM = J(
    ["-----BEGIN RSA ", "PRIVATE KEY-----\n", KEY_BODY, "\n-----END RSA ", "PRIVATE KEY-----\n"]
)
JWT = J(
    [
        "ey",
        "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
        ".",
        "eyJzdWIiOiJ1c2VyLTEiLCJpYXQiOjE1MTYyMzkwMjJ9",
    ]
)
JWT += "." + J(["SflKxwRJSMeKKF2QT4fwpM", "eJf36POk6yJV_adQssw5c"])
SECRETS = [AWS_KEY, PASSWORD, GH_TOKEN, DB_PW, ENV_PW, KEY_BODY, JWT]


def run(cwd: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        code = main(list(args))
    finally:
        os.chdir(old)
    out, err = capsys.readouterr()
    return code, out, err


def done_means_folder(root: Path) -> Path:
    (root / "pyproject.toml").write_text("[tool.privlint]\n")
    (root / ".env").write_text("DEBUG=1\n")
    (root / "deploy").mkdir()
    (root / "deploy" / "id_rsa").write_text(PEM)
    (root / "config.yaml").write_text(f"aws:\n  access_key_id: {AWS_KEY}\n")
    (root / "app.py").write_text(f'DB_PASSWORD = "{PASSWORD}"\n')
    return root


def test_done_means_four_findings_with_distinct_rules_and_no_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = done_means_folder(tmp_path)
    code, out, _ = run(root, "check", "--format", "json", capsys=capsys)
    assert code == 1
    found = {(f["path"], f["rule_id"]) for f in json.loads(out)["findings"]}
    assert found == {
        (".env", "PL209"),
        ("deploy/id_rsa", "PL210"),
        ("config.yaml", "PL202"),
        ("app.py", "PL201"),
    }
    code, text, _ = run(root, "check", capsys=capsys)
    for secret in (PASSWORD, AWS_KEY, KEY_BODY):
        assert secret not in text


def secret_fixture(root: Path) -> Path:
    (root / "pyproject.toml").write_text("[tool.privlint]\n")
    files = {
        ".env": f"DB_PASSWORD={ENV_PW}\nGITHUB_TOKEN={GH_TOKEN}\n",
        "config.yaml": f"db:\n  password: {DB_PW}\n  url: postgres://app:{DB_PW}@db.internal/app\n",
        "creds.json": json.dumps({"aws": AWS_KEY, "jwt": JWT}, indent=1) + "\n",
        "server.key": PEM,
        "notes.md": f"token {GH_TOKEN}\n\n{PEM}",
        "settings.py": f'PASSWORD = "{PASSWORD}"\nTOKEN = "{GH_TOKEN}"\nJWT = "{JWT}"\n',
        "run.sh": f"export AWS_ACCESS_KEY_ID={AWS_KEY}\n",
    }
    for name, text in files.items():
        (root / name).write_text(text)
    return root


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab"])
def test_no_output_format_contains_a_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    root = secret_fixture(tmp_path)
    code, out, err = run(root, "check", "--format", fmt, capsys=capsys)
    assert code == 1
    assert out.count("PL2") >= 7
    for secret in SECRETS:
        assert secret not in out and secret not in err, f"{fmt} output leaks a secret"


def test_baseline_file_contains_no_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = secret_fixture(tmp_path)
    code, _, _ = run(root, "baseline", capsys=capsys)
    assert code == 0
    text = (root / ".privlint-baseline.json").read_text()
    assert '"PL20' in text
    for secret in SECRETS:
        assert secret not in text


def test_baseline_adopts_existing_findings_and_reports_only_new_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = done_means_folder(tmp_path)
    assert run(root, "baseline", "--output", "b.json", capsys=capsys)[0] == 0
    code, out, _ = run(root, "check", "--baseline", "b.json", capsys=capsys)
    assert code == 0 and out.startswith("No findings"), out
    (root / "app.py").write_text(f'import os\n\n\nDB_PASSWORD = "{PASSWORD}"\n')  # moved
    code, out, _ = run(root, "check", "--baseline", "b.json", capsys=capsys)
    assert code == 0, out
    (root / "more.yaml").write_text(f"key: {AWS_KEY}\n")
    code, out, _ = run(root, "check", "--baseline", "b.json", capsys=capsys)
    assert code == 1 and "more.yaml" in out and "config.yaml" not in out


def test_baseline_is_count_aware(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path
    (root / "pyproject.toml").write_text("[tool.privlint]\n")
    (root / "a.yaml").write_text(f"one: {AWS_KEY}\n")
    assert run(root, "baseline", capsys=capsys)[0] == 0
    (root / "a.yaml").write_text(f"one: {AWS_KEY}\ntwo: {AWS_KEY}\n")
    code, out, _ = run(root, "check", "--baseline", ".privlint-baseline.json", capsys=capsys)
    assert code == 1
    assert out.count(": PL202 ") == 1


def test_baseline_rewrite_on_an_unchanged_tree_is_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = secret_fixture(tmp_path)
    run(root, "baseline", "--output", "b.json", capsys=capsys)
    first = (root / "b.json").read_bytes()
    run(root, "baseline", "--output", "b.json", capsys=capsys)
    assert (root / "b.json").read_bytes() == first
    assert b"start_line" not in first and b"timestamp" not in first


def test_bad_baseline_file_exits_2_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = done_means_folder(tmp_path)
    (root / "b.json").write_text("{not json")
    code, _, err = run(root, "check", "--baseline", "b.json", capsys=capsys)
    assert code == 2 and "b.json" in err


def test_git_repository_scans_tracked_files_not_ignored_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = done_means_folder(tmp_path)
    (root / ".gitignore").write_text(".env\n")
    env = {**os.environ, "GIT_DIR": "", "GIT_INDEX_FILE": ""}
    env = {k: v for k, v in env.items() if not k.startswith("GIT_")}
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, env=env)
    _, out, _ = run(root, "check", capsys=capsys)
    assert "PL209" not in out  # ignored .env is not about to be committed
    assert "PL210" in out and "PL202" in out


def test_binary_huge_and_badly_encoded_files_do_not_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path
    (root / "pyproject.toml").write_text("[tool.privlint]\nmax-file-size = 2000\n")
    (root / "blob.bin").write_bytes(b"\0\1\2" + AWS_KEY.encode() + bytes(range(256)))
    (root / "big.yaml").write_text("x: 1\n" * 1000)
    (root / "latin.yaml").write_bytes(b"name: caf\xe9\nkey: " + AWS_KEY.encode() + b"\n")
    # prose (docs, translation catalogues) is token-scanned only, up to 16x the limit
    (root / "big.po").write_text('msgid "x"\n' * 600 + f'msgstr "{AWS_KEY}"\n')
    (root / "huge.po").write_text('msgid "x"\n' * 4000)
    _, out, _ = run(root, "check", "--fail-on", "note", capsys=capsys)
    assert "blob.bin" not in out
    assert "big.yaml" in out and "max-file-size" in out
    assert "latin.yaml:2" in out and "PL202" in out
    assert "big.po:601" in out and "max-file-size" not in out.split("big.po")[1].split("\n")[0]
    assert "huge.po" in out


def test_test_paths_downgrade_to_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path
    (root / "pyproject.toml").write_text('[tool.privlint]\ntest-paths = ["fixtures/**"]\n')
    (root / "fixtures").mkdir()
    (root / "fixtures" / "keys.yaml").write_text(f"key: {AWS_KEY}\n")
    code, out, _ = run(root, "check", capsys=capsys)
    assert code == 0 and "note" in out.lower()


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ('secrets = { plugins = ["NoSuchDetector"] }', "plugins"),
        ('secrets = { base64-limit = "high" }', "base64-limit"),
        ("secrets = { colour = 1 }", "secrets] the 1st key (6 characters): unknown key"),
        ("max-file-size = -1", "max-file-size"),
        ("test-paths = 3", "test-paths"),
    ],
)
def test_bad_secrets_configuration_exits_2_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, key: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.privlint]\n{config}\n")
    code, _, err = run(tmp_path, "check", capsys=capsys)
    assert code == 2 and key in err and "pyproject.toml" in err


def test_token_in_python_that_libcst_cannot_parse_is_still_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # CPython accepts a block opening with a backslash-only line; libcst 1.9 does not
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    (tmp_path / "app.py").write_text(f'def token():\n    \\\n    return "{GH_TOKEN}"\n')
    code, out, _ = run(tmp_path, "check", "--format", "json", capsys=capsys)
    found = [(f["rule_id"], f["level"]) for f in json.loads(out)["findings"]]
    assert ("PL203", "error") in found
    assert ("PL000", "error") not in found
    assert code == 1 and GH_TOKEN not in out


def test_token_in_python_with_a_non_utf8_comment_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.privlint]\n")
    source = f'# caf\xe9\nTOKEN = "{GH_TOKEN}"\n'.encode("latin-1")
    (tmp_path / "app.py").write_bytes(source)
    code, out, _ = run(tmp_path, "check", "--format", "json", capsys=capsys)
    found = {(f["rule_id"], f["region"]["start_line"]) for f in json.loads(out)["findings"]}
    assert found and all(line == 2 for _, line in found)
    assert "PL000" not in {rule for rule, _ in found}
    assert code == 1 and GH_TOKEN not in out
