"""Where a scan sits in version control: the repository's root, its remote and commit.

SARIF readers resolve a result's path against the repository root (GitHub code
scanning does), so a scan started in a subfolder must still write paths from the root;
and ``versionControlProvenance`` tells a viewer which commit the results are about.
Outside git, or without git installed, there is simply no provenance.

A remote URL can carry a credential (CI systems clone with
``https://gitlab-ci-token:TOKEN@gitlab.example.com/...``): only the scheme, host, port
and path are kept.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

#: git answers in milliseconds; a hung git (a network file system) must not hang a report
_TIMEOUT = 10.0
_SCP_LIKE = re.compile(r"^(?:[^@/:]+@)?(?P<host>[^/:]+):(?P<path>(?!//).+)$")


@dataclass(frozen=True)
class Provenance:
    """The repository a scan root belongs to: its top-level directory (absolute, POSIX),
    the commit checked out (``None`` before the first commit), the branch (``None`` when
    detached) and the ``origin`` remote without credentials (``None`` without one)."""

    toplevel: str
    revision: str | None = None
    branch: str | None = None
    repository_uri: str | None = None


def find_provenance(root: str | Path) -> Provenance | None:
    """The provenance of ``root``, or ``None`` when it is not in a git work tree or git
    cannot be run. Never raises."""
    toplevel = _git(root, "rev-parse", "--show-toplevel")
    if toplevel is None:
        return None
    remote = _git(root, "remote", "get-url", "origin")
    branch = _git(root, "symbolic-ref", "--quiet", "--short", "HEAD")
    return Provenance(
        toplevel=Path(toplevel).as_posix(),
        revision=_git(root, "rev-parse", "--verify", "--quiet", "HEAD"),
        branch=branch,
        repository_uri=public_remote(remote) if remote else None,
    )


def repository_path(path: str, root: str, provenance: Provenance | None) -> str:
    """A finding's path (POSIX, relative to the scan ``root`` or absolute) relative to
    the repository's top level, as code scanning, GitLab and GitHub annotations read
    paths; unchanged outside a checkout, and absolute for a file outside the
    repository."""
    if provenance is None:
        return path
    absolute = os.path.normpath(
        path if os.path.isabs(path) else os.path.join(os.path.abspath(root), path)
    )
    inside = os.path.relpath(absolute, provenance.toplevel)
    inside = inside.replace(os.sep, "/")
    if inside.startswith("../") or inside == "..":
        return path if os.path.isabs(path) else absolute.replace(os.sep, "/")
    return inside


def public_remote(url: str) -> str | None:
    """``url`` as an absolute URI without user name or password: ``git@host:o/r.git``
    becomes ``ssh://host/o/r.git``; a local path becomes a ``file:`` URI; something that
    is none of these gives ``None``."""
    url = url.strip()
    if "://" in url:
        parts = urlsplit(url)
        if not parts.scheme or not parts.hostname:
            return None if parts.scheme != "file" else urlunsplit(parts._replace(query=""))
        host = parts.hostname
        if ":" in host:  # an IPv6 address
            host = f"[{host}]"
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    match = _SCP_LIKE.match(url)
    if match and not url.startswith(("/", ".")):
        path = match["path"].lstrip("/")
        return f"ssh://{match['host']}/{path}"
    if url.startswith("/"):
        return Path(url).as_uri()
    return None


def _git(root: str | Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    text = done.stdout.strip()
    return text if done.returncode == 0 and text else None
