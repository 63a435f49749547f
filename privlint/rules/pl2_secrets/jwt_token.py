"""PL205: a JSON Web Token in a file."""

from __future__ import annotations

from privlint.findings import Level
from privlint.rules.base import Invalid, Valid, register
from privlint.rules.pl2_secrets.common import SecretFileRule, fake

_HEAD = fake("ey", "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9")


def _jwt(sub: str) -> str:
    import base64
    import json

    body = base64.urlsafe_b64encode(json.dumps({"sub": sub, "iat": 1516239022}).encode())
    return (
        _HEAD
        + "."
        + body.decode().rstrip("=")
        + "."
        + fake("SflKxwRJSMeKKF2QT4fwpM", "eJf36POk6yJV_adQssw5c")
    )


_TOKENS = [_jwt(f"user-{n}") for n in range(16)]


@register
class JsonWebToken(SecretFileRule):
    """A JSON Web Token is committed.

    ## Why is this bad?
    A JWT is a bearer credential: until it expires (and many never do), anyone who
    holds it is the user or service it names. Tokens copied into fixtures, scripts
    and notebooks from a browser session often belong to real accounts. Revoke it
    (rotate the signing key if needed) and load tokens at run time.

    ## Example
        curl -H "Authorization: Bearer eyJhbGciOi…" https://api.example.com

    ## Use instead
        curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com

    Found by detect-secrets' JwtTokenDetector, which decodes the header and payload,
    so strings that merely start with `eyJ` are not reported.
    """

    CODE = "PL205"
    NAME = "jwt"
    LEVEL = Level.WARNING
    SECURITY_SEVERITY = 7.0
    SECRET_TYPES = ("JSON Web Token",)

    VALID = [
        Valid('curl -H "Authorization: Bearer $API_TOKEN" https://api\n', filename="call.sh"),
        Valid("token: ${JWT}\n", filename="c.yaml"),
        Valid("JWT=\n", filename=".env"),
        Valid("eyJ is how a base64 JSON object starts.\n", filename="README.md"),
        Valid('{"token": "<jwt>"}\n', filename="req.json"),
        Valid("header = eyJhbGciOiJIUzI1NiJ9\n", filename="h.txt"),
        Valid("token = abc.def.ghi\n", filename="t.ini"),
        Valid("jwt_secret_name: prod/jwt\n", filename="s.yaml"),
        Valid("Authorization: Bearer {{token}}\n", filename="req.http"),
        Valid("eyJ" + "notbase64!!.x.y\n", filename="bad.txt"),
        Valid("algorithm: HS256\nexpires_in: 3600\n", filename="jwt.yaml"),
        Valid("token = " + _TOKENS[0] + "  # pragma: allowlist secret\n", filename="a.cfg"),
        Valid("TOKEN=" + _TOKENS[1] + "  # privlint: ignore[PL205]\n", filename="b.env"),
        Valid("const decode = (t) => JSON.parse(atob(t.split('.')[1]));\n", filename="jwt.js"),
        Valid("id_token: null\n", filename="n.yaml"),
    ]
    INVALID = [
        Invalid(
            "token: " + _TOKENS[0] + "\n",
            filename="fixtures.yaml",
            region=(1, 8, 1, 8 + len(_TOKENS[0])),
            message="a JSON Web Token is committed in this file",
        ),
        Invalid("JWT=" + _TOKENS[1] + "\n", filename=".env"),
        Invalid('{"access_token": "' + _TOKENS[2] + '"}\n', filename="resp.json"),
        Invalid(
            'curl -H "Authorization: Bearer ' + _TOKENS[3] + '" https://api\n', filename="c.sh"
        ),
        Invalid("Authorization: Bearer " + _TOKENS[4] + "\n", filename="req.http"),
        Invalid('const t = "' + _TOKENS[5] + '";\n', filename="app.js"),
        Invalid("[auth]\ntoken = " + _TOKENS[6] + "\n", filename="c.ini"),
        Invalid("token = '" + _TOKENS[7] + "'\n", filename="c.toml"),
        Invalid('{"cells": [{"outputs": ["' + _TOKENS[8] + '"]}]}\n', filename="nb.ipynb"),
        Invalid("session=" + _TOKENS[9] + "\n", filename="cookies.txt"),
        Invalid("<token>" + _TOKENS[10] + "</token>\n", filename="c.xml"),
        # in documentation markup a JWT is an example: a note
        Invalid("Use " + _TOKENS[11] + " for the demo.\n", filename="NOTES.md", level=Level.NOTE),
        Invalid("api.token=" + _TOKENS[12] + "\n", filename="app.properties"),
        Invalid("import requests\nH = {'X-Auth': '" + _TOKENS[13] + "'}\n", filename="client.py"),
        Invalid("token: " + _TOKENS[14] + "\n", filename="tests/fixtures/t.yaml"),
    ]
