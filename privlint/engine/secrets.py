"""Secrets in any file: detect-secrets' plugins and filters, and files never to track.

A file's secret findings depend only on its name, its bytes and the policy, like the
CST analysis, so this runs in the same worker processes. detect-secrets keeps its
configuration in a process-wide singleton: it is configured once per process (again
only if a different policy arrives), offline (no verification filter, so no vendor
API is ever called), and imported only when a file needs it (it costs ~0.3 s).

Findings never hold the secret: the message names the kind, the region points at it,
and the fingerprint is a hash of rule, path and a hash of the value.

* Non-Python text files: every configured plugin, mapped to PL202-PL208 by secret type.
* Python files: only the token-shaped families (PL202-PL206), and only when a cheap
  pattern says such a token may be there; keyword and entropy findings would duplicate
  PL201, which judges assignments with the CST. A line PL201 reported is not reported
  again.
* Names: a tracked ``.env`` (PL209) and private-key files (PL210).
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import logging
import math
import re
import tokenize
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from privlint.engine.failure import describe
from privlint.engine.files import FileTooLarge, read_failure, read_regular_file
from privlint.engine.suppress import Used
from privlint.engine.testpaths import is_test_path
from privlint.findings import INTERNAL_ERROR_PREFIX, Confidence, Finding, Level, Region
from privlint.marshalled import compiles_pack_patterns
from privlint.policy.model import DocumentSpec, Policy, SecretsSettings

LOG = logging.getLogger(__name__)

FINGERPRINT_VERSION = "privlint/secrets/v1"
BINARY_PROBE = 8192
FILE_NOTE_CODE = "PL000"

#: detect-secrets secret type -> privlint rule ID (one rule per family)
TYPE_TO_RULE: dict[str, str] = {
    "AWS Access Key": "PL202",
    "Azure Storage Account access key": "PL202",
    "IBM Cloud IAM Key": "PL202",
    "IBM COS HMAC Credentials": "PL202",
    "SoftLayer Credentials": "PL202",
    "Cloudant Credentials": "PL202",
    "GitHub Token": "PL203",
    "GitLab Token": "PL203",
    "Slack Token": "PL203",
    "Stripe Access Key": "PL203",
    "Twilio API Key": "PL203",
    "SendGrid API Key": "PL203",
    "NPM tokens": "PL203",
    "OpenAI Token": "PL203",
    "Discord Bot Token": "PL203",
    "Telegram Bot Token": "PL203",
    "Mailchimp Access Key": "PL203",
    "PyPI Token": "PL203",
    "Artifactory Credentials": "PL203",
    "Square OAuth Secret": "PL203",
    "Private Key": "PL204",
    "JSON Web Token": "PL205",
    "Basic Auth Credentials": "PL206",
    "Base64 High Entropy String": "PL207",
    "Hex High Entropy String": "PL207",
    "Public IP (ipv4)": "PL207",
    "Secret Keyword": "PL208",
}
#: when one line holds several findings, the most specific family wins
PRECEDENCE = ("PL204", "PL202", "PL203", "PL205", "PL206", "PL208", "PL207")
PYTHON_FAMILIES = frozenset({"PL202", "PL203", "PL204", "PL205", "PL206"})
SECRET_RULES = frozenset((*PRECEDENCE, "PL209", "PL210"))

#: cheap test for Python source: may it hold a token-shaped secret at all?
PYTHON_HINTS = re.compile(
    r"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}|AccountKey=|PRIVATE KEY"
    r"|eyJ[A-Za-z0-9_-]{8,}\.|://[^\s:/?#\[\]@{}]+:[^\s:/?#\[\]@{}]+@"
    r"|gh[pousr]_[A-Za-z0-9]{20}|gl[a-z]{2,5}-[A-Za-z0-9_-]{15}|xox[a-z]-|hooks\.slack\.com"
    r"|[rs]k_live_|SG\.[\w-]{16}|npm_[A-Za-z0-9]{30}|_authToken|sk-[A-Za-z0-9_-]{20}"
    r"|pypi-Ag|\b(?:AC|SK)[a-z0-9]{32}\b|[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\."
    r"|\d{8,10}:[0-9A-Za-z_-]{35}|[0-9a-z]{32}-us\d|AKC[a-zA-Z0-9]{10}|AP[\dABCDEF][a-zA-Z0-9]{8}"
    r"|sq0csp-|(?i:ibm|cloudant|softlayer)"
)

# ``PYTHON_HINTS.search`` costs as much as a quarter of a file's parse: its branches
# that start with a character class are tried at every position. ``_hinted`` answers
# the same question faster (tests/engine/test_secret_prefilter.py holds them equal):
# the branches that start with a literal in one pattern, the others turned around so
# that each starts with its literal and checks what came before it with a fixed-width
# lookbehind, and the case-blind names behind a test of the lowered text.
_HINTS_LITERAL = re.compile(
    r"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}|AccountKey=|PRIVATE KEY"
    r"|eyJ[A-Za-z0-9_-]{8,}\.|://[^\s:/?#\[\]@{}]+:[^\s:/?#\[\]@{}]+@"
    r"|gh[pousr]_[A-Za-z0-9]{20}|gl[a-z]{2,5}-[A-Za-z0-9_-]{15}|xox[a-z]-|hooks\.slack\.com"
    r"|SG\.[\w-]{16}|npm_[A-Za-z0-9]{30}|_authToken|sk-[A-Za-z0-9_-]{20}"
    r"|pypi-Ag|AKC[a-zA-Z0-9]{10}|AP[\dABCDEF][a-zA-Z0-9]{8}|sq0csp-"
)
_HINTS_TURNED = (
    re.compile(r"k_live_(?<=[rs]k_live_)"),  # [rs]k_live_
    re.compile(r"(?:AC|SK)(?<=\bAC|\bSK)[a-z0-9]{32}\b"),  # \b(?:AC|SK)[a-z0-9]{32}\b
    re.compile(r"-us\d(?<=[0-9a-z]{32}-us\d)"),  # [0-9a-z]{32}-us\d
    re.compile(r":(?<=\d{8}:)[0-9A-Za-z_-]{35}"),  # \d{8,10}:[0-9A-Za-z_-]{35}
    # [MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.
    re.compile(
        r"\.(?:(?<=[MNO][A-Za-z\d_-]{23}\.)|(?<=[MNO][A-Za-z\d_-]{24}\.)"
        r"|(?<=[MNO][A-Za-z\d_-]{25}\.))[A-Za-z\d_-]{6}\."
    ),
)
_HINTS_NAMES = re.compile(r"(?i:ibm|cloudant|softlayer)")


def _hinted(text: str) -> bool:
    """``PYTHON_HINTS.search(text) is not None``, at a fifth of its cost."""
    if _HINTS_LITERAL.search(text) is not None:
        return True
    if any(pattern.search(text) is not None for pattern in _HINTS_TURNED):
        return True
    # re's case-blind i and s also match U+0130, U+0131 and U+017F, which lower() does
    # not map to ASCII: the test names only letters that no other character folds to
    lowered = text.lower()
    return ("bm" in lowered or "cloudant" in lowered or "oftlayer" in lowered) and (
        _HINTS_NAMES.search(text) is not None
    )


#: The rule pack's service token shapes: the values of this category in
#: ``rules/taxonomy.toml``, which the runtime masker masks too (one list for both).
TOKEN_SHAPES_CATEGORY = "credential.secret"


@functools.lru_cache(maxsize=8)
@compiles_pack_patterns  # the pack's (and configuration's) shapes: kept by the command line
def _token_shapes(patterns: tuple[tuple[str, str], ...]) -> tuple[tuple[str, Any, Any], ...]:
    """Each shape's name, expression and gate (the literals every match holds, checked
    with ``in`` first: a pattern that starts with ``\\b`` is searched at every position)."""
    from privlint.gates import gate_for

    return tuple((name, re.compile(pattern), gate_for(pattern)) for name, pattern in patterns)


def _shapes_of(policy: Policy) -> tuple[tuple[str, Any, Any], ...]:
    return _token_shapes(
        tuple(
            (value.name, value.pattern)
            for category in policy.categories
            if category.id == TOKEN_SHAPES_CATEGORY
            for value in category.values
        )
    )


def _shape_matches(expression: Any, gate: Any, text: str) -> Iterator[re.Match[str]]:
    """The matches of one shape, searched only on the lines that hold one of its
    literals (most shapes start with ``\\b``, which ``re`` tries at every position)."""
    options: tuple[str, ...] = gate.literals[0] if gate.literals else ()
    haystack = text.lower() if gate.casefold else text
    if not options or len(haystack) != len(text):
        yield from expression.finditer(text)
        return
    searched: set[int] = set()
    for option in options:
        at = haystack.find(option)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            if start not in searched:
                searched.add(start)
                yield from expression.finditer(text, start, end)
            at = haystack.find(option, end)


def _shape_hits(policy: Policy, text: str, filename: str) -> list[_Hit]:
    """PL203 hits for the pack's token shapes, on lines detect-secrets' line filters
    keep (``pragma: allowlist secret``...). On a line detect-secrets reported too, the
    most specific family wins (see ``PRECEDENCE``)."""
    from detect_secrets.core import scan
    from detect_secrets.util.code_snippet import get_code_snippet

    found: list[_Hit] = []
    lines: list[str] | None = None
    for name, expression, gate in _shapes_of(policy):
        for match in _shape_matches(expression, gate, text):
            if lines is None:
                lines = text.split("\n")
            number = text.count("\n", 0, match.start()) + 1
            if not scan._is_filtered_out(
                required_filter_parameters=["line"],
                filename=filename,
                line=lines[number - 1].rstrip(),
                context=get_code_snippet(lines=lines, line_number=number),
            ):
                found.append(_Hit("PL203", f"{name} token", number, match.group()))
    return found


def _may_hold_token(policy: Policy, text: str) -> bool:
    """The cheap test before detect-secrets runs: a token hint, or a pack shape."""
    if _hinted(text):
        return True
    return any(
        next(_shape_matches(expression, gate, text), None) is not None
        for _, expression, gate in _shapes_of(policy)
    )


ENV_TEMPLATE_SUFFIXES = frozenset(
    {"example", "sample", "template", "tmpl", "tpl", "dist", "defaults", "default", "schema"}
)
KEY_FILE_NAMES = frozenset({"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk"})
KEY_CONTAINER_SUFFIXES = frozenset({".p12", ".pfx"})
PROSE_SUFFIXES = frozenset(
    {".txt", ".rst", ".md", ".markdown", ".adoc", ".html", ".htm", ".po", ".pot", ".css",
     ".scss", ".svg", ".csv", ".tsv", ".map", ".tex", ".rtf", ".log"}
)  # fmt: skip
#: documents without a suffix: package metadata (a README's copy) and the usual prose
PROSE_NAMES = frozenset(
    {"pkg-info", "metadata", "readme", "changelog", "changes", "news", "authors", "license",
     "copying", "notice", "history", "contributors"}
)  # fmt: skip


def is_prose_file(display: str) -> bool:
    """Whether a file is documentation by its name: ``.md``, ``.rst``, ``PKG-INFO``."""
    path = Path(display)
    return path.suffix.lower() in PROSE_SUFFIXES or path.name.lower() in PROSE_NAMES


#: localisation catalogues: labels and messages for people, keyed by what they describe
#: (`"password": "Password"`); like prose, they get the token-shaped rules only
CATALOGUE_DIRS = frozenset(
    {"translations", "translation", "locale", "locales", "i18n", "l10n", "lang", "langs",
     "languages"}
)  # fmt: skip
CATALOGUE_NAMES = frozenset({"strings.json", "messages.json", "strings.xml"})
CATALOGUE_SUFFIXES = frozenset(
    {".po", ".pot", ".ftl", ".arb", ".xlf", ".xliff", ".resx", ".strings", ".stringsdict"}
)
#: prose files are read up to this multiple of max-file-size
PROSE_SIZE_FACTOR = 16
KEY_TEXT_SUFFIXES = frozenset({".pem", ".key", ".ppk", ".der"})
PRIVATE_KEY_MARK = re.compile(rb"-----BEGIN[A-Z ]* PRIVATE KEY( BLOCK)?-----|PuTTY-User-Key-File")

#: values that are obviously not secrets: placeholders, references, templates
_PLACEHOLDER = re.compile(
    r"""^(?:
        \$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\([^)]*\)      # ${VAR} $VAR $(cmd)
      | \{\{.*\}\}|\{%.*%\}|\{[A-Za-z_][A-Za-z0-9_.]*\}     # templates, {password}
      | %\([A-Za-z_]+\)s|%s                                 # %(password)s
      | <[^<>]*>|\[[^\[\]]*\]                               # <your-key> [token]
      | (.)\1*|.*(.)\2{7}.*                                 # xxxx ****, AKIAXXXXXXXX
      | .*(?:\.\.\.|\u2026).*                                # elided: sk-...f3a, 6Lc…KLc
      | .*(?:changeme|change[_-]me|changeit|placeholder|redacted|dummy|example|sample
            |fake|your[_ -]?\w*[_ -]?(?:key|token|secret|password|here)|_here|replace[_ -]?me
            |insert[_ -]|fill[_ -]?in|todo|fixme|notasecret|not[_ -]a[_ -]secret|<.*>).*
      | (?:secret|password|passwd|pass|pwd|token|key|apikey|api_key|none|null|nil|undefined
          |test|testing|tests|foo|bar|baz|foobar|admin|root|user|username|default|empty
          |invalid|unknown|required|optional|true|false|yes|no)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")


#: folders of examples and documentation: a secret-looking value there is usually an
#: illustration, so only the real token formats keep their level (PL202-PL205)
EXAMPLE_DIRS = frozenset(
    {"examples", "example", "samples", "sample", "demo", "demos", "docs", "doc",
     "documentation", "tutorial", "tutorials"}
)  # fmt: skip
#: families that stay at their level in examples and docstrings: real token formats
TOKEN_SHAPED = frozenset({"PL202", "PL203", "PL204", "PL205"})


#: where web front ends keep bundled and third-party code: minified libraries, colour
#: tables and hashes that look random; like prose, only the real token formats count
BUNDLE_DIRS = frozenset(
    {"static", "vendor", "vendors", "third_party", "thirdparty", "dist", "build", "assets",
     "node_modules", "bower_components", "public"}
)  # fmt: skip
BUNDLE_SUFFIXES = frozenset({".js", ".mjs", ".cjs", ".css", ".map", ".svg"})


def is_bundle(display: str) -> bool:
    """Whether a path is bundled or vendored front-end code (``static/d3/d3.v6.js``,
    ``app.min.js``)."""
    path = Path(display)
    name = path.name.lower()
    if path.suffix.lower() not in BUNDLE_SUFFIXES:
        return False
    if any(marker in name for marker in (".min.", ".bundle.", ".chunk.")):
        return True
    return any(part.lower() in BUNDLE_DIRS for part in path.parts[:-1])


def is_example_path(display: str) -> bool:
    """Whether a path lies in a folder of examples or documentation."""
    return any(part.lower() in EXAMPLE_DIRS for part in Path(display).parts[:-1])


def prose_lines(text: str) -> frozenset[int]:
    """Lines of Python source that are comments or docstrings (1-based)."""
    return prose(text)[0]


def prose(text: str) -> tuple[frozenset[int], dict[int, int]]:
    """Lines of Python source that are comments or docstrings (1-based), and the lines
    that end in a comment after code, with the comment's column (0-based): a value in
    the comment is prose, the code before it is not."""
    lines: set[int] = set()
    trailing: dict[int, int] = {}
    previous = tokenize.NEWLINE
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return frozenset(), {}
    for index, token in enumerate(tokens):
        if token.type == tokenize.COMMENT:
            if token.line[: token.start[1]].strip():
                trailing[token.start[0]] = token.start[1]
            else:
                lines.add(token.start[0])
        elif token.type == tokenize.STRING and previous in _STATEMENT_START:
            following = tokens[index + 1].type if index + 1 < len(tokens) else tokenize.NEWLINE
            if following in (tokenize.NEWLINE, tokenize.ENDMARKER, tokenize.COMMENT):
                lines.update(range(token.start[0], token.end[0] + 1))
        if token.type not in (tokenize.NL, tokenize.COMMENT):
            previous = token.type
    return frozenset(lines), trailing


_STATEMENT_START = frozenset({tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT})

#: comment markers at the start of a line, by file suffix (files that are not Python)
_C_COMMENTS: tuple[str, ...] = ("//", "/*", "*")
_HASH_COMMENTS: tuple[str, ...] = ("#",)
COMMENT_MARKERS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".go", ".java", ".kt", ".scala",
         ".c", ".h", ".cc", ".cpp", ".hpp", ".cs", ".swift", ".rs", ".php", ".css",
         ".scss", ".less", ".dart"),
        _C_COMMENTS,
    ),
    **dict.fromkeys(
        (".yml", ".yaml", ".toml", ".sh", ".bash", ".zsh", ".rb", ".pl", ".r", ".env",
         ".properties", ".tf", ".hcl", ".dockerfile", ".mk", ".nix"),
        _HASH_COMMENTS,
    ),
    **dict.fromkeys((".ini", ".cfg", ".conf"), ("#", ";")),
    ".sql": ("--",),
}  # fmt: skip


def comment_lines(text: str, display: str) -> frozenset[int]:
    """Lines of a file that is not Python that are comments by its syntax (1-based):
    a line that starts with the comment marker of its kind (``//``, `` * ``, ``#``)."""
    name = Path(display).name.lower()
    suffix = Path(display).suffix.lower()
    if name in ("dockerfile", "makefile") or name.startswith(".env"):
        markers = _HASH_COMMENTS
    else:
        markers = COMMENT_MARKERS.get(suffix, ())
    if not markers:
        return frozenset()
    return frozenset(
        number
        for number, line in enumerate(text.splitlines(), 1)
        if line.lstrip().startswith(markers)
    )


def is_catalogue(display: str) -> bool:
    """Whether a path is a localisation catalogue (``translations/de.json``,
    ``strings.json``, ``locale/fr/LC_MESSAGES/django.po``)."""
    path = Path(display)
    name = path.name.lower()
    if name in CATALOGUE_NAMES or path.suffix.lower() in CATALOGUE_SUFFIXES:
        return True
    return any(part.lower() in CATALOGUE_DIRS for part in path.parts[:-1])


_SENTENCE = re.compile(r"^[A-Z][a-z]+(?:[ ,'-]+[A-Za-z]+)+[.!?:]?$|^\w+(?: \w+)+[.!?:…]$")


def is_prose(value: str) -> bool:
    """Whether a value reads as words for people (``The access token has expired.``,
    ``Access Token``) rather than a secret: capitalised words or a sentence."""
    return _SENTENCE.match(value.strip().strip("'\"")) is not None


def is_placeholder(value: str) -> bool:
    """Whether a value is obviously not a real secret (empty, placeholder, template)."""
    text = value.strip().strip("'\"")
    if not text:
        return True
    return (
        _PLACEHOLDER.match(text) is not None
        or _ENV_NAME.match(text) is not None
        or _has_run(text, SEQUENCE_RUN)
    )


#: a value with this many consecutive characters of the alphabet or digits in a row
#: (`abcdefgh`, `0123456789`), making a third of it or more, is an alphabet or a
#: typed-in fake, not a secret
SEQUENCE_RUN = 8


def _has_run(text: str, size: int) -> bool:
    run = longest = 1
    for before, after in itertools.pairwise(text):
        run = run + 1 if ord(after) == ord(before) + 1 and after.isalnum() else 1
        longest = max(longest, run)
    return longest >= size and longest * 3 >= len(text)


def _value_hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def make_finding(
    path: str,
    region: Region,
    rule_id: str,
    message: str,
    level: Level,
    what: str,
    occurrence: int,
    confidence: Confidence = Confidence.HIGH,
) -> Finding:
    """A finding whose identity is a hash of rule, path and ``what`` (itself a hash);
    its level is lowered to what ``confidence`` allows."""
    key = "\0".join((FINGERPRINT_VERSION, rule_id, path, what))
    identity = hashlib.sha256(key.encode()).hexdigest()[:32]
    fingerprint = hashlib.sha256(f"{key}\0{occurrence}".encode()).hexdigest()[:32]
    return Finding(
        path,
        region,
        rule_id,
        message,
        confidence.cap(level),
        fingerprint,
        identity=identity,
        confidence=confidence,
    )


def _note(path: str, message: str) -> Finding:
    return make_finding(path, Region(1, 1, 1, 1), FILE_NOTE_CODE, message, Level.NOTE, message, 1)


def _secrets_failed(path: str, exc: Exception) -> Finding:
    """A bug in the secrets scan (or detect-secrets): an internal error, as a note
    (the file's other findings stand), without the exception's text."""
    message = (
        f"{INTERNAL_ERROR_PREFIX} in the secrets scan ({describe(exc)}): file not scanned"
        " for secrets; please report this on the privlint issue tracker"
    )
    return _note(path, message)


# -- detect-secrets ------------------------------------------------------------------

_CONFIGURED: SecretsSettings | None = None

_FILTERS = (
    "detect_secrets.filters.allowlist.is_line_allowlisted",
    "detect_secrets.filters.heuristic.is_sequential_string",
    "detect_secrets.filters.heuristic.is_potential_uuid",
    "detect_secrets.filters.heuristic.is_likely_id_string",
    "detect_secrets.filters.heuristic.is_templated_secret",
    "detect_secrets.filters.heuristic.is_prefixed_with_dollar_sign",
    "detect_secrets.filters.heuristic.is_lock_file",
    "detect_secrets.filters.heuristic.is_not_alphanumeric_string",
    "detect_secrets.filters.heuristic.is_swagger_file",
)


def _configure(settings: SecretsSettings) -> None:
    """Configure detect-secrets' singleton for this process (once per settings)."""
    global _CONFIGURED
    if settings == _CONFIGURED:
        return
    from detect_secrets.settings import cache_bust, configure_settings_from_baseline

    plugins: list[dict[str, Any]] = []
    for name in settings.plugins:
        plugin: dict[str, Any] = {"name": name}
        if name == "Base64HighEntropyString":
            plugin["limit"] = settings.base64_limit
        elif name == "HexHighEntropyString":
            plugin["limit"] = settings.hex_limit
        plugins.append(plugin)
    cache_bust()
    configure_settings_from_baseline(
        {"plugins_used": plugins, "filters_used": [{"path": path} for path in _FILTERS]}
    )
    _CONFIGURED = settings


@dataclass(frozen=True)
class _Hit:
    rule_id: str
    kind: str
    line: int
    value: str


def _detect(path: str, text: str) -> list[_Hit]:
    # detect-secrets picks keyword patterns by extension; `.env` files are KEY=value
    name = Path(path).name.lower()
    alias = f"{path}.properties" if name.startswith(".env") or name.endswith(".env") else path
    return _detect_as(path, alias, text)


def _detect_as(path: str, alias: str, text: str) -> list[_Hit]:
    """detect-secrets' findings for one file's text (first the plain lines or the
    file-type transformer's, then its eager transformers if those found nothing)."""
    from detect_secrets.core import scan
    from detect_secrets.filters.heuristic import is_indirect_reference
    from detect_secrets.transformers import get_transformed_file

    if scan._is_filtered_out(required_filter_parameters=["filename"], filename=path):
        return []
    hits: list[_Hit] = []
    for eager in (False, True):
        stream = io.StringIO(text)
        stream.name = path
        lines = get_transformed_file(stream, use_eager_transformers=eager)  # type: ignore[arg-type]
        if not lines:
            if eager:
                break
            lines = text.splitlines(keepends=True)
        for secret in _scan_lines(lines, alias):
            rule_id = TYPE_TO_RULE.get(secret.type, "PL207")
            # `x = f(...)` is a reference, not a secret; detect-secrets filters it for
            # every plugin, which would hide `client(key_id="AKIA…")`
            if (
                rule_id in ("PL207", "PL208")
                and 0 < secret.line_number <= len(lines)
                and is_indirect_reference(lines[secret.line_number - 1])
            ):
                continue
            hits.append(_Hit(rule_id, secret.type, secret.line_number, secret.secret_value or ""))
        if hits:
            break
    return hits


def _scan_lines(lines: Sequence[str], filename: str) -> Iterator[Any]:
    """detect-secrets' line scan (``scan._process_line_based_plugins``), over only the
    lines :func:`_candidates` selects: each line is judged alone, with the whole file
    as its context, so the lines left out could not have given a secret."""
    from detect_secrets.core import scan
    from detect_secrets.settings import get_plugins
    from detect_secrets.util.code_snippet import get_code_snippet

    content = list(lines)
    candidate = _candidates()
    plugins = get_plugins()
    for number, text in enumerate(content, start=1):
        line = text.rstrip()
        if candidate is not None and not candidate.search(line):
            continue
        snippet = get_code_snippet(lines=content, line_number=number)
        if scan._is_filtered_out(
            required_filter_parameters=["line"], filename=filename, line=line, context=snippet
        ):
            continue
        for plugin in plugins:
            found = scan._scan_line(
                plugin=plugin, filename=filename, line=line, line_number=number, context=snippet
            )
            # a set: in the order of the line, so that which of a line's secrets is
            # reported (and its fingerprint) does not depend on the hash seed
            for secret in sorted(
                found,
                key=lambda s: (line.find(s.secret_value or ""), s.secret_value or ""),
            ):
                if not scan._is_filtered_out(
                    required_filter_parameters=["context"],
                    filename=secret.filename,
                    secret=secret.secret_value,
                    plugin=plugin,
                    line=line,
                    context=snippet,
                ):
                    yield secret


_CANDIDATES: dict[SecretsSettings, re.Pattern[str] | None] = {}


def _candidates() -> re.Pattern[str] | None:
    """One pattern that every line a configured plugin could report matches (None: no
    such pattern, scan every line). Each plugin contributes what it cannot do without:
    a regex detector its own expressions, the keyword detector its keywords, an entropy
    detector a quoted run of its alphabet long enough to pass its entropy limit (a
    string of n characters has at most log2(n) bits of entropy per character)."""
    assert _CONFIGURED is not None
    if _CONFIGURED in _CANDIDATES:
        return _CANDIDATES[_CONFIGURED]
    from detect_secrets.plugins import keyword
    from detect_secrets.plugins.base import BasePlugin, RegexBasedDetector
    from detect_secrets.plugins.high_entropy_strings import HighEntropyStringsPlugin
    from detect_secrets.plugins.jwt import JwtTokenDetector
    from detect_secrets.settings import get_plugins

    parts: list[str] = []
    for plugin in get_plugins():
        kind = type(plugin)
        if isinstance(plugin, keyword.KeywordDetector):
            parts.append(f"(?i:{'|'.join(keyword.DENYLIST)})")
        elif isinstance(plugin, HighEntropyStringsPlugin):
            shortest = max(1, math.floor(2**plugin.entropy_limit) + 1)
            parts.append(f"['\"][{re.escape(plugin.charset)}]{{{shortest},}}")
        elif (
            isinstance(plugin, RegexBasedDetector)
            and kind.analyze_line is BasePlugin.analyze_line
            # JwtTokenDetector verifies its expressions' matches: a subset of them
            and (
                kind.analyze_string is RegexBasedDetector.analyze_string or kind is JwtTokenDetector
            )
        ):
            parts.extend(_scoped(pattern) for pattern in plugin.denylist)
        else:
            parts = []  # a plugin this cannot reason about: every line is a candidate
            break
    pattern = re.compile("|".join(parts)) if parts else None
    _CANDIDATES[_CONFIGURED] = pattern
    return pattern


def _scoped(pattern: re.Pattern[str]) -> str:
    """A plugin's expression as one branch of a larger one, with its own flags."""
    flags = "".join(
        letter
        for flag, letter in ((re.IGNORECASE, "i"), (re.DOTALL, "s"), (re.VERBOSE, "x"))
        if pattern.flags & flag
    )
    multiline = "m" if pattern.flags & re.MULTILINE else ""
    return (
        f"(?{flags}{multiline}:{pattern.pattern})"
        if flags or multiline
        else f"(?:{pattern.pattern})"
    )


_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=.~")


def _span(lines: Sequence[str], line: int, value: str) -> tuple[Region, str]:
    """Where the secret is, and its whole text: detect-secrets reports only a regex
    group of some tokens (``ghp`` of a GitHub token), so the match is widened to the
    token characters around it."""
    if 1 <= line <= len(lines):
        text = lines[line - 1]
        start = text.find(value) if value else -1
        if start < 0:
            return Region(line, 1, line, len(text) + 1), value
        end = start + len(value)
        while start > 0 and text[start - 1] in _TOKEN_CHARS and text[start - 1] not in "=":
            start -= 1
        while end < len(text) and text[end] in _TOKEN_CHARS:
            end += 1
        while end > start + len(value) and text[end - 1] in ".=":
            end -= 1  # a full stop or padding after the token
        return Region(line, start + 1, line, end + 1), text[start:end]
    return Region(max(line, 1), 1, max(line, 1), 1), value


def _findings_from_hits(
    hits: Iterable[_Hit],
    text: str,
    display: str,
    level_for: dict[str, Level],
    skip_lines: frozenset[int] = frozenset(),
    used: Used | None = None,
    policy: Policy | None = None,
    quiet_lines: frozenset[int] = frozenset(),
    illustrative: bool = False,
    trailing_comments: Mapping[int, int] | None = None,
) -> list[Finding]:
    """Findings for detect-secrets' hits: placeholders and other senses dropped, one per
    line (the most specific family). Only the real token formats keep high confidence
    on ``quiet_lines`` (comments, docstrings) and in an ``illustrative`` file (docs,
    examples, catalogues, bundles); elsewhere a letters-only PL208 value is low."""
    from privlint.engine.suppress import is_suppressed

    text_lines = text.splitlines()
    hits = list(hits)
    documents = policy.documents if policy is not None else DocumentSpec()
    records = _record_keys(text_lines, hits, documents)
    by_line: dict[int, _Hit] = {}
    for hit in hits:
        if hit.rule_id not in level_for or hit.line in skip_lines:
            continue
        if hit.rule_id != "PL204" and is_placeholder(hit.value):
            continue
        if hit.rule_id == "PL208" and (
            is_prose(hit.value) or _MODULE_REFERENCE.match(hit.value.strip("'\""))
        ):
            continue  # a label, a message, an entry point (`pkg.module:main`)
        if (
            hit.rule_id == "PL208"
            and policy is not None
            and _key_means_other(policy, text_lines, hit)
        ):
            continue  # `hash_password = ...`, `password_hint: ...`: not a password
        if hit.rule_id == "PL207" and (
            _names_a_digest(text_lines, hit) or _is_mapping_key(text_lines, hit)
        ):
            continue
        if (hit.rule_id == "PL207" or "IBM" in hit.kind) and _joined_words(hit.value):
            continue  # `fflag_fix_webhook_memory_12082025_short`: a name, not a key
        if hit.rule_id == "PL207" and _key_of(text_lines, hit) in records:
            continue  # the same key with a new random value in every record: data
        if hit.rule_id == "PL202" and _inside_encoded_run(text_lines, hit):
            continue  # `...AAAQAkEEA`: a fragment of base64 data (a font, WebAssembly)
        if hit.rule_id == "PL204" and not _has_key_body(text_lines, hit.line):
            continue  # a header on its own: a marker constant, a regex, documentation
        current = by_line.get(hit.line)
        if current is None or PRECEDENCE.index(hit.rule_id) < PRECEDENCE.index(current.rule_id):
            by_line[hit.line] = hit
    lines = text.splitlines()
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for line in sorted(by_line):
        hit = by_line[line]
        if is_suppressed(hit.rule_id, lines, (line,), used):
            continue
        region, token = _span(lines, line, hit.value)
        what = _value_hash(token)
        seen[what] = seen.get(what, 0) + 1
        confidence = Confidence.HIGH
        in_comment = (
            trailing_comments is not None
            and line in trailing_comments
            and region.start_column - 1 >= trailing_comments[line]
        )
        if (illustrative or line in quiet_lines or in_comment) and hit.rule_id not in TOKEN_SHAPED:
            confidence = Confidence.LOW
        if hit.rule_id == "PL205" and Path(display).suffix.lower() in _DOC_MARKUP:
            # a JWT in documentation is an example request's (it carries its own expiry);
            # vendor key formats in docs, and JWTs in other text (a cookie jar), keep theirs
            confidence = Confidence.LOW
        if hit.rule_id in ("PL206", "PL208") and _NAME_LIKE_VALUE.match(hit.value.strip("'\"")):
            # `apiKey: "dagIdPattern"`: a name, more likely; a URL whose password is a
            # word (`scope:prefix` before the host): its syntax, words where parts go
            confidence = Confidence.LOW
        if hit.rule_id == "PL206" and _login_echoes(lines, hit):
            confidence = Confidence.LOW  # `guest:guest` before the host: a default login
        if hit.rule_id not in TOKEN_SHAPED and _under_example_key(lines, hit, documents):
            confidence = Confidence.LOW  # a config reference's `example:` field: documentation
        if lines[line - 1][region.end_column - 1 :].startswith(("...", "\u2026")):
            confidence = Confidence.LOW  # a Slack token cut short by `...`: an elided example
        findings.append(
            make_finding(
                display,
                region,
                hit.rule_id,
                _message(hit),
                level_for[hit.rule_id],
                f"{hit.rule_id}\0{what}",
                seen[what],
                confidence,
            )
        )
    return findings


_DIGEST_KEY = re.compile(
    r"(?i)(sha\d*|md5|hash|checksum|digest|integrity|fingerprint|commit|revision|\brev|etag"
    r"|release|version|\bbuild"
    r"|uuid|nonce|guid|object_?id|identity"
    # signatures and public keys are published: `"ed25519:abc": "G8cf..."`
    r"|signature|ed25519|curve25519|public_?key|pub_?key)[\w\"'/.-]*\s*[:=]"
)


_KEY_BODY = re.compile(r"[A-Za-z0-9+/=]{40,}")


def _has_key_body(lines: Sequence[str], line: int) -> bool:
    """Whether key material follows a private-key header (same line or the next three)."""
    if not 1 <= line <= len(lines):
        return True
    header = lines[line - 1]
    if "PuTTY" in header:
        return True
    after = header[header.find("PRIVATE KEY") :] if "PRIVATE KEY" in header else header
    window = [after, *lines[line : line + 3]]
    return any(_KEY_BODY.search(text) for text in window)


#: letters only, in words (snake, kebab, dotted or camel case): a field or key name
def _login_echoes(lines: Sequence[str], hit: _Hit) -> bool:
    """Whether a URL's password repeats its user name (``guest:guest``,
    ``airflow:airflow``): the documented default login of a service or a test setup."""
    if not 1 <= hit.line <= len(lines):
        return False
    password = hit.value.strip("'\"")
    pattern = rf"//([^:/@\s]+):{re.escape(password)}@"
    return any(
        match.group(1).casefold() == password.casefold()
        for match in re.finditer(pattern, lines[hit.line - 1])
    )


_NAME_LIKE_VALUE = re.compile(r"^[A-Za-z][a-z]*(?:[_.:-]?[A-Za-z][a-z]+)*$")
_MODULE_REFERENCE = re.compile(r"^[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*:[A-Za-z_][\w.]*$")


def is_module_reference(value: str) -> bool:
    """An entry point or import reference (``pkg.module:Attr``), not a secret."""
    return _MODULE_REFERENCE.match(value) is not None


_KEY_BEFORE = re.compile(r"""([A-Za-z_$][\w.$-]*)["']?\s*(?::=|=>|[:=])\s*["']?\s*$""")


def _key_of(lines: Sequence[str], hit: _Hit) -> str | None:
    """The key a hit's value is assigned to on its line (``"salt": "..."``), if any."""
    if not 1 <= hit.line <= len(lines) or not hit.value:
        return None
    line = lines[hit.line - 1]
    at = line.find(hit.value)
    match = _KEY_BEFORE.search(line[:at]) if at > 0 else None
    return match.group(1) if match is not None else None


def _record_keys(
    lines: Sequence[str], hits: Sequence[_Hit], documents: DocumentSpec
) -> frozenset[str]:
    """Keys with a new random value on ``record_repeats`` lines or more of the file
    (the pack's ``secrets.toml``): fields of records, not a committed secret."""
    if documents.record_repeats < 2:
        return frozenset()
    values: dict[str, set[str]] = {}
    for hit in hits:
        if hit.rule_id == "PL207":
            key = _key_of(lines, hit)
            if key is not None:
                values.setdefault(key, set()).add(hit.value)
    return frozenset(key for key, seen in values.items() if len(seen) >= documents.record_repeats)


#: the characters of base64 text
_BASE64_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def _inside_encoded_run(lines: Sequence[str], hit: _Hit) -> bool:
    """A cloud key's shape glued to more base64 characters on a side, at every place it
    is on its line (an AWS key ID in ``...AAAC90BAAABFUMAAAAMQwAAAAAA...``, a bundle's
    inlined font): a fragment of encoded data. A key stands apart from the text around
    it (the pack's token shapes end at word boundaries); detect-secrets' do not check."""
    if not 1 <= hit.line <= len(lines) or not hit.value:
        return False
    line = lines[hit.line - 1]
    places = [match.start() for match in re.finditer(re.escape(hit.value), line)]
    return bool(places) and all(
        (at > 0 and line[at - 1] in _BASE64_CHARACTERS)
        or line[at + len(hit.value) : at + len(hit.value) + 1] in _BASE64_CHARACTERS
        for at in places
    )


def _key_means_other(policy: Policy, lines: Sequence[str], hit: _Hit) -> bool:
    """Whether the key a value is assigned to mentions a credential word in another
    sense, by the policy's senses (neutral words, ``not`` names, the head rule)."""
    key = _key_of(lines, hit)
    return key is not None and policy.is_other_sense(key.rpartition(".")[2])


def _is_mapping_key(lines: Sequence[str], hit: _Hit) -> bool:
    """A random-looking string that is a key of a mapping (``"accounts/x/model-8b": {``):
    a name; secrets are values."""
    if not 1 <= hit.line <= len(lines) or not hit.value:
        return False
    line = lines[hit.line - 1]
    at = line.find(hit.value)
    return at >= 0 and _KEY_AFTER.match(line, at + len(hit.value)) is not None


_KEY_AFTER = re.compile(r"""["']\s*:(?!//)""")


@functools.lru_cache(maxsize=8)
def _document_patterns(documents: DocumentSpec) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The line heads of ``example:`` keys and of YAML prose blocks (``details: |-``)."""

    def alternatives(keys: frozenset[str]) -> str:
        return "|".join(re.escape(key) for key in sorted(keys)) or "(?!)"

    example = re.compile(
        rf"""(?i)^\s*["']?(?:{alternatives(documents.example_keys)})["']?\s*[:=]"""
    )
    prose = re.compile(
        rf"""(?i)^\s*(?:-\s+)?["']?(?:{alternatives(documents.prose_keys)})["']?"""
        r"""\s*:\s*[|>][-+0-9]*\s*$"""
    )
    return example, prose


def _under_example_key(lines: Sequence[str], hit: _Hit, documents: DocumentSpec) -> bool:
    """A config reference's `example:` field, or a line inside a YAML block of prose
    (`details: |-` then a code sample with `'api_key': '...'`): documentation."""
    if not 1 <= hit.line <= len(lines):
        return False
    example_key, prose_block = _document_patterns(documents)
    line = lines[hit.line - 1]
    if example_key.match(line) or prose_block.match(line):
        return True  # (the YAML transformer reports a block's secret at its head)
    indent = len(line) - len(line.lstrip())
    for above in reversed(lines[max(0, hit.line - 200) : hit.line - 1]):
        if not above.strip():
            continue
        depth = len(above) - len(above.lstrip())
        if depth < indent:
            if prose_block.match(above):
                return True
            if above.rstrip().endswith(("|", "|-", "|+", ">", ">-", ">+")) or depth == 0:
                return False  # another block, or the top of the document
            indent = depth
    return False


#: documentation markup, where a JWT is an example
_DOC_MARKUP = frozenset({".md", ".markdown", ".rst", ".adoc", ".asciidoc", ".html", ".htm"})


def _identifier_in_code(lines: Sequence[str], hit: _Hit) -> bool:
    """Whether a hit in Python source is a bare identifier: every occurrence of its
    value on its line is outside quotes and before any comment, with a name
    boundary on both sides."""
    value = hit.value.strip(" \t=:\"'")
    if not value.isidentifier() or not 1 <= hit.line <= len(lines):
        return False
    line = lines[hit.line - 1]
    start = line.find(value)
    if start == -1:
        return False
    while start != -1:
        before = line[:start]
        end = start + len(value)
        quoted = before.count('"') % 2 == 1 or before.count("'") % 2 == 1
        bounded = (not before or not (before[-1].isalnum() or before[-1] == "_")) and (
            end == len(line) or not (line[end].isalnum() or line[end] == "_")
        )
        if quoted or "#" in before or not bounded:
            return False
        start = line.find(value, end)
    return True


def _names_a_digest(lines: Sequence[str], hit: _Hit) -> bool:
    """A hex or base64 value under a key that says it is a hash or an ID, not a secret."""
    if not 1 <= hit.line <= len(lines):
        return False
    line = lines[hit.line - 1]
    before = line[: line.find(hit.value)] if hit.value in line else line
    return _DIGEST_KEY.search(before) is not None or _FILE_KEY.search(before) is not None


def _joined_words(value: str) -> bool:
    """An identifier of words and numbers joined by ``_`` or ``-``
    (``ff_back_DEV_3374_review_query_160922_short``): each part all letters or all
    digits, three or more parts, most of them words. Random keys mix letters and
    digits within their parts."""
    parts = re.split(r"[_-]+", value.strip("\"' "))
    if len(parts) < 3 or not all(part.isalpha() or part.isdigit() for part in parts):
        return False
    words = [part for part in parts if part.isalpha() and len(part) >= 2]
    return len(words) * 2 > len(parts)


#: `"encryption.js": "f6f8..."`: a value under a file's name is that file's checksum
_FILE_KEY = re.compile(r"""["']?[\w./-]+\.[A-Za-z][A-Za-z0-9]{0,5}["']?\s*[:=]\s*["']?$""")


def _message(hit: _Hit) -> str:
    kinds = {
        "PL204": "a private key",
        "PL205": "a JSON Web Token",
        "PL206": "a password in a URL (basic-auth credentials)",
        "PL207": f"a secret-looking string ({hit.kind.lower()})",
        "PL208": "a secret assigned to a secret-named key",
    }
    kind = kinds.get(hit.rule_id, f"a {hit.kind}")
    if hit.rule_id in ("PL202", "PL203"):
        kind = f"{'an' if hit.kind[0] in 'AEIOU' else 'a'} {hit.kind.rstrip('s')}"
    return f"{kind} is committed in this file"


# -- entry points (called in worker processes) ------------------------------------------


def secret_levels(policy: Policy, rules: Iterable[str], display: str) -> dict[str, Level]:
    """The level each enabled secret rule reports at in this file (notes in test code)."""
    from privlint.rules.base import all_rules

    test = is_test_path(policy, display)
    by_code = {rule.CODE: rule for rule in all_rules()}
    return {
        code: Level.NOTE if test else by_code[code].LEVEL
        for code in rules
        if code in SECRET_RULES and code in by_code
    }


def _read(path: Path, display: str, limit: int) -> tuple[bytes | None, list[Finding]]:
    try:
        return read_regular_file(path, limit), []
    except FileTooLarge:
        note = f"file not scanned for secrets: larger than {limit} bytes (max-file-size)"
        return None, [_note(display, note)]
    except OSError as exc:
        # a path not analysed, worded and levelled as discovery and the CST engine do
        return None, [read_failure(display, exc)]


def _named_file_findings(
    path: Path, display: str, head: bytes | None, levels: dict[str, Level]
) -> list[Finding]:
    name = path.name
    findings: list[Finding] = []
    region = Region(1, 1, 1, 1)
    if "PL209" in levels and is_env_file(name):
        message = f"environment file {name} is tracked: keep it out of the repository"
        findings.append(make_finding(display, region, "PL209", message, levels["PL209"], name, 1))
    if "PL210" in levels and is_private_key_file(name, head):
        message = f"private key file {name} is tracked: keep keys out of the repository"
        findings.append(make_finding(display, region, "PL210", message, levels["PL210"], name, 1))
    return findings


def is_env_file(name: str) -> bool:
    """``.env``, ``.env.production``, ``prod.env``; not ``.env.example`` and its kin."""
    lowered = name.lower()
    if lowered == ".env":
        return True
    if lowered.startswith(".env."):
        return lowered.rsplit(".", 1)[-1] not in ENV_TEMPLATE_SUFFIXES
    return lowered.endswith(".env") and lowered[:-4] not in ("", "example", "sample", "template")


def is_private_key_file(name: str, head: bytes | None) -> bool:
    """A PKCS#12 container, or a key-named file whose text holds a private key."""
    lowered = name.lower()
    suffix = Path(lowered).suffix
    if suffix in KEY_CONTAINER_SUFFIXES:
        return True
    if lowered in KEY_FILE_NAMES or suffix in KEY_TEXT_SUFFIXES:
        return head is not None and PRIVATE_KEY_MARK.search(head) is not None
    return False


#: a word list has at least this many lines...
WORD_LIST_MIN_LINES = 2_000
#: ...and this share of the lines sampled hold one short word each
WORD_LIST_SHARE = 0.97
_WORD_LINE = re.compile(r"[^\s=:;,\"'`<>{}()]{1,48}")
_SAMPLE_CHARS = 32_768


def is_word_list(text: str) -> bool:
    """Whether a text is a dictionary, a word list or a list of names: thousands of
    lines, nearly all of them one short word (``.dic`` files, spelling and password
    lists). Only three slices of it are read, so the answer costs little."""
    if text.count("\n", 0, WORD_LIST_MIN_LINES * 64) < WORD_LIST_MIN_LINES:
        return False
    middle = len(text) // 2
    lines: list[str] = []
    for start in (0, max(0, middle - _SAMPLE_CHARS // 2), max(0, len(text) - _SAMPLE_CHARS)):
        chunk = text[start : start + _SAMPLE_CHARS].split("\n")
        lines += chunk[1:-1] if start else chunk[:-1]  # whole lines only
    lines = [line.strip() for line in lines if line.strip()]
    if len(lines) < 100:
        return False
    words = sum(1 for line in lines if _WORD_LINE.fullmatch(line))
    return words >= WORD_LIST_SHARE * len(lines)


def scan_other_file(
    path: Path, display: str, policy: Policy, rules: Sequence[str]
) -> list[Finding]:
    """Secrets in a file that is not Python: its name, then its text. Never raises."""
    levels = secret_levels(policy, rules, display)
    if not levels:
        return []
    limit = policy.secrets.max_file_size
    if is_prose_file(display):
        # token patterns only, behind a cheap pre-check: translation catalogues and
        # generated docs run to megabytes and are still cheap to scan
        limit *= PROSE_SIZE_FACTOR
    data, notes = _read(path, display, limit)
    findings = _named_file_findings(path, display, data, levels) + notes
    if data is None or b"\0" in data[:BINARY_PROBE]:
        return findings  # binary files are skipped silently
    if path.suffix == ".json" and b'"privlint-baseline": ' in data[-64:]:
        return findings  # a privlint baseline holds hashes, never secrets
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # secrets are ASCII; positions stay right per line
    text = text.replace("\r\n", "\n")
    word_list = not is_prose_file(display) and is_word_list(text)
    if word_list:
        lines = text.count("\n") + 1
        note = f"scanned for token-shaped secrets only: a word list ({lines} lines of single words)"
        findings.append(_note(display, note))
    if is_prose_file(display) or is_catalogue(display) or is_bundle(display) or word_list:
        # Documentation, translations, markup and styles: token-shaped secrets only.
        # `password: 'secret'` there is an example; and the keyword and entropy
        # plugins over every doc page cost most of a scan.
        levels = {
            code: level
            for code, level in levels.items()
            if code in PYTHON_FAMILIES or code == "PL204"
        }
        key_material = "PRIVATE KEY" in text or "PuTTY-User-Key-File" in text
        if not levels or not (key_material or _may_hold_token(policy, text)):
            return findings
    if any(code in levels for code in PRECEDENCE):
        try:
            _configure(policy.secrets)
            hits = _detect(str(path), text)
            hits += _shape_hits(policy, text, str(path))
        except Exception as exc:  # detect-secrets must not stop the scan
            LOG.debug("detect-secrets failed on %s: %s", display, describe(exc))
            return [*findings, _secrets_failed(display, exc)]
        if any(f.rule_id == "PL210" for f in findings):
            hits = [hit for hit in hits if hit.rule_id != "PL204"]  # the file says it all
        illustrative = (
            is_prose_file(display)
            or is_catalogue(display)
            or is_bundle(display)
            or word_list
            or is_example_path(display)
        )
        findings.extend(
            _findings_from_hits(
                hits,
                text,
                display,
                levels,
                policy=policy,
                quiet_lines=comment_lines(text, display),
                illustrative=illustrative,
            )
        )
    return findings


def scan_python_text(
    path: Path,
    text: str,
    display: str,
    policy: Policy,
    rules: Sequence[str],
    skip: frozenset[int],
    used: Used | None = None,
) -> list[Finding]:
    """Token-shaped secrets in Python source (lines in ``skip`` are already reported;
    ``used`` records the suppressions that silenced something)."""
    levels = {
        code: level
        for code, level in secret_levels(policy, rules, display).items()
        if code in PYTHON_FAMILIES
    }
    if not levels or not _may_hold_token(policy, text):
        return []
    try:
        _configure(policy.secrets)
        hits = _detect(str(path), text)
        hits += _shape_hits(policy, text, str(path))
    except Exception as exc:
        LOG.debug("detect-secrets failed on %s: %s", display, describe(exc))
        return [_secrets_failed(display, exc)]
    # `from .coordinator import APCUPSdConfigEntry`: a token pattern matching a name in
    # code, outside any string or comment, is an identifier, not a token
    lines = text.splitlines()
    hits = [hit for hit in hits if not _identifier_in_code(lines, hit)]
    quiet: frozenset[int] = frozenset()
    trailing: dict[int, int] = {}
    if any(code not in TOKEN_SHAPED for code in levels):
        quiet, trailing = prose(text)
    return _findings_from_hits(
        hits,
        text,
        display,
        levels,
        skip,
        used,
        policy=policy,
        quiet_lines=quiet,
        trailing_comments=trailing,
        illustrative=is_example_path(display),
    )
