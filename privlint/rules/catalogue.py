"""Importing this module registers every rule. Add new rule modules here."""

from privlint.rules.pl0_engine import file_not_analysed, unknown_suppression, unused_suppression
from privlint.rules.pl1_logs import (
    sensitive_in_exception,
    sensitive_to_log,
    sensitive_to_output,
    sensitive_to_warning,
)
from privlint.rules.pl2_secrets import (
    cloud_provider_key,
    committed_env_file,
    credentials_in_url,
    hardcoded_credential,
    high_entropy_string,
    jwt_token,
    private_key,
    private_key_file,
    secret_keyword,
    service_token,
)
from privlint.rules.pl3_transport import (
    plaintext_protocol_client,
    plaintext_url,
    sensitive_over_plaintext,
    tls_verification_disabled,
    weak_tls_protocol,
)
from privlint.rules.pl4_redaction import (
    field_in_repr,
    logging_config,
    pydantic_secret,
    record_to_sink,
    repr_method,
    whole_object,
)
from privlint.rules.pl5_thirdparty import (
    pii_to_analytics,
    pii_to_error_tracker,
    pii_to_llm,
    sentry_sends_pii,
    telemetry_on_by_default,
)
from privlint.rules.pl6_storage import (
    clear_text_column,
    clear_text_write,
    sensitive_cookie,
    unsalted_hash,
    world_readable,
)

__all__ = [
    "clear_text_column",
    "clear_text_write",
    "cloud_provider_key",
    "committed_env_file",
    "credentials_in_url",
    "field_in_repr",
    "file_not_analysed",
    "hardcoded_credential",
    "high_entropy_string",
    "jwt_token",
    "logging_config",
    "pii_to_analytics",
    "pii_to_error_tracker",
    "pii_to_llm",
    "plaintext_protocol_client",
    "plaintext_url",
    "private_key",
    "private_key_file",
    "pydantic_secret",
    "record_to_sink",
    "repr_method",
    "secret_keyword",
    "sensitive_cookie",
    "sensitive_in_exception",
    "sensitive_over_plaintext",
    "sensitive_to_log",
    "sensitive_to_output",
    "sensitive_to_warning",
    "sentry_sends_pii",
    "service_token",
    "telemetry_on_by_default",
    "tls_verification_disabled",
    "unknown_suppression",
    "unsalted_hash",
    "unused_suppression",
    "weak_tls_protocol",
    "whole_object",
    "world_readable",
]
