"""PL207: a random-looking string that is probably a secret."""

from __future__ import annotations

from privlint.findings import Level
from privlint.rules.base import Invalid, Valid, register
from privlint.rules.pl2_secrets.common import SecretFileRule, fake

_B64 = [
    fake("q8Vn2XkP7", "rT4wLm9ZbY3c", "Hs6Jd1Fg5QaE0uKx"),
    fake("Zm9vYmFyYm", "F6cXV4OTg3NjU0", "MzIxMHp5eHd2dXQ="),
    fake("3kF9pL2mQ8", "vN7xR4tW1yB6", "cH5jZ0aS3dG8"),
    fake("Tq7Wz2Lm9N", "x4Pk8Rv3Yb6C", "h1Jd5Fs0Ga"),
    fake("mN3bV7cX1z", "L9kJ4hG8fD2s", "A6pO0iU5yT"),
    fake("H4sIAAAAAA", "AA/8tKzPzdVJ", "zdQryMvMS1ZI"),
    fake("p9O8i7U6y5", "T4r3E2w1Q0aZ", "sXdCfVgBhN"),
    fake("Wk8Lq3Nz7P", "x2Vm6Rt9Yb4C", "j1Hf5Ds0Ga"),
]
_HEX = [
    fake("8f14e45fce", "ea167a5a36de", "dd4bea2543"),
    fake("c4ca4238a0", "b923820dcc50", "9a6f75849b"),
    fake("45c48cce2e", "2d7fbdea1afc", "51c7c6ad26"),
    fake("d3d9446802", "a44259755d38", "e6d163e820"),
    fake("6512bd43d9", "caa6e02c990b", "0a82652dca"),
    fake("aab3238922", "bcc25a6f606e", "b525ffdc56"),
    fake("9bf31c7ff0", "62936a96d3c8", "bd1f8f2ff3"),
]


@register
class HighEntropyString(SecretFileRule):
    """A random-looking string (high Shannon entropy) that is probably a secret.

    ## Why is this bad?
    Keys for services without a recognisable format (internal APIs, signing
    secrets, webhook secrets, database passwords) look like random base64 or hex.
    Committed, they are as exposed as any other credential.

    ## Example
        WEBHOOK_SECRET: "q8Vn2XkP7rT4wL…"

    ## Use instead
        WEBHOOK_SECRET: "${WEBHOOK_SECRET}"

    Found by detect-secrets' Base64HighEntropyString and HexHighEntropyString in
    quoted strings of non-Python files (PL201 covers Python). The limits are set in
    `[tool.privlint] secrets = { base64-limit = 4.5, hex-limit = 3.0 }`; UUIDs,
    sequential strings, templated values and ID-named keys are filtered out.
    Heuristic: a warning, not an error.
    """

    CODE = "PL207"
    NAME = "high-entropy-string"
    LEVEL = Level.WARNING
    SECURITY_SEVERITY = 5.0
    SECRET_TYPES = ("Base64 High Entropy String", "Hex High Entropy String")

    VALID = [
        # a feature-flag export: every flag's salt, and a flag's long name
        Valid(
            "{\n"
            + "".join(
                f'  "f{i}": {{"salt": "{h}", "on": true}},\n'
                for i, h in enumerate(
                    (
                        "b876638e49394959acae27c1d37c4eee",
                        "0c1f3e7a9d2b4c6e8f0a1b3c5d7e9f21",
                        "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
                        "5f2a8c1e9b3d7f0a4c6e8b2d1f3a5c7e",
                        "e4d2c0b8a6f4e2d0c8b6a4f2e0d8c6b4",
                    )
                )
            )
            + '  "key": "fflag_fix_back_plt_843_webhook_memory_improvement_12082025_short"\n}\n',
            filename="feature_flags.json",
        ),
        Valid('id: "6fa459ea-ee8a-3ca4-894e-db77e160355e"\n', filename="u.yaml"),
        Valid('alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"\n', filename="a.yaml"),
        Valid('secret: "${WEBHOOK_SECRET}"\n', filename="w.yaml"),
        Valid('name: "my-service-production-east"\n', filename="n.yaml"),
        Valid('greeting: "hello world, how are you today"\n', filename="g.yaml"),
        Valid('path: "/usr/local/lib/python3.11/site-packages"\n', filename="p.yaml"),
        Valid('commit_id: "' + _HEX[0] + '"\n', filename="c.yaml"),
        Valid('"integrity": "sha512-' + _B64[0] + '"\n', filename="package-lock.json"),
        Valid('key: "' + _B64[1] + '"  # pragma: allowlist secret\n', filename="k.yaml"),
        Valid('key: "' + _B64[2] + '"  # privlint: ignore[PL207]\n', filename="k2.yaml"),
        Valid('version: "1.2.3"\n', filename="v.yaml"),
        Valid('sha256 = "' + _HEX[3] + _HEX[4] + '"\n', filename="corpus.toml"),
        Valid('"fingerprint": "' + _HEX[5] + '"\n', filename="out.sarif"),
        Valid('color: "#a1b2c3"\n', filename="t.yaml"),
        Valid('token: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n', filename="x.yaml"),
        Valid("value: 1234567890123456789012345\n", filename="num.yaml"),
        Valid('image: "python:3.11-slim-bookworm"\n', filename="img.yaml"),
        # bundled front-end code: colour tables and hashes that look random
        Valid('var key = "' + _B64[3] + '";\n', filename="static/d3/d3.v6.js"),
        Valid('var key = "' + _B64[4] + '";\n', filename="app.min.js"),
        # a key of a mapping is a name (a model path, an ID), not a secret
        Valid('{"models/' + _B64[6] + '": {"mode": "chat"}}\n', filename="catalog.json"),
    ]
    INVALID = [
        Invalid(
            'webhook: "' + _B64[0] + '"\n',
            filename="hooks.yaml",
            region=(1, 11, 1, 11 + len(_B64[0])),
            message="a secret-looking string (base64 high entropy string) is committed in this file",
        ),
        Invalid('{"signing": "' + _B64[1] + '"}\n', filename="s.json"),
        Invalid("const k = '" + _B64[2] + "';\n", filename="k.js"),
        Invalid('K = "' + _B64[3] + '"\n', filename="k.toml"),
        Invalid('X_KEY="' + _B64[4] + '"\n', filename="run.sh"),
        Invalid('<value>"' + _B64[2][::-1] + '"</value>\n', filename="c.xml"),
        Invalid('cfg := "' + _B64[6] + '"\n', filename="main.go"),
        Invalid('opaque: "' + _B64[7] + '"\n', filename="o.yml"),
        Invalid(
            'salt: "' + _HEX[1] + '"\n',
            filename="h.yaml",
            message="a secret-looking string (hex high entropy string) is committed in this file",
        ),
        Invalid('{"hmac": "' + _HEX[2] + '"}\n', filename="h.json"),
        Invalid("const h = '" + _HEX[3] + "';\n", filename="h.js"),
        Invalid('H = "' + _HEX[4] + '"\n', filename="h.toml"),
        Invalid('export H="' + _HEX[5] + '"\n', filename="h.sh"),
        Invalid('val x = "' + _HEX[6] + '"\n', filename="h.kt"),
        Invalid('blob: "' + _B64[0] + '"\n', filename="tests/data/b.yaml"),
    ]
