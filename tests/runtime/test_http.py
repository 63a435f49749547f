"""The HTTP guard, with real clients: calls to a local server on 127.0.0.1 go through;
calls that the policy refuses fail before any DNS look-up or connection (the tripwire
fixture fails the test on any attempt to reach a non-local address)."""

from __future__ import annotations

import asyncio
import io
import json
import ssl
import subprocess
import sys
import urllib.request
from typing import Any

import pytest

import privlint.runtime as runtime
from privlint.runtime import PrivacyPolicyError
from privlint.runtime.http import decide
from tests.runtime.conftest import POLICY, Tripwire

# Documentation addresses (RFC 5737, RFC 2606): never real traffic, and refused anyway.
PLAIN = "http://203.0.113.10/collect?email=john@example.com"
TLS = "https://example.net/api"

requests = pytest.importorskip("requests")
httpx = pytest.importorskip("httpx")
urllib3 = pytest.importorskip("urllib3")
aiohttp = pytest.importorskip("aiohttp")


def _audit(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.fixture
def audit() -> io.StringIO:
    return io.StringIO()


# -- the decision ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "host", "verify_disabled", "local_only", "rule"),
    [
        ("http", "127.0.0.1", False, False, None),
        ("http", "localhost", False, True, None),
        ("http", "[::1]", False, True, None),
        ("http", "printer.local", False, True, None),
        ("http", "db.internal", False, False, None),
        ("https", "127.0.0.1", True, False, None),
        ("http", "api.example.org", False, False, "plaintext-http"),
        ("http", "10.0.0.7", False, False, "plaintext-http"),
        ("https", "api.example.org", False, False, None),
        ("https", "api.example.org", True, False, "tls-verification-disabled"),
        ("https", "api.example.org", False, True, "local-only"),
        ("http", "evil-localhost.com", False, False, "plaintext-http"),
        ("http+unix", "%2Frun%2Fdocker.sock", False, True, None),
    ],
)
def test_decision(
    scheme: str, host: str, verify_disabled: bool, local_only: bool, rule: str | None
) -> None:
    verdict = decide(
        scheme, host, verify_disabled=verify_disabled, local_only=local_only, hosts=POLICY.hosts
    )
    assert (verdict[0] if verdict else None) == rule


def test_project_allowed_hosts_are_local(tmp_path: Any) -> None:
    from pathlib import Path

    from privlint.policy import load_policy

    config = Path(str(tmp_path)) / "pyproject.toml"
    config.write_text('[tool.privlint]\nallowed-hosts = ["*.corp.example"]\n')
    hosts = load_policy(config=config).hosts
    assert decide("http", "git.corp.example", local_only=True, hosts=hosts) is None


# -- local calls go through --------------------------------------------------------------


def test_local_calls_are_allowed_for_every_client(local_server: str, tripwire: Tripwire) -> None:
    runtime.guard_http(local_only=True, audit_log=io.StringIO())
    assert requests.get(local_server + "/").text == "ok"
    assert httpx.get(local_server + "/").text == "ok"
    assert urllib3.PoolManager().request("GET", local_server + "/").data == b"ok"
    with urllib.request.urlopen(local_server + "/") as response:
        assert response.read() == b"ok"

    async def fetch() -> tuple[str, str]:
        async with aiohttp.ClientSession() as session, session.get(local_server + "/") as r:
            first = await r.text()
        async with httpx.AsyncClient() as client:
            second = (await client.get(local_server + "/")).text
        return first, second

    assert asyncio.run(fetch()) == ("ok", "ok")
    assert tripwire.attempts == []
    assert runtime.stats()["http_refused"] == 0


# -- refusals, before any connection ------------------------------------------------------


def _aiohttp_get(url: str, **kwargs: Any) -> None:
    async def go() -> None:
        async with aiohttp.ClientSession() as session, session.get(url, **kwargs) as r:
            await r.read()

    asyncio.run(go())


def _httpx_async_get(url: str, **kwargs: Any) -> None:
    async def go() -> None:
        async with httpx.AsyncClient(**kwargs) as client:
            await client.get(url)

    asyncio.run(go())


PLAINTEXT_CALLS = {
    "requests": lambda url: requests.get(url, timeout=1),
    "httpx": lambda url: httpx.get(url, timeout=1),
    "httpx-async": lambda url: _httpx_async_get(url, timeout=1),
    "urllib3": lambda url: urllib3.PoolManager().request("GET", url, timeout=1, retries=False),
    "urllib.request": lambda url: urllib.request.urlopen(url, timeout=1),
    "aiohttp": lambda url: _aiohttp_get(url),
}


@pytest.mark.parametrize("client", sorted(PLAINTEXT_CALLS))
def test_plaintext_to_a_non_local_host_is_refused_before_connecting(
    client: str, tripwire: Tripwire, audit: io.StringIO
) -> None:
    runtime.guard_http(audit_log=audit)
    with pytest.raises(PrivacyPolicyError) as refused:
        PLAINTEXT_CALLS[client](PLAIN)
    assert refused.value.host == "203.0.113.10"
    assert refused.value.rule == "plaintext-http"
    assert "203.0.113.10" in str(refused.value) and "plaintext-http" in str(refused.value)
    assert tripwire.attempts == []
    (line,) = _audit(audit)
    assert line["action"] == "refused" and line["rule"] == "plaintext-http"
    assert line["host"] == "203.0.113.10"
    assert line["caller"] == __name__
    assert "email" not in audit.getvalue() and "/collect" not in audit.getvalue()
    assert set(line) == {
        "time", "event", "action", "rule", "host", "scheme", "client", "caller", "mode",
        "local_only",
    }  # fmt: skip


# Switching verification off is what these calls are for.
NO_VERIFY_CALLS = {  # privlint: ignore[PL302]
    "requests": lambda: requests.get(TLS, verify=False, timeout=1),
    "httpx": lambda: httpx.Client(verify=False).get(TLS),
    "httpx-async": lambda: _httpx_async_get(TLS, verify=False),
    "urllib3": lambda: urllib3.PoolManager(cert_reqs="CERT_NONE").request("GET", TLS),
    "urllib.request": lambda: urllib.request.urlopen(TLS, context=ssl._create_unverified_context()),
    "aiohttp": lambda: _aiohttp_get(TLS, ssl=False),
}


@pytest.mark.parametrize("client", sorted(NO_VERIFY_CALLS))
def test_disabled_tls_verification_is_refused_before_connecting(
    client: str, tripwire: Tripwire, audit: io.StringIO
) -> None:
    runtime.guard_http(audit_log=audit)
    with pytest.raises(PrivacyPolicyError) as refused:
        NO_VERIFY_CALLS[client]()
    assert refused.value.rule == "tls-verification-disabled"
    assert refused.value.host == "example.net"
    assert tripwire.attempts == []


@pytest.mark.parametrize("client", ["requests", "httpx", "urllib.request", "aiohttp"])
def test_redirect_from_a_local_server_to_a_non_local_host_is_refused(
    client: str, local_server: str, tripwire: Tripwire, audit: io.StringIO
) -> None:
    runtime.guard_http(audit_log=audit)
    url = f"{local_server}/redirect?to=http://203.0.113.10/next"
    with pytest.raises(PrivacyPolicyError):
        if client == "httpx":
            httpx.get(url, follow_redirects=True)
        else:
            PLAINTEXT_CALLS[client](url)
    assert tripwire.attempts == []


def test_local_only_mode_from_the_environment_refuses_https_too(
    monkeypatch: pytest.MonkeyPatch, tripwire: Tripwire, audit: io.StringIO
) -> None:
    monkeypatch.setenv("PRIVLINT_LOCAL_ONLY", "1")
    runtime.install(audit_log=audit)
    with pytest.raises(PrivacyPolicyError) as refused:
        requests.get(TLS, timeout=1)
    assert refused.value.rule == "local-only"
    assert _audit(audit)[0]["local_only"] is True
    assert tripwire.attempts == []


def test_warn_mode_reports_once_and_lets_the_call_go_on(
    local_server: str, tripwire: Tripwire, audit: io.StringIO, caplog: pytest.LogCaptureFixture
) -> None:
    # A local server stands in for the non-local host, so that the call can go on.
    from privlint.policy.hosts import HostPolicy
    from privlint.runtime import http

    runtime.guard_http("warn", audit_log=audit)
    assert http._settings is not None
    http._settings.hosts = HostPolicy()  # nothing is local any more
    assert requests.get(local_server + "/").text == "ok"
    lines = _audit(audit)
    assert len(lines) == 1, "requests and the urllib3 below it report the call once"
    assert lines[0]["action"] == "warned" and lines[0]["client"] == "requests"
    assert [r.getMessage() for r in caplog.records if r.name == "privlint.runtime.http"] == [
        "privlint: requests call allowed in warn mode: plaintext http:// to non-local host "
        "127.0.0.1 (policy rule plaintext-http)"
    ]
    assert runtime.stats()["http_warned"] == 1


def test_audit_log_to_a_file(tmp_path: Any, tripwire: Tripwire) -> None:
    path = tmp_path / "audit.jsonl"
    runtime.guard_http(audit_log=str(path))
    for _ in range(2):
        with pytest.raises(PrivacyPolicyError):
            requests.get(PLAIN, timeout=1)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [line["rule"] for line in lines] == ["plaintext-http", "plaintext-http"]


def test_unguard_restores_the_clients() -> None:
    send = requests.Session.send
    runtime.guard_http(audit_log=io.StringIO())
    assert requests.Session.send is not send
    runtime.uninstall()
    assert requests.Session.send is send


def test_clients_imported_after_guard_http_are_patched_on_import() -> None:
    code = (
        "import sys, privlint.runtime as r\n"
        "r.guard_http(audit_log=open('/dev/null', 'w'))\n"
        "assert 'requests' not in sys.modules and 'httpx' not in sys.modules\n"
        "import requests, httpx\n"
        "assert hasattr(requests.Session.send, '__wrapped__')\n"
        "assert hasattr(httpx.HTTPTransport.handle_request, '__wrapped__')\n"
        "try:\n"
        "    requests.get('http://203.0.113.10/')\n"
        "except r.PrivacyPolicyError as e:\n"
        "    print(e.rule)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "plaintext-http"
