"""Positions found per unit (a top-level statement, or a member of a top-level class)
are the positions libcst finds over the whole module, for every node of every unit;
files CPython reads otherwise fall back to the whole module and answer the same."""

from __future__ import annotations

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from privlint.engine.positions import Positions

SOURCES = {
    "plain": "import os\n\nx = 1; y = 2\n\ndef f(a):\n    return a\n",
    "decorated": (
        "# leading comment\n\n@decorator(\n    1,\n)\n@other\ndef f(\n    a, b\n):\n"
        "    '''doc'''\n    return (a +\n            b)\n"
    ),
    "class members": (
        "class A(Base):\n    '''doc'''\n\n    x = 1; y = 2\n\n    # comment\n"
        "    @property\n    def p(self):\n        log.info('%s',\n"
        "                 self.password)\n\n    class Inner:\n        z = 3\n\n"
        "    async def q(self):\n        if self.x:\n            await g(\n"
        "  1)\n"
    ),
    "crlf": "def f(password):\r\n    log.info(password)\r\n\r\nclass B:\r\n    y = f(\r\n 2)\r\n",
    "tabs": "class T:\n\tdef m(self):\n\t\treturn [\n\t\t\t1,\n\t\t]\n",
    "one-line class": "class C: x = 1; y = log.info(token)\nz = 2\n",
    "continuations": "x = 1 + \\\n    2\nclass D:\n    v = 1 + \\\n        2\n    w = v\n",
    "form feed": "x = 1\n\x0c\ndef f():\n    pass\n",
    "empty class body comment": "class E:\n    # only a comment\n    pass\n",
}


def _units(module: cst.Module) -> tuple[dict[int, cst.CSTNode], dict[int, cst.ClassDef]]:
    units: dict[int, cst.CSTNode] = {}
    classes: dict[int, cst.ClassDef] = {}
    for statement in module.body:
        units[id(statement)] = statement
        if isinstance(statement, cst.ClassDef) and isinstance(statement.body, cst.IndentedBlock):
            for member in statement.body.body:
                units[id(member)] = member
                classes[id(member)] = statement
    return units, classes


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_node_of_every_unit_is_where_the_whole_module_says(name: str) -> None:
    text = SOURCES[name]
    module = cst.parse_module(text)
    whole = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    units, classes = _units(module)
    positions = Positions(module, text, units, classes)
    members = [unit for unit in units.values() if id(unit) in classes]
    owners = {id(owner) for owner in classes.values()}
    tops = [unit for unit in module.body if id(unit) not in owners]
    positions.need([*members, *tops])
    assert not positions._whole  # each was resolved alone
    checked = 0
    for found, _ in positions._maps:
        for node in found:
            if node in whole:  # not one of the wrappers made for members
                assert positions[node] == whole[node], (name, type(node).__name__)
                checked += 1
    assert checked > 5


def test_a_node_outside_the_units_resolved_falls_back_to_the_whole_module() -> None:
    text = SOURCES["class members"] + "z = log.info(token)\n"
    module = cst.parse_module(text)
    whole = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    units, classes = _units(module)
    positions = Positions(module, text, units, classes)
    positions.need([module.body[0].body.body[0]])  # type: ignore[attr-defined]
    last = module.body[-1]
    assert positions[last] == whole[last]
    assert positions._whole


def test_a_file_cpython_reads_otherwise_is_resolved_whole() -> None:
    # valid code never splits differently, so the text given is not the module's
    module = cst.parse_module("x = 1\ny = 2\n")
    units, classes = _units(module)
    positions = Positions(module, "x = (\n", units, classes)  # CPython cannot parse it
    positions.need(module.body)
    assert positions._whole
    assert positions[module.body[1]].start.line == 2
