"""PL504: telemetry, analytics or crash reporting is on unless the user turns it off."""

from __future__ import annotations

import re

import libcst as cst

from privlint.engine.context import CallSite
from privlint.engine.dataflow import string_value
from privlint.engine.walk import AssignSite
from privlint.findings import Level
from privlint.policy.model import Policy
from privlint.rules.base import Invalid, Rule, Valid, register


def _truthy(node: cst.BaseExpression, truthy: frozenset[str]) -> bool:
    if isinstance(node, cst.Name):
        return node.value == "True"
    if isinstance(node, cst.Integer):
        return node.value == "1"
    text = string_value(node)
    return text is not None and text.strip().lower() in truthy


#: what ``TelemetryOnByDefault.TRIGGER`` looks for, case aside
_TRIGGER_WORDS = (
    "telemetry", "analytics", "tracking", "crash_report", "crash-report", "crashreport",
    "usage", "error_report", "error-report", "errorreport",
)  # fmt: skip


@register
class TelemetryOnByDefault(Rule):
    """Telemetry, analytics or crash reporting is on unless the user turns it off.

    ## Why is this bad?
    Privacy law and guides (GDPR consent, ePrivacy) ask for opt-in: usage data,
    crash reports and analytics events carry identifiers and behaviour, and must
    not leave the machine before the user agrees. A flag whose default is "on"
    sends data from every install whose owner never heard of it.

    ## Example
        TELEMETRY_ENABLED = os.getenv("ENABLE_TELEMETRY", "true") == "true"

    ## Use instead
        TELEMETRY_ENABLED = os.getenv("ENABLE_TELEMETRY", "false") == "true"

    Reports an environment lookup (`os.getenv`, `os.environ.get`) of a
    telemetry/analytics/tracking/crash-reporting/usage-statistics variable whose
    default is truthy (`"true"`, `"1"`, `"yes"`, `"on"`, `True`, `1`), and a
    constant-style (upper-case) assignment of `True` to such a name. Names that
    invert the flag (`DISABLE_TELEMETRY`, `NO_ANALYTICS`, `*_OPT_OUT`) or record a
    choice (`*_OPT_IN`, `*_CONSENT`) are not reported. The words, the look-up
    functions and the truthy defaults are in the rule pack (`rules/thirdparty.toml`,
    `[telemetry]`); the trigger below must cover every flag name listed there.
    """

    CODE = "PL504"
    NAME = "telemetry-on-by-default"
    LEVEL = Level.WARNING
    TAGS = ("privacy", "telemetry", "external/cwe/cwe-359")
    SECURITY_SEVERITY = 4.3
    CWE = (359,)
    TRIGGER = re.compile("(?i)" + "|".join(map(re.escape, _TRIGGER_WORDS)))

    @classmethod
    def triggered_by(cls, text: str, policy: Policy | None = None) -> bool | None:
        """The case-blind ``TRIGGER`` search, at a fraction of its cost on ASCII text:
        there ``lower()`` folds case as that search does (elsewhere it does not: its
        s and k also match U+017F and U+212A)."""
        if text.isascii():
            lowered = text.lower()
            return any(word in lowered for word in _TRIGGER_WORDS)
        return super().triggered_by(text, policy)

    VALID = [
        Valid("import os\nON = os.getenv('ENABLE_TELEMETRY', 'false')\n"),
        Valid("import os\nON = os.getenv('ENABLE_TELEMETRY', '0')\n"),
        Valid("import os\nON = os.getenv('ENABLE_TELEMETRY')\n"),
        Valid("import os\nOFF = os.getenv('DISABLE_TELEMETRY', 'true')\n"),
        Valid("import os\nOFF = os.environ.get('DO_NOT_TRACK', '1')\n"),
        Valid("import os\nOFF = os.environ.get('MYAPP_NO_ANALYTICS', '1')\n"),
        # an admin's analytics dashboard inside the application sends nothing home
        Valid(
            "import os\n"
            "ENABLE_ADMIN_ANALYTICS = os.getenv('ENABLE_ADMIN_ANALYTICS', 'True').lower() == 'true'\n"
        ),
        Valid("import os\nOFF = os.environ.get('ANALYTICS_OPT_OUT', 'yes')\n"),
        Valid("TELEMETRY_ENABLED = False\n"),
        Valid("DISABLE_TELEMETRY = True\n"),
        Valid("ANALYTICS_OPT_IN = True\n"),
        Valid("DEBUG = True\n"),
        Valid("import os\nDEBUG = os.getenv('DEBUG', 'true')\n"),
        Valid("def f():\n    telemetry_enabled = True\n"),
        # presence detection of the user's own devices: nothing is sent home
        Valid("DEFAULT_CONF_FEATURE_DEVICE_TRACKING = True\n"),
        Valid("import other\nx = other.getenv('ENABLE_TELEMETRY', 'true')\n"),
        Valid("TELEMETRY_CONSENT = True\n"),
    ]
    INVALID = [
        Invalid(
            "import os\nON = os.getenv('ENABLE_TELEMETRY', 'true')\n",
            region=(2, 36, 2, 42),
            message="ENABLE_TELEMETRY defaults to on: telemetry must be opt-in",
        ),
        Invalid("import os\nON = os.environ.get('MYAPP_ANALYTICS', '1')\n", region=(2, 40, 2, 43)),
        Invalid("import os\nON = os.environ.get('SEND_ANONYMOUS_USAGE', default='yes')\n"),
        Invalid("from os import getenv\nON = getenv('CRASH_REPORTING', 'on') == 'on'\n"),
        Invalid("import os\nON = os.getenv('TELEMETRY', 'True').lower() == 'true'\n"),
        Invalid("import os\nON = bool(int(os.getenv('USAGE_STATS_ENABLED', 1)))\n"),
        Invalid("import os\nos.environ.setdefault('APP_TRACKING', 'true')\n"),
        Invalid(
            "TELEMETRY_ENABLED = True\n",
            region=(1, 21, 1, 25),
            message="TELEMETRY_ENABLED defaults to on: telemetry must be opt-in",
        ),
        Invalid("SEND_ANONYMOUS_USAGE = True\n"),
        Invalid("ANALYTICS_ENABLED: bool = True\n"),
        Invalid("class Settings:\n    ERROR_REPORTING = True\n"),
        Invalid("import os\nON = os.getenv('ENABLE_CRASH_REPORTS', 'true')\n"),
    ]

    def on_call(self, site: CallSite) -> None:
        words = site.policy.thirdparty.telemetry
        if site.qualified not in words.env_getters:
            return
        positional = [arg for arg in site.node.args if arg.keyword is None]
        keywords = {arg.keyword.value: arg for arg in site.node.args if arg.keyword is not None}
        key = positional[0].value if positional else None
        default = positional[1] if len(positional) > 1 else keywords.get("default")
        name = string_value(key) if key is not None else None
        if name is None or default is None or not words.is_flag(name):
            return
        if _truthy(default.value, words.truthy):
            site.report(
                type(self), default.value, f"{name} defaults to on: telemetry must be opt-in"
            )

    def on_assign(self, site: AssignSite) -> None:
        target = site.target
        if not isinstance(target, cst.Name) or not target.value.isupper():
            return
        words = site.policy.thirdparty.telemetry
        if (
            words.is_flag(target.value)
            and isinstance(site.value, cst.Name)
            and _truthy(site.value, words.truthy)
        ):
            site.report(
                type(self), site.value, f"{target.value} defaults to on: telemetry must be opt-in"
            )
