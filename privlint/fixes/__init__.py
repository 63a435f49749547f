"""Apply the safe rewrites that rules attach to findings (``privlint check --fix``)."""

from privlint.fixes.apply import apply_fixes, apply_to_text

__all__ = ["apply_fixes", "apply_to_text"]
