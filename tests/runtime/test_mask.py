"""mask(), mask_value() and mask_data(): what is masked, how much is revealed, and what
is left alone. Fake secrets only (documentation domains, test card numbers)."""

from __future__ import annotations

import pytest

from privlint.gates import gate_for
from privlint.runtime import mask, mask_data, mask_value
from privlint.runtime.mask import MASK, Masker, iban_valid, luhn_valid

# A test token (fake), split so that no line holds it whole.
JWT = ".".join(
    [
        "eyJhbGciOiJIUzI1NiJ9",
        "eyJzdWIiOiIxMjM0NTY3ODkwIn0",
        "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("login password=hunter2 user=bob", "login password=*** user=bob"),
        ("login password = hunter2", "login password = ***"),
        ('{"password": "hunter2", "user": "bob"}', '{"password": "***", "user": "bob"}'),
        ('{"pin_code": 1234}', '{"pin_code": "***"}'),
        ("{'api_key': 'abc123'}", "{'api_key': '***'}"),
        ("GET /cb?code=1&access_token=ya29.abc&state=x", "GET /cb?code=1&access_token=***&state=x"),
        ("Authorization: Bearer abcdefghijkl", "Authorization: Bearer ***"),
        ("Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic ***"),
        ("X-Api-Key: 0123456789abcdef", "X-Api-Key: ***"),
        ("Cookie: sessionid=abc; csrftoken=def\nnext", "Cookie: ***\nnext"),
        ("{'Authorization': 'Bearer abcdefghijk'}", "{'Authorization': '***'}"),
        ('escaped {\\"password\\": \\"abc\\"}', 'escaped {\\"password\\": \\"***\\"}'),
        (
            "db postgres://admin:s3cret@db.internal/app",  # privlint: ignore[PL206]
            "db postgres://admin:***@db.internal/app",
        ),
        ("userPassword=abc", "userPassword=***"),
        ("DB_PASSWORD=abc", "DB_PASSWORD=***"),
        # a hash rocket, and keys before both separators on one line
        ("{:password => 'abc'}", "{:password => '***'}"),
        ('{"password" => "abc"}', '{"password" => "***"}'),
        ("status=200 token: abc", "status=200 token: ***"),
        ("user: ann api_key=abc", "user: ann api_key=***"),
    ],
)
def test_values_under_sensitive_keys_are_masked_whole(text: str, expected: str) -> None:
    assert mask(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "password_hash=5f4dcc3b5aa765d61d8327deb882cf99",
        "token_count=42 max_tokens=100",
        "user_id=981 status=200 region=eu-west-1",
        "password=None",
        '{"password": null}',
        "password=",
        "request handled in 12:30:45",
        "see http://example.com/x?y=1",
    ],
)
def test_metadata_keys_and_empty_values_are_left_alone(text: str) -> None:
    assert mask(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("key sk-proj-abcdefghijklmnopqrstuvwxyz123456 used", "key sk-***456 used"),
        ("id AKIAIOSFODNN7EXAMPLE", "id AKIA***PLE"),
        ("ghp_" + "a" * 36 + "xyz", "ghp_***xyz"),
        ("t xoxb-1234567890-abcdefghij", "t xoxb-***hij"),  # privlint: ignore[PL203]
        ("k sk_live_" + "a1b2" * 6, "k sk_live_***1b2"),
        (f"jwt {JWT}", "jwt eyJ***"),
        ("sent Bearer abcdefgh12345 along", "sent Bearer ***345 along"),
        ("mail john.doe@example.com now", "mail j***@example.com now"),
        ("call +1 555-123-4567", "call ***4567"),
        ("call (555) 123-4567", "call ***4567"),
        ("call 555.123.4567.", "call ***4567."),
        ("tel.555-123-4567", "tel.***4567"),
        ("card 4111 1111 1111 1111 ok", "card ***1111 ok"),
        ("card 4111-1111-1111-1111", "card ***1111"),
        ("ssn 123-45-6789", "ssn ***6789"),
        ("iban DE89 3704 0044 0532 0130 00 ok", "iban DE***3000 ok"),
        ("iban GB82WEST12345698765432", "iban GB***5432"),
        (
            "-----BEGIN RSA PRIVATE KEY-----\n"  # privlint: ignore[PL204]
            "MIIEabc\n-----END RSA PRIVATE KEY-----",
            MASK,
        ),
    ],
)
def test_values_of_known_shapes_are_partly_revealed(text: str, expected: str) -> None:
    assert mask(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "order 4111111111111112 shipped",  # fails Luhn
        "iban DE89370400440532013001",  # fails mod-97
        "ssn 000-12-3456",  # not an SSN by the pattern
        "ts 1700000000000",
        "version 1.2.3 build 20240501",
        "ip 192.0.2.7 connected",  # IP addresses are optional, off by default
        # dotted numbers are not phone numbers: IP addresses, versions
        "login from 93.184.216.34 ok",
        "peer 192.168.100.200",
        "agent 10.120.130.140/24",
        "release 2.184.216.3",
    ],
)
def test_near_misses_are_left_alone(text: str) -> None:
    assert mask(text) == text


def test_card_inside_a_longer_digit_run_is_still_found() -> None:
    assert mask("12 4111111111111111") == "12 ***1111"
    assert mask("4111 1111 1111 1111 2024") == "***1111 2024"


def test_optional_patterns_are_masked_when_asked(policy: object) -> None:
    from privlint.policy import Policy

    assert isinstance(policy, Policy)
    masker = Masker(policy, include_optional=True)
    assert masker.mask("from 192.0.2.7 and 2001:db8::1") == "from *** and ***"
    only_v4 = Masker(policy, include_optional=["ipv4"])
    assert only_v4.mask("from 192.0.2.7 and 2001:db8::1") == "from *** and 2001:db8::1"


def test_never_reveals_more_than_half_of_a_value() -> None:
    masked = mask_value("sk_live_abcdefghijklmnop", "credential.secret")
    assert masked.startswith("sk_live_") and masked.endswith("nop")
    assert mask_value("a@example.com", "pii.email") == "***@example.com"


def test_clean_text_is_returned_as_the_same_object() -> None:
    text = "GET /api/v1/orders/12345 status=200"
    assert mask(text) is text


@pytest.mark.parametrize(
    ("value", "category", "expected"),
    [
        ("4111 1111 1111 1111", None, "***1111"),
        ("john@example.com", None, "j***@example.com"),
        ("hunter2", None, MASK),
        ("hunter2", "credential.password", MASK),
        ("not-an-email", "pii.email", MASK),
        ("", None, ""),
        (12345, None, MASK),
        ("4111111111111111", "no.such.category", MASK),
    ],
)
def test_mask_value(value: object, category: str | None, expected: str) -> None:
    assert mask_value(value, category) == expected


def test_mask_data_keeps_structure_and_identity_when_clean() -> None:
    data = {"user": "bob", "n": 3, "items": [1, 2], "ok": True}
    assert mask_data(data) is data
    nested = {
        "password": "x",
        "credentials": {"user": "bob", "pass": ["a", 1]},
        "note": "mail a.b@example.com",
        "t": ("sk-abcdefghijklmnopqrstuvwxyz012",),
    }
    assert mask_data(nested) == {
        "password": MASK,
        "credentials": {"user": MASK, "pass": [MASK, MASK]},
        "note": "mail a***@example.com",
        "t": ("sk-***012",),
    }
    assert nested["password"] == "x", "the input is not modified"


def test_mask_data_survives_cycles_and_odd_objects() -> None:
    loop: list[object] = []
    loop.append(loop)
    assert mask_data(loop) == [MASK]

    class Loud:
        def __str__(self) -> str:
            return "token=abcdef"

    class Broken:
        def __str__(self) -> str:
            raise RuntimeError("no")

    broken = Broken()
    assert mask_data([Loud(), broken]) == ["token=***", broken]


def test_validators() -> None:
    assert luhn_valid("4111 1111 1111 1111")
    assert not luhn_valid("4111 1111 1111 1112")
    assert not luhn_valid("4111")
    assert iban_valid("DE89 3704 0044 0532 0130 00")
    assert not iban_valid("DE89 3704 0044 0532 0130 01")
    assert not iban_valid("DE89")


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\bsk-(?:proj-)?[A-Za-z0-9_\-]{20,}\b", "x sk-proj-abcdefghijklmnopqrstu y"),
        (r"(?i)(?<=\bbearer )[A-Za-z0-9_\-\.=~+/]{8,}", "BEARER abcdefghij"),
        (r"\b(?:\d[ \-]?){12,18}\d\b", "4111 1111-1111 1111"),
        (r"(?<![\w+])(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.\-]\d{3}[\s.\-]\d{3,4}\b",
         "+44 (20) 123 4567"),
        (r"(['\"])x\1", "'x'"),
        (r"a(?=b)bc", "abc"),
    ],
)  # fmt: skip
def test_gates_admit_every_text_the_pattern_matches(pattern: str, text: str) -> None:
    import re

    gate = gate_for(pattern)
    match = re.search(pattern, text)
    assert match is not None
    assert gate.admits(text, text.lower())
    if gate.skeleton is not None:
        assert gate.skeleton.search(text) is not None
    digits = sum(c.isdecimal() for c in text)
    assert digits >= gate.min_digits


def test_gates_reject_texts_without_the_needed_literals() -> None:
    gate = gate_for(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")
    assert gate.literals == (("AKIA", "ASIA"),)
    assert not gate.admits("nothing to see", None)
    assert gate_for(r"\b(?:\d[ \-]?){12,18}\d\b").min_digits == 13


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("password=correct horse battery", "password=***"),
        ("login password=correct horse battery staple\nnext", "login password=***\nnext"),
        ("password=correct horse battery user=bob", "password=*** user=bob"),
        ("password=correct horse user = bob", "password=*** user = bob"),
        ("password: correct horse, retries: 3", "password: ***, retries: 3"),
        ("password=correct horse;role=admin", "password=***;role=admin"),
        ("?password=a b&next=c", "?password=***&next=c"),
        ("(password=correct horse) done", "(password=***) done"),
        ("password=None of your business", "password=***"),
    ],
)
def test_unquoted_values_of_several_words_are_masked_whole(text: str, expected: str) -> None:
    # the value runs to the next key, a delimiter or the end of its line
    assert mask(text) == expected
