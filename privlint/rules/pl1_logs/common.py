"""Shared wording for the PL1xx rules: name the data categories and the sink."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import libcst as cst

from privlint.engine.dataflow import dotted, is_main_guard
from privlint.rules.pl4_redaction.common import root_module

if TYPE_CHECKING:
    from privlint.engine.context import Site


def describe(categories: Sequence[str], sink: str) -> str:
    """``credential.password reaches logging.info``; never the value itself."""
    if len(categories) == 1:
        return f"{categories[0]} reaches {sink}"
    listed = ", ".join(categories[:-1]) + f" and {categories[-1]}"
    return f"{listed} reach {sink}"


def command_line_program(site: Site) -> bool:
    """Whether the module being analysed is a command-line program: it calls or is
    decorated by one of the pack's ``[output] programs`` (``click.command``,
    ``argparse.ArgumentParser``) or defines a class based on one (Django's
    ``BaseCommand``), or decorates a function with a group's ``command``
    or ``group`` while importing one of their packages (``@cli.command()``). What
    such a module prints goes to the operator who ran it, on purpose."""
    state = site.analysis.rule_state
    known = state.get("command_line_program")
    if isinstance(known, bool):
        return known
    found = False
    module = root_module(site)
    programs = site.policy.sinks.programs
    nodes, decorators = _program_nodes(module) if module is not None else ([], set())
    if module is not None and programs:
        packages = {name.partition(".")[0] for name in programs}
        imported = decorated = False
        for node in nodes:
            if isinstance(node, (cst.Import, cst.ImportFrom)):
                imported = imported or _imports_any(node, packages)
                continue
            func = node.func if isinstance(node, cst.Call) else node
            if not isinstance(func, cst.BaseExpression):
                continue
            if (site.qualify(func) or "") in programs:
                found = True
                break
            decorated = decorated or (
                id(node) in decorators
                and isinstance(func, cst.Attribute)
                and func.attr.value in ("command", "group")
            )
        found = found or (imported and decorated)
    if not found and module is not None and (_shebang(module) or _script_path(site)):
        # `contribution_stats.py` at the project's root, `scripts/report.py`: a script
        # run by hand when it has a `if __name__ == "__main__":` block and serves
        # nothing; a file that starts with `#!` is one wherever it is
        servers = set(site.policy.sinks.servers)
        found = (
            _shebang(module)
            or any(
                isinstance(statement, cst.If) and is_main_guard(statement.test)
                for statement in module.body
            )
        ) and not any(
            isinstance(node, (cst.Import, cst.ImportFrom)) and _imports_any(node, servers)
            for node in nodes
        )
    state["command_line_program"] = found
    return found


def _shebang(module: cst.Module) -> bool:
    """A module that starts with ``#!``: a script its operator runs by hand."""
    first = module.header[0] if module.header else None
    return first is not None and first.comment is not None and first.comment.value.startswith("#!")


def _script_path(site: Site) -> bool:
    """A file at the project's root, or in a folder of hand-run scripts (``[output]
    script-dirs``)."""
    parts = site.path.replace("\\", "/").split("/")
    return len(parts) == 1 or (len(parts) == 2 and parts[0] in site.policy.sinks.script_dirs)


def _program_nodes(module: cst.Module) -> tuple[list[cst.CSTNode], set[int]]:
    """The imports, calls, decorators and class bases of a module, nested bodies
    included, and the ids of the decorators among them."""
    found: list[cst.CSTNode] = []
    decorators: set[int] = set()

    class Visitor(cst.CSTVisitor):
        def visit_Import(self, node: cst.Import) -> bool:
            found.append(node)
            return False

        def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
            found.append(node)
            return False

        def visit_Call(self, node: cst.Call) -> None:
            found.append(node)

        def visit_Decorator(self, node: cst.Decorator) -> None:
            decorators.add(id(node.decorator))
            if not isinstance(node.decorator, cst.Call):
                found.append(node.decorator)

        def visit_ClassDef(self, node: cst.ClassDef) -> None:
            # `class Command(BaseCommand)`: a Django management command
            found.extend(base.value for base in node.bases)

    module.visit(Visitor())
    return found, decorators


def _imports_any(node: cst.Import | cst.ImportFrom, packages: set[str]) -> bool:
    if isinstance(node, cst.ImportFrom):
        module = dotted(node.module) if node.module is not None else None
        return module is not None and module.partition(".")[0] in packages
    names = node.names
    return any((dotted(alias.name) or "").partition(".")[0] in packages for alias in names)
