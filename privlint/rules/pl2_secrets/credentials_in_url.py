"""PL206: a password inside a URL."""

from __future__ import annotations

from privlint.findings import Level
from privlint.rules.base import Invalid, Valid, register
from privlint.rules.pl2_secrets.common import SecretFileRule, fake


def _url(scheme: str, password: str, host: str = "db.internal") -> str:
    return f"{scheme}://admin:" + fake(password[:3], password[3:]) + "@" + host


@register
class CredentialsInUrl(SecretFileRule):
    """A password is committed inside a URL (`scheme://user:password@host`).

    ## Why is this bad?
    Connection strings travel: into logs, error pages, process lists and the
    history of every repository they were pasted into. A password in one is as
    exposed as any other committed password. Keep the URL without credentials and
    pass them separately, or build the URL from the environment at run time.

    ## Example
        DATABASE_URL=postgres://app:Tr1cky-pw@db.internal/app  # pragma: allowlist secret

    ## Use instead
        DATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal/app

    Found by detect-secrets' BasicAuthDetector; placeholder passwords (`password`,
    `changeme`, `${VAR}`, `xxx`) are not reported.
    """

    CODE = "PL206"
    NAME = "credentials-in-url"
    LEVEL = Level.ERROR
    SECURITY_SEVERITY = 8.0
    SECRET_TYPES = ("Basic Auth Credentials",)

    VALID = [
        Valid("DATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal/app\n", filename=".env"),
        Valid("url: https://example.com/path\n", filename="c.yaml"),
        Valid("url: postgres://app@db.internal/app\n", filename="c.yaml"),
        Valid("url: postgres://user:password@localhost/db\n", filename="docs.yaml"),
        Valid("url: mysql://root:changeme@db/app\n", filename="compose.yaml"),
        Valid("url: redis://:xxxxxxxx@cache:6379\n", filename="r.yaml"),
        Valid("BROKER=amqp://guest:<password>@rabbit//\n", filename=".env.example"),
        Valid("git clone https://github.com/org/repo.git\n", filename="setup.sh"),
        Valid("mailto:someone@example.com\n", filename="contact.md"),
        Valid("url = f'postgres://{user}:{password}@{host}/db'\n", filename="u.txt"),
        Valid("ssh://git@github.com/org/repo.git\n", filename="deps.txt"),
        Valid(
            "DATABASE_URL=" + _url("postgres", "Tr1cky-pw") + "  # pragma: allowlist secret\n",
            filename="a.env",
        ),
        Valid(
            "url: " + _url("mysql", "Tr1cky-pw") + "  # privlint: ignore[PL206]\n",
            filename="b.yaml",
        ),
        Valid("proxy: http://proxy.corp:3128\n", filename="p.yaml"),
        Valid("url: https://user:{{ vault_password }}@host\n", filename="ansible.yml"),
    ]
    INVALID = [
        # code before a trailing comment is code; a URL in the comment is prose
        Invalid(
            "import sqlalchemy\nE = sqlalchemy.create_engine('"
            + _url("postgresql", "Tr4il-pw-42")
            + "/db')  # TODO: move to settings\n",
            filename="db.py",
            level=Level.ERROR,
        ),
        Invalid(
            "E = connect(settings.DB_URL)  # was " + _url("postgresql", "Tr4il-pw-42") + "\n",
            filename="db.py",
            level=Level.NOTE,
        ),
        # a password that repeats the user name: a service's default login, a note
        Invalid(
            "[celery]\nbroker_url = amqp://" + fake("gue", "st:gue", "st") + "@rabbitmq:5672/\n",
            filename="airflow.cfg",
            level=Level.NOTE,
        ),
        # words where the parts of a URL go: its syntax, documented, a note
        Invalid(
            "log.warning(\"URIs of the form 'models://"
            + fake("scope:", "prefix")
            + "@dbx/name'\")\n",
            filename="deprecations.py",
            level=Level.NOTE,
        ),
        Invalid(
            "DATABASE_URL=" + _url("postgres", "Tr1cky-pw") + "/app\n",
            filename=".env",
            region=(1, 31, 1, 40),
            message="a password in a URL (basic-auth credentials) is committed in this file",
        ),
        Invalid("url: " + _url("mysql", "S3cure-pw8") + "/app\n", filename="compose.yaml"),
        Invalid('{"broker": "' + _url("amqp", "Rabb1tPw7") + '//"}\n', filename="c.json"),
        Invalid(
            "REDIS_URL=" + _url("redis", "r3d1sPw99", "cache:6379") + "\n", filename="prod.env"
        ),
        Invalid(
            "git clone " + _url("https", "gitPw2024x", "git.corp.lan/repo.git") + "\n",
            filename="ci.sh",
        ),
        Invalid("[db]\nurl = " + _url("postgresql", "Pg-pw-8812") + "\n", filename="alembic.ini"),
        Invalid("sqlalchemy.url = " + _url("postgresql", "Pg-pw-1188") + "\n", filename="app.cfg"),
        Invalid(
            "index-url = " + _url("https", "Px3-index", "pypi.corp.lan/simple") + "\n",
            filename="pip.conf",
        ),
        Invalid("const u = '" + _url("mongodb", "M0ngoPw77") + "';\n", filename="db.js"),
        Invalid("ENV DB=" + _url("postgres", "D0ckerPw5") + "\n", filename="Dockerfile"),
        Invalid(
            "proxy = " + _url("http", "Pr0xyPw66", "proxy.corp:3128") + "\n", filename="p.toml"
        ),
        Invalid(
            "See " + _url("ftp", "Ftp-pw-321", "files.corp") + " for files.\n",
            filename="README.md",
            level=Level.NOTE,  # documentation: an illustration more often than a leak
        ),
        Invalid(
            'def connect(url):\n    """Connect, e.g. to '
            + _url("postgresql", "D0c-pw-71")
            + '."""\n',
            filename="db.py",
            level=Level.NOTE,  # a docstring's example
        ),
        Invalid(
            "DATABASE_URL=" + _url("postgres", "Ex4mple-pw") + "/app\n",
            filename="examples/compose/.env",
            level=Level.NOTE,
        ),
        Invalid("<url>" + _url("jdbc:mysql", "Jdbc-pw-44") + "</url>\n", filename="c.xml"),
        Invalid(
            "import sqlalchemy\nE = sqlalchemy.create_engine('"
            + _url("postgresql", "Py-pw-9911")
            + "/db')\n",
            filename="db.py",
        ),
        Invalid("url: " + _url("postgres", "T3st-pw-55") + "\n", filename="tests/settings.yaml"),
    ]
