"""What the PL0xx rules share."""

from __future__ import annotations

from privlint.rules.base import Rule


class SuppressionRule(Rule):
    """A rule about suppression comments, judged once per file after every other rule
    (``privlint.engine.audit``). Its examples run with every default rule enabled:
    whether a comment silences something depends on the others."""
