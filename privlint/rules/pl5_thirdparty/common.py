"""What PL502 and PL503 share: which SDK call this is, and which arguments carry data.

The SDKs, their calls and argument positions are data (``rules/thirdparty.toml``,
read into ``policy.thirdparty``). One :class:`Objects` table per file follows the
SDK objects made by constructors and factories (``ph = Posthog(KEY)``,
``with tracer.trace("x") as span``, ``self.mp = Mixpanel(TOKEN)``) through the
``on_assign`` hook, the way PL1xx follows logger objects, so that ``ph.capture(...)``
is known to be a PostHog call.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import libcst as cst

from privlint.engine.context import CallSite, Site
from privlint.engine.dataflow import Scope, Taint
from privlint.engine.walk import AssignSite
from privlint.policy.model import ArgumentRef, SdkCall

if TYPE_CHECKING:
    from privlint.rules.base import Rule


@dataclass
class Objects:
    """SDK objects seen in one file: per scope variable, and per attribute name."""

    #: (scope name, variable) -> kind, or None once rebound to something else
    names: dict[tuple[str, str], str | None] = field(default_factory=dict)
    #: attribute name -> kind (``self.posthog``), file-wide
    attributes: dict[str, str] = field(default_factory=dict)
    seen: tuple[cst.CSTNode, cst.CSTNode] | None = None


def objects(site: Site) -> Objects:
    state = site.analysis.rule_state
    found = state.get("thirdparty")
    if not isinstance(found, Objects):
        found = state["thirdparty"] = Objects()
    return found


def assigned(site: AssignSite) -> SdkCall | None:
    """The thirdparty.toml [[assign]] entry when ``site`` sets an attribute of an SDK
    object that sends its value (``scope.user = {...}``)."""
    target = site.target
    spec = site.policy.thirdparty
    if not spec.assigns or not isinstance(target, cst.Attribute):
        return None
    kind = kind_of(site, target.value)
    return spec.assigns.get((kind, target.attr.value)) if kind is not None else None


def track(site: AssignSite) -> None:
    """Record whether an assignment binds an SDK object, and of which kind."""
    facts = objects(site)
    if facts.seen == (site.target, site.value):
        return  # PL502 and PL503 both forward each assignment
    facts.seen = (site.target, site.value)
    kind = kind_of(site, site.value)
    target = site.target
    if isinstance(target, cst.Name):
        facts.names[(site.analysis.scope.name, target.value)] = kind
    elif isinstance(target, cst.Attribute) and kind is not None:
        facts.attributes[target.attr.value] = kind


def _variable(
    scope: Scope | None, name: str, table: dict[tuple[str, str], str | None]
) -> tuple[bool, str | None]:
    """Whether the variable visible here was assigned, and the kind it was given."""
    while scope is not None:
        key = (scope.name, name)
        if key in table:
            return True, table[key]
        if name in scope.params:
            return False, None
        scope = scope.parent
    return False, None


def kind_of(site: Site, node: cst.BaseExpression) -> str | None:
    """The kind of SDK object an expression evaluates to, when it is one."""
    spec = site.policy.thirdparty
    if isinstance(node, cst.Await):
        node = node.expression
    if isinstance(node, cst.Call):
        func = node.func
        method = func.attr.value if isinstance(func, cst.Attribute) else None
        receiver = kind_of(site, func.value) if isinstance(func, cst.Attribute) else None
        call = spec.resolve(site.qualify(func), receiver, method)
        return call.returns if call is not None else None
    if isinstance(node, (cst.Name, cst.Attribute)):
        qualified = site.qualify(node)
        if qualified is not None and qualified in spec.objects:
            return spec.objects[qualified]
    if isinstance(node, cst.Attribute) and node.attr.value in spec.member_tails:
        member = _member(site, node)
        if member is not None:
            return member
    if isinstance(node, cst.Name):
        assigned, kind = _variable(site.analysis.scope, node.value, objects(site).names)
        if assigned:
            return kind
        return spec.names.get(node.value)
    if isinstance(node, cst.Attribute):
        found = objects(site).attributes.get(node.attr.value)
        return found if found is not None else spec.names.get(node.attr.value)
    return None


def _member(site: Site, node: cst.Attribute) -> str | None:
    """``client.chat.completions``: the kind of an attribute path of an SDK object."""
    spec = site.policy.thirdparty
    path = [node.attr.value]
    base: cst.BaseExpression = node.value
    while True:
        kind = kind_of(site, base)
        if kind is not None:
            found = spec.member(kind, ".".join(reversed(path)))
            if found is not None:
                return found
        if not isinstance(base, cst.Attribute):
            return None
        path.append(base.attr.value)
        base = base.value


def resolve(site: CallSite) -> SdkCall | None:
    """The thirdparty.toml entry of the called function or SDK method, if any."""
    spec = site.policy.thirdparty
    kind = None
    if site.method is not None and site.receiver is not None:
        kind = kind_of(site, site.receiver)
    return spec.resolve(site.qualified, kind, site.method)


def callee(site: CallSite, call: SdkCall) -> str:
    """How messages name the call: ``posthog.capture``, or as written for methods."""
    if site.qualified is not None and site.qualified == call.name:
        return call.name
    return site.source(site.node.func)


def _points_at(refs: tuple[ArgumentRef, ...], arg: cst.Arg, position: int | None) -> bool:
    if arg.keyword is not None:
        return any(arg.keyword.value in ref.keywords or "*" in ref.keywords for ref in refs)
    return position is not None and any(ref.position == position for ref in refs)


def report_identity(
    rule: type[Rule], site: CallSite, call: SdkCall, name: str, arg: cst.Arg, taint: Taint
) -> None:
    """An argument that is the service's user identity: reported when it carries a
    category the service must not get as one (an e-mail, a phone number)."""
    categories = site.ordered(taint & site.policy.thirdparty.identity_reported)
    if categories:
        site.report(
            rule,
            arg.value,
            f"{categories[0]} is the {call.sdk} user identity in {name}:"
            " use an internal, opaque ID",
            categories,
        )


def sent(site: CallSite, call: SdkCall) -> Iterator[tuple[cst.Arg, Taint, bool]]:
    """Each data or identity argument, in source order, with its taint and whether it
    is the identity. Positions after a ``*args`` are not known and not matched; a
    ``**mapping`` counts as data."""
    position: int | None = 0
    for arg in site.node.args:
        here = position if arg.keyword is None and not arg.star else None
        if arg.star == "*":
            position = None
        elif arg.keyword is None and position is not None and not arg.star:
            position += 1
        if arg.star == "**":
            # `capture(event, **kwargs)`: the mapping may hold any keyword, so it is
            # data when the call takes data, and the identity when that is all it takes
            yield arg, site.taint(arg.value), not call.data
            continue
        if arg.star:
            continue
        if _points_at(call.identity, arg, here):
            yield arg, site.taint(arg.value), True
        elif _points_at(call.data, arg, here):
            yield arg, site.taint(arg.value), False
