"""Deferred imports for the command line: a module is loaded when first used, not when
imported, so that a run that never parses Python (a pre-commit hook on a file no CST
rule wants, a warm cache) does not pay for importing libcst.

Importing this module defers libcst (the command line imports it first); the library
API and the runtime shim do not import it and are unchanged.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types


class _Deferred(types.ModuleType):
    """Stands in ``sys.modules`` for a module until one of its attributes is read; then
    imports it and takes its namespace, so that every ``import`` made meanwhile sees
    the real classes and functions (``isinstance`` checks stay right)."""

    def __getattr__(self, attribute: str) -> object:
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        try:
            real = importlib.import_module(name)
        except BaseException:
            sys.modules.setdefault(name, self)
            raise
        self.__dict__.update(real.__dict__)
        return getattr(real, attribute)


def defer(name: str) -> None:
    """Make ``import name`` cheap until an attribute of the module is used. Does
    nothing when it is already imported or cannot be found."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return
    module = _Deferred(name)
    module.__spec__ = spec
    sys.modules[name] = module


defer("libcst")
