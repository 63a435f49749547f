"""File discovery: turn command-line paths into the files to analyse.

``discover()`` takes what the user (or the pre-commit hook) passed and returns a
:class:`Discovery`:

* An explicit **file** argument is always included, whatever its extension and even if it
  is excluded by a glob or ignored by git: the pre-commit hook passes exactly the staged
  files, and callers decide what to analyse (see :func:`is_python_file`).
* A **directory** argument is searched for ``.py`` and ``.pyi`` files.  Inside a git work
  tree the candidates come from one ``git ls-files --cached --others --exclude-standard``
  (so ``.gitignore`` is honoured, untracked-but-not-ignored files are included and tracked
  files deleted from disk are dropped); elsewhere, or if git is missing or fails, the
  directory is walked with :func:`os.scandir`.  If the directory itself is git-ignored it is
  walked too: the user asked for it, and git would list nothing inside it.
* In both modes, directories that never hold project sources are skipped even if git tracks
  them: version-control metadata, virtual environments (any directory with a
  ``pyvenv.cfg``), installed packages, caches and build output (:data:`SKIP_DIR_NAMES`,
  plus ``*.egg-info``).  Only directories *below* a directory argument are checked: a
  directory you name is searched.  Symlinked directories are not followed (as git does not).
* ``exclude`` globs remove files found by searching directories, never explicit files.
  See :func:`glob_to_regex` for their syntax.

Paths in ``files`` are absolute, with symlinked directories resolved; a symlinked file
keeps its own name.  Relative arguments, and the paths that ``exclude`` globs see, are
relative to ``cwd`` (default: the process's working directory).

One rule for what cannot be read: every path that was asked for (an argument, or an
entry that searching a directory would analyse: a Python file, or with ``include_other``
any file) and is not a regular file that can be read goes to ``Discovery.unreadable``
with its reason, and the search goes on; nothing here raises for it, and nothing here
opens it (a FIFO would block).  The reasons: ``broken symbolic link``, ``not a regular
file (FIFO)`` (or ``character device``, ``block device``, ``socket``), and the system's
words for a failed ``stat`` or ``scandir`` (``permission denied``, ``too many levels of
symbolic links``, ``no such file or directory`` for a directory removed while it was
searched).  Callers report each as a PL000 note (:func:`not_analysed`).  Left out on
purpose, and so not listed there: an argument that does not exist at all
(``Discovery.missing``: a typo, which callers treat as a usage error), the directories
and globs skipped by the rules above, symlinked directories, and tracked files deleted
from disk (git remembers them; the work tree has nothing to read).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from privlint.findings import Finding, Level, Region
from privlint.policy.globs import glob_to_regex

__all__ = [
    "NOT_ANALYSED_PREFIX",
    "PYTHON_SUFFIXES",
    "SKIP_DIR_NAMES",
    "Discovery",
    "discover",
    "glob_to_regex",
    "is_not_analysed",
    "is_python_file",
    "not_analysed",
    "read_failure",
]

logger = logging.getLogger(__name__)

PYTHON_SUFFIXES: Final = (".py", ".pyi")
"""Suffixes of the files that searching a directory finds."""

SKIP_DIR_NAMES: Final = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "site-packages",
        "dist-packages",
        "node_modules",
        "__pycache__",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".privlint_cache",
        "build",
        "dist",
        ".eggs",
        ".cache",
        ".direnv",
    }
)
"""Directory names never searched (besides ``*.egg-info`` and virtual environments)."""

_EGG_INFO_SUFFIX: Final = ".egg-info"
_VENV_MARKER: Final = "pyvenv.cfg"

_GIT_PROBE_TIMEOUT: Final = 10.0  # seconds; rev-parse and check-ignore are instant
_GIT_LIST_TIMEOUT: Final = 120.0  # seconds; ls-files on a very large, cold repository

# Variables that pin git to some other repository or index (git exports several of them
# while running hooks).  Discovery asks about the directory on disk, so drop them.
_GIT_LOCATION_VARS: Final = frozenset(
    {
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_COMMON_DIR",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_NAMESPACE",
        "GIT_PREFIX",
    }
)
_GIT_UNREADABLE_DIR = re.compile(r"^warning: could not open directory '(.+)': (.+)$", re.MULTILINE)

_SHEBANG_PYTHON = re.compile(r"(?:python|pypy)[0-9.]*")
_SHEBANG_MAX_BYTES: Final = 512

NOT_ANALYSED_PREFIX: Final = "not analysed: "
"""How the message of the PL000 note for a path that was not analysed begins."""
_NOT_ANALYSED_CODE: Final = "PL000"
_BROKEN_LINK: Final = "broken symbolic link"
# What _not_a_file says of a symbolic link to a directory: not followed, not reported.
_LINKED_DIRECTORY: Final = "symbolic link to a directory"


@dataclass(frozen=True, slots=True)
class Discovery:
    """What :func:`discover` found.

    Attributes:
        files: The files to analyse: absolute, deduplicated, sorted by path components.
        missing: Arguments that do not exist (not even as a broken symbolic link), as
            given, in the order given.
        skipped: ``(path, reason)`` pairs, sorted, for directories skipped on purpose
            whose files git lists, so the user may expect them to be checked: virtual
            environments, installed packages, build output.  A remark, not a failure.
            Directories pruned while walking a tree without git are not listed (the walk
            never looks inside them); they are logged at DEBUG level.
        other_files: With ``include_other=True``, the files that searching directories
            found besides Python sources (any name; tracked ones in git mode), sorted like
            ``files``; what the secrets scanner reads.  Empty otherwise.
        unreadable: ``(path, reason)`` pairs, sorted, for paths that were asked for and
            cannot be analysed (see the module docstring): arguments and found entries
            that are not regular files or cannot be stat'ed, directories that cannot be
            listed.  Absolute; an argument keeps the name it was given by.
    """

    files: tuple[Path, ...]
    missing: tuple[Path, ...]
    skipped: tuple[tuple[Path, str], ...]
    other_files: tuple[Path, ...] = ()
    unreadable: tuple[tuple[Path, str], ...] = ()


def discover(
    paths: Sequence[Path],
    *,
    exclude: Sequence[str] = (),
    cwd: Path | None = None,
    include_other: bool = False,
) -> Discovery:
    """Find the files to analyse under ``paths`` (see the module docstring for the rules).

    Args:
        paths: Files and directories, absolute or relative to ``cwd``.
        exclude: Globs (see :func:`glob_to_regex`) matched against each found file's POSIX
            path relative to ``cwd``; they apply when searching directories, never to an
            explicit file argument.
        cwd: The directory relative paths start from; defaults to :func:`Path.cwd`.
        include_other: Also collect the non-Python files of searched directories into
            ``Discovery.other_files``.

    Raises:
        ValueError: If an ``exclude`` glob is invalid (empty, or a ``!`` negation).
    """
    base = (cwd if cwd is not None else Path.cwd()).resolve()
    search = _Search(base, _compile_globs(exclude), include_other)
    missing: list[Path] = []
    for arg in paths:
        path = arg if arg.is_absolute() else base / arg
        try:
            mode = os.stat(path).st_mode  # never open(): a FIFO would block
        except (FileNotFoundError, NotADirectoryError):
            if os.path.lexists(path):  # a link to nothing: no typo, but nothing to read
                search.fail(path, _BROKEN_LINK)
            elif arg not in missing:
                missing.append(arg)
            continue
        except OSError as error:  # permission denied, a symlink loop, ...
            search.fail(path, _reason(error))
            continue
        if stat.S_ISDIR(mode):
            search.directory(path.resolve())
        elif stat.S_ISREG(mode):
            # Resolve the directory, not the file: a symlinked file keeps the name the user
            # knows, and matches what searching its directory would produce.
            search.files.add(os.path.join(os.path.realpath(path.parent), path.name))
        else:
            search.fail(path, _not_regular(mode))
    return Discovery(
        files=tuple(Path(path) for path in sorted(search.files, key=_text_key)),
        missing=tuple(missing),
        skipped=_sorted_pairs(search.skipped),
        other_files=tuple(Path(path) for path in sorted(search.others, key=_text_key)),
        unreadable=_sorted_pairs(search.unreadable),
    )


def not_analysed(display: str, reason: str) -> Finding:
    """The PL000 note for a path that was asked for and not analysed, at ``display``:
    ``not analysed: not a regular file (FIFO)``.  A note, not an error: nothing is known
    to be wrong with the code, but nothing in the path was checked."""
    message = NOT_ANALYSED_PREFIX + reason
    # the same fingerprint as the engine's other PL000 findings (privlint.engine.runner)
    key = f"{_NOT_ANALYSED_CODE}\0{display}\0{message}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return Finding(display, Region(1, 1, 1, 1), _NOT_ANALYSED_CODE, message, Level.NOTE, digest)


def read_failure(display: str, error: OSError) -> Finding:
    """The PL000 note for a file that was found but could not be read when it was
    analysed or scanned: ``not analysed: permission denied``."""
    if isinstance(error, NotRegularFile):
        return not_analysed(display, error.strerror or "not a regular file")
    return not_analysed(display, _reason(error))


class NotRegularFile(OSError):
    """What was opened as a file is not a regular file (any more)."""


class FileTooLarge(Exception):
    """A file above the size limit of the reader that opened it."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``.

    Raises ``OSError`` when it cannot be read, and also when it is no longer a regular
    file (replaced by a FIFO or a device since discovery: it is opened without blocking
    and checked on its descriptor, so that nothing can stall the scan), and
    :class:`FileTooLarge` above ``limit`` bytes.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb", closefd=True) as handle:
        status = os.fstat(fd)
        mode, size = status.st_mode, status.st_size
        if not stat.S_ISREG(mode):
            raise NotRegularFile(0, _not_regular(mode))
        if size > limit:
            raise FileTooLarge(size)
        return handle.read()


def is_not_analysed(finding: Finding) -> bool:
    """Whether a finding says that its path was not analysed at all (see
    :func:`not_analysed`), as opposed to a file that was read and could not be parsed or
    decoded, whose PL000 is an error.  Reporters count such paths apart from the files
    scanned."""
    return (
        finding.rule_id == _NOT_ANALYSED_CODE
        and finding.level == Level.NOTE
        and finding.message.startswith(NOT_ANALYSED_PREFIX)
    )


def is_python_file(path: Path) -> bool:
    """Whether ``path`` is Python source: a ``.py`` or ``.pyi`` file, or a file without an
    extension whose first line is a Python shebang (``#!/usr/bin/env python3``,
    ``#!/usr/bin/python3.12 -u``, ``#!/usr/bin/env -S pypy3``).

    Never raises: an unreadable file is not Python source.
    """
    if path.suffix in PYTHON_SUFFIXES:
        return True
    if path.suffix:
        return False
    try:
        with path.open("rb") as stream:
            head = stream.read(_SHEBANG_MAX_BYTES)
    except OSError:
        return False
    return _is_python_shebang(head)


# --- internals ---------------------------------------------------------------------------


class _Search:
    """Accumulates files, skipped and unreadable paths across the arguments of one call."""

    def __init__(
        self, base: Path, excluded: re.Pattern[str] | None, include_other: bool = False
    ) -> None:
        self.base = base
        self.excluded = excluded
        self.include_other = include_other
        #: non-Python files found while searching (``include_other`` only)
        self.others: set[str] = set()
        # Absolute path strings: a 50k-file tree is much cheaper as str than as Path.
        self.files: set[str] = set()
        self.skipped: dict[Path, str] = {}
        self.unreadable: dict[Path, str] = {}
        self.searched: set[Path] = set()

    def skip(self, path: Path, reason: str) -> None:
        """``path`` is left out on purpose, though the user may expect it to be checked."""
        self.skipped.setdefault(path, reason)

    def fail(self, path: Path, reason: str) -> None:
        """``path`` was asked for and cannot be analysed."""
        self.unreadable.setdefault(path, reason)

    def directory(self, root: Path) -> None:
        if root in self.searched:
            return
        self.searched.add(root)
        prefix = self._glob_prefix(root)
        listing = _git_listing(root)
        if listing is None:
            self._walk(root, prefix)
            return
        toplevel, entries, unreadable = listing
        for relative, reason in unreadable:
            self.fail(Path(os.path.normpath(toplevel / relative)), reason)
        self._filter_git(root, prefix, entries)

    def _glob_prefix(self, root: Path) -> str:
        """The POSIX path of ``root`` relative to ``base``, as a prefix ("" or "a/b/")."""
        if root == self.base:
            return ""
        if root.is_relative_to(self.base):
            return root.relative_to(self.base).as_posix() + "/"
        return root.as_posix().rstrip("/") + "/"

    def _walk(self, root: Path, prefix: str) -> None:
        stack: list[tuple[str, str]] = [(str(root), "")]  # (absolute path, "rel/" to root)
        while stack:
            directory, relative = stack.pop()
            try:
                with os.scandir(directory) as entries:
                    for entry in entries:
                        try:
                            self._visit(entry, relative, prefix, stack)
                        except OSError as error:  # an entry's lstat (is_dir, is_symlink)
                            self.fail(Path(entry.path), _reason(error))
            except OSError as error:  # scandir() itself, or reading the directory
                self.fail(Path(directory), _reason(error))

    def _visit(
        self, entry: os.DirEntry[str], relative: str, prefix: str, stack: list[tuple[str, str]]
    ) -> None:
        """Handle one entry of a walked directory: queue it, add it, or leave it."""
        name = entry.name
        excluded = self.excluded
        if entry.is_dir(follow_symlinks=False):
            child = relative + name + "/"
            reason = _skip_reason(name)
            if reason is None and excluded is not None and excluded.fullmatch(prefix + child):
                reason = "excluded"
            if reason is None and os.path.exists(os.path.join(entry.path, _VENV_MARKER)):
                reason = "virtual environment (contains pyvenv.cfg)"
            if reason is None:
                stack.append((entry.path, child))
            else:
                logger.debug("not searching %s: %s", entry.path, reason)
            return
        python = name.endswith(PYTHON_SUFFIXES)
        if not (python or self.include_other):
            return
        if excluded is not None and excluded.fullmatch(prefix + relative + name):
            return
        problem = _not_a_file(entry)
        if problem is None:
            (self.files if python else self.others).add(entry.path)
        elif problem != _LINKED_DIRECTORY:
            self.fail(Path(entry.path), problem)

    def _filter_git(self, root: Path, prefix: str, entries: Iterable[str]) -> None:
        excluded = self.excluded
        root_text = str(root)
        # Per directory ("" is root, else "a/b"): None to search, or (top, reason) naming the
        # outermost directory that is skipped and why.  Directories are few; files are many.
        verdicts: dict[str, tuple[str, str | None] | None] = {"": None}

        def verdict(directory: str) -> tuple[str, str | None] | None:
            if directory in verdicts:
                return verdicts[directory]
            parent, _, name = directory.rpartition("/")
            result = verdict(parent)
            if result is None:
                reason = _skip_reason(name)
                if reason is not None:
                    result = (directory, reason)
                elif excluded is not None and excluded.fullmatch(f"{prefix}{directory}/"):
                    result = (directory, None)  # excluded on request: not worth reporting
                elif os.path.exists(os.path.join(root_text, directory, _VENV_MARKER)):
                    result = (directory, "virtual environment (contains pyvenv.cfg)")
            verdicts[directory] = result
            return result

        # Per directory, from one scandir() rather than a stat() per file: each wanted
        # name that is on disk and not a directory (a submodule, a symlink to one), with
        # None for a regular file or why it cannot be analysed (a broken symlink, a FIFO
        # where git has a file).  Tracked files deleted from disk are not there: dropped.
        present: dict[str, dict[str, str | None]] = {}

        def on_disk(directory: str) -> dict[str, str | None]:
            found = present.get(directory)
            if found is None:
                found = present[directory] = {}
                path = os.path.join(root_text, directory) if directory else root_text
                try:
                    with os.scandir(path) as listing:
                        for entry in listing:
                            if not (self.include_other or entry.name.endswith(PYTHON_SUFFIXES)):
                                continue
                            if entry.is_dir(follow_symlinks=False):
                                continue
                            problem = _not_a_file(entry)
                            if problem != _LINKED_DIRECTORY:
                                found[entry.name] = problem
                except (FileNotFoundError, NotADirectoryError):
                    pass  # a tracked directory deleted from disk: its files are dropped too
                except OSError as error:
                    self.fail(Path(path), _reason(error))
            return found

        for relative in entries:
            python = relative.endswith(PYTHON_SUFFIXES)
            if not python and not self.include_other:
                continue
            directory, _, name = relative.rpartition("/")
            dropped = verdict(directory)
            if dropped is not None:
                top, reason = dropped
                if reason is not None:
                    self.skip(Path(root_text, top), f"{reason}; its Python files were not checked")
                continue
            if excluded is not None and excluded.fullmatch(prefix + relative):
                continue
            listing = on_disk(directory)
            if name not in listing:
                continue
            problem = listing[name]
            if problem is None:
                (self.files if python else self.others).add(os.path.join(root_text, relative))
            else:
                self.fail(Path(root_text, relative), problem)


def _git_listing(root: Path) -> tuple[Path, list[str], list[tuple[str, str]]] | None:
    """``(toplevel, entries relative to root, unreadable dirs relative to toplevel)`` from
    git, or None if ``root`` is not in a git work tree, is git-ignored, or git fails."""
    env = {key: value for key, value in os.environ.items() if key not in _GIT_LOCATION_VARS}
    env["LC_ALL"] = "C"  # we parse git's warnings
    env["LANGUAGE"] = "C"
    where = ["git", "-C", str(root)]
    try:
        toplevel = subprocess.run(
            [*where, "rev-parse", "--show-toplevel"],
            capture_output=True,
            env=env,
            timeout=_GIT_PROBE_TIMEOUT,
            check=False,
        )
        if toplevel.returncode != 0:
            logger.debug("%s: not in a git work tree; walking it", root)
            return None
        ignored = subprocess.run(
            [*where, "check-ignore", "-q", "."],
            capture_output=True,
            env=env,
            timeout=_GIT_PROBE_TIMEOUT,
            check=False,
        )
        if ignored.returncode == 0:
            logger.debug("%s: ignored by git; walking it", root)
            return None
        listed = subprocess.run(
            [*where, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True,
            env=env,
            timeout=_GIT_LIST_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        logger.debug("git is not installed; walking %s", root)
        return None
    except (OSError, subprocess.SubprocessError) as error:
        logger.warning("%s: git failed (%s); walking the directory instead", root, error)
        return None
    if listed.returncode != 0:
        logger.warning(
            "%s: git ls-files failed (%s); walking the directory instead",
            root,
            os.fsdecode(listed.stderr).strip(),
        )
        return None
    top = Path(os.fsdecode(toplevel.stdout).rstrip("\n"))
    entries = [entry for entry in os.fsdecode(listed.stdout).split("\0") if entry]
    unreadable = [
        (match[1].rstrip("/"), match[2].strip().lower())
        for match in _GIT_UNREADABLE_DIR.finditer(os.fsdecode(listed.stderr))
    ]
    return top, entries, unreadable


def _skip_reason(name: str) -> str | None:
    """Why a directory called ``name`` is never searched, or None."""
    if name not in SKIP_DIR_NAMES and not name.endswith(_EGG_INFO_SUFFIX):
        return None
    if name in {".tox", ".nox", ".venv", "venv", ".direnv"}:
        return "virtual environment"
    if name in {"site-packages", "dist-packages", "node_modules"}:
        return "installed packages"
    if name in {"build", "dist", ".eggs"} or name.endswith(_EGG_INFO_SUFFIX):
        return "build output"
    if name in {".git", ".hg", ".svn"}:
        return "version control metadata"
    return "cache"


def _compile_globs(patterns: Sequence[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{glob_to_regex(pattern)})" for pattern in patterns))


def _is_python_shebang(head: bytes) -> bool:
    if not head.startswith(b"#!"):
        return False
    words = head[2:].split(b"\n", 1)[0].decode("utf-8", "replace").split()
    if words and os.path.basename(words[0]) == "env":
        # /usr/bin/env [-S] [-i] [-u NAME] [NAME=value]... python3 [args]
        words = words[1:]
        while words and (words[0].startswith("-") or "=" in words[0]):
            option = words.pop(0)
            if option in {"-u", "--unset", "-C", "--chdir"} and words:
                words.pop(0)
    return bool(words) and _SHEBANG_PYTHON.fullmatch(os.path.basename(words[0])) is not None


def _reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


def _not_a_file(entry: os.DirEntry[str]) -> str | None:
    """None if ``entry`` is a regular file (following a symlink); else why it cannot be
    analysed, or ``_LINKED_DIRECTORY`` for a symlink to a directory (not followed, as git
    does not, and not reported).  Never opens it; stats only what is not a plain file."""
    try:
        if entry.is_file():  # from the directory listing: no system call for a plain file
            return None
        mode = entry.stat().st_mode  # links, FIFOs, devices, sockets
    except FileNotFoundError as error:
        # a link to nothing, or an entry removed since the directory was listed
        return _BROKEN_LINK if _is_symlink(entry) else _reason(error)
    except OSError as error:  # a symlink loop, a target we may not stat
        return _reason(error)
    return _LINKED_DIRECTORY if stat.S_ISDIR(mode) else _not_regular(mode)


def _is_symlink(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


_SPECIAL_FILES: Final = (
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)


def _not_regular(mode: int) -> str:
    """``not a regular file (FIFO)``, for the mode of something that is neither a
    regular file nor a directory."""
    for test, kind in _SPECIAL_FILES:
        if test(mode):
            return f"not a regular file ({kind})"
    return "not a regular file"


def _sorted_pairs(pairs: dict[Path, str]) -> tuple[tuple[Path, str], ...]:
    return tuple(sorted(pairs.items(), key=lambda item: _path_key(item[0])))


def _text_key(path: str) -> str:
    # Sort by components, not plain str: "a/b.py" before "a-c.py" ("a" < "a-c.py").  The
    # separator becomes NUL, which sorts before every character a name can hold.
    return path.replace(os.sep, "\0")


def _path_key(path: Path) -> tuple[str, ...]:
    return path.parts
