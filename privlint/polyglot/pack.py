"""``polyglot.toml``: what each language spells its own way (sinks, calls, literals)."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from privlint.policy import ConfigError
from privlint.policy.load import pack_dir

PACK_FILE = "polyglot.toml"


@dataclass(frozen=True)
class Sdk:
    """Calls of a third party's SDK that send their arguments out."""

    sdk: str
    service: str
    sinks: tuple[str, ...]


@dataclass(frozen=True)
class Language:
    """One language of ``polyglot.toml``: its name there, semgrep's and its patterns."""

    name: str
    semgrep: tuple[str, ...]
    extensions: tuple[str, ...]
    #: names that mean something else in this language (`credentials` of fetch())
    not_names: tuple[str, ...] = ()
    logger_names: tuple[str, ...] = ()
    log_methods: tuple[str, ...] = ()
    log_sinks: tuple[str, ...] = ()
    output_sinks: tuple[str, ...] = ()
    sanitizer_patterns: tuple[str, ...] = ()
    credential_literals: tuple[str, ...] = ()
    url_calls: tuple[str, ...] = ()
    tls_off: tuple[str, ...] = ()
    sdks: tuple[Sdk, ...] = ()


_LIST_KEYS = {
    "semgrep",
    "extensions",
    "logger-names",
    "not-names",
    "log-methods",
    "log-sinks",
    "output-sinks",
    "sanitizer-patterns",
    "credential-literals",
    "url-calls",
    "tls-off",
}


def _strings(where: str, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where} {key}: expected a list of strings")
    return tuple(value)


def read_languages(path: Path) -> tuple[Language, ...]:
    """The languages of a ``polyglot.toml``; ConfigError naming file and key if malformed."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    languages = []
    tables = data.get("language", {})
    if not isinstance(tables, dict):
        raise ConfigError(f"{path}: [language]: expected tables")
    for name, table in tables.items():
        where = f"{path}: [language.{name}]"
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: expected a table")
        unknown = sorted(set(table) - _LIST_KEYS - {"sdk"})
        if unknown:
            raise ConfigError(f"{where} {unknown[0]}: unknown key")
        sdks = []
        for entry in table.get("sdk", []):
            sdk_where = f"{path}: [[language.{name}.sdk]]"
            if not isinstance(entry, dict) or not isinstance(entry.get("sdk"), str):
                raise ConfigError(f"{sdk_where} sdk: expected a string")
            service = entry.get("service")
            if not isinstance(service, str):
                raise ConfigError(f"{sdk_where} service: expected a string")
            sdks.append(Sdk(entry["sdk"], service, _strings(sdk_where, entry, "sinks")))
        fields = {key.replace("-", "_"): _strings(where, table, key) for key in _LIST_KEYS}
        languages.append(Language(name=name, sdks=tuple(sdks), **fields))
    return tuple(languages)


@functools.cache
def languages() -> tuple[Language, ...]:
    """The languages of the installed pack."""
    return read_languages(pack_dir() / PACK_FILE)


@functools.cache
def _by_extension() -> dict[str, str]:
    return {ext: language.name for language in languages() for ext in language.extensions}


def language_of(path: str) -> str | None:
    """The pack's language of a file, by its extension (``.tsx`` -> javascript)."""
    suffix = Path(path).suffix.lower()
    return _by_extension().get(suffix) if suffix else None
