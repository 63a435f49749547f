"""PL304: credentials or personal data are sent over a plaintext connection."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import libcst as cst

from privlint.engine.context import CallSite
from privlint.engine.dataflow import Taint, dotted, iter_nodes
from privlint.engine.walk import AssignSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl1_logs.common import describe
from privlint.rules.pl3_transport.common import (
    PAYLOAD_TRIGGER,
    Target,
    Url,
    argument,
    callee,
    client_of,
    effective,
    is_plaintext,
    plaintext_constant,
    resolve,
    track,
)

if TYPE_CHECKING:
    from privlint.policy.model import Policy


@register
class SensitiveDataOverPlaintext(Rule):
    """Credentials or personal data are sent over a plaintext connection.

    ## Why is this bad?
    A plaintext request is bad; one that carries a password, a token, an e-mail
    address or a message body hands that data to anyone on the path, who can
    replay the credential or keep the data. This is the case PL301 and PL305 warn
    about, with the damage already done, so it is reported on its own and at least
    as high: an error when the data is critical.

    ## Example
        requests.post("http://api.corp.io/login", json={"password": password})

    ## Use instead
        requests.post("https://api.corp.io/login", json={"password": password})

    Follows the data categories of the taxonomy (as PL1xx does) into the arguments
    of a plaintext call (`auth=`, `headers={"Authorization": ...}`, `json=`,
    `data=`, a token in the URL), through auth wrappers such as
    `requests.auth.HTTPBasicAuth`, and into methods of plaintext client objects
    (`smtp.login(user, password)` without `starttls()`, `ftp.login(...)`, a client
    whose `base_url` is plaintext). Loopback, local, documentation and
    `allowed-hosts` hosts are not reported.
    """

    CODE = "PL304"
    NAME = "sensitive-data-over-plaintext"
    LEVEL = Level.ERROR
    TAGS = ("privacy", "security", "transport", "external/cwe/cwe-319")
    SECURITY_SEVERITY = 7.5
    CWE = (319,)
    TRIGGER = PAYLOAD_TRIGGER
    NEEDS_SENSITIVE_WORD = True

    VALID = [
        Valid(
            "import requests\nrequests.post('https://api.corp.io/login', json={'password': pw})\n"
        ),
        Valid(
            "import requests\nrequests.post('http://localhost:8000/login', json={'password': pw})\n"
        ),
        Valid(
            "import requests\nrequests.post('http://api.example.com/login', auth=(user, password))\n"
        ),
        Valid("import requests\nrequests.get('http://api.corp.io/status', timeout=3)\n"),
        Valid("import requests\nrequests.get('http://api.corp.io/items', params={'page': page})\n"),
        Valid(
            "import requests\nrequests.post('http://api.corp.io/x', json={'len': len(password)})\n"
        ),
        Valid("import requests\nrequests.post(url, json={'password': password})\n"),
        Valid(
            "import httpx\nc = httpx.Client(base_url='https://api.corp.io')\n"
            "c.post('/login', json={'password': pw})\n"
        ),
        Valid(
            "import httpx\nc = httpx.Client(base_url='http://api.corp.io')\n"
            "c.post('https://auth.corp.io/login', json={'password': pw})\n"
        ),
        Valid(
            "import smtplib\ndef f(user, password):\n    s = smtplib.SMTP('smtp.mail.io')\n"
            "    s.starttls()\n    s.login(user, password)\n"
        ),
        Valid("import smtplib\ns = smtplib.SMTP_SSL('smtp.mail.io')\ns.login(user, password)\n"),
        Valid("import smtplib\ns = smtplib.SMTP('localhost')\ns.login(user, password)\n"),
        Valid(
            "import ftplib\nftp = ftplib.FTP_TLS('ftp.corp.io')\nftp.login(user, passwd=password)\n"
        ),
        Valid("import ftplib\nftp = ftplib.FTP('ftp.corp.io')\nftp.login()\n"),
        Valid(
            "import requests\nrequests.post('http://api.corp.io/x', json={'count': token_count})\n"
        ),
        Valid('"""POST the password to http://api.corp.io/login."""\n'),
        Valid(
            "import requests\ns = requests.Session()\n"
            "s.post('http://api.corp.io/x', data=body, cert=('c.pem', key_file))\n"
        ),
    ]
    INVALID = [
        Invalid(
            "import requests\nrequests.post('http://api.corp.io/login', json={'password': pw})\n",
            region=(2, 48, 2, 64),
            message="credential.password reaches requests.post over plaintext http://",
        ),
        Invalid(
            "import requests\nrequests.get('http://api.corp.io/me', auth=(user, password))\n",
            region=(2, 45, 2, 59),
        ),
        Invalid(
            "import requests\ndef f(token):\n    h = {'Authorization': f'Bearer {token}'}\n"
            "    return requests.get('http://api.corp.io/me', headers=h)\n"
        ),
        Invalid("import requests\nrequests.get(f'http://api.corp.io/me?api_key={api_key}')\n"),
        Invalid(
            "import requests\nfrom requests.auth import HTTPBasicAuth\n"
            "requests.get('http://api.corp.io', auth=HTTPBasicAuth(user, password))\n"
        ),
        Invalid(
            "import requests\ns = requests.Session()\n"
            "s.post('http://crm.corp.io/contacts', json={'email': user.email})\n",
            message="pii.email reaches requests.Session.post over plaintext http://",
        ),
        Invalid(
            "import httpx\nc = httpx.Client(base_url='http://api.corp.io')\n"
            "c.post('/login', json={'password': pw})\n",
            region=(3, 23, 3, 39),
        ),
        Invalid(
            "import httpx\nasync def f(token):\n"
            "    async with httpx.AsyncClient(base_url='http://api.corp.io') as c:\n"
            "        await c.get(path, headers={'X-Api-Key': token})\n"
        ),
        Invalid(
            "import smtplib\ndef f(user, password):\n    s = smtplib.SMTP('smtp.mail.io')\n"
            "    s.login(user, password)\n",
            region=(4, 19, 4, 27),
            message="credential.password reaches smtplib.SMTP.login over plaintext SMTP",
        ),
        Invalid(
            "import smtplib\ndef f(message_body):\n    with smtplib.SMTP(host) as s:\n"
            "        s.sendmail(a, b, message_body)\n"
        ),
        Invalid(
            "import ftplib\nftp = ftplib.FTP('ftp.corp.io')\nftp.login('u', passwd=password)\n"
        ),
        Invalid("import ftplib\nftp = ftplib.FTP('ftp.corp.io', 'u', password)\n"),
        Invalid(
            "import http.client\nconn = http.client.HTTPConnection('api.corp.io')\n"
            "conn.request('POST', '/login', body=json.dumps({'password': pw}))\n"
        ),
        Invalid(
            "import aiohttp\nasync def f(card_number):\n"
            "    async with aiohttp.ClientSession() as s:\n"
            "        await s.post('http://pay.corp.io/charge', data={'card': card_number})\n"
        ),
        Invalid(
            "import urllib.request\n"
            "urllib.request.urlopen('http://api.corp.io/login', data=password.encode())\n"
        ),
        Invalid(
            "import requests\nAPI = 'http://api.corp.io'\n"
            "def f(phone_number):\n    requests.post(API + '/sms', data={'to': phone_number})\n"
        ),
        Invalid(
            "import telnetlib\ntn = telnetlib.Telnet('switch.corp.io')\ntn.write(password.encode())\n"
        ),
        # a login: the user name and the password on one connection, reported once
        Invalid(
            "import telnetlib\ndef scan(self):\n    tn = telnetlib.Telnet(self.host)\n"
            "    tn.write((self.username + '\\n').encode())\n"
            "    tn.write((self.password + '\\n').encode())\n",
            message="credential.password reaches telnetlib.Telnet.write over plaintext Telnet",
            region=(5, 14, 5, 45),
        ),
        Invalid(
            "import telnetlib\ndef scan(self):\n    tn = telnetlib.Telnet(self.host)\n"
            "    tn.write((self.username + '\\n').encode())\n",
            message="identifier.user reaches telnetlib.Telnet.write over plaintext Telnet",
            level=Level.WARNING,
        ),
    ]

    def on_assign(self, site: AssignSite) -> None:
        track(site)

    def on_call(self, site: CallSite) -> None:
        target = resolve(site)
        url: Url | None
        if target is not None:
            url = effective(site, target, site.node)
            if url is None:
                self._defer(site, target)
                return
            if not is_plaintext(site, target.call, url):
                return
            name = callee(site, target)
            protocol = target.call.protocol or f"{url.scheme}://"
        else:
            # a method of a plaintext protocol client: smtp.login(user, password)
            client = client_of(site, site.receiver) if site.receiver is not None else None
            if (
                client is None
                or client.call.protocol is None
                or not client.plaintext
                or site.method is None
            ):
                return
            name = f"{client.kind}.{site.method}"
            protocol = client.call.protocol
        sent = self._sent(site)
        if sent is not None:
            arg, categories, level = sent
            if target is None and level < Level.ERROR and self._credential_sent_too(site):
                # `telnet.write(username)` before `telnet.write(password)`: one login,
                # reported once, where its credential goes
                return
            message = f"{describe(categories, name)} over plaintext {protocol}"
            site.report(type(self), arg.value, message, categories, level=level)

    def _credential_sent_too(self, site: CallSite) -> bool:
        """Whether the function sends a credential through the same client too."""
        receiver = dotted(site.receiver) if site.receiver is not None else None
        body = site.analysis.scope.function_scope().body
        if receiver is None or body is None:
            return False
        policy = site.policy
        for node in iter_nodes(body):
            if (
                node is not site.node
                and isinstance(node, cst.Call)
                and isinstance(node.func, cst.Attribute)
                and dotted(node.func.value) == receiver
                and any(
                    policy.level_of(self._taint(site, arg.value)) >= Level.ERROR
                    and any(c.startswith("credential.") for c in self._taint(site, arg.value))
                    for arg in node.args
                )
            ):
                return True
        return False

    def _sent(self, site: CallSite) -> tuple[cst.Arg, tuple[str, ...], Level] | None:
        """The first argument that carries sensitive data, its categories and level."""
        ignore = site.policy.transport.payload_ignore_keywords
        for arg in site.node.args:
            if arg.keyword is not None and arg.keyword.value in ignore:
                continue
            categories = site.ordered(self._taint(site, arg.value))
            if categories:
                return arg, categories, max(site.policy.level_of(categories), Level.WARNING)
        return None

    def _defer(self, site: CallSite, target: Target) -> None:
        """``requests.post(SMS_GATEWAY_URL, data=...)``: the URL is a constant of another
        module; the project phase knows whether it is plaintext."""
        if target.call.url is None or target.client is not None:
            return
        url_arg = argument(site.node, target.call.url)
        sent = self._sent(site) if url_arg is not None else None
        if url_arg is None or sent is None:
            return
        arg, categories, level = sent
        data = {
            "text": describe(categories, callee(site, target)),
            "protocol": target.call.protocol,
            "level": int(level),
        }
        site.defer(type(self), arg.value, url_arg.value, "url", data)

    @classmethod
    def deferred(
        cls, kind: str, data: dict[str, Any], value: object, policy: Policy
    ) -> tuple[str, Level | None] | None:
        url = plaintext_constant(policy, value)
        if kind != "url" or url is None:
            return None
        protocol = data["protocol"] or f"{url.scheme}://"
        return f"{data['text']} over plaintext {protocol}", Level(data["level"])

    def _taint(self, site: CallSite, node: cst.BaseExpression) -> Taint:
        taint = site.taint(node)
        if isinstance(node, cst.Call) and site.qualify(node.func) in site.policy.transport.carriers:
            for arg in node.args:
                taint |= site.taint(arg.value)
        return taint
