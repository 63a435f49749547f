"""The transport rules' data pack, triggers and fixes (PL3xx)."""

from __future__ import annotations

from pathlib import Path

import pytest

from privlint.engine.runner import analyze_source
from privlint.fixes import apply_to_text
from privlint.policy import ConfigError, load_policy
from privlint.policy.load import _transport
from privlint.rules.base import Rule, all_rules
from privlint.rules.pl3_transport.common import (
    CLIENT_WORDS,
    PROTOCOL_WORDS,
    SETTINGS_WORDS,
    TLS_TRIGGER,
    URL_WORDS,
    WEAK_PROTOCOL_TRIGGER,
)

POLICY = load_policy(config=None)
TRANSPORT = POLICY.transport
PL3 = [rule for rule in all_rules() if rule.CODE.startswith("PL3")]


def test_every_client_in_the_pack_is_seen_by_the_triggers() -> None:
    for name in TRANSPORT.functions:
        assert any(word in name for word in CLIENT_WORDS + PROTOCOL_WORDS), name
    for name in TRANSPORT.client_names:
        assert any(word in name for word in CLIENT_WORDS), name
    for scheme in TRANSPORT.plaintext_schemes:
        assert f"{scheme}://" in URL_WORDS, scheme


def test_every_mail_setting_in_the_pack_is_seen_by_the_trigger() -> None:
    assert TRANSPORT.settings
    for settings in TRANSPORT.settings:
        assert settings.off in SETTINGS_WORDS, settings.off


def test_every_tls_switch_in_the_pack_is_seen_by_the_trigger() -> None:
    for keyword in TRANSPORT.false_keywords | TRANSPORT.verb_keywords:
        assert any(word in f"{keyword}=False" for word in TLS_TRIGGER), keyword
    for name in TRANSPORT.cert_none | TRANSPORT.unverified_contexts:
        assert any(word in name for word in TLS_TRIGGER), name
    for attr in TRANSPORT.false_attributes | TRANSPORT.client_false_attributes:
        assert any(word in f"x.{attr} = False" for word in TLS_TRIGGER), attr
    for name in TRANSPORT.weak_protocols:
        assert any(word in name for word in WEAK_PROTOCOL_TRIGGER), name


def test_a_url_in_a_docstring_alone_does_not_get_the_file_parsed() -> None:
    rule = next(rule for rule in PL3 if rule.CODE == "PL301")
    assert not rule.triggered_by('"""See http://www.apache.org/licenses/LICENSE-2.0"""\n')
    assert rule.triggered_by("import requests\nrequests.get('http://api.io')\n")


def fixed(source: str) -> str:
    findings = analyze_source(source, "m.py", POLICY, PL3)
    edits = [edit for finding in findings if finding.fix for edit in finding.fix.edits]
    return apply_to_text(source, edits)[0]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("requests.get(u, verify=False)\n", "requests.get(u)\n"),
        ("requests.get(u, verify=False, timeout=3)\n", "requests.get(u, timeout=3)\n"),
        ("requests.get(verify=False, url=u)\n", "requests.get(url=u)\n"),
        ("httpx.Client(verify=False)\n", "httpx.Client()\n"),
        ("httpx.Client(\n    verify=False,\n)\n", "httpx.Client()\n"),
        ("requests.get(\n    u,\n    verify=False,\n)\n", "requests.get(\n    u,\n)\n"),
        (
            "requests.get(\n    u,\n    verify=False,\n    timeout=3,\n)\n",
            "requests.get(\n    u,\n    timeout=3,\n)\n",
        ),
        ("requests.get('http://api.io/x')\n", "requests.get('https://api.io/x')\n"),
        ("requests.get(f'http://{h}/x')\n", "requests.get(f'https://{h}/x')\n"),
        ("requests.get('http://a.io' '/x')\n", "requests.get('https://a.io' '/x')\n"),
        ("websockets.connect('ws://a.io/x')\n", "websockets.connect('wss://a.io/x')\n"),
        (
            "requests.get('http://api.io/x', verify=False)\n",
            "requests.get('https://api.io/x')\n",
        ),
    ],
)
def test_fixes_rewrite_the_call(source: str, expected: str) -> None:
    header = "import requests, httpx, websockets\n"
    assert fixed(header + source) == header + expected


@pytest.mark.parametrize(
    "source",
    [
        "import requests\nrequests.get('http://api.io:8080/x')\n",  # a port may not speak TLS
        "import requests\nAPI = 'http://api.io'\nrequests.get(API)\n",  # not the literal itself
        "import requests\nrequests.get('http://api.io' + path)\n",
        "import urllib.request\nurllib.request.urlopen('ftp://files.io/a')\n",  # no TLS twin
    ],
)
def test_no_fix_where_the_rewrite_is_not_mechanical(source: str) -> None:
    assert fixed(source) == source


def test_unknown_host_is_a_note_and_known_host_a_warning() -> None:
    source = "import requests\nrequests.get(f'http://{host}/x')\nrequests.get('http://api.io')\n"
    levels = [f.level.sarif for f in analyze_source(source, "m.py", POLICY, PL3)]
    assert levels == ["note", "warning"]


def test_project_allowed_hosts_silence_plaintext_urls(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.privlint]\nallowed-hosts = ["*.corp.io"]\n')
    policy = load_policy(config=config)
    source = "import requests\nrequests.get('http://git.corp.io/api')\n"
    assert analyze_source(source, "m.py", policy, PL3) == []
    assert analyze_source(source, "m.py", POLICY, PL3) != []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"client": [{"functions": ["a.b"], "url": {}}]}, "[client[0]] url: needs a position"),
        ({"client": [{"methods": ["get"]}]}, "[client[0]] on: methods need `on`"),
        (
            {"client": [{"functions": ["a.b"], "host": {"position": 0}}]},
            "[client[0]] host: needs a plaintext `scheme` or a `protocol`",
        ),
        ({"client": [{"on": "x", "methods": ["get"]}]}, "client: methods on 'x'"),
        ({"schemes": {"plaintext": ["HTTP"]}}, "[schemes] plaintext: 'HTTP'"),
        ({"tls": {"verify": True}}, "[tls] verify: unknown key"),
        ({"hosts": {"single-label-local": "yes"}}, "[hosts] single-label-local: must be"),
        (
            {"settings": [{"framework": "D", "host": "EMAIL HOST", "off": "EMAIL_USE_TLS"}]},
            "[settings[0]] host: 'EMAIL HOST' is not a constant's name",
        ),
        ({"settings": [{"framework": "D", "host": "EMAIL_HOST"}]}, "[settings[0]] off: must be"),
        (
            {"settings": [{"framework": "D", "host": "H", "off": "T", "when": []}]},
            "[settings[0]] when: unknown key",
        ),
    ],
)
def test_pack_errors_name_the_file_and_key(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as error:
        _transport(Path("transport.toml"), data)
    assert str(error.value).startswith("transport.toml: ")
    assert message in str(error.value)


@pytest.mark.parametrize("rule", PL3, ids=lambda rule: rule.CODE)
def test_transport_rules_have_fifteen_examples_of_each_kind(rule: type[Rule]) -> None:
    assert len(rule.VALID) >= 15 and len(rule.INVALID) >= 15
