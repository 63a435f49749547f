"""Shared helpers for the PL4xx rules: model fields, class decorators, sinks, module facts."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from privlint.engine.context import CallSite, RaiseSite, Site
from privlint.engine.walk import ClassSite
from privlint.policy.model import globs_pattern

if TYPE_CHECKING:
    from libcst import AnnAssign, Assign, BaseExpression, Name


OPTIONAL = frozenset({"typing.Optional", "Optional", "typing.Union", "Union"})
ANNOTATED = frozenset({"typing.Annotated", "typing_extensions.Annotated", "Annotated"})


@dataclass(frozen=True)
class ModelField:
    """One field declared in a class body: ``name: annotation = value`` or ``name = value``."""

    statement: AnnAssign | Assign
    target: Name
    annotation: BaseExpression | None
    value: BaseExpression | None


def model_fields(node: cst.ClassDef) -> Iterator[ModelField]:
    """Fields of a class body, in order (``ClassVar`` annotations are not fields)."""
    body = node.body
    if not isinstance(body, cst.IndentedBlock):
        return
    for line in body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for small in line.body:
            if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                annotation = small.annotation.annotation
                if "ClassVar" in _head(annotation):
                    continue
                yield ModelField(small, small.target, annotation, small.value)
            elif (
                isinstance(small, cst.Assign)
                and len(small.targets) == 1
                and isinstance(small.targets[0].target, cst.Name)
            ):
                yield ModelField(small, small.targets[0].target, None, small.value)


def _head(annotation: cst.BaseExpression) -> str:
    if isinstance(annotation, cst.Subscript):
        annotation = annotation.value
    if isinstance(annotation, cst.Name):
        return annotation.value
    if isinstance(annotation, cst.Attribute):
        return annotation.attr.value
    return ""


def defines(node: cst.ClassDef, *names: str) -> bool:
    """Whether the class body defines one of these methods."""
    body = node.body
    if not isinstance(body, cst.IndentedBlock):
        return False
    return any(
        isinstance(statement, cst.FunctionDef) and statement.name.value in names
        for statement in body.body
    )


def keyword(call: cst.Call, name: str) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    return None


def is_false(node: cst.BaseExpression | None) -> bool:
    return isinstance(node, cst.Name) and node.value == "False"


def decorator_call(
    site: ClassSite, qualified_names: frozenset[str]
) -> tuple[cst.Decorator, cst.Call | None] | None:
    """The class decorator that resolves to one of ``qualified_names`` and its call, if any."""
    for decorator in site.node.decorators:
        expr = decorator.decorator
        call = expr if isinstance(expr, cst.Call) else None
        if site.qualify(call.func if call is not None else expr) in qualified_names:
            return decorator, call
    return None


def unwrap(site: Site, annotation: cst.BaseExpression) -> cst.BaseExpression | None:
    """The one type inside ``Optional[T]``, ``Union[T, None]``, ``T | None`` and
    ``Annotated[T, ...]``; the annotation itself when it is none of these; None for a
    union of several types."""
    if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
        parts = [annotation.left, annotation.right]
    elif isinstance(annotation, cst.Subscript) and site.qualify(annotation.value) in OPTIONAL:
        parts = [e.slice.value for e in annotation.slice if isinstance(e.slice, cst.Index)]
    elif isinstance(annotation, cst.Subscript) and site.qualify(annotation.value) in ANNOTATED:
        first = annotation.slice[0].slice
        return unwrap(site, first.value) if isinstance(first, cst.Index) else None
    else:
        return annotation
    types = [part for part in parts if not (isinstance(part, cst.Name) and part.value == "None")]
    return unwrap(site, types[0]) if len(types) == 1 else None


def type_head(annotation: cst.BaseExpression) -> str:
    """``str`` for ``str``, ``dict`` for ``dict[str, str]``, ``Any`` for ``typing.Any``."""
    return _head(annotation)


def root_module(site: Site) -> cst.Module | None:
    """The module being analysed (the body of the outermost scope)."""
    scope = site.analysis.scope
    while scope.parent is not None:
        scope = scope.parent
    return scope.body if isinstance(scope.body, cst.Module) else None


class ModuleFacts:
    """Everything a PL4xx rule needs to know about a whole module, in one visit:
    calls, string literals, parameters with defaults, and how it is run.

    Rules scan a module only when a site makes the answer matter (a ``sys.argv``
    reaching a sink, a ``logging.basicConfig`` call), so the cost is rare.
    """

    def __init__(self) -> None:
        self.calls: list[cst.Call] = []
        self.strings: list[str] = []
        #: (parameter name, default) for parameters with a call as default (typer)
        self.param_defaults: list[tuple[str, cst.Call]] = []
        self.has_main_guard = False
        self.defines_main = False

    @classmethod
    def of(cls, module: cst.Module) -> ModuleFacts:
        facts = cls()
        module.visit(_facts_visitor()(facts))
        return facts


@functools.cache
def _facts_visitor() -> Callable[[ModuleFacts], cst.CSTVisitor]:
    """The visitor that fills :class:`ModuleFacts` (a class made on first use, so that
    importing the rules does not import libcst)."""

    class Visitor(cst.CSTVisitor):
        def __init__(self, facts: ModuleFacts) -> None:
            super().__init__()
            self.facts = facts

        def visit_Call(self, node: cst.Call) -> None:
            self.facts.calls.append(node)

        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            value = node.evaluated_value
            if isinstance(value, str):
                self.facts.strings.append(value)

        def visit_Param(self, node: cst.Param) -> None:
            if isinstance(node.default, cst.Call):
                self.facts.param_defaults.append((node.name.value, node.default))

        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            if node.name.value == "main":
                self.facts.defines_main = True

        def visit_If(self, node: cst.If) -> None:
            test = node.test
            if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
                sides = (test.left, test.comparisons[0].comparator)
                names = {s.value for s in sides if isinstance(s, cst.Name)}
                texts = {s.evaluated_value for s in sides if isinstance(s, cst.SimpleString)}
                if names == {"__name__"} and texts == {"__main__"}:
                    self.facts.has_main_guard = True

    return Visitor


def sink_of(site: CallSite) -> tuple[list[cst.BaseExpression], str] | None:
    """The data arguments of a log, output or warning call, and how to name the sink."""
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
        return None
    return [arg.value for arg in args], site.callee_name()


def raised_values(site: RaiseSite) -> tuple[list[cst.BaseExpression], str] | None:
    """The arguments of a raised exception's constructor, and how to name the sink."""
    exc = site.exc
    if not isinstance(exc, cst.Call):
        return None
    return [arg.value for arg in exc.args], f"the message of {site.source(exc.func)}"


def matches(patterns: tuple[str, ...] | frozenset[str], name: str | None) -> bool:
    """Whether a qualified name matches one of the glob patterns."""
    if name is None:
        return False
    pattern = _globs(patterns)
    return pattern is not None and pattern.match(name) is not None


@functools.lru_cache(maxsize=64)
def _globs(patterns: tuple[str, ...] | frozenset[str]) -> re.Pattern[str] | None:
    return globs_pattern(patterns)


def composed_parts(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The values a text or collection is built from: f-string expressions, both sides
    of an operator (``+``, ``%``), and the elements of a tuple, list, set or dict."""
    if isinstance(node, cst.FormattedString):
        return [
            part.expression
            for part in node.parts
            if isinstance(part, cst.FormattedStringExpression)
        ]
    if isinstance(node, cst.BinaryOperation):
        return [node.left, node.right]
    if isinstance(node, (cst.Tuple, cst.List, cst.Set, cst.Dict)):
        return [element.value for element in node.elements]
    return []
