"""PL401: a dataclass or attrs class shows a sensitive field in its repr."""

from __future__ import annotations

import libcst as cst

from privlint.engine.context import NodeEdit, NodeFix
from privlint.engine.dataflow import is_literal
from privlint.engine.walk import ClassSite
from privlint.findings import Level
from privlint.policy.words import identifier_words
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl1_logs.common import command_line_program
from privlint.rules.pl4_redaction.common import (
    decorator_call,
    defines,
    is_false,
    keyword,
    model_fields,
    type_head,
    unwrap,
)

DATACLASS = frozenset({"dataclasses.dataclass"})
ATTRS = frozenset(
    {
        "attr.s", "attr.attrs", "attr.define", "attr.frozen", "attr.mutable", "attr.dataclass",
        "attrs.define", "attrs.frozen", "attrs.mutable",
    }
)  # fmt: skip
#: calls that declare a field and take ``repr=``
#: annotations of fields that hold data as it is (a field typed as another class,
#: ``SecretStr`` or a settings object, has that class's repr)
DATA_TYPES = frozenset(
    {
        "str", "bytes", "bytearray", "int", "Any", "dict", "Dict", "Mapping", "list", "List",
        "tuple", "Tuple",
    }
)  # fmt: skip
#: annotations of fields that hold a record: named for a scalar category (an e-mail
#: address, a phone number), such a field holds something about one
RECORD_TYPES = frozenset({"dict", "Dict", "Mapping"})
FIELD_FUNCTIONS = frozenset(
    {"dataclasses.field", "attr.ib", "attr.attrib", "attr.field", "attrs.field"}
)


@register
class SensitiveFieldInRepr(Rule):
    """A dataclass or attrs class shows a sensitive field in its repr.

    ## Why is this bad?
    The generated `__repr__` prints every field. The object ends up in a log line,
    a traceback, a debugger or an error tracker, and the password, token or card
    number goes with it, though no one asked for that field.

    ## Example
        @dataclass
        class Login:
            user: str
            password: str

    ## Use instead
        @dataclass
        class Login:
            user: str
            password: str = field(repr=False)

    Covers `@dataclass` (`dataclasses.dataclass(...)`) and attrs (`@attr.s`,
    `@attr.define`, `@attrs.define`, `@attrs.frozen`, ...) after import resolution,
    for fields whose names the policy classifies at error level. A class that sets
    `repr=False` or defines `__repr__` is not reported.

    ## Fix safety
    A dataclass field with no default or a literal default becomes
    `field(repr=False)` (`field(default=..., repr=False)`) when `field` is imported
    from `dataclasses`; the repr changes, nothing else.
    """

    CODE = "PL401"
    NAME = "sensitive-field-in-repr"
    LEVEL = Level.ERROR
    TAGS = ("privacy", "security", "external/cwe/cwe-200")
    SECURITY_SEVERITY = 5.5
    CWE = (200,)

    VALID = [
        # an entity description's api_key names a field of the vendor's API
        Valid(
            "from dataclasses import dataclass\n@dataclass(frozen=True, kw_only=True)\n"
            "class GrowattSensorEntityDescription(SensorEntityDescription):\n"
            "    api_key: str\n    precision: int | None = None\n"
        ),
        # a dict named for one e-mail address is a record about an e-mail (a newsletter's)
        Valid(
            "from dataclasses import dataclass\nfrom typing import Any\n@dataclass\n"
            "class GhostData:\n    latest_post: dict[str, Any] | None\n"
            "    latest_email: dict[str, Any] | None\n"
        ),
        Valid(
            "import attr\n@attr.s(auto_attribs=True)\nclass PusherConfig:\n"
            "    access_token: int | None\n"
        ),
        Valid(
            "from dataclasses import dataclass, field\n@dataclass\nclass A:\n"
            "    password: str = field(repr=False)\n"
        ),
        Valid(
            "from dataclasses import dataclass\n@dataclass(repr=False)\nclass A:\n    token: str\n"
        ),
        Valid(
            "from dataclasses import dataclass\n@dataclass\nclass A:\n    api_key: str\n"
            "    def __repr__(self):\n        return 'A()'\n"
        ),
        Valid("import attr\n@attr.s\nclass A:\n    password = attr.ib(repr=False)\n"),
        Valid("import attrs\n@attrs.define\nclass A:\n    secret: str = attrs.field(repr=False)\n"),
        Valid("from dataclasses import dataclass\n@dataclass\nclass A:\n    password_label: str\n"),
        Valid("from dataclasses import dataclass\n@dataclass\nclass A:\n    token_count: int\n"),
        Valid("class A:\n    password: str\n"),
        Valid("from dataclasses import dataclass\n@dataclass\nclass A:\n    user_id: int\n"),
        Valid(
            "from typing import ClassVar\nfrom dataclasses import dataclass\n@dataclass\nclass A:\n"
            "    password: ClassVar[str] = 'x'\n"
        ),
        Valid("from attrs import define\n@define(repr=False)\nclass A:\n    token: str\n"),
        Valid(
            "from dataclasses import dataclass\nfrom pydantic import SecretStr\n@dataclass\n"
            "class A:\n    password: SecretStr\n"
        ),
        Valid(
            "from dataclasses import dataclass\n@dataclass\nclass A:\n    secrets: SecretsSettings\n"
        ),
        Valid("def dataclass(c):\n    return c\n@dataclass\nclass A:\n    password: str\n"),
        Valid("import attr\n@attr.s\nclass A:\n    password = attr.ib(repr=lambda v: '***')\n"),
    ]
    INVALID = [
        # a dict of e-mail addresses, a dict of credentials
        Invalid(
            "from dataclasses import dataclass\n@dataclass\nclass Team:\n"
            "    emails: dict[str, str]\n    credentials: dict[str, str]\n",
            message="pii.email field emails of Team is shown by its repr",
        ),
        Invalid(
            "from dataclasses import dataclass\n@dataclass\nclass Login:\n    password: str\n",
            region=(4, 5, 4, 13),
            message="credential.password field password of Login is shown by its repr",
        ),
        Invalid(
            "import dataclasses\n@dataclasses.dataclass(frozen=True)\nclass A:\n    api_key: str\n"
        ),
        Invalid(
            "from dataclasses import dataclass as dc\n@dc\nclass A:\n    name: str\n    token: str\n",
            region=(5, 5, 5, 10),
        ),
        Invalid("import attr\n@attr.s\nclass A:\n    password = attr.ib()\n"),
        Invalid("import attrs\n@attrs.define\nclass A:\n    secret_key: str\n"),
        Invalid("from attrs import define\n@define\nclass A:\n    email: str\n"),
        Invalid("from attrs import frozen\n@frozen\nclass A:\n    card_number: str\n"),
        Invalid(
            "from dataclasses import dataclass, field\n@dataclass\nclass A:\n"
            "    password: str = field(default='')\n"
        ),
        Invalid(
            "import attr\n@attr.s(auto_attribs=True)\nclass A:\n    access_token: str = attr.ib(repr=True)\n"
        ),
        Invalid(
            "from dataclasses import dataclass\n@dataclass\nclass A:\n    refresh_token: str | None = None\n"
        ),
        Invalid("import attr\n@attr.define\nclass A:\n    phone_number: str\n"),
        Invalid(
            "import typing\nfrom dataclasses import dataclass\n@dataclass\nclass A:\n"
            "    credentials: typing.Optional[dict[str, str]] = None\n"
        ),
        Invalid(
            "from dataclasses import dataclass\n@dataclass\nclass A:\n"
            "    token: str = make_token()\n"
        ),
        # a command-line program's record: people's data a note, a credential an error
        Invalid(
            "import argparse\nimport attr\n@attr.s(auto_attribs=True)\nclass UserInfo:\n"
            "    user_id: str\n    emails: list[str] = attr.Factory(list)\n"
            "def main():\n    parser = argparse.ArgumentParser()\n",
            message="pii.email field emails of UserInfo is shown by its repr"
            " (in a command-line program)",
            level=Level.NOTE,
        ),
        Invalid(
            "import click\nfrom dataclasses import dataclass\n@dataclass\nclass Login:\n"
            "    password: str\n@click.command()\ndef login():\n    pass\n",
            level=Level.ERROR,
        ),
    ]

    def on_class(self, site: ClassSite) -> None:
        node = site.node
        found = decorator_call(site, DATACLASS | ATTRS)
        if found is None:
            return
        decorator, call = found
        if call is not None and is_false(keyword(call, "repr")):
            return
        if defines(node, "__repr__"):
            return
        words = identifier_words(node.name.value)
        if not site.policy.redaction.description_words.isdisjoint(words):
            return  # `SensorEntityDescription.api_key`: the name of an API's field
        is_dataclass = site.qualify(call.func if call else decorator.decorator) in DATACLASS
        field_imported = site.qualify(cst.Name("field")) == "dataclasses.field"
        for item in model_fields(node):
            value = item.value
            if isinstance(value, cst.Call) and site.qualify(value.func) in FIELD_FUNCTIONS:
                shown = keyword(value, "repr")
                if shown is not None and not (
                    isinstance(shown, cst.Name) and shown.value == "True"
                ):
                    continue
            elif item.annotation is None:
                continue  # a plain class attribute, not a field
            head = None
            if item.annotation is not None:
                inner = unwrap(site, item.annotation)
                head = type_head(inner) if inner is not None else None
                if head not in DATA_TYPES:
                    continue
            categories = site.ordered(site.policy.classify(item.target.value))
            if head in RECORD_TYPES and not identifier_words(item.target.value)[-1].endswith("s"):
                # `latest_email: dict`: a record about one e-mail (a newsletter's
                # statistics), not an address; a dict of credentials still holds them
                categories = tuple(c for c in categories if not _scalar(site, c))
            if not categories or site.policy.level_of(categories) is not Level.ERROR:
                continue
            if head == "int" and all(c.startswith("credential.") for c in categories):
                continue  # `access_token: int | None`: a token's ID, not a token
            fix = None
            if is_dataclass and field_imported and item.annotation is not None:
                fix = self._fix(site, item.annotation, value)
            message = (
                f"{categories[0]} field {item.target.value} of {node.name.value} "
                "is shown by its repr"
            )
            level = None
            if not any(c.startswith("credential.") for c in categories) and (
                command_line_program(site)
            ):
                # a command-line program's record: its repr reaches the operator's
                # terminal at most, not a service's logs
                level = Level.NOTE
                message += " (in a command-line program)"
            site.report(type(self), item.target, message, categories, level=level, fix=fix)

    @staticmethod
    def _fix(
        site: ClassSite, annotation: cst.BaseExpression, value: cst.BaseExpression | None
    ) -> NodeFix | None:
        written = site.code(annotation)
        if "\n" in written:
            return None
        # Insert around the default rather than rewrite it: a fix's text is printed in
        # JSON and SARIF, and the default of a password field may be a password.
        if value is None:
            return NodeFix(
                "hide the field from repr",
                (NodeEdit(annotation, " = field(repr=False)", after=True),),
            )
        if is_literal(value):
            return NodeFix(
                "hide the field from repr",
                (
                    NodeEdit(value, "field(default=", (0, 0)),
                    NodeEdit(value, ", repr=False)", after=True),
                ),
            )
        return None


def _scalar(site: ClassSite, category_id: str) -> bool:
    try:
        return site.policy.category(category_id).scalar
    except KeyError:
        return False
