"""What the PL6xx rules share: secret paths, encryption, arguments and SQL columns.

The data (which paths are secret, which calls encrypt, which columns hold
credentials) comes from the policy's ``storage.toml``; this module only reads it.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass

import libcst as cst

from privlint.engine.context import Site
from privlint.engine.dataflow import Import, Scope, dotted, is_literal, string_value
from privlint.policy.model import ArgumentRef, Policy, StorageSpec
from privlint.policy.words import identifier_words


def argument(call: cst.Call, ref: ArgumentRef) -> cst.BaseExpression | None:
    """The argument ``ref`` points at in ``call``, if given."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in ref.keywords:
            return arg.value
    if ref.position is None:
        return None
    positional = [a for a in call.args if a.keyword is None and not a.star]
    if len(positional) > ref.position:
        return positional[ref.position].value
    return None


def last_name(node: cst.BaseExpression) -> str | None:
    """``open`` for ``open``, ``write_text`` for ``p.write_text``."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return None


def is_import(scope: Scope, node: cst.BaseExpression) -> bool:
    """Whether the head of a name chain is bound by an import."""
    name = dotted(node)
    if name is None:
        return False
    return isinstance(scope.lookup(name.partition(".")[0]), Import)


def matches_category(category: str, globs: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(category, glob) for glob in globs)


def int_literal(node: cst.BaseExpression | None) -> int | None:
    if isinstance(node, cst.Integer):
        value = node.evaluated_value
        return value if isinstance(value, int) else None
    return None


# -- encryption ---------------------------------------------------------------------


def protected_call(site: Site, node: cst.BaseExpression) -> bool:
    """Whether ``node`` is a call that encrypts, hashes or otherwise sanitises."""
    sinks = site.policy.sinks
    while True:
        # see through `await`, `.decode()`, `str(...)`, `base64.b64encode(...)`
        if isinstance(node, cst.Await):
            node = node.expression
            continue
        if not isinstance(node, cst.Call):
            return False
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in sinks.propagator_methods:
            node = func.value
            continue
        if node.args and site.qualify(func) in sinks.propagator_functions:
            node = node.args[0].value
            continue
        break
    last = last_name(node.func)
    if last is None:
        return False
    qualified = site.qualify(node.func)
    return site.policy.storage.protects(qualified, last) or site.policy.is_sanitizer(
        qualified, last
    )


def protected_name(spec: StorageSpec, node: cst.BaseExpression) -> bool:
    """Whether a name or attribute says its value is encrypted or hashed (``token_hash``)."""
    last = last_name(node)
    return last is not None and bool(spec.protection_words & set(identifier_words(last)))


# -- secret paths -------------------------------------------------------------------


def secret_path(spec: StorageSpec, node: cst.BaseExpression) -> bool:
    """Whether a path expression (its literals, or the names it is built from) names a
    key or credential file."""
    literals: list[str] = []
    names: list[str] = []

    class Visitor(cst.CSTVisitor):
        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            literals.append(str(node.evaluated_value))

        def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
            literals.append(node.value)

        def visit_Name(self, node: cst.Name) -> None:
            names.append(node.value)

    node.visit(Visitor())
    lowered = [text.lower() for text in literals]
    if any(text.endswith(spec.not_secret_file_suffixes) for text in (*lowered, *names)):
        return False  # ``secret.py``, ``tokens.txt``: source and docs, not secrets
    for text in lowered:
        base = text.rstrip("/").rpartition("/")[2]
        if spec.not_secret_words & set(identifier_words(base)):
            return False  # `jwks-public.pem`, `tokenizer.json`: not a secret file
        if base in spec.secret_names or (base and base.endswith(spec.secret_file_suffixes)):
            return True
    return any(_secret_words(spec, text) for text in (*literals, *names))


def _secret_words(spec: StorageSpec, text: str) -> bool:
    words = identifier_words(text)
    if spec.not_secret_words & set(words):
        return False
    for pattern in spec.secret_path_words:
        n = len(pattern)
        if any(words[i : i + n] == pattern for i in range(len(words) - n + 1)):
            return True
    return False


# -- SQL ------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\?|%s|:([A-Za-z_]\w*)|%\(([A-Za-z_]\w*)\)s|\$(\d+)")
_INSERT = re.compile(
    r"^\s*(?:INSERT(?:\s+OR\s+\w+)?|REPLACE)\s+INTO\s+[\w.\"`\[\]]+\s*\((?P<columns>[^)]*)\)"
    r"\s*VALUES\s*\(",
    re.I | re.S,
)
_UPDATE = re.compile(
    r"^\s*UPDATE(?:\s+OR\s+\w+)?\s+[\w.\"`\[\]]+\s+SET\s+(?P<assignments>.*?)(?:\bWHERE\b|\bRETURNING\b|\bFROM\b|;|$)",
    re.I | re.S,
)


@dataclass(frozen=True)
class Placeholder:
    """Where a column's value comes from: a positional index or a parameter name."""

    column: str
    index: int | None
    name: str | None


def sql_columns(sql: str) -> list[Placeholder]:
    """The columns an INSERT or UPDATE sets from placeholders, with each placeholder.

    ``INSERT INTO t (a, b) VALUES (?, ?)`` -> a from parameter 0, b from 1;
    ``UPDATE t SET a = :a WHERE id = :id`` -> a from parameter ``a``. Columns set
    from expressions (``lower(?)``) or literals are left out.
    """
    positional: dict[int, int] = {}  # start offset of a positional placeholder -> index
    count = 0
    for match in _PLACEHOLDER.finditer(sql):
        if match.group(0) in ("?", "%s"):
            positional[match.start()] = count
            count += 1
    result: list[Placeholder] = []
    insert = _INSERT.match(sql)
    if insert:
        columns = [_column_name(c) for c in _split(insert.group("columns"))]
        start = insert.end()
        values = _split_spans(sql, start)
        for column, (offset, text) in zip(columns, values, strict=False):
            placeholder = _placeholder(text, offset, positional)
            if placeholder is not None and column:
                result.append(Placeholder(column, *placeholder))
        return result
    update = _UPDATE.match(sql)
    if update:
        base = update.start("assignments")
        for offset, text in _split_spans(update.group("assignments"), 0, closing=False):
            column, equals, value = text.partition("=")
            if not equals:
                continue
            skip = len(column) + 1
            placeholder = _placeholder(value, base + offset + skip, positional)
            if placeholder is not None and _column_name(column):
                result.append(Placeholder(_column_name(column), *placeholder))
    return result


def _column_name(text: str) -> str:
    return text.strip().strip('"`[]').rpartition(".")[2].strip('"`[]')


def _split(text: str) -> list[str]:
    return [part for _, part in _split_spans(text, 0, closing=False)]


def _split_spans(text: str, start: int, closing: bool = True) -> list[tuple[int, str]]:
    """Top-level comma-separated parts of ``text[start:]`` with their offsets, up to the
    closing parenthesis when ``closing``."""
    parts: list[tuple[int, str]] = []
    depth = 0
    quote = ""
    part_start = start
    for index in range(start, len(text)):
        char = text[index]
        if quote:
            if char == quote:
                quote = ""
            continue
        if char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0 and closing:
                parts.append((part_start, text[part_start:index]))
                return parts
            depth -= 1
        elif char == "," and depth == 0:
            parts.append((part_start, text[part_start:index]))
            part_start = index + 1
    if not closing:
        parts.append((part_start, text[part_start:]))
    return parts


def _placeholder(
    text: str, offset: int, positional: dict[int, int]
) -> tuple[int | None, str | None] | None:
    stripped = text.strip()
    match = _PLACEHOLDER.fullmatch(stripped)
    if match is None:
        return None
    if match.group(1) or match.group(2):
        return None, match.group(1) or match.group(2)
    if match.group(3):
        return int(match.group(3)) - 1, None
    at = offset + (len(text) - len(text.lstrip()))
    index = positional.get(at)
    return (index, None) if index is not None else None


def parameter(params: cst.BaseExpression, placeholder: Placeholder) -> cst.BaseExpression | None:
    """The expression a literal parameter tuple, list or dict gives a placeholder."""
    if placeholder.index is not None and isinstance(params, (cst.Tuple, cst.List)):
        elements = params.elements
        if any(isinstance(e, cst.StarredElement) for e in elements):
            return None
        if placeholder.index < len(elements):
            return elements[placeholder.index].value
        return None
    if placeholder.name is not None and isinstance(params, cst.Dict):
        for element in params.elements:
            if (
                isinstance(element, cst.DictElement)
                and string_value(element.key) == placeholder.name
            ):
                return element.value
    if (
        placeholder.name is not None
        and isinstance(params, cst.Call)
        and dotted(params.func) == "dict"
    ):
        for arg in params.args:
            if arg.keyword is not None and arg.keyword.value == placeholder.name:
                return arg.value
    return None


def is_constant(node: cst.BaseExpression) -> bool:
    """A literal, or a plain string concatenation of literals."""
    return is_literal(node) or string_value(node) is not None


def clear_text_categories(policy: Policy, categories: Iterable[str]) -> set[str]:
    globs = policy.storage.clear_text_categories
    return {c for c in categories if matches_category(c, globs)}
