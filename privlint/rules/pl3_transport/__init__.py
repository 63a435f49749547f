"""PL3xx: data that leaves the process in clear text or without TLS checks.

- PL301 plaintext-url-to-network-call (plaintext_url.py)
- PL302 tls-verification-disabled (tls_verification_disabled.py)
- PL303 weak-tls-protocol (weak_tls_protocol.py)
- PL304 sensitive-data-over-plaintext (sensitive_over_plaintext.py)
- PL305 plaintext-protocol-client (plaintext_protocol_client.py)

Which clients take URLs, where, and which arguments switch TLS checks off is data:
``rules/transport.toml``. ``common.py`` holds what the rules share.
"""
