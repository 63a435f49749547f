"""PL208: a secret-named key with a value, in a configuration file."""

from __future__ import annotations

from privlint.findings import Level
from privlint.rules.base import Invalid, Valid, register
from privlint.rules.pl2_secrets.common import SecretFileRule, fake

_PW = [fake("Tr0ub4dor", "&3x", str(n)) for n in range(16)]


@register
class SecretKeyword(SecretFileRule):
    """A value is assigned to a secret-named key (`password`, `api_key`, ...) in a file.

    ## Why is this bad?
    Configuration files (.env, YAML, INI, TOML, properties) are where passwords
    are most often committed: `DB_PASSWORD=…` written for a local run, then
    pushed. Keep the key and load the value from the environment or a secret
    manager.

    ## Example
        # config.yaml
        database:
          password: Tr0ub4dor-prod

    ## Use instead
        database:
          password: ${DB_PASSWORD}

    Found by detect-secrets' KeywordDetector, with the file type deciding the
    syntax. Placeholders (`changeme`, `<password>`, `${VAR}`, `xxx`, `your_key_here`),
    empty values and references are not reported. Python source is covered by
    PL201 instead.
    """

    CODE = "PL208"
    NAME = "secret-keyword"
    LEVEL = Level.WARNING
    SECURITY_SEVERITY = 6.5
    SECRET_TYPES = ("Secret Keyword",)

    VALID = [
        # an elided example value
        Valid("recaptcha:\n  privatekey: 6Lc...-jP\n", filename="config.yaml"),
        Valid("database:\n  password: ${DB_PASSWORD}\n", filename="config.yaml"),
        Valid("DB_PASSWORD=\n", filename=".env"),
        Valid("DB_PASSWORD=changeme\n", filename=".env.example"),
        Valid("password: <your-password>\n", filename="c.yaml"),
        Valid("[db]\npassword = xxxxxxxx\n", filename="c.ini"),
        Valid("api_key = your_api_key_here\n", filename="c.cfg"),
        Valid("password = '{password}'\n", filename="c.toml"),
        Valid("secret: ********\n", filename="c.yaml"),
        Valid("password_file: /run/secrets/db\n", filename="c.yaml"),
        Valid('"password": ""\n', filename="c.json"),
        Valid("user: admin\nhost: db.internal\n", filename="c.yaml"),
        Valid("password: " + _PW[0] + "  # pragma: allowlist secret\n", filename="a.yaml"),
        Valid("password: " + _PW[1] + "  # privlint: ignore[PL208]\n", filename="b.yaml"),
        Valid("secret = %(SECRET)s\n", filename="s.ini"),
        Valid("password: dummy\n", filename="d.yaml"),
        # localisation catalogues and labels: words for people, not secrets
        Valid(
            '{"password": "Passwort", "api_key": "API-Schlüssel"}\n',
            filename="translations/de.json",
        ),
        Valid('{"config": {"token": "Zugriffstoken"}}\n', filename="components/hub/strings.json"),
        Valid('msgid "Password"\nmsgstr "Mot de passe"\n', filename="locale/fr/LC_MESSAGES/app.po"),
        Valid("token_expired: The access token has expired.\n", filename="errors.yaml"),
        Valid('password_label: "Your Password"\n', filename="form.yaml"),
        # other senses of the key, by the policy: an entry point, a hint, a page token
        Valid('hash_password = "app.scripts.hash_password:main"\n', filename="pyproject.toml"),
        Valid("password_hint: " + _PW[15] + "\n", filename="h.yaml"),
        Valid('useSearch({ patternApiKey: "dagIdPattern" });\n', filename="src/pages/Dags.tsx"),
    ]
    INVALID = [
        # a code sample inside a settings reference's block of prose: a note
        Invalid(
            "NAPALM_ARGS:\n  default: {}\n  details: |-\n    Example:\n\n    ```python\n"
            "    NAPALM_ARGS = {\n        'api_key': '472071a93b60a1bd1fafb401d9f8ef41',\n"
            "    }\n    ```\n",
            filename="settings.yaml",
            level=Level.NOTE,
        ),
        Invalid(
            "NAPALM_ARGS:\n  default: {}\n  value: |-\n"
            "    NAPALM_ARGS = {\n        'api_key': '472071a93b60a1bd1fafb401d9f8ef41',\n"
            "    }\n",
            filename="settings.yaml",
            level=Level.WARNING,
        ),
        Invalid(
            "database:\n  password: " + _PW[0] + "\n",
            filename="config.yaml",
            region=(2, 13, 2, 13 + len(_PW[0])),
            message="a secret assigned to a secret-named key is committed in this file",
        ),
        Invalid("DB_PASSWORD=" + _PW[1] + "\n", filename=".env"),
        Invalid("[db]\npassword = " + _PW[2] + "\n", filename="c.ini"),
        Invalid("[db]\npassword = '" + _PW[3] + "'\n", filename="c.toml"),
        Invalid("db.password=" + _PW[4] + "\n", filename="app.properties"),
        Invalid("[client]\npassword=" + _PW[5] + "\n", filename="my.cnf"),
        Invalid("secret: " + _PW[6] + "\n", filename="s.yml"),
        Invalid("API_KEY=" + _PW[7] + "\n", filename="prod.env"),
        Invalid('password = "' + _PW[8] + '"\n', filename="main.tf"),
        Invalid('$password = "' + _PW[9] + '";\n', filename="config.php"),
        Invalid('String password = "' + _PW[10] + '";\n', filename="Db.java"),
        Invalid('password := "' + _PW[11] + '"\n', filename="db.go"),
        Invalid('const password = "' + _PW[12] + '";\n', filename="db.js"),
        Invalid("[smtp]\nsecret = " + _PW[13] + "\n", filename="mail.cfg"),
        Invalid("password: " + _PW[14] + "\n", filename="tests/config.yaml"),
        Invalid("pgpassword: " + _PW[15] + "\n", filename="db.yaml"),
        # letters only, in words: more likely a field name than a password
        Invalid("api_key: etoday\n", filename="sensors.yaml", level=Level.NOTE),
    ]
