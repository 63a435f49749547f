"""Name resolution and taint: which expression carries which data categories.

One walk per file visits statements in source order, function by function. It
keeps, per scope, an import table (so ``import logging as lg`` and
``from logging import info as log_info`` resolve to ``logging.*``) and a taint
environment (``pw = form["password"]; msg = "x" + pw`` makes ``msg`` carry
``credential.password``). Branches are analysed on copies of the environment and
merged; a re-assignment kills earlier taint; sanitizers from the policy return
clean values. Rules see the facts through :class:`privlint.engine.context.CallSite`
at each call, with the environment as it is at that point of the function.

This is cheaper than libcst's Scope and QualifiedName providers (figures in
DESIGN.md) and as precise for the imports and assignments real code uses.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import libcst as cst

from privlint.policy.model import Policy
from privlint.policy.words import before_by, identifier_words

if TYPE_CHECKING:
    from libcst import CSTNode


Taint = frozenset[str]
CLEAN: Taint = frozenset()

BUILTINS = frozenset(
    {
        "print", "str", "repr", "ascii", "format", "bytes", "bytearray", "dict", "list",
        "tuple", "set", "frozenset", "sorted", "reversed", "len", "bool", "type", "id",
        "hash", "isinstance", "issubclass", "callable", "ord", "vars", "locals", "globals",
        "getattr", "open", "input", "Exception", "ValueError", "RuntimeError", "TypeError",
        "KeyError",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Import:
    """A name bound by an import statement to a qualified name."""

    qualified: str


@dataclass(frozen=True)
class LoggerObject:
    """A name bound to a logger (``log = logging.getLogger(__name__)``)."""


@dataclass(frozen=True)
class Local:
    """A name bound to something else (a def, a class, a plain assignment)."""


Binding = Import | LoggerObject | Local


@dataclass(frozen=True)
class NameUses:
    """What a scope's code does with its bare names (see :meth:`Analysis._uses`)."""

    #: receivers of non-string attributes (``token.expires_at``)
    objects: frozenset[str]
    #: first arguments of functions that take a path (``os.path.isfile(rsa_key)``)
    paths: frozenset[str]
    #: looked up by a literal key or iterated by key and value
    mappings: frozenset[str]


@dataclass
class Scope:
    """Bindings and taint for one function, class or module body."""

    name: str
    parent: Scope | None
    bindings: dict[str, Binding] = field(default_factory=dict)
    env: dict[str, Taint] = field(default_factory=dict)
    #: comprehension scopes see their enclosing function's variables
    transparent: bool = False
    #: the statements of this scope, for the lazy object-name scan
    body: CSTNode | None = None
    #: parameter names (they shadow module-level names)
    params: frozenset[str] = frozenset()
    #: the class a parameter is annotated with, by its last name (``card: PaymentCard``)
    annotations: dict[str, str] = field(default_factory=dict)
    #: names bound to the result of a function of another module of the project
    #: (``token = fetch_api_token()``): what it returns is known in the project phase
    origins: dict[str, str] = field(default_factory=dict)
    #: names bound to string expressions whose leading text is known: name -> (text, complete)
    strings: dict[str, tuple[str, bool]] = field(default_factory=dict)
    #: names assigned from a value whose only evidence is an ambiguous name
    weak: set[str] = field(default_factory=set)
    #: names assigned from a value with evidence, and the categories that only a lone
    #: ambiguous name gave it (`channel = f"{user_id}:{session_id}"`: the session's)
    weak_parts: dict[str, Taint] = field(default_factory=dict)
    #: in a class body: the class, whose flag attributes are found when first asked
    #: (``self.manual_token = entry.get(CONF_MANUAL_TOKEN, False)``)
    class_node: cst.ClassDef | None = None
    _flags: frozenset[str] | None = None
    _typed: frozenset[str] | None = None
    #: loop names over a class's members (``for e in _OpenAIEnvVar``): an enum's
    #: members, whose attributes are its constants or computed from them
    members: set[str] = field(default_factory=set)
    _uses: NameUses | None = None
    _compared: frozenset[str] | None = None
    _query_values: frozenset[str] | None = None

    def function_scope(self) -> Scope:
        scope = self
        while scope.transparent and scope.parent is not None:
            scope = scope.parent
        return scope

    def lookup(self, name: str) -> Binding | None:
        scope: Scope | None = self
        while scope is not None:
            binding = scope.bindings.get(name)
            if binding is not None:
                return binding
            scope = scope.parent
        return None


def dotted(node: cst.BaseExpression) -> str | None:
    """``a.b.c`` for a chain of names and attributes, else None."""
    parts: list[str] = []
    # ``type(node) is``: exact, libcst subclasses neither class
    # (tests/engine/test_dispatch.py), and isinstance on its ABCMeta classes costs
    # twice as much here, on one of the walk's most frequent calls
    while type(node) is cst.Attribute:
        parts.append(node.attr.value)
        node = node.value
    if type(node) is not cst.Name:
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


def string_value(node: cst.BaseExpression) -> str | None:
    """The value of a plain string literal (not an f-string), else None."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def is_literal(node: cst.BaseExpression) -> bool:
    return isinstance(
        node, (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float, cst.Imaginary)
    ) or (isinstance(node, cst.Name) and node.value in ("None", "True", "False"))


class Analysis:
    """Per-file resolver and taint evaluator. ``scope`` is the current scope."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.sinks = policy.sinks
        #: state that rule helpers keep for this file (a module-level map keyed by the
        #: analysis would keep every file's tree alive once a value points back to it)
        self.rule_state: dict[str, Any] = {}
        self.scope = Scope("<module>", None)
        #: attribute names assigned from logger factories anywhere (``self.audit = getLogger()``)
        self.logger_attributes: set[str] = set()
        #: what the module's functions return by themselves, whatever their arguments
        #: (``def partner_token(): return os.environ["PARTNER_TOKEN"]``), by the name
        #: summaries give them (``record``, ``Client._trace``); filled as they are walked
        self.returns: dict[str, Taint] = {}
        #: what a call of one of those functions passes on from its arguments to its
        #: result (``def normalise(email): return email.strip().lower()``), set by
        #: the summaries
        self.passed: Callable[[str, cst.Call], Taint] | None = None
        #: the module's classes whose declared fields are named for data, and what
        #: they hold (``class Profile(BaseModel): email: str``)
        self.class_fields: dict[str, Taint] = {}

    # -- resolution ----------------------------------------------------------------
    def qualify(self, node: cst.BaseExpression) -> str | None:
        """The qualified name of a name or attribute chain after import resolution."""
        name = dotted(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        binding = self.scope.lookup(head)
        if isinstance(binding, Import):
            base = binding.qualified
        elif binding is None:
            base = head
        else:
            return None
        return f"{base}.{rest}" if rest else base

    def is_logger(self, node: cst.BaseExpression) -> bool:
        """Whether an expression evaluates to a logger object."""
        if isinstance(node, cst.Call):
            qualified = self.qualify(node.func)
            if qualified is not None and qualified in self.sinks.logger_factories:
                return True
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value in self.sinks.logger_binders:
                return self.is_logger(func.value)
            # a project's own factory, here or in another module: `make_logger("x")`,
            # `get_logger(__name__)`, `getLogger()` (the pack's factory words)
            last = func.attr.value if isinstance(func, cst.Attribute) else dotted(func)
            words = identifier_words(last.rpartition(".")[2]) if last else ()
            return len(words) > 1 and words[-1] in self.sinks.logger_factory_words

        if isinstance(node, cst.Name):
            binding = self.scope.lookup(node.value)
            if isinstance(binding, LoggerObject):
                return True
            if isinstance(binding, Import):
                # `from radicale.log import logger`: a module's logger, shared
                last = binding.qualified.rpartition(".")[2]
                return (
                    binding.qualified in self.sinks.logger_objects
                    or last in self.sinks.logger_names
                )
            return node.value in self.sinks.logger_names
        if isinstance(node, cst.Attribute):
            qualified = self.qualify(node)
            if qualified is not None and qualified in self.sinks.logger_objects:
                return True
            attr = node.attr.value
            if attr in self.sinks.logger_names or attr in self.logger_attributes:
                # `self.logger`, `cls._log`, `app.logger`; not `logging.log` (a function)
                return qualified is None or not qualified.startswith("logging.")
        return False

    # -- constant strings ------------------------------------------------------------
    def string_prefix(self, node: cst.BaseExpression) -> tuple[str, bool] | None:
        """The known leading text of a string expression, and whether it is all known.

        Follows literals, f-strings (up to the first placeholder), ``+`` joins,
        ``%`` and ``.format`` templates (up to the first placeholder), and names
        bound to such expressions in this function or at module level
        (``BASE = "http://api"; requests.get(BASE + "/x")``).
        """
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            value = string_value(node)
            return (value, True) if value is not None else None
        if isinstance(node, cst.FormattedString):
            text = []
            for part in node.parts:
                if isinstance(part, cst.FormattedStringText):
                    text.append(part.value)
                else:
                    return ("".join(text), False)
            return ("".join(text), True)
        if isinstance(node, cst.BinaryOperation):
            if isinstance(node.operator, cst.Add):
                left = self.string_prefix(node.left)
                if left is None or not left[1]:
                    return left
                right = self.string_prefix(node.right)
                if right is None:
                    return (left[0], False)
                return (left[0] + right[0], right[1])
            if isinstance(node.operator, cst.Modulo):
                left = self.string_prefix(node.left)
                if left is None:
                    return None
                return (left[0].partition("%")[0], "%" not in left[0] and left[1])
            return None
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            if node.func.attr.value == "format":
                receiver = self.string_prefix(node.func.value)
                if receiver is None:
                    return None
                return (receiver[0].partition("{")[0], "{" not in receiver[0] and receiver[1])
            return None
        if isinstance(node, cst.Name):
            scope: Scope | None = self.scope
            while scope is not None:
                if node.value in scope.strings:
                    return scope.strings[node.value]
                if node.value in scope.env or node.value in scope.params:
                    return None
                scope = scope.parent
            return None
        return None

    # -- taint ---------------------------------------------------------------------
    def is_record_of(self, name: str, annotation: cst.BaseExpression) -> bool:
        """A singular name of scalar categories typed as a mapping (``signed_master_key:
        JsonDict``, ``latest_email: dict``): a record about one value (a public key with
        its signatures, a newsletter's statistics), not the value (taxonomy ``scalar``)."""
        return self._record_name(name) and _is_mapping_type(annotation)

    def _record_name(self, name: str) -> bool:
        """A singular name of scalar categories only (``master_key``, ``email``)."""
        words = identifier_words(name)
        if not words or words[-1].endswith("s"):
            return False  # `secrets: dict` holds them
        categories = self.policy.classify(name)
        return bool(categories) and all(self.policy.category(c).scalar for c in categories)

    def is_plain_type(self, annotation: cst.BaseExpression) -> bool:
        """Whether an annotation types a value that holds no sensitive data by itself: a
        number, a flag, a time, or a class named for a position (``StreamToken``),
        optionally ``| None`` or ``Optional[...]`` (the rule pack's ``[types]``)."""
        types = _alternatives(annotation)
        if not types:
            return False
        return all(
            (name := dotted(part)) is not None
            and self.policy.is_plain_type(name.rpartition(".")[2])
            for part in types
        )

    def is_object_type(self, annotation: cst.BaseExpression) -> bool:
        """Whether an annotation types an object of a class whose name says nothing
        sensitive (``auth_header: AuthenticateHeader | None``): the object is what
        its class says, not the data its name says. Not a generic or container type
        (``Any``, ``Mapping``), and not a class named with a sensitive or ambiguous
        word (``ClientSession``, ``APIKeyHeader``, ``CookieJar``)."""
        types = _alternatives(annotation)
        if not types:
            return False
        return all(self._object_class(dotted(part)) for part in types)

    def asserted_objects(self, test: cst.BaseExpression) -> Iterator[cst.Name]:
        """The names a test asserts to be objects of classes that say nothing sensitive
        (``isinstance(message_body, SmlGetListResponse)``, joined by ``and``)."""
        if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
            yield from self.asserted_objects(test.left)
            yield from self.asserted_objects(test.right)
            return
        if (
            isinstance(test, cst.Call)
            and isinstance(test.func, cst.Name)
            and test.func.value == "isinstance"
            and len(test.args) == 2
            and isinstance(test.args[0].value, cst.Name)
        ):
            kinds = test.args[1].value
            classes = (
                [element.value for element in kinds.elements]
                if isinstance(kinds, cst.Tuple)
                else [kinds]
            )
            if classes and all(self._object_class(dotted(kind)) for kind in classes):
                yield test.args[0].value

    def _object_class(self, name: str | None) -> bool:
        if name is None:
            return False
        last = name.rpartition(".")[2]
        policy = self.policy
        if not _is_class_name(last) or last in policy.generic_types or _is_mapping_type_name(last):
            return False
        return not policy.classify(last) and not any(
            policy.classify(word) or policy.is_ambiguous(word) for word in identifier_words(last)
        )

    def name_evidence(self, node: cst.CSTNode) -> bool:
        """Whether what makes ``node`` sensitive is more than an ambiguous word: False
        when every sensitive name in it is a lone ``token``, ``session``, ``key`` or
        ``secret`` (the pack's ``[ambiguous]``) never assigned here, whose taint is its
        name alone (a pagination token, a chat session, a dict key)."""
        strong, weak = self._evidence(node)
        return strong is None or bool(strong) or not weak

    def weak_only(self, node: cst.CSTNode) -> Taint:
        """The categories of ``node`` that only lone ambiguous names give it
        (``session_id`` beside a ``user_id`` that is evidence of its own): the level
        of a finding comes from the others."""
        strong, weak = self._evidence(node)
        if strong is None:
            return CLEAN
        return frozenset(weak - strong)

    def _evidence(self, node: cst.CSTNode) -> tuple[set[str] | None, set[str]]:
        """The categories of the names ``node`` reads, split into those backed by
        evidence and those a lone ambiguous name gives; None for the first when
        something other than a name makes it sensitive."""
        if not isinstance(node, cst.BaseExpression):
            return None, set()
        strong: set[str] = set()
        weak: set[str] = set()
        for leaf in _name_leaves(node, self.sinks.lookup_methods):
            taint = self.taint(leaf)
            if not taint:
                continue
            if isinstance(leaf, cst.Call):
                # `metadata.get("session_id")`: the key names the data, as a name would;
                # what its other arguments carry is judged on its own. A key that names
                # nothing (`session.get("cart")`): the receiver's evidence decides.
                literal = literal_lookup_key(leaf, self.sinks.lookup_methods)
                rest = [arg.value for arg in leaf.args[1:]]
                if literal is not None and self.policy.classify(literal):
                    receiver = leaf.func.value if isinstance(leaf.func, cst.Attribute) else None
                    if self.policy.is_ambiguous(literal) and not (
                        # `request.COOKIES.get("sessionid")`: the jar says what it is
                        receiver is not None
                        and self.taint(receiver)
                        and self.name_evidence(receiver)
                    ):
                        weak |= taint
                    else:
                        strong |= taint
                elif isinstance(leaf.func, cst.Attribute):
                    rest.append(leaf.func.value)
                for arg in rest:
                    inner_strong, inner_weak = self._evidence(arg)
                    if inner_strong is None:
                        return None, weak
                    strong |= inner_strong
                    weak |= inner_weak
                continue
            if isinstance(leaf, cst.Subscript):
                # `request_info["session_id"]`: the key names the data, as a name would
                literal = _literal_subscript_key(leaf)
                if (
                    literal is None
                    or not self.policy.is_ambiguous(literal)
                    # `request.COOKIES["sessionid"]`: the jar says what it is
                    or (self.taint(leaf.value) and self.name_evidence(leaf.value))
                ):
                    strong |= taint
                else:
                    weak |= taint
                continue
            key = dotted(leaf)
            if key is None and isinstance(leaf, cst.Attribute):
                # `device.profiles[i].token`: an attribute past a subscript is judged by
                # its own name, as an attribute never assigned here is
                if self.policy.is_ambiguous(leaf.attr.value):
                    weak |= taint
                else:
                    strong |= taint
                continue
            if key is None:
                return None, weak
            assigned = self._assigned(key)
            owner, _, last = key.rpartition(".")
            if assigned:
                parts = self._weak_parts(key)
                strong |= taint - parts
                weak |= taint & parts
            elif assigned is None and (
                not self._ambiguous_key(owner, last)
                or self._owned_by_person(owner)
                or key in self._query_values(self.scope.function_scope())
            ):
                strong |= taint
            else:
                weak |= taint
        return strong, weak

    def _ambiguous_key(self, owner: str, last: str) -> bool:
        """A lone ambiguous name, or an attribute whose owner makes it one
        (`session.id` is a `session_id`)."""
        if self.policy.is_ambiguous(last):
            return True
        holder = owner.rpartition(".")[2]
        return (
            bool(owner)
            and not self.policy.classify(last)
            and self.policy.is_ambiguous(f"{holder}_{last}")
        )

    def _owned_by_person(self, owner: str) -> bool:
        """``user.full_name``, ``request.session_id``: an owner that says whose it is."""
        if not owner:
            return False
        last = owner.rpartition(".")[2]
        words = identifier_words(last)
        return "_".join(
            words
        ) in self.policy.ambiguous_owners or not self.policy.ambiguous_owners.isdisjoint(words)

    def _weak_parts(self, key: str) -> Taint:
        """The categories of an assigned ``key`` that only weak evidence gave it."""
        scope: Scope | None = self.scope
        while scope is not None:
            if key in scope.env:
                return scope.weak_parts.get(key, CLEAN)
            scope = scope.parent if scope.transparent else None
        return CLEAN

    def _assigned(self, key: str) -> bool | None:
        """Whether ``key`` was assigned here from something that is evidence itself:
        False when assigned from a lone ambiguous name (``sid = trace.session_id``),
        None when not assigned here."""
        scope: Scope | None = self.scope
        while scope is not None:
            if key in scope.env:
                return key not in scope.weak
            scope = scope.parent if scope.transparent else None
        return None

    def taint(self, node: cst.BaseExpression) -> Taint:
        """The data categories an expression carries at this point of the walk."""
        method = getattr(self, f"_taint_{type(node).__name__}", None)
        if method is None:
            return CLEAN
        result: Taint = method(node)
        return result

    def taint_all(self, nodes: Sequence[cst.BaseExpression]) -> Taint:
        result: set[str] = set()
        for node in nodes:
            result |= self.taint(node)
        return frozenset(result)

    def _name_default(self, key: str) -> Taint:
        """Taint of a name or dotted attribute with no assignment seen: its name's.

        Two refinements keep names honest. A module-level constant assigned a
        literal (``REASON_NO_CSRF_COOKIE = "CSRF cookie not set."``) carries what
        was assigned, not what its name says. A bare name used as an object in its
        function (``token.contents``, ``token.lineno``: a parser's token, not a
        credential) is not sensitive by name; its attributes are judged on their
        own names.
        """
        if "." in key:
            # `settings.SECRET_KEY`, `user.email`: the last attribute names the data
            owner, _, last = key.rpartition(".")
            if owner in ("self", "cls") and (
                last in self._class_flags() or last in self._class_objects()
            ):
                # `self.manual_token`: set to a flag wherever it is set;
                # `self.auth_header: AuthenticateHeader`: an object of that class
                return CLEAN
            if owner.partition(".")[0] in self._members():
                return CLEAN  # `e.secret_key` of `for e in _OpenAIEnvVar`: a constant's
            if last.isupper() and self.policy.is_key_class(owner.rpartition(".")[2]):
                return CLEAN  # `ConfigKey.DB_PASSWORD`: the name of a setting
            if self._describes(owner):
                # `entity_description.api_key`: the name of a vendor API's field
                return CLEAN
            categories = self.policy.classify(last)
            if categories and not _CONFIG_WORDS.isdisjoint(owner.lower().split(".")):
                # `config.registration.delegate_msisdn`, `settings.ADMIN_EMAIL`: a
                # setting is an operator's choice (a URL, an address), not a person's
                # data; a configured secret is still a secret
                return frozenset(c for c in categories if c.startswith("credential."))
            if not categories:
                # `event.content`, `contact.name`: the owner says what its attribute is
                # (`event_content`, `contact_name`); a setting's owner never does
                holder = owner.rpartition(".")[2]
                if holder not in ("self", "cls") and _CONFIG_WORDS.isdisjoint(
                    owner.lower().split(".")
                ):
                    categories = self.policy.classify(f"{holder}_{last}")
                    if len(identifier_words(holder)) != 1 or not categories:
                        return CLEAN
            return categories
        binding = self.scope.lookup(key)
        if self.policy.names_a_key(key):
            return CLEAN  # `CONF_API_KEY = "api_key"`: the name of a key, not its value
        if isinstance(binding, Import) and key.isupper() and "." in binding.qualified:
            # `from app.conf import SMTP_PASSWORD`: a constant of another module; like a
            # setting, a configured secret is still a secret, an address is a choice
            return frozenset(c for c in self.policy.classify(key) if c.startswith("credential."))
        if isinstance(binding, (Import, LoggerObject)):
            return CLEAN
        if _is_class_name(key):
            return CLEAN  # `APIToken`, `UserEmail`: a class named in CapWords, not data
        categories = self.policy.classify(key)
        if not categories:
            return CLEAN
        scope = self.scope.function_scope()
        if key not in scope.params:
            module = scope
            while module.parent is not None:
                module = module.parent
            if module is not scope and key in module.env:
                return module.env[key]
        if key in self._objects(scope):
            return CLEAN
        if key in self._paths(scope):
            return CLEAN  # `os.path.isfile(rsa_key)`: the key's file, not the key
        if self._record_name(key) and key in self._mappings(scope):
            # `master_key.get("signatures", {})`: a record about one key (a public key
            # with its signatures), as a singular name typed as a mapping is
            return CLEAN
        return categories

    def _members(self) -> set[str]:
        scope: Scope | None = self.scope
        found: set[str] = set()
        while scope is not None:
            found |= scope.members
            if not scope.transparent:
                break
            scope = scope.parent
        return found

    def _describes(self, owner: str) -> bool:
        """An object that describes data rather than holds it: named or annotated
        for a description (``entity_description: SensorEntityDescription``)."""
        words = self.policy.redaction.description_words
        holder = owner.rpartition(".")[2]
        if not words.isdisjoint(identifier_words(holder)):
            return True
        if "." in owner:
            return False
        annotated = self.scope.function_scope().annotations.get(owner)
        return annotated is not None and not words.isdisjoint(identifier_words(annotated))

    def _class_scope(self) -> Scope | None:
        """The scope of the class whose method is being walked."""
        scope: Scope | None = self.scope
        while scope is not None and scope.class_node is None:
            scope = scope.parent
        return scope

    def _class_flags(self) -> frozenset[str]:
        """The flag attributes of the class whose method is being walked."""
        scope = self._class_scope()
        if scope is None or scope.class_node is None:
            return frozenset()
        if scope._flags is None:
            scope._flags = class_flags(scope.class_node)
        return scope._flags

    def _class_objects(self) -> frozenset[str]:
        """The attributes that the class whose method is being walked annotates with a
        class of objects (``self.auth_header: AuthenticateHeader | None = None``),
        everywhere it annotates them."""
        scope = self._class_scope()
        if scope is None or scope.class_node is None:
            return frozenset()
        if scope._typed is None:
            verdicts: dict[str, bool] = {}
            for name, annotation in class_annotations(scope.class_node):
                verdicts[name] = verdicts.get(name, True) and self.is_object_type(annotation)
            scope._typed = frozenset(name for name, typed in verdicts.items() if typed)
        return scope._typed

    def _objects(self, scope: Scope) -> frozenset[str]:
        """Names the scope's code uses as objects: receivers of non-string attributes."""
        return self._uses(scope).objects

    def _paths(self, scope: Scope) -> frozenset[str]:
        """Names the scope's code passes as the first argument of a function that
        takes a path (``os.path.isfile(rsa_key)``; the pack's ``[about]
        path-functions``)."""
        return self._uses(scope).paths

    def _mappings(self, scope: Scope) -> frozenset[str]:
        """Names the scope's code uses as mappings: looked up by a literal key
        (``master_key.get("signatures")``, ``email["address"]``) or iterated by key
        and value (``.items()``, ``.keys()``, ``.values()``)."""
        return self._uses(scope).mappings

    def _uses(self, scope: Scope) -> NameUses:
        """What the scope's code does with its bare names, in one walk of its body."""
        if scope._uses is None:
            objects: set[str] = set()
            paths: set[str] = set()
            mappings: set[str] = set()
            if scope.body is not None:
                string_like = self.sinks.propagator_methods | _STRING_PREDICATES
                path_functions = self.policy.path_functions
                for node in iter_nodes(scope.body):
                    if isinstance(node, cst.Attribute):
                        if isinstance(node.value, cst.Name) and node.attr.value not in string_like:
                            objects.add(node.value.value)
                    elif isinstance(node, cst.Call):
                        func = node.func
                        first = node.args[0] if node.args else None
                        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
                            method = func.attr.value
                            if method in _MAPPING_VIEWS or (
                                method in KEYED_METHODS
                                and first is not None
                                and string_value(first.value) is not None
                            ):
                                mappings.add(func.value.value)
                        if (
                            first is not None
                            and first.keyword is None
                            and isinstance(first.value, cst.Name)
                            and path_functions
                            and self.qualify(func) in path_functions
                        ):
                            paths.add(first.value.value)
                    elif (
                        isinstance(node, cst.Subscript)
                        and isinstance(node.value, cst.Name)
                        and _literal_subscript_key(node) is not None
                    ):
                        mappings.add(node.value.value)
            scope._uses = NameUses(frozenset(objects), frozenset(paths), frozenset(mappings))
        return scope._uses

    def _compared(self, scope: Scope) -> frozenset[str]:
        """Names the scope's code compares as positions or enum values: ordered against
        anything (``since_token < now_token``), or equal to a number or to a member of
        a class (``token == SearchToken.Or``). Such a value is a position, a count or a
        lexer's token, not a credential."""
        if scope._compared is None:
            names: set[str] = set()
            if scope.body is not None:
                for node in iter_nodes(scope.body):
                    if isinstance(node, cst.Comparison):
                        names.update(_plainly_compared(node, self.policy))
            scope._compared = frozenset(names)
        return scope._compared

    def _query_values(self, scope: Scope) -> frozenset[str]:
        """Names and attributes the scope's code puts in a URL's query under a key that
        names a credential (``'{}?token={}'.format(url, org.token)``,
        ``f"{base}&api_key={key}"``): their use says what they are."""
        if scope._query_values is None:
            found: set[str] = set()
            if scope.body is not None:
                for node in iter_nodes(scope.body):
                    for key, value in _query_parameters(node):
                        text = dotted(value)
                        if text is not None and any(
                            c.startswith("credential.") for c in self.policy.classify(key)
                        ):
                            found.add(text)
            scope._query_values = frozenset(found)
        return scope._query_values

    def lookup_taint(self, key: str) -> Taint:
        scope: Scope | None = self.scope
        while scope is not None:
            if key in scope.env:
                found = scope.env[key]
                break
            scope = scope.parent if scope.transparent else None
        else:
            found = self._name_default(key)
        # a name compared as a position is clean whatever it holds; the comparisons
        # are looked for (a walk of the function) only for a name that holds something
        if found and key in self._compared(self.scope.function_scope()):
            return CLEAN
        return found

    def _taint_Name(self, node: cst.Name) -> Taint:
        if node.value in ("None", "True", "False", "self", "cls"):
            return CLEAN
        return self.lookup_taint(node.value)

    def _taint_Attribute(self, node: cst.Attribute) -> Taint:
        if self._masked(node):
            return CLEAN  # `engine.url`: its string form masks the password
        key = dotted(node)
        if key is not None:
            return self.lookup_taint(key)
        return self.policy.classify(node.attr.value)

    def _taint_Subscript(self, node: cst.Subscript) -> Taint:
        if len(node.slice) == 1:
            index = node.slice[0].slice
            if isinstance(index, cst.Slice) and _is_partial_reveal(index):
                return CLEAN  # `token[:4]`, `card[-4:]`: a partial reveal, as masking shows
            if isinstance(index, cst.Index):
                if _is_domain_part(node.value, index.value):
                    return CLEAN  # `email.split("@")[-1]`: the domain, not the address
                key = string_value(index.value)
                if key is None:
                    key = _constant_key(index.value)
                if key is not None:
                    if self._is_metadata_table(node):
                        return CLEAN
                    return self.policy.classify(key)
                container = self.taint(node.value)
                if container and container & self.taint(index.value):
                    # `access_tokens[access_token]`: a table keyed by the data
                    # returns what is known about it, not the data itself
                    return CLEAN
                return container
        return self.taint(node.value)

    def _taint_SimpleString(self, node: cst.SimpleString) -> Taint:
        return CLEAN

    def _taint_FormattedString(self, node: cst.FormattedString) -> Taint:
        result: set[str] = set()
        for part in node.parts:
            if isinstance(part, cst.FormattedStringExpression):
                result |= self.taint(part.expression)
                if part.format_spec:
                    for spec in part.format_spec:
                        if isinstance(spec, cst.FormattedStringExpression):
                            result |= self.taint(spec.expression)
        return frozenset(result)

    def _taint_ConcatenatedString(self, node: cst.ConcatenatedString) -> Taint:
        return self.taint(node.left) | self.taint(node.right)

    def _taint_BinaryOperation(self, node: cst.BinaryOperation) -> Taint:
        return self.taint(node.left) | self.taint(node.right)

    def _taint_BooleanOperation(self, node: cst.BooleanOperation) -> Taint:
        return self.taint(node.left) | self.taint(node.right)

    def _taint_UnaryOperation(self, node: cst.UnaryOperation) -> Taint:
        if isinstance(node.operator, cst.Not):
            return CLEAN
        return self.taint(node.expression)

    def _taint_IfExp(self, node: cst.IfExp) -> Taint:
        return self.taint(node.body) | self.taint(node.orelse)

    def _taint_Await(self, node: cst.Await) -> Taint:
        return self.taint(node.expression)

    def _taint_NamedExpr(self, node: cst.NamedExpr) -> Taint:
        return self.taint(node.value)

    def _taint_StarredElement(self, node: cst.StarredElement) -> Taint:
        return self.taint(node.value)

    def _elements(self, elements: Sequence[cst.BaseElement]) -> Taint:
        return self.taint_all([element.value for element in elements])

    def _taint_List(self, node: cst.List) -> Taint:
        return self._elements(node.elements)

    def _taint_Tuple(self, node: cst.Tuple) -> Taint:
        return self._elements(node.elements)

    def _taint_Set(self, node: cst.Set) -> Taint:
        return self._elements(node.elements)

    def _taint_Dict(self, node: cst.Dict) -> Taint:
        result: set[str] = set()
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                result |= self.taint(element.value)
                key = string_value(element.key)
                if (
                    key is not None
                    and not self._is_description(element.value)
                    and not _is_class_name(element.value)
                    and not self._is_sanitized(element.value)
                ):
                    result |= self.policy.classify(key)
            else:
                result |= self.taint(element.value)
        return frozenset(result)

    def _is_sanitized(self, node: cst.BaseExpression) -> bool:
        """``redact_credentials(db_url)``, ``len(token)``: a value the pack's sanitizers
        made safe, whatever the key it is filed under says."""
        if not isinstance(node, cst.Call):
            return False
        func = node.func
        last = func.attr.value if isinstance(func, cst.Attribute) else dotted(func)
        return last is not None and self.policy.is_sanitizer(self.qualify(func), last)

    def _masked(self, node: cst.BaseExpression) -> bool:
        """An object whose string form masks what it holds (the pack's
        ``[sanitizers] objects``: ``engine.url``), or ``str()``/``repr()`` of one."""
        patterns = self.sinks.masked_objects
        if not patterns:
            return False
        if (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Name)
            and node.func.value in ("str", "repr")
            and len(node.args) == 1
        ):
            node = node.args[0].value
        if not isinstance(node, cst.Attribute):
            return False
        text = _chain_text(node)
        return text is not None and any(fnmatch.fnmatchcase(text, p) for p in patterns)

    def _is_description(self, node: cst.BaseExpression) -> bool:
        """Text about the data rather than the data: a literal, a name path through
        metadata (``self.username_field.verbose_name``), an entry of a metadata table
        (``self.error_messages["duplicate_email"]``), a translated literal
        (``_("This e-mail is taken")``), or a list or tuple of those."""
        if is_literal(node):
            return True
        if isinstance(node, (cst.List, cst.Tuple)):
            return all(self._is_description(element.value) for element in node.elements)
        if isinstance(node, cst.Call):
            name = dotted(node.func)
            return (
                name is not None
                and name.rpartition(".")[2] in self.policy.sinks.translations
                and bool(node.args)
                and all(self._is_description(arg.value) for arg in node.args)
            )
        if isinstance(node, cst.Subscript):
            return self._is_metadata_table(node)
        return self._is_metadata_path(node)

    def _is_metadata_path(self, node: cst.BaseExpression) -> bool:
        path = dotted(node)
        return path is not None and any(self.policy.is_metadata(p) for p in path.split("."))

    def _is_metadata_table(self, node: cst.Subscript) -> bool:
        """``self.error_messages["pw_mismatch"]``: a literal key into a table whose name
        says it describes data; the key names what the entry is about, not its value."""
        if len(node.slice) != 1:
            return False
        index = node.slice[0].slice
        if not isinstance(index, cst.Index) or string_value(index.value) is None:
            return False
        path = dotted(node.value)
        # not every metadata word: `settings["password"]` and `config["token"]` hold values
        return path is not None and not self.policy.sinks.description_tables.isdisjoint(
            identifier_words(path.rpartition(".")[2])
        )

    def _comprehension(self, node: cst.BaseComp, *elements: cst.BaseExpression) -> Taint:
        saved = self.scope
        self.scope = Scope(saved.name, saved, {}, {}, transparent=True)
        try:
            clause: cst.CompFor | None = node.for_in
            while clause is not None:
                self.bind_loop(clause.target, clause.iter)
                clause = clause.inner_for_in
            return self.taint_all(list(elements))
        finally:
            self.scope = saved

    def _taint_ListComp(self, node: cst.ListComp) -> Taint:
        return self._comprehension(node, node.elt)

    def _taint_SetComp(self, node: cst.SetComp) -> Taint:
        return self._comprehension(node, node.elt)

    def _taint_GeneratorExp(self, node: cst.GeneratorExp) -> Taint:
        return self._comprehension(node, node.elt)

    def _taint_DictComp(self, node: cst.DictComp) -> Taint:
        return self._comprehension(node, node.key, node.value)

    def _taint_Call(self, node: cst.Call) -> Taint:
        func = node.func
        qualified = self.qualify(func)
        if isinstance(func, cst.Name):
            last = func.value
        elif isinstance(func, cst.Attribute):
            last = func.attr.value
        else:
            return CLEAN
        if self.policy.is_sanitizer(qualified, last):
            return CLEAN
        args = [arg.value for arg in node.args]
        # sources by origin, from the pack: getpass(), a look-up by a literal key
        # (os.getenv("API_KEY"), config.get("smtp", "password")), input("Password: ")
        if qualified is not None and qualified in self.sinks.source_calls:
            return frozenset({self.sinks.source_calls[qualified]})
        found = self._looked_up(node, qualified, last)
        if found is not None:
            return found
        dumped = self._dumped(node, qualified, last)
        if dumped:
            return dumped
        if qualified is not None and qualified in self.sinks.prompt_functions:
            prompt = _first_argument(node, ("prompt", "text", "message"))
            text = string_value(prompt) if prompt is not None else None
            if text is not None:
                return self._prompted(text)
        if qualified is not None and qualified in self.sinks.propagator_functions:
            return self.taint_all(args)
        if (
            isinstance(func, cst.Attribute)
            and last in self.sinks.propagator_methods
            and not self._is_module(func.value)
        ):
            if last in KEYED_METHODS and node.args and not node.args[0].keyword:
                # `previous.get(api_key)`: what is filed under the key, or the default;
                # not the key itself
                args = args[1:]
            return self.taint(func.value) | self.taint_all(args)
        returned = self._returned(node)
        if returned:
            return returned
        words = identifier_words(last)
        if len(words) > 1 and words[0] in self.sinks.accessor_prefixes:
            if isinstance(func, cst.Attribute) and self._plain_receiver(func.value):
                return CLEAN  # `self._stream_id_gen.get_current_token()`: a position
            wanted = before_by(words[1:])
            if len(wanted) < len(words) - 1 and (
                not wanted or self.policy.is_ambiguous("_".join(wanted))
            ):
                # `User.get_by_email(email)`, `get_api_key_by_user()`: what follows `by`
                # is the key of the look-up, the result is what comes before it; a lone
                # ambiguous word there (`get_session_ids_by_user_ids`: Socket.IO
                # connection IDs) is no evidence of what it is
                return CLEAN
            return self.policy.classify("_".join(wanted))
        return CLEAN

    def remember_class(self, node: cst.ClassDef) -> None:
        """A module-level class: what its declared fields (``email: str``) hold."""
        if self.scope.parent is not None or not isinstance(node.body, cst.IndentedBlock):
            return
        found: set[str] = set()
        for line in node.body.body:
            if not isinstance(line, cst.SimpleStatementLine):
                continue
            for small in line.body:
                if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                    name = small.target.value
                    if not self.policy.is_ambiguous(name) and not self.is_plain_type(
                        small.annotation.annotation
                    ):
                        found |= self.policy.classify(name)
        if found:
            self.class_fields[node.name.value] = frozenset(found)

    def is_class_dump(self, node: cst.BaseExpression) -> bool:
        """Whether ``node`` dumps a whole object of one of the module's classes whose
        fields hold data (``profile.model_dump()``): the whole-object rule's case."""
        if not self.class_fields:
            return False
        if isinstance(node, cst.FormattedString):
            # `f"payload: {profile.model_dump()}"`: every part that carries data is one
            parts = [
                part.expression
                for part in node.parts
                if isinstance(part, cst.FormattedStringExpression) and self.taint(part.expression)
            ]
            return bool(parts) and all(self.is_class_dump(part) for part in parts)
        if not isinstance(node, cst.Call):
            return False
        func = node.func
        last = func.attr.value if isinstance(func, cst.Attribute) else dotted(func) or ""
        return bool(self._dumped(node, self.qualify(func), last))

    def _dumped(self, node: cst.Call, qualified: str | None, last: str) -> Taint:
        """``profile.model_dump()``, ``asdict(card)`` of a parameter annotated with one
        of the module's classes: what its fields hold."""
        if not self.class_fields:
            return CLEAN
        redaction = self.policy.redaction
        func = node.func
        if isinstance(func, cst.Attribute) and last in redaction.model_dump_methods:
            obj: cst.BaseExpression = func.value
        elif qualified in redaction.dump_functions and node.args:
            obj = node.args[0].value
        else:
            return CLEAN
        if not isinstance(obj, cst.Name):
            return CLEAN
        annotated = self.scope.function_scope().annotations.get(obj.value)
        return self.class_fields.get(annotated, CLEAN) if annotated else CLEAN

    def _returned(self, node: cst.Call) -> Taint:
        """What a call of one of the module's functions walked before returns: what it
        returns by itself, and what it passes on of the call's arguments; for
        ``helper()`` named at module level, or ``self.helper()`` in its class."""
        if self.passed is None:
            return CLEAN
        func = node.func
        key: str | None = None
        if isinstance(func, cst.Name):
            if isinstance(self.scope.lookup(func.value), Local):
                key = func.value
        elif (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.value.value in ("self", "cls")
        ):
            owner = self.scope.function_scope().name.rpartition(".")[0]
            key = f"{owner}.{func.attr.value}" if owner else None
        if key is None:
            return CLEAN
        return self.returns.get(key, CLEAN) | self.passed(key, node)

    def _looked_up(self, node: cst.Call, qualified: str | None, last: str) -> Taint | None:
        """What a look-up by a literal key returns (the categories its keys name), or
        None when no [[lookup]] of the pack applies to the call."""
        found: Taint | None = None
        #: what the entries kept to their receivers find: `conf.get("email", "ssl")` is
        #: ConfigParser's (section, option), not a dict's get(key, default)
        specific: Taint | None = None
        func = node.func
        for lookup in self.sinks.lookups:
            if qualified is None or qualified not in lookup.functions:
                if last not in lookup.methods:
                    continue
                if lookup.receiver_words:
                    receiver = dotted(func.value) if isinstance(func, cst.Attribute) else None
                    words = identifier_words(receiver.rpartition(".")[2]) if receiver else ()
                    if lookup.receiver_words.isdisjoint(words):
                        continue
            key = _argument_value(node, lookup.key.position, lookup.key.keywords)
            text = string_value(key) if key is not None else None
            if text is None:
                continue
            if lookup.receiver_words:
                specific = (specific or CLEAN) | self.policy.classify(text)
            else:
                found = (found or CLEAN) | self.policy.classify(text)
        return specific if specific is not None else found

    def _prompted(self, prompt: str) -> Taint:
        """``input("Password: ")``: what the prompt asks for, the whole of it or the
        part before its first bracket, colon or question mark (``Phone (optional)``)."""
        found = self.policy.classify(prompt)
        if not found:
            head = re.split(r"[(\[:?,]", prompt, maxsplit=1)[0]
            if head.strip() and head != prompt:
                found = self.policy.classify(head)
        return found

    def _plain_receiver(self, node: cst.BaseExpression) -> bool:
        """Whether an object's name says it deals in plain values (a stream, a cursor,
        a tokenizer): what its getters return is not a credential."""
        key = dotted(node)
        return key is not None and self.policy.is_plain_type(key.rpartition(".")[2])

    # -- binding -------------------------------------------------------------------
    def bind(self, target: cst.BaseExpression, taint: Taint) -> None:
        """Record an assignment of a value carrying ``taint`` to ``target``."""
        if isinstance(target, cst.Name):
            self.scope.env[target.value] = taint
            self.scope.members.discard(target.value)
            if target.value in self.scope.bindings and not isinstance(
                self.scope.bindings[target.value], Local
            ):
                self.scope.bindings[target.value] = Local()
        elif isinstance(target, cst.Attribute):
            key = dotted(target)
            if key is not None:
                self.scope.env[key] = taint
        elif isinstance(target, (cst.Tuple, cst.List)):
            many = len(target.elements) > 1
            for element in target.elements:
                part = element.value
                if many and taint and isinstance(part, cst.Name):
                    self.bind(part, self._part_of(part, taint))
                else:
                    self.bind(part, taint)
        elif isinstance(target, cst.StarredElement):
            self.bind(target.value, taint)
        elif isinstance(target, cst.Subscript):
            # `d["password"] = pw` taints the container (weak update)
            key = dotted(target.value)
            if key is not None and taint:
                self.scope.env[key] = self.lookup_taint(key) | taint

    def _names_other_sense(self, name: str) -> bool:
        """A target name that says its value is something else about the data: a
        sense of the policy's (``password_hash``, ``token_count``), or an ID, a length or
        another metadata word at its end or alone (``key_id``, ``email_domain``,
        ``count = get_tokens(count=True)``)."""
        if self.policy.classify(name):
            return False
        if self.policy.is_other_sense(name):
            return True
        words = identifier_words(name)
        return bool(words) and words[-1] in self.policy.about_words

    def _is_module(self, node: cst.BaseExpression) -> bool:
        """``requests`` in ``requests.get(url, headers=h)``: an imported module, whose
        functions are not methods of a value (a response is not its request's headers)."""
        key = dotted(node)
        return key is not None and isinstance(self.scope.lookup(key), Import)

    def _opaque_attribute(self, value: cst.BaseExpression) -> bool:
        """An attribute of an object privlint knows nothing about (``msg.frm.person``),
        not of an imported module (``os.sep``) nor a constant (``Mode.EDIT``)."""
        if not isinstance(value, cst.Attribute) or dotted(value) is None:
            return False
        root: cst.BaseExpression = value
        while isinstance(root, cst.Attribute):
            root = root.value
        if not isinstance(root, cst.Name) or self._is_module(root):
            return False
        return not _is_class_name(root.value) and not _CONSTANT.match(value.attr.value)

    def _opaque_call(self, value: cst.BaseExpression) -> bool:
        """A call whose result privlint knows nothing about: not a class (``email =
        EmailMessage()``), a sanitizer, or a plain type (``int(...)``); awaited or not."""
        if isinstance(value, cst.Await):
            value = value.expression
        if isinstance(value, cst.Subscript) and isinstance(value.value, cst.Call):
            value = value.value  # `payload["name"].split()[0]`: a part of the result
        if not isinstance(value, cst.Call):
            return False
        func = value.func
        if isinstance(func, cst.Name):
            last = func.value
        elif isinstance(func, cst.Attribute):
            last = func.attr.value
        else:
            return False
        if _is_class_name(last) or self.policy.is_plain_type(last):
            return False
        return not self.policy.is_sanitizer(self.qualify(func), last)

    def _call_names_result(self, value: cst.BaseExpression, target: str) -> bool:
        """A call of a function whose name says what it returns, a path, a file, an ID
        or a count (``save_uploaded_pkey_file(...)``), and does not read the data
        (``read_token_file()``): its result is that, not what ``target`` says, unless
        the function's name says the same (``uid = cached_user_id(...)``)."""
        if isinstance(value, cst.Await):
            value = value.expression
        if not isinstance(value, cst.Call):
            return False
        func = value.func
        last = func.attr.value if isinstance(func, cst.Attribute) else dotted(func)
        words = identifier_words(last.rpartition(".")[2]) if last else ()
        return (
            len(words) > 1
            and words[-1] in self.policy.about_results
            and words[0] not in self.policy.reading_verbs
            and self.policy.classify("_".join(words)).isdisjoint(self.policy.classify(target))
        )

    def _part_of(self, name: cst.Name, whole: Taint) -> Taint:
        """What one name of an unpacking (``for token, name in tokens.items()``) takes
        of the whole's categories: a name that is sensitive itself, what it names
        (``username, password = credentials``: a user name and a password); a name
        that says nothing of its own (``v``, ``value``, ``item``), the whole; a name of
        another meaning (``name``, ``count``, ``i``), nothing: it is the other part."""
        word = name.value
        if word in _UNPACK_OTHER:
            return CLEAN
        own = self.policy.classify(word)
        if own:
            return own
        return whole if len(word) == 1 or word in _UNPACK_GENERIC else CLEAN

    def bind_loop(self, target: cst.BaseExpression, iterable: cst.BaseExpression) -> None:
        """Bind the target of ``for target in iterable``. An element of a collection
        that is sensitive by its name alone (``user.api_tokens``) and that the scope
        uses as an object (``token.expires_at``) is a record, not the secret: as an
        unassigned name used as an object is (see :meth:`_name_default`)."""
        taint = self.taint(iterable)
        while (
            isinstance(iterable, cst.Call)
            and isinstance(iterable.func, cst.Name)
            and iterable.func.value in ("sorted", "reversed", "list", "tuple", "set")
            and iterable.args
        ):
            iterable = iterable.args[0].value  # `sorted(user.api_tokens, key=...)`
        if (
            taint
            and isinstance(target, cst.Name)
            and isinstance(iterable, (cst.Name, cst.Attribute))
            and (key := dotted(iterable)) is not None
            and self._assigned(key) is None
            and target.value in self._objects(self.scope.function_scope())
        ):
            taint = CLEAN
        if not taint and not is_literal(iterable):
            # `for email, (code, error) in failures.items()`: nothing is known of the
            # elements, so each name is what it says, as an unassigned name is
            self._unbind_names(target)
            if isinstance(target, cst.Name) and _is_class_name(_dotted_name(iterable).lstrip("_")):
                self.scope.members.add(target.value)  # `for e in _OpenAIEnvVar`
            return
        if (
            isinstance(target, cst.Name)
            and not self.policy.classify(target.value)
            and self._names_other_sense(target.value)
        ):
            # `for serial in import_tokens`, `for key_id in keys`: the name says each
            # element is something about the data (a dict's keys, an identifier)
            taint = CLEAN
        self.bind(target, taint)
        # what only a lone ambiguous name gave the collection (`paths` built from a
        # `session_id`) is weak evidence in its elements too
        weak = bool(taint) and not self.name_evidence(iterable)
        for name in _target_names(target):
            if weak:
                self.scope.weak.add(name)
            else:
                self.scope.weak.discard(name)

    def _unbind_names(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.scope.env.pop(target.value, None)
            self.scope.weak.discard(target.value)
            self.scope.weak_parts.pop(target.value, None)
            self.scope.strings.pop(target.value, None)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._unbind_names(element.value)
        elif isinstance(target, cst.StarredElement):
            self._unbind_names(target.value)
        else:
            self.bind(target, CLEAN)

    def bind_pairwise(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        """``a, b = x, y`` binds element-wise; anything else binds the whole value."""
        if (
            isinstance(target, (cst.Tuple, cst.List))
            and isinstance(value, (cst.Tuple, cst.List))
            and len(target.elements) == len(value.elements)
            and not any(isinstance(e, cst.StarredElement) for e in target.elements)
        ):
            for t, v in zip(target.elements, value.elements, strict=True):
                self.bind_pairwise(t.value, v.value)
            return
        if (
            isinstance(target, (cst.Tuple, cst.List))
            and not self.taint(value)
            and self._opaque_call(value)
        ):
            # `first_name, last_name = payload["name"].split(" ", 1)`: each part is
            # what its own name says, as one name bound to an unknown call's result is
            self.bind(target, CLEAN)
            for element in target.elements:
                part = element.value
                if isinstance(part, cst.Name):
                    own = self._name_default(part.value)
                    if own:
                        self.bind(part, own)
                        if self.policy.is_ambiguous(part.value):
                            self.scope.weak.add(part.value)
                        else:
                            self.scope.weak.discard(part.value)
            return
        taint = self.taint(value)
        named = False
        if taint and isinstance(target, cst.Name) and self._names_other_sense(target.value):
            # `key_id = api_key.split("_")[1]`, `password_hash = digest(password)`: the
            # name says the value is something else about the data
            taint = CLEAN
        if not taint and isinstance(target, cst.Name) and _secret_like(string_value(value)):
            # `FTP_PASSWORD = "ftp-Backup-2022"`: a hard-coded credential is one when it
            # is logged too (PL201 and PL101); a label or a key name is not
            credentials = frozenset(
                c for c in self.policy.classify(target.value) if c.startswith("credential.")
            )
            if credentials:
                taint = credentials
                named = True
        if (
            not taint
            and isinstance(target, cst.Name)
            and (self._opaque_call(value) or self._opaque_attribute(value))
            and not self._masked(value)
            and not self._call_names_result(value, target.value)
        ):
            # `email = normalise(raw)`, `username = msg.frm.person`: what an unknown
            # call returns or an object holds is what the name says; a lone ambiguous
            # name (`token = lexer.next()`) stays weak evidence
            taint = self._name_default(target.value)
            named = bool(taint)
        key = dotted(target) if isinstance(target, (cst.Name, cst.Attribute)) else None
        # the value's evidence is judged before the target is bound: in `session_id =
        # trace.session_id or session_id` the right-hand `session_id` is the parameter
        weak_value = not named and key is not None and bool(taint) and not self.name_evidence(value)
        if (
            not weak_value
            and taint
            and isinstance(target, cst.Name)
            and self.policy.is_ambiguous(target.value)
            and _produced(value.expression if isinstance(value, cst.Await) else value)
            and target.value in self._objects(self.scope.function_scope())
        ):
            # `token = get_one_token(serial)` then `token.get_multi_otp()`: a call's result
            # (or an element of a collection, `token_obj_list[0]`) used as an object
            # under a lone ambiguous name is a record's handle
            weak_value = True
        parts = (
            self.weak_only(value)
            if not named and key is not None and taint and not weak_value
            else CLEAN
        )
        self.bind(target, taint)
        if key is not None:
            self.scope.weak_parts.pop(key, None)
        if named and key is not None:
            if self.policy.is_ambiguous(key):
                self.scope.weak.add(key)
            else:
                self.scope.weak.discard(key)
        elif key is not None:
            if weak_value:
                self.scope.weak.add(key)
            else:
                self.scope.weak.discard(key)
                if parts:
                    self.scope.weak_parts[key] = parts
        if isinstance(target, cst.Name):
            known = self.string_prefix(value)
            if known is None:
                self.scope.strings.pop(target.value, None)
            else:
                self.scope.strings[target.value] = known
        if isinstance(target, cst.Name) and self.is_logger(value):
            self.scope.bindings[target.value] = LoggerObject()
        elif isinstance(target, cst.Attribute) and self.is_logger(value):
            self.logger_attributes.add(target.attr.value)

    def add_import(self, node: cst.Import | cst.ImportFrom) -> None:
        if isinstance(node, cst.Import):
            for alias in node.names:
                full = _dotted_name(alias.name)
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    self.scope.bindings[alias.asname.name.value] = Import(full)
                else:
                    head = full.partition(".")[0]
                    self.scope.bindings[head] = Import(head)
            return
        if node.relative or node.module is None:
            module = "." * len(node.relative) + (
                _dotted_name(node.module) if node.module is not None else ""
            )
        else:
            module = _dotted_name(node.module)
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            name = _dotted_name(alias.name)
            local = name
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            # `from . import util` is `.util`, `from .. import util` is `..util`
            joined = f"{module}{name}" if module.endswith(".") else f"{module}.{name}"
            self.scope.bindings[local] = Import(joined)


#: a slice that keeps at most this many characters shows part of a value, as a mask does
PARTIAL_REVEAL = 8


def _is_partial_reveal(index: cst.Slice) -> bool:
    """``[:4]``, ``[0:6]``, ``[-4:]``: a short prefix or suffix of a value."""
    if index.step is not None:
        return False
    lower, upper = _small_int(index.lower), _small_int(index.upper)
    if index.lower is None or lower == 0:
        return upper is not None and 0 < upper <= PARTIAL_REVEAL
    return index.upper is None and lower is not None and -PARTIAL_REVEAL <= lower < 0


#: the methods that cut a string at its "@", and the indexes of the part after it
_AT_CUTS = {"split": (1, -1), "rsplit": (1, -1), "partition": (2, -1), "rpartition": (2, -1)}


def _is_domain_part(value: cst.BaseExpression, index: cst.BaseExpression) -> bool:
    """``address.split("@")[-1]``, ``address.rpartition("@")[2]``: what follows the
    "@" of an e-mail address is its domain, which names no one."""
    if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)):
        return False
    after = _AT_CUTS.get(value.func.attr.value)
    if after is None or not value.args or string_value(value.args[0].value) != "@":
        return False
    return _small_int(index) in after


#: the look-up methods whose first argument is a key, not a part of the result
KEYED_METHODS = frozenset({"get", "pop", "setdefault"})


#: the end of a URL's text just before a query parameter's value: `?token=`, `&api_key=`
_QUERY_KEY = re.compile(r"[?&;]([A-Za-z_][\w.-]*)=$")
#: a `str.format` replacement field: `{}`, `{0}`
_FORMAT_FIELD = re.compile(r"\{(\d*)\}")


def _query_parameters(node: cst.CSTNode) -> Iterator[tuple[str, cst.BaseExpression]]:
    """``(key, value)`` for each value a string puts in a URL's query by formatting:
    an f-string's ``?token={x}``, a literal's ``'...&key={}'.format(..., x)``."""
    if isinstance(node, cst.FormattedString):
        text = ""
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                text += part.value
                continue
            if isinstance(part, cst.FormattedStringExpression):
                match = _QUERY_KEY.search(text)
                if match is not None:
                    yield match.group(1), part.expression
            text = ""
    elif (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "format"
        and isinstance(node.func.value, cst.SimpleString)
    ):
        literal = node.func.value.evaluated_value
        if not isinstance(literal, str):
            return
        positional = [arg.value for arg in node.args if arg.keyword is None and not arg.star]
        for automatic, field_match in enumerate(_FORMAT_FIELD.finditer(literal)):
            index = int(field_match.group(1)) if field_match.group(1) else automatic
            match = _QUERY_KEY.search(literal[: field_match.start()])
            if match is not None and index < len(positional):
                yield match.group(1), positional[index]


def _produced(value: cst.BaseExpression) -> bool:
    """A call's result or an element picked from a collection by position
    (``tokens[0]``), not a value filed under a key that names it."""
    if isinstance(value, cst.Call):
        return True
    return (
        isinstance(value, cst.Subscript)
        and len(value.slice) == 1
        and isinstance(value.slice[0].slice, cst.Index)
        and _small_int(value.slice[0].slice.value) is not None
    )


def _target_names(target: cst.BaseExpression) -> Iterator[str]:
    """The names an assignment or loop target binds."""
    if isinstance(target, cst.Name):
        yield target.value
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from _target_names(element.value)
    elif isinstance(target, cst.StarredElement):
        yield from _target_names(target.value)


def _small_int(node: cst.BaseExpression | None) -> int | None:
    if isinstance(node, cst.Integer):
        return int(node.value, 0)
    if (
        isinstance(node, cst.UnaryOperation)
        and isinstance(node.operator, cst.Minus)
        and isinstance(node.expression, cst.Integer)
    ):
        return -int(node.expression.value, 0)
    return None


_CONSTANT = re.compile(r"^[A-Z][A-Z0-9_]*$")


def _constant_key(node: cst.BaseExpression) -> str | None:
    """``CONF_HOST`` or ``const.CONF_HOST`` used as a key: a module constant that names
    the entry (``user_input[CONF_HOST]`` is the host, whatever ``user_input`` holds)."""
    name = dotted(node)
    if name is None:
        return None
    last = name.rpartition(".")[2]
    return last if len(last) > 1 and _CONSTANT.match(last) else None


def _literal_subscript_key(node: cst.Subscript) -> str | None:
    """The string key of ``x["key"]``, else None."""
    if len(node.slice) != 1:
        return None
    index = node.slice[0].slice
    return string_value(index.value) if isinstance(index, cst.Index) else None


def _secret_like(text: str | None) -> bool:
    """A literal shaped like a password or key rather than a label, a key name, a path
    or a URL: one word of 8 to 200 characters with a digit or a symbol and a letter."""
    if text is None or not 8 <= len(text) <= 200 or any(c.isspace() for c in text):
        return False
    if "/" in text or "%" in text or "{" in text or text.startswith(("_", "$", "<")):
        return False
    has_letter = any(c.isalpha() for c in text)
    has_other = any(c.isdigit() or not c.isalnum() for c in text)
    return has_letter and has_other and not text.replace("_", "").isalpha()


def literal_lookup_key(node: cst.Call, methods: frozenset[str]) -> str | None:
    """The literal key of ``x.get("key")``, ``os.getenv("KEY")`` (``methods``: the
    pack's look-ups, ``SinkSpec.lookup_methods``), else None."""
    func = node.func
    last = func.attr.value if isinstance(func, cst.Attribute) else None
    if isinstance(func, cst.Name):
        last = func.value
    if last not in methods or not node.args or node.args[0].keyword is not None:
        return None
    return string_value(node.args[0].value)


def _name_leaves(
    node: cst.BaseExpression, lookup_methods: frozenset[str] = frozenset()
) -> Iterator[cst.BaseExpression]:
    """The names and attribute chains an expression reads, outermost chains only, not
    the functions it calls."""
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (cst.Name, cst.Attribute)) and dotted(current) is not None:
            yield current
            continue
        if isinstance(current, cst.Subscript) and _literal_subscript_key(current) is not None:
            yield current
            continue
        if (
            isinstance(current, cst.Call)
            and literal_lookup_key(current, lookup_methods) is not None
        ):
            yield current
            continue
        if isinstance(current, cst.Call):
            stack.extend(arg.value for arg in current.args)
            if isinstance(current.func, cst.Attribute):
                stack.append(current.func.value)
            continue
        stack.extend(current.children)


@functools.cache
def _operators() -> tuple[tuple[type[cst.CSTNode], ...], tuple[type[cst.CSTNode], ...]]:
    """The ordering and the equality comparison operators (built on first use)."""
    ordering = (cst.LessThan, cst.LessThanEqual, cst.GreaterThan, cst.GreaterThanEqual)
    return ordering, (cst.Equal, cst.NotEqual, cst.Is, cst.IsNot)


def _plainly_compared(node: cst.Comparison, policy: Policy) -> Iterator[str]:
    """The names (or dotted keys) in a comparison that compares them as positions or
    enum values (see ``Analysis._compared``)."""
    left = node.left
    for target in node.comparisons:
        right = target.comparator
        ordering, equality = _operators()
        plain = isinstance(target.operator, ordering) or (
            isinstance(target.operator, equality)
            and any(_is_number(side) or _is_member(side, policy) for side in (left, right))
        )
        if plain:
            for side in (left, right):
                if isinstance(side, (cst.Name, cst.Attribute)) and not _is_member(side, policy):
                    key = dotted(side)
                    if key is not None:
                        yield key
        left = right


def _is_number(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.UnaryOperation):
        node = node.expression
    return isinstance(node, (cst.Integer, cst.Float))


def _is_member(node: cst.BaseExpression, policy: Policy) -> bool:
    """``SearchToken.Or``, ``Codes.PASSWORD_TOO_SHORT``: a member of a class named in
    CamelCase, unless the member's own name is sensitive (``Config.API_TOKEN``)."""
    if not isinstance(node, cst.Attribute):
        return False
    base = node.value
    name = base.attr.value if isinstance(base, cst.Attribute) else getattr(base, "value", "")
    camel = isinstance(name, str) and name[:1].isupper() and not name.isupper()
    return camel and not policy.classify(node.attr.value)


def class_flags(node: cst.ClassDef) -> frozenset[str]:
    """The attributes that a class's methods set on ``self`` to flags only: ``True``
    or ``False``, a look-up with a flag default (``entry.get(CONF_X, False)``),
    ``bool(...)``, a comparison or a negation. Such an attribute says whether
    something is so (a token entered by hand), whatever its name says it holds."""
    values: dict[str, bool] = {}
    for method in node.body.body:
        if not isinstance(method, cst.FunctionDef):
            continue
        for statement in small_statements(method.body):
            if isinstance(statement, cst.Assign):
                targets = [target.target for target in statement.targets]
                value: cst.BaseExpression | None = statement.value
            elif isinstance(statement, (cst.AnnAssign, cst.AugAssign)):
                targets = [statement.target]
                value = statement.value if isinstance(statement, cst.AnnAssign) else None
            else:
                continue
            for target in targets:
                if (
                    isinstance(target, cst.Attribute)
                    and isinstance(target.value, cst.Name)
                    and target.value.value == "self"
                ):
                    name = target.attr.value
                    flag = value is not None and _is_flag(value)
                    values[name] = values.get(name, True) and flag
    return frozenset(name for name, flag in values.items() if flag)


def class_annotations(node: cst.ClassDef) -> Iterator[tuple[str, cst.BaseExpression]]:
    """The attributes a class annotates and their annotations: its fields
    (``auth_header: AuthenticateHeader``) and what its methods annotate on ``self``."""
    if not isinstance(node.body, cst.IndentedBlock):
        return
    for line in node.body.body:
        if isinstance(line, cst.SimpleStatementLine):
            for small in line.body:
                if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                    yield small.target.value, small.annotation.annotation
        elif isinstance(line, cst.FunctionDef):
            for statement in small_statements(line.body):
                if (
                    isinstance(statement, cst.AnnAssign)
                    and isinstance(statement.target, cst.Attribute)
                    and isinstance(statement.target.value, cst.Name)
                    and statement.target.value.value == "self"
                ):
                    yield statement.target.attr.value, statement.annotation.annotation


def _is_flag(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.Name):
        return node.value in ("True", "False")
    if isinstance(node, cst.Comparison):
        return True
    if isinstance(node, cst.UnaryOperation):
        return isinstance(node.operator, cst.Not)
    if isinstance(node, cst.BooleanOperation):
        return _is_flag(node.left) and _is_flag(node.right)
    if isinstance(node, cst.Call):
        func = node.func
        if isinstance(func, cst.Name) and func.value == "bool":
            return True
        return (
            isinstance(func, cst.Attribute)
            and func.attr.value == "get"
            and len(node.args) == 2
            and _is_flag(node.args[1].value)
            and isinstance(node.args[1].value, cst.Name)
        )
    return False


def _chain_text(node: cst.BaseExpression) -> str | None:
    """``settings.get_engine().url``: a chain of names, attributes and calls as text,
    calls written ``()``; None for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        owner = _chain_text(node.value)
        return None if owner is None else f"{owner}.{node.attr.value}"
    if isinstance(node, cst.Call):
        func = _chain_text(node.func)
        return None if func is None else f"{func}()"
    return None


def _alternatives(annotation: cst.BaseExpression) -> list[cst.BaseExpression] | None:
    """The types an annotation allows besides None (``X | None``, ``Optional[X]``, a
    forward reference ``"X"``); None for a subscripted type (``list[X]``)."""
    if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
        found: list[cst.BaseExpression] = []
        for part in (annotation.left, annotation.right):
            if _is_none(part):
                continue
            inner = _alternatives(part)
            if inner is None:
                return None
            found.extend(inner)
        return found
    if isinstance(annotation, cst.Subscript):
        outer = dotted(annotation.value)
        if outer is not None and outer.rpartition(".")[2] == "Optional":
            inner_slice = annotation.slice[0].slice
            if isinstance(inner_slice, cst.Index):
                return _alternatives(inner_slice.value)
        return None
    if isinstance(annotation, cst.SimpleString):
        text = string_value(annotation)  # a forward reference: "StreamToken | None"
        try:
            parsed = cst.parse_expression(text) if text else None
        except cst.ParserSyntaxError:
            return None
        return None if parsed is None else _alternatives(parsed)
    return [annotation]


def _is_mapping_type_name(last: str) -> bool:
    return last in ("dict", "MutableMapping") or last.endswith(("Dict", "Mapping"))


def _is_mapping_type(annotation: cst.BaseExpression) -> bool:
    """``dict``, ``Mapping[str, Any]``, ``JsonDict``, ``JsonMapping | None``."""
    if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
        kept = [part for part in (annotation.left, annotation.right) if not _is_none(part)]
        return bool(kept) and all(_is_mapping_type(part) for part in kept)
    if isinstance(annotation, cst.Subscript):
        outer = _dotted_name(annotation.value).rpartition(".")[2]
        if outer == "Optional" and len(annotation.slice) == 1:
            inner = annotation.slice[0].slice
            return isinstance(inner, cst.Index) and _is_mapping_type(inner.value)
        annotation = annotation.value
    return _is_mapping_type_name(_dotted_name(annotation).rpartition(".")[2])


def is_main_guard(test: cst.BaseExpression) -> bool:
    """``__name__ == "__main__"``: the test of the block a module runs as a script."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    sides = (test.left, test.comparisons[0].comparator)
    return (
        isinstance(test.comparisons[0].operator, cst.Equal)
        and any(isinstance(side, cst.Name) and side.value == "__name__" for side in sides)
        and any(string_value(side) == "__main__" for side in sides)
    )


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def _dotted_name(node: cst.BaseExpression) -> str:
    name = dotted(node)
    return name if name is not None else ""


def merge_envs(analysis: Analysis, before: dict[str, Taint], *branches: dict[str, Taint]) -> None:
    """Join branch environments into the current scope: a key's taint is the union."""
    keys: set[str] = set()
    for branch in branches:
        keys.update(branch)
    merged: dict[str, Taint] = dict(before)
    for key in keys:
        value: set[str] = set()
        for branch in branches:
            if key in branch:
                value |= branch[key]
            elif key in before:
                value |= before[key]
            else:
                value |= analysis._name_default(key)
        merged[key] = frozenset(value)
    analysis.scope.env = merged


def _is_class_name(node: cst.BaseExpression | str) -> bool:
    """``APIToken``, ``UserEmail``: a bare name in CapWords, which names a class."""
    key = node if isinstance(node, str) else node.value if isinstance(node, cst.Name) else ""
    return key[:1].isupper() and "_" not in key and not key.isupper()


#: Receivers whose attributes are settings
_CONFIG_WORDS = frozenset(["config", "settings", "conf", "cfg", "configuration", "options"])

#: Names in an unpacking that take the whole value's sensitivity although they say
#: nothing of their own, and single letters that are indexes, not values.
_UNPACK_GENERIC = frozenset(
    [
        "value",
        "values",
        "val",
        "vals",
        "item",
        "items",
        "data",
        "datum",
        "entry",
        "entries",
        "obj",
        "elem",
        "element",
        "content",
        "contents",
        "payload",
        "raw",
        "text",
        "body",
        "result",
        "results",
        "row",
        "record",
        "line",
        "pair",
        "info",
        "detail",
        "details",
        "field",
        "fields",
        "arg",
        "args",
        "kwargs",
        "res",
        "out",
        "output",
        "msg",
        "message",
        "part",
        "parts",
        "chunk",
        "blob",
        "cred",
        "creds",
        "credential",
        "credentials",
        "label",
        "display",
        "target",
        "targets",
    ]
)
_UNPACK_OTHER = frozenset(["i", "j", "n", "_"])

#: Methods that only a mapping has, which iterate its keys and values
_MAPPING_VIEWS = frozenset(["items", "keys", "values"])

_STRING_PREDICATES = frozenset(
    {
        "startswith", "endswith", "isdigit", "isalpha", "isalnum", "isnumeric", "isspace",
        "isupper", "islower", "count", "find", "rfind", "index", "rindex", "hexdigest",
        "digest", "hex",
    }
)  # fmt: skip


def iter_calls(node: cst.CSTNode) -> Iterator[cst.Call]:
    """Calls inside an expression or simple statement, outermost first, in source order."""
    for current in iter_nodes(node):
        if type(current) is cst.Call:  # exact: see dotted()
            yield current


def iter_nodes(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Nodes under ``node`` (itself first) in source order, skipping syntax trivia.

    A direct walk over node fields: libcst's visitor machinery rebuilds every node it
    passes and costs several times more. Nested defs and classes are statements of
    their own and are not entered; leaves that cannot hold an expression are not
    opened.
    """
    global _NODE_TYPES
    if not _NODE_TYPES:
        _NODE_TYPES = _node_types()
    node_types = _NODE_TYPES
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(_children(current, node_types)))


def _children(node: cst.CSTNode, types: frozenset[type[cst.CSTNode]]) -> list[cst.CSTNode]:
    """The node's children of the given classes, in source order."""
    children: list[cst.CSTNode] = []
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        if type(value) in types:
            children.append(value)
        elif type(value) is tuple or type(value) is list:
            children.extend(v for v in value if type(v) in types)
    return children


def small_statements(block: cst.CSTNode) -> Iterator[cst.BaseSmallStatement]:
    """The simple statements of a block and of the compound statements in it, in
    source order, without entering expressions (where no statement can be) nor nested
    defs and classes: what :func:`iter_nodes` would give of them, at a fraction of the
    cost."""
    global _BLOCK_TYPES
    if not _BLOCK_TYPES:
        _BLOCK_TYPES = _block_types()
    block_types = _BLOCK_TYPES
    stack: list[cst.CSTNode] = [block]
    while stack:
        current = stack.pop()
        kind = type(current)
        if kind is cst.SimpleStatementLine or kind is cst.SimpleStatementSuite:
            yield from current.body  # type: ignore[attr-defined]
        else:
            stack.extend(reversed(_children(current, block_types)))


def _block_types() -> frozenset[type[cst.CSTNode]]:
    """Nodes that hold statements (built on first use, like :func:`_node_types`)."""
    return frozenset(
        {
            cst.IndentedBlock,
            cst.SimpleStatementSuite,
            cst.SimpleStatementLine,
            cst.If,
            cst.Else,
            cst.For,
            cst.While,
            cst.With,
            cst.Try,
            cst.TryStar,
            cst.ExceptHandler,
            cst.ExceptStarHandler,
            cst.Finally,
            cst.Match,
            cst.MatchCase,
        }
    )


_BLOCK_TYPES: frozenset[type[cst.CSTNode]] = frozenset()


_NOT_CHILDREN = frozenset({"lpar", "rpar", "comma", "semicolon", "dot", "colon", "equal", "star"})


def _leaves() -> tuple[type[cst.CSTNode], ...]:
    """Node classes whose insides cannot hold an expression (built on first use, so
    that importing this module does not import libcst)."""
    return (
        cst.Name,
        cst.SimpleString,
        cst.Integer,
        cst.Float,
        cst.Imaginary,
        cst.Ellipsis,
        cst.FunctionDef,
        cst.ClassDef,
        cst.BaseParenthesizableWhitespace,
        cst.BaseBinaryOp,
        cst.BaseBooleanOp,
        cst.BaseCompOp,
        cst.BaseUnaryOp,
        cst.BaseAugOp,
        cst.Comma,
        cst.Dot,
        cst.Colon,
        cst.AssignEqual,
        cst.Semicolon,
        cst.LeftParen,
        cst.RightParen,
        cst.LeftSquareBracket,
        cst.RightSquareBracket,
        cst.LeftCurlyBrace,
        cst.RightCurlyBrace,
        cst.FormattedStringText,
        cst.Newline,
        cst.EmptyLine,
        cst.TrailingWhitespace,
        cst.Comment,
    )


def _node_types() -> frozenset[type[cst.CSTNode]]:
    """Concrete node classes worth entering when looking for calls."""
    found: set[type[cst.CSTNode]] = set()
    pending: list[type[cst.CSTNode]] = list(cst.CSTNode.__subclasses__())
    leaves = frozenset(_leaves())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        # the MRO rather than issubclass(): libcst nodes are ABCs, and ABC subclass
        # checks of ~500 classes against 30 bases cost 0.15 s of start-up
        if leaves.isdisjoint(cls.__mro__):
            found.add(cls)
    return frozenset(found)


#: filled on the first walk (see :func:`iter_nodes`)
_NODE_TYPES: frozenset[type[cst.CSTNode]] = frozenset()
_FIELDS: dict[type[cst.CSTNode], tuple[str, ...]] = {}


def _child_fields(cls: type[cst.CSTNode]) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = tuple(
            f.name
            for f in dataclasses.fields(cls)
            if "whitespace" not in f.name and f.name not in _NOT_CHILDREN
        )
        _FIELDS[cls] = names
    return names


def _argument_value(
    call: cst.Call, position: int | None, keywords: Sequence[str]
) -> cst.BaseExpression | None:
    """The argument at ``position`` or given by one of ``keywords``, if any."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in keywords:
            return arg.value
    if position is None:
        return None
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    return positional[position].value if len(positional) > position else None


def _first_argument(call: cst.Call, keywords: Sequence[str]) -> cst.BaseExpression | None:
    return _argument_value(call, 0, keywords)
