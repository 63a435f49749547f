"""What the PL3xx rules share: destinations of client calls, client objects, fixes.

The clients, their URL and host arguments and the TLS switches are data
(``rules/transport.toml``, read into ``policy.transport``); this module applies
them to the code. One :class:`Tracker` per file follows client objects
(``s = requests.Session()``, ``with httpx.Client(...) as c``, ``self.http = ...``)
and string constants through the ``on_assign`` hook, so that ``s.get(URL)`` is
known to be a requests call to whatever ``URL`` holds.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import libcst as cst

from privlint.engine.context import CallSite, NodeEdit, NodeFix, Site
from privlint.engine.dataflow import Scope, iter_nodes, string_value
from privlint.engine.walk import AssignSite
from privlint.findings import Level
from privlint.policy.model import ArgumentRef, ClientCall, Policy

#: Stands for text that is not known statically inside a URL template.
MARK = "\0"

# -- triggers ------------------------------------------------------------------------


@dataclass(frozen=True)
class Needs:
    """A rule trigger: the text holds one word of every group of some alternative.

    Substring tests, which CPython runs far faster than a regular expression with
    alternatives. A plaintext URL alone is not enough for PL301: it must sit in a
    file that names a client, or every file with a URL in a docstring is parsed.
    """

    alternatives: tuple[tuple[tuple[str, ...], ...], ...]

    def search(self, text: str, /) -> bool:
        return any(
            all(any(word in text for word in group) for group in groups)
            for groups in self.alternatives
        )


# The words cover every client and name of the default transport.toml;
# tests/rules/test_transport.py keeps them in step. A mixed-case scheme such
# as "Http://" is not seen.
URL_WORDS = (
    "http://", "HTTP://", "ws://", "WS://", "ftp://", "FTP://", "telnet://", "gopher://",
    "HTTPConnection",
)  # fmt: skip
CLIENT_WORDS = (
    "requests", "httpx", "urllib", "aiohttp", "websocket", "socketio", "xmlrpc",
    "http.client", "httplib", "HTTPConnection", "sess", "_http", "http_client", "async_client",
)  # fmt: skip
PROTOCOL_WORDS = ("ftplib", "telnetlib", "smtplib", "poplib", "imaplib")
PLAINTEXT_TRIGGER = Needs(((URL_WORDS, CLIENT_WORDS),))
#: the `off` constants of transport.toml [[settings]] (`EMAIL_USE_TLS = False`)
SETTINGS_WORDS = ("EMAIL_USE_TLS",)
PROTOCOL_TRIGGER = PROTOCOL_WORDS + SETTINGS_WORDS
PAYLOAD_TRIGGER = Needs(((URL_WORDS, CLIENT_WORDS), (PROTOCOL_WORDS,)))
TLS_TRIGGER = (
    "verify=False", "verify = False", "verify_ssl", "CERT_NONE", "cert_reqs",
    "_create_unverified_context", "_create_stdlib_context", "check_hostname", "ssl=False",
    "ssl = False", "assert_hostname", "disable_warnings", "InsecureRequestWarning",
)  # fmt: skip
WEAK_PROTOCOL_TRIGGER = ("SSLv2", "SSLv3", "TLSv1", "TLSVersion")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[a-zA-Z%]")
_BRACES = re.compile(r"\{[^{}]*\}")


# -- URLs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Url:
    """The statically known parts of a URL with an explicit scheme."""

    scheme: str
    #: the host, or a stand-in good enough to classify it (``x.example.com`` for
    #: ``f"http://{name}.example.com"``); None when nothing is known
    host: str | None
    #: whether ``host`` is the whole host name, to be named in messages
    exact: bool
    has_port: bool

    def where(self) -> str:
        """`` to host`` for messages, or nothing when the host is not known."""
        return f" to {self.host}" if self.exact and self.host else ""


def parse_url(text: str) -> Url | None:
    """Split a URL template (``MARK`` for unknown parts); None without a literal scheme."""
    match = _SCHEME.match(text)
    if match is None:
        return None
    rest = text[match.end() :]
    end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    authority = rest[:end].rpartition("@")[2]
    if authority.startswith("["):
        close = authority.find("]")
        host = authority[1:close] if close > 0 else MARK
        has_port = close > 0 and authority[close + 1 :].startswith(":")
    else:
        host, colon, _ = authority.partition(":")
        has_port = bool(colon)
    return _url(match.group(1).lower(), host, has_port)


def _url(scheme: str, host: str, has_port: bool) -> Url:
    if MARK not in host:
        return Url(scheme, host or None, bool(host), has_port)
    if host.startswith(MARK):
        tail = host.rpartition(MARK)[2]
        # `{name}.example.com` is classified by its known suffix
        suffix = tail.startswith(".") and bool(tail.strip("."))
        return Url(scheme, f"x{tail}" if suffix else None, False, has_port)
    # `"http://api.io" + path`: the known start is the host
    known = host.partition(MARK)[0]
    return Url(scheme, known.rstrip("."), "." in known and not known.endswith("."), has_port)


def host_url(scheme: str, text: str) -> Url:
    """A bare ``host`` or ``host:port`` argument, as the URL its client connects to."""
    parsed = parse_url(f"{scheme}://{text}")
    assert parsed is not None
    return parsed


# -- arguments ----------------------------------------------------------------------


def argument(call: cst.Call, ref: ArgumentRef) -> cst.Arg | None:
    """The argument ``ref`` points at, if the call passes it."""
    position = 0
    positions_known = True
    for arg in call.args:
        if arg.keyword is not None:
            if arg.keyword.value in ref.keywords:
                return arg
            continue
        if arg.star:
            positions_known = False
            continue
        if positions_known and ref.position is not None and position == ref.position:
            return arg
        position += 1
    return None


def is_false(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "False"


def all_nodes(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Every node under ``node``, nested functions and classes included."""
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.children)


# -- client objects and string constants ---------------------------------------------


@dataclass(frozen=True)
class Client:
    """A client object: what made it, where it sends, and whether that is in clear."""

    kind: str
    call: ClientCall
    #: the URL (or host) it was built with, the base of relative URLs
    base: Url | None
    #: whether what it sends travels in clear to a host that is not allowed
    plaintext: bool


@dataclass(frozen=True)
class Target:
    """A call of a client: its entry in transport.toml and, for methods, the object."""

    call: ClientCall
    client: Client | None = None


def callee(site: CallSite, target: Target) -> str:
    """How messages name a client call: ``requests.Session.get``, or as written."""
    client = target.client
    if client is not None and client.kind == site.policy.transport.client_names_kind:
        return site.source(site.node.func)  # known by its name only: `self.http.get`
    return target.call.name


@dataclass
class Tracker:
    """Per-file facts the PL3xx rules build from assignments, in source order."""

    #: (scope name, variable) -> client object, or None once rebound to something else
    names: dict[tuple[str, str], Client | None] = field(default_factory=dict)
    #: attribute name -> client object (``self.session``), file-wide
    attributes: dict[str, Client] = field(default_factory=dict)
    #: (scope name, variable) -> the string expression last assigned
    strings: dict[tuple[str, str], cst.BaseExpression] = field(default_factory=dict)
    seen_assign: tuple[cst.CSTNode, cst.CSTNode] | None = None
    last_site: CallSite | None = None
    last_target: Target | None = None
    disables_checks: bool | None = None


def tracker(site: Site) -> Tracker:
    state = site.analysis.rule_state
    found = state.get("transport")
    if not isinstance(found, Tracker):
        found = state["transport"] = Tracker()
    return found


T = TypeVar("T")


def _visible(scope: Scope | None, name: str, table: Mapping[tuple[str, str], T]) -> T | None:
    """A per-scope fact about a variable, looked up the way Python resolves it."""
    while scope is not None:
        key = (scope.name, name)
        if key in table:
            return table[key]
        if name in scope.params:
            return None
        scope = scope.parent
    return None


def _assigned(scope: Scope | None, name: str, table: Mapping[tuple[str, str], object]) -> bool:
    """Whether the variable visible here was assigned (not a parameter or unknown)."""
    while scope is not None:
        if (scope.name, name) in table:
            return True
        if name in scope.params:
            return False
        scope = scope.parent
    return False


def track(site: AssignSite) -> None:
    """Record what an assignment binds: a client object, a string, or neither."""
    facts = tracker(site)
    if facts.seen_assign == (site.target, site.value):
        return  # several PL3xx rules forward the same assignment
    facts.seen_assign = (site.target, site.value)
    target, value = site.target, site.value
    client = client_of(site, value)
    if isinstance(target, cst.Name):
        key = (site.analysis.scope.name, target.value)
        facts.names[key] = client
        if _is_string_expression(value):
            facts.strings[key] = value
        else:
            facts.strings.pop(key, None)
    elif isinstance(target, cst.Attribute) and client is not None:
        facts.attributes[target.attr.value] = client


def _is_string_expression(node: cst.BaseExpression) -> bool:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return True
    if isinstance(node, cst.BinaryOperation):
        return isinstance(node.operator, (cst.Add, cst.Modulo))
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "format"
    )


def client_of(site: Site, node: cst.BaseExpression) -> Client | None:
    """The client object an expression evaluates to, when it is one."""
    if isinstance(node, cst.Await):
        node = node.expression
    if isinstance(node, cst.Call):
        call = site.policy.transport.functions.get(site.qualify(node.func) or "")
        if call is not None and call.returns is not None:
            return make_client(site, node, call)
        return None
    if isinstance(node, cst.Name):
        names = tracker(site).names
        if _assigned(site.analysis.scope, node.value, names):
            return _visible(site.analysis.scope, node.value, names)
        return _by_name(site, node.value)
    if isinstance(node, cst.Attribute):
        found = tracker(site).attributes.get(node.attr.value)
        return found if found is not None else _by_name(site, node.attr.value)
    return None


def _by_name(site: Site, name: str) -> Client | None:
    """A parameter or attribute named like a client (``session``), when nothing else is known."""
    transport = site.policy.transport
    if name not in transport.client_names:
        return None
    kind = transport.client_names_kind
    return Client(kind, ClientCall(kind), None, False)


def make_client(site: Site, node: cst.Call, call: ClientCall) -> Client:
    assert call.returns is not None
    base = destination(site, node, call)
    return Client(call.returns, call, base, base is not None and is_plaintext(site, call, base))


def resolve(site: CallSite) -> Target | None:
    """The transport.toml entry of the called function or client method, if any."""
    facts = tracker(site)
    if facts.last_site is site:
        return facts.last_target
    transport = site.policy.transport
    target = None
    call = transport.functions.get(site.qualified or "")
    if call is not None:
        target = Target(call)
    elif site.method is not None and site.receiver is not None:
        client = client_of(site, site.receiver)
        if client is not None:
            method = transport.methods.get((client.kind, site.method))
            if method is not None:
                target = Target(method, client)
    facts.last_site, facts.last_target = site, target
    return target


# -- destinations ---------------------------------------------------------------------


def destination(site: Site, node: cst.Call, call: ClientCall) -> Url | None:
    """Where a client call sends: its URL (or host), as far as it is known."""
    if call.url is not None:
        arg = argument(node, call.url)
        return parse_url(template(site, arg.value)) if arg is not None else None
    if call.host is not None:
        scheme = call.scheme or (call.protocol or "").lower()
        arg = argument(node, call.host)
        text = template(site, arg.value) if arg is not None else MARK
        if text.startswith("/"):
            return None  # `LMTP("/var/run/dovecot/lmtp")`: a Unix socket, not a host
        return host_url(scheme, text)
    return None


def effective(site: Site, target: Target, node: cst.Call) -> Url | None:
    """Where a call sends, a relative URL resolved against its client's base."""
    url = destination(site, node, target.call)
    if url is None and target.client is not None and target.call.url is not None:
        return target.client.base
    return url


def allowed(site: Site, url: Url) -> bool:
    """Loopback, local, documentation or project-allowed hosts may be reached in clear."""
    return allowed_by(site.policy, url)


def allowed_by(policy: Policy, url: Url) -> bool:
    """:func:`allowed`, for a policy alone (the project phase has no site)."""
    host = url.host
    if host is None:
        return False
    hosts = policy.hosts
    if hosts.is_local(host) or hosts.is_documentation(host):
        return True
    return policy.transport.single_label_local and _single_label(host)


def plaintext_constant(policy: Policy, value: object) -> Url | None:
    """A constant of another module that is a plaintext URL to a host not allowed."""
    url = parse_url(value) if isinstance(value, str) else None
    if url is None or url.scheme not in policy.transport.plaintext_schemes:
        return None
    return None if allowed_by(policy, url) else url


def level_for(url: Url) -> Level | None:
    """A note when nothing is known of the host (it may be loopback); else the rule's."""
    return Level.NOTE if url.host is None else None


def _single_label(host: str) -> bool:
    if "." in host or not host:
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return True
    return False


def is_plaintext(site: Site, call: ClientCall, url: Url) -> bool:
    """Whether a call with destination ``url`` sends in clear to a host not allowed."""
    if url.scheme not in site.policy.transport.plaintext_schemes and call.protocol is None:
        return False
    if allowed(site, url):
        return False
    return not (call.upgrade and upgraded(site, call.upgrade))


def upgraded(site: Site, methods: tuple[str, ...]) -> bool:
    """Whether the current function calls one of ``methods`` (``starttls``) on anything."""
    body = site.analysis.scope.function_scope().body
    if body is None:
        return False
    return any(
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in methods
        for node in iter_nodes(body)
    )


def template(site: Site, node: cst.BaseExpression, depth: int = 0) -> str:
    """The text of a string expression, with ``MARK`` for every part not known here.

    Follows literals, f-strings (placeholders too, when they name known strings),
    ``+`` joins, ``%`` and ``.format`` templates, ``str()`` and names bound to
    strings in this function or at module level.
    """
    if depth > 8:
        return MARK
    value = string_value(node)
    if value is not None:
        return value
    if isinstance(node, cst.FormattedString):
        parts = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                parts.append(part.value)
            elif (
                isinstance(part, cst.FormattedStringExpression)
                and part.conversion is None
                and part.format_spec is None
            ):
                parts.append(template(site, part.expression, depth + 1))
            else:
                parts.append(MARK)
        return "".join(parts)
    if isinstance(node, cst.BinaryOperation):
        if isinstance(node.operator, cst.Add):
            return template(site, node.left, depth + 1) + template(site, node.right, depth + 1)
        if isinstance(node.operator, cst.Modulo):
            return _PERCENT.sub(_percent, template(site, node.left, depth + 1))
        return MARK
    if isinstance(node, cst.Call):
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "format":
            return _BRACES.sub(MARK, template(site, func.value, depth + 1))
        if site.qualify(func) == "str" and len(node.args) == 1 and not node.args[0].keyword:
            return template(site, node.args[0].value, depth + 1)
        return MARK
    if isinstance(node, cst.Name):
        known = site.analysis.string_prefix(node)
        if known is None:
            return MARK
        text, complete = known
        if complete:
            return text
        bound = _visible(site.analysis.scope, node.value, tracker(site).strings)
        if bound is not None:
            return template(site, bound, depth + 1)
        return text + MARK
    return MARK


def _percent(match: re.Match[str]) -> str:
    return "%" if match.group(0) == "%%" else MARK


# -- fixes ------------------------------------------------------------------------------


def scheme_fix(site: Site, node: cst.BaseExpression, url: Url) -> NodeFix | None:
    """``http://`` -> ``https://`` in a literal that is the URL itself.

    Only for a string literal or f-string passed as the URL, with no explicit port
    (a server on ``:8080`` may not speak TLS there). Safe only for a host the pack
    knows to serve TLS (``[schemes] tls-hosts``); for any other it is an unsafe fix:
    the server may not answer on ``https://`` at all.
    """
    secure = site.policy.transport.upgrades.get(url.scheme)
    if secure is None or url.has_port:
        return None
    safe = url.exact and serves_tls(site.policy.transport.tls_hosts, url.host)
    leaf: cst.BaseExpression = node
    while isinstance(leaf, cst.ConcatenatedString):
        leaf = leaf.left
    scheme = f"{url.scheme}://"
    title = f"use {secure}://"
    # Only the scheme is rewritten: the rest of the literal may hold a password or a
    # token, and a fix's text is printed in JSON and SARIF.
    if isinstance(leaf, cst.SimpleString):
        raw = leaf.value
        start = len(leaf.prefix) + len(leaf.quote)
        if raw[start : start + len(scheme)].lower() != scheme:
            return None
        edit = NodeEdit(leaf, secure, (start, start + len(url.scheme)))
        return NodeFix(title, (edit,), safe)
    if isinstance(leaf, cst.FormattedString) and leaf.parts:
        first = leaf.parts[0]
        if isinstance(first, cst.FormattedStringText) and first.value.lower().startswith(scheme):
            return NodeFix(title, (NodeEdit(first, secure, (0, len(url.scheme))),), safe)
    return None


def serves_tls(hosts: tuple[str, ...], host: str | None) -> bool:
    """Whether ``host`` is one of ``hosts`` (``*.name`` matches any subdomain of name)."""
    if not host:
        return False
    host = host.lower().rstrip(".")
    return any(
        host.endswith(known[1:]) if known.startswith("*.") else host == known for known in hosts
    )


def drop_argument_fix(call: cst.Call, arg: cst.Arg, title: str, safe: bool = True) -> NodeFix:
    """Remove an argument with its separating comma and whitespace."""
    args = list(call.args)
    index = next(i for i, a in enumerate(args) if a is arg)
    nodes: list[cst.CSTNode] = [arg]
    if index + 1 < len(args) or index == 0:
        # drop the argument's own comma and what follows it: `f(verify=False, t=1)`
        if isinstance(arg.comma, cst.Comma):
            nodes += [arg.comma, arg.comma.whitespace_before, arg.comma.whitespace_after]
        if len(args) == 1:
            nodes.append(call.whitespace_before_args)
    else:
        # the last argument: drop the comma before it, `f(a, verify=False)`
        comma = args[index - 1].comma
        if isinstance(comma, cst.Comma):
            nodes += [comma, comma.whitespace_after]
    edits = tuple(NodeEdit(node, "") for node in nodes if node is arg or _has_text(node))
    return NodeFix(title, edits, safe)


def _has_text(node: cst.CSTNode) -> bool:
    # empty whitespace nodes may be shared between places: never edit them
    if isinstance(node, cst.SimpleWhitespace):
        return bool(node.value)
    return True
