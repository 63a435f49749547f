"""Read the rule pack and ``[tool.privlint]``, validate every key, merge into a Policy."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import privlint
from privlint.findings import Level
from privlint.policy import errors
from privlint.policy.errors import describe
from privlint.policy.globs import glob_problem
from privlint.policy.hosts import HostPolicy
from privlint.policy.model import (
    DEFAULT_TEST_PATHS,
    KNOWN_SECRET_PLUGINS,
    PRIVACY_LEVELS,
    SERVICES,
    ArgumentRef,
    Category,
    ClientCall,
    DocumentSpec,
    Lookup,
    MailSettings,
    Policy,
    RedactionSpec,
    SdkCall,
    SecretsSettings,
    SinkSpec,
    StorageSpec,
    StorageWriter,
    TelemetryWords,
    ThirdPartySpec,
    TransportSpec,
    ValuePattern,
)
from privlint.policy.parsed import check_pack_pattern, load_pack_file, save_store
from privlint.policy.words import identifier_words, pattern_words

CATEGORY_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
RULE_ID = re.compile(r"^PL\d{3}$")
LEVEL_NAMES = ("error", "warning", "note")


class ConfigError(Exception):
    """A bad rule pack or project configuration. The message names file and key."""


def pack_dir() -> Path:
    """Where the rule pack lives: ``privlint/pack`` in a wheel, ``rules/`` in a checkout."""
    # the package's folder, as ``importlib.resources.files("privlint")`` gives it for a
    # package in a folder, without importing ``importlib.resources`` (and zipfile)
    installed = Path(privlint.__file__).parent / "pack"
    if (installed / "taxonomy.toml").is_file():
        return installed
    return Path(__file__).resolve().parents[2] / "rules"


def _read_toml(path: Path, pack: bool = False) -> dict[str, Any]:
    """A TOML file's table; a ``pack`` file's parsed once per installation
    (:mod:`privlint.policy.parsed`)."""
    try:
        if pack:
            return load_pack_file(path)
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {errors.toml_problem(exc)}") from None


class _Reader:
    """Typed access to a TOML table that reports errors as ``file: [table] key: problem``.

    A ``trusted`` table is privlint's own rule pack: its errors quote values. Any other
    (a project's ``[tool.privlint]``) shows a value that is not from a known set by its
    shape and place only (:mod:`privlint.policy.errors`): it may be a pasted secret.
    """

    def __init__(
        self, path: Path | str, table: str, data: Mapping[str, Any], *, trusted: bool = False
    ) -> None:
        self.path = path
        self.table = table
        self.data = data
        self.trusted = trusted

    def shown(self, value: object, index: int | None = None) -> str:
        """``value`` as an error message may show it: quoted from the rule pack, else
        ``the value (12 characters)`` or ``the 2nd entry (40 characters, gh...NO)``."""
        if self.trusted:
            return repr(value)
        if index is None:
            return f"the value ({errors.describe(value)})"
        return errors.entry(index, value)

    def key_label(self, index: int, name: str) -> str:
        """The ``index``-th key of this table, named as :meth:`shown` shows values."""
        return name if self.trusted else errors.key(index, name)

    def error(self, key: str, problem: str) -> ConfigError:
        where = f"[{self.table}] " if self.table else ""
        return ConfigError(f"{self.path}: {where}{key}: {problem}")

    def check_keys(self, allowed: set[str]) -> None:
        for index, key in enumerate(self.data):
            if key not in allowed:
                hint = errors.did_you_mean(key, allowed)
                problem = (
                    f"unknown key{hint}"
                    if hint
                    else f"unknown key (expected one of: {', '.join(sorted(allowed))})"
                )
                raise self.error(self.key_label(index, key), problem)

    def strings(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = self.data.get(key, default)
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise self.error(key, "must be a list of strings")
        return tuple(value)

    def string(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str):
            raise self.error(key, "must be a string")
        return value

    def table_of(self, key: str) -> Mapping[str, Any]:
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            raise self.error(key, "must be a table")
        return value

    def sub(self, key: str) -> _Reader:
        return _Reader(self.path, self._name(key), self.table_of(key), trusted=self.trusted)

    def tables(self, key: str) -> list[_Reader]:
        """``key``'s array of tables (``[[key]]`` or ``key = [{...}]``), each as a
        reader named ``key[i]``; none when the key is absent."""
        raw = self.data.get(key, [])
        if not isinstance(raw, list):
            raise self.error(key, f"must be an array of tables ([[{key}]])")
        readers = []
        for index, item in enumerate(raw):
            if not isinstance(item, dict):
                raise self.error(f"{key}[{index}]", "must be a table")
            name = self._name(f"{key}[{index}]")
            readers.append(_Reader(self.path, name, item, trusted=self.trusted))
        return readers

    def _name(self, key: str) -> str:
        return f"{self.table}.{key}" if self.table else key


def _category(reader: _Reader, category_id: str, index: int = 0) -> Category:
    if not CATEGORY_ID.match(category_id):
        label = reader.key_label(index, category_id)
        raise reader.error(label, "category IDs look like 'family.name' (lower case)")
    sub = reader.sub(category_id)
    sub.table = f"{reader.table}.{_quote(category_id)}"
    sub.check_keys({"level", "description", "names", "not", "values", "scalar"})
    scalar = sub.data.get("scalar", False)
    if not isinstance(scalar, bool):
        raise sub.error("scalar", "must be true or false")
    level = sub.string("level")
    if level not in PRIVACY_LEVELS:
        raise sub.error("level", f"must be one of: {', '.join(PRIVACY_LEVELS)}")
    names = sub.strings("names")
    if not names:
        raise sub.error("names", "must list at least one name")
    values = []
    for item in sub.tables("values"):
        item.check_keys({"name", "pattern", "keep-prefix", "keep-suffix", "validator", "optional"})
        pattern = item.string("pattern")
        try:
            if item.trusted:
                check_pack_pattern(pattern)  # known to compile, or compiled
            else:
                re.compile(pattern)
        except re.error as exc:
            problem = exc if item.trusted else errors.regex_problem(exc)
            raise item.error("pattern", f"invalid regular expression: {problem}") from None
        validator = item.data.get("validator")
        if validator is not None and validator not in ("luhn", "iban"):
            raise item.error("validator", "must be 'luhn' or 'iban'")
        values.append(
            ValuePattern(
                name=item.string("name"),
                pattern=pattern,
                keep_prefix=_int(item, "keep-prefix"),
                keep_suffix=_int(item, "keep-suffix"),
                validator=validator,
                optional=bool(item.data.get("optional", False)),
            )
        )
    return Category(
        id=category_id,
        privacy_level=level,
        description=sub.string("description", ""),
        names=_patterns(sub, "names", names),
        not_names=_patterns(sub, "not", sub.strings("not")),
        values=tuple(values),
        scalar=scalar,
    )


def _quote(category_id: str) -> str:
    return f'"{category_id}"'


def _int(reader: _Reader, key: str) -> int:
    value = reader.data.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise reader.error(key, "must be a non-negative integer")
    return value


def _patterns(reader: _Reader, key: str, raw: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    result = []
    for index, name in enumerate(raw):
        words = pattern_words(name)
        if not words:
            raise reader.error(key, f"{reader.shown(name, index)} has no letters or digits")
        result.append(words)
    return tuple(result)


def _sinks(
    path: Path, data: Mapping[str, Any], categories: Mapping[str, Category] | None = None
) -> SinkSpec:
    root = _Reader(path, "", data, trusted=True)
    root.check_keys(
        {"version", "logging", "output", "warnings", "propagators", "sanitizers", "descriptions",
         "key-argument", "source", "lookup", "prompts", "responses"}
    )  # fmt: skip
    source_calls: dict[str, str] = {}
    for reader in root.tables("source"):
        reader.check_keys({"functions", "category"})
        category = reader.string("category")
        if categories is not None and category not in categories:
            hint = errors.did_you_mean(category, categories)
            raise reader.error("category", f"unknown category {category!r}{hint}")
        functions = reader.strings("functions")
        if not functions:
            raise reader.error("functions", "must list at least one function")
        for name in functions:
            if not DOTTED.match(name):
                raise reader.error("functions", f"{name!r} is not a qualified name")
            if name in source_calls:
                raise reader.error("functions", f"{name} is listed twice")
            source_calls[name] = category
    lookups = tuple(_lookup(reader) for reader in root.tables("lookup"))
    prompts = root.sub("prompts")
    prompts.check_keys({"functions"})
    for name in prompts.strings("functions"):
        if not DOTTED.match(name):
            raise prompts.error("functions", f"{name!r} is not a qualified name")
    key_arguments: dict[str, tuple[ArgumentRef, str]] = {}
    for reader in root.tables("key-argument"):
        reader.check_keys({"functions", "key", "category"})
        functions = reader.strings("functions")
        if not functions:
            raise reader.error("functions", "must list at least one function")
        key = _argument(reader, "key")
        if key is None:
            raise reader.error("key", "needs the key argument: { position = N, keywords = [...] }")
        category = reader.string("category")
        if categories is not None and category not in categories:
            hint = errors.did_you_mean(category, categories)
            raise reader.error("category", f"unknown category {category!r}{hint}")
        for name in functions:
            if not DOTTED.match(name) or "." not in name:
                raise reader.error("functions", f"{name!r} is not a qualified name")
            if name in key_arguments:
                raise reader.error("functions", f"{name} is listed twice")
            key_arguments[name] = (key, category)
    descriptions = root.sub("descriptions")
    descriptions.check_keys({"translations", "tables"})
    sanitizers = root.sub("sanitizers")
    sanitizers.check_keys({"functions", "objects", "verbs"})
    logging_ = root.sub("logging")
    output = root.sub("output")
    propagators = root.sub("propagators")
    return SinkSpec(
        log_functions=frozenset(logging_.strings("functions")),
        logger_factories=frozenset(logging_.strings("factories")),
        logger_objects=frozenset(logging_.strings("objects")),
        log_methods=frozenset(logging_.strings("methods")),
        logger_binders=frozenset(logging_.strings("binders")),
        logger_factory_words=frozenset(logging_.strings("factory_words")),
        logger_names=frozenset(logging_.strings("logger_names")),
        log_ignore_keywords=frozenset(logging_.strings("ignore_keywords")),
        output_functions=frozenset(output.strings("functions")),
        output_ignore_keywords=frozenset(output.strings("ignore_keywords")),
        warning_functions=frozenset(root.sub("warnings").strings("functions")),
        propagator_functions=frozenset(propagators.strings("functions")),
        propagator_methods=frozenset(propagators.strings("methods")),
        accessor_prefixes=frozenset(propagators.strings("accessor_prefixes")),
        translations=frozenset(descriptions.strings("translations")),
        description_tables=frozenset(descriptions.strings("tables")),
        sanitizers=sanitizers.strings("functions"),
        sanitizer_verbs=frozenset(sanitizers.strings("verbs")),
        masked_objects=sanitizers.strings("objects"),
        response_errors=_responses(root),
        key_arguments=key_arguments,
        source_calls=source_calls,
        lookups=lookups,
        prompt_functions=frozenset(prompts.strings("functions")),
        programs=_programs(output),
        servers=frozenset(output.strings("servers")),
        script_dirs=frozenset(output.strings("script-dirs")),
    )


def _programs(output: _Reader) -> frozenset[str]:
    """``[output] programs``: calls and decorators of command-line programs."""
    names = output.strings("programs")
    for name in names:
        if not DOTTED.match(name) or "." not in name:
            raise output.error("programs", f"{name!r} is not a qualified name")
    return frozenset(names)


def _responses(root: _Reader) -> tuple[str, ...]:
    """``[responses]``: exceptions whose message goes back to the client."""
    responses = root.sub("responses")
    responses.check_keys({"exceptions"})
    return responses.strings("exceptions")


def _lookup(reader: _Reader) -> Lookup:
    """One ``[[lookup]]``: calls that return what their literal key names."""
    reader.check_keys({"functions", "methods", "key", "receiver-words"})
    functions = reader.strings("functions")
    methods = reader.strings("methods")
    if not functions and not methods:
        raise reader.error("functions", "give functions, methods or both")
    for key, names in (("functions", functions), ("methods", methods)):
        for name in names:
            if not DOTTED.match(name) or (key == "methods" and "." in name):
                raise reader.error(key, f"{name!r} is not a valid name here")
    key_ref = _argument(reader, "key")
    if key_ref is None:
        raise reader.error("key", "needs the key argument: { position = N, keywords = [...] }")
    words = reader.strings("receiver-words")
    if words and not methods:
        raise reader.error("receiver-words", "only goes with methods")
    return Lookup(
        frozenset(functions),
        frozenset(methods),
        key_ref,
        frozenset(word.lower() for word in words),
    )


def _hosts(path: Path, data: Mapping[str, Any], allowed: tuple[str, ...]) -> HostPolicy:
    root = _Reader(path, "", data, trusted=True)
    root.check_keys({"version", "local", "documentation"})
    local = root.sub("local")
    local.check_keys({"hosts", "networks", "bind_addresses", "suffixes"})
    docs = root.sub("documentation")
    docs.check_keys({"hosts", "networks", "suffixes"})
    try:
        return HostPolicy.from_lists(
            local_hosts=local.strings("hosts"),
            local_networks=local.strings("networks"),
            local_suffixes=local.strings("suffixes"),
            bind_addresses=local.strings("bind_addresses"),
            documentation_hosts=docs.strings("hosts"),
            documentation_suffixes=docs.strings("suffixes"),
            documentation_networks=docs.strings("networks"),
            allowed=allowed,
        )
    except ValueError as exc:
        raise root.error("networks", str(exc)) from None


SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*$")


def _argument(reader: _Reader, key: str) -> ArgumentRef | None:
    if key not in reader.data:
        return None
    sub = reader.sub(key)
    sub.check_keys({"position", "keywords"})
    position = _int(sub, "position") if "position" in sub.data else None
    keywords = sub.strings("keywords")
    if position is None and not keywords:
        raise reader.error(key, "needs a position or keywords")
    return ArgumentRef(position, keywords)


def _client(reader: _Reader, schemes: frozenset[str]) -> list[ClientCall]:
    reader.check_keys(
        {"functions", "methods", "on", "url", "host", "scheme", "protocol", "upgrade",
         "returns", "instead"}
    )  # fmt: skip
    functions = reader.strings("functions")
    methods = reader.strings("methods")
    on = reader.data.get("on")
    if bool(functions) == bool(methods):
        raise reader.error("functions", "give either functions or methods (with on)")
    if methods and not isinstance(on, str):
        raise reader.error("on", "methods need `on`: the kind of client object (a string)")
    if functions and on is not None:
        raise reader.error("on", "only goes with methods")
    url = _argument(reader, "url")
    host = _argument(reader, "host")
    scheme = reader.string("scheme") if "scheme" in reader.data else None
    protocol = reader.string("protocol") if "protocol" in reader.data else None
    if url is not None and host is not None:
        raise reader.error("host", "a call has a url or a host, not both")
    if host is not None and (scheme is None) == (protocol is None):
        raise reader.error("host", "needs a plaintext `scheme` or a `protocol`, not both")
    if host is None and (scheme is not None or protocol is not None):
        raise reader.error("scheme" if scheme is not None else "protocol", "only goes with host")
    if scheme is not None and scheme not in schemes:
        raise reader.error("scheme", f"{scheme!r} is not in [schemes] plaintext")
    returns = reader.string("returns") if "returns" in reader.data else None
    instead = reader.string("instead") if "instead" in reader.data else None
    upgrade = reader.strings("upgrade")
    if upgrade and protocol is None:
        raise reader.error("upgrade", "only goes with protocol")
    names = functions or tuple(f"{on}.{method}" for method in methods)
    return [
        ClientCall(name, url, host, scheme, protocol, upgrade, returns, instead) for name in names
    ]


def _transport(path: Path, data: Mapping[str, Any]) -> TransportSpec:
    root = _Reader(path, "", data, trusted=True)
    root.check_keys(
        {"version", "schemes", "hosts", "client", "unresolved", "tls", "protocols", "payload",
         "settings"}
    )  # fmt: skip
    settings = []
    for reader in root.tables("settings"):
        reader.check_keys({"framework", "host", "off", "on", "protocol", "instead"})
        for constant in ("host", "off"):
            if not IDENTIFIER.match(reader.string(constant)):
                raise reader.error(
                    constant, f"{reader.string(constant)!r} is not a constant's name"
                )
        for name in reader.strings("on"):
            if not IDENTIFIER.match(name):
                raise reader.error("on", f"{name!r} is not a constant's name")
        settings.append(
            MailSettings(
                framework=reader.string("framework"),
                host=reader.string("host"),
                off=reader.string("off"),
                on=reader.strings("on"),
                protocol=reader.string("protocol", "SMTP"),
                instead=reader.string("instead", ""),
            )
        )
    hosts = root.sub("hosts")
    hosts.check_keys({"single-label-local"})
    single_label_local = hosts.data.get("single-label-local", False)
    if not isinstance(single_label_local, bool):
        raise hosts.error("single-label-local", "must be true or false")
    schemes = root.sub("schemes")
    schemes.check_keys({"plaintext", "upgrade", "tls-hosts"})
    plaintext = frozenset(schemes.strings("plaintext"))
    for scheme in plaintext:
        if not SCHEME.match(scheme):
            raise schemes.error("plaintext", f"{scheme!r} is not a lower-case URL scheme")
    upgrade_reader = schemes.sub("upgrade")
    upgrades: dict[str, str] = {}
    for scheme in upgrade_reader.data:
        if scheme not in plaintext:
            raise upgrade_reader.error(scheme, "is not in [schemes] plaintext")
        upgrades[scheme] = upgrade_reader.string(scheme)
    tls_hosts = tuple(host.lower() for host in schemes.strings("tls-hosts"))
    functions: dict[str, ClientCall] = {}
    methods: dict[tuple[str, str], ClientCall] = {}
    for reader in root.tables("client"):
        for call in _client(reader, plaintext):
            if "on" in reader.data:
                kind, _, method = call.name.rpartition(".")
                table: dict[Any, ClientCall] = methods
                key: Any = (kind, method)
            else:
                table, key = functions, call.name
            if key in table:
                raise reader.error(
                    "on" if "on" in reader.data else "functions", f"{call.name} is listed twice"
                )
            table[key] = call
    unresolved = root.sub("unresolved")
    unresolved.check_keys({"names", "kind"})
    client_names = frozenset(unresolved.strings("names"))
    client_names_kind = unresolved.string("kind", "")
    if client_names and not client_names_kind:
        raise unresolved.error("kind", "names need the kind of client they are taken to be")
    kinds = {call.returns for call in functions.values() if call.returns} | {client_names_kind}
    for kind, _ in methods:
        if kind not in kinds:
            raise root.error("client", f"methods on {kind!r}: no call returns that kind")
    tls = root.sub("tls")
    tls.check_keys(
        {"false-keywords", "verb-methods", "verb-keywords", "cert-keywords", "cert-none",
         "cert-none-strings", "false-attributes", "cert-attributes", "client-false-attributes",
         "unverified-contexts", "silencers", "silence-all", "insecure-warnings",
         "insecure-helpers", "sending-methods"}
    )  # fmt: skip
    protocols = root.sub("protocols")
    protocols.check_keys({"weak", "calls", "keywords", "legacy-words"})
    payload = root.sub("payload")
    payload.check_keys({"ignore-keywords", "carriers"})

    def names(reader: _Reader, key: str) -> frozenset[str]:
        return frozenset(reader.strings(key))

    return TransportSpec(
        plaintext_schemes=plaintext,
        single_label_local=single_label_local,
        upgrades=upgrades,
        tls_hosts=tls_hosts,
        functions=functions,
        methods=methods,
        client_names=client_names,
        client_names_kind=client_names_kind,
        false_keywords=names(tls, "false-keywords"),
        verb_methods=names(tls, "verb-methods"),
        verb_keywords=names(tls, "verb-keywords"),
        cert_keywords=names(tls, "cert-keywords"),
        cert_none=names(tls, "cert-none"),
        cert_none_strings=names(tls, "cert-none-strings"),
        false_attributes=names(tls, "false-attributes"),
        cert_attributes=names(tls, "cert-attributes"),
        client_false_attributes=names(tls, "client-false-attributes"),
        unverified_contexts=names(tls, "unverified-contexts"),
        silencers=names(tls, "silencers"),
        silence_all=names(tls, "silence-all"),
        insecure_warnings=names(tls, "insecure-warnings"),
        sending_methods=names(tls, "sending-methods"),
        insecure_helpers=tuple(
            "_".join(identifier_words(w)) for w in tls.strings("insecure-helpers")
        ),
        weak_protocols=names(protocols, "weak"),
        protocol_calls=names(protocols, "calls"),
        protocol_keywords=names(protocols, "keywords"),
        legacy_words=frozenset(word.lower() for word in protocols.strings("legacy-words")),
        payload_ignore_keywords=names(payload, "ignore-keywords"),
        carriers=names(payload, "carriers"),
        settings=tuple(settings),
    )


OBJECT_KIND = re.compile(r"^[a-z][a-z0-9-]*$")


def _storage(path: Path, data: Mapping[str, Any]) -> StorageSpec:
    """``storage.toml``: writers, object kinds, SQL, encryption, model columns, secret paths."""
    root = _Reader(path, "", data, trusted=True)
    root.check_keys(
        {"version", "clear-text", "writer", "objects", "shelf", "sql", "protection", "columns",
         "secret-paths", "cookies"}
    )  # fmt: skip
    clear = root.sub("clear-text")
    clear.check_keys({"categories"})
    objects = root.sub("objects")
    object_functions: dict[str, frozenset[str]] = {}
    object_methods: dict[str, frozenset[str]] = {}
    for key in objects.data:
        kind = key.removesuffix("-methods")
        if not OBJECT_KIND.match(kind):
            raise objects.error(key, "object kinds are lower-case words joined by '-'")
        table = object_methods if key.endswith("-methods") else object_functions
        table[kind] = frozenset(objects.strings(key))
    kinds = set(object_functions) | set(object_methods)
    functions: dict[str, StorageWriter] = {}
    methods: dict[str, list[StorageWriter]] = {}
    for reader in root.tables("writer"):
        reader.check_keys({"functions", "methods", "on", "data", "stream"})
        names = reader.strings("functions")
        method_names = reader.strings("methods")
        if bool(names) == bool(method_names):
            raise reader.error("functions", "give either functions or methods")
        on = reader.string("on") if "on" in reader.data else ""
        if on and names:
            raise reader.error("on", "only goes with methods")
        if on and on not in kinds:
            known = ", ".join(sorted(kinds))
            raise reader.error("on", f"{on!r} is not an object kind of [objects] (known: {known})")
        data_ref = _argument(reader, "data")
        if data_ref is None:
            raise reader.error("data", "every writer needs the argument it writes")
        stream = _argument(reader, "stream")
        for name in names:
            if name in functions:
                raise reader.error("functions", f"{name} is listed twice")
            functions[name] = StorageWriter(name, data_ref, stream=stream)
        for name in method_names:
            if any(w.on == on for w in methods.get(name, [])):
                raise reader.error("methods", f"{name} is listed twice for {on or 'any receiver'}")
            methods.setdefault(name, []).append(StorageWriter(name, data_ref, on, stream))
    shelf = root.sub("shelf")
    shelf.check_keys({"kinds"})
    item_kinds = frozenset(shelf.strings("kinds"))
    for kind in item_kinds:
        if kind not in kinds:
            raise shelf.error("kinds", f"{kind!r} is not an object kind of [objects]")
    sql = root.sub("sql")
    sql.check_keys({"methods", "many"})
    sql_methods = frozenset(sql.strings("methods"))
    sql_many = frozenset(sql.strings("many"))
    if not sql_many <= sql_methods:
        raise sql.error("many", "must be a subset of methods")
    protection = root.sub("protection")
    protection.check_keys({"functions", "words"})
    columns = root.sub("columns")
    columns.check_keys(
        {"categories", "not-words", "sqlalchemy", "names", "migrations", "clear-types",
         "mapped", "mapped-clear-types", "django", "encrypted", "hashed-password-bases",
         "hashed-password-fields"}
    )  # fmt: skip
    paths = root.sub("secret-paths")
    paths.check_keys(
        {"words", "extensions", "names", "not-extensions", "not-words", "openers",
         "open-methods", "create-methods"}
    )  # fmt: skip
    for key in ("extensions", "not-extensions"):
        for suffix in paths.strings(key):
            if not suffix.startswith("."):
                raise paths.error(key, f"{suffix!r} is not a file-name ending (starts with '.')")

    cookies = root.sub("cookies")
    cookies.check_keys({"methods", "name", "value", "jars", "categories"})
    cookie_methods = cookies.strings("methods")
    cookie_name = _argument(cookies, "name")
    cookie_value = _argument(cookies, "value")
    if cookie_methods and (cookie_name is None or cookie_value is None):
        missing = "name" if cookie_name is None else "value"
        raise cookies.error(missing, "cookie methods need the cookie's name and value arguments")
    for index, name in enumerate(cookie_methods):
        if not DOTTED.match(name) or "." in name:
            raise cookies.error("methods", f"{cookies.shown(name, index)} is not a method name")
    for index, name in enumerate(cookies.strings("jars")):
        if not DOTTED.match(name):
            raise cookies.error("jars", f"{cookies.shown(name, index)} is not a dotted name")
    for index, glob in enumerate(cookies.strings("categories")):
        if not CATEGORY_GLOB.match(glob):
            raise cookies.error(
                "categories", f"{cookies.shown(glob, index)} is not a category or a glob of them"
            )

    def names_of(reader: _Reader, key: str) -> frozenset[str]:
        return frozenset(reader.strings(key))

    def lower(reader: _Reader, key: str) -> tuple[str, ...]:
        return tuple(value.lower() for value in reader.strings(key))

    return StorageSpec(
        clear_text_categories=clear.strings("categories"),
        functions=functions,
        methods={name: tuple(writers) for name, writers in methods.items()},
        object_functions=object_functions,
        object_methods=object_methods,
        item_kinds=item_kinds,
        sql_methods=sql_methods,
        sql_many=sql_many,
        protection=protection.strings("functions"),
        protection_words=names_of(protection, "words"),
        column_categories=columns.strings("categories"),
        column_not_words=frozenset(lower(columns, "not-words")),
        sqlalchemy_columns=names_of(columns, "sqlalchemy"),
        column_names=names_of(columns, "names"),
        migrations=names_of(columns, "migrations"),
        clear_types=names_of(columns, "clear-types"),
        mapped=names_of(columns, "mapped"),
        mapped_clear_types=names_of(columns, "mapped-clear-types"),
        django_fields=names_of(columns, "django"),
        encrypted_types=columns.strings("encrypted"),
        hashed_password_bases=names_of(columns, "hashed-password-bases"),
        hashed_password_fields=names_of(columns, "hashed-password-fields"),
        secret_path_words=_patterns(paths, "words", paths.strings("words")),
        secret_file_suffixes=lower(paths, "extensions"),
        secret_names=frozenset(lower(paths, "names")),
        not_secret_file_suffixes=lower(paths, "not-extensions"),
        not_secret_words=frozenset(lower(paths, "not-words")),
        openers=names_of(paths, "openers"),
        open_methods=names_of(paths, "open-methods"),
        create_methods=names_of(paths, "create-methods"),
        cookie_methods=frozenset(cookie_methods),
        cookie_name=cookie_name or ArgumentRef(),
        cookie_value=cookie_value or ArgumentRef(),
        cookie_jars=names_of(cookies, "jars"),
        cookie_categories=cookies.strings("categories"),
    )


# -- thirdparty.toml -------------------------------------------------------------------


def _argument_list(reader: _Reader, key: str) -> tuple[ArgumentRef, ...]:
    """``[{ position = N, keywords = [...] }, ...]``: where a call's data or identity is."""
    raw = reader.data.get(key, [])
    if not isinstance(raw, list):
        raise reader.error(key, "must be a list of { position = N, keywords = [...] } tables")
    refs = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise reader.error(
                f"{key}[{index}]", "must be a table { position = N, keywords = [...] }"
            )
        holder = _Reader(
            reader.path, reader.table, {f"{key}[{index}]": item}, trusted=reader.trusted
        )
        ref = _argument(holder, f"{key}[{index}]")
        assert ref is not None
        refs.append(ref)
    return tuple(refs)


def _sdk_calls(reader: _Reader, default_service: str | None = None) -> list[SdkCall]:
    """One ``[[call]]`` table (or a project's ``analytics-sinks`` entry) as calls."""
    reader.check_keys(
        {"sdk", "service", "functions", "methods", "on", "data", "identity", "returns"}
    )
    sdk = reader.string("sdk")
    if not sdk.strip():
        raise reader.error("sdk", "must name the third party")
    service = reader.string("service", default_service)
    if service not in SERVICES:
        hint = errors.did_you_mean(service, SERVICES)
        raise reader.error(
            "service", f"{reader.shown(service)} is not one of: {', '.join(SERVICES)}{hint}"
        )
    functions = reader.strings("functions")
    methods = reader.strings("methods")
    on = reader.data.get("on")
    if bool(functions) == bool(methods):
        raise reader.error("functions", "give either functions or methods (with on)")
    if methods and (not isinstance(on, str) or not on):
        raise reader.error("on", "methods need `on`: the kind of object (a string)")
    if functions and on is not None:
        raise reader.error("on", "only goes with methods")
    for index, name in enumerate(functions or methods):
        if not DOTTED.match(name):
            key = "methods" if methods else "functions"
            raise reader.error(key, f"{reader.shown(name, index)} is not a dotted name")
    if methods and not DOTTED.match(str(on)):
        raise reader.error("on", f"{reader.shown(on)} is not a dotted name")
    if methods and any("." in name for name in methods):
        raise reader.error("methods", "method names have no dots (the object is `on`)")
    data = _argument_list(reader, "data")
    identity = _argument_list(reader, "identity")
    returns = reader.string("returns") if "returns" in reader.data else None
    if not data and not identity and returns is None:
        raise reader.error("data", "a call needs data, identity or returns")
    names = functions or tuple(f"{on}.{method}" for method in methods)
    return [SdkCall(name, sdk, service, data, identity, returns) for name in names]


IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
CATEGORY_GLOB = re.compile(r"^[a-z*][a-z0-9_*]*(\.[a-z*][a-z0-9_*]*)*$")
DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def _add_sdk_calls(
    reader: _Reader,
    calls: list[SdkCall],
    functions: dict[str, SdkCall],
    methods: dict[tuple[str, str], SdkCall],
    pack: frozenset[str] = frozenset(),
) -> None:
    """Add ``calls`` (one per name of ``reader``'s list, in order); a name listed twice
    is an error. ``pack`` holds the rule pack's names, which a project cannot repeat."""
    for index, call in enumerate(calls):
        kind, _, method = call.name.rpartition(".")
        if "on" in reader.data:
            key, seen = "methods", (kind, method) in methods
        else:
            key, seen = "functions", call.name in functions
        if seen:
            if reader.trusted or call.name in pack:
                where = "is already in the rule pack" if call.name in pack else "is listed twice"
                raise reader.error(key, f"{call.name} {where}")
            raise reader.error(key, f"{reader.shown(call.name, index)} is listed twice")
        if key == "methods":
            methods[(kind, method)] = call
        else:
            functions[call.name] = call


def _check_kinds(reader: _Reader, calls: list[SdkCall], kinds: set[str]) -> None:
    """Methods need an object of their kind to be made somewhere."""
    if "on" not in reader.data:
        return
    for call in calls:
        kind = call.name.rpartition(".")[0]
        if kind not in kinds:
            if reader.trusted:
                problem = f"no call, [[object]] or [[unresolved]] makes a {kind!r}"
            else:
                problem = (
                    "no call, [[object]] or [[unresolved]] makes that kind of object"
                    f" ({describe(kind)}; known kinds: {', '.join(sorted(kinds))})"
                )
            raise reader.error("on", problem)


def _category_ids(reader: _Reader, key: str, known: Mapping[str, Category]) -> frozenset[str]:
    ids = reader.strings(key)
    for index, category_id in enumerate(ids):
        if category_id not in known:
            raise reader.error(key, f"unknown category {reader.shown(category_id, index)}")
    return frozenset(ids)


def _thirdparty(
    path: Path, data: Mapping[str, Any], categories: Mapping[str, Category]
) -> ThirdPartySpec:
    root = _Reader(path, "", data, trusted=True)
    root.check_keys(
        {"version", "identity", "allowed", "call", "assign", "object", "attribute",
         "unresolved", "telemetry"}
    )  # fmt: skip
    functions: dict[str, SdkCall] = {}
    methods: dict[tuple[str, str], SdkCall] = {}
    kinds: set[str] = set()
    objects: dict[str, str] = {}
    names: dict[str, str] = {}
    members: dict[tuple[str, str], str] = {}
    assigns: dict[tuple[str, str], SdkCall] = {}
    made: list[tuple[_Reader, list[SdkCall]]] = []
    needs_kind: list[tuple[_Reader, str]] = []
    for key in ("call", "object", "attribute", "unresolved"):
        for reader in root.tables(key):
            if key == "call":
                calls = _sdk_calls(reader)
                _add_sdk_calls(reader, calls, functions, methods)
                kinds.update(call.returns for call in calls if call.returns)
                made.append((reader, calls))
                continue
            allowed_keys = {
                "object": {"sdk", "names", "kind"},
                "attribute": {"on", "names", "kind"},
                "unresolved": {"names", "kind"},
            }[key]
            reader.check_keys(allowed_keys)
            kind = reader.string("kind")
            listed = reader.strings("names")
            if not listed:
                raise reader.error("names", "must list at least one name")
            on = reader.string("on") if key == "attribute" else ""
            if key == "attribute":
                if not DOTTED.match(on):
                    raise reader.error("on", f"{reader.shown(on)} is not a dotted name")
                needs_kind.append((reader, on))
            for name in listed:
                if not DOTTED.match(name) or (key == "unresolved" and "." in name):
                    raise reader.error("names", f"{name!r} is not a valid name here")
                if key == "attribute":
                    members[(on, name)] = kind
                else:
                    (objects if key == "object" else names)[name] = kind
            kinds.add(kind)
    for reader in root.tables("assign"):
        for call in _sdk_assigns(reader):
            kind, _, attribute = call.name.rpartition(".")
            if (kind, attribute) in assigns:
                raise reader.error("attributes", f"{call.name} is listed twice")
            assigns[(kind, attribute)] = call
            needs_kind.append((reader, kind))
    for reader, calls in made:
        _check_kinds(reader, calls, kinds)
    for reader, kind in needs_kind:
        if kind not in kinds:
            raise reader.error("on", f"no call, [[object]] or [[unresolved]] makes a {kind!r}")
    identity = root.sub("identity")
    identity.check_keys({"allowed", "reported"})
    allowed = root.sub("allowed")
    allowed.check_keys(set(SERVICES))
    telemetry = root.sub("telemetry")
    telemetry.check_keys({"env-getters", "flag-names", "negating-names", "truthy"})
    return ThirdPartySpec(
        functions=functions,
        methods=methods,
        objects=objects,
        names=names,
        members=members,
        member_tails=frozenset(path.rpartition(".")[2] for _, path in members),
        assigns=assigns,
        service_allowed={
            service: _category_ids(allowed, service, categories) for service in allowed.data
        },
        identity_allowed=_category_ids(identity, "allowed", categories),
        identity_reported=_category_ids(identity, "reported", categories),
        telemetry=TelemetryWords(
            env_getters=frozenset(telemetry.strings("env-getters")),
            flag_names=_patterns(telemetry, "flag-names", telemetry.strings("flag-names")),
            negating_names=_patterns(
                telemetry, "negating-names", telemetry.strings("negating-names")
            ),
            truthy=frozenset(value.lower() for value in telemetry.strings("truthy")),
        ),
    )


def _sdk_assigns(reader: _Reader) -> list[SdkCall]:
    """One ``[[assign]]`` table: attributes of an SDK object whose assigned value is
    sent (``scope.user = {...}``), as entries whose data is the assigned value."""
    reader.check_keys({"sdk", "service", "on", "attributes"})
    sdk = reader.string("sdk")
    if not sdk.strip():
        raise reader.error("sdk", "must name the third party")
    service = reader.string("service")
    if service not in SERVICES:
        hint = errors.did_you_mean(service, SERVICES)
        raise reader.error(
            "service", f"{reader.shown(service)} is not one of: {', '.join(SERVICES)}{hint}"
        )
    on = reader.string("on")
    if not DOTTED.match(on):
        raise reader.error("on", f"{reader.shown(on)} is not a dotted name")
    attributes = reader.strings("attributes")
    if not attributes:
        raise reader.error("attributes", "must list at least one attribute")
    for index, name in enumerate(attributes):
        if not DOTTED.match(name) or "." in name:
            raise reader.error("attributes", f"{reader.shown(name, index)} is not a name")
    return [SdkCall(f"{on}.{name}", sdk, service) for name in attributes]


def _project_thirdparty(project: _Reader, spec: ThirdPartySpec) -> ThirdPartySpec:
    """``analytics-sinks = [{ sdk = ..., functions = [...], data = [...] }, ...]``."""
    sinks = project.tables("analytics-sinks")
    if not sinks:
        return spec
    functions = dict(spec.functions)
    methods = dict(spec.methods)
    kinds = set(spec.objects.values()) | set(spec.names.values())
    kinds |= {call.returns for call in (*functions.values(), *methods.values()) if call.returns}
    readers = []
    pack = frozenset(spec.functions) | frozenset(f"{k}.{m}" for k, m in spec.methods)
    for reader in sinks:
        calls = _sdk_calls(reader, default_service="analytics")
        _add_sdk_calls(reader, calls, functions, methods, pack)
        kinds.update(call.returns for call in calls if call.returns)
        readers.append((reader, calls))
    for reader, calls in readers:
        _check_kinds(reader, calls, kinds)
    return dataclasses.replace(spec, functions=functions, methods=methods)


QUALIFIED_GLOB = re.compile(r"^[A-Za-z_*][A-Za-z0-9_.*]*$")


def _redaction(
    path: Path, data: Mapping[str, Any], project_filters: tuple[str, ...] = ()
) -> RedactionSpec:
    """``redaction.toml``, validated; ``project_filters`` come from ``[tool.privlint]
    redaction-filters`` and are checked by the caller."""
    root = _Reader(path, "", data, trusted=True)
    root.check_keys(
        {"version", "responses", "command-line", "logging-config", "syntax", "records", "dumps"}
    )
    dumps = root.sub("dumps")
    dumps.check_keys(
        {"functions", "model-functions", "model-methods", "request-names", "request-parts",
         "response-request-parts", "environment", "pass-through", "object-words",
         "config-words", "plain-words"}
    )  # fmt: skip
    responses = root.sub("responses")
    responses.check_keys({"functions", "route-methods"})
    command_line = root.sub("command-line")
    command_line.check_keys({"option-methods", "option-functions", "argv"})
    logging_config = root.sub("logging-config")
    logging_config.check_keys({"functions", "settings", "installers", "filters"})
    syntax = root.sub("syntax")
    syntax.check_keys({"ambiguous", "class-words"})
    records = root.sub("records")
    records.check_keys({"bases", "factories", "description-words"})
    for reader, key in (
        (responses, "functions"),
        (command_line, "option-functions"),
        (command_line, "argv"),
        (logging_config, "functions"),
        (logging_config, "installers"),
        (logging_config, "filters"),
        (records, "bases"),
        (records, "factories"),
        (dumps, "functions"),
        (dumps, "model-functions"),
        (dumps, "request-names"),
        (dumps, "environment"),
        (dumps, "pass-through"),
    ):
        for name in reader.strings(key):
            if not QUALIFIED_GLOB.match(name):
                raise reader.error(key, f"{name!r} is not a qualified name")
    for reader, key in (
        (responses, "route-methods"),
        (command_line, "option-methods"),
        (logging_config, "settings"),
    ):
        for name in reader.strings(key):
            if not name.isidentifier():
                raise reader.error(key, f"{name!r} is not an identifier")
    words = syntax.strings("class-words")
    for reader, key in (
        (syntax, "class-words"),
        (dumps, "object-words"),
        (dumps, "config-words"),
        (dumps, "plain-words"),
        (records, "description-words"),
    ):
        for word in reader.strings(key):
            if not word.isalpha() or word != word.lower():
                raise reader.error(key, f"{word!r} is not a lower-case word")
    return RedactionSpec(
        response_functions=frozenset(responses.strings("functions")),
        route_methods=frozenset(responses.strings("route-methods")),
        option_methods=frozenset(command_line.strings("option-methods")),
        option_functions=frozenset(command_line.strings("option-functions")),
        argv=frozenset(command_line.strings("argv")),
        logging_config_functions=frozenset(logging_config.strings("functions")),
        logging_settings=frozenset(logging_config.strings("settings")),
        redaction_installers=logging_config.strings("installers"),
        redaction_filters=logging_config.strings("filters") + project_filters,
        ambiguous_names=frozenset(syntax.strings("ambiguous")),
        syntax_class_words=frozenset(words),
        record_bases=frozenset(records.strings("bases")),
        record_factories=frozenset(records.strings("factories")),
        description_words=frozenset(records.strings("description-words")),
        dump_functions=frozenset(dumps.strings("functions")),
        model_dump_functions=frozenset(dumps.strings("model-functions")),
        model_dump_methods=frozenset(dumps.strings("model-methods")),
        request_names=frozenset(dumps.strings("request-names")),
        request_parts=frozenset(dumps.strings("request-parts")),
        response_request_parts=frozenset(dumps.strings("response-request-parts")),
        environment=frozenset(dumps.strings("environment")),
        pass_through=frozenset(dumps.strings("pass-through")),
        object_words=frozenset(dumps.strings("object-words")),
        config_words=frozenset(dumps.strings("config-words")),
        plain_words=frozenset(dumps.strings("plain-words")),
    )


def _redaction_filters(project: _Reader) -> tuple[str, ...]:
    """``[tool.privlint] redaction-filters``: qualified names (globs allowed) of the
    project's own redacting logging filters or installers."""
    names = project.strings("redaction-filters")
    for index, name in enumerate(names):
        if not QUALIFIED_GLOB.match(name) or "." not in name:
            raise project.error(
                "redaction-filters",
                f"{project.shown(name, index)} is not a qualified name (module.Class)",
            )
    return names


PROJECT_KEYS = {
    "allowed-hosts",
    "names",
    "categories",
    "not-sensitive",
    "disable",
    "enable",
    "exclude",
    "fail-on",
    "logger-names",
    "sanitizers",
    "max-file-size",
    "secrets",
    "test-paths",
    "analytics-sinks",
    "redaction-filters",
}


def find_config(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` that has ``[tool.privlint]``."""
    directory = start.resolve()
    if directory.is_file():
        directory = directory.parent
    for candidate in (directory, *directory.parents):
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            data = _read_toml(pyproject)
            tool = data.get("tool", {})
            if isinstance(tool, dict) and "privlint" in tool:
                return pyproject
    return None


def load_policy(config: Path | None = None, *, search_from: Path | None = None) -> Policy:
    """The default policy from the rule pack, merged with a project's ``[tool.privlint]``.

    ``config`` names a ``pyproject.toml`` explicitly; otherwise the nearest one above
    ``search_from`` (default: the current directory) that has ``[tool.privlint]``.
    """
    directory = pack_dir()
    taxonomy_path = directory / "taxonomy.toml"
    taxonomy = _Reader(taxonomy_path, "", _read_toml(taxonomy_path, pack=True), trusted=True)
    taxonomy.check_keys(
        {
            "version",
            "levels",
            "neutral",
            "holders",
            "about",
            "types",
            "ambiguous",
            "constants",
            "categories",
        }
    )
    levels_reader = taxonomy.sub("levels")
    levels: dict[str, Level] = {}
    for privacy in PRIVACY_LEVELS:
        try:
            levels[privacy] = Level.parse(levels_reader.string(privacy))
        except ValueError as exc:
            raise levels_reader.error(privacy, str(exc)) from None
    neutral_reader = taxonomy.sub("neutral")
    neutral = _patterns(neutral_reader, "words", neutral_reader.strings("words"))
    holders_reader = taxonomy.sub("holders")
    holders_reader.check_keys({"words"})
    holders = frozenset(word.lower() for word in holders_reader.strings("words"))
    about_reader = taxonomy.sub("about")
    about_reader.check_keys({"words", "results", "reading-verbs", "path-functions"})
    about_words = frozenset(word.lower() for word in about_reader.strings("words"))
    about_results = frozenset(word.lower() for word in about_reader.strings("results"))
    reading_verbs = frozenset(word.lower() for word in about_reader.strings("reading-verbs"))
    path_functions = frozenset(about_reader.strings("path-functions"))
    types_reader = taxonomy.sub("types")
    types_reader.check_keys({"plain", "words", "generic"})
    plain_types = frozenset(types_reader.strings("plain"))
    generic_types = frozenset(types_reader.strings("generic"))
    plain_type_words = frozenset(word.lower() for word in types_reader.strings("words"))
    ambiguous_reader = taxonomy.sub("ambiguous")
    ambiguous_reader.check_keys({"words", "names", "owners"})
    ambiguous_owners = frozenset(word.lower() for word in ambiguous_reader.strings("owners"))
    ambiguous = frozenset(
        "_".join(identifier_words(entry))
        for key in ("words", "names")
        for entry in ambiguous_reader.strings(key)
    )
    constants_reader = taxonomy.sub("constants")
    constants_reader.check_keys({"key-prefixes"})
    key_prefixes = frozenset(word.lower() for word in constants_reader.strings("key-prefixes"))
    category_reader = taxonomy.sub("categories")
    categories = {
        cid: _category(category_reader, cid, index)
        for index, cid in enumerate(category_reader.data)
    }
    save_store()  # the pack's patterns known to compile, from now on
    sinks_path = directory / "sinks.toml"
    sinks = _sinks(sinks_path, _read_toml(sinks_path, pack=True), categories)

    if config is None:
        config = find_config(search_from or Path.cwd())
    elif not config.is_file():
        raise ConfigError(f"{config}: configuration file not found")
    hosts_path = directory / "hosts.toml"
    hosts_data = _read_toml(hosts_path, pack=True)
    transport_path = directory / "transport.toml"
    transport = _transport(transport_path, _read_toml(transport_path, pack=True))
    storage_path = directory / "storage.toml"
    storage = _storage(storage_path, _read_toml(storage_path, pack=True))
    thirdparty_path = directory / "thirdparty.toml"
    thirdparty_data = _read_toml(thirdparty_path, pack=True)
    redaction_path = directory / "redaction.toml"
    redaction_data = _read_toml(redaction_path, pack=True)
    documents_path = directory / "secrets.toml"
    documents = _documents(documents_path, _read_toml(documents_path, pack=True))
    if config is None:
        hosts = _hosts(hosts_path, hosts_data, ())
        return Policy(
            tuple(categories.values()),
            levels,
            neutral,
            sinks,
            holders=holders,
            plain_types=plain_types,
            plain_type_words=plain_type_words,
            ambiguous=ambiguous,
            ambiguous_owners=ambiguous_owners,
            key_prefixes=key_prefixes,
            about_words=about_words,
            about_results=about_results,
            reading_verbs=reading_verbs,
            path_functions=path_functions,
            generic_types=generic_types,
            hosts=hosts,
            transport=transport,
            storage=storage,
            thirdparty=_thirdparty(thirdparty_path, thirdparty_data, categories),
            redaction=_redaction(redaction_path, redaction_data),
            documents=documents,
        )

    data = _read_toml(config)
    tool = data.get("tool", {})
    raw = tool.get("privlint", {}) if isinstance(tool, dict) else {}
    project = _Reader(config, "tool.privlint", raw if isinstance(raw, dict) else {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{config}: [tool.privlint] must be a table")
    project.check_keys(PROJECT_KEYS)

    new_categories = project.sub("categories")
    for index, category_id in enumerate(new_categories.data):
        if category_id in categories:
            raise new_categories.error(
                category_id,
                "already defined by the rule pack; extend it under [tool.privlint.names]",
            )
        categories[category_id] = _category(new_categories, category_id, index)

    extra = project.sub("names")
    for index, category_id in enumerate(extra.data):
        if category_id not in categories:
            hint = errors.did_you_mean(category_id, categories)
            known = hint or f" (known: {', '.join(sorted(categories))})"
            raise extra.error(extra.key_label(index, category_id), f"unknown category{known}")
        base = categories[category_id]
        added = _patterns(extra, category_id, extra.strings(category_id))
        categories[category_id] = Category(
            base.id,
            base.privacy_level,
            base.description,
            base.names + added,
            base.not_names,
            base.values,
        )

    rule_sets: dict[str, frozenset[str]] = {}
    for key in ("disable", "enable"):
        ids = project.strings(key)
        for index, rule_id in enumerate(ids):
            if not RULE_ID.match(rule_id):
                shown = project.shown(rule_id, index)
                raise project.error(key, f"{shown} is not a rule ID (PLnnn)")
        rule_sets[key] = frozenset(ids)

    fail_on_text = project.string("fail-on", "warning")
    if fail_on_text.strip().lower() not in LEVEL_NAMES:
        hint = errors.did_you_mean(fail_on_text.strip(), LEVEL_NAMES)
        problem = f"{project.shown(fail_on_text)} is not one of: {', '.join(LEVEL_NAMES)}{hint}"
        raise project.error("fail-on", problem)
    fail_on = Level.parse(fail_on_text)

    if "logger-names" in raw or "sanitizers" in raw:
        sinks = SinkSpec(
            **{
                **sinks.__dict__,
                "logger_names": sinks.logger_names | frozenset(project.strings("logger-names")),
                "sanitizers": sinks.sanitizers + project.strings("sanitizers"),
            }
        )

    not_sensitive = frozenset(
        "_".join(pattern_words(name)) for name in project.strings("not-sensitive")
    )
    hosts = _hosts(hosts_path, hosts_data, project.strings("allowed-hosts"))
    test_paths = project.strings("test-paths", DEFAULT_TEST_PATHS)
    exclude = project.strings("exclude")
    for key, globs in (("exclude", exclude), ("test-paths", test_paths)):
        for index, glob in enumerate(globs):
            why = glob_problem(glob)
            if why is not None:
                raise project.error(key, f"{project.shown(glob, index)} {why}")
    return Policy(
        categories=tuple(categories.values()),
        levels=levels,
        neutral=neutral,
        sinks=sinks,
        holders=holders,
        plain_types=plain_types,
        plain_type_words=plain_type_words,
        ambiguous=ambiguous,
        ambiguous_owners=ambiguous_owners,
        key_prefixes=key_prefixes,
        about_words=about_words,
        about_results=about_results,
        reading_verbs=reading_verbs,
        path_functions=path_functions,
        generic_types=generic_types,
        not_sensitive=not_sensitive,
        disabled_rules=rule_sets["disable"],
        enabled_rules=rule_sets["enable"],
        exclude=exclude,
        fail_on=fail_on,
        config_path=str(config),
        hosts=hosts,
        transport=transport,
        secrets=_secrets(project),
        storage=storage,
        test_paths=test_paths,
        thirdparty=_project_thirdparty(
            project, _thirdparty(thirdparty_path, thirdparty_data, categories)
        ),
        redaction=_redaction(redaction_path, redaction_data, _redaction_filters(project)),
        documents=documents,
    )


def _documents(path: Path, data: Mapping[str, Any]) -> DocumentSpec:
    """``secrets.toml``: documentation keys and the record-field threshold, validated."""
    root = _Reader(path, "", data, trusted=True)
    root.check_keys({"version", "documents", "records"})
    documents = root.sub("documents")
    documents.check_keys({"example-keys", "prose-keys"})
    records = root.sub("records")
    records.check_keys({"repeats"})
    repeats = _int(records, "repeats")
    if repeats < 2:
        raise records.error("repeats", "must be at least 2 (a value seen twice or more)")
    return DocumentSpec(
        example_keys=frozenset(key.lower() for key in documents.strings("example-keys")),
        prose_keys=frozenset(key.lower() for key in documents.strings("prose-keys")),
        record_repeats=repeats,
    )


def _secrets(project: _Reader) -> SecretsSettings:
    """``secrets = { plugins = [...], base64-limit = 4.5, hex-limit = 3.0 }`` and
    ``max-file-size``, validated."""
    default = SecretsSettings()
    max_size = default.max_file_size
    if "max-file-size" in project.data:
        max_size = _int(project, "max-file-size")
        if max_size < 1:
            raise project.error("max-file-size", "must be a positive number of bytes")
    table = project.sub("secrets")
    table.check_keys({"plugins", "base64-limit", "hex-limit"})
    plugins = table.strings("plugins", default.plugins)
    for index, name in enumerate(plugins):
        if name not in KNOWN_SECRET_PLUGINS:
            hint = errors.did_you_mean(name, KNOWN_SECRET_PLUGINS)
            known = hint or f" (known: {', '.join(sorted(KNOWN_SECRET_PLUGINS))})"
            shown = table.shown(name, index)
            raise table.error("plugins", f"{shown} is not a detect-secrets plugin{known}")
    limits = {}
    for key, value in (("base64-limit", default.base64_limit), ("hex-limit", default.hex_limit)):
        raw = table.data.get(key, value)
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not 0.0 < raw <= 8.0:
            raise table.error(key, "must be a number of bits per character, above 0 and at most 8")
        limits[key] = float(raw)
    return SecretsSettings(
        plugins=tuple(dict.fromkeys(plugins)),
        base64_limit=limits["base64-limit"],
        hex_limit=limits["hex-limit"],
        max_file_size=max_size,
    )
