"""The rule pack's one list of service token shapes (``credential.secret`` values in
``rules/taxonomy.toml``): the runtime masker masks them and the static secret scan
reports them, so a shape added for one is used by both."""

from __future__ import annotations

import dataclasses
import random
import string
from pathlib import Path

import pytest

from privlint.engine.secrets import TOKEN_SHAPES_CATEGORY, scan_other_file, scan_python_text
from privlint.policy import Policy, ValuePattern
from privlint.runtime.mask import Masker


def _random(alphabet: str, size: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(size))


_ALNUM = string.ascii_letters + string.digits
_HEX = "0123456789abcdef"

#: One made-up token per shape, built from pieces so that no scan of this file finds one.
SAMPLES: dict[str, str] = {
    "openai-key": "sk" + "-proj-" + _random(_ALNUM, 40, 1),
    "aws-access-key-id": "AK" + "IA" + _random(string.ascii_uppercase + string.digits, 16, 2),
    "github-token": "gh" + "p_" + _random(_ALNUM, 36, 3),
    "github-fine-grained-pat": "github" + "_pat_" + _random(_ALNUM + "_", 82, 4),
    "gitlab-token": "gl" + "pat-" + _random(_ALNUM, 20, 5),
    "slack-token": "xo" + "xb-" + _random(string.digits, 12, 6) + "-" + _random(_ALNUM, 24, 7),
    "slack-app-token": "xa" + "pp-1-" + _random(_ALNUM, 30, 8),
    "slack-webhook": "https://hooks.slack.com/services/T"
    + _random(_ALNUM, 8, 9)
    + "/B"
    + _random(_ALNUM, 8, 10)
    + "/"
    + _random(_ALNUM, 24, 11),
    "stripe-key": "sk" + "_live_" + _random(_ALNUM, 24, 12),
    "sendgrid-key": "S" + "G." + _random(_ALNUM, 22, 13) + "." + _random(_ALNUM, 43, 14),
    "npm-token": "np" + "m_" + _random(_ALNUM, 36, 15),
    "pypi-token": "py" + "pi-AgE" + _random(_ALNUM, 60, 16),
    "google-api-key": "AI" + "za" + _random(_ALNUM, 35, 17),
    "square-secret": "sq0" + "csp-" + _random(_ALNUM, 43, 18),
    "twilio-key": "S" + "K" + _random(_HEX, 32, 19),
    "azure-account-key": "AccountKey=" + _random(_ALNUM + "+/", 86, 23) + "==",
}


def _shapes(policy: Policy) -> list[ValuePattern]:
    return [v for c in policy.categories if c.id == TOKEN_SHAPES_CATEGORY for v in c.values]


def test_every_shape_in_the_pack_has_a_sample_here(policy: Policy) -> None:
    assert {shape.name for shape in _shapes(policy)} == set(SAMPLES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_token_shape_is_masked_at_run_time(masker: Masker, name: str) -> None:
    token = SAMPLES[name]
    secret = token.split("AccountKey=")[-1].split("/services/")[-1]
    out = masker.mask(f"calling the API with {token} now")
    assert secret not in out
    assert out.startswith("calling the API with ") and out.endswith(" now")


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_token_shape_is_reported_by_the_static_scan(
    policy: Policy, tmp_path: Path, name: str
) -> None:
    path = tmp_path / "deploy.yaml"
    path.write_text(f"service:\n  endpoint: https://api.example.com\n  auth: {SAMPLES[name]}\n")
    findings = scan_other_file(path, "deploy.yaml", policy, ["PL202", "PL203", "PL207", "PL208"])
    family = "PL202" if name in ("aws-access-key-id", "azure-account-key") else "PL203"
    assert [(f.rule_id, f.region.start_line) for f in findings] == [(family, 3)]
    assert all(SAMPLES[name] not in f.message for f in findings)


def _with_shape(policy: Policy, shape: ValuePattern) -> Policy:
    categories = tuple(
        dataclasses.replace(c, values=(*c.values, shape)) if c.id == TOKEN_SHAPES_CATEGORY else c
        for c in policy.categories
    )
    return dataclasses.replace(policy, categories=categories)


def test_a_shape_added_to_the_pack_is_used_by_the_masker_and_the_static_scan(
    policy: Policy, tmp_path: Path
) -> None:
    token = "acme" + "tok_" + _random(_ALNUM, 30, 99)
    line = f'CLIENT = connect(token_source="{token}")\n'
    path = tmp_path / "client.py"
    path.write_text(line)
    # unknown to both before
    assert Masker(policy).mask(line) == line
    assert scan_python_text(path, line, "client.py", policy, ["PL203"], frozenset()) == []
    shape = ValuePattern("acme-token", r"\bacmetok_[A-Za-z0-9]{30}\b", keep_prefix=8, keep_suffix=2)
    extended = _with_shape(policy, shape)
    assert (
        Masker(extended).mask(line) == f'CLIENT = connect(token_source="acmetok_***{token[-2:]}")\n'
    )
    findings = scan_python_text(path, line, "client.py", extended, ["PL203"], frozenset())
    assert [(f.rule_id, f.region.start_line) for f in findings] == [("PL203", 1)]
    assert token not in findings[0].message
