"""The Policy: one frozen, validated object read by the static rules and the runtime shim."""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from privlint.findings import Level
from privlint.marshalled import compiles_pack_patterns
from privlint.policy.hosts import HostPolicy
from privlint.policy.words import identifier_words

PRIVACY_LEVELS = ("critical", "high", "medium", "low")


@dataclass(frozen=True)
class ValuePattern:
    """How the data itself looks (read by the runtime masker)."""

    name: str
    pattern: str
    keep_prefix: int = 0
    keep_suffix: int = 0
    validator: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class Category:
    """A kind of sensitive data, e.g. ``credential.password``."""

    id: str
    privacy_level: str
    description: str
    names: tuple[tuple[str, ...], ...]
    not_names: tuple[tuple[str, ...], ...] = ()
    values: tuple[ValuePattern, ...] = ()
    #: each value is one short string (an address, a number): a field or parameter
    #: typed as a dict or a record class holds something about one, not one
    #: (`latest_email: dict`, a newsletter's statistics)
    scalar: bool = False


@dataclass(frozen=True)
class SinkSpec:
    """Sinks and sanitizers from ``sinks.toml``."""

    log_functions: frozenset[str]
    logger_factories: frozenset[str]
    logger_objects: frozenset[str]
    log_methods: frozenset[str]
    logger_binders: frozenset[str]
    logger_names: frozenset[str]
    log_ignore_keywords: frozenset[str]
    output_functions: frozenset[str]
    output_ignore_keywords: frozenset[str]
    warning_functions: frozenset[str]
    propagator_functions: frozenset[str]
    propagator_methods: frozenset[str]
    accessor_prefixes: frozenset[str]
    sanitizers: tuple[str, ...]
    #: verbs that, leading a function's name before words naming sensitive data, make
    #: it a sanitizer (``strip_password``, ``stripUrlPassword``, ``hide_email``)
    sanitizer_verbs: frozenset[str] = frozenset()
    #: objects whose rendering masks what they hold (``engine.url``), as globs on the
    #: expression's text with calls written ``()``
    masked_objects: tuple[str, ...] = ()
    #: exceptions whose message goes back to the client in the error response (globs)
    response_errors: tuple[str, ...] = ()
    #: last names of translation calls; words naming tables of texts about fields
    translations: frozenset[str] = frozenset()
    #: a call of a function whose name ends with one of these words returns a logger
    logger_factory_words: frozenset[str] = frozenset()
    description_tables: frozenset[str] = frozenset()
    #: qualified name -> (where its key argument is, the key's category): arguments
    #: that are credentials by their place (``jwt.encode(payload, KEY)``, PL201)
    key_arguments: Mapping[str, tuple[ArgumentRef, str]] = field(default_factory=dict)
    #: sources by origin: calls whose result is a category whatever it is named
    #: (``getpass.getpass``), look-ups by a literal key, and prompts that say what
    #: the user types (``input("Password: ")``)
    source_calls: Mapping[str, str] = field(default_factory=dict)
    lookups: tuple[Lookup, ...] = ()
    prompt_functions: frozenset[str] = frozenset()
    #: calls and decorators that make a module a command-line program (``click.command``,
    #: ``argparse.ArgumentParser``): what it prints goes to the operator who ran it
    programs: frozenset[str] = frozenset()
    #: packages whose import makes a hand-run script a server (its prints go to a log)
    servers: frozenset[str] = frozenset()
    #: folders of scripts people run by hand (``scripts/``, ``bin/``)
    script_dirs: frozenset[str] = frozenset()

    @functools.cached_property
    def source_words(self) -> frozenset[str]:
        """The last names of the source calls (``getpass``, ``get_password``): a file
        without one of them or a sensitive word holds no sensitive value."""
        return frozenset(name.rpartition(".")[2] for name in self.source_calls)

    @functools.cached_property
    def lookup_methods(self) -> frozenset[str]:
        """The last names of the look-ups by a literal key (``get``, ``getenv``): the
        pack's [[lookup]] functions and methods."""
        names = {name.rpartition(".")[2] for lookup in self.lookups for name in lookup.functions}
        return frozenset(names.union(*(lookup.methods for lookup in self.lookups)))

    @functools.cached_property
    def call_pattern(self) -> re.Pattern[str]:
        """A call of a log method, a log, output or warning function by its last name
        (``.debug(``, ``echo(``, ``warn(``): a file without one logs nothing itself."""
        functions = self.log_functions | self.output_functions | self.warning_functions
        names = self.log_methods | {name.rpartition(".")[2] for name in functions}
        alternatives = "|".join(map(re.escape, sorted(names)))
        return re.compile(rf"\b(?:{alternatives})\s*\(")

    @functools.cached_property
    def prompt_pattern(self) -> re.Pattern[str] | None:
        """A prompt call given a literal (``input("Card number: ")``): what the prompt
        says is the category of what it returns."""
        names = sorted({name.rpartition(".")[2] for name in self.prompt_functions})
        if not names:
            return None
        alternatives = "|".join(map(re.escape, names))
        return re.compile(rf"\b(?:{alternatives})\(\s*[rRuUbBfF]{{0,2}}[\"']")


@dataclass(frozen=True)
class ArgumentRef:
    """Where an argument is: a positional index and/or keyword names (``"*"``: any
    keyword the call's other references do not name)."""

    position: int | None = None
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lookup:
    """A look-up by a literal key whose value is what the key names (``sinks.toml``
    [[lookup]]: ``os.getenv("API_KEY")``, ``config.get("smtp", "password")``)."""

    functions: frozenset[str] = frozenset()
    methods: frozenset[str] = frozenset()
    key: ArgumentRef = field(default_factory=ArgumentRef)
    #: for methods: words one of which the receiver's last name must have (none: any)
    receiver_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ClientCall:
    """A call that opens a connection or sends a request (``transport.toml`` [[client]])."""

    #: the qualified function or class name, or ``kind.method`` for methods
    name: str
    url: ArgumentRef | None = None
    host: ArgumentRef | None = None
    #: the plaintext URL scheme a ``host`` client speaks (PL301)
    scheme: str | None = None
    #: the plaintext protocol a ``host`` client speaks (PL305)
    protocol: str | None = None
    upgrade: tuple[str, ...] = ()
    #: the kind of client object the call returns
    returns: str | None = None
    instead: str | None = None


@dataclass(frozen=True)
class MailSettings:
    """Settings-module constants that choose plaintext mail (``transport.toml``
    [[settings]]: Django's ``EMAIL_HOST`` with ``EMAIL_USE_TLS = False``)."""

    framework: str
    #: the constant holding the mail host
    host: str
    #: the constant that, set to False, is reported
    off: str
    #: constants any of which set to True means the connection is encrypted after all
    on: tuple[str, ...] = ()
    protocol: str = "SMTP"
    instead: str = ""


@dataclass(frozen=True)
class TransportSpec:
    """Clients, TLS switches and weak protocols from ``transport.toml``."""

    plaintext_schemes: frozenset[str] = frozenset()
    single_label_local: bool = False
    upgrades: Mapping[str, str] = field(default_factory=dict)
    #: hosts known to serve the upgraded scheme (``api.github.com``, ``*.amazonaws.com``):
    #: only for these is the ``https://`` rewrite a safe fix
    tls_hosts: tuple[str, ...] = ()
    #: qualified name -> call
    functions: Mapping[str, ClientCall] = field(default_factory=dict)
    #: (client kind, method name) -> call
    methods: Mapping[tuple[str, str], ClientCall] = field(default_factory=dict)
    #: variable and attribute names taken to be clients of ``client_names_kind``
    client_names: frozenset[str] = frozenset()
    client_names_kind: str = ""
    false_keywords: frozenset[str] = frozenset()
    verb_methods: frozenset[str] = frozenset()
    verb_keywords: frozenset[str] = frozenset()
    cert_keywords: frozenset[str] = frozenset()
    cert_none: frozenset[str] = frozenset()
    cert_none_strings: frozenset[str] = frozenset()
    false_attributes: frozenset[str] = frozenset()
    cert_attributes: frozenset[str] = frozenset()
    client_false_attributes: frozenset[str] = frozenset()
    unverified_contexts: frozenset[str] = frozenset()
    silencers: frozenset[str] = frozenset()
    silence_all: frozenset[str] = frozenset()
    insecure_warnings: frozenset[str] = frozenset()
    #: words of a function's name that say it switches checks off on purpose
    #: (`non_verifying_requests_session`): its calls are judged, not its body
    insecure_helpers: tuple[str, ...] = ()
    #: methods that send over a connection (a certificate probe calls none of them)
    sending_methods: frozenset[str] = frozenset()
    weak_protocols: frozenset[str] = frozenset()
    protocol_calls: frozenset[str] = frozenset()
    protocol_keywords: frozenset[str] = frozenset()
    #: words of a function's or class's name that make a weak version deliberate
    legacy_words: frozenset[str] = frozenset()
    payload_ignore_keywords: frozenset[str] = frozenset()
    carriers: frozenset[str] = frozenset()
    settings: tuple[MailSettings, ...] = ()

    def is_insecure_helper(self, name: str) -> bool:
        """``non_verifying_requests_session``, ``insecure_client``: a function named for
        switching TLS checks off."""
        joined = "_" + "_".join(identifier_words(name)) + "_"
        return any(f"_{words}_" in joined for words in self.insecure_helpers)


@dataclass(frozen=True)
class StorageWriter:
    """A call that writes its data argument to storage (``storage.toml`` [[writer]])."""

    #: the qualified function name, or the method name
    name: str
    data: ArgumentRef
    #: for methods: the kind of object they must be called on ("" = any receiver)
    on: str = ""
    #: when set, the call writes only if this argument (the stream) is given
    stream: ArgumentRef | None = None


@dataclass(frozen=True)
class StorageSpec:
    """Writers, encryption and secret-path words from ``storage.toml`` (PL6xx)."""

    #: category globs whose values must not be stored in clear text (PL601)
    clear_text_categories: tuple[str, ...] = ()
    #: qualified name -> writer
    functions: Mapping[str, StorageWriter] = field(default_factory=dict)
    #: method name -> writers (one per receiver kind)
    methods: Mapping[str, tuple[StorageWriter, ...]] = field(default_factory=dict)
    #: object kind -> qualified functions that return it
    object_functions: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: object kind -> method names that return it (on receivers that are not imports)
    object_methods: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: object kinds whose item assignment writes to storage
    item_kinds: frozenset[str] = frozenset()
    sql_methods: frozenset[str] = frozenset()
    sql_many: frozenset[str] = frozenset()
    #: globs on qualified or last names of calls that encrypt or hash
    protection: tuple[str, ...] = ()
    protection_words: frozenset[str] = frozenset()
    #: PL602
    column_categories: tuple[str, ...] = ()
    column_not_words: frozenset[str] = frozenset()
    sqlalchemy_columns: frozenset[str] = frozenset()
    column_names: frozenset[str] = frozenset()
    migrations: frozenset[str] = frozenset()
    clear_types: frozenset[str] = frozenset()
    mapped: frozenset[str] = frozenset()
    mapped_clear_types: frozenset[str] = frozenset()
    django_fields: frozenset[str] = frozenset()
    encrypted_types: tuple[str, ...] = ()
    hashed_password_bases: frozenset[str] = frozenset()
    hashed_password_fields: frozenset[str] = frozenset()
    #: PL603: word sequences, file-name endings and names of secret files
    secret_path_words: tuple[tuple[str, ...], ...] = ()
    secret_file_suffixes: tuple[str, ...] = ()
    secret_names: frozenset[str] = frozenset()
    not_secret_file_suffixes: tuple[str, ...] = ()
    not_secret_words: frozenset[str] = frozenset()
    openers: frozenset[str] = frozenset()
    open_methods: frozenset[str] = frozenset()
    create_methods: frozenset[str] = frozenset()
    #: PL605: methods that set a cookie, where its name and value are, cookie-jar
    #: classes whose items are cookies, and the category globs a cookie must not hold
    cookie_methods: frozenset[str] = frozenset()
    cookie_name: ArgumentRef = field(default_factory=ArgumentRef)
    cookie_value: ArgumentRef = field(default_factory=ArgumentRef)
    cookie_jars: frozenset[str] = frozenset()
    cookie_categories: tuple[str, ...] = ()

    def protects(self, qualified: str | None, last: str) -> bool:
        """Whether a call (qualified name, last name) encrypts or hashes its argument."""
        return _glob_call(self.protection, qualified, last)

    def is_encrypted_type(self, qualified: str | None, last: str) -> bool:
        return _glob_call(self.encrypted_types, qualified, last)


def _glob_call(patterns: tuple[str, ...], qualified: str | None, last: str) -> bool:
    """Whether a call matches a pattern: dotted patterns are matched against its
    qualified name, the others against its last name (globs, case-sensitive)."""
    dotted, plain = _call_globs(patterns)
    if dotted is not None and qualified is not None and dotted.match(qualified) is not None:
        return True
    return plain is not None and plain.match(last) is not None


@functools.lru_cache(maxsize=64)
def _call_globs(patterns: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The patterns as two compiled alternations (dotted ones, the others): one match
    per call instead of one ``fnmatch`` per pattern."""
    dotted = [pattern for pattern in patterns if "." in pattern]
    plain = [pattern for pattern in patterns if "." not in pattern]
    return globs_pattern(dotted), globs_pattern(plain)


@compiles_pack_patterns
def globs_pattern(patterns: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern that matches a whole string when any of the globs does
    (``fnmatch.fnmatchcase`` semantics); None for no globs. Only for globs of the rule
    pack and the configuration: the command line keeps the compiled pattern on disk."""
    translated = [fnmatch.translate(pattern) for pattern in sorted(patterns)]
    return re.compile("|".join(translated)) if translated else None


@dataclass(frozen=True)
class SdkCall:
    """A third-party SDK call (``thirdparty.toml`` [[call]]): where its data and user
    identity are, and what kind of object it returns."""

    #: the qualified function or class name, or ``kind.method`` for methods
    name: str
    #: the third party, as messages name it
    sdk: str
    #: one of :data:`SERVICES`
    service: str
    data: tuple[ArgumentRef, ...] = ()
    identity: tuple[ArgumentRef, ...] = ()
    returns: str | None = None


@dataclass(frozen=True)
class TelemetryWords:
    """How PL504 recognises a telemetry switch (``thirdparty.toml`` [telemetry])."""

    env_getters: frozenset[str] = frozenset()
    #: name patterns (words) of flags that control data sent home
    flag_names: tuple[tuple[str, ...], ...] = ()
    #: name patterns that invert or gate such a flag
    negating_names: tuple[tuple[str, ...], ...] = ()
    truthy: frozenset[str] = frozenset()

    def is_flag(self, name: str) -> bool:
        """Whether a variable or setting name is a telemetry switch that means "on"."""
        words = identifier_words(name)
        return any(_contains(words, p) for p in self.flag_names) and not any(
            _contains(words, p) for p in self.negating_names
        )


#: what a third party does with the data: PL503 reads analytics, tracing and search
#: (services that index records), PL502 error trackers, PL505 LLM APIs
SERVICES = ("analytics", "tracing", "search", "error-tracker", "llm")


@dataclass(frozen=True)
class ThirdPartySpec:
    """SDKs that send data to third parties, from ``thirdparty.toml``."""

    #: qualified name -> call
    functions: Mapping[str, SdkCall] = field(default_factory=dict)
    #: (object kind, method name) -> call
    methods: Mapping[tuple[str, str], SdkCall] = field(default_factory=dict)
    #: qualified names of module-level SDK objects (``ddtrace.tracer``) -> kind
    objects: Mapping[str, str] = field(default_factory=dict)
    #: variable and attribute names taken to be SDK objects when nothing else is known
    names: Mapping[str, str] = field(default_factory=dict)
    #: (object kind, dotted attribute path) -> the kind of that attribute
    #: (``client.chat.completions`` of an OpenAI client)
    members: Mapping[tuple[str, str], str] = field(default_factory=dict)
    #: the last names of those paths (``completions``): only these are looked up
    member_tails: frozenset[str] = frozenset()
    #: (object kind, attribute) -> the entry of an assignment that sends the value
    #: (``scope.user = {...}``)
    assigns: Mapping[tuple[str, str], SdkCall] = field(default_factory=dict)
    #: service -> categories that may reach its calls besides ``identity_allowed``
    #: (a prompt's message text is what an LLM API is for)
    service_allowed: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: categories that may reach analytics and tracing calls: the user identity
    identity_allowed: frozenset[str] = frozenset()
    #: categories reported when they are the identity argument
    identity_reported: frozenset[str] = frozenset()
    telemetry: TelemetryWords = field(default_factory=TelemetryWords)

    def allowed(self, service: str) -> frozenset[str]:
        """Categories not reported when they reach a call of ``service``."""
        return self.identity_allowed | self.service_allowed.get(service, frozenset())

    def member(self, kind: str, path: str) -> str | None:
        """The kind of attribute ``path`` of an object of ``kind``, when the pack says."""
        return self.members.get((kind, path))

    def resolve(
        self, qualified: str | None, kind: str | None, method: str | None
    ) -> SdkCall | None:
        """The entry of a called function, or of a method called on an object of ``kind``."""
        if qualified is not None:
            call = self.functions.get(qualified)
            if call is not None:
                return call
        if kind is not None and method is not None:
            return self.methods.get((kind, method))
        return None


@dataclass(frozen=True)
class RedactionSpec:
    """Response sinks, command-line declarations, logging set-up and record classes
    from ``redaction.toml`` (the PL4xx rules)."""

    response_functions: frozenset[str] = frozenset()
    route_methods: frozenset[str] = frozenset()
    option_methods: frozenset[str] = frozenset()
    option_functions: frozenset[str] = frozenset()
    argv: frozenset[str] = frozenset()
    logging_config_functions: frozenset[str] = frozenset()
    logging_settings: frozenset[str] = frozenset()
    #: glob patterns of qualified names: calls that install redaction everywhere
    redaction_installers: tuple[str, ...] = ()
    #: glob patterns of qualified names: redacting filter classes (pack and project)
    redaction_filters: tuple[str, ...] = ()
    ambiguous_names: frozenset[str] = frozenset()
    syntax_class_words: frozenset[str] = frozenset()
    record_bases: frozenset[str] = frozenset()
    record_factories: frozenset[str] = frozenset()
    #: words of a class name that make its fields descriptions of data (PL401)
    description_words: frozenset[str] = frozenset()
    #: PL404: what dumps a whole object, request part or the environment
    dump_functions: frozenset[str] = frozenset()
    model_dump_functions: frozenset[str] = frozenset()
    model_dump_methods: frozenset[str] = frozenset()
    request_names: frozenset[str] = frozenset()
    request_parts: frozenset[str] = frozenset()
    response_request_parts: frozenset[str] = frozenset()
    environment: frozenset[str] = frozenset()
    #: calls through which a dump or a record reaches a sink whole (PL404, PL406)
    pass_through: frozenset[str] = frozenset()
    #: words that show a dumped object holds people's data or secrets (PL404)
    object_words: frozenset[str] = frozenset()
    #: words of a configuration, which holds its secrets unless a plain word says
    #: what it configures holds none (``cache_config``)
    config_words: frozenset[str] = frozenset()
    plain_words: frozenset[str] = frozenset()


#: detect-secrets plugins (class names in detect-secrets 1.5) privlint runs by default:
#: every one but ``IPPublicDetector`` (a public IP address is not a secret).
SECRET_PLUGINS: tuple[str, ...] = (
    "ArtifactoryDetector",
    "AWSKeyDetector",
    "AzureStorageKeyDetector",
    "BasicAuthDetector",
    "CloudantDetector",
    "DiscordBotTokenDetector",
    "GitHubTokenDetector",
    "GitLabTokenDetector",
    "Base64HighEntropyString",
    "HexHighEntropyString",
    "IbmCloudIamDetector",
    "IbmCosHmacDetector",
    "JwtTokenDetector",
    "KeywordDetector",
    "MailchimpDetector",
    "NpmDetector",
    "OpenAIDetector",
    "PrivateKeyDetector",
    "PypiTokenDetector",
    "SendGridDetector",
    "SlackDetector",
    "SoftlayerDetector",
    "SquareOAuthDetector",
    "StripeDetector",
    "TelegramBotTokenDetector",
    "TwilioKeyDetector",
)
#: every plugin name ``[tool.privlint] secrets.plugins`` accepts
KNOWN_SECRET_PLUGINS: frozenset[str] = frozenset((*SECRET_PLUGINS, "IPPublicDetector"))

#: test code, and demonstration code read like it (examples, documentation, samples),
#: where every finding is a note: visible in review, never what fails a first run
DEFAULT_TEST_PATHS: tuple[str, ...] = (
    "**/tests/**",
    "**/test/**",
    "test_*.py",
    "*_test.py",
    "tests.py",
    "tests_*.py",
    "*_tests.py",
    "conftest.py",
    "**/examples/**",
    "**/example/**",
    "**/example_*/**",
    "**/docs/**",
    "**/samples/**",
)


@dataclass(frozen=True)
class SecretsSettings:
    """How the repository is scanned for secrets (``[tool.privlint] secrets``)."""

    plugins: tuple[str, ...] = SECRET_PLUGINS
    base64_limit: float = 4.5
    hex_limit: float = 3.0
    #: files larger than this (bytes) are not scanned for secrets (reported as a note)
    max_file_size: int = 1024 * 1024


def _contains(words: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    n = len(pattern)
    if n == 0 or n > len(words):
        return False
    for start in range(len(words) - n + 1):
        if all(_word_eq(words[start + i], pattern[i]) for i in range(n)):
            return True
    return False


def _word_eq(word: str, expected: str) -> bool:
    return word == expected or (word.endswith("s") and word[:-1] == expected)


_COORDINATORS = frozenset({"and", "or", "plus", "with"})


class _PatternIndex:
    """Name patterns indexed by their first word, so a look-up touches few patterns."""

    def __init__(self, patterns: Iterable[tuple[tuple[str, ...], str]]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for words, label in patterns:
            self.by_first.setdefault(words[0], []).append((words, label))

    def labels(self, words: tuple[str, ...]) -> set[str]:
        found: set[str] = set()
        for start, word in enumerate(words):
            candidates = self.by_first.get(word, [])
            if word.endswith("s"):
                candidates = candidates + self.by_first.get(word[:-1], [])
            for pattern, label in candidates:
                if label not in found and _contains(words[start:], pattern):
                    found.add(label)
        return found

    def head_labels(self, words: tuple[str, ...], holders: frozenset[str]) -> set[str]:
        """Labels of patterns that are the head of ``words``: the pattern ends the name,
        or only holder words (``value``, ``str``, ``bytes``) or numbers follow it.
        ``id_token_signing_alg_values_supported`` is about an ID token; it is not one."""
        found: set[str] = set()
        size = len(words)
        for start, word in enumerate(words):
            candidates = self.by_first.get(word, [])
            if word.endswith("s"):
                candidates = candidates + self.by_first.get(word[:-1], [])
            for pattern, label in candidates:
                end = start + len(pattern)
                if label in found or end > size:
                    continue
                if not all(_word_eq(words[start + i], pattern[i]) for i in range(len(pattern))):
                    continue
                rest = words[end:]
                if rest and rest[0] in _COORDINATORS:
                    found.add(label)  # `email_and_password`: both are held
                elif all(word in holders or word.isdigit() for word in rest):
                    found.add(label)
        return found


@dataclass(frozen=True)
class DocumentSpec:
    """``secrets.toml``: what the secret scan reads as documentation or as records."""

    #: keys whose value on the line is an illustration (`example: ...`)
    example_keys: frozenset[str] = frozenset()
    #: keys that head a YAML block of prose (`details: |-`)
    prose_keys: frozenset[str] = frozenset()
    #: a key with a new random value on this many lines of a file is a record field
    record_repeats: int = 0


@dataclass(frozen=True)
class Policy:
    """Everything privlint enforces, merged from the rule pack and project config."""

    categories: tuple[Category, ...]
    levels: Mapping[str, Level]
    neutral: tuple[tuple[str, ...], ...]
    sinks: SinkSpec
    #: words that may follow a sensitive name and still name the same value
    #: (``password_value``, ``token_str``); any other word after it names something else
    holders: frozenset[str] = frozenset()
    #: type names whose values hold no sensitive data by themselves (``int``, ``bool``)
    plain_types: frozenset[str] = frozenset()
    #: words that make a class name a plain type (``StreamToken``: a stream position)
    plain_type_words: frozenset[str] = frozenset()
    #: words that alone (with holder words at most) name many things besides sensitive
    #: data: `token`, `session`, `key`, `secret`
    ambiguous: frozenset[str] = frozenset()
    #: words of an owner that make an ambiguous attribute evidence (`user.full_name`)
    ambiguous_owners: frozenset[str] = frozenset()
    #: first words that make an UPPER_CASE constant a key's name (`CONF_API_KEY`)
    key_prefixes: frozenset[str] = frozenset()
    #: last words of a name that say it holds something about the value it was bound
    #: from (`key_id`, `email_domain`)
    about_words: frozenset[str] = frozenset()
    #: last words of a function's name that say what its call returns (`*_path`,
    #: `*_file`), unless its first word is one of `reading_verbs` (`read_token_file`)
    about_results: frozenset[str] = frozenset()
    reading_verbs: frozenset[str] = frozenset()
    #: qualified names of functions that take a path (`os.path.isfile`)
    path_functions: frozenset[str] = frozenset()
    #: generic and container types: an annotation with one says nothing of the object
    generic_types: frozenset[str] = frozenset()
    not_sensitive: frozenset[str] = frozenset()
    disabled_rules: frozenset[str] = frozenset()
    enabled_rules: frozenset[str] = frozenset()
    exclude: tuple[str, ...] = ()
    fail_on: Level = Level.WARNING
    config_path: str | None = None
    hosts: HostPolicy = field(default_factory=HostPolicy)
    transport: TransportSpec = field(default_factory=TransportSpec)
    secrets: SecretsSettings = field(default_factory=SecretsSettings)
    documents: DocumentSpec = field(default_factory=DocumentSpec)
    storage: StorageSpec = field(default_factory=StorageSpec)
    thirdparty: ThirdPartySpec = field(default_factory=ThirdPartySpec)
    redaction: RedactionSpec = field(default_factory=RedactionSpec)
    #: globs (relative to the project root) of test code: secrets found there are notes
    test_paths: tuple[str, ...] = DEFAULT_TEST_PATHS
    _cache: dict[str, frozenset[str]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    _indexes: dict[str, _PatternIndex] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    _exact_names: dict[tuple[str, ...], frozenset[str]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def _exact(self) -> dict[tuple[str, ...], frozenset[str]]:
        table = self._exact_names
        if not table:
            for category in self.categories:
                for pattern in category.names:
                    table[pattern] = table.get(pattern, frozenset()) | {category.id}
        return table

    def _index(self, kind: str) -> _PatternIndex:
        index = self._indexes.get(kind)
        if index is None:
            if kind == "names":
                pairs = [(p, c.id) for c in self.categories for p in c.names]
            elif kind == "not":
                pairs = [(p, c.id) for c in self.categories for p in c.not_names]
            else:
                pairs = [(p, "neutral") for p in self.neutral]
            index = _PatternIndex(pairs)
            self._indexes[kind] = index
        return index

    # -- names -----------------------------------------------------------------
    def classify(self, name: str) -> frozenset[str]:
        """Categories that an identifier, attribute, key or keyword name denotes."""
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        result = self._classify(name)
        self._cache[name] = result
        return result

    def _classify(self, name: str) -> frozenset[str]:
        words = identifier_words(name)
        if not words or "_".join(words) in self.not_sensitive:
            return frozenset()
        exact = self._exact().get(words)
        if exact:
            # a name the pack lists as it is (`source_ip`, `blood_type`) wins over
            # the neutral words it happens to contain
            return exact
        if self._index("neutral").labels(words):
            return frozenset()
        found = self._index("names").head_labels(words, self.holders)
        if found:
            found -= self._index("not").labels(words)
        elif any(word[-1:].isdigit() and not word.isdigit() for word in words):
            # `password2`, `token1` (Django's password1/password2): a number glued to
            # the word is a number after it, as in `password_2`
            split = "_".join(
                f"{word.rstrip('0123456789')}_{word[len(word.rstrip('0123456789')) :]}"
                if word[-1:].isdigit() and not word.isdigit()
                else word
                for word in words
            )
            return self.classify(split)
        return frozenset(found)

    def is_other_sense(self, name: str) -> bool:
        """Whether a name mentions sensitive data but, by the policy's senses, does not
        hold it (``hash_password``, ``password_hint``, ``next_page_token``)."""
        words = identifier_words(name)
        return bool(words) and bool(self._index("names").labels(words)) and not self.classify(name)

    @functools.cached_property
    def owner_attribute_pairs(self) -> tuple[tuple[str, str, str], ...]:
        """The two-word names of the taxonomy as an owner and its attribute
        (``event``, ``content``, ``"event.content"``): what `event.content` holds."""
        pairs = {
            (pattern[0], pattern[1], f"{pattern[0]}.{pattern[1]}")
            for category in self.categories
            for pattern in category.names
            if len(pattern) == 2
        }
        return tuple(sorted(pairs))

    def is_ambiguous(self, name: str) -> bool:
        """Whether a name is an ambiguous word or name alone (``token``, ``new_token``,
        ``self.session``, ``session_id``): holder words and numbers aside, one entry of
        ``[ambiguous]``."""
        whole = [
            word
            for word in identifier_words(name)
            if not word.isdigit() and word not in ("self", "cls")
        ]
        for words in (whole, [word for word in whole if word not in self.holders]):
            joined = "_".join(words)
            if joined in self.ambiguous or (joined.endswith("s") and joined[:-1] in self.ambiguous):
                return True
        return False

    def is_plain_type(self, type_name: str) -> bool:
        """Whether values of this type (a class's own name, no module) hold no
        sensitive data by themselves: numbers, flags, times, positions."""
        if type_name in self.plain_types:
            return True
        return any(word in self.plain_type_words for word in identifier_words(type_name))

    def names_a_key(self, constant: str) -> bool:
        """``CONF_API_KEY``, ``ATTR_PASSWORD``, ``X_HEADER_JWT``: an UPPER_CASE constant
        with a word that says the rest of it names a key, an attribute or a header (its
        value is ``"api_key"``), not the value filed under it."""
        if not constant.isupper():
            return False
        words = identifier_words(constant)
        # `KEY_MATERIAL` is key material: the word must not be part of the name; it may
        # follow a qualifier (`FORWARD_USER_INFO_HEADER_JWT`: a header's name)
        return any(
            word in self.key_prefixes and bool(self.classify("_".join(words[index + 1 :])))
            for index, word in enumerate(words[:-1])
        )

    def is_key_class(self, name: str) -> bool:
        """``ConfigKey``, ``EnvVars``, ``Fields``: a class named for keys, whose UPPER_CASE
        attributes name keys (``ConfigKey.DB_PASSWORD`` is ``"PI_DB_PASSWORD"``)."""
        if not name[:1].isupper() or name.isupper() or "_" in name:
            return False
        words = identifier_words(name)
        return bool(words) and (
            words[-1] in self.key_prefixes or words[-1].removesuffix("s") in self.key_prefixes
        )

    def is_metadata(self, name: str) -> bool:
        """Whether a name describes data rather than holding it (``username_field``)."""
        return bool(self._index("neutral").labels(identifier_words(name)))

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(category_id)

    def level_of(self, categories: Iterable[str]) -> Level:
        """The finding level for data of these categories: the highest of them."""
        level = Level.NONE
        by_id = {category.id: category for category in self.categories}
        for category_id in categories:
            category = by_id.get(category_id)
            if category is not None:
                level = max(level, self.levels[category.privacy_level])
        return level

    def rank(self, category_id: str) -> int:
        """Sort key: more sensitive categories first."""
        category = next((c for c in self.categories if c.id == category_id), None)
        if category is None:
            return len(PRIVACY_LEVELS)
        return PRIVACY_LEVELS.index(category.privacy_level)

    # -- calls -----------------------------------------------------------------
    def is_sanitizer(self, qualified: str | None, last: str) -> bool:
        if _glob_call(self.sinks.sanitizers, qualified, last):
            return True
        words = identifier_words(last)
        return (
            len(words) > 1
            and words[0] in self.sinks.sanitizer_verbs
            and any(self.classify("_".join(words[start:])) for start in range(1, len(words)))
        )

    def is_response_error(self, qualified: str | None, last: str) -> bool:
        """An exception whose message the client that sent the request gets back."""
        return _glob_call(self.sinks.response_errors, qualified, last)
