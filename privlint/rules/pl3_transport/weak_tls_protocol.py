"""PL303: a weak SSL/TLS protocol version is pinned."""

from __future__ import annotations

import libcst as cst

from privlint.engine.context import CallSite, Site
from privlint.engine.dataflow import string_value
from privlint.engine.walk import AssignSite
from privlint.findings import Level
from privlint.policy.words import identifier_words
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl3_transport.common import WEAK_PROTOCOL_TRIGGER


@register
class WeakTlsProtocol(Rule):
    """A weak SSL/TLS protocol version is pinned.

    ## Why is this bad?
    SSL 2 and 3 and TLS 1.0 and 1.1 have known attacks (POODLE, BEAST) and are
    deprecated by RFC 8996. Pinning one, or allowing it as the minimum, lets an
    attacker on the path downgrade the connection until it can be read.

    ## Example
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
        ctx.minimum_version = ssl.TLSVersion.TLSv1

    ## Use instead
        ctx = ssl.create_default_context()
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2

    Reports the versions listed in `rules/transport.toml` (`ssl.PROTOCOL_SSLv2`,
    `PROTOCOL_SSLv3`, `PROTOCOL_TLSv1`, `PROTOCOL_TLSv1_1`, the matching
    `ssl.TLSVersion` members and pyOpenSSL `*_METHOD` constants) passed to a call,
    as a value in a dict passed to a call (`sslopt={"ssl_version": ...}`), or
    assigned (`ctx.minimum_version = ...`). Mapping tables that merely mention
    them and comparisons are not reported. In a function or class named for legacy
    peers (`build_legacy_context`, `CompatAdapter`; `legacy-words` in
    `rules/transport.toml`) the pin is deliberate and documented by its name: a note.
    """

    CODE = "PL303"
    NAME = "weak-tls-protocol"
    LEVEL = Level.WARNING
    TAGS = ("privacy", "security", "transport", "external/cwe/cwe-327")
    SECURITY_SEVERITY = 5.9
    CWE = (327,)
    TRIGGER = WEAK_PROTOCOL_TRIGGER
    _last_value: cst.BaseExpression | None = None

    VALID = [
        Valid("import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n"),
        Valid("import ssl\nctx = ssl.create_default_context()\n"),
        Valid("import ssl\nctx.minimum_version = ssl.TLSVersion.TLSv1_2\n"),
        Valid("import ssl\nctx.minimum_version = ssl.TLSVersion.TLSv1_3\n"),
        Valid("import ssl\nctx.maximum_version = ssl.TLSVersion.MAXIMUM_SUPPORTED\n"),
        Valid("import ssl\nif version == ssl.PROTOCOL_TLSv1:\n    raise ValueError('too old')\n"),
        Valid("import ssl\nNAMES = {ssl.PROTOCOL_TLSv1: 'TLSv1', ssl.PROTOCOL_SSLv3: 'SSLv3'}\n"),
        Valid("import ssl\nbad = version in (ssl.PROTOCOL_SSLv3, ssl.PROTOCOL_TLSv1)\n"),
        Valid("import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1_2)\n"),
        Valid('"""Never use ssl.PROTOCOL_TLSv1: it is broken."""\n'),
        Valid("# ctx = ssl.SSLContext(ssl.PROTOCOL_SSLv3)\nx = 1\n"),
        Valid("PROTOCOL_TLSv1 = 'tls1'\nprint(PROTOCOL_TLSv1)\n"),
        Valid("from OpenSSL import SSL\nctx = SSL.Context(SSL.TLS_CLIENT_METHOD)\n"),
        Valid("import ssl\nlabel = getattr(ssl, 'PROTOCOL_TLSv1', None)\n"),
        Valid("import ssl\nctx.options |= ssl.OP_NO_TLSv1 | ssl.OP_NO_TLSv1_1\n"),
        Valid("import ssl\nself.assertEqual(ctx.minimum_version, ssl.TLSVersion.TLSv1_1)\n"),
        Valid("import ssl\nlabel = describe(ssl.PROTOCOL_TLSv1)\n"),
        Valid(
            "import ssl\nfrom OpenSSL import SSL\n"
            "_versions[ssl.PROTOCOL_TLSv1_1] = SSL.TLSv1_1_METHOD\n"
        ),
    ]
    INVALID = [
        # named for old peers that need it: deliberate, a note
        Invalid(
            "import ssl\ndef build_legacy_context():\n"
            "    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n"
            "    ctx.minimum_version = ssl.TLSVersion.TLSv1\n",
            level=Level.NOTE,
            message="ssl.TLSVersion.TLSv1 pins a weak TLS/SSL version, in code named for"
            " legacy peers",
        ),
        Invalid(
            "import ssl\nclass CompatAdapter:\n    def init(self):\n"
            "        return ssl.SSLContext(ssl.PROTOCOL_TLSv1_1)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import ssl\ndef build_context():\n"
            "    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n"
            "    ctx.minimum_version = ssl.TLSVersion.TLSv1\n",
            level=Level.WARNING,
        ),
        Invalid(
            "import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n",
            region=(2, 22, 2, 40),
            message="ssl.PROTOCOL_TLSv1 pins a weak TLS/SSL version",
        ),
        Invalid("import ssl\nctx = ssl.SSLContext(protocol=ssl.PROTOCOL_SSLv3)\n"),
        Invalid("import ssl as s\nctx = s.SSLContext(s.PROTOCOL_TLSv1_1)\n"),
        Invalid("from ssl import PROTOCOL_SSLv2, SSLContext\nctx = SSLContext(PROTOCOL_SSLv2)\n"),
        Invalid("import ssl\nsock = ssl.wrap_socket(raw, ssl_version=ssl.PROTOCOL_TLSv1)\n"),
        Invalid(
            "import ssl\nctx = ssl.create_default_context()\n"
            "ctx.minimum_version = ssl.TLSVersion.TLSv1\n",
            region=(3, 23, 3, 43),
            message="ssl.TLSVersion.TLSv1 pins a weak TLS/SSL version",
        ),
        Invalid("from ssl import TLSVersion\nctx.minimum_version = TLSVersion.TLSv1_1\n"),
        Invalid("import ssl\nctx.maximum_version = ssl.TLSVersion.SSLv3\n"),
        Invalid("from OpenSSL import SSL\nctx = SSL.Context(SSL.TLSv1_METHOD)\n"),
        Invalid("from OpenSSL.SSL import Context, SSLv3_METHOD\nctx = Context(SSLv3_METHOD)\n"),
        Invalid("import ssl\nPROTOCOL = ssl.PROTOCOL_TLSv1\n"),
        Invalid("import ssl\na = b = ssl.PROTOCOL_TLSv1\n"),
        Invalid(
            "import ssl, websocket\n"
            "ws = websocket.create_connection(u, sslopt={'ssl_version': ssl.PROTOCOL_TLSv1})\n",
            region=(2, 60, 2, 78),
        ),
        Invalid("import ssl\ndef f():\n    return ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n"),
        Invalid("import ssl\nclass A:\n    version: int = ssl.PROTOCOL_TLSv1\n"),
        Invalid(
            "import ssl, urllib3\n"
            "pool = urllib3.PoolManager(ssl_version=ssl.PROTOCOL_TLSv1, cert_reqs='CERT_REQUIRED')\n"
        ),
    ]

    def on_call(self, site: CallSite) -> None:
        transport = site.policy.transport
        positional = site.qualified in transport.protocol_calls
        for arg in site.node.args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword in transport.protocol_keywords or (positional and keyword is None):
                self._check(site, arg.value)
            elif isinstance(arg.value, cst.Dict):
                for element in arg.value.elements:
                    if (
                        isinstance(element, cst.DictElement)
                        and string_value(element.key) in transport.protocol_keywords
                    ):
                        self._check(site, element.value)

    def on_assign(self, site: AssignSite) -> None:
        if isinstance(site.target, cst.Subscript):
            return  # an entry of a mapping table: `versions[PROTOCOL_TLSv1] = ...`
        if site.value is not self._last_value:  # `a = b = value` reports once
            self._last_value = site.value
            self._check(site, site.value)

    def _check(self, site: Site, node: cst.BaseExpression) -> None:
        if not isinstance(node, (cst.Name, cst.Attribute)):
            return
        qualified = site.qualify(node)
        transport = site.policy.transport
        if qualified not in transport.weak_protocols:
            return
        words = identifier_words(site.scope_name.replace(".", "_"))
        if transport.legacy_words.isdisjoint(words):
            site.report(type(self), node, f"{qualified} pins a weak TLS/SSL version")
        else:
            # `build_legacy_context()`: pinned on purpose for old peers, and named so
            site.report(
                type(self),
                node,
                f"{qualified} pins a weak TLS/SSL version, in code named for legacy peers",
                level=Level.NOTE,
            )
