"""PL603: a key or credential file made group- or world-readable."""

from __future__ import annotations

import libcst as cst

from privlint.engine.context import CallSite
from privlint.engine.dataflow import Scope, string_value
from privlint.findings import Level
from privlint.policy.model import ArgumentRef
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl6_storage.common import argument, int_literal, is_import, secret_path

#: marks a scope where a restrictive ``os.umask`` was set
UMASK = "<umask>"


@register
class SecretFileWorldReadable(Rule):
    """A key or credential file is given a mode that lets group or others read it.

    ## Why is this bad?
    A private key, token or credentials file readable by the group or by every user
    on the host leaks to any other account or compromised service there; `ssh`
    refuses such keys for that reason. Create secret files with mode `0o600`.

    ## Example
        os.chmod("/etc/app/server.key", 0o644)

    ## Use instead
        os.chmod("/etc/app/server.key", 0o600)

    Reports `os.chmod(path, mode)`, `os.fchmod`-free `Path(...).chmod(mode)` and
    `os.open(path, flags, mode)` whose mode is an integer literal with any group or
    other bit set, when the path (its string literals, or the names it is built
    from) looks like a key or credential file: `.pem`, `.key`, `id_rsa`,
    `credentials`, `token`, `secret`, `.env`, `.netrc`, `.pgpass` (the words, file
    name endings and names are in the rule pack's `storage.toml`).

    Also reports such a file created with the default mode, which the usual umask
    022 makes 0o644: `open(path, "w")`, `Path.open("w")`, `Path.write_text`, unless
    a restrictive `os.umask(0o077)` was set earlier (in the function or the
    module), the same path was created or restricted earlier in the function
    (`os.open(path, flags, 0o600)`, `Path.touch(mode=0o600)`, `chmod 0o600`), or
    `open` has a custom `opener`. A `chmod` after the write leaves a window in
    which the secret is readable, so it does not count. Create secret files with
    `os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)` and `os.fdopen`.
    """

    CODE = "PL603"
    NAME = "secret-file-world-readable"
    LEVEL = Level.ERROR
    TAGS = ("privacy", "security", "storage", "external/cwe/cwe-732")
    SECURITY_SEVERITY = 6.5
    CWE = (732, 276)
    TRIGGER = ("chmod", "os.open", "open(", "write_text", "write_bytes")

    VALID = [
        # a public key is published
        Valid("import os\nos.chmod('/srv/app/static/jwks-public.pem', 0o644)\n"),
        Valid("with open('/srv/app/keys/signing.pub.pem', 'wb') as f:\n    f.write(pem)\n"),
        Valid("import os\nos.chmod('/etc/app/server.key', 0o600)\n"),
        Valid("import os\nos.chmod('server.pem', 0o400)\n"),
        Valid("import os\nos.chmod('script.sh', 0o755)\n"),
        Valid("import os\nos.chmod(output_dir, 0o755)\n"),
        Valid("import os\nfd = os.open('token.json', os.O_WRONLY | os.O_CREAT, 0o600)\n"),
        Valid("import os\nfd = os.open('data.txt', os.O_WRONLY | os.O_CREAT, 0o644)\n"),
        Valid("import os\nos.chmod(key_path, mode)\n"),
        Valid("from pathlib import Path\nPath('id_rsa').chmod(0o600)\n"),
        Valid("import os\nos.chmod('README.md', 0o644)\n"),
        Valid("def chmod(a, b): pass\nchmod('id_rsa', 0o644)\n"),
        Valid("import os\nos.open('secret.txt', os.O_RDONLY)\n"),
        Valid("from pathlib import Path\n(project / 'secret.py').chmod(0o644)\n"),
        Valid("import os\nos.umask(0o077)\nwith open('token.json', 'w') as f:\n    f.write(t)\n"),
        Valid(
            "import os\nfd = os.open(token_path, os.O_WRONLY | os.O_CREAT, 0o600)\n"
            "with os.fdopen(fd, 'w') as f:\n    f.write(token)\n"
        ),
        Valid("with open('token.json') as f:\n    data = f.read()\n"),
        Valid("with open('tokenizer_config.json', 'w') as f:\n    f.write(cfg)\n"),
        Valid(
            "from pathlib import Path\np = Path('~/.netrc')\np.touch(mode=0o600)\n"
            "p.write_text(entry)\n"
        ),
        Valid(
            "def save(path, token):\n"
            "    with open(path, 'w', opener=private_opener) as f:\n        f.write(token)\n"
        ),
        Valid("with open('output.csv', 'w') as f:\n    f.write(x)\n"),
        Valid("def save(path, page_token):\n    path.write_text(page_token)\n"),
        Valid("def save(path, user_email):\n    path.write_text(user_email)\n"),
        Valid(
            "import os\ndef save(key_file, pem):\n    old = os.umask(0o177)\n"
            "    with open(key_file, 'wb') as f:\n        f.write(pem)\n"
        ),
    ]
    INVALID = [
        Invalid(
            "import os\nos.chmod('/etc/app/server.key', 0o644)\n",
            region=(2, 33, 2, 38),
            message="a key or credential file is made readable by group or others (mode 0o644): use 0o600",
        ),
        Invalid("import os\nos.chmod('cert.pem', 0o666)\n"),
        Invalid("import os\nos.chmod(os.path.expanduser('~/.ssh/id_rsa'), 0o644)\n"),
        Invalid("import os\nos.chmod(credentials_file, 0o777)\n"),
        Invalid("import os\nos.chmod(f'{home}/.netrc', 0o640)\n"),
        Invalid("import os\nfd = os.open('token.json', os.O_WRONLY | os.O_CREAT, 0o644)\n"),
        Invalid("import os\nos.open(path=secret_path, flags=os.O_CREAT, mode=0o666)\n"),
        Invalid("from os import chmod\nchmod('.env', 0o664)\n"),
        Invalid("from pathlib import Path\nPath('private_key.pem').chmod(0o644)\n"),
        Invalid("import os\nos.chmod(self.key_file, 0o604)\n"),
        Invalid("import os\nos.chmod(path=PASSWORD_FILE, mode=0o644)\n"),
        Invalid(
            "with open('token.json', 'w') as f:\n    f.write(token)\n",
            region=(1, 25, 1, 28),
            message="a key or credential file is created with the default mode (0o644 under "
            "the usual umask): create it with os.open(path, flags, 0o600) or set "
            "os.umask(0o077) first",
        ),
        Invalid("from pathlib import Path\nPath.home().joinpath('.netrc').write_text(entry)\n"),
        # what is written says what the file is
        Invalid(
            "from pathlib import Path\ndef save(user_id, refresh_token):\n"
            "    path = Path.home() / '.app' / f'calendar-{user_id}.dat'\n"
            "    path.write_text(refresh_token)\n"
        ),
        Invalid(
            "import os\nos.umask(0o022)\n"
            "with open(os.path.expanduser('~/.aws/credentials'), 'w') as f:\n    f.write(c)\n"
        ),
        Invalid(
            "import json\ndef save(self):\n    with open(self.token_cache_path, 'w') as fh:\n"
            "        json.dump(self.cache, fh)\n"
        ),
        Invalid("import io\nio.open('server.key', 'wb').write(pem)\n"),
        Invalid(
            "def save(p):\n    with (p / 'credentials.json').open('w') as f:\n"
            "        f.write(data)\n"
        ),
        Invalid("from pathlib import Path\nPath('~/.config/app/api_key').write_text(key)\n"),
        Invalid(
            "def dump(secrets_file, data):\n    with open(secrets_file, mode='w') as f:\n"
            "        f.write(data)\n"
        ),
        Invalid(
            "import os\nwith open('id_rsa', 'w') as f:\n    f.write(k)\nos.chmod('id_rsa', 0o600)\n"
        ),
        # made private right after it is created, before the first write: a note
        Invalid(
            "import os\nwith open(SECRET_FILE, 'w') as f:\n    os.chmod(SECRET_FILE, 0o600)\n"
            "    f.write(key)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import os\nwith open('id_rsa', 'w') as f:\n    os.fchmod(f.fileno(), 0o600)\n"
            "    f.write(key)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import os\nwith open('id_rsa', 'w') as f:\n    os.chmod('id_rsa', 0o644)\n"
            "    f.write(key)\n",
            level=Level.ERROR,
        ),
        Invalid(
            "import os\ndef save(path, pem):\n    os.chmod(other, 0o600)\n"
            "    with open('/etc/app/tls.pem', 'w') as f:\n        f.write(pem)\n"
        ),
    ]

    def __init__(self) -> None:
        #: per scope (kept alive so its id is not reused): the source text of paths
        #: already made private (chmod 0o600, os.open 0o600, touch(mode=0o600)), and
        #: UMASK once a restrictive umask is set
        self._guards: dict[int, tuple[Scope, set[str]]] = {}

    def _guard(self, site: CallSite) -> set[str]:
        scope = site.analysis.scope.function_scope()
        return self._guards.setdefault(id(scope), (scope, set()))[1]

    def _guarded(self, site: CallSite, path: cst.BaseExpression) -> bool:
        text = site.source(path)
        scope: Scope | None = site.analysis.scope
        while scope is not None:
            entry = self._guards.get(id(scope))
            if entry is not None and (UMASK in entry[1] or text in entry[1]):
                return True
            scope = scope.parent
        return False

    def on_call(self, site: CallSite) -> None:
        if site.qualified == "os.umask":
            mask = int_literal(argument(site.node, ArgumentRef(0, ("mask",))))
            if mask is not None and mask & 0o077 == 0o077:
                self._guard(site).add(UMASK)
            return
        if self._creates(site):
            return
        node = site.node
        positional = [a.value for a in node.args if a.keyword is None]
        keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        path: cst.BaseExpression | None
        mode: cst.BaseExpression | None
        if site.qualified in ("os.chmod", "os.lchmod"):
            path = positional[0] if positional else keywords.get("path")
            mode = positional[1] if len(positional) > 1 else keywords.get("mode")
        elif site.qualified == "os.open":
            path = positional[0] if positional else keywords.get("path")
            mode = positional[2] if len(positional) > 2 else keywords.get("mode")
        elif site.method in ("chmod", "touch") and site.receiver is not None and _is_path(site):
            path = site.receiver
            mode = positional[0] if positional else keywords.get("mode")
        else:
            return
        if path is None or mode is None or not isinstance(mode, cst.Integer):
            return
        value = mode.evaluated_value
        if not value & 0o077:
            self._guard(site).add(site.source(path))
        if not value & 0o077 or not secret_path(site.policy.storage, path):
            return
        site.report(
            type(self),
            mode,
            f"a key or credential file is made readable by group or others (mode {value:#o}): "
            "use 0o600",
        )

    def _creates(self, site: CallSite) -> bool:
        """Report ``open(path, "w")`` and ``path.write_text(...)`` of a secret path with
        no restrictive umask or earlier ``chmod``/``os.open``/``touch`` 0o600 of it.
        True when the call is such a creator (reported or not)."""
        spec = site.policy.storage
        node = site.node
        path: cst.BaseExpression | None
        mode: cst.BaseExpression | None
        if site.qualified is not None and site.qualified in spec.openers:
            path = argument(node, ArgumentRef(0, ("file", "filename")))
            mode = argument(node, ArgumentRef(1, ("mode",)))
            if mode is None:
                return True  # read mode
        elif (
            site.method is not None
            and site.receiver is not None
            and not is_import(site.analysis.scope, site.receiver)
            and site.method in spec.open_methods | spec.create_methods
        ):
            if not _is_path(site):
                return False
            path = site.receiver
            if site.method in spec.create_methods:
                mode = None
            else:
                mode = argument(node, ArgumentRef(0, ("mode",)))
                if mode is None:
                    return True  # read mode
        else:
            return False
        if path is None or any(a.keyword and a.keyword.value == "opener" for a in node.args):
            return True
        if mode is not None:
            text = string_value(mode)
            if text is None or not set(text) & set("wax"):
                return True
        if self._guarded(site, path):
            return True
        if not secret_path(spec, path) and not _writes_credential(site):
            return True
        message = (
            "a key or credential file is created with the default mode (0o644 under the "
            "usual umask): create it with os.open(path, flags, 0o600) or set os.umask(0o077) "
            "first"
        )
        level = None
        if _chmod_first(site, node, path):
            # made private before anything is written: only a reader who opens the empty
            # file in that instant keeps access, a note
            message += " (its chmod before the first write narrows the window, not closes it)"
            level = Level.NOTE
        site.report(type(self), mode if mode is not None else node.func, message, level=level)
        return True


def _writes_credential(site: CallSite) -> bool:
    """``path.write_text(refresh_token)``: what a create method writes is a key or a
    credential (by more than a lone ambiguous name), whatever the path is called."""
    if site.method not in site.policy.storage.create_methods or not site.node.args:
        return False
    data = site.node.args[0].value
    taint = site.taint(data)
    return any(c.startswith("credential.") for c in taint) and site.analysis.name_evidence(data)


def _chmod_first(site: CallSite, call: cst.Call, path: cst.BaseExpression) -> bool:
    """``with open(P, "w") as f:`` whose body starts with ``os.chmod(P, 0o600)`` or
    ``os.fchmod(f.fileno(), 0o600)``: the file is private before its first write."""
    statement = site.statement
    if not isinstance(statement, cst.With) or not any(
        item.item is call for item in statement.items
    ):
        return False
    body = statement.body
    if not isinstance(body, cst.IndentedBlock) or not body.body:
        return False
    first = body.body[0]
    if not isinstance(first, cst.SimpleStatementLine) or not first.body:
        return False
    small = first.body[0]
    if not isinstance(small, cst.Expr) or not isinstance(small.value, cst.Call):
        return False
    chmod = small.value
    qualified = site.qualify(chmod.func)
    target = argument(chmod, ArgumentRef(0, ("path", "fd")))
    mode = int_literal(argument(chmod, ArgumentRef(1, ("mode",))))
    if mode is None or mode & 0o077 or target is None:
        return False
    if qualified in ("os.chmod", "os.lchmod"):
        return site.source(target) == site.source(path)
    return qualified == "os.fchmod"


#: calls on or of paths that return a path
_PATH_METHODS = frozenset(
    {"joinpath", "with_name", "with_suffix", "with_stem", "expanduser", "resolve", "absolute"}
)


def _is_path(site: CallSite) -> bool:
    receiver = site.receiver
    if isinstance(receiver, cst.Call):
        func = receiver.func
        if isinstance(func, cst.Attribute) and func.attr.value in _PATH_METHODS:
            return True
        return site.qualify(func) in ("pathlib.Path", "pathlib.PurePath", "pathlib.Path.home")
    return True
