"""Shared helpers for the PL4xx rules: model fields and class decorators."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from privlint.engine.walk import ClassSite

OPTIONAL = frozenset({"typing.Optional", "Optional", "typing.Union", "Union"})
ANNOTATED = frozenset({"typing.Annotated", "typing_extensions.Annotated", "Annotated"})


@dataclass(frozen=True)
class ModelField:
    """One field declared in a class body: ``name: annotation = value`` or ``name = value``."""

    statement: cst.AnnAssign | cst.Assign
    target: cst.Name
    annotation: cst.BaseExpression | None
    value: cst.BaseExpression | None


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


def unwrap(site: ClassSite, annotation: cst.BaseExpression) -> cst.BaseExpression | None:
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
