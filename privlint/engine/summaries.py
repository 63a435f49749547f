"""Function summaries: which parameters of a function reach which sink, so that a call
of a helper (``def record(msg, *args): _log.debug(msg, *args)``) with sensitive data
is reported at the call, naming the path (``... reaches logging.debug through record``).

A summary is computed during the one walk of the module: when a rule's sink is reached
inside a function (:meth:`Summaries.sink_reached`), the function's parameters are given
marker categories and the sink's argument is tainted once more: the markers that come
out are the parameters that reach the sink, through the same propagation and sanitizers
as any value. Calls of the module's own functions (``record(...)``, ``self._trace(...)``)
are kept with their arguments' taint and markers; once the module is walked,
:meth:`Summaries.finish` carries summaries up through helpers that call helpers (a
bounded fixpoint: recursion and long chains stop) and reports each call whose tainted
argument reaches a sink. Per file and pure, so files are still analysed independently.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import libcst as cst

from privlint.engine.dataflow import CLEAN, Analysis, Import, Scope, Taint, dotted
from privlint.findings import Confidence
from privlint.policy.model import Lookup, Policy

if TYPE_CHECKING:
    from libcst import Call, CSTNode

    from privlint.engine.context import FileContext, Site
    from privlint.rules.base import Rule

Describe = Callable[[Sequence[str], str], str]

#: how a parameter is marked while a sink's argument is tainted for the summary
_MARK = "\0param:"
#: helpers through helpers: longer chains are not followed
MAX_DEPTH = 4


@dataclass(frozen=True)
class Function:
    """A function of the module: its parameters in order, and what binds them."""

    positional: tuple[str, ...]
    keyword_only: frozenset[str]
    star: str | None
    method: bool
    #: the ``**kwargs`` parameter: keyword arguments that name no other parameter
    double_star: str | None = None


@dataclass(frozen=True, order=True)
class Flow:
    """A parameter reaches ``sink`` of ``rule``, through the helpers in ``via``."""

    code: str
    sink: str
    via: tuple[str, ...]
    rule: type[Rule] = field(compare=False)
    describe: Describe = field(compare=False)
    #: categories the sink may receive: not reported at a call
    ignore: frozenset[str] = field(default=frozenset(), compare=False)


@dataclass
class _Call:
    site: Site
    node: Call
    caller: str
    callee: str
    #: per argument: the argument, the categories it carries, the caller's parameters
    args: list[tuple[cst.Arg, Taint, frozenset[str]]]
    statement: CSTNode | None
    scope: Scope
    strong: list[bool]


@dataclass
class Deferred:
    """A check a rule leaves to the project phase: ``constant`` names a module-level
    constant of another module of the project (``qualified``), whose value decides."""

    code: str
    node: CSTNode
    statement: CSTNode | None
    kind: str
    qualified: str
    data: dict[str, Any]
    scope: str


@dataclass
class _External:
    """A call of a function of another module of the project (``app.util.record``)."""

    callee: str
    node: Call
    caller: str
    args: list[tuple[cst.Arg, Taint, frozenset[str]]]
    strong: list[bool]
    statement: CSTNode | None


_NOT_LITERAL = object()
_URL_HEAD = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)")
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z][a-z0-9-]{0,62}\Z")
_IPV4 = re.compile(r"(?:\d{1,3}\.){3}\d{1,3}\Z")


def env_getters(policy: Policy) -> frozenset[str]:
    """The pack's look-ups by key of no particular receiver (``os.getenv``,
    ``os.environ.get``), as written after ``import os`` or ``from os import ...``: the
    second argument of ``os.environ.get("SMTP_HOST", "mail.example.net")`` is the
    setting's default."""
    return _env_getters(tuple(policy.sinks.lookups))


@functools.lru_cache(maxsize=8)
def _env_getters(lookups: tuple[Lookup, ...]) -> frozenset[str]:
    names: set[str] = set()
    for lookup in lookups:
        if not lookup.receiver_words:
            for name in lookup.functions:
                names.add(name)
                names.add(name.partition(".")[2])
    return frozenset(name for name in names if name)


def kept_constant(value: object) -> object:
    """What the project phase keeps of a constant (facts are cached): flags, numbers and
    ``None`` as they are, a URL as its scheme and host (never its user, password,
    path or query), nothing of any other string: a constant may be a secret."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        match = _URL_HEAD.match(value)
        if match is not None:
            return match.group(1) + match.group(2).rpartition("@")[2]
        if _HOST.match(value) or _IPV4.match(value) or value == "localhost":
            return value  # `mail.example.net`, `127.0.0.1`: a host
    return _NOT_LITERAL


def _ast_literal(node: ast.expr, env: frozenset[str]) -> object:
    if isinstance(node, ast.Constant):
        return node.value
    if (
        isinstance(node, ast.Call)
        and len(node.args) == 2
        and not node.keywords
        and ast.unparse(node.func) in env
    ):
        return _ast_literal(node.args[1], env)
    return _NOT_LITERAL


def unparsed_facts(display: str, tree: ast.Module, env: frozenset[str]) -> dict[str, Any]:
    """The project phase's facts of a file that no rule needed to walk: its constants
    and imports (``SMS_GATEWAY_URL = "http://..."`` in a settings module), from the
    tree CPython's parser made for the syntax check; none for a file without
    constants (nothing in it can settle a check)."""
    constants: dict[str, object] = {}
    rebound: set[str] = set()
    imports: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        elif isinstance(statement, ast.ImportFrom):
            imports.update(import_bindings(statement))
            continue
        else:
            continue
        for target in targets:
            if not isinstance(target, ast.Name):
                continue
            name = target.id
            literal = kept_constant(_ast_literal(value, env))
            if name in constants or name in rebound or literal is _NOT_LITERAL:
                constants.pop(name, None)
                rebound.add(name)
            else:
                constants[name] = literal
    if not constants:
        return {}
    return {
        "path": display,
        "flows": {},
        "params": {},
        "forwards": [],
        "calls": [],
        "imports": dict(sorted(imports.items())),
        "located": {},
        "constants": dict(sorted(constants.items())),
        "deferred": [],
    }


def import_bindings(node: ast.Import | ast.ImportFrom) -> Iterator[tuple[str, str]]:
    """The names an import binds and what each names, as the project phase writes it:
    ``from .log import record as r`` binds ``r`` to ``.log.record``, ``import a.b``
    binds ``a`` to ``a``."""
    if isinstance(node, ast.ImportFrom):
        prefix = "." * node.level + (node.module or "")
        for alias in node.names:
            joined = f"{prefix}.{alias.name}" if node.module else prefix + alias.name
            yield alias.asname or alias.name, joined
        return
    for alias in node.names:
        if alias.asname:
            yield alias.asname, alias.name
        else:
            head = alias.name.partition(".")[0]
            yield head, head


def _literal(node: cst.BaseExpression, env: frozenset[str] = frozenset()) -> object:
    """The value of a literal string, number, ``True``, ``False`` or ``None``."""
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[node.value]
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else _NOT_LITERAL
    if isinstance(node, cst.Integer):
        return int(node.value.replace("_", ""), 0) if node.value.isascii() else _NOT_LITERAL
    if isinstance(node, cst.Call) and len(node.args) == 2 and not node.args[1].keyword:
        name = _dotted(node.func)
        if name in env:
            return _literal(node.args[1].value, env)
    return _NOT_LITERAL


def _head(node: cst.BaseExpression) -> str:
    """The name an attribute chain starts from (``config`` of ``config.SMS_URL``)."""
    while isinstance(node, cst.Attribute):
        node = node.value
    return node.value if isinstance(node, cst.Name) else ""


def _dotted(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


def covered(policy: Policy, param: str) -> frozenset[str]:
    """What a helper's parameter carries by its name alone, with evidence: the helper
    already reports it where it reaches the sink (``def sign_in(email, password)`` that
    warns with the password), so a call passing the same categories adds nothing."""
    if policy.is_ambiguous(param):
        return frozenset()
    return policy.classify(param)


class Summaries:
    """The summaries of one module's functions, and the calls that may use them.

    ``project_roots``: the names that can begin an import of a module of the scanned
    project; calls of functions under them are kept for the project phase
    (:mod:`privlint.engine.project`). Empty: no project phase.
    """

    def __init__(
        self, project_roots: frozenset[str] = frozenset(), env: frozenset[str] = frozenset()
    ) -> None:
        #: the pack's look-ups of settings whose second argument is a default
        self.env = env
        self.functions: dict[str, Function] = {}
        self.classes: set[str] = set()
        self.flows: dict[tuple[str, str], set[Flow]] = {}
        self._calls: list[_Call] = []
        #: a parameter whose value decides a rule's check (``self.session.verify =
        #: verify``): the rule, the check's kind and data (see :meth:`Rule.deferred`)
        self.value_flows: dict[tuple[str, str], list[tuple[type[Rule], str, dict[str, Any]]]] = {}
        #: calls of the module's functions with a literal argument
        self._literal_calls: list[_Call] = []
        #: the parameters a function's return value passes on
        self._passes: dict[str, frozenset[str]] = {}
        self._analysis: Analysis | None = None
        self.project_roots = project_roots
        self.external: list[_External] = []
        self.imports: dict[str, str] = {}
        #: the module's constants: top-level names bound once to a literal
        self.constants: dict[str, str | bool | int | float | dict[str, Any] | None] = {}
        self._rebound: set[str] = set()
        self.deferred: list[Deferred] = []

    # -- while walking ---------------------------------------------------------------
    def prescan(
        self, body: Sequence[cst.BaseStatement | cst.BaseSmallStatement], prefix: str = ""
    ) -> None:
        """The module's functions and the methods of its classes, before the walk (a
        call may come before the definition it calls)."""
        for statement in body:
            if isinstance(statement, cst.FunctionDef):
                static = any(
                    isinstance(d.decorator, cst.Name) and d.decorator.value == "staticmethod"
                    for d in statement.decorators
                )
                self.define(
                    prefix + statement.name.value, statement.params, bool(prefix) and not static
                )
            elif isinstance(statement, cst.ClassDef) and isinstance(
                statement.body, cst.IndentedBlock
            ):
                name = prefix + statement.name.value
                self.classes.add(name)
                self.prescan(statement.body.body, name + ".")

    def define(self, name: str, params: cst.Parameters, method: bool) -> None:
        star = params.star_arg.name.value if isinstance(params.star_arg, cst.Param) else None
        double = params.star_kwarg.name.value if params.star_kwarg is not None else None
        self.functions[name] = Function(
            positional=tuple(p.name.value for p in (*params.posonly_params, *params.params)),
            keyword_only=frozenset(p.name.value for p in params.kwonly_params),
            star=star,
            method=method,
            double_star=double,
        )

    def parameters_in(
        self, analysis: Analysis, function: str, node: cst.BaseExpression
    ) -> frozenset[str]:
        """The parameters of ``function`` (the scope being walked) whose values reach
        ``node`` unchanged or through propagation, not through a sanitizer."""
        info = self.functions.get(function)
        if info is None:
            return frozenset()
        scope = analysis.scope.function_scope()
        names = [*info.positional, *sorted(info.keyword_only)]
        names += [name for name in (info.star, info.double_star) if name]
        marked = [name for name in names if name not in scope.env]  # not reassigned here
        if not marked:
            return frozenset()
        for name in marked:
            scope.env[name] = frozenset({_MARK + name})
        try:
            taint = analysis.taint(node)
        finally:
            for name in marked:
                del scope.env[name]
        return frozenset(c[len(_MARK) :] for c in taint if c.startswith(_MARK))

    def sink_reached(
        self,
        site: Site,
        function: str,
        node: cst.BaseExpression,
        rule: type[Rule],
        sink: str,
        describe: Describe,
        ignore: frozenset[str] = frozenset(),
    ) -> None:
        for name in self.parameters_in(site.analysis, function, node):
            self.flows.setdefault((function, name), set()).add(
                Flow(rule.CODE, sink, (), rule, describe, ignore)
            )

    def returned(self, analysis: Analysis, function: str, node: cst.BaseExpression) -> None:
        """``return node`` in ``function``: what the value carries by itself, with
        evidence beyond a lone ambiguous name, and the parameters it passes on
        (``return email.strip().lower()``) are what a call of the function gives."""
        if function not in self.functions:
            return
        analysis.passed = self._passed
        taint = analysis.taint(node)
        if taint and analysis.name_evidence(node):
            analysis.returns[function] = analysis.returns.get(function, frozenset()) | taint
            if "." not in function:  # what other modules learn of a top-level function
                self.export(function, {"returns": sorted(analysis.returns[function])})
        passes = self.parameters_in(analysis, function, node)
        if passes:
            self._passes[function] = self._passes.get(function, frozenset()) | passes
            self._analysis = analysis

    def _passed(self, function: str, call: cst.Call) -> Taint:
        """What the arguments of ``call`` bound to the parameters ``function`` returns
        carry."""
        passes = self._passes.get(function)
        info = self.functions.get(function)
        if not passes or info is None or self._analysis is None:
            return frozenset()
        positional = info.positional[1:] if info.method else info.positional
        found: set[str] = set()
        index = 0
        for arg in call.args:
            if arg.star:
                break
            if arg.keyword is not None:
                name: str | None = arg.keyword.value
            elif index < len(positional):
                name = positional[index]
                index += 1
            else:
                name = info.star
            if name in passes:
                found |= self._analysis.taint(arg.value)
        return frozenset(found)

    def constant(self, target: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
        """A top-level ``NAME = value``: a literal that other modules may import; a name
        bound twice is no constant."""
        if not isinstance(target, cst.Name):
            return
        name = target.value
        literal = kept_constant(_literal(value, self.env)) if value is not None else _NOT_LITERAL
        if name in self.constants or name in self._rebound or literal is _NOT_LITERAL:
            self.constants.pop(name, None)
            self._rebound.add(name)
            return
        self.constants[name] = literal  # type: ignore[assignment]

    def defer(
        self,
        analysis: Analysis,
        rule: type[Rule],
        node: CSTNode,
        statement: CSTNode | None,
        constant: cst.BaseExpression | str,
        kind: str,
        data: dict[str, Any],
        scope: str,
    ) -> bool:
        """Leave ``rule``'s check of ``node`` to the project phase when ``constant`` is
        a name imported from another module of the project (True: left)."""
        if isinstance(constant, str):
            self.deferred.append(Deferred(rule.CODE, node, statement, kind, constant, data, scope))
            return True
        qualified = self.imported(analysis, constant)
        if qualified is None:
            return False  # `self.host`, a local: not another module's constant
        self.deferred.append(Deferred(rule.CODE, node, statement, kind, qualified, data, scope))
        return True

    def imported(self, analysis: Analysis, node: cst.BaseExpression) -> str | None:
        """The qualified name of ``node`` when it names something imported from another
        module of the project (a class, a constant), else None."""
        if not self.project_roots or not isinstance(node, (cst.Name, cst.Attribute)):
            return None
        qualified = analysis.qualify(node)
        if qualified is None or "." not in qualified:
            return None
        if not qualified.startswith(".") and qualified.partition(".")[0] not in self.project_roots:
            return None
        binding = analysis.scope.lookup(_head(node))
        return qualified if isinstance(binding, Import) else None

    def bound(
        self, analysis: Analysis, target: cst.BaseExpression, value: cst.BaseExpression
    ) -> None:
        """``target = value``: remember a name bound to the result of another module's
        function of the project (``token = fetch_api_token()``)."""
        if not isinstance(target, cst.Name):
            return
        origins = analysis.scope.origins
        qualified = self.imported(analysis, value.func) if isinstance(value, cst.Call) else None
        if qualified is not None:
            origins[target.value] = qualified
        else:
            origins.pop(target.value, None)

    def origins_in(self, analysis: Analysis, node: cst.BaseExpression) -> list[str]:
        """The functions of other modules whose results ``node`` reads: called in it, or
        bound to a name it reads (in this function)."""
        if not self.project_roots:
            return []
        found: list[str] = []
        stack: list[cst.CSTNode] = [node]
        origins = analysis.scope.origins
        while stack:
            current = stack.pop()
            if isinstance(current, cst.Name):
                if current.value in origins:
                    found.append(origins[current.value])
                continue
            if isinstance(current, cst.Call):
                qualified = self.imported(analysis, current.func)
                if qualified is not None:
                    found.append(qualified)
                    continue
                func = current.func
                last = func.attr.value if isinstance(func, cst.Attribute) else dotted(func)
                if analysis.policy.is_sanitizer(analysis.qualify(func), last or ""):
                    continue  # `len(token)`
                stack.extend(arg.value for arg in current.args)
                if isinstance(current.func, cst.Attribute):
                    stack.append(current.func.value)
                continue
            if isinstance(current, (cst.Attribute, cst.Subscript)):
                continue  # `token.expires_at`, `config["model"]`: a part of the result
            stack.extend(current.children)
        return sorted(set(found))

    def export(self, name: str, value: dict[str, Any]) -> None:
        """What other modules may learn of a top-level name of this one in the project
        phase (a record class and its sensitive field): plain data, never a value."""
        self.constants[name] = value

    def callee(self, caller: str, func: cst.BaseExpression) -> str | None:
        """The module's own function a call names: ``helper(...)`` at any level, or
        ``self.helper(...)``/``cls.helper(...)`` in a method of the same class."""
        if isinstance(func, cst.Name):
            if func.value in self.functions:
                return func.value
            constructor = f"{func.value}.__init__"  # `ApiClient(...)`
            return (
                constructor
                if func.value in self.classes and constructor in self.functions
                else None
            )
        if (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.value.value in ("self", "cls")
        ):
            owner = caller.rpartition(".")[0]
            name = f"{owner}.{func.attr.value}"
            if owner in self.classes and name in self.functions:
                return name
        return None

    def value_reached(
        self,
        analysis: Analysis,
        function: str,
        node: cst.BaseExpression,
        rule: type[Rule],
        kind: str,
        data: dict[str, Any],
    ) -> None:
        """``node``'s value decides ``rule``'s check here: when it is a parameter of
        ``function`` (never reassigned), calls that pass a literal decide it instead."""
        info = self.functions.get(function)
        if info is None or not isinstance(node, cst.Name):
            return
        name = node.value
        if name not in (*info.positional, *info.keyword_only):
            return
        if name in analysis.scope.function_scope().env:
            return  # reassigned: not the caller's value
        self.value_flows.setdefault((function, name), []).append((rule, kind, data))

    def call(self, context: FileContext, site: Site, node: cst.Call) -> None:
        callee = self.callee(context.scope_name, node.func)
        if callee is None:
            self._external(context, site, node)
            return
        if any(_literal(arg.value) is not _NOT_LITERAL for arg in node.args):
            args = [(arg, CLEAN, frozenset[str]()) for arg in node.args]
            self._literal_calls.append(
                _Call(
                    site,
                    node,
                    context.scope_name,
                    callee,
                    args,
                    context.statement,
                    site.analysis.scope,
                    [False] * len(args),
                )
            )
        arguments = self._arguments(site.analysis, context.scope_name, node)
        if arguments is not None:
            args, strong = arguments
            scope = site.analysis.scope
            call = _Call(
                site, node, context.scope_name, callee, args, context.statement, scope, strong
            )
            self._calls.append(call)

    def _external(self, context: FileContext, site: Site, node: cst.Call) -> None:
        """Keep a call of another module's function of the project, with what its
        arguments carry, for the project phase."""
        if not self.project_roots:
            return
        qualified = site.analysis.qualify(node.func)
        if qualified is None or "." not in qualified:
            return
        if not qualified.startswith(".") and qualified.partition(".")[0] not in self.project_roots:
            return
        arguments = self._arguments(site.analysis, context.scope_name, node)
        if arguments is not None:
            args, strong = arguments
            self.external.append(
                _External(qualified, node, context.scope_name, args, strong, context.statement)
            )

    def _arguments(
        self, analysis: Analysis, caller: str, node: cst.Call
    ) -> tuple[list[tuple[cst.Arg, Taint, frozenset[str]]], list[bool]] | None:
        """Each argument with the categories it carries and the caller's parameters it
        passes on, and whether its evidence is more than a name; None when no argument
        carries anything."""
        args = []
        strong = []
        for arg in node.args:
            taint = analysis.taint(arg.value)
            args.append((arg, taint, self.parameters_in(analysis, caller, arg.value)))
            strong.append(bool(taint) and analysis.name_evidence(arg.value))
        if not any(taint or params for _, taint, params in args):
            return None
        return args, strong

    # -- once the module is walked -------------------------------------------------------
    def local_calls(self) -> list[_Call]:
        return self._calls

    def _parameters(self, call: _Call) -> Iterator[tuple[int, str]]:
        """Each argument's index and the parameter of the callee it binds."""
        info = self.functions[call.callee]
        positional = info.positional[1:] if info.method else info.positional
        index = 0
        for number, (arg, _, _) in enumerate(call.args):
            if arg.star:
                return  # `*xs`, `**kw`: which parameter is not known
            if arg.keyword is not None:
                name = arg.keyword.value
                if name in positional or name in info.keyword_only:
                    yield number, name
                elif info.double_star is not None:
                    yield number, info.double_star  # `email=...` into `**fields`
                continue
            if index < len(positional):
                yield number, positional[index]
            elif info.star is not None:
                yield number, info.star
            index += 1

    def finish(self, context: FileContext) -> None:
        for call in self._literal_calls:
            self._report_values(context, call)
        if not self._calls:
            return
        # summaries up through helpers that pass their parameters to helpers
        for _ in range(MAX_DEPTH):
            changed = False
            for call in self._calls:
                if call.caller not in self.functions:
                    continue
                for number, param in self._parameters(call):
                    outer = call.args[number][2]
                    for flow in list(self.flows.get((call.callee, param), ())):
                        if call.callee in flow.via or len(flow.via) >= MAX_DEPTH:
                            continue
                        lifted = Flow(
                            flow.code,
                            flow.sink,
                            (call.callee, *flow.via),
                            flow.rule,
                            flow.describe,
                            flow.ignore,
                        )
                        for name in outer:
                            known = self.flows.setdefault((call.caller, name), set())
                            if lifted not in known:
                                known.add(lifted)
                                changed = True
            if not changed:
                break
        for call in self._calls:
            self._report(context, call)

    def _report_values(self, context: FileContext, call: _Call) -> None:
        """A literal argument bound to a parameter whose value decides a rule's check
        in the callee: the rule judges the literal, and reports at the argument."""
        if not self.value_flows:
            return
        saved = context.statement, context.scope_name, call.site.analysis.scope
        context.statement, context.scope_name = call.statement, call.caller
        call.site.analysis.scope = call.scope
        try:
            for number, param in self._parameters(call):
                arg = call.args[number][0]
                value = _literal(arg.value)
                for rule, kind, data in self.value_flows.get((call.callee, param), ()):
                    shown = call.site.source(arg.value)
                    where = f"{data.get('name', '')} through {call.callee}".strip()
                    outcome = rule.deferred(
                        kind, {**data, "shown": shown, "name": where}, value, call.site.policy
                    )
                    if outcome is not None:
                        message, level = outcome
                        call.site.report(rule, arg.value, message, level=level)
        finally:
            context.statement, context.scope_name, call.site.analysis.scope = saved

    def _report(self, context: FileContext, call: _Call) -> None:
        saved = context.statement, context.scope_name, call.site.analysis.scope
        context.statement, context.scope_name = call.statement, call.caller
        call.site.analysis.scope = call.scope
        try:
            for number, param in self._parameters(call):
                arg, taint, _ = call.args[number]
                flows = sorted(self.flows.get((call.callee, param), ()))
                taint = taint - covered(call.site.policy, param)
                if not taint or not flows:
                    continue
                reported: set[str] = set()
                for flow in flows:
                    categories = call.site.ordered(taint - flow.ignore)
                    if flow.code in reported or not categories:
                        continue
                    reported.add(flow.code)
                    path = " -> ".join((call.callee, *flow.via))
                    call.site.report(
                        flow.rule,
                        arg.value,
                        flow.describe(categories, f"{flow.sink} through {path}"),
                        categories,
                        confidence=Confidence.HIGH if call.strong[number] else Confidence.LOW,
                    )
        finally:
            context.statement, context.scope_name, call.site.analysis.scope = saved
