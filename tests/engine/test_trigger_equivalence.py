"""Cheaper spellings of rule triggers answer as the plain searches they replace (#17):
over every rule example and odd case-folding text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from privlint.policy import load_policy
from privlint.rules.base import all_rules
from privlint.rules.pl3_transport import tls_verification_disabled as tls

REPO = Path(__file__).resolve().parents[2]


def _examples() -> list[str]:
    texts = []
    for rule in all_rules():
        for example in [*rule.VALID, *rule.INVALID]:
            texts.append(example.code)
            texts += [source for _, source in example.modules]
    return texts


def _plain_trigger(text: str, helpers: tuple[str, ...]) -> bool:
    """The trigger as it was written before: three searches and the case-blind one."""
    if tls._VERIFY_NAME.search(text) and tls._BOUND_FALSE.search(text):
        return True
    if tls._VERIFY_CONSTANT.search(text):
        return True
    return bool(helpers) and tls._helper_pattern(helpers).search(text) is not None


ODD = [
    "session = INSECURE_session()",
    "s = \u0130nsecure_session()",  # U+0130: the case-blind search matches it as i
    "s = \u0131nsecure()",  # U+0131
    "s = in\u017fecure()",  # U+017F, which Python reads as s in a name
    "s = non_verifying(url)",
    "requests.get(url, verify=VERIFY_TLS)",
    "VERIFY = False\nrequests.get(url, ssl=VERIFY)",
    "x = verify_ssl",
    "ssl=abc",
]


@pytest.mark.parametrize("policy_dir", [REPO])
def test_the_tls_trigger_answers_as_its_plain_searches(policy_dir: Path) -> None:
    policy = load_policy(search_from=policy_dir)
    helpers = policy.transport.insecure_helpers
    assert helpers
    texts = _examples() + ODD + [text.upper() for text in ODD]
    for path in sorted((REPO / "privlint").rglob("*.py")):
        texts.append(path.read_text(encoding="utf-8"))
    for text in texts:
        expected = _plain_trigger(text, helpers) or bool(
            super(tls.TlsVerificationDisabled, tls.TlsVerificationDisabled).triggered_by(
                text, policy
            )
        )
        assert bool(tls.TlsVerificationDisabled.triggered_by(text, policy)) is expected, text
        assert tls._names_helper(helpers, text) is (
            tls._helper_pattern(helpers).search(text) is not None
        ), text


def test_the_telemetry_trigger_answers_as_its_case_blind_search() -> None:
    from privlint.rules.pl5_thirdparty.telemetry_on_by_default import TelemetryOnByDefault

    words = ["telemetry", "Analytics", "TRACKING", "crash_report", "Crash-Report", "CRASHREPORT"]
    words += [
        "usage",
        "Error_Report",
        "error-report",
        "ErrorReport",
        "crash report",
        "errorxreport",
    ]
    odd = ["u\u017fage", "tracking\u212a", "\u212aey", "TELEMETRY\u0130"]
    texts = _examples() + words + odd + [f"x = {word}_ENABLED" for word in words]
    for path in sorted((REPO / "privlint").rglob("*.py")):
        texts.append(path.read_text(encoding="utf-8"))
    # the case-blind search the trigger was written as before its words were listed
    pattern = re.compile(
        r"(?i)telemetry|analytics|tracking|crash[_-]?report|usage|error[_-]?report"
    )
    answers = set()
    for text in texts:
        expected = pattern.search(text) is not None
        assert bool(TelemetryOnByDefault.triggered_by(text)) is expected, text
        answers.add(expected)
    assert answers == {True, False}
