"""PL302: TLS certificate or host-name verification is switched off."""

from __future__ import annotations

import functools
import re
from typing import Any

import libcst as cst

from privlint.engine.context import CallSite, NodeFix, Site
from privlint.engine.dataflow import Scope, dotted, iter_nodes, string_value
from privlint.engine.walk import AssignSite
from privlint.findings import Level
from privlint.policy.model import ArgumentRef, Policy
from privlint.policy.words import identifier_words
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl3_transport.common import (
    TLS_TRIGGER,
    all_nodes,
    argument,
    callee,
    client_of,
    drop_argument_fix,
    is_false,
    resolve,
    track,
    tracker,
)

OFF = "switches TLS verification off"


_NON_VERIFYING = (
    "import requests\ndef non_verifying_session(url):\n"
    "    session = requests.Session()\n    session.verify = False\n    return session\n"
)


@register
class TlsVerificationDisabled(Rule):
    """TLS certificate or host-name verification is switched off.

    ## Why is this bad?
    TLS without verification encrypts the connection to whoever answers: an
    attacker on the path presents any certificate, reads everything, and changes
    what comes back. `verify=False` added to get past a certificate error in
    development tends to ship.

    ## Example
        requests.get(url, verify=False)
        ctx = ssl._create_unverified_context()

    ## Use instead
        requests.get(url, verify="/etc/ssl/corp-ca.pem")
        ctx = ssl.create_default_context(cafile="/etc/ssl/corp-ca.pem")

    Reports `verify=False` (and aiohttp's `ssl=False`/`verify_ssl=False`,
    urllib3's `assert_hostname=False`) on the clients of `rules/transport.toml`
    and on HTTP-verb methods of any object; `ssl._create_unverified_context`
    (called, or installed as the default); `ssl.CERT_NONE` (or `"CERT_NONE"` as
    `cert_reqs`) passed or assigned; `check_hostname = False`; `verify = False` on
    a session; and `urllib3.disable_warnings()` or a warnings filter for
    `InsecureRequestWarning` in a file that also switches verification off.
    `check_hostname = False` in a function that also sets `verify_mode =
    ssl.CERT_REQUIRED` and loads a CA on the same context is a note: a device's own
    CA is pinned and its certificate still verified.

    ## Fix safety
    The fix drops a `verify=False`-style argument: every client listed verifies by
    default. Requests to a server whose certificate does not verify will then fail
    until it is given a CA bundle (`verify="ca.pem"`), which is the point.
    """

    CODE = "PL302"
    NAME = "tls-verification-disabled"
    LEVEL = Level.ERROR
    TAGS = ("privacy", "security", "transport", "external/cwe/cwe-295")
    SECURITY_SEVERITY = 7.4
    CWE = (295,)
    TRIGGER = TLS_TRIGGER
    _last_value: cst.BaseExpression | None = None

    VALID = [
        # across modules: a settings flag that keeps verification on
        Valid(
            "import requests\nfrom app.settings import VERIFY\nrequests.get(URL, verify=VERIFY)\n",
            filename="app/client.py",
            modules=(("app/__init__.py", ""), ("app/settings.py", "VERIFY = True\n")),
        ),
        # a call of a helper named for it whose result is unused uses nothing
        Valid(
            "from app.utils import non_verifying_session\n"
            "for _ in range(2):\n    non_verifying_session(URL)\n",
            filename="app/client.py",
            modules=(("app/__init__.py", ""), ("app/utils.py", _NON_VERIFYING)),
        ),
        # bound to something else where it is used
        Valid(
            "import requests\nVERIFY = False\n"
            "def f(url, verify):\n    VERIFY = verify\n    return requests.get(url, verify=VERIFY)\n"
        ),
        Valid(
            "import requests\nVERIFY = False\nVERIFY = True\n"
            "def f(url):\n    return requests.get(url, verify=VERIFY)\n"
        ),
        Valid("import requests\nrequests.get(url, verify=True)\n"),
        Valid("import requests\nrequests.get(url, verify='/etc/ssl/ca.pem')\n"),
        Valid("import requests\nrequests.get(url, verify=settings.VERIFY_TLS)\n"),
        Valid("import jwt\njwt.decode(token, key, verify=False)\n"),
        Valid("def check(data, verify=False):\n    return data\ncheck(1, verify=False)\n"),
        Valid("import ssl\nctx = ssl.create_default_context()\nctx.check_hostname = True\n"),
        Valid(
            "import ssl\nctx = ssl.create_default_context()\nctx.verify_mode = ssl.CERT_REQUIRED\n"
        ),
        Valid("import ssl\nif ctx.verify_mode == ssl.CERT_NONE:\n    pass\n"),
        Valid("import urllib3\nurllib3.disable_warnings()\npool = urllib3.PoolManager()\n"),
        Valid(
            "import warnings, urllib3\n"
            "warnings.simplefilter('ignore', urllib3.exceptions.InsecureRequestWarning)\n"
        ),
        Valid("import aiohttp\nconn = aiohttp.TCPConnector(ssl=ctx)\n"),
        Valid("import httpx\nclient = httpx.Client(verify=ssl_context)\n"),
        Valid("class Form:\n    def __init__(self):\n        self.verify = False\n"),
        Valid('"""Pass verify=False to skip certificate checks (never do this)."""\n'),
        Valid("import requests\ns = requests.Session()\ns.verify = '/etc/ssl/ca.pem'\n"),
        Valid("config = {'verify_ssl': False}\n"),
        Valid("import ssl\nmodes = {'none': ssl.CERT_NONE}\n"),
    ]
    INVALID = [
        # across modules: a settings flag that turns verification off
        Invalid(
            "import requests\nfrom app.settings import VERIFY\nrequests.get(URL, verify=VERIFY)\n",
            filename="app/client.py",
            message="verify=VERIFY switches TLS verification off in requests.get",
            modules=(("app/__init__.py", ""), ("app/settings.py", "VERIFY = False\n")),
        ),
        Invalid(
            "from .utils import non_verifying_session\n"
            "def connect(url, options):\n"
            "    return non_verifying_session(url) if not options['verify_ssl'] else None\n",
            filename="app/client.py",
            level=Level.NOTE,
            modules=(("app/__init__.py", ""), ("app/utils.py", _NON_VERIFYING)),
        ),
        # a certificate probe: reads the peer's certificate, sends nothing
        Invalid(
            "import ssl, socket\ndef fetch_cert(host):\n    ctx = ssl.create_default_context()\n"
            "    ctx.check_hostname = False\n    ctx.verify_mode = ssl.CERT_NONE\n"
            "    with socket.create_connection((host, 443)) as sock:\n"
            "        with ctx.wrap_socket(sock, server_hostname=host) as tls:\n"
            "            return tls.getpeercert(binary_form=True)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import ssl, socket\ndef fetch(host):\n    ctx = ssl.create_default_context()\n"
            "    ctx.check_hostname = False\n    ctx.verify_mode = ssl.CERT_NONE\n"
            "    with socket.create_connection((host, 443)) as sock:\n"
            "        with ctx.wrap_socket(sock, server_hostname=host) as tls:\n"
            "            tls.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n')\n"
            "            return tls.getpeercert(binary_form=True)\n",
            level=Level.ERROR,
        ),
        # a helper named for switching checks off: each call is judged where it is made
        Invalid(
            "import requests\ndef non_verifying_session(url):\n"
            "    session = requests.Session()\n    session.verify = False\n"
            "    return session\n",
            message="requests.Session.verify = False switches TLS verification off in"
            " non_verifying_session(), named for it: each call of it is judged",
            level=Level.NOTE,
        ),
        Invalid(
            "from app.utils import non_verifying_session\n"
            "def connect(url):\n    return non_verifying_session(url)\n",
            filename="app/client.py",
            message="non_verifying_session() switches TLS verification off"
            " (requests.Session.verify = False in its body)",
            modules=(("app/__init__.py", ""), ("app/utils.py", _NON_VERIFYING)),
        ),
        Invalid(
            "from .utils import non_verifying_session\n"
            "def connect(url, options):\n"
            "    if not options['verify_ssl']:\n        return non_verifying_session(url)\n",
            filename="app/client.py",
            level=Level.NOTE,
            modules=(("app/__init__.py", ""), ("app/utils.py", _NON_VERIFYING)),
        ),
        # a helper named for it passes it on
        Invalid(
            "import requests\ndef insecure_session(url):\n    return non_verifying_session(url)\n"
            "def non_verifying_session(url):\n"
            "    session = requests.Session()\n    session.verify = False\n"
            "    return session\n"
            "def connect(url):\n    return insecure_session(url)\n",
            filename="app/client.py",
            message="non_verifying_session() switches TLS verification off"
            " (requests.Session.verify = False in its body) in insecure_session(),"
            " named for it: each call of it is judged",
            modules=(("app/__init__.py", ""),),
        ),
        Invalid(
            "import requests\ndef connect(url):\n    return non_verifying_session(url)\n"
            "def non_verifying_session(url):\n"
            "    session = requests.Session()\n    session.verify = False\n"
            "    return session\n",
            filename="app/client.py",
            region=(3, 12, 3, 38),
            modules=(("app/__init__.py", ""),),
        ),
        # a pinned CA: the certificate is verified, only the device's name is not
        Invalid(
            "import ssl\ndef build(cadata):\n"
            "    context = ssl.SSLContext(protocol=ssl.PROTOCOL_TLS_CLIENT)\n"
            "    context.check_hostname = False\n    context.verify_mode = ssl.CERT_REQUIRED\n"
            "    context.load_verify_locations(cadata=cadata)\n    return context\n",
            message="check_hostname = False with a pinned CA: the certificate is still verified",
            level=Level.NOTE,
        ),
        Invalid(
            "import ssl\ndef build(cadata):\n"
            "    context = ssl.SSLContext(protocol=ssl.PROTOCOL_TLS_CLIENT)\n"
            "    context.check_hostname = False\n    context.verify_mode = ssl.CERT_NONE\n"
            "    context.load_verify_locations(cadata=cadata)\n    return context\n",
            level=Level.ERROR,
        ),
        # off only when the user's option says so: a note
        Invalid(
            "import ssl\ndef context(verify_ssl):\n    ctx = ssl.create_default_context()\n"
            "    if not verify_ssl:\n        ctx.check_hostname = False\n"
            "        ctx.verify_mode = ssl.CERT_NONE\n    return ctx\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import requests\ndef f(url, config):\n    if config['insecure']:\n"
            "        return requests.get(url, verify=False)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import requests\ndef f(url, retries):\n    if retries > 3:\n"
            "        return requests.get(url, verify=False)\n",
            level=Level.ERROR,
        ),
        # a constant bound to False, passed later
        Invalid(
            "import requests\nVERIFY_PARTNER_TLS = False\n"
            "def f(url):\n    return requests.get(url, verify=VERIFY_PARTNER_TLS)\n",
            message="verify=VERIFY_PARTNER_TLS switches TLS verification off in requests.get",
        ),
        Invalid(
            "import requests\nrequests.get(url, verify=False)\n",
            region=(2, 19, 2, 31),
            message="verify=False switches TLS verification off in requests.get",
        ),
        Invalid("import requests as r\nr.post(url, data=d, verify=False, timeout=3)\n"),
        Invalid(
            "import requests\ns = requests.Session()\ns.get(url, verify=False)\n",
            message="verify=False switches TLS verification off in requests.Session.get",
        ),
        Invalid(
            "class A:\n    def f(self):\n        return self.http.get(self.url, verify=False)\n",
            region=(3, 40, 3, 52),
            message="verify=False switches TLS verification off in self.http.get",
        ),
        Invalid("import httpx\nclient = httpx.Client(base_url=u, verify=False)\n"),
        Invalid(
            "import httpx\nasync def f():\n    async with httpx.AsyncClient(verify=False) as c:\n        pass\n"
        ),
        Invalid("import httpx\nt = httpx.HTTPTransport(verify=False)\n"),
        Invalid(
            "import aiohttp\nasync def f():\n"
            "    async with aiohttp.ClientSession() as s:\n        await s.get(url, ssl=False)\n",
            message="ssl=False switches TLS verification off in aiohttp.ClientSession.get",
        ),
        Invalid("import aiohttp\nconn = aiohttp.TCPConnector(verify_ssl=False)\n"),
        Invalid(
            "import ssl\nctx = ssl._create_unverified_context()\n",
            region=(2, 7, 2, 39),
            message="ssl._create_unverified_context() switches TLS verification off",
        ),
        Invalid("import ssl\nssl._create_default_https_context = ssl._create_unverified_context\n"),
        Invalid(
            "import ssl\nctx = ssl.create_default_context()\nctx.check_hostname = False\n",
            region=(3, 1, 3, 27),
            message="check_hostname = False switches TLS verification off",
        ),
        Invalid(
            "from ssl import CERT_NONE\nctx.verify_mode = CERT_NONE\n",
            message="verify_mode = ssl.CERT_NONE switches TLS verification off",
        ),
        Invalid("import ssl\ns = ssl.wrap_socket(sock, cert_reqs=ssl.CERT_NONE)\n"),
        Invalid(
            "import urllib3\npool = urllib3.PoolManager(cert_reqs='CERT_NONE')\n",
            message="cert_reqs='CERT_NONE' switches TLS verification off",
        ),
        Invalid(
            "import websocket, ssl\nws = websocket.create_connection(u, sslopt={'cert_reqs': ssl.CERT_NONE})\n"
        ),
        Invalid(
            "import requests\ns = requests.Session()\ns.verify = False\n",
            region=(3, 1, 3, 17),
            message="requests.Session.verify = False switches TLS verification off",
        ),
        Invalid(
            "import urllib3\nurllib3.disable_warnings()\n"
            "pool = urllib3.PoolManager(cert_reqs='CERT_NONE')\n",
            region=(2, 1, 2, 27),
            message="urllib3.disable_warnings() hides the warnings of unverified TLS requests",
        ),
        Invalid(
            "import warnings, requests\nfrom urllib3.exceptions import InsecureRequestWarning\n"
            "warnings.simplefilter('ignore', InsecureRequestWarning)\n"
            "def f():\n    return requests.get(u, verify=False)\n",
            region=(3, 1, 3, 56),
        ),
        Invalid("import requests\nrequests.get(url, timeout=3,\n             verify=False)\n"),
        Invalid(  # "default" shows the warning: only the verify=False is reported
            "import warnings, requests\nfrom urllib3.exceptions import InsecureRequestWarning\n"
            "warnings.simplefilter('default', InsecureRequestWarning)\n"
            "requests.get(u, verify=False)\n",
            region=(4, 17, 4, 29),
        ),
    ]

    @classmethod
    def deferred(
        cls, kind: str, data: dict[str, Any], value: object, policy: Policy
    ) -> tuple[str, Level | None] | None:
        if kind == "attribute" and value is False:
            return f"{data['attr']} = {data['shown']} {OFF} ({data['name']})", None
        if kind == "helper":
            # `non_verifying_requests_session(url)`: a helper named for switching checks off
            if not isinstance(value, dict) or not value.get("tls_off"):
                return None
            message = f"{data['name']}() {OFF} ({value['tls_off']} in its body)"
            within = data.get("within")
            if within is not None and policy.transport.is_insecure_helper(within):
                return (
                    message + f" in {within}(), named for it: each call of it is judged",
                    Level.NOTE,
                )
            if data.get("guarded"):
                return message + " (only when its verification option says so)", Level.NOTE
            return message, None
        if kind != "false" or value is not False:
            return None
        message = f"{data['keyword']}={data['shown']} {OFF} in {data['name']}"
        if data.get("guarded"):
            return message + " (only when its verification option says so)", Level.NOTE
        return message, None

    def _report(
        self, site: Site, node: cst.CSTNode, message: str, fix: NodeFix | None = None
    ) -> None:
        """Report, as a note when an ``if`` on a verification option guards it: the
        user asked for it (``if not verify_ssl: ctx.verify_mode = CERT_NONE``)."""
        level = None
        helper = site.enclosing_function()
        if any(_names_verification(test) for test in site.conditions):
            message += " (only when its verification option says so)"
            level = Level.NOTE
        elif _reads_certificate_only(site):
            # a certificate-expiry probe: connects to read the peer's certificate and
            # sends nothing over the connection
            message += " to read the peer's certificate, sending nothing"
            level = Level.NOTE
        elif helper is not None and site.policy.transport.is_insecure_helper(helper):
            # the function says what it does: whoever calls it decides, and each call
            # is judged where it is made (:meth:`deferred`)
            site.export_function({"tls_off": message.removesuffix(f" {OFF}")})
            message += f" in {helper}(), named for it: each call of it is judged"
            level = Level.NOTE
        site.report(type(self), node, message, level=level, fix=fix)

    @classmethod
    def triggered_by(cls, text: str, policy: Policy | None = None) -> bool | None:
        """``VERIFY_TLS = False`` and ``verify=VERIFY_TLS`` apart: no trigger word, but
        worth parsing."""
        # every match of _VERIFY_CONSTANT is one of _VERIFY_NAME, which needs one of
        # two words: both searches start with \b, tried at every position
        if ("verify" in text or "ssl" in text) and _VERIFY_NAME.search(text):
            if _BOUND_FALSE.search(text):
                return True
            if _VERIFY_CONSTANT.search(text):
                return True  # `verify=VERIFY_PARTNER_TLS`, maybe another module's constant
        helpers = policy.transport.insecure_helpers if policy is not None else ()
        if helpers and _names_helper(helpers, text):
            return True  # `non_verifying_session(url)`: maybe another module's helper
        return super().triggered_by(text, policy)

    def on_assign(self, site: AssignSite) -> None:
        track(site)
        transport = site.policy.transport
        target, value = site.target, site.value
        if isinstance(target, cst.Name):
            falses = _false_names(site)
            if is_false(value):
                falses.add(target.value)  # `VERIFY_TLS = False`, read by `verify=` later
            else:
                falses.discard(target.value)
        qualified = _constant(site, value)
        if isinstance(target, cst.Attribute):
            attr = target.attr.value
            if attr in transport.false_attributes and is_false(value):
                if attr == "check_hostname" and _pins_ca(site, target.value):
                    # `ctx.check_hostname = False` beside `ctx.verify_mode = CERT_REQUIRED`
                    # and `ctx.load_verify_locations(cadata=...)`: a device's own CA is
                    # pinned, its certificate still verified, only its name is not
                    site.report(
                        type(self),
                        site.node,
                        f"{attr} = False with a pinned CA: the certificate is still verified",
                        level=Level.NOTE,
                    )
                    return
                self._report(site, site.node, f"{attr} = False {OFF}")
                return
            if attr in transport.cert_attributes and qualified in transport.cert_none:
                self._report(site, site.node, f"{attr} = {qualified} {OFF}")
                return
            if attr in transport.client_false_attributes and is_false(value):
                client = client_of(site, target.value)
                if client is not None:
                    self._report(site, site.node, f"{client.kind}.{attr} = False {OFF}")
                    return
            if attr in transport.client_false_attributes and isinstance(value, cst.Name):
                # `self._session.verify = verify`: a call passing False decides
                client = client_of(site, target.value)
                if client is not None:
                    data = {"attr": f"{client.kind}.{attr}"}
                    site.summarise_value(type(self), value, "attribute", data)
        if value is self._last_value:
            return  # `a = b = value` reports once
        self._last_value = value
        if qualified in transport.unverified_contexts:
            self._report(site, value, f"{qualified} installed: {OFF}")
        elif qualified in transport.cert_none:
            self._report(site, value, f"{qualified} {OFF}")

    def on_call(self, site: CallSite) -> None:
        transport = site.policy.transport
        qualified = site.qualified
        func = site.node.func
        last = func.attr.value if isinstance(func, cst.Attribute) else dotted(func)
        if last is not None and transport.is_insecure_helper(last) and not _discarded(site):
            helper = site.imported(func) or site.own_function(func)
            if helper is not None:
                name = last.rpartition(".")[2]
                guarded = any(_names_verification(test) for test in site.conditions) or (
                    _chosen_by_verification(site)
                )
                within = site.enclosing_function()
                if within is not None and transport.is_insecure_helper(within):
                    # `def no_verify_context(): return _no_verify_context(...)`: a helper
                    # named for it passes it on; its own calls are judged
                    site.export_function({"tls_off": f"{name}()"})
                data = {"name": name, "guarded": guarded, "within": within}
                site.defer(type(self), site.node, helper, "helper", data)
        if qualified in transport.unverified_contexts:
            self._report(site, site.node, f"{qualified}() {OFF}")
        elif qualified in transport.silencers and _silences_insecure_warning(site):
            if disables_verification(site):
                message = f"{qualified}() hides the warnings of unverified TLS requests"
                self._report(site, site.node, message)
            return
        target = resolve(site)
        if target is not None:
            keywords, name = transport.false_keywords, callee(site, target)
        elif site.method in transport.verb_methods and site.receiver is not None:
            keywords, name = transport.verb_keywords, site.source(site.node.func)
        else:
            keywords, name = frozenset(), ""
        for arg in site.node.args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword in keywords and (is_false(arg.value) or _bound_false(site, arg.value)):
                # unsafe: a host with a self-signed or private CA certificate then fails
                fix = (
                    drop_argument_fix(site.node, arg, f"drop {keyword}=False", safe=False)
                    if is_false(arg.value)
                    else None  # the constant is the place to change
                )
                shown = site.source(arg.value)
                self._report(site, arg, f"{keyword}={shown} {OFF} in {name}", fix=fix)
            elif keyword in keywords and isinstance(arg.value, (cst.Name, cst.Attribute)):
                # `verify=VERIFY_PARTNER_TLS`, a constant of another module
                data = {"keyword": keyword, "shown": site.source(arg.value), "name": name}
                guarded = any(_names_verification(test) for test in site.conditions)
                site.defer(type(self), arg, arg.value, "false", {**data, "guarded": guarded})
                if not guarded:  # `verify=verify`, a parameter: a call passing False decides
                    site.summarise_value(type(self), arg.value, "false", data)
            elif _is_cert_none(site, arg.value, keyword):
                self._report(site, arg.value, f"{_describe(site, arg)} {OFF}")
            elif isinstance(arg.value, cst.Dict):
                for element in arg.value.elements:
                    if isinstance(element, cst.DictElement):
                        key = string_value(element.key)
                        if key in transport.cert_keywords and _is_cert_none(
                            site, element.value, key
                        ):
                            message = f"{key}: {site.source(element.value)} {OFF}"
                            self._report(site, element.value, message)


def _chosen_by_verification(site: CallSite) -> bool:
    """``ctx = no_verify_context() if not verify_ssl else default_context()``: the call
    is a branch of a conditional expression on a verification option."""
    statement = site.statement
    if statement is None:
        return False
    for node in iter_nodes(statement):
        if (
            isinstance(node, cst.IfExp)
            and (node.body is site.node or node.orelse is site.node)
            and _names_verification(node.test)
        ):
            return True
    return False


def _names_helper(helpers: tuple[str, ...], text: str) -> bool:
    """``_helper_pattern(helpers).search(text)``, at a third of its cost on ASCII text:
    there ``lower()`` folds case as the case-blind search does (elsewhere it does not:
    that search's i and s also match U+0130, U+0131 and U+017F)."""
    if text.isascii():
        return _lowered_helper_pattern(helpers).search(text.lower()) is not None
    return _helper_pattern(helpers).search(text) is not None


@functools.lru_cache(maxsize=8)
def _lowered_helper_pattern(helpers: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = ("_?".join(map(re.escape, words.lower().split("_"))) for words in helpers)
    return re.compile("|".join(alternatives))


@functools.lru_cache(maxsize=8)
def _helper_pattern(helpers: tuple[str, ...]) -> re.Pattern[str]:
    """One search for every insecure-helper name, in any case, with or without its
    underscores (``non_verifying``, ``nonVerifying``, ``NONVERIFYING``)."""
    alternatives = ("_?".join(map(re.escape, words.split("_"))) for words in helpers)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _reads_certificate_only(site: Site) -> bool:
    """Whether the function reads the peer's certificate (``getpeercert()``) and sends
    nothing over a connection (the pack's ``[tls] sending-methods``)."""
    body = site.analysis.scope.function_scope().body
    if body is None:
        return False
    methods = {
        node.func.attr.value
        for node in iter_nodes(body)
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
    }
    return "getpeercert" in methods and methods.isdisjoint(site.policy.transport.sending_methods)


def _discarded(site: CallSite) -> bool:
    """``warm_cache(...)`` as a statement of its own: its result is not used."""
    statement = site.statement
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and statement.body[0].value is site.node
    )


def _constant(site: Site, node: cst.BaseExpression) -> str | None:
    if isinstance(node, (cst.Name, cst.Attribute)):
        return site.qualify(node)
    return None


def _is_cert_none(site: Site, node: cst.BaseExpression, keyword: str | None) -> bool:
    transport = site.policy.transport
    if _constant(site, node) in transport.cert_none:
        return True
    return keyword in transport.cert_keywords and string_value(node) in transport.cert_none_strings


def _describe(site: Site, arg: cst.Arg) -> str:
    qualified = _constant(site, arg.value)
    value = qualified if qualified is not None else site.source(arg.value)
    return f"{arg.keyword.value}={value}" if arg.keyword is not None else value


def _silences_insecure_warning(site: CallSite) -> bool:
    transport = site.policy.transport
    args = site.node.args
    if not args:
        return site.qualified in transport.silence_all
    if site.qualified not in transport.silence_all:
        # warnings.simplefilter(action, category): only "ignore" hides anything
        action = argument(site.node, ArgumentRef(0, ("action",)))
        if action is None or string_value(action.value) != "ignore":
            return False
    return any(_constant(site, arg.value) in transport.insecure_warnings for arg in args)


def disables_verification(site: Site) -> bool:
    """Whether the file switches TLS verification off anywhere (once per file)."""
    facts = tracker(site)
    if facts.disables_checks is None:
        scope = site.analysis.scope
        while scope.parent is not None:
            scope = scope.parent
        facts.disables_checks = scope.body is not None and _any_switch(site, scope.body)
    return facts.disables_checks


def _any_switch(site: Site, module: cst.CSTNode) -> bool:
    transport = site.policy.transport
    switches = transport.unverified_contexts | transport.cert_none
    for node in all_nodes(module):
        if isinstance(node, (cst.Name, cst.Attribute)):
            if _constant(site, node) in switches:
                return True
        elif isinstance(node, cst.Arg) and node.keyword is not None:
            if node.keyword.value in transport.false_keywords and is_false(node.value):
                return True
            if _is_cert_none(site, node.value, node.keyword.value):
                return True
        elif isinstance(node, cst.Assign) and is_false(node.value):
            for target in node.targets:
                if (
                    isinstance(target.target, cst.Attribute)
                    and target.target.attr.value in transport.false_attributes
                ):
                    return True
    return False


#: a keyword of TLS verification given a name, and a name bound to False
_VERIFY_NAME = re.compile(r"\b(?:verify|verify_ssl|ssl)\s*=\s*[A-Za-z_]")
_VERIFY_CONSTANT = re.compile(
    r"\b(?:verify|verify_ssl|ssl)\s*=\s*(?:[A-Za-z_]\w*\.)?[A-Z][A-Z0-9_]+\b"
)
_BOUND_FALSE = re.compile(r"^\s*[A-Za-z_]\w*\s*(?::[^=\n]*)?=\s*False\b", re.MULTILINE)


def _false_names(site: Site) -> set[str]:
    """Names the current scope bound to ``False`` (and not to anything else since)."""
    scope = site.analysis.scope
    state: dict[int, tuple[object, set[str]]] = site.analysis.rule_state.setdefault(
        "PL302.false", {}
    )
    return state.setdefault(id(scope), (scope, set()))[1]


def _bound_false(site: Site, node: cst.BaseExpression) -> bool:
    """``verify=VERIFY_PARTNER_TLS`` where that name was bound to ``False`` in this
    function or at module level."""
    if not isinstance(node, cst.Name):
        return False
    state: dict[int, tuple[object, set[str]]] = site.analysis.rule_state.get("PL302.false", {})
    scope: Scope | None = site.analysis.scope
    while scope is not None:
        entry = state.get(id(scope))
        if entry is not None and node.value in entry[1]:
            return True
        if node.value in scope.env and (entry is None or node.value not in entry[1]):
            return False  # bound here to something else
        scope = scope.parent
    return False


#: words of an option that turns certificate checks on or off
_VERIFICATION_WORDS = frozenset(
    {"verify", "verified", "ssl", "tls", "insecure", "cert", "certs", "certificate",
     "certificates", "check", "validate", "validation", "secure"}
)  # fmt: skip


def _names_verification(test: cst.BaseExpression) -> bool:
    """Whether an ``if`` test reads a verification option (``not verify_ssl``,
    ``self._config[CONF_VERIFY_SSL]``, ``cfg.verify_certificate``)."""
    stack: list[cst.CSTNode] = [test]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        text = None
        if isinstance(node, cst.Name):
            text = node.value
        elif isinstance(node, cst.Attribute):
            text = node.attr.value
        elif isinstance(node, cst.SimpleString):
            text = string_value(node)
        if text and not _VERIFICATION_WORDS.isdisjoint(identifier_words(text)):
            return True
    return False


def _pins_ca(site: Site, context: cst.BaseExpression) -> bool:
    """Whether the function that switches ``context``'s hostname check off also requires
    a certificate (``verify_mode = ssl.CERT_REQUIRED``) and loads the CA to verify it
    with (``load_verify_locations``): a pinned CA, a device's own."""
    name = dotted(context)
    body = site.analysis.scope.function_scope().body
    if name is None or body is None:
        return False
    required = loads = False
    for node in iter_nodes(body):
        if isinstance(node, cst.Assign) and len(node.targets) == 1:
            target = node.targets[0].target
            required = required or (
                isinstance(target, cst.Attribute)
                and target.attr.value == "verify_mode"
                and dotted(target.value) == name
                and (site.qualify(node.value) or "").endswith("CERT_REQUIRED")
            )
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            loads = loads or (
                node.func.attr.value == "load_verify_locations"
                and dotted(node.func.value) == name
                and bool(node.args)
            )
    return required and loads
