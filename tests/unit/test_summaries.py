"""Function summaries (engine.summaries): calls of the module's own helpers with
sensitive data are reported at the call, through chains, recursion and methods."""

from __future__ import annotations

from pathlib import Path

from privlint.engine.runner import analyze_source
from privlint.policy.load import load_policy
from privlint.rules.base import all_rules

POLICY = load_policy(search_from=Path("/"))
RULES = [rule for rule in all_rules() if rule.CODE.startswith("PL1")]


def _found(code: str) -> list[tuple[int, str, str]]:
    return [
        (f.region.start_line, f.rule_id, f.message)
        for f in analyze_source(code, "app.py", POLICY, RULES)
    ]


def test_recursive_helpers_end_and_report() -> None:
    code = (
        "import logging\n"
        "def a(x, n):\n    if n:\n        b(x, n - 1)\n"
        "def b(y, n):\n    a(y, n)\n    logging.info('%s', y)\n"
        "def f(password):\n    a(password, 3)\n"
    )
    assert _found(code) == [(9, "PL101", "credential.password reaches logging.info through a -> b")]


def test_a_call_before_the_definition_is_resolved() -> None:
    code = (
        "import logging\n"
        "def f(api_key):\n    audit(api_key)\n"
        "def audit(value):\n    logging.warning('rotated %s', value)\n"
    )
    assert _found(code) == [(3, "PL101", "credential.secret reaches logging.warning through audit")]


def test_keyword_arguments_and_static_methods() -> None:
    code = (
        "import logging\n"
        "class Mailer:\n"
        "    @staticmethod\n    def note(text, level=0):\n        logging.info(text)\n"
        "    def send(self, email):\n        self.note(level=1, text=email)\n"
    )
    assert _found(code) == [(7, "PL101", "pii.email reaches logging.info through Mailer.note")]


def test_a_reassigned_parameter_is_not_followed() -> None:
    code = (
        "import logging\n"
        "def record(value):\n    value = 'hidden'\n    logging.info(value)\n"
        "def f(password):\n    record(password)\n"
    )
    assert _found(code) == []


def test_a_helper_of_another_class_is_not_assumed() -> None:
    code = (
        "import logging\n"
        "class A:\n    def note(self, text):\n        logging.info(text)\n"
        "class B:\n    def send(self, token):\n        self.note(token)\n"
    )
    assert _found(code) == []
