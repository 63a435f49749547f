"""PL403: a __repr__, __str__ or __format__ method shows sensitive attributes."""

from __future__ import annotations

import libcst as cst

from privlint.engine.walk import StatementSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl1_logs.common import describe

METHODS = frozenset({"__repr__", "__str__", "__format__"})


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
    ]

    def on_statement(self, site: StatementSite) -> None:
        node = site.node
        if not isinstance(node, cst.Return) or node.value is None:
            return
        if site.scope.rpartition(".")[2] not in METHODS:
            return
        categories = site.ordered(site.taint(node.value))
        # identifiers (a user ID, a username) are what a repr should show instead
        if categories and site.policy.level_of(categories) is Level.ERROR:
            site.report(type(self), node.value, describe(categories, site.scope), categories)
