"""PL501: Sentry is initialised to send personal data."""

from __future__ import annotations

import libcst as cst

from privlint.engine.context import CallSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register

_INIT = frozenset({"sentry_sdk.init", "sentry_sdk.Client"})


def _is_true(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "True"


@register
class SentrySendsPii(Rule):
    """Sentry is initialised to send personal data.

    ## Why is this bad?
    `send_default_pii=True` makes the Sentry SDK attach IP addresses, cookies,
    request bodies and user identities to every event; `include_local_variables=True`
    ships every frame's local variables (passwords, tokens, e-mail addresses) to
    a third party. Without a `before_send` scrubber nothing removes them.

    ## Example
        sentry_sdk.init(dsn=DSN, send_default_pii=True)

    ## Use instead
        sentry_sdk.init(dsn=DSN, send_default_pii=False, before_send=scrub)
    """

    CODE = "PL501"
    NAME = "sentry-sends-pii"
    LEVEL = Level.WARNING
    TAGS = ("privacy", "third-party", "external/cwe/cwe-359")
    SECURITY_SEVERITY = 5.3
    CWE = (359,)
    TRIGGER = ("sentry_sdk",)

    VALID = [
        Valid("import sentry_sdk\nsentry_sdk.init(dsn=DSN)\n"),
        Valid("import sentry_sdk\nsentry_sdk.init(dsn=DSN, send_default_pii=False)\n"),
        Valid(
            "import sentry_sdk\nsentry_sdk.init(dsn=DSN, send_default_pii=True, before_send=scrub)\n"
        ),
        Valid(
            "import sentry_sdk\nsentry_sdk.init(include_local_variables=True, before_send=scrub)\n"
        ),
        Valid("import sentry_sdk\nsentry_sdk.init(include_local_variables=False)\n"),
        Valid("import sentry_sdk\nsentry_sdk.init(dsn=DSN, send_default_pii=flag)\n"),
        Valid("def init(**kw): pass\ninit(send_default_pii=True)\n"),
        Valid("import other\nother.init(send_default_pii=True)\n"),
        Valid("import sentry_sdk\nsentry_sdk.capture_message('ok')\n"),
        Valid("import sentry_sdk\nOPTIONS = {'send_default_pii': True}\n"),
        Valid("# sentry_sdk.init(send_default_pii=True)\nx = 1\n"),
    ]
    INVALID = [
        Invalid(
            "import sentry_sdk\nsentry_sdk.init(dsn=DSN, send_default_pii=True)\n",
            region=(2, 26, 2, 47),
            message="sentry_sdk.init sends personal data (send_default_pii=True) with no before_send scrubber",
        ),
        Invalid("import sentry_sdk as s\ns.init(send_default_pii=True)\n", region=(2, 8, 2, 29)),
        Invalid("from sentry_sdk import init\ninit(send_default_pii=True)\n", region=(2, 6, 2, 27)),
        Invalid(
            "import sentry_sdk\nsentry_sdk.init(include_local_variables=True)\n",
            region=(2, 17, 2, 45),
        ),
        Invalid(
            "import sentry_sdk\nsentry_sdk.init(\n    dsn=DSN,\n    send_default_pii=True,\n)\n",
            region=(4, 5, 4, 26),
        ),
        Invalid("import sentry_sdk\nsentry_sdk.init(send_default_pii=True, before_send=None)\n"),
        Invalid("import sentry_sdk\nclient = sentry_sdk.Client(DSN, send_default_pii=True)\n"),
        Invalid("import sentry_sdk\ndef setup():\n    sentry_sdk.init(send_default_pii=True)\n"),
        Invalid(
            "from sentry_sdk import init as start\nstart(send_default_pii=True, traces_sample_rate=1.0)\n"
        ),
        Invalid(
            "import sentry_sdk\nsentry_sdk.init(send_default_pii=True, include_local_variables=True)\n"
        ),
    ]

    def on_call(self, site: CallSite) -> None:
        if site.qualified not in _INIT:
            return
        scrubbed = False
        flagged: list[cst.Arg] = []
        for arg in site.node.args:
            if arg.keyword is None:
                continue
            name = arg.keyword.value
            if name == "before_send":
                scrubbed = not (isinstance(arg.value, cst.Name) and arg.value.value == "None")
            elif name in ("send_default_pii", "include_local_variables") and _is_true(arg.value):
                flagged.append(arg)
        if scrubbed:
            return
        for arg in flagged:
            assert arg.keyword is not None
            site.report(
                type(self),
                arg,
                f"{site.qualified} sends personal data ({arg.keyword.value}=True)"
                " with no before_send scrubber",
            )
