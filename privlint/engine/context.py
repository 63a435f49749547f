"""What a rule sees at a call or raise: resolved names, taint, and a way to report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

import libcst as cst

from privlint.engine.dataflow import Analysis, Taint, dotted
from privlint.engine.summaries import Describe, Summaries
from privlint.engine.testpaths import is_test_path
from privlint.findings import Confidence, Level

if TYPE_CHECKING:
    from libcst import CSTNode, Module

    from privlint.rules.base import Rule


@dataclass(frozen=True)
class NodeEdit:
    """Replace the source of ``node``, or a part of it, with ``text``.

    ``span`` narrows the edit to the characters ``[start, end)`` of the node's first
    line, so that a fix rewrites only what it changes: a URL's scheme, not the whole
    literal with the password or token that may follow it (a fix's text is printed in
    JSON and SARIF). ``(0, 0)`` inserts before the node; ``after`` inserts after it.
    """

    node: CSTNode
    text: str
    span: tuple[int, int] | None = None
    after: bool = False


@dataclass(frozen=True)
class NodeFix:
    """A fix described on CST nodes: the edits that implement it.

    The engine turns it into a :class:`privlint.findings.Fix` with regions once
    positions are known. An edit's text is shown to users: it must never copy a
    value from the source (insert around a value instead of rewriting it).
    """

    title: str
    replacements: tuple[NodeEdit, ...]
    #: see :class:`privlint.findings.Fix`: False when the rewrite may change behaviour
    safe: bool = True


@dataclass(frozen=True)
class Pending:
    """A finding before positions are known: it still points at CST nodes."""

    rule: type[Rule]
    node: CSTNode
    statement: CSTNode | None
    message: str
    level: Level
    categories: tuple[str, ...]
    scope: str
    fix: NodeFix | None = None
    confidence: Confidence = Confidence.HIGH


@dataclass
class FileContext:
    """Per-file state shared by all rules: the analysis and the findings so far."""

    analysis: Analysis
    module: Module
    pending: list[Pending] = field(default_factory=list)
    statement: CSTNode | None = None
    #: id(statement) -> its unit, for every statement walked: the top-level statement
    #: that holds it, or the member of a top-level class (positions are then found
    #: for those units only: see :class:`privlint.engine.positions.Positions`)
    units: dict[int, CSTNode] = field(default_factory=dict)
    unit: CSTNode | None = None
    #: id(member of a top-level class) -> the class
    classes: dict[int, cst.ClassDef] = field(default_factory=dict)
    scope_name: str = ""
    #: the tests of the ``if`` statements that enclose the statement being walked
    conditions: list[cst.BaseExpression] = field(default_factory=list)
    #: the file's path as findings show it
    path: str = ""
    #: which parameters of the module's functions reach a sink (see engine.summaries)
    summaries: Summaries = field(default_factory=Summaries)
    #: the project phase's calls (their ordinals in the file's facts) to find regions for
    locate: list[int] = field(default_factory=list)


class Site:
    """Common helpers for call and raise sites."""

    def __init__(self, context: FileContext) -> None:
        self._context = context
        self.analysis = context.analysis
        self.policy = context.analysis.policy
        #: the file's path as findings show it
        self.path = context.path

    @property
    def conditions(self) -> tuple[cst.BaseExpression, ...]:
        """The tests of the ``if`` statements around the statement being walked
        (innermost last), in its function."""
        return tuple(self._context.conditions)

    @property
    def statement(self) -> cst.CSTNode | None:
        """The statement being walked (a ``with`` for the calls of its items)."""
        return self._context.statement

    @property
    def scope_name(self) -> str:
        """The dotted name of the class and function being walked (``Adapter.connect``);
        empty at module level."""
        return self._context.scope_name

    def taint(self, node: cst.BaseExpression) -> Taint:
        """Data categories the expression carries here."""
        return self.analysis.taint(node)

    def qualify(self, node: cst.BaseExpression) -> str | None:
        return self.analysis.qualify(node)

    def source(self, node: cst.CSTNode) -> str:
        """Source text of a node, whitespace collapsed (for messages about code, not data)."""
        return " ".join(self._context.module.code_for_node(node).split())

    def ordered(self, categories: Iterable[str]) -> tuple[str, ...]:
        """Categories, most sensitive first, then by name."""
        return tuple(sorted(set(categories), key=lambda c: (self.policy.rank(c), c)))

    def reach(
        self, rule: type[Rule], node: cst.BaseExpression, sink: str, describe: Describe
    ) -> None:
        """``node`` reaches a sink of ``rule``: report the categories it carries (the
        message is ``describe(categories, sink)``), and remember which parameters of
        the enclosing function reach the sink, so that calls of the function with
        sensitive data are reported too."""
        categories = self.ordered(self.taint(node))
        if categories and not self.analysis.is_class_dump(node):
            # `profile.model_dump()` of a class with data fields: PL404 reports it
            self.report(rule, node, describe(categories, sink), categories)
        elif not categories:
            # `token = fetch_api_token()` of another module: its summary says
            summaries = self._context.summaries
            for qualified in summaries.origins_in(self.analysis, node):
                data = {"sink": sink, "from": qualified.lstrip(".")}
                self.defer(rule, node, qualified, "returns", data)
        self.summarise(rule, node, sink, describe)

    def summarise(
        self,
        rule: type[Rule],
        node: cst.BaseExpression,
        sink: str,
        describe: Describe,
        ignore: frozenset[str] = frozenset(),
    ) -> None:
        """Remember which parameters of the enclosing function reach ``sink`` of
        ``rule`` through ``node`` (the rule reports ``node`` itself), so that calls of
        the function with sensitive data are reported too; ``ignore``: categories the
        sink may receive (an analytics service's internal user ID)."""
        context = self._context
        context.summaries.sink_reached(self, context.scope_name, node, rule, sink, describe, ignore)

    def defer(
        self,
        rule: type[Rule],
        node: cst.CSTNode,
        constant: cst.BaseExpression | str,
        kind: str,
        data: dict[str, Any],
    ) -> bool:
        """``constant`` is not known in this file: when it is a constant imported from
        another module of the project, ``rule.deferred(kind, data, value, policy)``
        decides in the project phase whether ``node`` is a finding (True: deferred)."""
        context = self._context
        return context.summaries.defer(
            self.analysis,
            rule,
            node,
            context.statement,
            constant,
            kind,
            data,
            context.scope_name,
        )

    def imported(self, node: cst.BaseExpression) -> str | None:
        """The qualified name of ``node`` when it is imported from another module of the
        project (its value is known in the project phase only)."""
        return self._context.summaries.imported(self.analysis, node)

    def export(self, name: str, value: dict[str, Any]) -> None:
        """Tell the project phase what other modules may learn of a top-level name."""
        if self.analysis.scope.parent is None:
            self._context.summaries.export(name, value)

    def enclosing_function(self) -> str | None:
        """The module's top-level function being walked, by name; None at module level,
        in a class or in a nested function."""
        name = self._context.scope_name
        if not name or "." in name or name not in self._context.summaries.functions:
            return None
        return name

    def export_function(self, value: dict[str, Any]) -> None:
        """Tell the project phase what other modules may learn of the top-level function
        being walked (``non_verifying_session`` switches TLS checks off)."""
        name = self.enclosing_function()
        if name is not None:
            self._context.summaries.export(name, value)

    def own_function(self, node: cst.BaseExpression) -> str | None:
        """``helper(...)`` naming a top-level function of this module: its qualified name
        relative to this module's package, for :meth:`defer`."""
        if not isinstance(node, cst.Name) or node.value not in self._context.summaries.functions:
            return None
        stem = PurePosixPath(self._context.path).stem
        return f".{node.value}" if stem == "__init__" else f".{stem}.{node.value}"

    def summarise_value(
        self, rule: type[Rule], node: cst.BaseExpression, kind: str, data: dict[str, Any]
    ) -> None:
        """``node``'s value decides ``rule``'s check: when it is a parameter of the
        enclosing function, a call passing a literal is judged by
        ``rule.deferred(kind, data, literal, policy)`` and reported at the call."""
        context = self._context
        context.summaries.value_reached(self.analysis, context.scope_name, node, rule, kind, data)

    def report(
        self,
        rule: type[Rule],
        node: cst.CSTNode,
        message: str,
        categories: Iterable[str] = (),
        level: Level | None = None,
        fix: NodeFix | None = None,
        confidence: Confidence = Confidence.HIGH,
    ) -> None:
        """Record a finding at ``node``; its level is the categories' (or the rule's),
        lowered to what ``confidence`` allows."""
        ordered = self.ordered(categories)
        if level is None:
            backed = ordered
            weak = self.analysis.weak_only(node) if isinstance(node, cst.BaseExpression) else ()
            if weak and any(category not in weak for category in ordered):
                # `session {session_id} of user {user_id}`: the user ID is evidence, the
                # lone `session_id` is not: the level is the user ID's
                backed = tuple(category for category in ordered if category not in weak)
            level = self.policy.level_of(backed) if backed else rule.LEVEL
        if level is Level.NONE:
            return
        if confidence > Confidence.LOW and not self.analysis.name_evidence(node):
            confidence = Confidence.LOW  # a lone `token` or `session`: a name, not evidence
        level = confidence.cap(level)
        if level > Level.NOTE and is_test_path(self.policy, self._context.path):
            level = Level.NOTE  # a test's print or chmod: visible in review, never a failure
        self._context.pending.append(
            Pending(
                rule=rule,
                node=node,
                statement=self._context.statement,
                message=message,
                level=level,
                categories=ordered,
                scope=self._context.scope_name,
                fix=fix,
                confidence=confidence,
            )
        )


class CallSite(Site):
    """A call expression, with what the engine knows about its callee."""

    def __init__(self, context: FileContext, node: cst.Call) -> None:
        super().__init__(context)
        self.node = node
        func = node.func
        self.qualified: str | None = self.analysis.qualify(func)
        #: the method name when the callee is an attribute (``log.info`` -> ``info``)
        self.method: str | None = func.attr.value if isinstance(func, cst.Attribute) else None
        self.receiver: cst.BaseExpression | None = (
            func.value if isinstance(func, cst.Attribute) else None
        )

    def is_log_call(self) -> bool:
        sinks = self.policy.sinks
        if self.qualified is not None and self.qualified in sinks.log_functions:
            return True
        if self.method is None or self.receiver is None or self.method not in sinks.log_methods:
            return False
        return self.analysis.is_logger(self.receiver)

    def callee_name(self) -> str:
        """How to name the callee in a message: qualified when resolved, else as written."""
        if self.qualified is not None and (
            "." in self.qualified or self.qualified != dotted(self.node.func)
        ):
            return self.qualified
        if self.qualified is not None:
            return self.qualified
        return self.source(self.node.func)

    def data_arguments(self, ignore_keywords: frozenset[str]) -> list[cst.Arg]:
        """Arguments that carry data: skip keywords that only configure the call."""
        result = []
        for arg in self.node.args:
            if arg.keyword is not None and arg.keyword.value in ignore_keywords:
                continue
            result.append(arg)
        return result


class RaiseSite(Site):
    """A ``raise`` statement with an exception expression."""

    def __init__(self, context: FileContext, node: cst.Raise, exc: cst.BaseExpression) -> None:
        super().__init__(context)
        self.node = node
        self.exc = exc
