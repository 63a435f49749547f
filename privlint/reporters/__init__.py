"""Reporters turn a ScanResult into text. They see findings and rule metadata, never CST.

Each format lives in its own module and is imported only when asked for, so that a
text run (the pre-commit hook) never pays for importing sarif-om.
"""

from __future__ import annotations

import importlib

from privlint.reporters.base import Reporter

#: Format name -> (module, class). The order is the order shown in ``--format`` help.
_REPORTERS: dict[str, tuple[str, str]] = {
    "text": ("privlint.reporters.text", "TextReporter"),
    "json": ("privlint.reporters.json", "JsonReporter"),
    "sarif": ("privlint.reporters.sarif", "SarifReporter"),
    "github": ("privlint.reporters.github", "GithubReporter"),
    "gitlab": ("privlint.reporters.gitlab", "GitlabReporter"),
}

#: The names ``get_reporter`` accepts.
FORMATS: tuple[str, ...] = tuple(_REPORTERS)


def get_reporter(name: str) -> Reporter:
    """The reporter for an output format name (``text``, ``json``, ``sarif``, ``github``,
    ``gitlab``).

    Raises ``ValueError`` naming the accepted formats when ``name`` is unknown.
    """
    try:
        module_name, class_name = _REPORTERS[name]
    except KeyError:
        expected = ", ".join(FORMATS)
        raise ValueError(f"unknown output format {name!r} (expected one of: {expected})") from None
    reporter_class: type[Reporter] = getattr(importlib.import_module(module_name), class_name)
    return reporter_class()


__all__ = ["FORMATS", "Reporter", "get_reporter"]
