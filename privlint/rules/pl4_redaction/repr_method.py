"""PL403: a __repr__, __str__ or __format__ method shows sensitive attributes."""

from __future__ import annotations

import functools
from collections.abc import Callable

import libcst as cst

from privlint.engine.dataflow import dotted
from privlint.engine.walk import ClassSite, StatementSite
from privlint.findings import Level
from privlint.policy.words import identifier_words
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl1_logs.common import describe

METHODS = frozenset({"__repr__", "__str__", "__format__"})
#: methods that read a string without making it an object (with the pack's propagators)
STRING_READERS = frozenset(
    {
        "startswith", "endswith", "isdigit", "isalpha", "isalnum", "isspace", "count",
        "find", "rfind", "index", "rindex", "hex",
    }
)  # fmt: skip


@functools.cache
def _object_attributes() -> Callable[[frozenset[str]], cst.CSTVisitor]:
    """A visitor class (made on first use, so that importing the rules does not import
    libcst): ``X`` for every ``self.X.Y`` in a class body whose ``Y`` is not a string
    method: ``self.token.contents``, ``self.tokens.pop()`` use the attribute as an
    object."""

    class ObjectAttributes(cst.CSTVisitor):
        def __init__(self, string_like: frozenset[str]) -> None:
            super().__init__()
            self.string_like = string_like
            self.found: set[str] = set()

        def visit_Attribute(self, node: cst.Attribute) -> None:
            inner = node.value
            if (
                isinstance(inner, cst.Attribute)
                and isinstance(inner.value, cst.Name)
                and inner.value.value == "self"
                and node.attr.value not in self.string_like
            ):
                self.found.add(inner.attr.value)

    return ObjectAttributes


@register
class SensitiveReprMethod(Rule):
    """A `__repr__`, `__str__` or `__format__` method shows sensitive data.

    ## Why is this bad?
    These methods run whenever the object is logged, printed, formatted into a
    message or shown in a traceback or debugger. One that interpolates
    `self.password` or `self.email` leaks it through every one of those paths,
    including code that never mentions the field.

    ## Example
        def __repr__(self):
            return f"User({self.name!r}, {self.email!r})"

    ## Use instead
        def __repr__(self):
            return f"User(id={self.id})"

    The returned expression is judged with the same dataflow as the PL1xx rules:
    f-strings, `%`, `.format`, concatenation and local variables, with sanitizers
    (`mask*`, `len`, hashing) making a value safe. Only data the policy rates at
    error level is reported: an ID or a username is what a repr should show.

    Two kinds of attribute are not taken for what their name says. One the class
    uses as an object (`self.token.contents`, `self.tokens.pop()`) holds a
    structure, not a secret string. And in parsing code, a class whose name has a
    word the rule pack lists (`Node`, `Expression`, `Parser`, `Lexer`, ...), a name
    the pack calls ambiguous (`token`, `tokens`) is a lexical token: Django's
    `FilterExpression.__str__` returns `self.token`, the template text it parsed.
    """

    CODE = "PL403"
    NAME = "sensitive-repr-method"
    LEVEL = Level.ERROR
    TAGS = ("privacy", "security", "external/cwe/cwe-200")
    SECURITY_SEVERITY = 5.5
    CWE = (200,)

    VALID = [
        Valid("class U:\n    def __repr__(self):\n        return f'U(id={self.id})'\n"),
        Valid("class U:\n    def __repr__(self):\n        return f'U({self.username!r})'\n"),
        Valid("class U:\n    def __str__(self):\n        return 'U(password=***)'\n"),
        Valid("class U:\n    def __repr__(self):\n        return f'U({mask(self.password)})'\n"),
        Valid("class U:\n    def __repr__(self):\n        return f'U({len(self.token)})'\n"),
        Valid("class U:\n    def describe(self):\n        return f'U({self.password})'\n"),
        Valid("class U:\n    def __repr__(self):\n        return f'U({self.token_count})'\n"),
        Valid("class U:\n    def __str__(self):\n        return self.password_label\n"),
        Valid("def __repr__(self):\n    return 'x'\n"),
        Valid(
            "class U:\n    def __repr__(self):\n        has = bool(self.api_key)\n"
            "        return f'U(key set: {has})'\n"
        ),
        Valid("class U:\n    def __repr__(self):\n        return f'U({self.hashed_password})'\n"),
        # Django 5.2 django/template/base.py: template text, not credentials
        Valid(
            "class FilterExpression:\n    def __init__(self, token, parser):\n"
            "        self.token = token\n    def __str__(self):\n        return self.token\n"
            "    def __repr__(self):\n"
            "        return '<%s %r>' % (self.__class__.__qualname__, self.token)\n"
        ),
        Valid(
            "class Parser:\n    def __init__(self, tokens):\n        self.tokens = tokens\n"
            "    def next_token(self):\n        return self.tokens.pop()\n"
            "    def __repr__(self):\n"
            "        return '<%s tokens=%r>' % (self.__class__.__qualname__, self.tokens)\n"
        ),
        Valid(
            "class ExtendsNode(Node):\n    def __repr__(self):\n"
            "        return '<%s: extends %s>' % (self.__class__.__name__, self.parent_name.token)\n"
        ),
        Valid(
            "class Tag:\n    def __init__(self, token):\n        self.token = token\n"
            "    def render(self):\n        return self.token.contents.split()\n"
            "    def __str__(self):\n        return f'{{% {self.token} %}}'\n"
        ),
    ]
    INVALID = [
        Invalid(
            "class U:\n    def __repr__(self):\n        return f'U({self.password})'\n",
            region=(3, 16, 3, 37),
            message="credential.password reaches U.__repr__",
        ),
        Invalid("class U:\n    def __str__(self):\n        return self.email\n"),
        Invalid("class U:\n    def __repr__(self):\n        return 'U(%s)' % self.api_key\n"),
        Invalid("class U:\n    def __repr__(self):\n        return 'U({})'.format(self.token)\n"),
        Invalid(
            "class U:\n    def __format__(self, spec):\n        return format(self.card_number, spec)\n"
        ),
        Invalid(
            "class U:\n    def __str__(self):\n        return 'U(' + self.phone_number + ')'\n"
        ),
        Invalid(
            "class U:\n    def __repr__(self):\n        s = f'{self.name}:{self.secret}'\n        return s\n"
        ),
        Invalid(
            "class U:\n    def __repr__(self):\n        return f'U({self.first_name} {self.last_name})'\n"
        ),
        Invalid(
            "class U:\n    def __repr__(self):\n        if self.x:\n            return 'U()'\n"
            "        return repr(self.credentials)\n"
        ),
        Invalid(
            "class U:\n    def __str__(self):\n        return str({'user': self.user, 'pw': self.password})\n"
        ),
        Invalid(
            "class Outer:\n    class U:\n        def __repr__(self):\n            return f'{self.ssn}'\n"
        ),
        # a credential token: the class is not parsing code and uses it as a string
        Invalid(
            "class ApiToken:\n    def __init__(self, token):\n        self.token = token\n"
            "    def __repr__(self):\n        return f'ApiToken({self.token})'\n"
        ),
        Invalid(
            "class OAuthSession:\n    def refresh(self):\n"
            "        self.token = self.token.strip()\n"
            "    def __str__(self):\n        return 'session ' + self.token\n"
        ),
        # parsing code, but the field is not ambiguous: a password is a password
        Invalid(
            "class ConnectionNode:\n    def __repr__(self):\n"
            "        return f'<{self.host} {self.password}>'\n"
        ),
        # used as an object elsewhere, but another sensitive field is shown
        Invalid(
            "class Account:\n    def age(self):\n        return self.token.issued_at\n"
            "    def __repr__(self):\n        return f'{self.token} {self.email}'\n",
            message="pii.email reaches Account.__repr__",
        ),
    ]

    def __init__(self) -> None:
        #: classes by name, kept so that a method can look at its class's whole body
        self._classes: dict[str, cst.ClassDef] = {}
        self._object_attributes: dict[str, frozenset[str]] = {}

    def on_class(self, site: ClassSite) -> None:
        self._classes[site.node.name.value] = site.node

    def on_statement(self, site: StatementSite) -> None:
        node = site.node
        if not isinstance(node, cst.Return) or node.value is None:
            return
        owner, _, method = site.scope.rpartition(".")
        if method not in METHODS:
            return
        value = node.value
        categories = site.ordered(site.taint(value))
        # identifiers (a user ID, a username) are what a repr should show instead
        if not categories or site.policy.level_of(categories) is not Level.ERROR:
            return
        not_data = self._not_data(site, owner.rpartition(".")[2], value)
        if not_data:
            for attribute in not_data:
                value = value.deep_replace(attribute, cst.Name("None"))
            categories = site.ordered(site.taint(value))
            if not categories or site.policy.level_of(categories) is not Level.ERROR:
                return
        site.report(type(self), node.value, describe(categories, site.scope), categories)

    def _not_data(
        self, site: StatementSite, class_name: str, value: cst.BaseExpression
    ) -> list[cst.Attribute]:
        """Attributes in ``value`` that hold a structure or a lexical token, not data."""
        spec = site.policy.redaction
        objects = self._objects_of(site, class_name)
        parsing = bool(set(identifier_words(class_name)) & spec.syntax_class_words)
        found: list[cst.Attribute] = []
        for attribute in _attributes(value):
            is_object = dotted(attribute.value) == "self" and attribute.attr.value in objects
            is_lexical = parsing and attribute.attr.value in spec.ambiguous_names
            if is_object or is_lexical:
                found.append(attribute)
        return found

    def _objects_of(self, site: StatementSite, class_name: str) -> frozenset[str]:
        known = self._object_attributes.get(class_name)
        if known is None:
            known = frozenset()
            node = self._classes.get(class_name)
            if node is not None:
                visitor = _object_attributes()(
                    site.policy.sinks.propagator_methods | STRING_READERS
                )
                node.visit(visitor)
                known = frozenset(visitor.found)  # type: ignore[attr-defined]
            self._object_attributes[class_name] = known
        return known


def _attributes(node: cst.CSTNode) -> list[cst.Attribute]:
    """Attribute nodes in an expression, outermost first (not inside other attributes)."""
    if isinstance(node, cst.Attribute):
        return [node]
    found: list[cst.Attribute] = []
    for child in node.children:
        found.extend(_attributes(child))
    return found
