"""Host classification shared by the transport rules and the runtime guard."""

from __future__ import annotations

import pytest

from privlint.policy import load_policy

HOSTS = load_policy(config=None).hosts


@pytest.mark.parametrize(
    "host",
    ["localhost", "LOCALHOST", "127.0.0.1", "127.8.9.10", "[::1]", "::1", "0.0.0.0",
     "printer.local", "db.internal", "app.localhost"],
)  # fmt: skip
def test_local_hosts(host: str) -> None:
    assert HOSTS.is_local(host)


@pytest.mark.parametrize(
    "host", ["api.stripe.com", "10.0.0.1", "192.168.1.1", "example.com", "evil-localhost.com"]
)
def test_other_hosts_are_not_local(host: str) -> None:
    assert not HOSTS.is_local(host)


@pytest.mark.parametrize(
    "host", ["example.com", "api.example.org", "www.example.net", "foo.test", "x.invalid",
             "192.0.2.4", "198.51.100.7", "203.0.113.10", "2001:db8::1"],
)  # fmt: skip
def test_documentation_hosts(host: str) -> None:
    assert HOSTS.is_documentation(host)


def test_real_hosts_are_not_documentation() -> None:
    assert not HOSTS.is_documentation("example.co")
    assert not HOSTS.is_documentation("myexample.com")


def test_project_allowed_hosts_are_local(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    config = Path(str(tmp_path)) / "pyproject.toml"
    config.write_text('[tool.privlint]\nallowed-hosts = ["*.corp.example", "build-box"]\n')
    hosts = load_policy(config=config).hosts
    assert hosts.is_local("git.corp.example")
    assert hosts.is_local("build-box")
    assert not hosts.is_local("corp.example.evil")
