"""PL305: a client of a plaintext protocol (FTP, Telnet, SMTP without STARTTLS)."""

from __future__ import annotations

from typing import Any

import libcst as cst

from privlint.engine.context import CallSite
from privlint.engine.dataflow import string_value
from privlint.engine.walk import AssignSite
from privlint.findings import Level
from privlint.policy.model import MailSettings, Policy
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl3_transport.common import (
    PROTOCOL_TRIGGER,
    allowed,
    allowed_by,
    argument,
    destination,
    host_url,
    is_plaintext,
    level_for,
    resolve,
    track,
)


@register
class PlaintextProtocolClient(Rule):
    """A client connects with a plaintext protocol: FTP, Telnet, SMTP/POP3/IMAP without TLS.

    ## Why is this bad?
    FTP and Telnet send the login and every byte after it in clear text; SMTP,
    POP3 and IMAP do too unless the connection is upgraded with STARTTLS. Anyone on
    the path reads the password and the mail.

    ## Example
        with smtplib.SMTP("smtp.mail.io", 587) as smtp:
            smtp.login(user, password)

    ## Use instead
        with smtplib.SMTP("smtp.mail.io", 587) as smtp:
            smtp.starttls(context=ssl.create_default_context())
            smtp.login(user, password)

    Covers `ftplib.FTP` (use `FTP_TLS`), `telnetlib.Telnet`, and `smtplib.SMTP`
    (and `smtplib.LMTP` to a host rather than a socket path),
    `poplib.POP3` and `imaplib.IMAP4` unless the same function calls `starttls()`
    (`stls()` for POP3), as listed in `rules/transport.toml`, and a settings module
    that sends mail to a remote host with TLS switched off (Django's
    `EMAIL_USE_TLS = False` with neither `EMAIL_USE_SSL = True`; `[[settings]]`). Connections to
    loopback, local, documentation and `allowed-hosts` hosts are not reported
    (`smtplib.SMTP("localhost")` hands mail to the local MTA); when the host is not
    known statically the finding is a note.
    """

    CODE = "PL305"
    NAME = "plaintext-protocol-client"
    LEVEL = Level.WARNING
    TAGS = ("privacy", "security", "transport", "external/cwe/cwe-319")
    SECURITY_SEVERITY = 5.9
    CWE = (319,)
    TRIGGER = PROTOCOL_TRIGGER

    VALID = [
        Valid("import ftplib\nftp = ftplib.FTP_TLS('ftp.corp.io')\nftp.prot_p()\n"),
        Valid("import smtplib\nsmtp = smtplib.SMTP_SSL('smtp.mail.io', 465)\n"),
        Valid(
            "import smtplib\ndef send(msg):\n    with smtplib.SMTP('smtp.mail.io', 587) as s:\n"
            "        s.starttls()\n        s.send_message(msg)\n"
        ),
        Valid(
            "import smtplib\ndef send(msg, host):\n    s = smtplib.SMTP(host)\n    s.ehlo()\n"
            "    s.starttls()\n    s.login(user, password)\n"
        ),
        Valid("import smtplib\nsmtplib.SMTP('localhost').send_message(msg)\n"),
        Valid("import smtplib\ns = smtplib.SMTP('127.0.0.1', 25)\n"),
        Valid("import smtplib\ns = smtplib.SMTP(host='mail.internal')\n"),
        Valid("import ftplib\nftp = ftplib.FTP('ftp.example.com')\n"),
        Valid("import telnetlib\ntn = telnetlib.Telnet('localhost', 2323)\n"),
        Valid("import poplib\nbox = poplib.POP3_SSL('pop.mail.io')\n"),
        Valid("import poplib\ndef f():\n    box = poplib.POP3('pop.mail.io')\n    box.stls()\n"),
        Valid("import imaplib\nbox = imaplib.IMAP4_SSL('imap.mail.io')\n"),
        Valid(
            "import imaplib\ndef f():\n    m = imaplib.IMAP4('imap.mail.io')\n    m.starttls()\n"
        ),
        Valid("import smtplib\ndef SMTP(h):\n    pass\nSMTP('smtp.mail.io')\n"),
        Valid('"""Connect with ftplib.FTP("ftp.corp.io") only on the lab network."""\n'),
        Valid("from ftplib import FTP_TLS as FTP\nftp = FTP('ftp.corp.io')\n"),
        Valid("import smtplib\nlmtp = smtplib.LMTP('/var/run/dovecot/lmtp')\n"),
        Valid("import smtplib\nlmtp = smtplib.LMTP('localhost', 24)\n"),
        Valid("EMAIL_HOST = 'smtp.mail.io'\nEMAIL_PORT = 587\nEMAIL_USE_TLS = True\n"),
        Valid("EMAIL_HOST = 'localhost'\nEMAIL_PORT = 25\nEMAIL_USE_TLS = False\n"),
        Valid(
            "EMAIL_HOST = 'smtp.mail.io'\nEMAIL_PORT = 465\nEMAIL_USE_TLS = False\n"
            "EMAIL_USE_SSL = True\n"
        ),
        Valid("import os\nEMAIL_HOST = os.environ['EMAIL_HOST']\nEMAIL_USE_TLS = False\n"),
        Valid("EMAIL_HOST = 'smtp.mail.io'\ndef f():\n    EMAIL_USE_TLS = False\n"),
    ]
    INVALID = [
        Invalid(
            "import ftplib\nftp = ftplib.FTP('ftp.corp.io')\n",
            region=(2, 7, 2, 32),
            message="ftplib.FTP talks plaintext FTP to ftp.corp.io; use ftplib.FTP_TLS",
        ),
        Invalid("from ftplib import FTP\nwith FTP('ftp.corp.io', 'anonymous') as ftp:\n    pass\n"),
        Invalid(
            "import ftplib\nftp = ftplib.FTP()\nftp.connect(host)\n",
            message="ftplib.FTP talks plaintext FTP; use ftplib.FTP_TLS",
        ),
        Invalid("import telnetlib\ntn = telnetlib.Telnet('switch.corp.io', 23)\n"),
        Invalid("from telnetlib import Telnet as T\ntn = T(host)\n"),
        Invalid(
            "import smtplib\ndef send(msg):\n    with smtplib.SMTP('smtp.mail.io', 587) as s:\n"
            "        s.send_message(msg)\n",
            region=(3, 10, 3, 43),
            message=(
                "smtplib.SMTP talks plaintext SMTP to smtp.mail.io;"
                " use smtplib.SMTP_SSL, or starttls()"
            ),
        ),
        Invalid("import smtplib as m\ns = m.SMTP(settings.EMAIL_HOST)\ns.login(u, p)\n"),
        Invalid(
            "import smtplib\ndef a():\n    s = smtplib.SMTP('smtp.mail.io')\n"
            "def b(s):\n    s.starttls()\n"
        ),
        Invalid("from smtplib import SMTP\nSMTP('smtp.mail.io').sendmail(a, b, msg)\n"),
        Invalid("import poplib\nbox = poplib.POP3('pop.mail.io')\nbox.user(u)\n"),
        Invalid("import imaplib\nm = imaplib.IMAP4('imap.mail.io')\nm.login(u, p)\n"),
        Invalid("import imaplib\nm = imaplib.IMAP4(host='imap.mail.io', port=143)\n"),
        Invalid(
            "import ftplib\nclass Sync:\n    def open(self):\n        self.ftp = ftplib.FTP(self.host)\n"
        ),
        Invalid("import ftplib\nHOST = 'ftp.corp.io'\nftp = ftplib.FTP(HOST)\n"),
        Invalid("import smtplib\nHOST = 'smtp.mail.io'\ns = smtplib.SMTP(f'{HOST}')\n"),
        Invalid(
            "import smtplib\nlmtp = smtplib.LMTP('mail.corp.io', 24)\n",
            message="smtplib.LMTP talks plaintext LMTP to mail.corp.io;"
            " use a local socket path, or starttls()",
        ),
        Invalid(
            "EMAIL_HOST = 'smtp.mail.io'\nEMAIL_PORT = 25\nEMAIL_USE_TLS = False\n",
            region=(3, 17, 3, 22),
            message="Django sends mail over plaintext SMTP to smtp.mail.io (EMAIL_USE_TLS = False);"
            " use EMAIL_USE_TLS = True (port 587) or EMAIL_USE_SSL = True (port 465)",
        ),
        Invalid("EMAIL_USE_TLS = False\nEMAIL_USE_SSL = False\nEMAIL_HOST = 'mail.corp.io'\n"),
    ]

    def on_assign(self, site: AssignSite) -> None:
        track(site)
        target = site.target
        if not isinstance(target, cst.Name) or site.analysis.scope.parent is not None:
            return
        for settings in site.policy.transport.settings:
            if target.value == settings.off and _is_bool(site.value, False):
                self._mail_settings(site, settings)

    def _mail_settings(self, site: AssignSite, settings: MailSettings) -> None:
        """``EMAIL_USE_TLS = False`` in a settings module that sends to a remote host."""
        module = site.analysis.scope.body
        constants = _constants(module) if isinstance(module, cst.Module) else {}
        if any(_is_bool(constants.get(name), True) for name in settings.on):
            return
        host = constants.get(settings.host)
        text = string_value(host) if host is not None else None
        if not text or text.startswith("/"):
            return
        url = host_url(settings.protocol.lower(), text)
        if url.host is None or allowed(site, url):
            return
        instead = f"; use {settings.instead}" if settings.instead else ""
        site.report(
            type(self),
            site.value,
            f"{settings.framework} sends mail over plaintext {settings.protocol} to {url.host}"
            f" ({settings.off} = False){instead}",
        )

    def on_call(self, site: CallSite) -> None:
        target = resolve(site)
        if target is None or target.client is not None:
            return
        call = target.call
        if call.protocol is None:
            return
        url = destination(site, site.node, call)
        if url is None or not is_plaintext(site, call, url):
            return
        instead = f"; use {call.instead}" if call.instead else ""
        message = f"{call.name} talks plaintext {call.protocol}{url.where()}{instead}"
        host = argument(site.node, call.host) if call.host is not None else None
        if url.host is None and host is not None:
            # `smtplib.SMTP(SMTP_HOST)`, maybe a setting of another module: its value
            # decides in the project phase; unknown there too, this note
            data = {
                "name": call.name,
                "protocol": call.protocol,
                "scheme": url.scheme,
                "instead": instead,
                "fallback": [message, int(Level.NOTE)],
            }
            if site.defer(type(self), site.node, host.value, "host", data):
                return
        site.report(type(self), site.node, message, level=level_for(url))

    @classmethod
    def deferred(
        cls, kind: str, data: dict[str, Any], value: object, policy: Policy
    ) -> tuple[str, Level | None] | None:
        if kind != "host" or not isinstance(value, str) or "://" in value:
            return None
        url = host_url(data["scheme"], value)
        if url.host is None or allowed_by(policy, url):
            return None
        where = url.where()
        return f"{data['name']} talks plaintext {data['protocol']}{where}{data['instead']}", None


def _is_bool(node: cst.BaseExpression | None, value: bool) -> bool:
    return isinstance(node, cst.Name) and node.value == ("True" if value else "False")


def _constants(module: cst.Module) -> dict[str, cst.BaseExpression]:
    """Module-level ``NAME = value`` assignments, the last one of each name."""
    found: dict[str, cst.BaseExpression] = {}
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Assign):
                for target in small.targets:
                    if isinstance(target.target, cst.Name):
                        found[target.target.value] = small.value
            elif (
                isinstance(small, cst.AnnAssign)
                and small.value is not None
                and isinstance(small.target, cst.Name)
            ):
                found[small.target.value] = small.value
    return found
