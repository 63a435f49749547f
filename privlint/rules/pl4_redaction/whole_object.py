"""PL404: a whole object, request part or environment is dumped to a log, output or exception."""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterator

import libcst as cst

from privlint.engine.context import CallSite, RaiseSite, Site
from privlint.engine.dataflow import KEYED_METHODS, dotted, iter_nodes, string_value
from privlint.engine.walk import AssignSite, ClassSite, StatementSite
from privlint.findings import Level
from privlint.policy.model import Policy
from privlint.policy.words import identifier_words
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl4_redaction.common import (
    ModuleFacts,
    composed_parts,
    matches,
    raised_values,
    root_module,
    sink_of,
)

ARGV = "the command line, which takes a credential"
OBJECT = "a whole object"
#: a whole object whose name shows no people's data or secrets: a note
PLAIN_OBJECT = "a whole object, not named for people's data or secrets"
REQUEST_PART = "a whole request part"
#: a request body whose function reads only keys that name nothing critical: a note
PLAIN_BODY = "a whole request body whose keys read here name no secret or personal data"

TRIGGER_WORDS = (
    "vars(", "locals(", "globals(", "__dict__", "asdict", "astuple", "model_dump", ".dict(",
    "environ", "argv",
)  # fmt: skip


@functools.lru_cache(maxsize=8)
def _request_trigger(names: frozenset[str], parts: frozenset[str]) -> re.Pattern[str]:
    """A request part read off a request name (``request.headers``, ``req .POST``), or
    a request imported under another name (``from flask import request as rq``)."""
    last = sorted({name.rpartition(".")[2] for name in names})
    name_re = "|".join(map(re.escape, last)) or "(?!)"
    part_re = "|".join(map(re.escape, sorted(parts))) or "(?!)"
    return re.compile(rf"\b(?:{name_re})\s*\.\s*(?:{part_re})\b|\b(?:{name_re})\s+as\b")


@register
class WholeObjectToSink(Rule):
    """A whole object, request part or the environment reaches a log, output or exception.

    ## Why is this bad?
    `vars(user)`, `user.__dict__`, `asdict(login)`, `model.model_dump()`,
    `request.headers`, `request.cookies`, `request.POST`, `os.environ` and `locals()`
    hold every field at once: today's harmless ones and tomorrow's password, session
    cookie or `Authorization` header. Dumping them to a log line, `print` or an
    exception message leaks whatever they hold, and no name in the code says so.

    ## Example
        log.debug("request headers: %s", request.headers)

    ## Use instead
        log.debug("request from %s", request.headers.get("User-Agent"))

    A dump passed through `str`, `repr`, `json.dumps`, `dict`, an f-string, `%` or
    `.format` still counts; one reduced by another call (`len(vars(x))`,
    `sorted(os.environ)`) does not. Sinks are those of PL101-PL104, and HTTP
    responses: the response calls the rule pack lists (`jsonify`, `make_response`,
    `JsonResponse`, `HttpResponse`, `JSONResponse`, ...) and the return value of a
    view (a function under `@app.route("/...")`, `@router.get("/...")`). In a
    response, `model_dump()`/`asdict()` (a model's chosen fields) and the request's
    own body are normal and not reported; `vars()`, `__dict__`, `locals()`, the
    environment, headers and cookies are.

    A whole object is a warning when something says it holds people's data or
    secrets: a word of its name (`vars(user)`, `order.dict()`,
    `settings.model_dump()`, the class of `self`) that the taxonomy classifies, names
    a person, or is one of the pack's `[dumps] object-words`; a configuration, unless
    its name says it configures a cache, retries or the like. A device's state, a
    vehicle's telemetry response or a cache's configuration dumped whole is a note.

    `sys.argv` (whole, sliced or joined) is reported only in a module that declares
    a command-line option named for a credential (`add_argument("--password")`,
    `@click.option("--api-key")`, `token: str = typer.Option(...)`): there the
    command line holds a secret.
    """

    CODE = "PL404"
    NAME = "whole-object-to-sink"
    LEVEL = Level.WARNING
    TAGS = ("privacy", "security", "external/cwe/cwe-532")
    SECURITY_SEVERITY = 5.0
    CWE = (532,)
    TRIGGER = TRIGGER_WORDS

    @classmethod
    def triggered_by(cls, text: str, policy: Policy | None = None) -> bool | None:
        """The dumps' words, or a request part read off a request name of the pack."""
        if any(word in text for word in TRIGGER_WORDS):
            return True
        if policy is None:
            return "request" in text or "req." in text
        redaction = policy.redaction
        pattern = _request_trigger(redaction.request_names, redaction.request_parts)
        return pattern.search(text) is not None

    VALID = [
        # bound to something else before it is logged
        Valid(
            "import logging\nfrom flask import request\nlog = logging.getLogger(__name__)\n"
            "def signup():\n    payload = request.get_json()\n    payload = payload['id']\n"
            "    log.debug('signup %s', payload)\n"
        ),
        Valid("import logging\nlogging.info('n=%d', len(vars(x)))\n"),
        Valid("import logging\nlogging.info('ua %s', request.headers.get('User-Agent'))\n"),
        Valid("import logging\nlogging.info('ua %s', request.headers['User-Agent'])\n"),
        Valid("import os\nprint(sorted(os.environ))\n"),
        Valid("import os\nprint(os.environ.get('HOME'))\n"),
        Valid("x = vars(obj)\nsave(x)\n"),
        Valid("import logging\nlogging.info('%s', response.status_code)\n"),
        Valid("import logging\nlogging.info('keys %s', list(obj.__dict__.keys()))\n"),
        Valid("def print(*a):\n    pass\nprint(locals())\n"),
        # a format that reads the mapping by key reads only the keys it names
        Valid("import logging\nlogging.info('%(user)s logged in from %(host)s' % locals())\n"),
        Valid("import sys\nsys.stderr.write(_('Usage: %(program)s [options]') % locals())\n"),
        Valid(
            "import logging\nlogging.debug('{name} done in {elapsed:.1f}s'.format(**vars(self)))\n"
        ),
        Valid("print('{host}:{port}'.format_map(self.__dict__))\n"),
        Valid("import logging\nlogging.info('method %s', request.method)\n"),
        Valid("raise ValueError(f'bad {len(request.body)} bytes')\n"),
        Valid("import logging\nlogging.info('%s', model.model_dump_keys)\n"),
        Valid(
            "import sys, logging, argparse\np = argparse.ArgumentParser()\n"
            "p.add_argument('--verbose')\nlogging.info('argv %s', sys.argv)\n"
        ),
        Valid(
            "import sys, argparse\np = argparse.ArgumentParser()\np.add_argument('--password')\n"
            "print('usage:', sys.argv[0])\n"
        ),
        Valid(
            "from flask import jsonify\ndef show(user):\n    return jsonify(user.model_dump())\n"
        ),
        Valid(
            "from flask import Flask\napp = Flask(__name__)\n@app.post('/echo')\n"
            "def echo():\n    return request.json\n"
        ),
        Valid("def helper(user):\n    return vars(user)\n"),
        Valid(
            "from fastapi import APIRouter\nfrom dataclasses import asdict\nrouter = APIRouter()\n"
            "@router.get('/me')\ndef me():\n    return asdict(current())\n"
        ),
        Valid(
            "from django.http import JsonResponse\n"
            "def view(request):\n    return JsonResponse({'agent': request.headers.get('User-Agent')})\n"
        ),
        Valid(
            "import click\n@click.command()\n@click.option('--count')\ndef main(count):\n"
            "    import sys\n    click.echo(' '.join(sys.argv))\n"
        ),
        Valid(
            "@app.route('/users')\nclass Users:\n    def get(self):\n        return vars(self)\n"
        ),
    ]
    INVALID = [
        # a webhook body whose keys read here name no critical data: a device's event
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "async def hook(hass, webhook_id, request):\n    data = await request.json()\n"
            "    log.debug('webhook %s', data)\n"
            "    if data['eventType'] == 'changeReport':\n        update(data['context']['deviceMac'])\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "async def hook(request):\n    data = await request.json()\n"
            "    log.debug('webhook %s', data)\n"
            "    if data['secret'] != SECRET:\n        return\n",
            level=Level.WARNING,
        ),
        # a name that holds the request body, logged later in the function
        Invalid(
            "import logging\nfrom flask import request\nlog = logging.getLogger(__name__)\n"
            "def signup():\n    payload = request.get_json()\n"
            "    log.debug('signup payload: %s', payload)\n",
            message="payload (a whole request part) reaches log.debug",
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\nlog.debug('h %s', request.headers)\n",
            region=(3, 19, 3, 34),
            message="request.headers (a whole request part) reaches log.debug",
        ),
        Invalid("print(vars(user))\n", message="vars(user) (a whole object) reaches print"),
        Invalid("import logging\nlogging.info(f'user {user.__dict__}')\n"),
        Invalid("import dataclasses, logging\nlogging.info(dataclasses.asdict(login))\n"),
        Invalid("from dataclasses import asdict\nprint(asdict(login))\n"),
        Invalid("import logging\nlogging.info('%s', settings.model_dump())\n"),
        # the class a parameter is annotated with says what it holds
        Invalid(
            "from dataclasses import asdict\ndef debug(c: PaymentCard):\n    print(asdict(c))\n",
            level=Level.WARNING,
        ),
        Invalid(
            "from dataclasses import asdict\ndef show(c: ChartCard):\n    print(asdict(c))\n",
            level=Level.NOTE,
        ),
        # nothing says what the model holds: a note
        Invalid(
            "import logging\nlogging.info('%s' % model.dict())\n",
            message="model.dict() (a whole object, not named for people's data or secrets)"
            " reaches logging.info",
            level=Level.NOTE,
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def update(car):\n    climate_response = car.get_climate()\n"
            "    log.debug('climate %s', climate_response.__dict__)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import logging\nfrom dataclasses import asdict\nlog = logging.getLogger(__name__)\n"
            "def write(audit_entry):\n    entry = asdict(audit_entry)\n    log.info('', **entry)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def check(pp_captured_order):\n"
            "    log.error('mismatch %s', str(pp_captured_order.dict()))\n",
            level=Level.WARNING,
        ),
        Invalid(
            "import logging\nclass Customer:\n    def show(self):\n"
            "        logging.info('%s', vars(self))\n",
            level=Level.WARNING,
        ),
        Invalid(
            "import os, logging\nlogging.debug('env %s', os.environ)\n",
            message="os.environ (the environment) reaches logging.debug",
        ),
        Invalid("from os import environ\nprint(dict(environ))\n"),
        Invalid("import logging\nlogging.error('failed: %s', locals())\n"),
        Invalid("import logging\nlogging.error('%(user)s: %(password)s rejected' % locals())\n"),
        Invalid("import logging\nlogging.error('state: %s' % locals())\n"),
        Invalid("print('{0} {token}'.format(**vars(self)))\n"),
        Invalid("raise ValueError(f'bad request {request.json}')\n"),
        Invalid("import json\nprint(json.dumps(request.form))\n"),
        Invalid("from flask import request\nimport logging\nlogging.info(request.cookies)\n"),
        Invalid("import warnings\nwarnings.warn('x {}'.format(request.META))\n"),
        Invalid("import sys\nsys.stderr.write(str(self.request.POST))\n"),
        Invalid(
            "import sys, logging, argparse\np = argparse.ArgumentParser()\n"
            "p.add_argument('-p', '--db-password')\nlogging.info('started as %s', sys.argv)\n",
            region=(4, 31, 4, 39),
            message="sys.argv (the command line, which takes a credential) reaches logging.info",
        ),
        Invalid(
            "import sys\nimport click\n@click.command()\n@click.option('--api-key')\n"
            "def main(api_key):\n    click.echo('running: ' + ' '.join(sys.argv[1:]))\n"
        ),
        Invalid(
            "import sys, typer\ndef main(token: str = typer.Option(...)):\n"
            "    raise SystemExit(f'bad arguments {sys.argv}')\n"
        ),
        Invalid(
            "from flask import jsonify\ndef profile(user):\n    return jsonify(vars(user))\n",
            message="vars(user) (a whole object) reaches the response of flask.jsonify",
        ),
        Invalid(
            "from django.http import JsonResponse\ndef debug(request):\n"
            "    return JsonResponse({'headers': dict(request.headers)})\n"
        ),
        Invalid(
            "import os\nfrom fastapi.responses import JSONResponse\n"
            "def env():\n    return JSONResponse(dict(os.environ))\n"
        ),
        Invalid(
            "from flask import Flask\napp = Flask(__name__)\n@app.route('/me')\n"
            "def me():\n    return current_user.__dict__\n",
            region=(5, 12, 5, 33),
            message="current_user.__dict__ (a whole object) reaches the response of view me",
        ),
        Invalid(
            "from fastapi import APIRouter\nrouter = APIRouter()\n@router.get('/debug')\n"
            "async def debug(request):\n    return {'cookies': request.cookies}\n"
        ),
        Invalid(
            "import flask\ndef whoami():\n    return flask.make_response(str(flask.request.headers))\n"
        ),
        Invalid(
            "from django.http import HttpResponse\ndef dump(request):\n"
            "    return HttpResponse(repr(locals()))\n"
        ),
    ]

    def __init__(self) -> None:
        #: a route decorator was seen; the next function defined is a view
        self._route_pending = False
        #: the scope in which that view function is being defined
        self._view_parent: str | None = None
        #: dotted scope names of the module's view functions
        self._views: set[str] = set()
        self._argv_credentials: bool | None = None

    def on_call(self, site: CallSite) -> None:
        found = sink_of(site)
        if found is not None:
            self._check(site, *found)
        elif site.qualified is not None and matches(
            site.policy.redaction.response_functions, site.qualified
        ):
            values = [arg.value for arg in site.node.args]
            self._check(site, values, f"the response of {site.qualified}", response=True)

    def on_assign(self, site: AssignSite) -> None:
        """``payload = request.get_json()``: the name holds a whole dump from here on
        in its function (until it is bound to something else)."""
        target = site.target
        if not isinstance(target, cst.Name):
            return
        held = _held(site)
        what = _dump_kind(site, site.value)
        if what == OBJECT and not _object_evidence(site, site.value):
            what = PLAIN_OBJECT
        if what is None:
            held.pop(target.value, None)
        else:
            held[target.value] = what

    def on_raise(self, site: RaiseSite) -> None:
        found = raised_values(site)
        if found is not None:
            self._check(site, *found)

    def on_class(self, site: ClassSite) -> None:
        self._route_pending = False  # a route decorator on a class is not a view

    def on_statement(self, site: StatementSite) -> None:
        node = site.node
        if self._view_parent is not None:
            parent = self._view_parent
            if site.scope.startswith(f"{parent}.") if parent else bool(site.scope):
                self._views.add(site.scope)
                self._view_parent = None
        if isinstance(node, cst.Call) and _is_route(site, node):
            self._route_pending = True
        elif isinstance(node, cst.Parameters):
            if self._route_pending:
                self._view_parent = site.scope
            self._route_pending = False
        elif isinstance(node, cst.Return) and node.value is not None and site.scope in self._views:
            name = site.scope.rpartition(".")[2]
            self._check(site, [node.value], f"the response of view {name}", response=True)

    def _check(
        self,
        site: Site,
        values: list[cst.BaseExpression],
        sink: str,
        response: bool = False,
    ) -> None:
        for value in values:
            for node, what in _dumps(site, value, response):
                if what == ARGV and not self._takes_credentials(site):
                    continue
                if what == OBJECT and not _object_evidence(site, node):
                    what = PLAIN_OBJECT
                if what == REQUEST_PART and _plain_body(site, node):
                    what = PLAIN_BODY
                site.report(
                    type(self),
                    node,
                    f"{site.source(node)} ({what}) reaches {sink}",
                    level=Level.NOTE if what in (PLAIN_OBJECT, PLAIN_BODY) else None,
                )

    def _takes_credentials(self, site: Site) -> bool:
        """Whether the module declares a command-line option named for a credential."""
        if self._argv_credentials is None:
            module = root_module(site)
            facts = ModuleFacts.of(module) if module is not None else ModuleFacts()
            self._argv_credentials = _declares_credential_option(site, facts)
        return self._argv_credentials


def _is_route(site: StatementSite, node: cst.Call) -> bool:
    """``@app.route("/x")``, ``@router.get("/items/{id}")``: a path as first argument."""
    func = node.func
    if not isinstance(func, cst.Attribute):
        return False
    if func.attr.value not in site.policy.redaction.route_methods or not node.args:
        return False
    first = node.args[0]
    if first.keyword is not None:
        return False
    path = string_value(first.value)
    return path is not None and path.startswith("/")


def _declares_credential_option(site: Site, facts: ModuleFacts) -> bool:
    spec = site.policy.redaction
    for call in facts.calls:
        func = call.func
        qualified = site.qualify(func)
        is_method = isinstance(func, cst.Attribute) and func.attr.value in spec.option_methods
        if not is_method and qualified not in spec.option_functions:
            continue
        if qualified == "click.password_option":
            return True
        for arg in call.args:
            name = string_value(arg.value) if arg.keyword is None else None
            if name is not None and _is_credential(site, name.lstrip("-")):
                return True
            if arg.keyword is not None and arg.keyword.value == "dest":
                dest = string_value(arg.value)
                if dest is not None and _is_credential(site, dest):
                    return True
    for name, default in facts.param_defaults:
        if site.qualify(default.func) in spec.option_functions and _is_credential(site, name):
            return True
    return False


def _is_credential(site: Site, name: str) -> bool:
    return any(c.startswith("credential.") for c in site.policy.classify(name))


def _dumps(
    site: Site, node: cst.BaseExpression, response: bool = False
) -> Iterator[tuple[cst.BaseExpression, str]]:
    """Whole-object dumps in an expression that reach its value unreduced.

    In a response, a serialised model (``model_dump()``, ``asdict``) is the usual
    way to write a body with chosen fields, and echoing the request's own body is
    the client's data: only whole objects by ``vars``/``__dict__``/``locals``, the
    environment, headers and cookies are reported there.
    """
    what = _dump_kind(site, node)
    if what is None and isinstance(node, cst.Name) and not response:
        what = _held(site).get(node.value)  # `payload = request.get_json()` earlier
    if what is not None and not (response and _chosen_for_responses(site, node)):
        yield node, what
        return
    by_key = _format_by_key(site, node)
    if by_key is not None:
        # `"%(user)s logged in" % locals()`: the format reads the keys it names, not
        # the whole mapping; reported only when one of them names sensitive data
        mapping, keys = by_key
        what = _dump_kind(site, mapping)
        if what is not None and any(site.policy.classify(key) for key in keys):
            yield mapping, what
        return
    children = composed_parts(node)
    if isinstance(node, cst.Call):
        func = node.func
        passes = site.qualify(func) in site.policy.redaction.pass_through or (
            # `"{}".format(vars(x))`, `" ".join(sys.argv)`
            isinstance(func, cst.Attribute) and func.attr.value in ("format", "join")
        )
        if passes:
            children = [arg.value for arg in node.args]
    for child in children:
        yield from _dumps(site, child, response)


def _format_by_key(
    site: Site, node: cst.BaseExpression
) -> tuple[cst.BaseExpression, list[str]] | None:
    """A literal format that reads a mapping by key: ``"%(name)s" % mapping``,
    ``"{name}".format(**mapping)``, ``"{name}".format_map(mapping)`` (the literal
    may be wrapped in a translation call, ``_("...")``); the mapping and the keys the
    format names. None for anything else, and for a format with a positional slot
    (``"%s" % locals()`` prints the whole mapping)."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        text = _literal_text(site, node.left)
        if text is None or _POSITIONAL_PERCENT.search(text.replace("%%", "")):
            return None
        keys = _PERCENT_KEY.findall(text)
        return (node.right, keys) if keys else None
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        return None
    method = node.func.attr.value
    if method not in ("format", "format_map") or len(node.args) != 1:
        return None
    arg = node.args[0]
    if (method == "format") != (arg.star == "**") or arg.keyword is not None:
        return None
    text = _literal_text(site, node.func.value)
    if text is None:
        return None
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
    except ValueError:
        return None
    keys = [re.split(r"[.\[!:]", field, maxsplit=1)[0] for field in fields]
    if not keys or any(not key or key.isdigit() for key in keys):
        return None
    return arg.value, keys


def _literal_text(site: Site, node: cst.BaseExpression) -> str | None:
    """A string literal, or one passed to a translation call (``_("...")``,
    ``gettext``: the pack's ``[descriptions] translations``)."""
    text = string_value(node)
    if text is None and isinstance(node, cst.Call) and node.args:
        name = dotted(node.func)
        if name is not None and name.rpartition(".")[2] in site.policy.sinks.translations:
            text = string_value(node.args[0].value)
    return text


#: `%(name)s`: a key of the mapping on the right of `%`
_PERCENT_KEY = re.compile(r"%\((\w+)\)")
#: `%s`, `%5.2f`: a positional slot (the whole right-hand side is printed)
_POSITIONAL_PERCENT = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def _plain_body(site: Site, node: cst.BaseExpression) -> bool:
    """``data = await request.json()`` logged whole, in a function that reads keys of
    ``data`` (``data["eventType"]``, ``data.get(ATTR_STATE)``) none of which names
    critical data: a device's or a service's event, not a person's (a webhook of a
    thermostat). A body none of whose keys are read here, a body one of whose keys
    names a secret (``data["secret"]``), and headers stay warnings."""
    if not isinstance(node, cst.Name):
        return False
    body = site.analysis.scope.function_scope().body
    if body is None:
        return False
    keys = list(_keys_read(body, node.value))
    if not keys:
        return False
    policy = site.policy
    return all(policy.level_of(policy.classify(key)) < Level.ERROR for key in keys)


def _keys_read(body: cst.CSTNode, name: str) -> Iterator[str]:
    """The literal or constant keys read off ``name`` in ``body``: subscripts and
    ``get``/``pop``/``setdefault`` calls, nested ones included (``data["context"]["deviceMac"]``)."""
    for node in iter_nodes(body):
        if isinstance(node, cst.Subscript) and len(node.slice) == 1:
            index = node.slice[0].slice
            if isinstance(index, cst.Index) and _rooted_at(node.value, name):
                key = _key_text(index.value)
                if key is not None:
                    yield key
        elif (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value in KEYED_METHODS
            and node.args
            and _rooted_at(node.func.value, name)
        ):
            key = _key_text(node.args[0].value)
            if key is not None:
                yield key


def _rooted_at(node: cst.BaseExpression, name: str) -> bool:
    while isinstance(node, (cst.Subscript, cst.Call)):
        if isinstance(node, cst.Call):
            if not isinstance(node.func, cst.Attribute):
                return False
            node = node.func.value
        else:
            node = node.value
    return isinstance(node, cst.Name) and node.value == name


def _key_text(node: cst.BaseExpression) -> str | None:
    text = string_value(node)
    if text is not None:
        return text
    return node.value if isinstance(node, cst.Name) and node.value.isupper() else None


def _held(site: Site) -> dict[str, str]:
    """Names of the current function bound to a whole dump -> what the dump is."""
    scope = site.analysis.scope.function_scope()
    state: dict[int, tuple[object, dict[str, str]]] = site.analysis.rule_state.setdefault(
        "PL404.held", {}
    )
    return state.setdefault(id(scope), (scope, {}))[1]


def _dump_kind(site: Site, node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Call):
        func = node.func
        qualified = site.qualify(func)
        if qualified in site.policy.redaction.dump_functions:
            return "a whole object" if node.args else "every local variable"
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value in site.policy.redaction.model_dump_methods
            and not node.args
        ):
            return "a whole object"
        if isinstance(func, cst.Attribute) and _is_request_part(site, func):
            return REQUEST_PART  # `await request.json()`
        return None
    if isinstance(node, cst.Await):
        return _dump_kind(site, node.expression)
    qualified = site.qualify(node)
    if qualified in site.policy.redaction.environment:
        return "the environment"
    if qualified in site.policy.redaction.argv or _is_argv_slice(site, node):
        return ARGV
    if isinstance(node, cst.Attribute):
        if node.attr.value == "__dict__":
            return "a whole object"
        if _is_request_part(site, node):
            return REQUEST_PART
    return None


def _object_evidence(site: Site, node: cst.BaseExpression) -> bool:
    """Whether something says the object a dump (``vars(x)``, ``x.__dict__``,
    ``x.model_dump()``) takes whole holds people's data or secrets: a word of its name,
    or of the class of ``self``, that the taxonomy classifies, that names a person (the
    taxonomy's ambiguous owners) or that the pack's ``[dumps] object-words`` list; or
    a configuration (``config-words``) of nothing ``plain-words`` name (a cache's). An
    object privlint cannot name is taken to hold them."""
    if isinstance(node, cst.Await):
        node = node.expression
    obj: cst.BaseExpression | None = None
    if isinstance(node, cst.Call):
        func = node.func
        if isinstance(func, cst.Attribute) and not node.args:
            obj = func.value  # `order.model_dump()`
        elif node.args:
            obj = node.args[0].value  # `vars(user)`, `asdict(login)`
    elif isinstance(node, cst.Attribute):
        obj = node.value  # `user.__dict__`
    while isinstance(obj, (cst.Subscript, cst.Call, cst.Await)):
        obj = (
            obj.expression
            if isinstance(obj, cst.Await)
            else (obj.value if isinstance(obj, cst.Subscript) else obj.func)
        )
    name = dotted(obj) if obj is not None else None
    if name is None:
        return True
    last = name.rpartition(".")[2]
    if last in ("self", "cls"):
        scope = site.analysis.scope.function_scope().name
        owner = scope.rpartition(".")[0]
        if not owner:
            return True
        last = owner.rpartition(".")[2]
    policy = site.policy
    if policy.classify(last):
        return True
    words = set(identifier_words(last))
    if obj is not None and isinstance(obj, cst.Name):
        # `card: PaymentCard`: the class says what the object holds
        annotated = site.analysis.scope.function_scope().annotations.get(obj.value)
        words |= set(identifier_words(annotated)) if annotated else set()
    words |= {word[:-1] for word in words if word.endswith("s")}
    redaction = policy.redaction
    if not words.isdisjoint(redaction.object_words | policy.ambiguous_owners) or any(
        policy.classify(word) for word in words
    ):
        return True
    # `settings.model_dump()` holds its secrets; `previous_cache_config` cache sizes
    return not words.isdisjoint(redaction.config_words) and words.isdisjoint(redaction.plain_words)


def _is_argv_slice(site: Site, node: cst.BaseExpression) -> bool:
    """``sys.argv[1:]``: what the command line holds, less the program's name."""
    return (
        isinstance(node, cst.Subscript)
        and len(node.slice) == 1
        and isinstance(node.slice[0].slice, cst.Slice)
        and site.qualify(node.value) in site.policy.redaction.argv
    )


def _chosen_for_responses(site: Site, node: cst.BaseExpression) -> bool:
    """Dumps that are a normal response body: a model's chosen fields, the request body."""
    if isinstance(node, cst.Await):
        node = node.expression
    if isinstance(node, cst.Call):
        func = node.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value in site.policy.redaction.model_dump_methods
        ):
            return True
        if site.qualify(func) in site.policy.redaction.model_dump_functions:
            return True
        node = func
    return (
        isinstance(node, cst.Attribute)
        and _is_request_part(site, node)
        and node.attr.value not in site.policy.redaction.response_request_parts
    )


def _is_request_part(site: Site, node: cst.Attribute) -> bool:
    if node.attr.value not in site.policy.redaction.request_parts:
        return False
    receiver = node.value
    name = dotted(receiver)
    if name is None:
        return False
    names = site.policy.redaction.request_names
    return name.rpartition(".")[2] in names or site.qualify(receiver) in names
