"""Every fix a rule's examples produce does what it says: applied (safe and unsafe
alike), the example still parses and the rule no longer reports what was fixed."""

from __future__ import annotations

import ast

import pytest

from privlint.engine.runner import analyze_source
from privlint.fixes import apply_to_text
from privlint.policy import Policy, load_policy
from privlint.rules.base import Invalid, Rule, all_rules

POLICY: Policy = load_policy(config=None)


def _fixable() -> list[object]:
    cases = []
    for rule in all_rules():
        for index, example in enumerate(rule.INVALID):
            findings = analyze_source(example.code, example.filename, POLICY, [rule])
            if any(f.fix is not None and f.rule_id == rule.CODE for f in findings):
                cases.append(pytest.param(rule, example, id=f"{rule.CODE}-invalid-{index}"))
    return cases


CASES = _fixable()


def test_some_examples_are_fixable() -> None:
    # the transport rules' fixes show in their examples; PL401's repr fix is checked
    # on its own sources in test_redaction.py
    assert {case.values[0].CODE for case in CASES} >= {"PL301", "PL302"}  # type: ignore[attr-defined]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_fixed_example_parses_and_is_no_longer_reported(rule: type[Rule], example: Invalid) -> None:
    findings = [
        f
        for f in analyze_source(example.code, example.filename, POLICY, [rule])
        if f.rule_id == rule.CODE
    ]
    edits = [edit for f in findings if f.fix is not None for edit in f.fix.edits]
    fixed, applied = apply_to_text(example.code, edits)

    assert applied == len(edits), "fixes of one example overlap"
    ast.parse(fixed)
    left = [
        f for f in analyze_source(fixed, example.filename, POLICY, [rule]) if f.rule_id == rule.CODE
    ]
    # what is left was not fixable (it may be gone too: a silenced warning of the
    # verify=False that the fix dropped)
    unfixed = [f.message for f in findings if f.fix is None]
    for finding in left:
        assert finding.message in unfixed, fixed
        unfixed.remove(finding.message)


def _fixes(source: str) -> dict[str, bool]:
    findings = analyze_source(source, "m.py", POLICY, all_rules())
    return {f.rule_id: f.fix.safe for f in findings if f.fix is not None}


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("http://api.stripe.com/v1", True),  # listed
        ("http://s3.eu-west-1.amazonaws.com/b", True),  # *.amazonaws.com
        ("http://amazonaws.com.evil.io/x", False),  # not a subdomain of it
        ("http://shop.acme-payments.io/v1", False),  # unknown: may not serve TLS
        ("http://API.Stripe.COM/v1", True),  # host names are case-insensitive
    ],
)
def test_https_rewrite_is_safe_only_for_hosts_known_to_serve_tls(url: str, safe: bool) -> None:
    assert _fixes(f'import requests\nrequests.get("{url}")\n') == {"PL301": safe}


def test_an_f_string_url_whose_host_is_not_all_known_is_unsafe() -> None:
    source = 'import requests\ndef f(x):\n    requests.get(f"http://{x}.stripe.com/v1")\n'
    assert _fixes(source) == {"PL301": False}


def test_turning_the_certificate_check_back_on_is_unsafe() -> None:
    source = 'import requests\nrequests.get("https://api.stripe.com", verify=False)\n'
    assert _fixes(source) == {"PL302": False}


def test_every_tls_host_of_the_pack_is_a_host_or_a_wildcard() -> None:
    hosts = POLICY.transport.tls_hosts
    assert hosts
    for host in hosts:
        name = host.removeprefix("*.")
        assert name == name.lower() and "." in name and "*" not in name and "/" not in name
