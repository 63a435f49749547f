"""Apply the rewrites that rules attach to findings (``privlint check --fix``), safe ones
unless ``--unsafe-fixes``, or show them as a diff (``--diff``)."""

from privlint.fixes.apply import apply_fixes, apply_to_text, fix_diff, fixed_files

__all__ = ["apply_fixes", "apply_to_text", "fix_diff", "fixed_files"]
