"""semgrep rules written from the policy: ``privlint export-semgrep`` and every scan.

One rule per privlint rule and language, with the privlint code first in its ID
(``PL101.javascript.sensitive-data-to-log``), so a result maps back to its rule. The
sensitive names, sanitizers, logger names, log methods, hosts and services come from
the policy (the rule pack and ``[tool.privlint]``); the shapes of calls and literals
from ``polyglot.toml`` (:mod:`privlint.polyglot.pack`).

Rules are emitted as YAML with every scalar double-quoted (JSON's escapes are YAML's),
so no YAML library is needed and the output is stable byte for byte.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from privlint.policy.model import Policy
from privlint.policy.words import pattern_words
from privlint.polyglot import regex
from privlint.polyglot.pack import Language, languages

Rule = dict[str, Any]

#: privlint code -> (name in the semgrep ID, message after the source name)
RULES: Mapping[str, tuple[str, str]] = {
    "PL101": ("sensitive-data-to-log", "reaches a log call"),
    "PL102": ("sensitive-data-to-output", "is printed to standard output or error"),
    "PL201": ("hardcoded-credential", "is assigned a hard-coded credential"),
    "PL301": ("plaintext-url-to-network-call", "a plaintext URL reaches a network call"),
    "PL302": ("tls-verification-disabled", "TLS certificate verification is switched off"),
    "PL502": ("pii-to-error-tracker", "is sent to an error tracker"),
    "PL503": ("pii-to-analytics", "is sent to an analytics service"),
}

#: thirdparty.toml services each third-party rule reads
SERVICES: Mapping[str, tuple[str, ...]] = {
    "PL502": ("error-tracker",),
    "PL503": ("analytics", "tracing", "search"),
}

#: a string literal that is obviously not a credential: empty, short, a template or
#: an environment variable's name (privlint checks the value again on its side)
_NOT_A_SECRET = (
    r"^(?!\s*$)(?!.*(?:\$\{|\{\{|<[a-zA-Z_ -]+>|%s|%\(|XXXX|xxxx|\*\*\*\*))"
    r"(?![A-Z][A-Z0-9_]*$)(?=.{4,}$)"
)


def rule_id(code: str, language: str) -> str:
    return f"{code}.{language}.{RULES[code][0]}"


def _reportable(policy: Policy, excluded: Collection[str] = ()) -> list[tuple[str, ...]]:
    return [
        pattern
        for category in policy.categories
        if policy.levels[category.privacy_level] > 0 and category.id not in excluded
        for pattern in category.names
    ]


def _names(
    policy: Policy, patterns: Iterable[tuple[str, ...]], language: Language, text: bool = False
) -> str:
    negative = [*policy.neutral, *(p for c in policy.categories for p in c.not_names)]
    never = [pattern_words(name) for name in language.not_names]
    return regex.name_regex(patterns, negative, sorted(policy.holders), never, text=text)


def _either(patterns: Sequence[str]) -> dict[str, Any]:
    if len(patterns) == 1:
        return {"pattern": patterns[0]}
    return {"pattern-either": [{"pattern": pattern} for pattern in patterns]}


def _where(metavariable: str, pattern: str) -> dict[str, Any]:
    return {"metavariable-regex": {"metavariable": metavariable, "regex": pattern}}


def _sources(
    policy: Policy, patterns: Iterable[tuple[str, ...]], language: Language
) -> list[dict[str, Any]]:
    # a plain variable by one regex over the file's text (a pattern `$NAME` would run
    # the name regex on every expression); attributes and keys by their name
    patterns = list(patterns)
    return [
        {"pattern-regex": _names(policy, patterns, language, text=True)},
        {
            "patterns": [
                _either(["$OBJ.$NAME", '$OBJ["$NAME"]']),
                _where("$NAME", _names(policy, patterns, language)),
            ]
        },
    ]


def _sanitizers(policy: Policy, language: Language) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    calls = regex.glob_regex(policy.sinks.sanitizers)
    if calls is not None:
        found.append(
            {"patterns": [_either(["$SAN(...)", "$OBJ.$SAN(...)"]), _where("$SAN", calls)]}
        )
    found += [{"pattern": pattern} for pattern in language.sanitizer_patterns]
    return found


def _rule(code: str, language: Language, **body: Any) -> Rule:
    name, message = RULES[code]
    sourced = code in ("PL101", "PL102", "PL201", "PL502", "PL503")
    return {
        "id": rule_id(code, language.name),
        "languages": list(language.semgrep),
        "severity": "ERROR" if code in ("PL101", "PL102", "PL201", "PL302") else "WARNING",
        "message": f"`$NAME` {message}" if sourced else message[:1].upper() + message[1:],
        "metadata": {"privlint": code, "privlint-name": name},
        **body,
    }


def _taint(
    code: str, language: Language, policy: Policy, sinks: list[Any], excluded: Collection[str] = ()
) -> Rule:
    return _rule(
        code,
        language,
        mode="taint",
        **{
            "pattern-sources": _sources(policy, _reportable(policy, excluded), language),
            "pattern-sanitizers": _sanitizers(policy, language),
            "pattern-sinks": sinks,
        },
    )


def _log_rule(language: Language, policy: Policy) -> Rule:
    loggers = [*sorted(policy.sinks.logger_names), *language.logger_names]
    methods = [*sorted(policy.sinks.log_methods), *language.log_methods]
    sink = {
        "patterns": [
            _either(list(language.log_sinks)),
            _where("$LOGGER", regex.exact_regex(loggers)),
            _where("$METHOD", regex.exact_regex(methods, capitalised=True)),
        ]
    }
    return _taint("PL101", language, policy, [sink])


def _third_party_rule(code: str, language: Language, policy: Policy) -> Rule | None:
    services = SERVICES[code]
    sdks = [sdk for sdk in language.sdks if sdk.service in services]
    if not sdks:
        return None
    allowed = frozenset().union(*(policy.thirdparty.allowed(sdk.service) for sdk in sdks))
    sinks = [{"pattern": pattern} for sdk in sdks for pattern in sdk.sinks]
    return _taint(code, language, policy, sinks, excluded=allowed)


def _credential_rule(language: Language, policy: Policy) -> Rule:
    credentials = [p for c in policy.categories if c.id.startswith("credential.") for p in c.names]
    return _rule(
        "PL201",
        language,
        patterns=[
            _either(list(language.credential_literals)),
            _where("$NAME", _names(policy, credentials, language)),
            _where("$VALUE", _NOT_A_SECRET),
            {"focus-metavariable": "$VALUE"},
        ],
    )


def _url_rule(language: Language, policy: Policy) -> Rule:
    return _rule(
        "PL301",
        language,
        patterns=[
            _either(list(language.url_calls)),
            _where("$URL", regex.plaintext_url_regex(policy.hosts)),
            {"focus-metavariable": "$URL"},
        ],
    )


def language_rules(language: Language, policy: Policy, codes: Collection[str]) -> list[Rule]:
    """The rules of one language for the enabled ``codes``, in code order."""
    rules: list[Rule | None] = []
    if "PL101" in codes and language.log_sinks:
        rules.append(_log_rule(language, policy))
    if "PL102" in codes and language.output_sinks:
        sinks = [{"pattern": pattern} for pattern in language.output_sinks]
        rules.append(_taint("PL102", language, policy, sinks))
    if "PL201" in codes and language.credential_literals:
        rules.append(_credential_rule(language, policy))
    if "PL301" in codes and language.url_calls:
        rules.append(_url_rule(language, policy))
    if "PL302" in codes and language.tls_off:
        rules.append(_rule("PL302", language, **_either(list(language.tls_off))))
    for code in ("PL502", "PL503"):
        if code in codes:
            rules.append(_third_party_rule(code, language, policy))
    return [rule for rule in rules if rule is not None]


def semgrep_rules(
    policy: Policy, codes: Collection[str] = tuple(RULES), only: Collection[str] | None = None
) -> list[Rule]:
    """Every rule for the enabled ``codes`` (those privlint has semgrep rules for), for
    all languages of the pack or ``only`` those named."""
    return [
        rule
        for language in languages()
        if only is None or language.name in only
        for rule in language_rules(language, policy, codes)
    ]


#: what a file must hold for a rule to match in it: for one of the alternatives, each
#: group has one of its words in the file as a whole identifier (no letter, digit, ``_``
#: or ``$`` on either side); a word ending in ``(`` is a name called there (see
#: :func:`privlint.polyglot.run.may_match`). None: no such condition is known, the rule
#: runs on every file
Gate = tuple[tuple[tuple[str, ...], ...], ...]

#: a pattern's literal identifiers (metavariables and ``...`` left out), and the ``(``
#: of a name it calls
_LITERAL = re.compile(r"(?<![$\w])([A-Za-z_][A-Za-z0-9_]*)(\s*\()?")
#: a pattern's string literals: semgrep folds constants (``"a" + "b"``) into them
_STRING = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")
#: words a constant may stand for (``const off = false``): never required
_CONSTANTS = frozenset({"true", "false", "null", "nil", "undefined", "None"})


def _patterns_gate(patterns: Sequence[str]) -> Gate | None:
    """A file can hold a match of one of ``patterns`` only if it holds every literal
    identifier of that pattern (the call's names, ``posthog`` and ``capture``: an import
    that renames one names it too; a name the pattern calls, called), words in its
    strings and literal constants left out; None when a pattern has no such identifier."""
    alternatives = []
    for pattern in patterns:
        words = {
            name + ("(" if call else "")
            for name, call in _LITERAL.findall(_STRING.sub(" ", pattern))
            if name not in _CONSTANTS
        }
        if not words:
            return None
        alternatives.append(tuple((word,) for word in sorted(words)))
    return tuple(alternatives) if alternatives else None


def rule_gate(code: str, language: Language, policy: Policy) -> Gate | None:
    """The text a file needs for the rule of ``code`` in ``language`` to match in it
    (see :data:`Gate`): a taint rule's sinks (a result ends at a sink), or the patterns
    of a pattern rule. Each is a superset of what semgrep matches: the log sinks'
    ``$LOGGER`` and ``$METHOD`` are whole names of the pack's lists, as their
    ``metavariable-regex`` says. The credential and URL rules have no gate: their words
    are everywhere."""
    if code == "PL101":
        if not language.log_sinks or not all(
            "$LOGGER" in sink and "$METHOD" in sink for sink in language.log_sinks
        ):
            return None
        loggers = {*policy.sinks.logger_names, *language.logger_names}
        methods = {*policy.sinks.log_methods, *language.log_methods}
        spellings = methods | {method[:1].upper() + method[1:] for method in methods}
        return ((tuple(sorted(loggers)), tuple(sorted(spellings))),)
    if code == "PL102":
        return _patterns_gate(language.output_sinks)
    if code == "PL302":
        return _patterns_gate(language.tls_off)
    if code in SERVICES:
        services = SERVICES[code]
        sinks = [sink for sdk in language.sdks if sdk.service in services for sink in sdk.sinks]
        return _patterns_gate(sinks)
    return None


def rule_gates(policy: Policy, rules: Sequence[Rule]) -> dict[str, Gate]:
    """The gate of each of ``rules`` that has one, by rule ID."""
    by_name = {language.name: language for language in languages()}
    gates: dict[str, Gate] = {}
    for rule in rules:
        code, name = str(rule["id"]).split(".")[:2]
        language = by_name.get(name)
        gate = rule_gate(code, language, policy) if language is not None else None
        if gate is not None:
            gates[str(rule["id"])] = gate
    return gates


def _yaml(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:")
                lines += _yaml(item, indent + 2)
            else:
                lines.append(f"{pad}{key}: {_scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            nested = _yaml(item, indent + 2)
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}- {nested[0].lstrip()}")
                lines += nested[1:]
            else:
                lines.append(f"{pad}- {_scalar(item)}")
    return lines


def _scalar(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "{}" if isinstance(value, dict) else "[]"
    return json.dumps(value, ensure_ascii=False)


HEADER = (
    "# Generated by `privlint export-semgrep` from the rule pack (rules/*.toml):\n"
    "# do not edit; change the pack and export again.\n"
)


def render(rules: Sequence[Rule]) -> str:
    """The rules as one semgrep YAML document."""
    return HEADER + "\n".join(["rules:", *_yaml(list(rules), 0)]) + "\n"


def file_name(rule: Rule) -> str:
    """``PL101-javascript.yaml``: the file one rule is exported to (its samples share
    the stem)."""
    code, language = str(rule["id"]).split(".")[:2]
    return f"{code}-{language}.yaml"


def export(policy: Policy, directory: Path) -> list[Path]:
    """Write one YAML file per rule into ``directory``; the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for rule in semgrep_rules(policy):
        path = directory / file_name(rule)
        path.write_text(render([rule]), encoding="utf-8")
        written.append(path)
    return written
