"""``small_statements`` gives what the general walk (``iter_nodes``) gives of a block's
simple statements, in the same order, on every function body of privlint's engine
and of every compound statement form."""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from privlint.engine.dataflow import iter_nodes, small_statements

FORMS = """
def f(self, items):
    x = 1; self.y: int = 2
    if x:
        self.a = True
    elif items:
        self.b += 1
    else:
        self.c = False
    for item in items:
        z = item
    else:
        w = 0
    while x:
        x -= 1
    with open(p) as h:
        self.d = h.read()
    try:
        e = 1
    except ValueError as exc:
        g = exc
    else:
        k = 2
    finally:
        m = 3
    try:
        pass
    except* OSError:
        n = 4
    match items:
        case [first, *rest] if first:
            self.e = first
        case _:
            pass
    def inner():
        hidden = 1
    class Inner:
        hidden = 2
    value = [q for q in items if (walrus := q)]
    lam = lambda: None
    if x: self.f = 1; self.g = 2
"""


def _both(block: cst.CSTNode) -> tuple[list[cst.CSTNode], list[cst.CSTNode]]:
    general = [node for node in iter_nodes(block) if isinstance(node, cst.BaseSmallStatement)]
    return general, list(small_statements(block))


def test_every_compound_form() -> None:
    function = cst.parse_module(FORMS).body[0]
    assert isinstance(function, cst.FunctionDef)
    general, fast = _both(function.body)
    assert fast == general
    assert len(fast) == 21


def test_every_function_body_of_the_engine() -> None:
    package = Path(__file__).parents[2] / "privlint" / "engine"
    compared = 0
    for path in sorted(package.rglob("*.py")):
        module = cst.parse_module(path.read_text(encoding="utf-8"))
        pending: list[cst.CSTNode] = [module]
        while pending:
            node = pending.pop()
            if isinstance(node, cst.FunctionDef):
                general, fast = _both(node.body)
                assert fast == general, (path, node.name.value)
                compared += 1
            pending.extend(node.children)
    assert compared > 300
