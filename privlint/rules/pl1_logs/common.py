"""Shared wording for the PL1xx rules: name the data categories and the sink."""

from __future__ import annotations

from collections.abc import Sequence


def describe(categories: Sequence[str], sink: str) -> str:
    """``credential.password reaches logging.info``; never the value itself."""
    if len(categories) == 1:
        return f"{categories[0]} reaches {sink}"
    listed = ", ".join(categories[:-1]) + f" and {categories[-1]}"
    return f"{listed} reach {sink}"
