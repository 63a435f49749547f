"""PL203: a service's API token in a file."""

from __future__ import annotations

from privlint.findings import Level
from privlint.rules.base import Invalid, Valid, register
from privlint.rules.pl2_secrets.common import SecretFileRule, fake

_GH = fake("gh", "p_") + fake("a1B2c3D4e5F6g7H8i9J0", "k1L2m3N4o5P6q7R8")
_GH2 = fake("gh", "o_") + fake("Z9y8X7w6V5u4T3s2R1q0", "P9o8N7m6L5k4J3i2")
_GL = fake("gl", "pat-") + fake("x7Hk2mPq9", "RtVw3Zn4LbQ")
_SLACK = (
    fake("xo", "xb-")
    + fake("2634758", "19283-")
    + fake("8172635", "40918-")
    + "aB3dE5gH7jK9mN1pQ3sT5vW7"
)
_STRIPE = fake("sk", "_live_") + fake("4eC39HqLyjWDar", "jtT1zdp7dc")
_STRIPE2 = fake("rk", "_live_") + fake("9fJ3kL5mN7pQ9r", "S1tU3vW5xY7z")
_SG = (
    fake("S", "G.")
    + fake("ngeVfQFYQlKU0ufo8x5d1A", ".")
    + fake("TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr")
)
_NPM = fake("np", "m_") + fake("aB3dE5gH7jK9mN1pQ3sT5", "vW7yZ9bC2dF4")
_OPENAI = (
    fake("s", "k-")
    + fake("proj-", "Zq8Wm3Kx7Pn2Rt5Vy9Lb4Hc6")
    + "T3BlbkFJ"
    + "Xy7Qw2Er5Ty8Ui3Op6As9Df"
)
_PYPI = (
    fake("py", "pi-")
    + "AgEIcHlwaS5vcmc"
    + fake("CJGQ2ZmE4YzQtNjU5", "OS00ZjI1LWE5ZmYtNmM3ZDFiZGM4ZTU4AAIqWzMsIjJjYzQ3NjQ4LTg3ZjItNGQ")
)
_TWILIO = fake("S", "K") + fake("2f3e4d5c6b7a8", "9f0e1d2c3b4a5f6e7a8")
_DISCORD = (
    fake("MTk4NjIyNDgzNDcxOTI1MjQ4", ".")
    + fake("Cl2FMQ", ".")
    + fake("ZnCjm1XVW7vRze4b7Cq4se7kKWs")
)
_TELEGRAM = fake("1234567", "89:") + fake("AAHdqTcvCH1vGWJxfSeofSAs0K5", "PALDsawQ")
_MAILCHIMP = fake("8a7b6c5d4e3f2a1b", "0c9d8e7f6a5b4c3d") + fake("-us", "12")


@register
class ServiceToken(SecretFileRule):
    """A service's API token is committed (GitHub, Slack, Stripe, OpenAI, PyPI, ...).

    ## Why is this bad?
    An API token acts as its owner: it pushes code, reads messages, moves money or
    publishes packages. Tokens in a repository are harvested by automated scanners
    and stay in its history. Revoke the token, then load it from the environment
    or a secret manager.

    ## Example
        # .npmrc
        //registry.npmjs.org/:_authToken=(an npm token)

    ## Use instead
        //registry.npmjs.org/:_authToken=${NPM_TOKEN}

    Found by detect-secrets' token detectors (GitHub, GitLab, Slack, Stripe, Twilio,
    SendGrid, npm, OpenAI, Discord, Telegram, Mailchimp, PyPI, Artifactory, Square)
    in every tracked text file, and in Python source.
    """

    CODE = "PL203"
    NAME = "service-token"
    LEVEL = Level.ERROR
    SECURITY_SEVERITY = 8.5
    SECRET_TYPES = (
        "GitHub Token", "GitLab Token", "Slack Token", "Stripe Access Key", "Twilio API Key",
        "SendGrid API Key", "NPM tokens", "OpenAI Token", "Discord Bot Token",
        "Telegram Bot Token", "Mailchimp Access Key", "PyPI Token", "Artifactory Credentials",
        "Square OAuth Secret",
    )  # fmt: skip

    VALID = [
        Valid("GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}\n", filename="ci.yml"),
        Valid("//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n", filename=".npmrc"),
        Valid("STRIPE_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx\n", filename=".env.example"),
        Valid("token: <your-github-token>\n", filename="config.yaml"),
        Valid("SLACK_TOKEN=\n", filename=".env"),
        Valid('{"openai_api_key": ""}\n', filename="settings.json"),
        Valid("Tokens start with ghp_ followed by 36 characters.\n", filename="README.md"),
        Valid("password = __token__\n", filename=".pypirc"),
        Valid("export GITLAB_TOKEN=$(cat /run/secrets/gitlab)\n", filename="ci.sh"),
        Valid("sk-\n", filename="prefix.txt"),
        Valid("webhook: https://hooks.example.com/services/T000/B000/XXXX\n", filename="w.yaml"),
        Valid("stripe:\n  publishable: pk_test_TYooMQauvdEDq54NiTphI7jx\n", filename="s.yaml"),
        Valid("token = " + _GH + "  # pragma: allowlist secret\n", filename="a.cfg"),
        Valid("TOKEN=" + _GH2 + "  # privlint: ignore[PL203]\n", filename="b.env"),
        Valid("ghp_ is GitHub's prefix; xoxb- is Slack's.\n", filename="NOTES.md"),
    ]
    INVALID = [
        # an elided example in a template's comment: a note
        Invalid(
            "slack:\n  # token: xoxb" + "-4426949411-aEM7...\n  token: ${SLACK_TOKEN}\n",
            filename="config-template.yaml",
            level=Level.NOTE,
        ),
        Invalid(
            "GITHUB_TOKEN=" + _GH + "\n",
            filename=".env",
            region=(1, 14, 1, 54),
            message="a GitHub Token is committed in this file",
        ),
        Invalid("github:\n  token: " + _GH2 + "\n", filename="config.yml"),
        Invalid("gitlab_token = '" + _GL + "'\n", filename="ci.toml"),
        Invalid("SLACK_BOT_TOKEN=" + _SLACK + "\n", filename="prod.env"),
        Invalid('{"stripe": "' + _STRIPE + '"}\n', filename="keys.json"),
        Invalid("stripe.api_key = '" + _STRIPE2 + "'\n", filename="billing.rb"),
        Invalid("SENDGRID_API_KEY=" + _SG + "\n", filename="mail.sh"),
        Invalid("//registry.npmjs.org/:_authToken=" + _NPM + "\n", filename=".npmrc"),
        Invalid('const openai = new OpenAI({apiKey: "' + _OPENAI + '"});\n', filename="chat.js"),
        Invalid("[pypi]\nusername = __token__\npassword = " + _PYPI + "\n", filename=".pypirc"),
        Invalid("twilio:\n  api_key: " + _TWILIO + "\n", filename="twilio.yaml"),
        Invalid("DISCORD_TOKEN=" + _DISCORD + "\n", filename="bot.env"),
        Invalid("bot_token: '" + _TELEGRAM + "'\n", filename="telegram.yaml"),
        Invalid("mailchimp_key = " + _MAILCHIMP + "\n", filename="mc.ini"),
        Invalid("import os\nos.environ.setdefault('GH', '" + _GH + "')\n", filename="conf.py"),
    ]
