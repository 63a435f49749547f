"""PL602: a model column named for a credential stores it in clear text."""

from __future__ import annotations

from pathlib import PurePosixPath

import libcst as cst

from privlint.engine.context import CallSite, Site
from privlint.engine.dataflow import iter_calls, iter_nodes
from privlint.engine.walk import ClassSite
from privlint.findings import Level
from privlint.policy.words import identifier_words
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl6_storage.common import last_name, matches_category, protected_call

_ADVICE = (
    "use an encrypted type (sqlalchemy_utils StringEncryptedType, "
    "django-fernet-fields EncryptedCharField) or store a hash"
)


@register
class CredentialColumnInClearText(Rule):
    """A database column named for a credential is declared as plain text.

    ## Why is this bad?
    A `token`, `api_key` or `secret` column of type `String` or `CharField` keeps
    the credential readable to everyone who can read the table: database
    administrators, backups, analytics replicas, a leaked dump. Encrypt the column
    with a key kept outside the database, or store only a hash when the value is
    just compared (API keys, reset tokens).

    ## Example
        class Integration(Base):
            api_key = Column(String(64))

    ## Use instead
        class Integration(Base):
            api_key = Column(StringEncryptedType(String, get_key, AesEngine))

    Reads SQLAlchemy `Column(...)`/`mapped_column(...)` (also `db.Column` of
    Flask-SQLAlchemy and `Mapped[str]` annotations), Core `Column("name", String)`
    and Django `CharField`/`TextField`/`BinaryField`. A column is reported when its
    name classifies as a credential (`password_hash`, `hashed_password`,
    `encrypted_token` do not) and its type is a clear-text one. Encrypted types, the
    clear-text types and Django's hashed `password` on `AbstractBaseUser` are listed
    in the rule pack's `storage.toml`.
    """

    CODE = "PL602"
    NAME = "credential-column-in-clear-text"
    LEVEL = Level.ERROR
    TAGS = ("privacy", "security", "storage", "external/cwe/cwe-312")
    SECURITY_SEVERITY = 6.0
    CWE = (312, 256)
    TRIGGER = ("Column", "mapped_column", "Mapped", "CharField", "TextField", "BinaryField")
    NEEDS_SENSITIVE_WORD = True

    VALID = [
        Valid(
            "from sqlalchemy import Column, String\nfrom sqlalchemy_utils import StringEncryptedType\n"
            "class Integration(Base):\n"
            "    api_key = Column(StringEncryptedType(String, get_key))\n"
        ),
        Valid(
            "from sqlalchemy import Column, String\n"
            "class User(Base):\n    password_hash = Column(String(128))\n"
        ),
        Valid(
            "from sqlalchemy.orm import Mapped, mapped_column\n"
            "class User(Base):\n    hashed_password: Mapped[str]\n    name: Mapped[str]\n"
        ),
        Valid(
            "from django.db import models\n"
            "from django.contrib.auth.models import AbstractBaseUser\n"
            "class Account(AbstractBaseUser):\n    password = models.CharField(max_length=128)\n"
        ),
        Valid(
            "from django.db import models\nfrom fernet_fields import EncryptedCharField\n"
            "class Integration(models.Model):\n    api_token = EncryptedCharField(max_length=200)\n"
        ),
        Valid(
            "from django.db import models\n"
            "class Profile(models.Model):\n    display_name = models.CharField(max_length=80)\n"
        ),
        Valid(
            "from sqlalchemy import Column, Integer\n"
            "class Quota(Base):\n    token_count = Column(Integer)\n"
        ),
        Valid(
            "from sqlalchemy import Column, String\n"
            "class Key(Base):\n    api_key_id = Column(String(36))\n"
        ),
        Valid(
            "from django.db import models\n"
            "from django_cryptography.fields import encrypt\n"
            "class Account(models.Model):\n    secret = encrypt(models.CharField(max_length=50))\n"
        ),
        Valid(
            "from sqlalchemy import Column, LargeBinary\n"
            "class Key(Base):\n    encrypted_secret = Column(LargeBinary)\n"
        ),
        Valid(
            "from sqlalchemy import Column, String, Table\n"
            "users = Table('users', meta, Column('token_type', String(20)))\n"
        ),
        Valid("class Settings:\n    api_key = Column(String)\n"),
        # a schema migration repeats the model's columns: the model is judged
        Valid(
            "import sqlalchemy as sa\n"
            "class TokenInfo(Base):\n    api_token = sa.Column(sa.Unicode(2000))\n",
            filename="app/migrations/versions/4f32_tokens.py",
        ),
        Valid(
            "import sqlalchemy as sa\n"
            "TABLES = [('auth', [sa.Column('api_token', sa.String(40))])]\n",
            filename="app/migrations/versions/7e5b_init.py",
        ),
        Valid(
            "from alembic import op\nimport sqlalchemy as sa\n"
            "op.add_column('users', sa.Column('api_token', sa.String(40)))\n"
        ),
        Valid(
            "from werkzeug.security import generate_password_hash\n"
            "class User(db.Model):\n    _password = db.Column('password', db.String(120))\n"
            "    def _set_password(self, password):\n"
            "        self._password = generate_password_hash(password)\n"
        ),
        Valid(
            "from sqlalchemy import Column, Text\n"
            "class Auth(Base):\n    password = Column(Text)  # argon2 / bcrypt hash\n"
        ),
        Valid(
            "from sqlalchemy_utils import PasswordType\nfrom sqlalchemy import Column\n"
            "class User(Base):\n    password = Column(PasswordType(schemes=['pbkdf2_sha512']))\n"
        ),
    ]
    INVALID = [
        # a login table built with Table(...): its password column most often a hash
        Invalid(
            "from sqlalchemy import Column, String, Table\n"
            "t = Table(f'users_{name}', meta, Column('username', String(40)),"
            " Column('password', String(255)))\n",
            level=Level.NOTE,
        ),
        Invalid(
            "from sqlalchemy import Column, String, Table\n"
            "t = Table('vault', meta, Column('label', String(40)),"
            " Column('password', String(255)))\n",
            level=Level.ERROR,
        ),
        Invalid(
            "from sqlalchemy import Column, String\n"
            "class Integration(Base):\n    api_key = Column(String(64))\n",
            region=(3, 5, 3, 12),
            message="credential.secret column api_key is stored in clear text (String): " + _ADVICE,
        ),
        Invalid(
            "import sqlalchemy as sa\nclass Token(Base):\n    refresh_token = sa.Column(sa.Text)\n"
        ),
        # a login table's password column holds a hash most often: a note to confirm
        Invalid(
            "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n"
            "class User(db.Model):\n    password = db.Column(db.String(80), nullable=False)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "from sqlalchemy import Column, String, Text\n"
            "class Auth(Base):\n    email = Column(String)\n    password = Column(Text)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "from sqlalchemy import Column, String, Text\n"
            "class Mailer(Base):\n    host = Column(String)\n    password = Column(Text)\n",
            level=Level.ERROR,
        ),
        Invalid(
            "from sqlalchemy.orm import Mapped, mapped_column\n"
            "class Account(Base):\n    access_token: Mapped[str]\n"
        ),
        Invalid(
            "from typing import Optional\nfrom sqlalchemy.orm import Mapped, mapped_column\n"
            "class Account(Base):\n    client_secret: Mapped[Optional[str]] = mapped_column()\n"
        ),
        Invalid(
            "from sqlalchemy import String\nfrom sqlalchemy.orm import Mapped, mapped_column\n"
            "class Hook(Base):\n    webhook_secret: Mapped[str | None] = mapped_column(String(64))\n"
        ),
        Invalid(
            "from django.db import models\n"
            "class SocialToken(models.Model):\n    token = models.TextField()\n"
        ),
        Invalid(
            "from django.db import models\n"
            "class SmtpSettings(models.Model):\n    password = models.CharField(max_length=255)\n"
        ),
        Invalid(
            "from django.db.models import CharField, Model\n"
            "class ApiCredential(Model):\n    secret_key = CharField(max_length=40)\n"
        ),
        Invalid(
            "from sqlalchemy import Column, String, Table\n"
            "users = Table('users', meta, Column('api_token', String(40)))\n"
        ),
        Invalid(
            "from sqlalchemy import Column, String\n"
            "class Server(Base):\n    ssh_private_key = Column('key', String)\n"
        ),
        Invalid(
            "class User(db.Model):\n    _password = db.Column('password', db.String(120))\n"
            "    def _set_password(self, password):\n        self._password = password\n"
        ),
        Invalid(
            "from django.db import models\n"
            "class Bot(models.Model):\n    bot_token = models.CharField('Token', max_length=64)\n"
        ),
    ]

    def __init__(self) -> None:
        #: Column calls already judged as class attributes
        self._seen: set[int] = set()

    def on_class(self, site: ClassSite) -> None:
        spec = site.policy.storage
        hashed_password = any(
            site.qualify(base.value) in spec.hashed_password_bases for base in site.node.bases
        )
        body = site.node.body
        if not isinstance(body, cst.IndentedBlock) or _is_migration(site.path):
            return  # a migration's frozen copy of a model: the model itself is judged
        hashed: set[str] | None = None  # found only for a class with a candidate column
        login = _is_login_table(site, site.node)
        for statement in body.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            comment = statement.trailing_whitespace.comment
            if comment is not None and not _HASH_WORDS.isdisjoint(identifier_words(comment.value)):
                continue  # `password = Column(Text)  # argon2 / bcrypt hash`
            for small in statement.body:
                target: cst.BaseExpression
                annotation: cst.BaseExpression | None = None
                value: cst.BaseExpression | None
                if isinstance(small, cst.Assign) and len(small.targets) == 1:
                    target, value = small.targets[0].target, small.value
                elif isinstance(small, cst.AnnAssign):
                    target, value = small.target, small.value
                    annotation = small.annotation.annotation
                else:
                    continue
                if not isinstance(target, cst.Name):
                    continue
                if isinstance(value, cst.Call):
                    self._seen.add(id(value))  # judged here, not again by on_call
                if hashed_password and target.value in spec.hashed_password_fields:
                    continue
                clear = self._clear_type(site, value, annotation)
                if clear is None:
                    continue
                if hashed is None:
                    hashed = _hashed_attributes(site, body)
                if target.value in hashed:
                    continue
                names = [target.value]
                if isinstance(value, cst.Call):
                    literal = _column_literal(value)
                    if literal is not None:
                        names.append(literal)
                for name in names:
                    if self._report(site, target, name, clear, login=login):
                        break

    def on_call(self, site: CallSite) -> None:
        """``Column("api_token", String)`` in a ``Table(...)``, outside a class body."""
        node = site.node
        if site.qualified is not None and site.qualified in site.policy.storage.migrations:
            self._seen.update(id(call) for call in iter_calls(node))
            return
        if _is_migration(site.path):
            return  # a schema migration repeats the models' columns, judged there
        if last_name(node.func) == "Table":
            # `Table("users", meta, Column("username", ...), Column("password", ...))`:
            # its columns are judged together, as a class's are
            columns = [
                arg.value
                for arg in node.args
                if isinstance(arg.value, cst.Call) and _column_literal(arg.value) is not None
            ]
            login = not _LOGIN_CLASS_WORDS.isdisjoint(
                identifier_words(_table_name(node) or "")
            ) or any(_names_login(site, _column_literal(column) or "") for column in columns)
            for column in columns:
                if id(column) not in self._seen:
                    self._seen.add(id(column))
                    self._judge_call(site, column, login)
            return
        if id(node) in self._seen or _column_literal(node) is None:
            return
        self._judge_call(site, node, False)

    def _judge_call(self, site: Site, node: cst.Call, login: bool) -> None:
        clear = self._clear_type(site, node, None)
        literal = _column_literal(node)
        if clear is not None and literal is not None:
            first = node.args[0].value
            self._report(site, first, literal, clear, login=login)

    def _report(
        self, site: Site, node: cst.CSTNode, name: str, clear: str, login: bool = False
    ) -> bool:
        spec = site.policy.storage
        if spec.column_not_words & set(identifier_words(name)):
            return False
        categories = [
            c for c in site.policy.classify(name) if matches_category(c, spec.column_categories)
        ]
        if not categories:
            return False
        ordered = site.ordered(categories)
        message = f"{', '.join(ordered)} column {name} is stored in clear text ({clear}): {_ADVICE}"
        level = None
        if login and tuple(ordered) == ("credential.password",):
            # the users' own login passwords: a hash almost always, a note to confirm
            message += "; a login table's password column most often holds a hash"
            level = Level.NOTE
        site.report(type(self), node, message, ordered, level=level)
        return True

    def _clear_type(
        self, site: Site, value: cst.BaseExpression | None, annotation: cst.BaseExpression | None
    ) -> str | None:
        """The clear-text type a column declaration stores, or None."""
        spec = site.policy.storage
        if isinstance(value, cst.Call):
            func = value.func
            last = last_name(func)
            qualified = site.qualify(func)
            if last is None or spec.is_encrypted_type(qualified, last):
                return None
            if qualified is not None and qualified in spec.django_fields:
                return last
            if not (
                (qualified is not None and qualified in spec.sqlalchemy_columns)
                or (last in spec.column_names and isinstance(func, cst.Attribute))
            ):
                return None
            column_type = _column_type(value)
            if column_type is not None:
                return self._type_name(site, column_type)
        elif value is not None:
            return None
        if annotation is None:
            return None
        return self._mapped(site, annotation)

    def _type_name(self, site: Site, node: cst.BaseExpression) -> str | None:
        spec = site.policy.storage
        if isinstance(node, cst.Call):
            node = node.func
        last = last_name(node)
        if last is None or spec.is_encrypted_type(site.qualify(node), last):
            return None
        return last if last in spec.clear_types else None

    def _mapped(self, site: Site, annotation: cst.BaseExpression) -> str | None:
        """``Mapped[str]``, ``Mapped[Optional[str]]``, ``Mapped[str | None]`` -> ``str``."""
        spec = site.policy.storage
        if not isinstance(annotation, cst.Subscript) or len(annotation.slice) != 1:
            return None
        if site.qualify(annotation.value) not in spec.mapped:
            return None
        inner = annotation.slice[0].slice
        if not isinstance(inner, cst.Index):
            return None
        return _plain_type(inner.value, spec.mapped_clear_types)


#: words of a comment that say a column holds a hash (`# argon2 / bcrypt hash`)
_HASH_WORDS = frozenset(
    {"hash", "hashed", "hashes", "bcrypt", "argon2", "pbkdf2", "scrypt", "digest", "encrypted"}
)
#: words of a class name that make it a table of logins (users' own passwords)
_LOGIN_CLASS_WORDS = frozenset(
    {"user", "users", "auth", "account", "accounts", "login", "logins", "member", "members",
     "customer", "customers", "password", "passwords", "credential", "credentials"}
)  # fmt: skip


def _is_migration(path: str) -> bool:
    """A schema migration: under a ``migrations`` folder (Django, Alembic's
    ``migrations/versions``) or Alembic's ``alembic/versions``."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    return "migrations" in parts or ("alembic" in parts and "versions" in parts)


def _is_login_table(site: Site, node: cst.ClassDef) -> bool:
    """A table of the application's own users' logins: named for users, accounts or
    passwords, or holding a user name or e-mail address beside the password."""
    if not _LOGIN_CLASS_WORDS.isdisjoint(identifier_words(node.name.value)):
        return True
    body = node.body
    if not isinstance(body, cst.IndentedBlock):
        return False
    for statement in body.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            target = None
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                target = small.targets[0].target
            elif isinstance(small, cst.AnnAssign):
                target = small.target
            if isinstance(target, cst.Name) and _names_login(site, target.value):
                return True
    return False


def _names_login(site: Site, column: str) -> bool:
    """A column of a login: a user name or an e-mail address."""
    return any(c in ("pii.email", "identifier.user") for c in site.policy.classify(column))


def _table_name(node: cst.Call) -> str | None:
    """The name a ``Table(...)`` call gives, when it is a string (an f-string's text)."""
    if not node.args:
        return None
    first = node.args[0].value
    if isinstance(first, cst.SimpleString):
        value = first.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(first, cst.FormattedString):
        return "".join(
            part.value for part in first.parts if isinstance(part, cst.FormattedStringText)
        )
    return None


def _hashed_attributes(site: Site, body: cst.IndentedBlock) -> set[str]:
    """Attributes the class's methods set from an encrypting or hashing call
    (``self._password = generate_password_hash(password)`` in a setter)."""
    found: set[str] = set()
    for method in body.body:
        if not isinstance(method, cst.FunctionDef):
            continue
        # the direct walk, not a libcst visitor: this runs on every model class
        for node in iter_nodes(method.body):
            if not isinstance(node, cst.Assign) or not protected_call(site, node.value):
                continue
            for target in node.targets:
                attribute = target.target
                if (
                    isinstance(attribute, cst.Attribute)
                    and isinstance(attribute.value, cst.Name)
                    and attribute.value.value == "self"
                ):
                    found.add(attribute.attr.value)
    return found


def _plain_type(node: cst.BaseExpression, clear: frozenset[str]) -> str | None:
    if isinstance(node, cst.Name):
        return node.value if node.value in clear else None
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
        for side in (node.left, node.right):
            if isinstance(side, cst.Name) and side.value == "None":
                continue
            return _plain_type(side, clear)
    if isinstance(node, cst.Subscript) and last_name(node.value) == "Optional":
        inner = node.slice[0].slice if len(node.slice) == 1 else None
        if isinstance(inner, cst.Index):
            return _plain_type(inner.value, clear)
    return None


def _column_literal(call: cst.Call) -> str | None:
    """The column name given as a leading string literal: ``Column("token", String)``."""
    positional = [a for a in call.args if a.keyword is None and not a.star]
    if not positional or last_name(call.func) not in ("Column", "mapped_column"):
        return None
    first = positional[0].value
    if isinstance(first, cst.SimpleString):
        value = first.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _column_type(call: cst.Call) -> cst.BaseExpression | None:
    """The type argument of ``Column``/``mapped_column`` (after a leading name)."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in ("type_", "type"):
            return arg.value
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    if positional and isinstance(positional[0], cst.SimpleString):
        positional = positional[1:]
    return positional[0] if positional else None
