"""PL201 reads the signing and encryption APIs whose key argument is a credential by its
place from the rule pack (sinks.toml [[key-argument]])."""

from __future__ import annotations

import dataclasses

from privlint.engine.runner import analyze_source
from privlint.policy import load_policy
from privlint.rules.pl2_secrets.hardcoded_credential import HardcodedCredential

POLICY = load_policy(config=None)


def test_every_key_api_of_the_pack_makes_its_file_worth_parsing() -> None:
    for name in POLICY.sinks.key_arguments:
        head, _, last = name.rpartition(".")
        # as written in a file that imports it either way
        for written in (f"import {head}\n{name}(x, 'k')\n", f"from {head} import {last}\n"):
            assert HardcodedCredential.triggered_by(written, POLICY), written


def test_a_key_api_added_to_the_pack_makes_its_files_worth_parsing() -> None:
    written = "from vault.sealing import seal\nseal(data, 'k3y-value-1')\n"
    assert HardcodedCredential.triggered_by(written, POLICY) is None
    ref, category = POLICY.sinks.key_arguments["hmac.new"]
    keys = {**POLICY.sinks.key_arguments, "vault.sealing.seal": (ref, category)}
    policy = dataclasses.replace(
        POLICY, sinks=dataclasses.replace(POLICY.sinks, key_arguments=keys)
    )
    assert HardcodedCredential.triggered_by(written, policy)


def test_a_file_without_a_key_api_falls_back_to_the_taxonomy() -> None:
    assert HardcodedCredential.triggered_by("x = compute(1)\n", POLICY) is None


def test_a_credential_named_keyword_at_the_key_place_is_reported_once() -> None:
    code = "from itsdangerous import Signer\nSigner(secret_key='7fG-q2Lm-88a')\n"
    findings = analyze_source(code, "m.py", POLICY, [HardcodedCredential])
    assert [f.message for f in findings] == ["hard-coded credential.secret passed as secret_key="]


def test_the_key_place_comes_from_the_pack() -> None:
    code = "import jwt\njwt.encode(claims, 'Xk9-2fq-v77z', algorithm='HS256')\n"
    assert analyze_source(code, "m.py", POLICY, [HardcodedCredential]) != []
    sinks = dataclasses.replace(POLICY.sinks, key_arguments={})
    bare = dataclasses.replace(POLICY, sinks=sinks)
    assert analyze_source(code, "m.py", bare, [HardcodedCredential]) == []


def test_the_message_never_holds_the_key() -> None:
    code = "import hmac\nhmac.new(b'wh-7Q2x-91kz', body, 'sha256')\n"
    findings = analyze_source(code, "m.py", POLICY, [HardcodedCredential])
    assert findings
    assert all("wh-7Q2x" not in f.message for f in findings)
