"""The project phase: function summaries across modules.

Each file's analysis (in a worker, cached with its findings) leaves :data:`Facts`: the
summaries of its top-level functions (which parameters reach which sink), its calls of
functions of other modules of the project with the categories each argument carries,
the calls that pass its own functions' parameters on, and its imports (for
re-exports). Once every file is analysed, :func:`link` indexes the project's modules,
carries summaries through helpers that call helpers in other modules (a bounded
fixpoint), and turns each call whose sensitive argument reaches a sink into a finding
at the call: ``credential.password reaches logging.debug through app.util.record``.
Per file work stays pure and parallel; only this small linking step sees the project.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from privlint.engine.testpaths import is_test_path
from privlint.findings import INTERNAL_ERROR_PREFIX, Confidence, Finding, Level, Region
from privlint.policy.model import Policy

if TYPE_CHECKING:
    from privlint.rules.base import Rule

#: One file's facts: plain JSON data (see :meth:`Summaries.facts`)
Facts = dict[str, Any]

MAX_DEPTH = 4
FINGERPRINT_VERSION = "privlint/v1"
#: how a file's facts name a call of its own function (``LOCAL + "record"``)
LOCAL = "\0"


def module_names(display: str) -> list[str]:
    """The dotted names a Python file can be imported as, longest first:
    ``src/app/util.py`` is ``src.app.util``, ``app.util`` or ``util``."""
    path = display[:-3] if display.endswith(".py") else display
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return [".".join(parts[start:]) for start in range(len(parts))]


def roots(displays: Iterable[str]) -> frozenset[str]:
    """Every name that can begin an import of one of the project's modules."""
    names: set[str] = set()
    for display in displays:
        for name in module_names(display):
            names.add(name.partition(".")[0])
    return frozenset(names)


@dataclass(frozen=True, order=True)
class _Flow:
    code: str
    sink: str
    via: tuple[str, ...]
    #: whether the path leaves the file (a path within it was reported by the file)
    crossed: bool = False
    #: categories the sink may receive: not reported at a call
    ignore: tuple[str, ...] = ()


class Index:
    """The project's modules by every name they can be imported as (unique names only)."""

    def __init__(self, facts: Sequence[Facts]) -> None:
        by_name: dict[str, list[Facts]] = {}
        for fact in facts:
            for name in module_names(fact["path"]):
                by_name.setdefault(name, []).append(fact)
        self.modules = {name: found[0] for name, found in by_name.items() if len(found) == 1}
        self.flows: dict[tuple[str, str, str], set[_Flow]] = {}
        for fact in facts:
            for function, params in fact["flows"].items():
                for param, flows in params.items():
                    key = (fact["path"], function, param)
                    self.flows[key] = {
                        _Flow(code, sink, tuple(via), False, tuple(rest[0]) if rest else ())
                        for code, sink, via, *rest in flows
                    }

    def reached(
        self, caller: Facts, qualified: str, binding: int | str
    ) -> tuple[Facts, str, str, set[_Flow]] | None:
        """The function a call names, and the flows of the parameter an argument
        (a position or a keyword) binds; None when either is unknown."""
        target = self.resolve(caller, qualified)
        if target is None:
            return None
        module, function = target
        param = _binding(module, function, binding)
        if param is None:
            return None
        return module, function, param, self.flows.get((module["path"], function, param), set())

    def resolve(self, caller: Facts, qualified: str) -> tuple[Facts, str] | None:
        """The module and function a call names: a function of the caller's own file,
        or a top-level function of another module of the project."""
        if qualified.startswith(LOCAL):
            name = qualified[len(LOCAL) :]
            return (caller, name) if name in caller["params"] else None
        return self._resolve(caller, qualified)

    def _resolve(self, caller: Facts, qualified: str) -> tuple[Facts, str] | None:
        """The module and top-level function a call names, following relative imports
        and re-exports (``from .log import record`` in a package's ``__init__``)."""
        found = self._defined(caller, qualified, "params")
        return None if found is None or "." in found[1] else found

    def constant(self, caller: Facts, qualified: str) -> tuple[bool, object]:
        """Whether ``qualified`` names a module-level constant of the project, and its
        value."""
        found = self._defined(caller, qualified, "constants")
        if found is None:
            return False, None
        module, name = found
        return True, module.get("constants", {})[name]

    def _defined(self, caller: Facts, qualified: str, table: str) -> tuple[Facts, str] | None:
        """The module whose ``table`` (its functions or constants) defines the name
        ``qualified`` resolves to, and the name, following relative imports and
        re-exports."""
        for _ in range(MAX_DEPTH):
            found = absolute(str(caller["path"]), qualified)
            if found is None:
                return None
            module_name, _, function = found.rpartition(".")
            module = self.modules.get(module_name)
            if module is None:
                return None
            if function in module.get(table, {}):
                return module, function
            imported = module["imports"].get(function)
            if imported is None:
                return None
            caller, qualified = module, imported
        return None


def absolute(display: str, qualified: str) -> str | None:
    """``qualified`` as written in the file ``display``, with a relative name read from
    the file's package (``.log.record`` in ``app/util/__init__.py``:
    ``app.util.log.record``); None when it climbs above the project."""
    if not qualified.startswith("."):
        return qualified
    level = len(qualified) - len(qualified.lstrip("."))
    base = _package_of(display, level)
    if base is None:
        return None
    return f"{base}.{qualified[level:]}" if base else qualified[level:]


def _package_of(display: str, level: int) -> str | None:
    """The package a relative import of ``level`` dots in ``display`` starts from, as
    the longest dotted name the file's folder has."""
    parts = [part for part in display.split("/") if part]
    folder = parts[:-1]  # a module's package; an __init__'s package is its own folder
    up = level - 1
    if up > len(folder):
        return None
    kept = folder[: len(folder) - up]
    return ".".join(kept)


def _binding(facts: Facts, function: str, binding: int | str) -> str | None:
    """The parameter of ``function`` an argument binds (a position or a keyword)."""
    params = facts["params"][function]
    positional: list[str] = params["positional"]
    if isinstance(binding, str):
        if binding in positional or binding in params["keyword_only"]:
            return binding
        double: str | None = params.get("double_star")
        return double  # `email=...` into `**fields`, or no parameter
    if binding < len(positional):
        return positional[binding]
    star: str | None = params["star"]
    return star


def link(facts: Sequence[Facts], policy: Policy, enabled: frozenset[str]) -> list[Report]:
    """The calls whose sensitive arguments reach a sink in another module, as reports
    still to be placed (:func:`place`): positions are found only for these."""
    if not facts:
        return []
    index = Index(facts)
    # summaries up through functions that pass their parameters to other modules
    for _ in range(MAX_DEPTH):
        changed = False
        for fact in facts:
            for caller, qualified, binding, params in fact["forwards"]:
                reached = index.reached(fact, qualified, binding)
                if reached is None:
                    continue
                module, function, _, flows = reached
                for flow in list(flows):
                    name = _display(module, function)
                    if name in flow.via or len(flow.via) >= MAX_DEPTH:
                        continue
                    crossed = flow.crossed or module is not fact
                    lifted = _Flow(flow.code, flow.sink, (name, *flow.via), crossed, flow.ignore)
                    for outer in params:
                        known = index.flows.setdefault((fact["path"], caller, outer), set())
                        if lifted not in known:
                            known.add(lifted)
                            changed = True
        if not changed:
            break
    reports: list[Report] = []
    for fact in facts:
        reports.extend(_report(fact, index, policy, enabled))
    return reports


def settle(facts: Sequence[Facts], policy: Policy, rules: dict[str, type[Rule]]) -> list[Finding]:
    """The checks rules left to this phase (:meth:`Site.defer`): each expression that
    names a constant of another module is judged by its rule on the constant's value."""
    index = Index(facts)
    findings = []
    seen: dict[str, int] = {}
    for fact in facts:
        for code, kind, qualified, data, region, quiet, scope, code_hash in fact.get(
            "deferred", ()
        ):
            rule = rules.get(code)
            if rule is None or quiet:
                continue
            known, value = index.constant(fact, qualified)
            outcome = rule.deferred(kind, data, value, policy) if known else None
            if outcome is None and not known and data.get("fallback"):
                # the value is not known here either: what the file alone would report
                outcome = data["fallback"][0], Level(data["fallback"][1])
            if outcome is None:
                continue
            message, level = outcome
            level = rule.LEVEL if level is None else level
            if level > Level.NOTE and is_test_path(policy, fact["path"]):
                level = Level.NOTE
            key = "\0".join((FINGERPRINT_VERSION, code, fact["path"], scope, code_hash, qualified))
            seen[key] = seen.get(key, 0) + 1
            digest = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
            identity = hashlib.sha256(key.encode()).hexdigest()
            findings.append(
                Finding(
                    path=fact["path"],
                    region=Region(*region),
                    rule_id=code,
                    message=message,
                    level=level,
                    fingerprint=digest[:32],
                    identity=identity[:32],
                )
            )
    return findings


def project_phase_failed(name: str) -> Finding:
    """The internal-error finding for a bug in this phase: every file's own findings
    stand; ``name`` is the exception's type, never its text."""
    message = (
        f"{INTERNAL_ERROR_PREFIX} ({name}): calls across modules not followed;"
        " please report this on the privlint issue tracker"
    )
    digest = hashlib.sha256(f"PL000\0.\0{message}".encode()).hexdigest()[:32]
    return Finding(".", Region(1, 1, 1, 1), "PL000", message, Level.ERROR, digest)


def _display(module: Facts, function: str) -> str:
    """``app.util.log.record``: the function with its module's dotted path."""
    names = module_names(module["path"])
    return f"{names[0] if names else module['path']}.{function}"


@dataclass(frozen=True)
class Report:
    """A finding of the project phase before its position is known: the call is the
    ``ordinal``-th kept in its file's facts."""

    path: str
    ordinal: int
    code: str
    message: str
    level: Level
    categories: tuple[str, ...]
    confidence: Confidence
    key: str


def _report(fact: Facts, index: Index, policy: Policy, enabled: frozenset[str]) -> list[Report]:
    from privlint.engine.summaries import covered
    from privlint.rules.pl1_logs.common import describe

    reports = []
    for qualified, binding, categories, strong, ordinal, scope, code_hash in fact["calls"]:
        reached = index.reached(fact, qualified, binding)
        if reached is None:
            continue
        module, function, param, flows = reached
        categories = sorted(set(categories) - covered(policy, param))
        if not categories:
            continue  # the helper reports what its parameter's name says, at the sink
        reported: set[str] = set()
        for flow in sorted(flows):
            if not (flow.crossed or module is not fact):
                continue  # within the file: the file's own analysis reported it
            if flow.code in reported or flow.code not in enabled:
                continue
            sent = set(categories) - set(flow.ignore)
            if not sent:
                continue
            reported.add(flow.code)
            ordered = tuple(sorted(sent, key=lambda c: (policy.rank(c), c)))
            level = policy.level_of(ordered)
            if level is Level.NONE:
                continue
            confidence = Confidence.HIGH if strong else Confidence.LOW
            level = confidence.cap(level)
            if level > Level.NOTE and is_test_path(policy, fact["path"]):
                level = Level.NOTE
            path = " -> ".join((_display(module, function), *flow.via))
            key = "\0".join(
                (FINGERPRINT_VERSION, flow.code, fact["path"], scope, code_hash, "through", path)
            )
            message = describe(ordered, f"{flow.sink} through {path}")
            reports.append(
                Report(fact["path"], ordinal, flow.code, message, level, ordered, confidence, key)
            )
    return reports


def place(reports: Sequence[Report], located: dict[str, Facts]) -> list[Finding]:
    """Findings for ``reports``, with the regions their files' second look found
    (``located``: path -> facts with ``located``); a call whose line suppresses the
    rule is left out."""
    findings = []
    seen: dict[str, int] = {}
    for report in reports:
        where = located.get(report.path, {}).get("located", {}).get(str(report.ordinal))
        if where is None:
            continue  # the file changed between the two looks
        region, quiet = where
        if report.code in quiet:
            continue
        seen[report.key] = seen.get(report.key, 0) + 1
        fingerprint = hashlib.sha256(f"{report.key}\0{seen[report.key]}".encode()).hexdigest()
        findings.append(
            Finding(
                path=report.path,
                region=Region(*region),
                rule_id=report.code,
                message=report.message,
                level=report.level,
                fingerprint=fingerprint[:32],
                categories=report.categories,
                identity=hashlib.sha256(report.key.encode()).hexdigest()[:32],
                confidence=report.confidence,
            )
        )
    return findings
