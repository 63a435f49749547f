"""Fixtures for the runtime shim: one pack-only policy, a clean shim per test, a local
HTTP server on 127.0.0.1, and a tripwire that fails a test whose code tries to reach
any other address (so that no traffic can leave the machine)."""

from __future__ import annotations

import http.server
import importlib
import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import privlint.runtime as runtime
from privlint.policy import Policy, load_policy
from privlint.runtime import _state
from privlint.runtime.mask import Masker


def _pack_only_policy() -> Policy:
    with tempfile.TemporaryDirectory() as empty:
        return load_policy(search_from=Path(empty))


POLICY = _pack_only_policy()
MASKER = Masker(POLICY)


def _without_automaton() -> Masker:
    """The masker as it is built where ahocorasick_rs has no wheel."""
    # the module (``privlint.runtime.mask`` is also the name of a function there)
    module = importlib.import_module("privlint.runtime.mask")
    saved = module._AhoCorasick
    module._AhoCorasick = None
    try:
        return Masker(POLICY)
    finally:
        module._AhoCorasick = saved


#: The masker built without ahocorasick_rs (its regular-expression gates).
NO_AUTOMATON = _without_automaton()


@pytest.fixture
def policy() -> Policy:
    return POLICY


@pytest.fixture
def masker() -> Masker:
    return MASKER


@pytest.fixture(autouse=True)
def clean_runtime() -> Iterator[None]:
    """Every test starts with the pack policy and nothing installed, and leaves so."""
    runtime.uninstall()
    _state.set_masker(MASKER)
    _state.reset_stats()
    yield
    runtime.uninstall()
    _state.set_masker(MASKER)


# -- network ---------------------------------------------------------------------------

_LOCAL = ("127.0.0.1", "::1", "localhost", "0.0.0.0")


class Tripwire:
    """Records (and blocks) every attempt to resolve or reach a non-local address."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    def guard(self, what: str, host: Any) -> None:
        name = str(host[0] if isinstance(host, tuple) else host)
        if name not in _LOCAL and not name.startswith("127."):
            self.attempts.append(f"{what} {name}")
            raise AssertionError(f"test tried to reach {name} ({what})")


@pytest.fixture
def tripwire(monkeypatch: pytest.MonkeyPatch) -> Tripwire:
    wire = Tripwire()
    real_getaddrinfo = socket.getaddrinfo
    real_create = socket.create_connection
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        wire.guard("getaddrinfo", host)
        return real_getaddrinfo(host, *args, **kwargs)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        wire.guard("create_connection", address)
        return real_create(address, *args, **kwargs)

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            wire.guard("connect", address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            wire.guard("connect_ex", address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    return wire


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/redirect"):
            target = self.path.split("to=", 1)[1]
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def local_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
