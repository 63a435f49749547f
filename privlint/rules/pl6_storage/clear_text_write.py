"""PL601: a sensitive value is written to a file or database in clear text."""

from __future__ import annotations

import libcst as cst

from privlint.engine.context import CallSite, Site
from privlint.engine.dataflow import Scope, dotted, string_value
from privlint.engine.walk import AssignSite
from privlint.findings import Level
from privlint.policy.model import StorageWriter
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl6_storage.common import (
    argument,
    clear_text_categories,
    int_literal,
    is_constant,
    is_import,
    matches_category,
    parameter,
    protected_call,
    protected_name,
    sql_columns,
)

_ADVICE = "encrypt it (Fernet) or keep it in a secret store (keyring)"


@register
class SensitiveDataStoredInClearText(Rule):
    """A credential or critical personal value is written to a file or database in clear text.

    ## Why is this bad?
    Files and database rows outlive the process: they are backed up, copied to
    laptops, attached to tickets and read by anyone with access to the host or the
    dump. A token, password or card number stored as it is leaks with every copy.
    Encrypt it with a key kept elsewhere, keep it in the platform's secret store, or,
    for passwords, store a slow salted hash.

    ## Example
        with open("session.json", "w") as f:
            json.dump({"token": token}, f)

    ## Use instead
        keyring.set_password("app", user, token)
        # or
        Path("session.bin").write_bytes(Fernet(key).encrypt(token.encode()))

    Writers (`json.dump`, `pickle.dump`, `yaml.dump` to a stream, `write` on files
    from `open`, `Path.write_text`, `csv.writer(...).writerow`, `shelve` item
    assignment) and the categories that must not be stored (credentials, national
    IDs, financial and health data) are listed in the rule pack's `storage.toml`.
    For `cursor.execute(sql, params)` with a literal INSERT or UPDATE, each column
    is matched to its placeholder: a sensitive parameter, or a credential-named
    column given a value that was not encrypted or hashed, is reported.

    How a credential file is kept is a note: a credential written in a function that
    makes the file private first (`os.chmod(path, 0o600)`, `os.umask(0o077)`,
    `os.open(path, flags, 0o600)`, a `tempfile` file), as a server keeps its own
    secret key or a client's option file its password, and a
    private key written to a file of its own (its PEM file). PL605 reports such a
    file that others can read.
    """

    CODE = "PL601"
    NAME = "sensitive-data-stored-in-clear-text"
    LEVEL = Level.ERROR
    TAGS = ("privacy", "security", "storage", "external/cwe/cwe-312")
    SECURITY_SEVERITY = 6.5
    CWE = (312, 313)
    TRIGGER = ("write", "dump", "execute", "shelve", "dbm")
    NEEDS_SENSITIVE_WORD = True

    VALID = [
        Valid("import json\nwith open('out.json', 'w') as f:\n    json.dump({'count': n}, f)\n"),
        Valid(
            "from cryptography.fernet import Fernet\nfrom pathlib import Path\n"
            "Path('token.bin').write_bytes(Fernet(key).encrypt(token.encode()))\n"
        ),
        Valid(
            "import json\nwith open('s.json', 'w') as f:\n"
            "    json.dump({'token': fernet.encrypt(token.encode()).decode()}, f)\n"
        ),
        Valid("import keyring\nkeyring.set_password('app', username, password)\n"),
        # an enum's members: their attributes are its constants (an env var's name)
        Valid(
            "import yaml\nfrom app.env import _OpenAIEnvVar\n"
            "with open('openai.yaml', 'w') as f:\n"
            "    yaml.safe_dump({e.value: f'{scope}:{e.secret_key}' for e in _OpenAIEnvVar}, f)\n"
        ),
        Valid(
            "import sqlite3\ncur = sqlite3.connect('a.db').cursor()\n"
            "cur.execute('INSERT INTO users (name, password_hash) VALUES (?, ?)', (name, pw_hash))\n"
        ),
        Valid(
            "import bcrypt\ndef save(cur, name, password):\n"
            "    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt())\n"
            "    cur.execute('INSERT INTO users (name, password) VALUES (?, ?)', (name, hashed))\n"
        ),
        Valid(
            "def save(cur, token):\n"
            "    cur.execute('UPDATE users SET api_token = ? WHERE id = ?', (hash_token(token), 1))\n"
        ),
        Valid("import json\njson.dumps({'password': password})\n"),
        Valid("import yaml\ntext = yaml.safe_dump({'api_key': api_key})\n"),
        Valid("import sys\nsys.stdout.write(f'{len(password)} chars')\n"),
        Valid("def f(out, user):\n    out.write(user.display_name)\n"),
        Valid(
            "import csv\nwith open('u.csv', 'w') as fh:\n"
            "    csv.writer(fh).writerow([user.id, user.created_at])\n"
        ),
        Valid("buffer.write(token)\n"),
        Valid(
            "def log_in(cur, email):\n"
            "    cur.execute('SELECT id FROM users WHERE password = ?', (password,))\n"
        ),
    ]
    INVALID = [
        Invalid(
            "import json\nwith open('session.json', 'w') as f:\n    json.dump({'token': token}, f)\n",
            region=(3, 15, 3, 31),
            message="credential.token written to storage in clear text by json.dump: " + _ADVICE,
        ),
        Invalid("def save(token):\n    with open('t', 'w') as fh:\n        fh.write(token)\n"),
        Invalid("f = open('creds.txt', 'a')\nf.write(f'{username}:{password}\\n')\n"),
        Invalid("from pathlib import Path\nPath('~/.app/key').write_text(api_key)\n"),
        Invalid("import pickle\nwith open('c.pkl', 'wb') as f:\n    pickle.dump(credentials, f)\n"),
        Invalid(
            "import csv\nwith open('u.csv', 'w') as fh:\n"
            "    w = csv.writer(fh)\n    w.writerow([user.email, user.ssn])\n"
        ),
        Invalid("import shelve\ndb = shelve.open('cache')\ndb['tok'] = access_token\n"),
        Invalid(
            "import sqlite3\nconn = sqlite3.connect('app.db')\n"
            "conn.execute('INSERT INTO accounts (user, password) VALUES (?, ?)', (user, entered))\n",
            region=(3, 76, 3, 83),
            message="credential column password is written without encryption or hashing "
            "by conn.execute: " + _ADVICE,
        ),
        Invalid(
            "def store(cur, uid, token):\n"
            "    cur.execute('UPDATE users SET api_token = %s WHERE id = %s', (token, uid))\n"
        ),
        Invalid(
            "def store(cur, card_number):\n"
            "    cur.execute('INSERT INTO payments (amount, pan) VALUES (:a, :p)', "
            "{'a': 1, 'p': card_number})\n"
        ),
        Invalid(
            "import yaml\nwith open('c.yml', 'w') as f:\n    yaml.safe_dump({'api_key': key}, f)\n"
        ),
        Invalid("import marshal\nmarshal.dump(refresh_token, fh)\n"),
        Invalid(
            "from pathlib import Path\ndef save(p: Path, secret):\n"
            "    with p.open('w') as f:\n        f.writelines([secret])\n"
        ),
        Invalid("open('x', 'w').write(password)\n"),
        # a server's own key, in a file made private first: how a key is kept
        Invalid(
            "import os\nSECRET_KEY = make_key()\nwith open(SECRET_FILE, 'w') as f:\n"
            "    os.chmod(SECRET_FILE, 0o600)\n    f.write(SECRET_KEY)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import os\ndef save(path, access_token):\n    os.umask(0o077)\n"
            "    with open(path, 'w') as f:\n        f.write(access_token)\n",
            level=Level.NOTE,
        ),
        # a temporary file is created 0o600: a client's option file for its password
        Invalid(
            "from tempfile import NamedTemporaryFile\ndef shell(url):\n"
            "    with NamedTemporaryFile(suffix='my.cnf') as f:\n"
            "        f.write(f'password={url.password}')\n",
            level=Level.NOTE,
        ),
        # people's data is not made safe by a private file
        Invalid(
            "import os\ndef save(path, card_number):\n    os.chmod(path, 0o600)\n"
            "    with open(path, 'w') as f:\n        f.write(card_number)\n",
            level=Level.ERROR,
        ),
        Invalid(
            "import os\ndef save(path, access_token):\n    os.chmod(path, 0o644)\n"
            "    with open(path, 'w') as f:\n        f.write(access_token)\n",
            level=Level.ERROR,
        ),
        # a generated private key in its own PEM file
        Invalid(
            "def save(prv_path, private_key):\n    with open(prv_path, 'wb') as f:\n"
            "        f.write(private_key)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import json\ndef save(path, private_key, user):\n    with open(path, 'w') as f:\n"
            "        json.dump({'user': user.email, 'key': private_key}, f)\n",
            level=Level.ERROR,
        ),
    ]

    def __init__(self) -> None:
        #: per scope (kept alive so its id is not reused): name -> object kind
        self._kinds: dict[int, tuple[Scope, dict[str, str]]] = {}
        #: function scopes (kept alive) that make a file private (chmod 0o600, a
        #: restrictive umask, os.open 0o600): credentials written there are kept as a
        #: credential file is
        self._private: dict[int, Scope] = {}
        #: per scope: names bound to encrypted or hashed values
        self._protected: dict[int, tuple[Scope, set[str]]] = {}

    # -- what names hold ----------------------------------------------------------------
    def _table(self, scope: Scope) -> dict[str, str]:
        entry = self._kinds.get(id(scope))
        if entry is None:
            entry = (scope, {})
            self._kinds[id(scope)] = entry
        return entry[1]

    def _kind(self, site: Site, node: cst.BaseExpression) -> str | None:
        """The kind of storage object ``node`` evaluates to (``file``, ``shelf``...)."""
        spec = site.policy.storage
        if isinstance(node, cst.Call):
            qualified = site.qualify(node.func)
            for kind, functions in spec.object_functions.items():
                if qualified is not None and qualified in functions:
                    return kind
            func = node.func
            if isinstance(func, cst.Attribute) and not is_import(site.analysis.scope, func):
                for kind, methods in spec.object_methods.items():
                    if func.attr.value in methods:
                        return kind
            return None
        key = dotted(node)
        if key is None:
            return None
        scope: Scope | None = site.analysis.scope
        while scope is not None:
            entry = self._kinds.get(id(scope))
            if entry is not None and key in entry[1]:
                return entry[1][key]
            scope = scope.parent
        return None

    def _is_protected(self, site: Site, node: cst.BaseExpression) -> bool:
        if protected_call(site, node) or protected_name(site.policy.storage, node):
            return True
        key = dotted(node)
        scope: Scope | None = site.analysis.scope
        while key is not None and scope is not None:
            entry = self._protected.get(id(scope))
            if entry is not None and key in entry[1]:
                return True
            scope = scope.parent if scope.transparent else None
        return False

    def on_assign(self, site: AssignSite) -> None:
        target = site.target
        key = dotted(target)
        scope = site.analysis.scope
        if key is not None:
            kind = self._kind(site, site.value)
            table = self._table(scope)
            if kind is None:
                table.pop(key, None)
            else:
                table[key] = kind
            entry = self._protected.setdefault(id(scope), (scope, set()))
            if protected_call(site, site.value):
                entry[1].add(key)
            else:
                entry[1].discard(key)
            return
        if isinstance(target, cst.Subscript):
            kind = self._kind(site, target.value)
            if kind is None or kind not in site.policy.storage.item_kinds:
                return
            categories = self._exposed(site, site.value)
            index = target.slice[0].slice if len(target.slice) == 1 else None
            if isinstance(index, cst.Index) and not self._is_protected(site, site.value):
                key_text = string_value(index.value)
                if key_text is not None and not is_constant(site.value):
                    categories |= clear_text_categories(site.policy, site.policy.classify(key_text))
            if categories:
                self._report(site, site.value, categories, f"{site.source(target.value)}[...]")

    # -- writes -------------------------------------------------------------------------
    def on_call(self, site: CallSite) -> None:
        spec = site.policy.storage
        node = site.node
        if _makes_private(site):
            scope = site.analysis.scope.function_scope()
            self._private[id(scope)] = scope
            return
        writer: StorageWriter | None = None
        if site.qualified is not None and site.qualified in spec.functions:
            writer = spec.functions[site.qualified]
        elif site.method is not None and site.receiver is not None:
            if site.method in spec.sql_methods:
                self._sql(site)
                return
            kind: str | None = None
            for candidate in spec.methods.get(site.method, ()):
                if not candidate.on:
                    writer = candidate
                    break
                if kind is None:
                    kind = self._kind(site, site.receiver) or ""
                if candidate.on == kind:
                    writer = candidate
                    break
        if writer is None:
            return
        if writer.stream is not None and argument(node, writer.stream) is None:
            return
        data = argument(node, writer.data)
        if data is None:
            return
        categories = self._exposed(site, data)
        if categories:
            self._report(site, data, categories, site.callee_name())

    def _exposed(self, site: Site, node: cst.BaseExpression) -> set[str]:
        """Clear-text categories ``node`` carries, leaving out encrypted or hashed parts."""
        if self._is_protected(site, node):
            return set()
        if isinstance(node, cst.Dict):
            found: set[str] = set()
            for element in node.elements:
                if self._is_protected(site, element.value):
                    continue
                found |= self._exposed(site, element.value)
                if isinstance(element, cst.DictElement) and not is_constant(element.value):
                    key = string_value(element.key)
                    if key is not None:
                        found |= clear_text_categories(site.policy, site.policy.classify(key))
            return found
        if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
            found = set()
            for item in node.elements:
                found |= self._exposed(site, item.value)
            return found
        return clear_text_categories(site.policy, site.taint(node))

    def _sql(self, site: CallSite) -> None:
        spec = site.policy.storage
        args = [a for a in site.node.args if a.keyword is None and not a.star]
        if len(args) < 2:
            return
        sql = string_value(args[0].value)
        if sql is None:
            return
        columns = sql_columns(sql)
        if not columns:
            return
        params = args[1].value
        rows: list[cst.BaseExpression] = [params]
        if site.method in spec.sql_many:
            if not isinstance(params, (cst.List, cst.Tuple)):
                return
            rows = [element.value for element in params.elements]
        sink = site.callee_name()
        for row in rows:
            if not isinstance(row, (cst.Tuple, cst.List, cst.Dict, cst.Call)):
                categories = self._exposed(site, row)
                if categories:
                    self._report(site, row, categories, sink)
                continue
            for placeholder in columns:
                value = parameter(row, placeholder)
                if value is None:
                    continue
                categories = self._exposed(site, value)
                if categories:
                    self._report(site, value, categories, sink)
                    continue
                column_categories = {
                    c
                    for c in site.policy.classify(placeholder.column)
                    if matches_category(c, spec.column_categories)
                }
                if (
                    column_categories
                    and not is_constant(value)
                    and not self._is_protected(site, value)
                ):
                    site.report(
                        type(self),
                        value,
                        f"credential column {placeholder.column} is written without "
                        f"encryption or hashing by {sink}: {_ADVICE}",
                        column_categories,
                    )

    def _report(
        self, site: Site, node: cst.BaseExpression, categories: set[str], sink: str
    ) -> None:
        ordered = site.ordered(categories)
        message = f"{', '.join(ordered)} written to storage in clear text by {sink}: {_ADVICE}"
        level = None
        if all(c.startswith("credential.") for c in ordered) and self._made_private(site):
            # `os.chmod(SECRET_FILE, 0o600)` then `f.write(SECRET_KEY)`: a credential
            # file readable by its owner only, how a server keeps its own key
            level = Level.NOTE
            message += " (the file is made private first)"
        elif ordered == ("credential.private_key",) and not isinstance(node, cst.Dict):
            # a private key in its own PEM file is how keys are kept; PL605 reports one
            # that others can read
            level = Level.NOTE
            message += " (a private key in its own file)"
        site.report(type(self), node, message, ordered, level=level)

    def _made_private(self, site: Site) -> bool:
        scope: Scope | None = site.analysis.scope.function_scope()
        while scope is not None:
            if id(scope) in self._private:
                return True
            scope = scope.parent
        return False


#: files the tempfile module creates readable by their owner only
_PRIVATE_FILES = frozenset(
    {"tempfile.NamedTemporaryFile", "tempfile.TemporaryFile", "tempfile.mkstemp",
     "tempfile.SpooledTemporaryFile"}
)  # fmt: skip


def _makes_private(site: CallSite) -> bool:
    """``os.chmod(path, 0o600)``, ``os.open(path, flags, 0o600)``, ``path.chmod(0o400)``,
    ``path.touch(mode=0o600)``, ``os.umask(0o077)``, a temporary file: a file only its
    owner can read."""
    node = site.node
    positional = [a.value for a in node.args if a.keyword is None]
    keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
    if site.qualified in _PRIVATE_FILES:
        return True  # created 0o600 by the tempfile module
    if site.qualified == "os.umask":
        mask = int_literal(positional[0] if positional else keywords.get("mask"))
        return mask is not None and mask & 0o077 == 0o077
    if site.qualified in ("os.chmod", "os.lchmod", "os.fchmod"):
        mode = positional[1] if len(positional) > 1 else keywords.get("mode")
    elif site.qualified == "os.open":
        mode = positional[2] if len(positional) > 2 else keywords.get("mode")
    elif site.method in ("chmod", "touch") and site.receiver is not None:
        mode = positional[0] if positional else keywords.get("mode")
    else:
        return False
    value = int_literal(mode)
    return value is not None and not value & 0o077
