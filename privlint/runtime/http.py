"""The HTTP guard: outbound calls checked against the policy before any connection.

:func:`guard_http` patches, where they are installed, ``requests``
(``Session.send``, every redirect hop included), ``urllib3``
(``HTTPConnectionPool.urlopen``), ``httpx`` (the sync and async transports' request
handlers), ``aiohttp`` (``BaseConnector.connect``), ``urllib.request``
(``AbstractHTTPHandler.do_open``) and ``http.client`` (``HTTPConnection.connect``,
which the others may reach too: one call is checked once). Libraries imported later
are patched when they are imported, so guarding costs no import time for clients the
program does not use.

Each call is checked before DNS resolution or connection:

* ``plaintext-http``: ``http://`` to a host that is not local;
* ``tls-verification-disabled``: ``verify=False``, ``ssl=False``, ``CERT_NONE`` or an
  SSL context without hostname checks, to a host that is not local;
* ``local-only`` (``PRIVLINT_LOCAL_ONLY=1`` or ``local_only=True``): any host that is
  not local, the way privacy-first desktop apps stay offline when the user asks.

Local hosts are the policy's (``rules/hosts.toml`` ``[local]``: loopback, ``localhost``,
``*.local``, ``*.internal``…, plus ``[tool.privlint] allowed-hosts``). An address is
read as the C resolver reads it (``127.1``, ``2130706433``, ``0x7f000001`` and
``::ffff:127.0.0.1`` are all loopback; see :func:`canonical_address`). Documentation
hosts (``example.com``, ``203.0.113.0/24``…) are not local: a call to them is treated
like a call to any other host.

In ``enforce`` mode a refused call raises :class:`PrivacyPolicyError`; in ``warn``
mode it goes ahead with a warning on the ``privlint.runtime.http`` logger. Either way
one JSON line goes to the audit log.
"""

from __future__ import annotations

import contextvars
import importlib.abc
import importlib.machinery
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, TextIO
from urllib.parse import urlsplit

from privlint.runtime import _state
from privlint.runtime.audit import AuditLog
from privlint.runtime.errors import PrivacyPolicyError

if TYPE_CHECKING:
    from privlint.policy import Policy
    from privlint.policy.hosts import HostPolicy

__all__ = [
    "DEFAULT_LOCAL_HOSTS",
    "LOCAL_ONLY_ENV",
    "PrivacyPolicyError",
    "decide",
    "guard_http",
    "is_guarded",
    "unguard_http",
]

Mode = Literal["enforce", "warn"]

#: Environment variable that turns local-only mode on (``1``, ``true``, ``yes``, ``on``).
LOCAL_ONLY_ENV = "PRIVLINT_LOCAL_ONLY"
#: Environment variable that sets the mode when ``guard_http`` is not given one.
MODE_ENV = "PRIVLINT_HTTP_MODE"

#: Used only when the policy has no local hosts (a Policy built by hand): the rule
#: pack's ``rules/hosts.toml`` ``[local]`` table is the source of truth.
DEFAULT_LOCAL_HOSTS: dict[str, tuple[str, ...]] = {
    "hosts": ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"),
    "networks": ("127.0.0.0/8", "::1/128"),
    "suffixes": (".localhost", ".local", ".internal"),
}

RULE_PLAINTEXT = "plaintext-http"
RULE_TLS = "tls-verification-disabled"
RULE_LOCAL_ONLY = "local-only"

_log_name = "privlint.runtime.http"
_SKIPPED_CALLERS = (
    "privlint.runtime",
    "requests",
    "urllib3",
    "httpx",
    "httpcore",
    "aiohttp",
    "urllib",
    "http",
    "asyncio",
    "anyio",
    "sniffio",
    "concurrent",
    "threading",
    "contextlib",
    "functools",
    "ssl",
    "socket",
    "yarl",
)


class _Settings:
    __slots__ = ("audit", "hosts", "local_only", "mode")

    def __init__(self, mode: Mode, local_only: bool, hosts: HostPolicy, audit: AuditLog) -> None:
        self.mode = mode
        self.local_only = local_only
        self.hosts = hosts
        self.audit = audit


_settings: _Settings | None = None
_lock = threading.RLock()
_seen: contextvars.ContextVar[set[tuple[str, str, str]] | None] = contextvars.ContextVar(
    "privlint_http_seen", default=None
)


# -- the decision ----------------------------------------------------------------------


def decide(
    scheme: str,
    host: str | None,
    *,
    verify_disabled: bool = False,
    local_only: bool = False,
    hosts: HostPolicy,
) -> tuple[str, str] | None:
    """``(rule, reason)`` when the policy refuses a call, ``None`` when it allows it."""
    scheme = (scheme or "").lower()
    if scheme.endswith("+unix") or scheme in ("unix", "file"):
        return None
    name = (host or "").strip("[]").rstrip(".").lower()
    if not name or hosts.is_local(name):
        return None
    address = canonical_address(name)
    if address is not None and address != name and hosts.is_local(address):
        return None
    if local_only:
        return RULE_LOCAL_ONLY, f"local-only mode: {name} is not a local host"
    if scheme in ("http", "ws"):
        return RULE_PLAINTEXT, f"plaintext {scheme}:// to non-local host {name}"
    if verify_disabled:
        return RULE_TLS, f"TLS certificate verification disabled for non-local host {name}"
    return None


def canonical_address(name: str) -> str | None:
    """The IP address a host name spells, in its usual form, or None if it is a name.

    The C resolver (``inet_aton``) reads IPv4 addresses of one to four parts, each
    decimal, octal (``0177``) or hexadecimal (``0x7f``), the last filling the bytes
    left: ``127.1``, ``2130706433`` and ``0x7f000001`` are all ``127.0.0.1``. An IPv6
    address that maps an IPv4 one (``::ffff:127.0.0.1``) is that IPv4 address; a zone
    (``fe80::1%eth0``) is dropped."""
    import ipaddress

    text = name.strip("[]").rstrip(".").lower()
    if ":" in text:
        try:
            address = ipaddress.IPv6Address(text.split("%", 1)[0])
        except ValueError:
            return None
        mapped = address.ipv4_mapped
        return str(mapped) if mapped is not None else str(address)
    parts = text.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers: list[int] = []
    for part in parts:
        try:
            if part.startswith("0x"):
                numbers.append(int(part[2:], 16))
            elif len(part) > 1 and part.startswith("0"):
                numbers.append(int(part, 8))
            else:
                numbers.append(int(part, 10) if part.isascii() and part.isdigit() else -1)
        except ValueError:
            return None
        if numbers[-1] < 0:
            return None
    *head, last = numbers
    if any(number > 255 for number in head) or last >= 1 << (8 * (4 - len(head))):
        return None
    value = last
    for index, number in enumerate(head):
        value |= number << (8 * (3 - index))
    return str(ipaddress.IPv4Address(value))


def check(client: str, scheme: str, host: str | None, *, verify_disabled: bool = False) -> None:
    """Apply the current settings to one outbound call (no-op when unguarded)."""
    settings = _settings
    if settings is None:
        return
    verdict = decide(
        scheme,
        host,
        verify_disabled=verify_disabled,
        local_only=settings.local_only,
        hosts=settings.hosts,
    )
    if verdict is None:
        return
    rule, reason = verdict
    name = (host or "").strip("[]").rstrip(".").lower()
    seen = _seen.get()
    key = (rule, name, scheme)
    if seen is not None:
        if key in seen:
            return  # the same call, seen again one layer down (requests -> urllib3)
        seen.add(key)
    enforce = settings.mode == "enforce"
    settings.audit.write(
        {
            "time": _now(),
            "event": "privlint.http",
            "action": "refused" if enforce else "warned",
            "rule": rule,
            "host": name,
            "scheme": scheme,
            "client": client,
            "caller": _caller(),
            "mode": settings.mode,
            "local_only": settings.local_only,
        }
    )
    if enforce:
        _state.count("http_refused")
        raise PrivacyPolicyError(
            f"privlint refused a {client} call: {reason} (policy rule {rule})",
            host=name,
            rule=rule,
            client=client,
        )
    _state.count("http_warned")
    import logging

    logging.getLogger(_log_name).warning(
        "privlint: %s call allowed in warn mode: %s (policy rule %s)", client, reason, rule
    )


def check_url(client: str, url: object, *, verify_disabled: bool = False) -> None:
    parts = urlsplit(str(url))
    check(client, parts.scheme, parts.hostname, verify_disabled=verify_disabled)


@contextmanager
def _scope() -> Iterator[None]:
    token = _seen.set(set()) if _seen.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _seen.reset(token)


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _caller() -> str:
    frame = sys._getframe(2)
    while frame is not None:
        module = str(frame.f_globals.get("__name__", ""))
        if not any(module == p or module.startswith(p + ".") for p in _SKIPPED_CALLERS):
            return module or "<unknown>"
        frame = frame.f_back  # type: ignore[assignment]
    return "<unknown>"


# -- TLS settings ----------------------------------------------------------------------


def _context_unverified(context: Any) -> bool:
    import ssl

    if not isinstance(context, ssl.SSLContext):
        return False
    return context.verify_mode == ssl.CERT_NONE or not context.check_hostname


def _cert_reqs_none(value: Any) -> bool:
    import ssl

    return value in (ssl.CERT_NONE, "CERT_NONE", "NONE")


# -- patches -----------------------------------------------------------------------------

_patched: list[tuple[type, str, Any]] = []


def _replace(owner: type, name: str, make: Callable[[Any], Any]) -> None:
    if any(o is owner and n == name for o, n, _ in _patched):
        return
    original = getattr(owner, name)
    wrapper = make(original)
    wrapper.__wrapped__ = original
    _patched.append((owner, name, owner.__dict__.get(name)))
    setattr(owner, name, wrapper)


def _patch_requests(module: ModuleType) -> None:
    def make(original: Any) -> Any:
        def send(self: Any, request: Any, **kwargs: Any) -> Any:
            with _scope():
                verify = kwargs.get("verify", getattr(self, "verify", True))
                check_url("requests", request.url, verify_disabled=verify is False)
                return original(self, request, **kwargs)

        return send

    _replace(module.Session, "send", make)


def _patch_urllib3(module: ModuleType) -> None:
    def make(original: Any) -> Any:
        def urlopen(self: Any, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
            with _scope():
                scheme = str(getattr(self, "scheme", "http"))
                disabled = scheme == "https" and _cert_reqs_none(getattr(self, "cert_reqs", None))
                if "://" in str(url):  # absolute form: a proxied request names its target
                    check_url("urllib3", url, verify_disabled=disabled)
                else:
                    check("urllib3", scheme, getattr(self, "host", None), verify_disabled=disabled)
                return original(self, method, url, *args, **kwargs)

        return urlopen

    _replace(module.HTTPConnectionPool, "urlopen", make)


def _httpx_verdict(transport: Any, request: Any) -> None:
    url = request.url
    context = getattr(getattr(transport, "_pool", None), "_ssl_context", None)
    disabled = url.scheme == "https" and _context_unverified(context)
    check("httpx", url.scheme, url.host, verify_disabled=disabled)


def _patch_httpx(module: ModuleType) -> None:
    def make_sync(original: Any) -> Any:
        def handle_request(self: Any, request: Any) -> Any:
            with _scope():
                _httpx_verdict(self, request)
                return original(self, request)

        return handle_request

    def make_async(original: Any) -> Any:
        async def handle_async_request(self: Any, request: Any) -> Any:
            with _scope():
                _httpx_verdict(self, request)
                return await original(self, request)

        return handle_async_request

    _replace(module.HTTPTransport, "handle_request", make_sync)
    _replace(module.AsyncHTTPTransport, "handle_async_request", make_async)


def _aiohttp_ssl_off(value: Any) -> bool:
    return value is False or _context_unverified(value)


def _patch_aiohttp(module: ModuleType) -> None:
    def make(original: Any) -> Any:
        async def connect(self: Any, req: Any, *args: Any, **kwargs: Any) -> Any:
            with _scope():
                url = req.url
                disabled = False
                if url.scheme in ("https", "wss"):
                    ssl_setting = getattr(req, "ssl", True)
                    if ssl_setting is True:
                        ssl_setting = getattr(self, "_ssl", True)
                    disabled = _aiohttp_ssl_off(ssl_setting)
                check("aiohttp", url.scheme, url.host, verify_disabled=disabled)
                return await original(self, req, *args, **kwargs)

        return connect

    _replace(module.BaseConnector, "connect", make)


def _patch_urllib(module: ModuleType) -> None:
    def make(original: Any) -> Any:
        def do_open(self: Any, http_class: Any, req: Any, **http_conn_args: Any) -> Any:
            with _scope():
                parts = urlsplit(req.full_url)
                disabled = False
                if parts.scheme == "https":
                    context = http_conn_args.get("context")
                    if context is None:
                        import ssl

                        default = getattr(ssl, "_create_default_https_context", None)
                        disabled = default is getattr(ssl, "_create_unverified_context", 0)
                    else:
                        disabled = _context_unverified(context)
                    disabled = disabled or http_conn_args.get("check_hostname") is False
                check("urllib.request", parts.scheme, parts.hostname, verify_disabled=disabled)
                return original(self, http_class, req, **http_conn_args)

        return do_open

    _replace(module.AbstractHTTPHandler, "do_open", make)


def _patch_http_client(module: ModuleType) -> None:
    """``http.client.HTTPConnection.connect`` (``HTTPSConnection`` calls it too): the
    host it connects to, or the one it tunnels to through a proxy."""
    https = module.HTTPSConnection

    def make(original: Any) -> Any:
        def connect(self: Any) -> Any:
            with _scope():
                host = getattr(self, "_tunnel_host", None) or self.host
                secure = isinstance(self, https)
                disabled = secure and _context_unverified(getattr(self, "_context", None))
                check(
                    "http.client",
                    "https" if secure else "http",
                    host,
                    verify_disabled=disabled,
                )
                return original(self)

        return connect

    _replace(module.HTTPConnection, "connect", make)


#: Module -> how to patch it. The module is where the patched class is defined.
_TARGETS: dict[str, Callable[[ModuleType], None]] = {
    "requests.sessions": _patch_requests,
    "urllib3.connectionpool": _patch_urllib3,
    "httpx._transports.default": _patch_httpx,
    "aiohttp.connector": _patch_aiohttp,
    "urllib.request": _patch_urllib,
    "http.client": _patch_http_client,
}


def _apply(name: str, module: ModuleType) -> None:
    try:
        _TARGETS[name](module)
    except Exception:  # a version whose classes look different: leave it alone
        import logging

        logging.getLogger(_log_name).warning("privlint: cannot guard %s", name, exc_info=True)


class _PatchingLoader(importlib.abc.Loader):
    """Runs the real loader, then patches the module it loaded."""

    def __init__(self, inner: Any, name: str) -> None:
        self._inner = inner
        self._name = name

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        result: ModuleType | None = self._inner.create_module(spec)
        return result

    def exec_module(self, module: ModuleType) -> None:
        self._inner.exec_module(module)
        with _lock:
            if _settings is not None:
                _apply(self._name, module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Patches an HTTP client when the program imports it, after ``guard_http()``."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in _TARGETS:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _PatchingLoader(spec.loader, fullname)
                return spec
        return None


_finder = _PatchOnImport()


def guard_http(
    mode: Mode | None = None,
    *,
    local_only: bool | None = None,
    policy: Policy | None = None,
    audit_log: str | os.PathLike[str] | TextIO | None = None,
) -> None:
    """Check every outbound HTTP call against the policy (see the module doc).

    ``mode``: ``enforce`` (default, or ``$PRIVLINT_HTTP_MODE``) or ``warn``;
    ``local_only``: default ``$PRIVLINT_LOCAL_ONLY``; ``policy``: default the
    process-wide one; ``audit_log``: a path, a text stream, default
    ``$PRIVLINT_AUDIT_LOG`` or standard error. Calling it again changes the settings.
    """
    global _settings
    chosen = mode or os.environ.get(MODE_ENV, "enforce")
    if chosen not in ("enforce", "warn"):
        raise ValueError(f"guard_http: mode must be 'enforce' or 'warn', not {chosen!r}")
    if local_only is None:
        local_only = os.environ.get(LOCAL_ONLY_ENV, "").strip().lower() in (
            "1",
            "true",
            "yes",
            "on",
        )
    hosts = (policy or _state.masker().policy).hosts
    if not hosts.local_hosts and not hosts.local_networks:
        hosts = _default_hosts(hosts.allowed)
    with _lock:
        _settings = _Settings(
            "warn" if chosen == "warn" else "enforce", local_only, hosts, AuditLog(audit_log)
        )
        if _finder not in sys.meta_path:
            sys.meta_path.insert(0, _finder)
        for name in _TARGETS:
            module = sys.modules.get(name)
            if module is not None:
                _apply(name, module)


def unguard_http() -> None:
    """Undo :func:`guard_http` (for tests)."""
    global _settings
    with _lock:
        _settings = None
        if _finder in sys.meta_path:
            sys.meta_path.remove(_finder)
        while _patched:
            owner, name, original = _patched.pop()
            if original is None:
                if name in owner.__dict__:
                    delattr(owner, name)
            else:
                setattr(owner, name, original)


def is_guarded() -> bool:
    return _settings is not None


def _default_hosts(allowed: tuple[str, ...]) -> HostPolicy:
    from privlint.policy.hosts import HostPolicy

    return HostPolicy.from_lists(
        local_hosts=DEFAULT_LOCAL_HOSTS["hosts"],
        local_networks=DEFAULT_LOCAL_HOSTS["networks"],
        local_suffixes=DEFAULT_LOCAL_HOSTS["suffixes"],
        bind_addresses=(),
        documentation_hosts=(),
        documentation_suffixes=(),
        documentation_networks=(),
        allowed=allowed,
    )
