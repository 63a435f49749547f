"""The one walk over a module: statements in order, taint kept, rules called at sites.

A rule's hook that raises is a bug in that rule, not in the file: the walker stops
calling that rule for the rest of the file, notes the exception's type in
:attr:`Walker.failures` and goes on with the other rules. An exception raised by the
walk itself (the shared dataflow) propagates: the runner reports the whole file.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TypeAlias

import libcst as cst

from privlint.engine.context import CallSite, FileContext, RaiseSite, Site
from privlint.engine.dataflow import (
    CLEAN,
    Analysis,
    Local,
    Scope,
    dotted,
    iter_nodes,
    merge_envs,
)
from privlint.engine.failure import describe
from privlint.rules.base import Rule

LOG = logging.getLogger(__name__)

Body: TypeAlias = "Sequence[cst.BaseStatement] | Sequence[cst.BaseSmallStatement]"


class AssignSite(Site):
    """``target = value`` (also annotated) or ``with value as target``, before binding."""

    def __init__(
        self,
        context: FileContext,
        node: cst.CSTNode,
        target: cst.BaseExpression,
        value: cst.BaseExpression,
    ) -> None:
        super().__init__(context)
        self.node = node
        self.target = target
        self.value = value


class StatementSite(Site):
    """A simple statement, a compound statement's header expression, or a function's
    parameters: what ``on_statement`` rules search (they do not enter nested bodies)."""

    def __init__(
        self, context: FileContext, node: cst.CSTNode, nodes: list[cst.CSTNode] | None = None
    ) -> None:
        super().__init__(context)
        self.node = node
        #: the dotted name of the enclosing scopes (``User.__repr__``), "" at module level
        self.scope = context.scope_name
        self._nodes = nodes

    @property
    def nodes(self) -> list[cst.CSTNode]:
        """``iter_nodes(node)`` as a list, walked once and shared with call dispatch."""
        if self._nodes is None:
            self._nodes = list(iter_nodes(self.node))
        return self._nodes


class ClassSite(Site):
    """A ``class`` statement, seen from the scope that defines it."""

    def __init__(self, context: FileContext, node: cst.ClassDef) -> None:
        super().__init__(context)
        self.node = node

    def code(self, node: cst.CSTNode) -> str:
        """Exact source text of a node (for fixes that keep it)."""
        return self._context.module.code_for_node(node)


class Walker:
    """Walks one module for a set of rules, in source order, once."""

    def __init__(self, context: FileContext, rules: Sequence[Rule]) -> None:
        self.context = context
        self.analysis: Analysis = context.analysis
        self.call_rules = [rule for rule in rules if type(rule).overrides("on_call")]
        self.raise_rules = [rule for rule in rules if type(rule).overrides("on_raise")]
        self.assign_rules = [rule for rule in rules if type(rule).overrides("on_assign")]
        self.statement_rules = [rule for rule in rules if type(rule).overrides("on_statement")]
        self.class_rules = [rule for rule in rules if type(rule).overrides("on_class")]
        #: rules that raised on this file -> the exception's type name (never its text,
        #: which could quote the source); the first failure of each rule
        self.failures: dict[type[Rule], str] = {}

    def run(self) -> None:
        self.analysis.scope.body = self.context.module
        self.context.summaries.prescan(self.context.module.body)
        for statement in self.context.module.body:
            self.context.unit = statement
            self.statement(statement)
        self.context.summaries.finish(self.context)

    # -- dispatch ------------------------------------------------------------------
    # Each hook call sits in its own try: free in CPython 3.11 until something raises.
    def failed(self, rule: Rule, exc: Exception) -> None:
        """``rule`` raised: call it no more on this file. Running out of stack is the
        file's nesting, not the rule's bug: that goes on to the runner."""
        if isinstance(exc, RecursionError):
            raise exc
        LOG.debug("rule %s failed on %s: %s", type(rule).CODE, self.context.path, describe(exc))
        self.failures.setdefault(type(rule), describe(exc))
        # new lists: a loop over the old one (this very dispatch) ends undisturbed
        self.call_rules = [other for other in self.call_rules if other is not rule]
        self.raise_rules = [other for other in self.raise_rules if other is not rule]
        self.assign_rules = [other for other in self.assign_rules if other is not rule]
        self.statement_rules = [other for other in self.statement_rules if other is not rule]
        self.class_rules = [other for other in self.class_rules if other is not rule]

    def inspect(self, node: cst.CSTNode | None, nodes: list[cst.CSTNode] | None = None) -> None:
        if node is None or not self.statement_rules:
            return
        site = StatementSite(self.context, node, nodes)
        for rule in self.statement_rules:
            try:
                rule.on_statement(site)
            except Exception as exc:
                self.failed(rule, exc)

    def calls_in(self, node: cst.CSTNode | None, inspect: bool = True) -> None:
        if node is None:
            return
        # one walk of the statement's nodes serves the statement rules and the calls
        nodes = list(iter_nodes(node)) if self.call_rules or self.statement_rules else []
        if inspect:
            self.inspect(node, nodes)
        if not self.call_rules:
            return
        summaries = self.context.summaries
        for call in nodes:
            # exact: libcst subclasses no Call (tests/engine/test_dispatch.py), and
            # far cheaper than isinstance on its ABCMeta classes over every node
            if type(call) is cst.Call:
                site = CallSite(self.context, call)
                for rule in self.call_rules:
                    try:
                        rule.on_call(site)
                    except Exception as exc:
                        self.failed(rule, exc)
                if summaries.functions:
                    summaries.call(self.context, site, call)

    def assigned(
        self, node: cst.CSTNode, target: cst.BaseExpression, value: cst.BaseExpression
    ) -> None:
        if self.assign_rules:
            site = AssignSite(self.context, node, target, value)
            for rule in self.assign_rules:
                try:
                    rule.on_assign(site)
                except Exception as exc:
                    self.failed(rule, exc)

    def block(self, body: Body | cst.BaseSuite) -> None:
        if isinstance(body, cst.IndentedBlock):
            statements: Body = body.body
        elif isinstance(body, cst.SimpleStatementSuite):
            statements = body.body
        elif isinstance(body, cst.BaseSuite):  # pragma: no cover - no other suites exist
            return
        else:
            statements = body
        owner = self.context.unit
        if (
            isinstance(owner, cst.ClassDef)
            and owner.body is body
            and id(owner) not in self.context.classes
        ):
            # the members of a top-level class are units of their own
            for statement in statements:
                self.context.unit = statement
                self.context.classes[id(statement)] = owner
                self.statement(statement)
            self.context.unit = owner
            return
        for statement in statements:
            self.statement(statement)

    def statement(self, node: cst.CSTNode) -> None:
        if self.context.unit is not None:
            self.context.units[id(node)] = self.context.unit
        if type(node) is cst.SimpleStatementLine:
            for small in node.body:
                self.context.statement = node
                self.small(small)
            return
        self.context.statement = node
        method = getattr(self, f"_stmt_{type(node).__name__}", None)
        if method is not None:
            method(node)
        elif isinstance(node, cst.BaseSmallStatement):
            self.small(node)

    def small(self, node: cst.BaseSmallStatement) -> None:
        analysis = self.analysis
        # exact types (libcst subclasses none of these, tests/engine/test_dispatch.py):
        # isinstance on libcst's ABCMeta classes costs several times more, per statement
        if type(node) is cst.Import or type(node) is cst.ImportFrom:
            analysis.add_import(node)
            return
        self.calls_in(node)
        if type(node) is cst.Assign:
            for target in node.targets:
                self.assigned(node, target.target, node.value)
                analysis.bind_pairwise(target.target, node.value)
                self.context.summaries.bound(analysis, target.target, node.value)
                if analysis.scope.parent is None:
                    self.context.summaries.constant(target.target, node.value)
        elif type(node) is cst.AnnAssign and node.value is not None:
            if analysis.scope.parent is None:
                self.context.summaries.constant(node.target, node.value)
            self.assigned(node, node.target, node.value)
            analysis.bind_pairwise(node.target, node.value)
            annotation = node.annotation.annotation
            if analysis.is_plain_type(annotation) or analysis.is_object_type(annotation):
                # `new_token: int = ...`: a number; `header: AuthenticateHeader = ...`
                analysis.bind(node.target, CLEAN)
        elif type(node) is cst.AugAssign:
            key_taint = analysis.taint(node.target) | analysis.taint(node.value)
            analysis.bind(node.target, key_taint)
        elif type(node) is cst.Assert:
            for name in analysis.asserted_objects(node.test):
                analysis.bind(name, CLEAN)  # `assert isinstance(body, SmlGetListResponse)`
        elif type(node) is cst.Raise and node.exc is not None:
            site = RaiseSite(self.context, node, node.exc)
            for rule in self.raise_rules:
                try:
                    rule.on_raise(site)
                except Exception as exc:
                    self.failed(rule, exc)
        elif type(node) is cst.Expr and type(node.value) is cst.NamedExpr:
            analysis.bind(node.value.target, analysis.taint(node.value.value))
        elif type(node) is cst.Return and node.value is not None:
            self.context.summaries.returned(analysis, self.context.scope_name, node.value)

    # -- compound statements ---------------------------------------------------------
    def branches(self, *bodies: cst.BaseSuite | None) -> None:
        """Run each body on a copy of the environment and merge the results."""
        before = dict(self.analysis.scope.env)
        results = []
        for body in bodies:
            self.analysis.scope.env = dict(before)
            if body is not None:
                self.block(body)
            results.append(self.analysis.scope.env)
        merge_envs(self.analysis, before, *results)

    def _stmt_If(self, node: cst.If) -> None:
        self.calls_in(node.test)
        self.context.conditions.append(node.test)
        try:
            self._if_branches(node)
        finally:
            self.context.conditions.pop()

    def _if_branches(self, node: cst.If) -> None:
        orelse = node.orelse
        if isinstance(orelse, cst.If):
            before = dict(self.analysis.scope.env)
            self.block(node.body)
            body_env = self.analysis.scope.env
            self.analysis.scope.env = dict(before)
            self.context.statement = orelse
            self._stmt_If(orelse)
            merge_envs(self.analysis, before, body_env, self.analysis.scope.env)
        else:
            self.branches(node.body, orelse.body if orelse is not None else None)

    def _stmt_For(self, node: cst.For) -> None:
        self.calls_in(node.iter)
        self.analysis.bind_loop(node.target, node.iter)
        self.branches(node.body, None)
        if node.orelse is not None:
            self.block(node.orelse.body)

    def _stmt_While(self, node: cst.While) -> None:
        self.calls_in(node.test)
        self.branches(node.body, None)
        if node.orelse is not None:
            self.block(node.orelse.body)

    def _stmt_Try(self, node: cst.Try | cst.TryStar) -> None:
        self.block(node.body)
        for handler in node.handlers:
            self.calls_in(handler.type)
            if handler.name is not None:
                self.analysis.bind(handler.name.name, frozenset())
            self.branches(handler.body, None)
        if node.orelse is not None:
            self.block(node.orelse.body)
        if node.finalbody is not None:
            self.block(node.finalbody.body)

    _stmt_TryStar = _stmt_Try

    def _stmt_With(self, node: cst.With) -> None:
        for item in node.items:
            self.calls_in(item.item)
            if item.asname is not None:
                self.assigned(item, item.asname.name, item.item)
                self.analysis.bind(item.asname.name, self.analysis.taint(item.item))
        self.block(node.body)

    def _stmt_Match(self, node: cst.Match) -> None:
        self.calls_in(node.subject)
        self.branches(*(case.body for case in node.cases))

    def _stmt_FunctionDef(self, node: cst.FunctionDef) -> None:
        for decorator in node.decorators:
            self.calls_in(decorator.decorator)
        self.inspect(node.params)
        for param in (*node.params.params, *node.params.kwonly_params, *node.params.posonly_params):
            self.calls_in(param.default, inspect=False)
        self.analysis.scope.bindings[node.name.value] = Local()
        params = node.params
        names = frozenset(
            param.name.value
            for param in (*params.posonly_params, *params.params, *params.kwonly_params)
        ) | frozenset(
            star.name.value
            for star in (params.star_arg, params.star_kwarg)
            if isinstance(star, cst.Param)
        )
        plain = frozenset(
            param.name.value
            for param in (*params.posonly_params, *params.params, *params.kwonly_params)
            if param.annotation is not None
            and (
                self.analysis.is_plain_type(param.annotation.annotation)
                or self.analysis.is_object_type(param.annotation.annotation)
                or self.analysis.is_record_of(param.name.value, param.annotation.annotation)
            )
        )
        annotations = {
            param.name.value: name.rpartition(".")[2]
            for param in (*params.posonly_params, *params.params, *params.kwonly_params)
            if param.annotation is not None
            and (name := dotted(param.annotation.annotation)) is not None
        }
        self.nested(node.name.value, node.body, names, plain, annotations)

    def _stmt_ClassDef(self, node: cst.ClassDef) -> None:
        for decorator in node.decorators:
            self.calls_in(decorator.decorator)
        for base in (*node.bases, *node.keywords):
            self.calls_in(base.value)
        if self.class_rules:
            site = ClassSite(self.context, node)
            for rule in self.class_rules:
                try:
                    rule.on_class(site)
                except Exception as exc:
                    self.failed(rule, exc)
        self.analysis.scope.bindings[node.name.value] = Local()
        self.analysis.remember_class(node)
        self.nested(node.name.value, node.body, class_node=node)

    def nested(
        self,
        name: str,
        body: cst.BaseSuite,
        params: frozenset[str] = frozenset(),
        plain: frozenset[str] = frozenset(),
        annotations: dict[str, str] | None = None,
        class_node: cst.ClassDef | None = None,
    ) -> None:
        """Walk a function or class body in its own scope; ``plain`` parameters are
        typed as numbers, flags, times or positions and carry no data category."""
        analysis = self.analysis
        outer_scope, outer_name = analysis.scope, self.context.scope_name
        self.context.scope_name = f"{outer_name}.{name}" if outer_name else name
        analysis.scope = Scope(
            self.context.scope_name,
            outer_scope,
            body=body,
            params=params,
            annotations=annotations or {},
            class_node=class_node,
        )
        for param in plain:
            analysis.scope.env[param] = CLEAN
        try:
            self.block(body)
        finally:
            analysis.scope = outer_scope
            self.context.scope_name = outer_name
