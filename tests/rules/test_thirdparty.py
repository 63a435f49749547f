"""PL502/PL503/PL505 read their SDK calls from the rule pack: a project's entry is enough to
make a new SDK a sink, and each rule keeps to its own services."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from privlint.engine.runner import analyze_source
from privlint.policy import load_policy
from privlint.rules.pl5_thirdparty.pii_to_analytics import PiiToAnalytics
from privlint.rules.pl5_thirdparty.pii_to_error_tracker import PiiToErrorTracker
from privlint.rules.pl5_thirdparty.pii_to_llm import PiiToLlm
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


LLM = (
    "from openai import OpenAI\nclient = OpenAI()\n"
    "client.chat.completions.create(model=M, messages=[{'content': user_message}])\n"
)


def test_llm_calls_are_pl505s_alone() -> None:
    leak = LLM.replace("user_message", "user.email")
    assert analyze_source(leak, "m.py", POLICY, [PiiToAnalytics, PiiToErrorTracker]) == []
    assert [f.rule_id for f in analyze_source(leak, "m.py", POLICY, [PiiToLlm])] == ["PL505"]


def test_message_text_in_a_prompt_is_allowed_by_the_pack_not_the_rule() -> None:
    assert analyze_source(LLM, "m.py", POLICY, [PiiToLlm]) == []
    spec = dataclasses.replace(POLICY.thirdparty, service_allowed={})
    strict = dataclasses.replace(POLICY, thirdparty=spec)
    findings = analyze_source(LLM, "m.py", strict, [PiiToLlm])
    assert [f.message for f in findings] == [
        "content.message reaches OpenAI (client.chat.completions.create)"
    ]
