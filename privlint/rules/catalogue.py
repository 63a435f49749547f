"""Importing this module registers every rule. Add new rule modules here."""

from privlint.rules.pl0_engine import file_not_analysed
from privlint.rules.pl1_logs import (
    sensitive_in_exception,
    sensitive_to_log,
    sensitive_to_output,
    sensitive_to_warning,
)
from privlint.rules.pl3_transport import (
    plaintext_protocol_client,
    plaintext_url,
    sensitive_over_plaintext,
    tls_verification_disabled,
    weak_tls_protocol,
)

__all__ = [
    "file_not_analysed",
    "plaintext_protocol_client",
    "plaintext_url",
    "sensitive_in_exception",
    "sensitive_over_plaintext",
    "sensitive_to_log",
    "sensitive_to_output",
    "sensitive_to_warning",
    "tls_verification_disabled",
    "weak_tls_protocol",
]
