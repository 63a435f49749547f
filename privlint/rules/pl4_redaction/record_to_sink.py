"""PL406: a NamedTuple or TypedDict that holds credentials reaches a log, output or exception."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import libcst as cst

from privlint.engine.context import CallSite, RaiseSite, Site
from privlint.engine.dataflow import dotted, string_value
from privlint.engine.walk import AssignSite, ClassSite, StatementSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl4_redaction.common import (
    composed_parts,
    defines,
    model_fields,
    raised_values,
    sink_of,
    type_head,
    unwrap,
)
from privlint.rules.pl4_redaction.field_in_repr import DATA_TYPES

if TYPE_CHECKING:
    from privlint.policy.model import Policy

#: calls through which a record still reaches the sink whole
#: methods of a record that return all of its values
VALUE_METHODS = frozenset({"_asdict", "items", "values", "copy"})


@dataclass(frozen=True)
class Record:
    """A record class with sensitive fields: its name and the first such field."""

    name: str
    field: str
    categories: tuple[str, ...]
    #: a class imported from another module of the project: whether it is a record
    #: with sensitive fields is known in the project phase
    qualified: str | None = None


@register
class RecordWithCredentialsToSink(Rule):
    """A `NamedTuple` or `TypedDict` that holds credentials reaches a log, output or exception.

    ## Why is this bad?
    A named tuple's repr prints every field by name, and a TypedDict is a plain dict
    at run time: logging, printing or raising with one of them writes the password,
    token or card number it holds, though the code only names the record.

    ## Example
        class DbLogin(NamedTuple):
            user: str
            password: str
        login = DbLogin(user, password)
        log.info("connecting with %s", login)

    ## Use instead
        log.info("connecting as %s", login.user)

    Records are classes of the same module that subclass `typing.NamedTuple` or
    `TypedDict`, or are built by `collections.namedtuple`, `NamedTuple(...)` or
    `TypedDict(...)` (the rule pack lists these), with a field the policy rates at
    error level. A NamedTuple that defines `__repr__` or `__str__` is not reported. Instances are
    calls of the class, names assigned from one or annotated with it, and parameters
    annotated with it; a record passed through `str`, `repr`, `tuple`, `dict`,
    `_asdict()`, an f-string, `%` or `.format` still counts, a field (`login.user`)
    does not. Declaring such a record is not reported by itself: most are never
    printed, and the finding belongs where one is.
    """

    CODE = "PL406"
    NAME = "record-with-credentials-to-sink"
    LEVEL = Level.ERROR
    TAGS = ("privacy", "security", "external/cwe/cwe-532")
    SECURITY_SEVERITY = 5.5
    CWE = (532,)
    TRIGGER = ("NamedTuple", "namedtuple", "TypedDict")
    NEEDS_SENSITIVE_WORD = True

    VALID = [
        # across modules: a record of another module with nothing sensitive
        Valid(
            "import logging\nfrom app.models import Point\nlogging.info('%s', Point(1, 2))\n",
            filename="app/views.py",
            modules=(
                ("app/__init__.py", ""),
                (
                    "app/models.py",
                    "from typing import NamedTuple\nclass Point(NamedTuple):\n    x: int\n    y: int\n",
                ),
            ),
        ),
        Valid(
            "import logging\nfrom typing import NamedTuple\n"
            "class Login(NamedTuple):\n    user: str\n    password: str\n"
            "login = Login('u', read_password())\nlogging.info('as %s', login.user)\n"
        ),
        Valid(
            "from typing import NamedTuple\n"
            "class Point(NamedTuple):\n    x: int\n    y: int\nprint(Point(1, 2))\n"
        ),
        Valid(
            "from typing import NamedTuple\n"
            "class Login(NamedTuple):\n    user: str\n    password: str\n"
            "    def __repr__(self):\n        return f'Login({self.user})'\n"
            "print(Login('u', 'p'))\n"
        ),
        Valid(
            "from collections import namedtuple\nLogin = namedtuple('Login', 'user password')\n"
            "login = Login('u', 'p')\nconnect(*login)\n"
        ),
        Valid(
            "from typing import TypedDict\nclass Creds(TypedDict):\n    username: str\n"
            "    api_key: str\ndef show(c: Creds):\n    print(len(c))\n"
        ),
        Valid(
            "import logging\nfrom typing import NamedTuple\n"
            "class Login(NamedTuple):\n    user: str\n    password: str\n"
            "login = Login('u', 'p')\nlogin = 'anonymous'\nlogging.info('as %s', login)\n"
        ),
        Valid(
            "from typing import NamedTuple\nclass Login(NamedTuple):\n    user: str\n"
            "    password_hint_shown: bool\nprint(Login('u', True))\n"
        ),
        Valid(
            "class Login:\n    user: str\n    password: str\nprint(Login())\n",
        ),
        Valid(
            "from typing import NamedTuple\nclass Login(NamedTuple):\n    user: str\n"
            "    password: str\ndef a():\n    login = Login('u', 'p')\n"
            "def b(login):\n    print(login)\n"
        ),
        Valid(
            "from typing import NamedTuple\nclass Login(NamedTuple):\n    user: str\n"
            "    password: str\nlogin = Login('u', 'p')\n"
            "def show():\n    login = 'guest'\n    print(login)\n"
        ),
        Valid(
            "import logging\nfrom typing import TypedDict\n"
            "Creds = TypedDict('Creds', {'user': str, 'token': str})\n"
            "def use(c: Creds):\n    logging.info('keys %s', sorted(c))\n"
        ),
        # sentry_sdk._types.DataCollection: a flag named for the data, not the data
        Valid(
            "import logging\nfrom typing import TypedDict\nclass DataCollection(TypedDict):\n"
            "    cookies: bool\n    passwords: bool\n"
            "def show(o: DataCollection):\n    logging.info('collecting %s', o)\n"
        ),
        Valid(
            "from typing import NamedTuple\nfrom pydantic import SecretStr\n"
            "class Login(NamedTuple):\n    user: str\n    password: SecretStr\n"
            "print(Login('u', SecretStr('p')))\n"
        ),
        Valid(
            "from typing import NamedTuple\nclass Version(NamedTuple):\n    major: int\n"
            "    token_count: int\nraise ValueError(f'bad {Version(1, 2)}')\n"
        ),
    ]
    INVALID = [
        # across modules: a record of another module that holds a password
        Invalid(
            "import logging\nfrom app.models import Login\n"
            "def f(u, p):\n    login = Login(u, p)\n    logging.info('%s', login)\n",
            filename="app/views.py",
            modules=(
                ("app/__init__.py", ""),
                (
                    "app/models.py",
                    "from typing import NamedTuple\nclass Login(NamedTuple):\n    user: str\n    password: str\n",
                ),
            ),
        ),
        Invalid(
            "import logging\nfrom typing import NamedTuple\n"
            "class DbLogin(NamedTuple):\n    user: str\n    password: str\n"
            "login = DbLogin('u', read_password())\nlogging.info('connecting with %s', login)\n",
            region=(7, 36, 7, 41),
            message=(
                "DbLogin record login (its repr shows credential.password field password) "
                "reaches logging.info"
            ),
        ),
        Invalid(
            "from collections import namedtuple\n"
            "Login = namedtuple('Login', 'user password')\nprint(Login('u', 'p'))\n",
            region=(3, 7, 3, 22),
        ),
        Invalid(
            "import collections\nKeys = collections.namedtuple('Keys', ['access_key', 'secret_key'])\n"
            "def load():\n    keys = Keys(a, b)\n    raise RuntimeError(f'cannot use {keys}')\n"
        ),
        Invalid(
            "from typing import TypedDict\nclass Creds(TypedDict):\n    username: str\n"
            "    api_key: str\ndef show(c: Creds):\n    print(c)\n",
            message="Creds record c (its repr shows credential.secret field api_key) reaches print",
        ),
        Invalid(
            "import logging\nfrom typing import TypedDict\nlog = logging.getLogger(__name__)\n"
            "Creds = TypedDict('Creds', {'user': str, 'token': str})\n"
            "def use(c: Creds):\n    log.debug('using %r', c)\n"
        ),
        Invalid(
            "import typing\nclass Card(typing.NamedTuple):\n    holder: str\n"
            "    card_number: str\ncard = Card('a', 'b')\nprint('card: ' + str(card))\n"
        ),
        Invalid(
            "from typing import NamedTuple\nclass Login(NamedTuple):\n    user: str\n"
            "    password: str\nlogin = Login('u', 'p')\nprint(login._asdict())\n"
        ),
        Invalid(
            "import warnings\nfrom typing import NamedTuple, Optional\n"
            "class Token(NamedTuple):\n    access_token: str\n    expires: int\n"
            "def check(t: Optional[Token]):\n    warnings.warn('token {} expired'.format(t))\n"
        ),
        Invalid(
            "from typing import NamedTuple\nclass Login(NamedTuple):\n    user: str\n"
            "    password: str\nlogin: Login = make()\nprint(f'login={login!r}')\n"
        ),
        Invalid(
            "from typing_extensions import TypedDict\nclass Settings(TypedDict, total=False):\n"
            "    db_url: str\n    db_password: str\nsettings: Settings = {'db_url': u}\n"
            "import sys\nsys.stderr.write('settings %s' % (settings,))\n"
        ),
        Invalid(
            "from typing import NamedTuple\n"
            "Login = NamedTuple('Login', [('user', str), ('password', str)])\n"
            "class Client:\n    def connect(self, login: Login):\n"
            "        raise ConnectionError('refused', login)\n"
        ),
        Invalid(
            "import logging\nfrom collections import namedtuple\n"
            "Smtp = namedtuple('Smtp', 'host user password')\nSMTP = Smtp(h, u, p)\n"
            "def send():\n    logging.debug('mail via %s', SMTP)\n",
            region=(6, 34, 6, 38),
        ),
    ]

    @classmethod
    def deferred(
        cls, kind: str, data: dict[str, Any], value: object, policy: Policy
    ) -> tuple[str, Level | None] | None:
        if kind != "record" or not isinstance(value, dict) or "record" not in value:
            return None
        field, categories = value["record"]
        message = (
            f"{data['name']} record {data['shown']} (its repr shows {categories[0]} "
            f"field {field}) reaches {data['sink']}"
        )
        return message, policy.level_of(tuple(categories))

    def __init__(self) -> None:
        self._records: dict[str, Record] = {}
        #: (scope name, variable) -> the record class its value is an instance of
        self._instances: dict[tuple[str, str], Record] = {}
        #: annotated parameters of the function being defined, and the scope defining it
        self._pending_params: dict[str, Record] = {}
        self._pending_from = ""

    # -- record classes -------------------------------------------------------------
    def on_class(self, site: ClassSite) -> None:
        node = site.node
        bases = site.policy.redaction.record_bases
        if not any(site.qualify(base.value) in bases for base in node.bases):
            return
        if defines(node, "__repr__", "__str__"):
            return
        fields = []
        for item in model_fields(node):
            if item.annotation is not None:
                inner = unwrap(site, item.annotation)
                if inner is None or type_head(inner) not in DATA_TYPES:
                    continue  # `cookies: bool` is a switch, `key: SecretStr` hides itself
            fields.append(item.target.value)
        self._remember(site, node.name.value, fields)

    def on_assign(self, site: AssignSite) -> None:
        target = site.target
        if not isinstance(target, cst.Name):
            return
        value = site.value
        key = (site.analysis.scope.name, target.value)
        factories = site.policy.redaction.record_factories
        if isinstance(value, cst.Call) and site.qualify(value.func) in factories:
            fields = _factory_fields(value)
            if fields is not None:
                self._remember(site, target.value, fields)
            return
        record = self._instance_of(value) or self._imported_instance(site, value)
        annotated = self._annotated(site)
        if annotated is not None:
            record = annotated
        if record is not None:
            self._instances[key] = record
        else:
            self._instances.pop(key, None)

    def on_statement(self, site: StatementSite) -> None:
        node = site.node
        if self._pending_params and site.scope != self._pending_from:
            # the first statement of the function whose parameters were seen last
            scope = site.analysis.scope
            for name, record in self._pending_params.items():
                if name in scope.params:
                    self._instances[(scope.name, name)] = record
            self._pending_params = {}
        if not isinstance(node, cst.Parameters):
            return
        self._pending_params = {}
        self._pending_from = site.scope
        for param in (*node.posonly_params, *node.params, *node.kwonly_params):
            if param.annotation is None:
                continue
            named = self._record_named(site, param.annotation.annotation)
            if named is not None:
                self._pending_params[param.name.value] = named

    def _remember(self, site: Site, name: str, fields: list[str]) -> None:
        for field_name in fields:
            categories = site.ordered(site.policy.classify(field_name))
            if categories and site.policy.level_of(categories) is Level.ERROR:
                self._records[name] = Record(name, field_name, categories)
                site.export(name, {"record": [field_name, list(categories)]})
                return

    def _annotated(self, site: AssignSite) -> Record | None:
        node = site.node
        if isinstance(node, cst.AnnAssign):
            return self._record_named(site, node.annotation.annotation)
        return None

    def _record_named(self, site: Site, annotation: cst.BaseExpression) -> Record | None:
        if isinstance(annotation, cst.SimpleString):
            name = string_value(annotation)
            return self._records.get(name) if name is not None else None
        inner = unwrap(site, annotation)
        name = dotted(inner) if inner is not None else None
        return self._records.get(name) if name is not None else None

    def _imported_instance(self, site: Site, node: cst.BaseExpression) -> Record | None:
        """``DbLogin(host, user, pwd)`` of a class imported from another module of the
        project: maybe a record, which the project phase knows."""
        if not isinstance(node, cst.Call):
            return None
        qualified = site.imported(node.func)
        if qualified is None:
            return None
        name = qualified.rpartition(".")[2]
        return Record(name, "", (), qualified) if name[:1].isupper() else None

    def _instance_of(self, node: cst.BaseExpression) -> Record | None:
        if isinstance(node, cst.Call):
            func = node.func
            name = dotted(func)
            if name is not None and name in self._records:
                return self._records[name]
            if isinstance(func, cst.Attribute) and func.attr.value == "_make":
                owner = dotted(func.value)
                if owner is not None:
                    return self._records.get(owner)
        return None

    # -- sinks --------------------------------------------------------------------------
    def on_call(self, site: CallSite) -> None:
        if not self._records and not self._instances:
            return
        found = sink_of(site)
        if found is not None:
            self._check(site, *found)

    def on_raise(self, site: RaiseSite) -> None:
        found = raised_values(site)
        if found is not None and self._records:
            self._check(site, *found)

    def _check(self, site: Site, values: list[cst.BaseExpression], sink: str) -> None:
        for value in values:
            for node, record, shown in self._records_in(site, value):
                if record.qualified is not None:
                    data = {"name": record.name, "shown": shown, "sink": sink}
                    site.defer(type(self), node, record.qualified, "record", data)
                    continue
                message = (
                    f"{record.name} record {shown} (its repr shows {record.categories[0]} "
                    f"field {record.field}) reaches {sink}"
                )
                site.report(type(self), node, message, record.categories)

    def _records_in(
        self, site: Site, node: cst.BaseExpression
    ) -> Iterator[tuple[cst.BaseExpression, Record, str]]:
        record = self._instance_of(node)
        if record is not None:
            # not the call's source: its arguments may be the secrets themselves
            yield node, record, f"{record.name}(...)"
            return
        if isinstance(node, cst.Name):
            scope = site.analysis.scope
            found = self._instances.get((scope.name, node.value))
            if found is None and node.value not in scope.env and node.value not in scope.params:
                module = scope
                while module.parent is not None:
                    module = module.parent
                found = self._instances.get((module.name, node.value))  # a module global
            if found is not None:
                yield node, found, node.value
            return
        children = composed_parts(node)
        if isinstance(node, cst.Call):
            func = node.func
            if site.qualify(func) in site.policy.redaction.pass_through or (
                isinstance(func, cst.Attribute) and func.attr.value == "format"
            ):
                children = [arg.value for arg in node.args]
            elif (
                isinstance(func, cst.Attribute)
                and func.attr.value in VALUE_METHODS
                and not node.args
            ):
                children = [func.value]
        for child in children:
            yield from self._records_in(site, child)


def _factory_fields(call: cst.Call) -> list[str] | None:
    """Field names of ``namedtuple("N", "a b")``, ``namedtuple("N", ["a", "b"])``,
    ``NamedTuple("N", [("a", str)])`` and ``TypedDict("N", {"a": str})``."""
    if len(call.args) < 2:
        return None
    spec = call.args[1].value
    text = string_value(spec)
    if text is not None:
        return text.replace(",", " ").split()
    names: list[str] = []
    if isinstance(spec, (cst.List, cst.Tuple)):
        for element in spec.elements:
            item = element.value
            if isinstance(item, (cst.Tuple, cst.List)) and item.elements:
                item = item.elements[0].value
            name = string_value(item)
            if name is not None:
                names.append(name)
    elif isinstance(spec, cst.Dict):
        for entry in spec.elements:
            if isinstance(entry, cst.DictElement):
                name = string_value(entry.key)
                if name is not None:
                    names.append(name)
    return names
