"""Positions of CST nodes, found over as little of the module as it takes.

libcst's ``PositionProvider`` finds positions by generating the code of the whole module
while a visitor records where each node starts and ends: on a large file that costs as
much as the parse. A file's findings sit in a few of its top-level statements, so
:class:`Positions` runs the provider on a module made of one such statement at a time
and moves the lines it finds to where the statement really starts, as CPython's own
parser (``ast``, in C, cheap) says. Top-level statements start at column 0, so columns
need no change.

Any node it cannot place that way (no statement given, CPython cannot parse the file,
the two parsers count statements differently) makes it fall back to one pass over the
whole module: the answer is the same either way, only the cost differs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import libcst as cst  # deferred by privlint.lazy until a file is parsed

if TYPE_CHECKING:
    from libcst.metadata import CodeRange


class Positions(Mapping["cst.CSTNode", "CodeRange"]):
    """``positions[node]`` -> libcst ``CodeRange``; :meth:`need` says which statements
    will be asked about, so that only the units that hold them are resolved.

    A unit is a top-level statement, or a statement in the body of a top-level class
    (a method): the walk records each statement's unit in ``units`` and each class
    member's class in ``classes``. A member is resolved inside ``if True:`` with its
    class body's indentation, so that its columns are those of the file."""

    def __init__(
        self,
        module: cst.Module,
        text: str,
        units: Mapping[int, cst.CSTNode],
        classes: Mapping[int, cst.ClassDef] | None = None,
    ) -> None:
        self._module = module
        self._text = text
        self._units = units
        self._classes = classes or {}
        #: the positions found, each map with the lines to add to its positions
        self._maps: list[tuple[Mapping[cst.CSTNode, CodeRange], int]] = []
        self._done: set[int] = set()
        self._whole = False
        self._starts: dict[int, int] | None = None
        self._starts_read = False

    def need(self, statements: Iterable[cst.CSTNode | None]) -> None:
        """Resolve the units that hold ``statements``."""
        for statement in statements:
            if self._whole or statement is None:
                continue
            unit = self._units.get(id(statement))
            if unit is not None and id(unit) not in self._done:
                self._done.add(id(unit))
                if not self._resolve_unit(unit):
                    self._resolve_whole()

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        found = self._find(node)
        if found is None:
            self._resolve_whole()
            found = self._find(node)
            if found is None:
                raise KeyError(node)
        return found

    def __contains__(self, node: object) -> bool:
        try:
            self[node]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[cst.CSTNode]:
        self._resolve_whole()
        return iter(self._maps[-1][0])

    def __len__(self) -> int:
        self._resolve_whole()
        return len(self._maps[-1][0])

    def _find(self, node: cst.CSTNode) -> CodeRange | None:
        for found, shift in self._maps:
            code_range = found.get(node)
            if code_range is not None:
                return _shifted(code_range, shift) if shift else code_range
        return None

    def _resolve_whole(self) -> None:
        if self._whole:
            return
        from libcst.metadata import MetadataWrapper, PositionProvider

        wrapper = MetadataWrapper(self._module, unsafe_skip_copy=True)
        self._maps = [(wrapper.resolve(PositionProvider), 0)]
        self._whole = True

    def _resolve_unit(self, unit: cst.CSTNode) -> bool:
        """Positions for ``unit`` alone; False when it cannot be placed that way."""
        from libcst.metadata import MetadataWrapper, PositionProvider

        start = self._statement_starts().get(id(unit))
        if start is None:
            return False
        owner = self._classes.get(id(unit))
        alone: cst.CSTNode = unit
        if owner is not None:
            if not isinstance(owner.body, cst.IndentedBlock):
                return False
            # the member in a block indented as its class body is: its columns stay
            body = owner.body.with_changes(body=[unit], header=cst.TrailingWhitespace(), footer=())
            alone = cst.If(test=cst.Name("True"), body=body)
        wrapped = self._module.with_changes(body=[alone], header=(), footer=())
        found = MetadataWrapper(wrapped, unsafe_skip_copy=True).resolve(PositionProvider)
        anchor = unit.body[0] if isinstance(unit, cst.SimpleStatementLine) else unit
        self._maps.append((found, start - found[anchor].start.line))
        return True

    def _statement_starts(self) -> dict[int, int]:
        """id(unit) -> its first line, as CPython's parser has it; empty when CPython
        cannot parse the file or counts its statements otherwise."""
        if not self._starts_read:
            self._starts = _starts(self._module, self._text)
            self._starts_read = True
        return self._starts or {}


def _shifted(code_range: CodeRange, lines: int) -> CodeRange:
    from libcst._position import CodePosition
    from libcst._position import CodeRange as Range

    start, end = code_range.start, code_range.end
    return Range(
        CodePosition(start.line + lines, start.column), CodePosition(end.line + lines, end.column)
    )


def _counted(body: Sequence[cst.BaseStatement], tree: Sequence[ast.stmt]) -> dict[int, int] | None:
    """id(statement) -> first line, for libcst's statements and CPython's of one block
    (a line of ``a; b`` is one statement for libcst, two for CPython)."""
    starts: dict[int, int] = {}
    index = 0
    for statement in body:
        count = len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
        if index + count > len(tree):
            return None
        starts[id(statement)] = tree[index].lineno
        index += count
    return starts if index == len(tree) else None


def _starts(module: cst.Module, text: str) -> dict[int, int] | None:
    """:func:`_counted` for the module's statements and its classes' members."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    starts = _counted(module.body, tree.body)
    if starts is None:
        return None
    by_line = {node.lineno: node for node in tree.body}
    for statement in module.body:
        if isinstance(statement, cst.ClassDef) and isinstance(statement.body, cst.IndentedBlock):
            parsed = by_line.get(starts[id(statement)])
            if isinstance(parsed, ast.ClassDef):
                members = _counted(statement.body.body, parsed.body)
                if members is not None:
                    starts.update(members)
    return starts
