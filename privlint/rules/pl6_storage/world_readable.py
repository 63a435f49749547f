"""PL603: a key or credential file made group- or world-readable."""

from __future__ import annotations

import re

import libcst as cst

from privlint.engine.context import CallSite
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register

#: what a key or credential file's path or the name holding it looks like
SECRET_PATH_RE = re.compile(
    r"(\.pem\b|\.key\b|\.p12\b|\.pfx\b|id_rsa|id_ed25519|id_ecdsa|id_dsa|credential|"
    r"secret|token|passw|\.env\b|\.netrc|\.pgpass|private[_-]?key|keyfile|key_file|key_path)",
    re.I,
)

#: files named like secrets that are code or documentation
SOURCE_SUFFIXES = (".py", ".pyi", ".md", ".rst", ".txt", ".html", ".js")


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
    `credentials`, `token`, `secret`, `.env`, `.netrc`, `.pgpass`.
    """

    CODE = "PL603"
    NAME = "secret-file-world-readable"
    LEVEL = Level.ERROR
    TAGS = ("privacy", "security", "storage", "external/cwe/cwe-732")
    SECURITY_SEVERITY = 6.5
    CWE = (732, 276)
    TRIGGER = ("chmod", "os.open", "open(")

    VALID = [
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
    ]

    def on_call(self, site: CallSite) -> None:
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
        elif site.method == "chmod" and site.receiver is not None and _is_path(site):
            path = site.receiver
            mode = positional[0] if positional else keywords.get("mode")
        else:
            return
        if path is None or mode is None or not isinstance(mode, cst.Integer):
            return
        value = mode.evaluated_value
        if not value & 0o077 or not _secret_path(path):
            return
        site.report(
            type(self),
            mode,
            f"a key or credential file is made readable by group or others (mode {value:#o}): "
            "use 0o600",
        )


def _is_path(site: CallSite) -> bool:
    receiver = site.receiver
    if isinstance(receiver, cst.Call):
        return site.qualify(receiver.func) in ("pathlib.Path", "pathlib.PurePath")
    return True


def _secret_path(node: cst.BaseExpression) -> bool:
    """Whether the path's literal text or the names it is built from look secret."""
    texts: list[str] = []

    class Visitor(cst.CSTVisitor):
        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            texts.append(str(node.evaluated_value))

        def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
            texts.append(node.value)

        def visit_Name(self, node: cst.Name) -> None:
            texts.append(node.value)

    node.visit(Visitor())
    if any(text.endswith(SOURCE_SUFFIXES) for text in texts):
        return False  # ``secret.py``, ``tokens.txt``: source and docs, not secrets
    return any(SECRET_PATH_RE.search(text) for text in texts)
