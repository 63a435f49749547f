"""Sources by origin are pack data (sinks.toml [[source]], [[lookup]], [prompts]): a value
is sensitive because of where it comes from, whatever name it is given."""

from __future__ import annotations

import dataclasses

from privlint.engine.runner import analyze_source
from privlint.policy import Policy, load_policy
from privlint.rules.pl1_logs.sensitive_to_log import SensitiveDataToLog

POLICY = load_policy(config=None)
RULES = [SensitiveDataToLog]


def _messages(code: str, policy: Policy = POLICY) -> list[str]:
    return [f.message for f in analyze_source(code, "m.py", policy, RULES)]


def _without(**changes: object) -> Policy:
    return dataclasses.replace(POLICY, sinks=dataclasses.replace(POLICY.sinks, **changes))


def test_a_source_call_taints_whatever_name_it_is_given() -> None:
    code = "import getpass, logging\nx = getpass.getpass('Passphrase: ')\nlogging.info(x)\n"
    assert _messages(code) == ["credential.password reaches logging.info"]
    assert _messages(code, _without(source_calls={})) == []


def test_a_prompt_says_what_the_user_types() -> None:
    code = "import logging\nx = input('SSN (no dashes): ')\nlogging.info(x)\n"
    assert _messages(code) == ["pii.national_id reaches logging.info"]
    assert _messages(code, _without(prompt_functions=frozenset())) == []


def test_a_config_option_names_its_value_on_config_receivers_only() -> None:
    config = "import logging\nv = self.config.get('smtp', 'password')\nlogging.info(v)\n"
    cache = "import logging\nv = self.cache.get('smtp', 'password')\nlogging.info(v)\n"
    assert _messages(config) == ["credential.password reaches logging.info"]
    assert _messages(cache) == []


def test_a_dict_lookup_by_a_literal_key_returns_what_the_key_names() -> None:
    code = "import logging\nlogging.info(settings.get('STRIPE_SECRET'))\n"
    assert _messages(code) == ["credential.secret reaches logging.info"]
    keyword = "import os, logging\nlogging.info(os.getenv(key='DB_PASSWORD'))\n"
    assert _messages(keyword) == ["credential.password reaches logging.info"]
    assert _messages(code, _without(lookups=())) == []
