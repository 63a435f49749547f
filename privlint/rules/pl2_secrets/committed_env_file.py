"""PL209: a `.env` file is tracked."""

from __future__ import annotations

from privlint.findings import Level
from privlint.rules.base import Invalid, Valid, register
from privlint.rules.pl2_secrets.common import SecretFileRule


@register
class CommittedEnvFile(SecretFileRule):
    """An environment file (`.env`) is tracked by the repository.

    ## Why is this bad?
    `.env` files exist to keep local and production secrets out of the code. Once
    one is committed, every value in it (today's and tomorrow's) is shared with
    everyone who clones the repository, and stays in its history. Commit a
    `.env.example` with placeholders and add `.env` to `.gitignore`.

    ## Example
        .env           (tracked)

    ## Use instead
        .env.example   (tracked, placeholders only)
        .gitignore:    .env

    In a git repository "tracked" means listed by `git ls-files` (or untracked but
    not ignored, about to be added); elsewhere every file found. `.env.example`,
    `.env.sample`, `.env.template`, `.env.dist` and `.env.defaults` are not reported.
    """

    CODE = "PL209"
    NAME = "committed-env-file"
    LEVEL = Level.ERROR
    SECURITY_SEVERITY = 7.5
    CWE = (538,)

    VALID = [
        Valid("DB_PASSWORD=changeme\n", filename=".env.example"),
        Valid("DB_PASSWORD=\n", filename=".env.sample"),
        Valid("DB_PASSWORD=\n", filename=".env.template"),
        Valid("DB_PASSWORD=\n", filename=".env.dist"),
        Valid("DB_PASSWORD=\n", filename=".env.defaults"),
        Valid("DB_PASSWORD=\n", filename="example.env"),
        Valid("DB_PASSWORD=\n", filename="sample.env"),
        Valid("DB_PASSWORD=\n", filename="env.example"),
        Valid("python-dotenv\n", filename="requirements.txt"),
        Valid("load_dotenv('.env')\n", filename="settings.cfg"),
        Valid(".env\n", filename=".gitignore"),
        Valid("FROM python\n", filename="Dockerfile"),
        Valid("environment: production\n", filename="env.yaml"),
        Valid("x=1\n", filename="environment"),
        Valid("x=1\n", filename=".envrc.example"),
    ]
    INVALID = [
        Invalid(
            "DEBUG=1\n",
            filename=".env",
            region=(1, 1, 1, 1),
            message="environment file .env is tracked: keep it out of the repository",
        ),
        Invalid("", filename=".env"),
        Invalid("DB_HOST=db\n", filename=".env.local"),
        Invalid("DB_HOST=db\n", filename=".env.production"),
        Invalid("DB_HOST=db\n", filename=".env.development"),
        Invalid("DB_HOST=db\n", filename=".env.staging"),
        Invalid("DB_HOST=db\n", filename=".env.test"),
        Invalid("DB_HOST=db\n", filename="prod.env"),
        Invalid("DB_HOST=db\n", filename="app/.env"),
        Invalid("DB_HOST=db\n", filename="deploy/production.env"),
        Invalid("DB_HOST=db\n", filename="docker/.env"),
        Invalid("DB_HOST=db\n", filename=".ENV"),
        Invalid("DB_HOST=db\n", filename="services/api/.env.prod"),
        Invalid("\xff\xfe binary-ish\n", filename=".env.ci"),
        Invalid("DB_HOST=db\n", filename="tests/.env"),
    ]
