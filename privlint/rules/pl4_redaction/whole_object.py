"""PL404: a whole object, request part or environment is dumped to a log, output or exception."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from privlint.engine.context import CallSite, RaiseSite, Site
from privlint.engine.dataflow import dotted
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register

#: calls that return every attribute or variable of their argument (or scope)
DUMP_FUNCTIONS = frozenset(
    {
        "vars", "locals", "globals", "dataclasses.asdict", "dataclasses.astuple",
        "attr.asdict", "attrs.asdict",
    }
)  # fmt: skip
#: methods that serialise a whole model (pydantic 2 and 1)
DUMP_METHODS = frozenset({"model_dump", "model_dump_json", "dict"})
#: parts of an HTTP request that hold credentials and personal data as a whole
REQUEST_PARTS = frozenset(
    {"headers", "cookies", "json", "form", "body", "data", "POST", "GET", "META", "values"}
)
REQUEST_NAMES = frozenset({"request", "req", "flask.request"})
ENVIRONMENT = frozenset({"os.environ", "os.environb"})
#: calls through which a dump still reaches the sink whole
PASS_THROUGH = frozenset(
    {"str", "repr", "format", "dict", "list", "tuple", "json.dumps", "pprint.pformat"}
)

TRIGGER_WORDS = (
    "vars(", "locals(", "globals(", "__dict__", "asdict", "astuple", "model_dump", ".dict(",
    "request", "req.", "environ",
)  # fmt: skip


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
    `sorted(os.environ)`) does not. Sinks are those of PL101-PL104.
    """

    CODE = "PL404"
    NAME = "whole-object-to-sink"
    LEVEL = Level.WARNING
    TAGS = ("privacy", "security", "external/cwe/cwe-532")
    SECURITY_SEVERITY = 5.0
    CWE = (532,)
    TRIGGER = TRIGGER_WORDS

    VALID = [
        Valid("import logging\nlogging.info('n=%d', len(vars(x)))\n"),
        Valid("import logging\nlogging.info('ua %s', request.headers.get('User-Agent'))\n"),
        Valid("import logging\nlogging.info('ua %s', request.headers['User-Agent'])\n"),
        Valid("import os\nprint(sorted(os.environ))\n"),
        Valid("import os\nprint(os.environ.get('HOME'))\n"),
        Valid("x = vars(obj)\nsave(x)\n"),
        Valid("import logging\nlogging.info('%s', response.status_code)\n"),
        Valid("import logging\nlogging.info('keys %s', list(obj.__dict__.keys()))\n"),
        Valid("def print(*a):\n    pass\nprint(locals())\n"),
        Valid("import logging\nlogging.info('method %s', request.method)\n"),
        Valid("raise ValueError(f'bad {len(request.body)} bytes')\n"),
        Valid("import logging\nlogging.info('%s', model.model_dump_keys)\n"),
    ]
    INVALID = [
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
        Invalid("import logging\nlogging.info('%s' % model.dict())\n"),
        Invalid(
            "import os, logging\nlogging.debug('env %s', os.environ)\n",
            message="os.environ (the environment) reaches logging.debug",
        ),
        Invalid("from os import environ\nprint(dict(environ))\n"),
        Invalid("import logging\nlogging.error('failed: %s', locals())\n"),
        Invalid("raise ValueError(f'bad request {request.json}')\n"),
        Invalid("import json\nprint(json.dumps(request.form))\n"),
        Invalid("from flask import request\nimport logging\nlogging.info(request.cookies)\n"),
        Invalid("import warnings\nwarnings.warn('x {}'.format(request.META))\n"),
        Invalid("import sys\nsys.stderr.write(str(self.request.POST))\n"),
    ]

    def on_call(self, site: CallSite) -> None:
        sinks = site.policy.sinks
        if site.is_log_call():
            args = site.data_arguments(sinks.log_ignore_keywords)
            if site.method == "log" or site.qualified == "logging.log":
                args = args[1:]
        elif site.qualified is not None and site.qualified in sinks.output_functions:
            args = site.data_arguments(sinks.output_ignore_keywords)
        elif site.qualified is not None and site.qualified in sinks.warning_functions:
            args = list(site.node.args)
        else:
            return
        self._check(site, [arg.value for arg in args], site.callee_name())

    def on_raise(self, site: RaiseSite) -> None:
        exc = site.exc
        if isinstance(exc, cst.Call):
            name = f"the message of {site.source(exc.func)}"
            self._check(site, [arg.value for arg in exc.args], name)

    def _check(self, site: Site, values: list[cst.BaseExpression], sink: str) -> None:
        for value in values:
            for node, what in _dumps(site, value):
                site.report(type(self), node, f"{site.source(node)} ({what}) reaches {sink}")


def _dumps(site: Site, node: cst.BaseExpression) -> Iterator[tuple[cst.BaseExpression, str]]:
    """Whole-object dumps in an expression that reach its value unreduced."""
    what = _dump_kind(site, node)
    if what is not None:
        yield node, what
        return
    children: list[cst.BaseExpression] = []
    if isinstance(node, cst.FormattedString):
        children = [
            part.expression
            for part in node.parts
            if isinstance(part, cst.FormattedStringExpression)
        ]
    elif isinstance(node, cst.BinaryOperation):
        children = [node.left, node.right]
    elif isinstance(node, (cst.Tuple, cst.List, cst.Set, cst.Dict)):
        children = [element.value for element in node.elements]
    elif isinstance(node, cst.Call):
        func = node.func
        passes = site.qualify(func) in PASS_THROUGH or (
            isinstance(func, cst.Attribute) and func.attr.value == "format"
        )
        if passes:
            children = [arg.value for arg in node.args]
    for child in children:
        yield from _dumps(site, child)


def _dump_kind(site: Site, node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Call):
        func = node.func
        qualified = site.qualify(func)
        if qualified in DUMP_FUNCTIONS:
            return "a whole object" if node.args else "every local variable"
        if isinstance(func, cst.Attribute) and func.attr.value in DUMP_METHODS and not node.args:
            return "a whole object"
        if isinstance(func, cst.Attribute) and _is_request_part(site, func):
            return "a whole request part"  # `await request.json()`
        return None
    if isinstance(node, cst.Await):
        return _dump_kind(site, node.expression)
    if site.qualify(node) in ENVIRONMENT:
        return "the environment"
    if isinstance(node, cst.Attribute):
        if node.attr.value == "__dict__":
            return "a whole object"
        if _is_request_part(site, node):
            return "a whole request part"
    return None


def _is_request_part(site: Site, node: cst.Attribute) -> bool:
    if node.attr.value not in REQUEST_PARTS:
        return False
    receiver = node.value
    name = dotted(receiver)
    if name is None:
        return False
    return name.rpartition(".")[2] in REQUEST_NAMES or site.qualify(receiver) in REQUEST_NAMES
