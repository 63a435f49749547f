"""PL402: a pydantic model types a credential field as plain str or bytes."""

from __future__ import annotations

import libcst as cst

from privlint.engine.walk import ClassSite
from privlint.findings import Confidence, Level
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl4_redaction.common import is_false, keyword, model_fields, unwrap

MODEL_BASES = frozenset(
    {
        "pydantic.BaseModel", "pydantic.main.BaseModel", "pydantic.BaseSettings",
        "pydantic.v1.BaseModel", "pydantic.v1.BaseSettings", "pydantic_settings.BaseSettings",
    }
)  # fmt: skip
PLAIN = frozenset({"str", "bytes"})


@register
class PydanticSecretAsStr(Rule):
    """A pydantic model types a credential field as plain `str` or `bytes`.

    ## Why is this bad?
    A pydantic model prints, serialises and validates every field: its repr, its
    `model_dump()`, a validation error's input and an error tracker's local
    variables all show a `str` field as it is. `SecretStr` and `SecretBytes` print
    `**********` and give the value only to code that calls `get_secret_value()`.

    ## Example
        class Settings(BaseSettings):
            database_password: str

    ## Use instead
        class Settings(BaseSettings):
            database_password: SecretStr

    Covers subclasses of `pydantic.BaseModel` and `BaseSettings` (pydantic 1 and
    2, `pydantic_settings`) after import resolution, for fields whose names the
    policy classifies as credentials, annotated `str`, `bytes`, `Optional[str]`,
    `Union[str, None]` or `str | None`. Callers must change to
    `get_secret_value()`, so there is no automatic fix.
    """

    CODE = "PL402"
    NAME = "pydantic-secret-as-str"
    LEVEL = Level.ERROR
    TAGS = ("privacy", "security", "external/cwe/cwe-200")
    SECURITY_SEVERITY = 5.5
    CWE = (200,)

    VALID = [
        Valid(
            "from pydantic import BaseModel, SecretStr\nclass A(BaseModel):\n    password: SecretStr\n"
        ),
        Valid(
            "from pydantic import BaseModel, SecretBytes\nclass A(BaseModel):\n    key: SecretBytes\n"
        ),
        Valid(
            "from typing import Optional\nfrom pydantic import BaseModel, SecretStr\n"
            "class A(BaseModel):\n    api_key: Optional[SecretStr] = None\n"
        ),
        Valid("from pydantic import BaseModel\nclass A(BaseModel):\n    password_label: str\n"),
        Valid("from pydantic import BaseModel\nclass A(BaseModel):\n    token_count: int\n"),
        Valid("from pydantic import BaseModel\nclass A(BaseModel):\n    email: str\n"),
        Valid("class BaseModel:\n    pass\nclass A(BaseModel):\n    password: str\n"),
        Valid("from dataclasses import dataclass\nclass A:\n    password: str\n"),
        Valid("from pydantic import BaseModel\nclass A(BaseModel):\n    token: int\n"),
        Valid("from pydantic import BaseModel\nclass A(BaseModel):\n    password: list[str]\n"),
        Valid(
            "from pydantic_settings import BaseSettings\nfrom pydantic import SecretStr\n"
            "class S(BaseSettings):\n    secret_key: SecretStr | None = None\n"
        ),
    ]
    INVALID = [
        # kept out of the repr and of dumps: only a validation error shows it, a note
        Invalid(
            "from pydantic import BaseModel, Field\nclass App(BaseModel):\n"
            "    api_key: str | None = Field(default=None, exclude=True, repr=False)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "from pydantic import BaseModel\nclass Login(BaseModel):\n    password: str\n",
            region=(3, 15, 3, 18),
            message="credential.password field password of Login is typed str: use SecretStr",
        ),
        Invalid(
            "from pydantic_settings import BaseSettings\nclass S(BaseSettings):\n    api_key: str\n"
        ),
        Invalid("import pydantic\nclass A(pydantic.BaseModel):\n    access_token: str = ''\n"),
        Invalid(
            "from pydantic import BaseModel\nclass A(BaseModel):\n    private_key: bytes\n",
            message="credential.private_key field private_key of A is typed bytes: use SecretBytes",
        ),
        Invalid(
            "from typing import Optional\nfrom pydantic import BaseModel\n"
            "class A(BaseModel):\n    secret: Optional[str] = None\n"
        ),
        Invalid(
            "import typing\nfrom pydantic import BaseModel\n"
            "class A(BaseModel):\n    token: typing.Optional[str] = None\n"
        ),
        Invalid(
            "from pydantic import BaseModel\nclass A(BaseModel):\n    password: str | None = None\n"
        ),
        Invalid(
            "from pydantic import BaseModel\nclass A(BaseModel):\n    password: None | str = None\n"
        ),
        Invalid(
            "from typing import Union\nfrom pydantic import BaseModel\n"
            "class A(BaseModel):\n    client_secret: Union[str, None]\n"
        ),
        Invalid("from pydantic import BaseSettings as B\nclass S(B):\n    db_password: str\n"),
        Invalid("from pydantic.v1 import BaseModel\nclass A(BaseModel):\n    refresh_token: str\n"),
        Invalid(
            "from pydantic import BaseModel\nclass MessageRequest(BaseModel):\n"
            "    session_id: str\n    message: str\n",
            level=Level.NOTE,
        ),
    ]

    def on_class(self, site: ClassSite) -> None:
        node = site.node
        if not any(site.qualify(base.value) in MODEL_BASES for base in node.bases):
            return
        for item in model_fields(node):
            if item.annotation is None:
                continue
            plain = self._plain(site, item.annotation)
            if plain is None:
                continue
            categories = site.ordered(site.policy.classify(item.target.value))
            credentials = tuple(c for c in categories if c.startswith("credential."))
            if not credentials:
                continue
            secret = "SecretBytes" if plain.value == "bytes" else "SecretStr"
            message = (
                f"{credentials[0]} field {item.target.value} of {node.name.value} "
                f"is typed {plain.value}: use {secret}"
            )
            # a lone `token` or `session_id` field: a name, not evidence (a note); a
            # field kept out of the repr and of dumps (`Field(repr=False, exclude=True)`)
            # shows only in a validation error's input: a note too
            ambiguous = site.policy.is_ambiguous(item.target.value)
            hidden = self._hidden(site, item.value)
            confidence = Confidence.LOW if ambiguous or hidden else Confidence.HIGH
            site.report(type(self), plain, message, credentials, confidence=confidence)

    @staticmethod
    def _hidden(site: ClassSite, value: cst.BaseExpression | None) -> bool:
        """``Field(..., repr=False, exclude=True)``: out of the repr and of dumps."""
        if not isinstance(value, cst.Call):
            return False
        if site.qualify(value.func) not in ("pydantic.Field", "pydantic.fields.Field"):
            return False
        excluded = keyword(value, "exclude")
        return is_false(keyword(value, "repr")) and (
            isinstance(excluded, cst.Name) and excluded.value == "True"
        )

    def _plain(self, site: ClassSite, annotation: cst.BaseExpression) -> cst.Name | None:
        """The ``str``/``bytes`` name when the annotation is that type, optional or not."""
        inner = unwrap(site, annotation)
        if isinstance(inner, cst.Name) and inner.value in PLAIN:
            return inner
        return None
