"""Regular expressions for semgrep's ``metavariable-regex``, written from the policy.

Names are matched as privlint's name patterns are (:mod:`privlint.policy.words`): a
pattern's words in order, each spelled lower, Capitalised or UPPER, joined by ``_``,
``-`` or a camelCase boundary, at the head of the name (only holder words or numbers
after it), and no neutral or ``not`` word in the name unless the whole name is a
listed one. The regex is a close superset of :meth:`Policy.classify`, which privlint
applies again to every result, so semgrep alone and privlint agree on the common
spellings and privlint has the last word on the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from privlint.policy.hosts import HostPolicy

#: where a word may begin: the start, after a separator, or at a camelCase hump
_START = r"(?:(?<![A-Za-z0-9_$])|(?<=[_\-$])|(?<=[a-z0-9])(?=[A-Z]))"
_SEPARATOR = r"(?:[_\-]|(?<=[a-z0-9])(?=[A-Z]))"
#: where a word ends: the end, a separator, or a hump (`HTTPServer` after `HTTP`)
_END = r"(?=$|[^A-Za-z0-9]|(?<=[a-z0-9])[A-Z]|(?<=[A-Z])[A-Z][a-z])"


def _variants(word: str) -> str:
    # case-insensitive inside the word; where words begin stays case-sensitive
    return f"(?i:{re.escape(word)})"


def words_pattern(words: tuple[str, ...], plural: bool = False) -> str:
    """A name pattern's words in any of the spellings identifiers use."""
    # inside a pattern any separator, or none, may join its words (`apiKey`, `api_key`,
    # `apikey`): semgrep's regex engine limits a pattern's compiled size, and privlint
    # checks every result's name again
    body = "[_\\-]?".join(_variants(word) for word in words)
    return body + ("[sS]?" if plural else "")


def _alternatives(patterns: Iterable[tuple[str, ...]], plural: bool = False) -> str:
    unique = sorted(set(patterns), key=lambda words: (-len("_".join(words)), words))
    return "|".join(words_pattern(words, plural) for words in unique)


def name_regex(
    names: Iterable[tuple[str, ...]],
    negative: Iterable[tuple[str, ...]],
    holders: Iterable[str],
    never: Iterable[tuple[str, ...]] = (),
    text: bool = False,
) -> str:
    """A regex for identifiers that hold data named by ``names``; ``never`` are words
    that rule a name out even when it is listed (a language's own senses). With
    ``text``, one that finds such identifiers in source text, captured as ``NAME``
    (semgrep binds it to ``$NAME``): one pass over a file costs far less than the
    whole-name regex on every expression."""
    names = list(names)
    negative = list(negative)
    heads = _alternatives(names, plural=True)
    holder = _alternatives((word,) for word in holders)
    avoid = _alternatives(negative)
    # names that hold a neutral or `not` word themselves (`source_ip`) win over it
    listed = [name for name in names if any(_contains(name, word) for word in negative)]
    exact = _alternatives(listed, plural=True) if listed else "(?!)"
    tail = rf"(?:{_SEPARATOR}?(?:{holder})|[0-9]+)*" if holder else ""
    prefix = rf"(?:[A-Za-z0-9_$\-]*{_SEPARATOR})?"
    guard = rf"(?![A-Za-z0-9_$\-]*?{_START}(?:{avoid}){_END})" if avoid else ""
    never = list(never)
    veto = rf"(?![A-Za-z0-9_$\-]*?{_START}(?:{_alternatives(never)}){_END})" if never else ""
    if text:
        end = r"(?![A-Za-z0-9_$\-])"
        body = rf"{veto}(?:(?:{exact}){end}|{guard}{prefix}(?:{heads}){tail}{end})"
        return rf"(?<![A-Za-z0-9_$\-.])(?P<NAME>{body})"
    return rf"^{veto}(?:(?:{exact})$|{guard}{prefix}(?:{heads}){tail}$)"


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    size = len(part)
    return any(words[start : start + size] == part for start in range(len(words) - size + 1))


def glob_regex(globs: Iterable[str]) -> str | None:
    """A regex for the last name of a call that one of the sanitizer ``globs`` allows
    (``mask_*`` is ``mask_email`` and ``maskEmail``); module globs (``hashlib.*``) are
    left out: semgrep sees the call's last name."""
    parts = []
    for glob in sorted(set(globs)):
        last = glob.rsplit(".", 1)[-1] if "." in glob else glob
        if not last or last == "*":
            continue
        tokens = re.split(r"([*_])", last)
        regex = ""
        for token in tokens:
            if token == "*":
                regex += ".*"
            elif token == "_":
                regex += _SEPARATOR
            elif token:
                regex += f"(?:{_variants(token)})"
        parts.append(regex)
    if not parts:
        return None
    return rf"^(?:{'|'.join(parts)})$"


def exact_regex(words: Iterable[str], capitalised: bool = False) -> str:
    """Any of ``words`` as the whole text, or after a dot (``this.logger``)."""
    spellings: set[str] = set()
    for word in words:
        spellings.add(word)
        if capitalised:
            spellings.add(word[:1].upper() + word[1:])
    alternatives = "|".join(re.escape(word) for word in sorted(spellings))
    return rf"^(?:[A-Za-z0-9_$.]*\.)?(?:{alternatives})$"


def _host_glob(glob: str) -> str:
    return "".join(".*" if char == "*" else re.escape(char) for char in glob.lower())


def plaintext_url_regex(hosts: HostPolicy) -> str:
    """A plaintext URL (``http://``, ``ws://``, ``ftp://``) to a host that is not local,
    a documentation example or allowed by the project; networks other than the
    loopback ones are left to privlint's own check."""
    names = sorted(hosts.local_hosts | hosts.documentation_hosts)
    suffixes = sorted({*hosts.local_suffixes, *hosts.documentation_suffixes})
    spared = [re.escape(name) for name in names]
    spared += [rf"[^/:@?#]*{re.escape(suffix)}" for suffix in suffixes]
    spared += [_host_glob(glob) for glob in hosts.allowed]
    spared += [r"127\.[0-9.]+", r"\[::1\]", r"0\.0\.0\.0"]
    host_end = r"(?::[0-9]+)?(?:[/?#]|$)"
    return rf"(?i)^(?:http|ws|ftp)://(?!(?:{'|'.join(spared)}){host_end})[^\s]+$"
