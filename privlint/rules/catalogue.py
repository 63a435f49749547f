"""Importing this module registers every rule. Add new rule modules here."""

from privlint.rules.pl0_engine import file_not_analysed
from privlint.rules.pl1_logs import (
    sensitive_in_exception,
    sensitive_to_log,
    sensitive_to_output,
    sensitive_to_warning,
)

__all__ = [
    "file_not_analysed",
    "sensitive_in_exception",
    "sensitive_to_log",
    "sensitive_to_output",
    "sensitive_to_warning",
]
