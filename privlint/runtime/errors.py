"""The one exception the runtime shim raises into the program: a refused network call."""

from __future__ import annotations


class PrivacyPolicyError(Exception):
    """An outbound call that the privacy policy refuses (raised before any connection).

    ``host`` is the destination, ``rule`` the policy rule that refused it
    (``plaintext-http``, ``tls-verification-disabled`` or ``local-only``) and
    ``client`` the library that was about to connect.
    """

    def __init__(self, message: str, *, host: str, rule: str, client: str) -> None:
        super().__init__(message)
        self.host = host
        self.rule = rule
        self.client = client
