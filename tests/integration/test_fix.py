"""`privlint check --fix` applies the fixes rules attach, then reports what remains."""

from __future__ import annotations

from pathlib import Path

import pytest

from privlint.cli import main

LEAKY = 'import requests\n\nrequests.get("http://api.stripe.com/v1", verify=False)\n'


def test_fix_applies_safe_fixes_only_and_says_what_it_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # api.stripe.com is known to serve TLS: https:// is safe; turning the certificate
    # check back on may break a call to a host with a private CA: unsafe
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(LEAKY)
    assert main(["check", "a.py", "--fix"]) == 1
    assert (tmp_path / "a.py").read_text() == (
        'import requests\n\nrequests.get("https://api.stripe.com/v1", verify=False)\n'
    )
    captured = capsys.readouterr()
    assert "PL302 [error]" in captured.out
    assert "applied" in captured.err
    assert "1 unsafe fix not applied (--unsafe-fixes" in captured.err


def test_unsafe_fixes_applies_them_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(LEAKY)
    assert main(["check", "a.py", "--fix", "--unsafe-fixes"]) == 0
    assert (tmp_path / "a.py").read_text() == (
        'import requests\n\nrequests.get("https://api.stripe.com/v1")\n'
    )
    captured = capsys.readouterr()
    assert "No findings in 1 file." in captured.out
    assert "unsafe" not in captured.err


def test_diff_shows_the_fixes_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(LEAKY)
    assert main(["check", "a.py", "--diff"]) == 1
    captured = capsys.readouterr()
    assert (tmp_path / "a.py").read_text() == LEAKY
    assert captured.out == (
        "--- a/a.py\n+++ b/a.py\n@@ -1,3 +1,3 @@\n import requests\n \n"
        '-requests.get("http://api.stripe.com/v1", verify=False)\n'
        '+requests.get("https://api.stripe.com/v1", verify=False)\n'
    )
    assert "privlint: 1 fix in 1 file would be applied" in captured.err
    assert "1 unsafe fix not shown" in captured.err

    assert main(["check", "a.py", "--diff", "--unsafe-fixes"]) == 1
    assert '+requests.get("https://api.stripe.com/v1")\n' in capsys.readouterr().out


def test_diff_with_nothing_to_fix_is_empty_and_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.py").write_text(
        "import logging\n\ndef f(password):\n    logging.info(password)\n"
    )
    assert main(["check", "b.py", "--diff"]) == 0
    assert capsys.readouterr().out == ""


def test_diff_of_a_file_without_a_final_newline_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(LEAKY.rstrip("\n"))
    main(["check", "a.py", "--diff", "--unsafe-fixes"])
    out = capsys.readouterr().out
    assert out.endswith('requests.get("https://api.stripe.com/v1")\n\\ No newline at end of file\n')


def test_fix_and_diff_together_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(LEAKY)
    assert main(["check", "a.py", "--diff", "--fix"]) == 2
    assert (tmp_path / "a.py").read_text() == LEAKY


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


# -- a fix's text never carries a secret (issue #14) ----------------------------------


def _secret(prefix: str = "") -> str:
    """A fake secret built at run time, so this file holds none."""
    return prefix + "".join(chr(ord("a") + (i * 7) % 26) for i in range(12)) + "Q9z4"


def _windows(secret: str, width: int = 8) -> list[str]:
    return [secret[i : i + width] for i in range(len(secret) - width + 1)]


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_url_fix_does_not_print_the_password_or_token_of_the_url(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    password, token = _secret("Pw"), _secret("tk")
    source = (
        "import requests\n\n"
        f'requests.get("http://admin:{password}@shop.acme-payments.io/v1")\n'
        f'requests.get("http://shop.acme-payments.io/v1?access_token={token}")\n'
        f'requests.get(f"http://shop.acme-payments.io/{{1}}?token={token}")\n'
    )
    (tmp_path / "a.py").write_text(source)
    main(["check", "a.py", "--format", fmt])
    out = capsys.readouterr().out
    assert "https" in out  # the fixes are still offered
    for secret in (password, token):
        assert not [run for run in _windows(secret) if run in out]


def test_url_fix_still_rewrites_only_the_scheme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    token = _secret("tk")
    source = (
        "import requests\n\n"
        f'requests.get("http://shop.acme-payments.io/v1?access_token={token}")\n'
        f'requests.get(f"HTTP://shop.acme-payments.io/{{1}}?token={token}")\n'
    )
    (tmp_path / "a.py").write_text(source)
    # a host not known to serve TLS: the rewrite is unsafe, applied only on request
    main(["check", "a.py", "--fix"])
    assert (tmp_path / "a.py").read_text() == source
    main(["check", "a.py", "--fix", "--unsafe-fixes"])
    assert (tmp_path / "a.py").read_text() == (
        "import requests\n\n"
        f'requests.get("https://shop.acme-payments.io/v1?access_token={token}")\n'
        f'requests.get(f"https://shop.acme-payments.io/{{1}}?token={token}")\n'
    )


def test_repr_fix_inserts_around_a_default_instead_of_printing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    default = _secret("De")
    source = (
        "from dataclasses import dataclass, field\n\n@dataclass\nclass Login:\n"
        f'    password: str = "{default}"\n    token: str\n'
    )
    (tmp_path / "m.py").write_text(source)
    main(["check", "m.py", "--format", "json"])
    out = capsys.readouterr().out
    assert "repr=False" in out
    assert not [run for run in _windows(default) if run in out]
    main(["check", "m.py", "--fix"])
    assert (tmp_path / "m.py").read_text() == (
        "from dataclasses import dataclass, field\n\n@dataclass\nclass Login:\n"
        f'    password: str = field(default="{default}", repr=False)\n'
        "    token: str = field(repr=False)\n"
    )
