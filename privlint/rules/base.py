"""The rule model: a rule is a small class holding its ID, docs, examples and hooks.

Rules never walk the tree themselves. The engine walks each file once, keeps the
dataflow facts, and calls the hooks of every enabled rule (``on_call``,
``on_raise``, ``on_assign``, ``on_statement``, ``on_class``) with a site object that answers the questions a rule
asks: what does this call resolve to, which data categories does this expression
carry.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from privlint.findings import Level

if TYPE_CHECKING:
    from privlint.engine.context import CallSite, RaiseSite
    from privlint.engine.walk import AssignSite, ClassSite, StatementSite
    from privlint.policy.model import Policy

CODE_RE = re.compile(r"^PL\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Trigger(Protocol):
    """Anything with ``search(text)``, truthy when the text may matter: a compiled
    pattern, or a cheaper test built from substrings."""

    def search(self, text: str, /) -> object: ...


@dataclass(frozen=True)
class Valid:
    """Source that the rule must not report."""

    code: str
    #: the file the example is written to (file-scanning rules: ``.env``, ...)
    filename: str = "example.py"
    #: other modules of the project beside it, as (path, source): the example is then
    #: checked as a project (calls and constants followed across modules)
    modules: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Invalid:
    """Source that the rule must report.

    ``region`` pins (start_line, start_col, end_line, end_col), 1-based with an
    exclusive end column, of the first finding; ``message`` pins its text; ``level``
    its level, where it is not the rule's own (a weaker case reported as a note).
    """

    code: str
    region: tuple[int, int, int, int] | None = None
    message: str | None = None
    filename: str = "example.py"
    level: Level | None = None
    #: other modules of the project beside it, as for :class:`Valid`
    modules: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RuleInfo:
    """Everything reporters and docs need to know about a rule; no behaviour."""

    id: str
    name: str
    summary: str
    description: str
    help_markdown: str
    level: Level
    tags: tuple[str, ...]
    security_severity: float
    cwe: tuple[int, ...]
    enabled_by_default: bool


class Rule:
    """Base class of every rule. Subclasses set the class variables and hooks."""

    CODE: ClassVar[str]
    NAME: ClassVar[str]
    #: Level used when a finding carries no data category (and in ``privlint rules``).
    LEVEL: ClassVar[Level] = Level.WARNING
    TAGS: ClassVar[tuple[str, ...]] = ("privacy", "security")
    SECURITY_SEVERITY: ClassVar[float] = 5.0
    CWE: ClassVar[tuple[int, ...]] = ()
    ENABLED_BY_DEFAULT: ClassVar[bool] = True
    VALID: ClassVar[list[Valid]] = []
    INVALID: ClassVar[list[Invalid]] = []
    #: Text a file must contain for the rule to find anything in it, checked before
    #: the parse: substrings of which any one will do, or a Trigger (a compiled
    #: pattern, say). None means a word the taxonomy classifies as sensitive (the
    #: PL1xx gate).
    TRIGGER: ClassVar[Trigger | tuple[str, ...] | None] = None
    #: Whether every finding of the rule is about a value with a data category (from
    #: a name the taxonomy classifies, or a source the pack lists): then the TRIGGER
    #: is not enough, the file must also hold such a word to be parsed.
    NEEDS_SENSITIVE_WORD: ClassVar[bool] = False

    def on_call(self, site: CallSite) -> None:
        """Called for every call expression, in source order."""

    def on_raise(self, site: RaiseSite) -> None:
        """Called for every ``raise`` statement with an exception expression."""

    def on_assign(self, site: AssignSite) -> None:
        """Called for every ``target = value`` and ``with value as target``, in source order."""

    def on_class(self, site: ClassSite) -> None:
        """Called for every ``class`` statement, after its decorators and bases are
        walked and before its body: ``site.node`` is the ``ClassDef``, and names
        resolve (``site.qualify``) as they do at the class statement."""

    @classmethod
    def deferred(
        cls, kind: str, data: dict[str, Any], value: object, policy: Policy
    ) -> tuple[str, Level | None] | None:
        """A check the rule left to the project phase (:meth:`Site.defer`): ``value``
        is the constant of another module the checked expression names. The message
        and level (None: the rule's) of the finding, or None when there is none.

        Every rule that reaches a sink (:meth:`Site.reach`) settles ``returns``: the
        expression reads what a function of another module returns, and ``value`` is
        that function's summary."""
        if kind == "returns" and isinstance(value, dict) and value.get("returns"):
            from privlint.rules.pl1_logs.common import describe

            categories = tuple(sorted(value["returns"], key=lambda c: (policy.rank(c), c)))
            level = policy.level_of(categories)
            return f"{describe(categories, data['sink'])} (returned by {data['from']})", level
        return None

    def on_statement(self, site: StatementSite) -> None:
        """Called once for each simple statement, for each compound statement's header
        expressions (an ``if`` test, a ``for`` iterable, ``with`` items, a class's
        bases, a decorator) and for each function's parameters, in source order."""

    @classmethod
    def triggered_by(cls, text: str, policy: Policy | None = None) -> bool | None:
        """Whether ``text`` holds the rule's trigger; None when the rule has none.
        Rules whose trigger depends on the pack override this and read ``policy``."""
        trigger = cls.TRIGGER
        if trigger is None:
            return None
        if isinstance(trigger, tuple):
            return any(word in text for word in trigger)
        return bool(trigger.search(text))

    @classmethod
    def info(cls) -> RuleInfo:
        doc = inspect.cleandoc(cls.__doc__ or "")
        summary, _, body = doc.partition("\n")
        summary = summary.strip().rstrip(".")
        body = body.strip()
        why = _section(body, "Why is this bad?")
        return RuleInfo(
            id=cls.CODE,
            name=cls.NAME,
            summary=summary,
            description=f"{summary}. {why}".strip() if why else summary,
            help_markdown=f"# {cls.CODE} {cls.NAME}\n\n{summary}.\n\n{body}\n",
            level=cls.LEVEL,
            tags=cls.TAGS,
            security_severity=cls.SECURITY_SEVERITY,
            cwe=cls.CWE,
            enabled_by_default=cls.ENABLED_BY_DEFAULT,
        )

    @classmethod
    def overrides(cls, hook: str) -> bool:
        return getattr(cls, hook) is not getattr(Rule, hook)


def _section(body: str, title: str) -> str:
    """The first paragraph under a ``## title`` heading of a rule docstring."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", body, re.M | re.S)
    if not match:
        return ""
    return " ".join(match.group(1).split())


_REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the catalogue, checking its ID and name."""
    if not CODE_RE.match(cls.CODE):
        raise ValueError(f"rule code {cls.CODE!r} is not of the form PLnnn")
    if not NAME_RE.match(cls.NAME):
        raise ValueError(f"rule name {cls.NAME!r} is not kebab-case")
    if cls.CODE in _REGISTRY and _REGISTRY[cls.CODE] is not cls:
        raise ValueError(f"rule code {cls.CODE} registered twice")
    _REGISTRY[cls.CODE] = cls
    return cls


def all_rules() -> list[type[Rule]]:
    """Every registered rule, sorted by code."""
    import privlint.rules.catalogue  # noqa: F401  (imports register the rules)

    return [_REGISTRY[code] for code in sorted(_REGISTRY)]


def iter_rule_infos() -> Iterator[RuleInfo]:
    for rule in all_rules():
        yield rule.info()
