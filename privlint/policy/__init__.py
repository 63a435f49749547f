"""The policy: the rule pack plus project configuration, as one frozen object."""

from privlint.policy.load import ConfigError, find_config, load_policy, pack_dir
from privlint.policy.model import Category, Policy, SinkSpec, ValuePattern
from privlint.policy.words import identifier_words

__all__ = [
    "Category",
    "ConfigError",
    "Policy",
    "SinkSpec",
    "ValuePattern",
    "find_config",
    "identifier_words",
    "load_policy",
    "pack_dir",
]
