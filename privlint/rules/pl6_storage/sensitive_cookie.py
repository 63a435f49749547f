"""PL605: a credential or personal data is put in a cookie."""

from __future__ import annotations

import libcst as cst

from privlint.engine.context import CallSite, Site
from privlint.engine.dataflow import Scope, dotted, string_value
from privlint.engine.walk import AssignSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl6_storage.common import (
    argument,
    is_constant,
    matches_category,
    protected_call,
    protected_name,
)

_ADVICE = "keep it on the server and put an opaque session ID in the cookie"


@register
class SensitiveDataInCookie(Rule):
    """A password, key or personal data is stored in a cookie.

    ## Why is this bad?
    A cookie is stored in clear text in the browser's profile, sent with every
    request (to every subdomain when its domain is wide), written to proxy and
    server access logs, and readable by any script on the page unless it is
    HttpOnly. Signing it (`set_signed_cookie`, `set_secure_cookie`) stops tampering,
    not reading. A password, an API key, an e-mail address, a name or a card number
    kept there is exposed on every device and hop it passes.

    ## Example
        response.set_cookie("email", user.email)

    ## Use instead
        request.session["email"] = user.email   # server-side; the cookie holds the session ID

    The methods (`set_cookie`, `set_signed_cookie`, `set_secure_cookie`), the cookie
    jars (`http.cookies.SimpleCookie`) and the categories a cookie must not hold are
    listed in the rule pack's `storage.toml` (`[cookies]`). A session ID or an access
    token is what a cookie carries, and is not reported; neither is a value that is
    encrypted, hashed or a constant.
    """

    CODE = "PL605"
    NAME = "sensitive-data-in-cookie"
    LEVEL = Level.WARNING
    TAGS = ("privacy", "security", "storage", "external/cwe/cwe-315")
    SECURITY_SEVERITY = 5.3
    CWE = (315, 539)
    TRIGGER = ("cookie", "Cookie")
    NEEDS_SENSITIVE_WORD = True

    VALID = [
        Valid("response.set_cookie('sessionid', session_key, httponly=True, secure=True)\n"),
        Valid("resp.set_cookie('access_token', access_token, httponly=True)\n"),
        Valid("response.set_cookie('uid', str(user.id))\n"),
        Valid("response.set_cookie('email_banner_dismissed', '1')\n"),
        Valid("response.set_cookie('email', '', max_age=0)\n"),
        Valid("response.set_cookie('theme', theme)\n"),
        Valid("response.set_signed_cookie('lang', language, salt='prefs')\n"),
        Valid("response.set_cookie('remember', fernet.encrypt(email.encode()).decode())\n"),
        Valid(
            "from http.cookies import SimpleCookie\njar = SimpleCookie()\n"
            "jar['sessionid'] = session_id\n"
        ),
        Valid("jar = {}\njar['email'] = email\n"),
        Valid("response.set_cookie(COOKIE_NAME, token_hash)\n"),
        Valid("def set_cookie(name, value):\n    pass\nset_cookie('x', 1)\n"),
    ]
    INVALID = [
        Invalid(
            "response.set_cookie('email', user.email)\n",
            region=(1, 30, 1, 40),
            message="pii.email is stored in a cookie by response.set_cookie: " + _ADVICE,
        ),
        Invalid("response.set_cookie(key='pw', value=password, httponly=True)\n"),
        Invalid("response.set_signed_cookie('user', f'{user.first_name} {user.last_name}')\n"),
        Invalid("self.set_secure_cookie('api_key', api_key)\n"),
        Invalid("resp.set_cookie('profile', json.dumps({'phone': phone, 'uid': uid}))\n"),
        Invalid(
            "def remember(response, form):\n    addr = form['email']\n"
            "    response.set_cookie('remember_me', addr)\n"
        ),
        Invalid(
            "def save(response, value):\n    response.set_cookie('card_number', value)\n",
            message="financial.card is stored in a cookie by response.set_cookie: " + _ADVICE,
        ),
        Invalid(
            "from http.cookies import SimpleCookie\njar = SimpleCookie()\n"
            "jar['email'] = user.email\n",
            region=(3, 16, 3, 26),
            message="pii.email is stored in a cookie by jar[...]: " + _ADVICE,
        ),
        Invalid(
            "import http.cookies\nclass H:\n    def __init__(self):\n"
            "        self.jar = http.cookies.SimpleCookie()\n"
            "    def keep(self, ssn):\n        self.jar['id'] = ssn\n"
        ),
        Invalid("response.set_cookie('pos', f'{latitude},{longitude}')\n"),
        Invalid("response.set_cookie('diag', diagnosis)\n"),
    ]

    def __init__(self) -> None:
        #: per scope (kept alive so its id is not reused): names bound to cookie jars
        self._jars: dict[int, tuple[Scope, set[str]]] = {}
        #: attributes bound to cookie jars (``self.jar``), file-wide
        self._attributes: set[str] = set()

    def on_call(self, site: CallSite) -> None:
        spec = site.policy.storage
        if site.method not in spec.cookie_methods or site.receiver is None:
            return
        value = argument(site.node, spec.cookie_value)
        if value is None:
            return
        self._check(site, value, argument(site.node, spec.cookie_name), site.callee_name())

    def on_assign(self, site: AssignSite) -> None:
        target = site.target
        key = dotted(target)
        if key is not None:
            value = site.value
            is_jar = isinstance(value, cst.Call) and (
                site.qualify(value.func) in site.policy.storage.cookie_jars
            )
            if isinstance(target, cst.Attribute):
                jars = self._attributes
            else:
                scope = site.analysis.scope
                jars = self._jars.setdefault(id(scope), (scope, set()))[1]
            if is_jar:
                jars.add(key)
            else:
                jars.discard(key)
            return
        if not isinstance(target, cst.Subscript) or len(target.slice) != 1:
            return
        container = dotted(target.value)
        if container is None or not self._is_jar(site, container):
            return
        index = target.slice[0].slice
        name = index.value if isinstance(index, cst.Index) else None
        self._check(site, site.value, name, f"{site.source(target.value)}[...]")

    def _is_jar(self, site: Site, key: str) -> bool:
        if key in self._attributes:
            return True
        scope: Scope | None = site.analysis.scope
        while scope is not None:
            entry = self._jars.get(id(scope))
            if entry is not None and key in entry[1]:
                return True
            scope = scope.parent
        return False

    def _check(
        self,
        site: Site,
        value: cst.BaseExpression,
        name: cst.BaseExpression | None,
        sink: str,
    ) -> None:
        spec = site.policy.storage
        if protected_call(site, value) or protected_name(spec, value):
            return  # encrypted or hashed
        globs = spec.cookie_categories
        taint = site.taint(value)
        categories = {c for c in taint if matches_category(c, globs)}
        text = string_value(name) if name is not None else None
        if not taint and text is not None and not is_constant(value):
            # `set_cookie("card_number", value)`: the cookie's name says what it holds
            categories = {c for c in site.policy.classify(text) if matches_category(c, globs)}
        if not categories:
            return
        ordered = site.ordered(categories)
        site.report(
            type(self),
            value,
            f"{ordered[0]} is stored in a cookie by {sink}: {_ADVICE}",
            ordered,
        )
