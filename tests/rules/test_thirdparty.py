"""PL502/PL503 read their SDK calls from the rule pack: a project's entry is enough to
make a new SDK a sink, and each rule keeps to its own services."""

from __future__ import annotations

from pathlib import Path

from privlint.engine.runner import analyze_source
from privlint.policy import load_policy
from privlint.rules.pl5_thirdparty.pii_to_analytics import PiiToAnalytics
from privlint.rules.pl5_thirdparty.pii_to_error_tracker import PiiToErrorTracker
from privlint.rules.pl5_thirdparty.telemetry_on_by_default import TelemetryOnByDefault

POLICY = load_policy(config=None)
HEAP = (
    "import heap\nclient = heap.Client(APP_ID)\n"
    "client.track(user_id, 'signed up', {'email': user.email})\n"
)


def test_a_project_sdk_is_a_sink_once_configured(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(
        "[tool.privlint]\n"
        'analytics-sinks = [{ sdk = "Heap", functions = ["heap.Client"], returns = "heap" },'
        ' { sdk = "Heap", on = "heap", methods = ["track"], data = [{ position = 2 }] }]\n'
    )
    policy = load_policy(config=config)
    assert analyze_source(HEAP, "m.py", POLICY, [PiiToAnalytics]) == []
    findings = analyze_source(HEAP, "m.py", policy, [PiiToAnalytics])
    assert [(f.rule_id, f.message) for f in findings] == [
        ("PL503", "pii.email reaches Heap (client.track)")
    ]
    assert (findings[0].region.start_line, findings[0].region.start_column) == (3, 36)


def test_each_rule_keeps_to_its_services() -> None:
    sentry = "import sentry_sdk\nsentry_sdk.set_user({'email': email})\n"
    posthog = "import posthog\nposthog.capture('x', distinct_id=1, properties={'email': email})\n"
    assert analyze_source(sentry, "m.py", POLICY, [PiiToAnalytics]) == []
    assert analyze_source(posthog, "m.py", POLICY, [PiiToErrorTracker]) == []
    assert analyze_source(sentry, "m.py", POLICY, [PiiToErrorTracker]) != []
    assert analyze_source(posthog, "m.py", POLICY, [PiiToAnalytics]) != []


def test_an_internal_user_id_is_the_identity_not_a_finding() -> None:
    code = (
        "import posthog\n"
        "posthog.capture('x', distinct_id=user_id, properties={'account_id': account_id})\n"
    )
    assert analyze_source(code, "m.py", POLICY, [PiiToAnalytics]) == []


def test_pl504_trigger_covers_every_flag_name_of_the_pack() -> None:
    for words in POLICY.thirdparty.telemetry.flag_names:
        for spelling in ("_".join(words).upper(), "".join(words), "-".join(words)):
            assert TelemetryOnByDefault.triggered_by(spelling), spelling
