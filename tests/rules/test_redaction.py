"""The redaction rules (PL4xx): the field(repr=False) fix, the class hook, levels."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from privlint.api import check_paths, enabled_rules
from privlint.engine.runner import analyze_source
from privlint.engine.walk import ClassSite
from privlint.findings import Level
from privlint.fixes import apply_to_text
from privlint.policy import ConfigError, load_policy
from privlint.policy.load import _redaction
from privlint.rules.base import Rule, all_rules

POLICY = load_policy(config=None)
PL4 = [rule for rule in all_rules() if rule.CODE.startswith("PL4")]
HEADER = "from dataclasses import dataclass, field\n@dataclass\nclass A:\n"


def fixed(source: str) -> str:
    findings = analyze_source(source, "m.py", POLICY, PL4)
    edits = [edit for finding in findings if finding.fix for edit in finding.fix.edits]
    return apply_to_text(source, edits)[0]


def test_the_six_rules_are_registered() -> None:
    assert [rule.CODE for rule in PL4] == ["PL401", "PL402", "PL403", "PL404", "PL405", "PL406"]


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
        "logging.info(vars(user))\n"
    )
    levels = {f.rule_id: f.level for f in analyze_source(source, "m.py", POLICY, PL4)}
    assert levels == {"PL401": Level.ERROR, "PL403": Level.ERROR, "PL404": Level.WARNING}


@pytest.mark.parametrize(
    ("dumped", "level"),
    [("vars(user)", Level.WARNING), ("order.dict()", Level.WARNING),
     ("settings.model_dump()", Level.WARNING), ("get_customer().__dict__", Level.WARNING),
     ("self._electra_ac_device.__dict__", Level.NOTE), ("climate_response.__dict__", Level.NOTE),
     ("config.caches.__dict__", Level.NOTE), ("vars(a)", Level.NOTE),
     ("previous_cache_config.__dict__", Level.NOTE), ("vars(app_config)", Level.WARNING),
     ("session_cache.__dict__", Level.WARNING),
     ("request.headers", Level.WARNING), ("os.environ", Level.WARNING)],
)  # fmt: skip
def test_a_whole_object_is_a_warning_when_its_name_says_it_holds_people_or_secrets(
    dumped: str, level: Level
) -> None:
    """Vehicle telemetry, a device's state and cache sizes dumped whole were judged false
    on real applications; a user, an order, settings, headers and the environment hold
    people's data or secrets."""
    source = f"import logging, os\nlogging.info('%s', {dumped})\n"
    found = [f for f in analyze_source(source, "m.py", POLICY, PL4) if f.rule_id == "PL404"]
    assert [f.level for f in found] == [level]


def test_findings_can_be_suppressed() -> None:
    source = "import logging\nlogging.info(vars(a))  # privlint: ignore[PL404]\n"
    assert analyze_source(source, "m.py", POLICY, PL4) == []


def test_whole_object_trigger_skips_files_without_dumps() -> None:
    rule = next(rule for rule in PL4 if rule.CODE == "PL404")
    assert not rule.triggered_by("import logging\nlogging.info('x')\n")
    assert rule.triggered_by("print(vars(x))\n")


@pytest.mark.parametrize(
    ("text", "triggered"),
    [
        ("log.debug('h %s', request.headers)\n", True),
        ("log.debug('h %s', self.request\n    .POST)\n", True),
        ("from flask import request as rq\nprint(rq.cookies)\n", True),
        ("import requests\nrequests.get(url, headers=h)\n", False),  # no request part
        ("def handle(request):\n    return request.method\n", False),
    ],
)
def test_whole_object_trigger_wants_a_request_part(text: str, triggered: bool) -> None:
    rule = next(rule for rule in PL4 if rule.CODE == "PL404")
    assert bool(rule.triggered_by(text, POLICY)) is triggered


def test_whole_object_trigger_reads_the_request_names_of_the_pack() -> None:
    names = frozenset({"incoming"})
    policy = dataclasses.replace(
        POLICY, redaction=dataclasses.replace(POLICY.redaction, request_names=names)
    )
    rule = next(rule for rule in PL4 if rule.CODE == "PL404")
    text = "import logging\nlogging.info('h %s', incoming.headers)\n"
    assert not rule.triggered_by(text, POLICY)
    assert rule.triggered_by(text, policy)
    found = analyze_source(text, "m.py", policy, PL4)
    assert [f.rule_id for f in found] == ["PL404"]


# -- PL405: optional, and configurable --------------------------------------------------
ENTRY_POINT = "import logging\nif __name__ == '__main__':\n    logging.basicConfig()\n"


def write_project(tmp_path: Path, privlint_table: str) -> Path:
    config = tmp_path / "pyproject.toml"
    config.write_text(f"[tool.privlint]\n{privlint_table}\n")
    (tmp_path / "app.py").write_text(ENTRY_POINT)
    return config


def test_logging_config_rule_is_off_by_default(tmp_path: Path) -> None:
    config = write_project(tmp_path, "fail-on = 'warning'")
    policy = load_policy(config)
    assert "PL405" not in {rule.CODE for rule in enabled_rules(policy)}
    assert "PL405" not in {
        f.rule_id for f in check_paths([tmp_path / "app.py"], policy).result.findings
    }


def test_logging_config_rule_runs_when_enabled(tmp_path: Path) -> None:
    config = write_project(tmp_path, "enable = ['PL405']")
    policy = load_policy(config)
    findings = check_paths([tmp_path / "app.py"], policy).result.findings
    assert [(f.rule_id, f.region.start_line) for f in findings] == [("PL405", 3)]


def test_a_project_filter_named_in_the_config_counts_as_redaction(tmp_path: Path) -> None:
    source = (
        "import logging\nfrom myapp.logs import ScrubFilter\n"
        "if __name__ == '__main__':\n    logging.basicConfig()\n"
        "    logging.getLogger().addFilter(ScrubFilter())\n"
    )
    rule = [r for r in PL4 if r.CODE == "PL405"]
    assert [f.rule_id for f in analyze_source(source, "m.py", POLICY, rule)] == ["PL405"]
    config = write_project(tmp_path, "redaction-filters = ['myapp.logs.ScrubFilter']")
    assert analyze_source(source, "m.py", load_policy(config), rule) == []
    dict_config = "LOGGING = {'version': 1, 'filters': {'s': {'()': 'myapp.logs.ScrubFilter'}}}\n"
    assert analyze_source(dict_config, "settings.py", load_policy(config), rule) == []


@pytest.mark.parametrize("bad", ["ScrubFilter", "myapp logs.Filter", "", "1app.Filter"])
def test_redaction_filters_must_be_qualified_names(tmp_path: Path, bad: str) -> None:
    config = write_project(tmp_path, f"redaction-filters = [{bad!r}]")
    with pytest.raises(ConfigError) as error:
        load_policy(config)
    assert str(error.value).startswith(f"{config}: [tool.privlint] redaction-filters: ")


def test_redaction_filters_must_be_a_list(tmp_path: Path) -> None:
    config = write_project(tmp_path, "redaction-filters = 'myapp.logs.ScrubFilter'")
    with pytest.raises(ConfigError, match="redaction-filters: must be a list of strings"):
        load_policy(config)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"responses": {"functions": ["flask jsonify"]}}, "[responses] functions: 'flask"),
        ({"responses": {"route-methods": ["app.get"]}}, "[responses] route-methods: 'app.get'"),
        ({"responses": {"views": []}}, "[responses] views: unknown key"),
        ({"syntax": {"class-words": ["Node"]}}, "[syntax] class-words: 'Node'"),
        ({"records": {"bases": "typing.NamedTuple"}}, "[records] bases: must be a list"),
        ({"logging": {}}, "logging: unknown key"),
        ({"dumps": {"functions": ["vars()"]}}, "[dumps] functions: 'vars()'"),
        ({"dumps": {"pass-through": "str"}}, "[dumps] pass-through: must be a list"),
        ({"dumps": {"dump": []}}, "[dumps] dump: unknown key"),
    ],
)
def test_redaction_pack_errors_name_the_file_and_key(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as error:
        _redaction(Path("redaction.toml"), data)
    assert str(error.value).startswith("redaction.toml: ")
    assert message in str(error.value)


def test_shipped_redaction_pack_lists_the_response_and_record_names() -> None:
    spec = POLICY.redaction
    assert {"flask.jsonify", "django.http.JsonResponse"} <= spec.response_functions
    assert "starlette.responses.JSONResponse" in spec.response_functions
    assert "collections.namedtuple" in spec.record_factories
    assert "privlint.runtime.install" in spec.redaction_installers


# -- PL404: responses, views, the command line ------------------------------------------
def codes(source: str) -> list[str]:
    return [f.rule_id for f in analyze_source(source, "m.py", POLICY, PL4)]


def test_argv_is_reported_only_when_a_credential_option_is_declared() -> None:
    sink = "import sys, logging\nlogging.info('cmd %s', ' '.join(sys.argv))\n"
    assert codes(sink) == []
    declared_after = sink + "import argparse\nargparse.ArgumentParser().add_argument('--token')\n"
    assert codes(declared_after) == ["PL404"]
    by_dest = sink + "p.add_argument('-k', dest='secret_key')\n"
    assert codes(by_dest) == ["PL404"]
    click_password = "import click\n@click.password_option()\ndef main(password):\n    pass\n"
    assert codes(sink + click_password) == ["PL404"]


def test_a_view_is_the_function_under_a_route_decorator_only() -> None:
    view = (
        "from flask import Flask\napp = Flask(__name__)\n@app.get('/u')\n"
        "def user():\n    def helper():\n        return vars(u)\n    return vars(u)\n"
        "def other():\n    return vars(u)\n"
    )
    lines = [f.region.start_line for f in analyze_source(view, "m.py", POLICY, PL4)]
    assert lines == [7]


def test_response_keeps_model_dumps_but_reports_headers() -> None:
    source = (
        "from flask import jsonify, request\n"
        "def a():\n    return jsonify(user.model_dump(), request.json, request.headers)\n"
    )
    messages = [f.message for f in analyze_source(source, "m.py", POLICY, PL4)]
    assert messages == [
        "request.headers (a whole request part) reaches the response of flask.jsonify"
    ]


# -- PL406: records with credentials ------------------------------------------------------
def test_record_message_never_shows_the_arguments() -> None:
    source = (
        "from typing import NamedTuple\nclass Login(NamedTuple):\n    user: str\n"
        "    password: str\nprint(Login('admin', 'hunter2-s3cret'))\n"
    )
    findings = analyze_source(source, "m.py", POLICY, PL4)
    assert [f.rule_id for f in findings] == ["PL406"]
    assert "hunter2" not in findings[0].message
    assert findings[0].level is Level.ERROR


def test_record_instances_are_per_function() -> None:
    source = (
        "from typing import NamedTuple\nclass Login(NamedTuple):\n    user: str\n"
        "    password: str\ndef a(login: Login):\n    print(login)\n"
        "def b(login):\n    print(login)\n"
    )
    lines = [f.region.start_line for f in analyze_source(source, "m.py", POLICY, PL4)]
    assert lines == [6]


# -- PL403: lexical tokens are not credentials --------------------------------------------
def test_token_in_a_parsing_class_is_not_reported_but_a_password_is() -> None:
    template = "class {name}:\n    def __repr__(self):\n        return f'<{{self.{attr}}}>'\n"
    assert codes(template.format(name="VariableNode", attr="token")) == []
    assert codes(template.format(name="TokenParser", attr="tokens")) == []
    assert codes(template.format(name="VariableNode", attr="password")) == ["PL403"]
    assert codes(template.format(name="AccessGrant", attr="token")) == ["PL403"]
