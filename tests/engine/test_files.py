"""Tests for privlint.engine.files: which files a run analyses, and what it reports."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from privlint.engine import files as files_module
from privlint.engine.files import Discovery, discover, glob_to_regex, is_python_file

HAS_GIT = shutil.which("git") is not None
needs_git = pytest.mark.skipif(not HAS_GIT, reason="git is not installed")


# --- helpers -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep git from finding a repository above tmp_path, or one pinned by the environment
    (git exports GIT_DIR and friends while running hooks)."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.resolve().parent))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR"):
        monkeypatch.delenv(name, raising=False)


def write(root: Path, *relatives: str, text: str = "x = 1\n") -> None:
    for relative in relatives:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "user.name=privlint tests",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def make_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    return root


def names(discovery: Discovery, root: Path) -> list[str]:
    """The found files as POSIX paths relative to ``root``, in discovery order."""
    return [path.relative_to(root.resolve()).as_posix() for path in discovery.files]


# Every directory name that is never searched, with a Python file inside.
SKIPPED_TREES = [
    ".git/hooks/x.py",
    ".hg/x.py",
    ".svn/x.py",
    "lib/python3.11/site-packages/dep/x.py",
    "dist-packages/x.py",
    "web/node_modules/pkg/x.py",
    "pkg/__pycache__/x.py",
    ".tox/py311/x.py",
    ".nox/x.py",
    ".venv/x.py",
    "venv/x.py",
    ".mypy_cache/x.py",
    ".pytest_cache/x.py",
    ".ruff_cache/x.py",
    "build/lib/pkg/x.py",
    "dist/x.py",
    ".eggs/x.py",
    "src/privlint.egg-info/x.py",
    ".cache/x.py",
    ".direnv/python-3.11/x.py",
]


# --- walking a directory outside git -------------------------------------------------------


def test_walk_finds_py_and_pyi_files_only(tmp_path: Path) -> None:
    write(tmp_path, "a.py", "pkg/b.py", "pkg/c.pyi", "pkg/deep/d.py", "notes.txt", "script")

    found = discover([tmp_path])

    assert names(found, tmp_path) == ["a.py", "pkg/b.py", "pkg/c.pyi", "pkg/deep/d.py"]
    assert found.missing == ()
    assert found.skipped == ()
    assert found.unreadable == ()
    assert all(path.is_absolute() for path in found.files)


@pytest.mark.parametrize("tree", SKIPPED_TREES)
def test_walk_skips_vcs_venv_package_cache_and_build_dirs(tmp_path: Path, tree: str) -> None:
    write(tmp_path, "keep.py", tree)

    assert names(discover([tmp_path]), tmp_path) == ["keep.py"]


def test_walk_skips_any_directory_holding_pyvenv_cfg(tmp_path: Path) -> None:
    write(tmp_path, "app.py", "tools/myenv/lib/python3.11/site.py", "tools/myenv/bin/activate.py")
    (tmp_path / "tools/myenv/pyvenv.cfg").write_text("home = /usr/bin\n")

    assert names(discover([tmp_path]), tmp_path) == ["app.py"]


def test_skip_rules_apply_below_the_named_directory_not_to_it(tmp_path: Path) -> None:
    # Naming a directory searches it, even one that would be skipped if found by a walk.
    write(tmp_path, "build/gen.py", "build/__pycache__/gen.py")

    assert names(discover([tmp_path / "build"]), tmp_path) == ["build/gen.py"]


def test_walk_does_not_follow_symlinked_directories(tmp_path: Path) -> None:
    write(tmp_path, "real/a.py")
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "real/loop").symlink_to(tmp_path, target_is_directory=True)

    found = discover([tmp_path], include_other=True)

    assert names(found, tmp_path) == ["real/a.py"]
    assert found.unreadable == ()  # not followed on purpose: nothing to report


def test_walk_includes_symlinked_file_under_its_own_name_and_reports_broken_links(
    tmp_path: Path,
) -> None:
    write(tmp_path, "real.py")
    (tmp_path / "alias.py").symlink_to(tmp_path / "real.py")
    (tmp_path / "broken.py").symlink_to(tmp_path / "nowhere.py")

    found = discover([tmp_path])

    assert names(found, tmp_path) == ["alias.py", "real.py"]
    assert found.unreadable == ((tmp_path / "broken.py", "broken symbolic link"),)
    assert found.skipped == ()


def test_walk_reports_a_broken_link_to_a_non_python_file(tmp_path: Path) -> None:
    (tmp_path / "id_rsa").symlink_to(tmp_path / "gone")

    found = discover([tmp_path], include_other=True)

    assert found.other_files == ()
    assert found.unreadable == ((tmp_path / "id_rsa", "broken symbolic link"),)
    assert discover([tmp_path]).unreadable == ()  # not looked for: only Python files wanted


def test_walk_is_used_when_git_is_not_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path / "repo") if HAS_GIT else tmp_path / "repo"
    write(repo, "a.py", "ignored.py")
    (repo / ".gitignore").write_text("ignored.py\n")

    def no_git(*args: Any, **kwargs: Any) -> Any:
        raise FileNotFoundError("git")

    monkeypatch.setattr(subprocess, "run", no_git)

    # Without git, .gitignore cannot be honoured, but discovery still works.
    assert names(discover([repo]), repo) == ["a.py", "ignored.py"]


# --- errors are results, not exceptions ----------------------------------------------------


def test_unreadable_directory_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "a.py", "locked/b.py", "open/c.py")
    locked = str(tmp_path.resolve() / "locked")
    real_scandir = os.scandir

    def scandir(path: str) -> Any:
        if path == locked:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)

    found = discover([tmp_path])

    assert names(found, tmp_path) == ["a.py", "open/c.py"]
    assert found.unreadable == ((Path(locked), "permission denied"),)
    assert found.skipped == ()


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any directory"
)
def test_unreadable_directory_on_disk_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "a.py", "locked/b.py")
    locked = tmp_path / "locked"
    locked.chmod(0)
    try:
        found = discover([tmp_path])
    finally:
        locked.chmod(0o755)

    assert names(found, tmp_path) == ["a.py"]
    assert [path for path, _ in found.unreadable] == [locked.resolve()]


@needs_git
@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any directory"
)
def test_unreadable_directory_in_git_repo_is_reported(repo: Path) -> None:
    write(repo, "locked/b.py")
    locked = repo / "locked"
    locked.chmod(0)
    try:
        found = discover([repo])
    finally:
        locked.chmod(0o755)

    assert names(found, repo) == ["pkg/mod.py", "tracked.py", "untracked.py"]
    assert found.unreadable == ((locked.resolve(), "permission denied"),)


def test_missing_arguments_are_reported_as_given(tmp_path: Path) -> None:
    write(tmp_path, "a.py")

    found = discover(
        [Path("nope.py"), tmp_path / "a.py", Path("gone/dir"), Path("nope.py")], cwd=tmp_path
    )

    assert names(found, tmp_path) == ["a.py"]
    assert found.missing == (Path("nope.py"), Path("gone/dir"))


def test_broken_symlink_argument_is_unreadable_not_missing(tmp_path: Path) -> None:
    # The link is there (no typo); what it points to is not: the run goes on.
    (tmp_path / "dangling.py").symlink_to(tmp_path / "nowhere.py")

    found = discover([tmp_path / "dangling.py"])

    assert found.missing == ()
    assert found.unreadable == ((tmp_path / "dangling.py", "broken symbolic link"),)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_argument_that_is_neither_file_nor_directory_is_unreadable(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.py")

    found = discover([tmp_path / "pipe.py"])

    assert found.files == ()
    assert found.unreadable == ((tmp_path / "pipe.py", "not a regular file (FIFO)"),)


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_character_device_argument_is_unreadable() -> None:
    found = discover([Path("/dev/null")])

    assert found.files == found.missing == ()
    assert found.unreadable == ((Path("/dev/null"), "not a regular file (character device)"),)


def test_symlink_loop_argument_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")

    found = discover([Path("loop")], cwd=tmp_path)

    assert found.missing == ()
    assert found.unreadable == ((tmp_path.resolve() / "loop", "too many levels of symbolic links"),)


def test_argument_that_cannot_be_stat_ed_is_unreadable_and_the_rest_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As for a file in a directory we may not search (root could search it anyway).
    write(tmp_path, "a.py", "locked/b.py")
    locked = tmp_path / "locked/b.py"
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)

    found = discover([locked, tmp_path / "a.py"])

    assert names(found, tmp_path) == ["a.py"]
    assert found.missing == ()
    assert found.unreadable == ((locked, "permission denied"),)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("include_other", [False, True])
def test_walk_reports_entries_that_are_not_regular_files(
    tmp_path: Path, include_other: bool
) -> None:
    write(tmp_path, "a.py", "notes.txt")
    os.mkfifo(tmp_path / "pipe.py")
    os.mkfifo(tmp_path / "fifo")  # not a Python name: looked at only with include_other
    (tmp_path / "loop.py").symlink_to(tmp_path / "loop.py")
    (tmp_path / "to_pipe.py").symlink_to(tmp_path / "pipe.py")
    os.mkfifo(tmp_path / "excluded.py")

    found = discover([tmp_path], include_other=include_other, exclude=["excluded.py"])

    assert names(found, tmp_path) == ["a.py"]
    expected = [
        (tmp_path / "fifo", "not a regular file (FIFO)"),
        (tmp_path / "loop.py", "too many levels of symbolic links"),
        (tmp_path / "pipe.py", "not a regular file (FIFO)"),
        (tmp_path / "to_pipe.py", "not a regular file (FIFO)"),
    ]
    assert list(found.unreadable) == expected[0 if include_other else 1 :]


def test_directory_that_vanishes_mid_walk_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "a.py", "gone/b.py", "kept/c.py")
    gone = str(tmp_path.resolve() / "gone")
    real_scandir = os.scandir

    def scandir(path: str) -> Any:
        if path == gone:  # listed in its parent a moment ago; removed before it is read
            shutil.rmtree(path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)

    found = discover([tmp_path])

    assert names(found, tmp_path) == ["a.py", "kept/c.py"]
    assert found.unreadable == ((Path(gone), "no such file or directory"),)


# --- explicit files ------------------------------------------------------------------------


def test_explicit_file_of_any_extension_is_included(tmp_path: Path) -> None:
    write(tmp_path, "settings.cfg", "build/conf.py", ".venv/lib/x.py")

    found = discover(
        [Path("settings.cfg"), Path("build/conf.py"), Path(".venv/lib/x.py")],
        exclude=["*.cfg", "build/**"],
        cwd=tmp_path,
    )

    assert names(found, tmp_path) == [".venv/lib/x.py", "build/conf.py", "settings.cfg"]


def test_relative_arguments_start_from_cwd(tmp_path: Path) -> None:
    write(tmp_path, "pkg/a.py", "pkg/sub/b.py")

    found = discover([Path("pkg")], cwd=tmp_path)

    assert found.files == (
        tmp_path.resolve() / "pkg/a.py",
        tmp_path.resolve() / "pkg/sub/b.py",
    )


def test_symlinked_directory_in_an_argument_is_resolved(tmp_path: Path) -> None:
    write(tmp_path, "real/a.py")
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)

    found = discover([tmp_path / "link/a.py", tmp_path / "link", tmp_path / "real/a.py"])

    assert found.files == (tmp_path.resolve() / "real/a.py",)


# --- git work trees ------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Path]:
    """A repository with tracked, ignored, untracked and deleted files:

    tracked.py, pkg/mod.py     committed
    ignored.py, gen/out.py     ignored by .gitignore
    untracked.py               untracked, not ignored
    gone.py                    committed, then deleted from disk
    """
    root = make_repo(tmp_path / "repo")
    (root / ".gitignore").write_text("ignored.py\ngen/\n")
    write(root, "tracked.py", "pkg/mod.py", "gone.py", "README.md")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "initial")
    (root / "gone.py").unlink()
    write(root, "ignored.py", "gen/out.py", "untracked.py")
    yield root


@needs_git
def test_git_repo_honours_gitignore_and_includes_untracked_files(repo: Path) -> None:
    found = discover([repo])

    assert names(found, repo) == ["pkg/mod.py", "tracked.py", "untracked.py"]
    assert found.skipped == ()
    assert found.unreadable == ()


@needs_git
def test_git_subdirectory_lists_only_its_own_files(repo: Path) -> None:
    write(repo, "pkg/new.py")

    assert names(discover([repo / "pkg"]), repo) == ["pkg/mod.py", "pkg/new.py"]


@needs_git
def test_deleted_tracked_file_is_dropped(repo: Path) -> None:
    assert (repo / "gone.py") not in discover([repo]).files


@needs_git
def test_explicit_ignored_file_is_still_included(repo: Path) -> None:
    found = discover([repo, repo / "ignored.py", repo / "gen/out.py"])

    assert names(found, repo) == [
        "gen/out.py",
        "ignored.py",
        "pkg/mod.py",
        "tracked.py",
        "untracked.py",
    ]


@needs_git
def test_named_ignored_directory_is_walked(repo: Path) -> None:
    write(repo, "gen/sub/more.py")

    assert names(discover([repo / "gen"]), repo) == ["gen/out.py", "gen/sub/more.py"]


@needs_git
@pytest.mark.parametrize("tree", [t for t in SKIPPED_TREES if not t.startswith(".git/")])
def test_git_skips_tracked_files_in_skipped_dirs_and_reports_them(repo: Path, tree: str) -> None:
    write(repo, tree)
    git(repo, "add", "-f", tree)

    found = discover([repo])

    assert names(found, repo) == ["pkg/mod.py", "tracked.py", "untracked.py"]
    top = next(
        part
        for part in Path(tree).parents
        if part.name in files_module.SKIP_DIR_NAMES or part.name.endswith(".egg-info")
    )
    assert [path for path, _ in found.skipped] == [repo.resolve() / top]


@needs_git
def test_git_skips_unignored_virtualenv_and_reports_it(repo: Path) -> None:
    write(repo, "env/lib/python3.11/site.py", "env/bin/tool.py")
    (repo / "env/pyvenv.cfg").write_text("home = /usr/bin\n")

    found = discover([repo])

    assert names(found, repo) == ["pkg/mod.py", "tracked.py", "untracked.py"]
    # a deliberate exclusion, said as a remark; not a path that could not be read
    assert found.skipped == (
        (
            repo.resolve() / "env",
            "virtual environment (contains pyvenv.cfg); its Python files were not checked",
        ),
    )
    assert found.unreadable == ()


@needs_git
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("use_git", [True, False])
def test_git_listed_and_walked_entries_that_cannot_be_read_are_reported_alike(
    repo: Path, use_git: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # git lists tracked paths whatever they are on disk now; a walk finds the same ones.
    write(repo, "was_file.py", "sub/mod.py")
    (repo / "dangling.py").symlink_to("nowhere.py")
    (repo / "loop.py").symlink_to("loop.py")
    git(repo, "add", ".")
    (repo / "was_file.py").unlink()
    os.mkfifo(repo / "was_file.py")
    (repo / "sub").rename(repo / "moved")  # a tracked directory gone from disk: dropped
    if not use_git:
        monkeypatch.setattr(files_module, "_git_listing", lambda root: None)
        (repo / "ignored.py").unlink()
        shutil.rmtree(repo / "gen")

    found = discover([repo], include_other=True)

    assert names(found, repo) == ["moved/mod.py", "pkg/mod.py", "tracked.py", "untracked.py"]
    assert found.unreadable == (
        (repo.resolve() / "dangling.py", "broken symbolic link"),
        (repo.resolve() / "loop.py", "too many levels of symbolic links"),
        (repo.resolve() / "was_file.py", "not a regular file (FIFO)"),
    )


@needs_git
def test_git_mode_ignores_repository_pinned_by_environment(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = make_repo(tmp_path / "other")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", ".git/index")

    assert names(discover([repo]), repo) == ["pkg/mod.py", "tracked.py", "untracked.py"]


@needs_git
def test_git_mode_runs_a_fixed_number_of_subprocesses(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo, *(f"many/m{i:03}.py" for i in range(300)))
    real_run = subprocess.run
    calls: list[list[str]] = []

    def counting_run(args: list[str], **kwargs: Any) -> Any:
        calls.append(args)
        return real_run(args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting_run)

    found = discover([repo])

    assert len(found.files) == 303
    assert len(calls) == 3  # rev-parse, check-ignore, ls-files: never one per file


@needs_git
def test_git_mode_and_walk_agree_outside_ignore_rules(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for tree in SKIPPED_TREES[1:]:
        write(repo, tree)
    git(repo, "add", "-f", ".")
    (repo / "gen").rename(repo / "generated")  # no longer ignored
    (repo / "ignored.py").unlink()
    from_git = names(discover([repo]), repo)

    monkeypatch.setattr(files_module, "_git_listing", lambda root: None)
    from_walk = names(discover([repo]), repo)

    assert (
        from_git
        == from_walk
        == [
            "generated/out.py",
            "pkg/mod.py",
            "tracked.py",
            "untracked.py",
        ]
    )


# --- exclude globs -------------------------------------------------------------------------

EXCLUDE_TREE = [
    "app.py",
    "build.py",
    "tools/build.py",
    "tests/test_app.py",
    "tests/fixtures/leaky.py",
    "tests/fixtures/deep/more.py",
    "pkg/tests/fixtures/kept.py",
    "shop/migrations/0001_initial.py",
    "shop/migrations/README.py.txt",
    "shop/models.py",
    "gen/a.py",
    "src/gen/b.py",
]


@pytest.mark.parametrize("use_git", [False, pytest.param(True, marks=needs_git)])
def test_exclude_globs_filter_searched_directories(tmp_path: Path, use_git: bool) -> None:
    root = make_repo(tmp_path / "proj") if use_git else tmp_path / "proj"
    write(root, *EXCLUDE_TREE)

    found = discover(
        [Path("proj")],
        exclude=["proj/tests/fixtures/**", "**/migrations/*.py", "build.py", "proj/src/gen/"],
        cwd=tmp_path,
    )

    assert names(found, root) == [
        "app.py",
        "gen/a.py",
        "pkg/tests/fixtures/kept.py",
        "shop/models.py",
        "tests/test_app.py",
    ]


def test_exclude_globs_are_relative_to_cwd(tmp_path: Path) -> None:
    write(tmp_path, *EXCLUDE_TREE)

    found = discover([tmp_path / "tests"], exclude=["tests/fixtures/**"], cwd=tmp_path)

    assert names(found, tmp_path) == ["tests/test_app.py"]


def test_exclude_glob_naming_a_directory_excludes_its_contents(tmp_path: Path) -> None:
    write(tmp_path, "keep.py", "vendor/a.py", "vendor/b/c.py")

    assert names(discover([tmp_path], exclude=["vendor"], cwd=tmp_path), tmp_path) == ["keep.py"]


def test_invalid_exclude_glob_raises_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="negated"):
        discover([tmp_path], exclude=["!keep.py"])
    with pytest.raises(ValueError, match="empty"):
        discover([tmp_path], exclude=["/"])
    with pytest.raises(ValueError, match=r"unclosed '\['"):
        discover([tmp_path], exclude=["x[.py"])


@pytest.mark.parametrize(
    ("pattern", "matching", "not_matching"),
    [
        ("build.py", ["build.py", "a/b/build.py"], ["build.pyc", "xbuild.py", "build.py.txt"]),
        ("*.py", ["a.py", "d/a.py"], ["a.pyi"]),
        (
            "tests/fixtures/**",
            ["tests/fixtures/a.py", "tests/fixtures/d/a.py"],
            ["x/tests/fixtures/a.py", "tests/fixtures2/a.py"],
        ),
        (
            "**/migrations/*.py",
            ["migrations/1.py", "a/b/migrations/1.py"],
            ["migrations/x/1.py", "amigrations/1.py"],
        ),
        ("src/**/gen.py", ["src/gen.py", "src/a/b/gen.py"], ["gen.py", "x/src/gen.py"]),
        ("/top.py", ["top.py"], ["d/top.py"]),
        ("./top.py", ["top.py"], ["d/top.py"]),
        ("gen/", ["gen/a.py", "x/gen/a.py"], ["gen", "gen.py"]),
        ("vendor", ["vendor", "vendor/a.py", "x/vendor/y/a.py"], ["vendored/a.py"]),
        ("a?.py", ["ab.py"], ["a/.py", "abc.py"]),
        ("[ab].py", ["a.py", "b.py"], ["c.py", "/.py"]),
        ("[!ab].py", ["c.py"], ["a.py", "/.py"]),
        (r"x\[.py", ["x[.py"], ["x.py"]),
        (r"\*.py", ["*.py"], ["a.py"]),
        ("a.b", ["a.b"], ["axb"]),
        ("**", ["a", "a/b.py"], []),
        ("a/*", ["a/b", "a/b/c.py"], ["a", "b/a/c"]),
    ],
)
def test_glob_to_regex(pattern: str, matching: list[str], not_matching: list[str]) -> None:
    regex = re.compile(glob_to_regex(pattern))

    assert [path for path in matching if not regex.fullmatch(path)] == []
    assert [path for path in not_matching if regex.fullmatch(path)] == []


# --- Python file detection -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("mod.py", b"", True),
        ("stub.pyi", b"", True),
        ("script", b"#!/usr/bin/env python3\nprint()\n", True),
        ("script", b"#!/usr/bin/python\n", True),
        ("script", b"#!/usr/local/bin/python3.12 -u\n", True),
        ("script", b"#!/usr/bin/env -S python3 -X dev\n", True),
        ("script", b"#!/usr/bin/env -u PYTHONPATH FOO=1 pypy3\n", True),
        ("script", b"#! /usr/bin/python3\n", True),
        ("script", b'#!/bin/sh\nexec python3 "$@"\n', False),
        ("script", b"#!/usr/bin/env node\n", False),
        ("script", b"#!/usr/bin/env -u python3 bash\n", False),
        ("script", b"#!/usr/bin/pythonista\n", False),
        ("script", b"import os\n", False),
        ("script", b"", False),
        ("script", b"\xff\xfe#!python", False),
        ("notes.txt", b"#!/usr/bin/env python3\n", False),
        ("mod.pyc", b"", False),
    ],
)
def test_is_python_file(tmp_path: Path, name: str, content: bytes, expected: bool) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    assert is_python_file(path) is expected


def test_is_python_file_is_false_for_missing_or_directory(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()

    assert not is_python_file(tmp_path / "missing")
    assert not is_python_file(tmp_path / "dir")


# --- determinism ---------------------------------------------------------------------------


def test_order_is_sorted_by_components_and_deduplicated(tmp_path: Path) -> None:
    write(tmp_path, "a/b.py", "a-c.py", "a.py", "B.py", "a/a.py")

    first = discover([tmp_path / "a-c.py", tmp_path, tmp_path / "a", tmp_path / "a/b.py"])
    second = discover([tmp_path / "a", tmp_path, tmp_path / "a/b.py"])

    # By components, "a/b.py" sorts before "a-c.py" ("a" < "a-c.py"), unlike str order.
    assert names(first, tmp_path) == ["B.py", "a/a.py", "a/b.py", "a-c.py", "a.py"]
    assert first == second


@pytest.mark.parametrize("make_tree", ["walk", pytest.param("git", marks=needs_git)])
def test_order_does_not_depend_on_filesystem_or_git_order(tmp_path: Path, make_tree: str) -> None:
    root = make_repo(tmp_path / "r") if make_tree == "git" else tmp_path / "r"
    created = [f"d{i % 7}/f{(i * 37) % 101}.py" for i in range(60)]
    write(root, *created)

    found = names(discover([root]), root)

    assert found == sorted(set(created), key=lambda p: Path(p).parts)


def test_discovery_is_a_frozen_value(tmp_path: Path) -> None:
    found = discover([tmp_path])

    with pytest.raises(dataclasses.FrozenInstanceError):
        found.files = ()  # type: ignore[misc]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_reading_a_file_replaced_by_a_fifo_fails_at_once(tmp_path: Path) -> None:
    from privlint.engine.files import NotRegularFile, read_failure, read_regular_file

    fifo = tmp_path / "a.py"
    os.mkfifo(fifo)  # found as a file, then replaced before its turn came
    with pytest.raises(NotRegularFile) as caught:
        read_regular_file(fifo, 1024)
    assert read_failure("a.py", caught.value).message == "not analysed: not a regular file (FIFO)"


def test_reading_a_file_above_the_limit_says_so(tmp_path: Path) -> None:
    from privlint.engine.files import FileTooLarge, read_regular_file

    (tmp_path / "big.py").write_bytes(b"x" * 11)
    assert read_regular_file(tmp_path / "big.py", 11) == b"x" * 11
    with pytest.raises(FileTooLarge):
        read_regular_file(tmp_path / "big.py", 10)
