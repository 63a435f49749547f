"""PL301: a plaintext URL reaches a network call."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from privlint.engine.context import CallSite
from privlint.engine.walk import AssignSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register

if TYPE_CHECKING:
    from privlint.policy.model import Policy
from privlint.rules.pl3_transport.common import (
    MARK,
    PLAINTEXT_TRIGGER,
    allowed,
    argument,
    callee,
    host_url,
    level_for,
    parse_url,
    plaintext_constant,
    resolve,
    scheme_fix,
    template,
    track,
)


@register
class PlaintextUrlToNetworkCall(Rule):
    """A plaintext `http://`, `ws://` or `ftp://` URL reaches a network call.

    ## Why is this bad?
    Whatever travels over plaintext HTTP, WebSocket or FTP (credentials, cookies,
    personal data, the response itself) can be read and changed by anyone on the
    path: a café Wi-Fi, a compromised router, a cloud neighbour. Encrypt it.

    ## Example
        requests.get("http://api.payments.io/v1/charges")

    ## Use instead
        requests.get("https://api.payments.io/v1/charges")

    Covers the clients listed in the rule pack (`rules/transport.toml`): requests
    (functions and `Session` methods), httpx (functions, `Client`/`AsyncClient`
    and their `base_url`), `urllib.request`, urllib3 (`PoolManager`,
    `HTTPConnectionPool`), `http.client.HTTPConnection`, aiohttp `ClientSession`
    (and `base_url`), websockets, websocket-client and `xmlrpc.client.ServerProxy`,
    after import resolution. URLs are followed through literals, f-strings,
    `+` joins, `%`/`.format` templates and constants. Loopback, `*.local`,
    `*.internal`, documentation hosts (`example.com`, `.test`, RFC 5737 networks)
    and the project's `allowed-hosts` are not reported; neither are URLs that never
    reach a network call (docstrings, comments, XML namespaces). Nor are host
    names without a dot (`http://testserver`, `http://api:8000` in a compose
    network), which the public internet cannot resolve (`single-label-local` in
    the pack). When the host is not known statically (`f"http://{host}/x"`) the
    finding is a note: the scheme is plaintext, the destination may be loopback.

    ## Fix safety
    The fix switches `http://` to `https://` (`ws://` to `wss://`) in a string
    literal or f-string passed as the URL. It is offered only when the URL names no
    port, since a server on an explicit port may not serve TLS there; the server
    must serve the same content over HTTPS.
    """

    CODE = "PL301"
    NAME = "plaintext-url-to-network-call"
    LEVEL = Level.WARNING
    TAGS = ("privacy", "security", "transport", "external/cwe/cwe-319")
    SECURITY_SEVERITY = 5.9
    CWE = (319,)
    TRIGGER = PLAINTEXT_TRIGGER

    VALID = [
        # link-local: the instance-metadata endpoint never leaves the host's link
        Valid("import requests\nrequests.get('http://169.254.169.254/latest/meta-data/')\n"),
        Valid("import requests\nrequests.get('https://api.payments.io/v1')\n"),
        Valid("import requests\nrequests.get('http://localhost:8000/health')\n"),
        Valid("import requests\nrequests.get('http://127.0.0.1/x')\n"),
        Valid("import requests\nrequests.post('http://[::1]:5000/x')\n"),
        Valid("import httpx\nhttpx.get('http://printer.local/status')\n"),
        Valid("import httpx\nhttpx.get('http://metadata.internal/v1')\n"),
        Valid("import requests\nrequests.get('http://example.com/docs')\n"),
        Valid("import requests\nrequests.get('http://api.example.org/x')\n"),
        Valid("import requests\nrequests.get('http://svc.test/x')\n"),
        Valid("import requests\nrequests.get('http://192.0.2.10/x')\n"),
        Valid(
            'def f():\n    """Fetch http://api.payments.io/v1 (see the docs)."""\n    return 1\n'
        ),
        Valid("# requests.get('http://api.payments.io')\nx = 1\n"),
        Valid(
            "import xml.etree.ElementTree as ET\n"
            "ET.register_namespace('svg', 'http://www.w3.org/2000/svg')\n"
        ),
        Valid("SCHEMA = {'$schema': 'http://json-schema.org/draft-07/schema#'}\n"),
        Valid("import logging\nlogging.info('see http://status.payments.io')\n"),
        Valid("def f(url):\n    return url.startswith('http://')\n"),
        Valid("import requests\ns = requests.Session()\ns.mount('http://', adapter)\n"),
        Valid("import requests\nrequests.get(url, proxies={'http': 'http://proxy.corp:3128'})\n"),
        Valid("import httpx\nc = httpx.Client(base_url='http://localhost:8080')\nc.get('/x')\n"),
        Valid(
            "import requests\nHOST = 'localhost'\nBASE = f'http://{HOST}:8000'\n"
            "def f():\n    requests.get(BASE + '/x')\n"
        ),
        Valid("import requests\ndef f(url):\n    requests.get(url)\n"),
        Valid("import http.client\nc = http.client.HTTPSConnection('api.payments.io')\n"),
        Valid("import http.client\nc = http.client.HTTPConnection('localhost', 8080)\n"),
        Valid("import requests\nrequests.get('http' + ('s' if tls else '') + '://api.io')\n"),
        Valid("import websockets\nwebsockets.connect('wss://stream.payments.io')\n"),
        Valid("def get(u):\n    pass\nget('http://api.payments.io')\n"),
        Valid(
            "import requests\nBASE = 'http://api.payments.io'\n"
            "def f(BASE):\n    requests.get(BASE)\n"
        ),
        Valid("import urllib.request\nurllib.request.urlopen(f'http://{name}.example.com/x')\n"),
        Valid(
            "import httpx\nwith httpx.Client(base_url='http://testserver') as c:\n    c.get('/')\n"
        ),
        Valid("import requests\nrequests.get('http://api:8000/v1/users')\n"),
        Valid("import requests\nrequests.get('http://[2001:db8::1]:8080/x')\n"),
        Valid("def f(cache):\n    return cache.get('http://api.payments.io/x')\n"),
        Valid("def f(session):\n    session = make()\n    session.get('http://api.payments.io')\n"),
        Valid(
            "import urllib.request\nop = urllib.request.FancyURLopener()\n"
            "op.retrieve('https://downloads.vendor.io/f.bin', 'f.bin')\n"
        ),
        Valid("import socketio\nsio = socketio.Client()\nsio.connect('http://localhost:5000')\n"),
        Valid(
            "import websocket\nws = websocket.WebSocket()\nws.connect('wss://feed.vendor.io/x')\n"
        ),
    ]
    INVALID = [
        Invalid(
            "import requests\nrequests.get('http://api.payments.io/v1')\n",
            region=(2, 14, 2, 41),
            message="plaintext http:// URL to api.payments.io reaches requests.get",
        ),
        Invalid(
            "import requests as r\nr.post(url='http://api.payments.io/charge', json=body)\n",
            region=(2, 12, 2, 43),
        ),
        Invalid("from requests import get\nget('http://api.payments.io')\n"),
        Invalid(
            "import requests\ns = requests.Session()\ns.get('http://api.payments.io/me')\n",
            region=(3, 7, 3, 34),
            message="plaintext http:// URL to api.payments.io reaches requests.Session.get",
        ),
        Invalid(
            "import requests\nclass A:\n    def __init__(self):\n        self.http = requests.Session()\n"
            "    def f(self):\n        return self.http.request('GET', 'http://api.payments.io')\n",
            region=(6, 41, 6, 65),
        ),
        Invalid(
            "import httpx\nclient = httpx.Client(base_url='http://api.payments.io')\n",
            region=(2, 32, 2, 56),
            message="plaintext http:// URL to api.payments.io reaches httpx.Client",
        ),
        Invalid(
            "import httpx\nasync def f():\n    async with httpx.AsyncClient() as c:\n"
            "        await c.get('http://api.payments.io')\n",
            region=(4, 21, 4, 45),
        ),
        Invalid(
            "import requests\nAPI = 'http://api.payments.io'\n"
            "def f(path):\n    return requests.get(API + path)\n",
            region=(4, 25, 4, 35),
            message="plaintext http:// URL to api.payments.io reaches requests.get",
        ),
        Invalid(
            "import requests\ndef f(host):\n    requests.get(f'http://{host}/x')\n",
            message="plaintext http:// URL reaches requests.get",
        ),
        Invalid("import requests\nrequests.get('http://%s/x' % host)\n"),
        Invalid(  # a trailing dot says nothing of the host: a note, but a finding
            "import urllib3\npool = urllib3.HTTPConnectionPool(host + '.', 80)\n",
            message="plaintext http:// connection by urllib3.HTTPConnectionPool",
        ),
        Invalid("import requests\nrequests.get('http://{}/x'.format(host))\n"),
        Invalid("from urllib.request import urlopen\nurlopen('http://feeds.news.io/rss')\n"),
        Invalid("import urllib.request\nreq = urllib.request.Request('ftp://files.corp.io/a')\n"),
        Invalid(
            "import urllib3\npool = urllib3.PoolManager()\npool.request('GET', 'http://api.io/x')\n",
            region=(3, 21, 3, 38),
        ),
        Invalid(
            "import urllib3\npool = urllib3.HTTPConnectionPool('api.payments.io', port=80)\n",
            region=(2, 35, 2, 52),
            message="plaintext http:// connection to api.payments.io by urllib3.HTTPConnectionPool",
        ),
        Invalid(
            "from http.client import HTTPConnection\nconn = HTTPConnection('api.payments.io')\n",
            region=(2, 23, 2, 40),
        ),
        Invalid(
            "import aiohttp\nasync def f():\n    async with aiohttp.ClientSession() as s:\n"
            "        async with s.get('http://api.payments.io') as r:\n            return r\n",
            region=(4, 26, 4, 50),
        ),
        Invalid("import aiohttp\ns = aiohttp.ClientSession('http://api.payments.io')\n"),
        Invalid(
            "import websockets\nasync def f():\n    await websockets.connect('ws://feed.io')\n"
        ),
        Invalid("import xmlrpc.client\nproxy = xmlrpc.client.ServerProxy('http://rpc.corp.io/')\n"),
        Invalid("import httpx\nhttpx.post('HTTP://API.PAYMENTS.IO/x')\n"),
        Invalid(
            "import requests\nBASE = 'http://api.payments.io'\nrequests.get(f'{BASE}/users')\n"
        ),
        Invalid(
            "import requests\ndef f():\n    url = 'http://api.payments.io'\n    requests.get(url)\n"
        ),
        Invalid(
            "async def fetch(session):\n    async with session.get('http://httpbin.org/get') as r:\n"
            "        return await r.text()\n",
            message="plaintext http:// URL to httpbin.org reaches session.get",
        ),
        Invalid(
            "import urllib.request\nop = urllib.request.URLopener()\n"
            "op.open('http://api.partner.io/data')\n",
            message="plaintext http:// URL to api.partner.io reaches urllib.request.URLopener.open",
        ),
        Invalid(
            "import socketio\nsio = socketio.AsyncClient()\n"
            "async def f():\n    await sio.connect('http://chat.vendor.io:8080')\n",
            message="plaintext http:// URL to chat.vendor.io reaches socketio.Client.connect",
        ),
        Invalid(
            "from websocket import WebSocket\nws = WebSocket()\nws.connect('ws://feed.vendor.io/x')\n"
        ),
    ]

    @classmethod
    def deferred(
        cls, kind: str, data: dict[str, Any], value: object, policy: Policy
    ) -> tuple[str, Level | None] | None:
        url = plaintext_constant(policy, value)
        if kind != "url" or url is None:
            return None
        return f"plaintext {url.scheme}:// URL{url.where()} reaches {data['name']}", None

    def on_assign(self, site: AssignSite) -> None:
        track(site)

    def on_call(self, site: CallSite) -> None:
        target = resolve(site)
        if target is None:
            return
        call = target.call
        name = callee(site, target)
        if call.url is not None:
            arg = argument(site.node, call.url)
            if arg is None:
                return
            url = parse_url(template(site, arg.value))
            if url is None:
                # `requests.post(SMS_GATEWAY_URL)`, a constant of another module
                site.defer(type(self), arg.value, arg.value, "url", {"name": name})
                return
            if url.scheme not in site.policy.transport.plaintext_schemes or allowed(site, url):
                return
            site.report(
                type(self),
                arg.value,
                f"plaintext {url.scheme}:// URL{url.where()} reaches {name}",
                level=level_for(url),
                fix=scheme_fix(site, arg.value, url),
            )
        elif call.host is not None and call.scheme is not None:
            arg = argument(site.node, call.host)
            url = host_url(call.scheme, template(site, arg.value) if arg else MARK)
            if allowed(site, url):
                return
            site.report(
                type(self),
                arg.value if arg is not None else site.node,
                f"plaintext {url.scheme}:// connection{url.where()} by {name}",
                level=level_for(url),
            )
