"""Hot paths look nodes up by exact type (``type(node) is cst.Call``) instead of
isinstance, which costs several times more on libcst's ABCMeta classes. That is
exact only while libcst has no subclass of those classes: checked here, so that a
libcst release adding one fails this test instead of losing findings."""

from __future__ import annotations

import subprocess
import sys

import libcst as cst

from privlint.rules.pl2_secrets.hardcoded_credential import HardcodedCredential, statement_hooks


def _all_node_classes() -> set[type]:
    seen: set[type] = set()
    todo: list[type] = [cst.CSTNode]
    while todo:
        cls = todo.pop()
        subs: list[type] = cls.__subclasses__()
        for sub in subs:
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return seen


def _libcst_subclasses(cls: type) -> list[type]:
    return [
        sub
        for sub in _all_node_classes()
        if sub is not cls and issubclass(sub, cls) and sub.__module__.startswith("libcst")
    ]


def test_exact_types_have_no_libcst_subclass() -> None:
    hooked: list[type] = [
        *statement_hooks(),
        *(cst.Call, cst.Attribute, cst.Name, cst.SimpleStatementLine, cst.Import),
        *(cst.ImportFrom, cst.AugAssign, cst.Raise, cst.Expr, cst.Return),
    ]
    for cls in hooked:
        assert _libcst_subclasses(cls) == [], cls


def test_statement_hooks_cover_what_the_rule_handles() -> None:
    assert set(statement_hooks()) == {
        cst.Assign,
        cst.AnnAssign,
        cst.NamedExpr,
        cst.Call,
        cst.Param,
        cst.Dict,
        cst.Comparison,
    }
    assert all(callable(hook) for hook in statement_hooks().values())
    assert statement_hooks()[cst.Comparison] is HardcodedCredential._comparison


def test_importing_the_rule_does_not_import_libcst() -> None:
    """The polyglot scan imports PL201's module: that must not import libcst."""
    code = (
        "import sys, privlint.lazy\n"
        "import privlint.rules.pl2_secrets.hardcoded_credential\n"
        "import privlint.cli\n"
        "print(type(sys.modules['libcst']).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "_Deferred"
