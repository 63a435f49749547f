"""PL104: sensitive data is put into a warning."""

from __future__ import annotations

from privlint.engine.context import CallSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl1_logs.common import describe


@register
class SensitiveDataToWarning(Rule):
    """Sensitive data is put into a warning.

    ## Why is this bad?
    `warnings.warn` messages go to standard error and, with
    `logging.captureWarnings`, into the logs. They are as public as a log line.

    ## Example
        warnings.warn(f"weak password {password}")

    ## Use instead
        warnings.warn("weak password")
    """

    CODE = "PL104"
    NAME = "sensitive-data-to-warning"
    LEVEL = Level.WARNING
    TAGS = ("privacy", "security", "external/cwe/cwe-532")
    SECURITY_SEVERITY = 5.0
    CWE = (532,)

    VALID = [
        Valid("import warnings\nwarnings.warn('weak password')\n"),
        Valid("import warnings\nwarnings.warn(f'{len(password)} chars', UserWarning)\n"),
        Valid("import warnings\nwarnings.warn('x', category=DeprecationWarning)\n"),
        Valid("def warn(x):\n    pass\nwarn(password)\n"),
        Valid("import warnings\nwarnings.warn(f'token_type {token_type} unknown')\n"),
        Valid("import warnings\nwarnings.warn('%d tokens' % max_tokens)\n"),
        Valid("import warnings\nwarnings.warn(f'{email_backend} is deprecated')\n"),
        Valid("import warnings\nwarnings.warn(hash_email(email))\n"),
        Valid("import warnings as w\nw.warn('password_field is deprecated')\n"),
        Valid("import warnings\nwarnings.warn(f'{type(secret)} unsupported')\n"),
    ]
    INVALID = [
        Invalid(
            "import warnings\nwarnings.warn(f'weak password {password}')\n",
            region=(2, 15, 2, 42),
            message="credential.password reaches warnings.warn",
        ),
        Invalid("from warnings import warn\nwarn(f'bad token {token}')\n"),
        Invalid("import warnings as w\nw.warn('email ' + email)\n"),
        Invalid("import warnings\nwarnings.warn('phone %s' % phone)\n"),
        Invalid("import warnings\nwarnings.warn('{}'.format(api_key))\n"),
        Invalid("import warnings\ndef f(u):\n    warnings.warn(u.ssn)\n"),
        Invalid("import warnings\nwarnings.warn(message=secret)\n"),
        Invalid("import warnings\nm = f'{creds}'\nwarnings.warn(m)\n"),
        Invalid("import warnings\nwarnings.warn(str(access_token))\n"),
        Invalid("import warnings\nwarnings.warn_explicit(password, UserWarning, 'f', 1)\n"),
    ]

    def on_call(self, site: CallSite) -> None:
        if site.qualified is None or site.qualified not in site.policy.sinks.warning_functions:
            return
        sink = site.callee_name()
        for arg in site.node.args:
            if arg.keyword is not None and arg.keyword.value not in ("message",):
                continue
            site.reach(type(self), arg.value, sink, describe)
