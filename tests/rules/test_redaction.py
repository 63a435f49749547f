"""The redaction rules (PL4xx): the field(repr=False) fix, the class hook, levels."""

from __future__ import annotations

import pytest

from privlint.engine.runner import analyze_source
from privlint.engine.walk import ClassSite
from privlint.findings import Level
from privlint.fixes import apply_to_text
from privlint.policy import load_policy
from privlint.rules.base import Rule, all_rules

POLICY = load_policy(config=None)
PL4 = [rule for rule in all_rules() if rule.CODE.startswith("PL4")]
HEADER = "from dataclasses import dataclass, field\n@dataclass\nclass A:\n"


def fixed(source: str) -> str:
    findings = analyze_source(source, "m.py", POLICY, PL4)
    edits = [edit for finding in findings if finding.fix for edit in finding.fix.edits]
    return apply_to_text(source, edits)[0]


def test_the_four_rules_are_registered() -> None:
    assert [rule.CODE for rule in PL4] == ["PL401", "PL402", "PL403", "PL404"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("    password: str\n", "    password: str = field(repr=False)\n"),
        ("    token: str = ''\n", "    token: str = field(default='', repr=False)\n"),
        (
            "    api_key: str | None = None\n",
            "    api_key: str | None = field(default=None, repr=False)\n",
        ),
        (
            "    name: str\n    secret: bytes\n    email: str\n",
            "    name: str\n    secret: bytes = field(repr=False)\n"
            "    email: str = field(repr=False)\n",
        ),
    ],
)
def test_dataclass_field_is_hidden_from_repr(body: str, expected: str) -> None:
    assert fixed(HEADER + body) == HEADER + expected


@pytest.mark.parametrize(
    "source",
    [
        # `field` not imported from dataclasses: the fix would not run
        "from dataclasses import dataclass\n@dataclass\nclass A:\n    password: str\n",
        "import dataclasses\n@dataclasses.dataclass\nclass A:\n    password: str\n",
        # attrs has its own field functions
        "import attrs\nfrom dataclasses import field\n@attrs.define\nclass A:\n    password: str\n",
        # a default that is not a literal, or a field() call
        HEADER + "    password: str = make_password()\n",
        HEADER + "    password: str = field(default='')\n",
    ],
)
def test_no_fix_where_the_rewrite_is_not_mechanical(source: str) -> None:
    findings = analyze_source(source, "m.py", POLICY, PL4)
    assert [f.rule_id for f in findings] == ["PL401"]
    assert findings[0].fix is None


def test_fixed_source_is_clean() -> None:
    source = HEADER + "    user: str\n    password: str\n    token: str = ''\n"
    assert analyze_source(fixed(source), "m.py", POLICY, PL4) == []


def test_class_hook_sees_names_as_the_class_statement_does() -> None:
    seen: list[str | None] = []

    class Probe(Rule):
        CODE, NAME = "PL499", "probe"
        TRIGGER = ("class",)

        def on_class(self, site: ClassSite) -> None:
            seen.append(site.qualify(site.node.bases[0].value))

    source = (
        "import pydantic as p\nclass A(p.BaseModel):\n    class B(p.BaseModel):\n        pass\n"
    )
    analyze_source(source, "m.py", POLICY, [Probe])
    assert seen == ["pydantic.BaseModel", "pydantic.BaseModel"]


def test_levels_follow_the_data_and_the_rule() -> None:
    source = (
        "import logging\nfrom dataclasses import dataclass\n"
        "@dataclass\nclass A:\n    password: str\n"
        "    def __str__(self):\n        return self.email\n"
        "logging.info(vars(a))\n"
    )
    levels = {f.rule_id: f.level for f in analyze_source(source, "m.py", POLICY, PL4)}
    assert levels == {"PL401": Level.ERROR, "PL403": Level.ERROR, "PL404": Level.WARNING}


def test_findings_can_be_suppressed() -> None:
    source = "import logging\nlogging.info(vars(a))  # privlint: ignore[PL404]\n"
    assert analyze_source(source, "m.py", POLICY, PL4) == []


def test_whole_object_trigger_skips_files_without_dumps() -> None:
    rule = next(rule for rule in PL4 if rule.CODE == "PL404")
    assert not rule.triggered_by("import logging\nlogging.info('x')\n")
    assert rule.triggered_by("print(vars(x))\n")
