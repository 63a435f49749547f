"""``privlint init``: a commented ``[tool.privlint]`` section and the pre-commit snippet.

The section changes nothing by itself: every key is a comment showing the default or
an example, so that a new user sees what can be set, where, and in which words. An
existing ``[tool.privlint]`` (or any ``[tool.privlint.*]`` table) is never touched.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import privlint

SECTION = """\
[tool.privlint]
# privlint's settings; `privlint init` wrote this section and every key is optional.
# Uncomment what you need; `privlint rules` lists the rules, `privlint rules PL101`
# shows one rule's page.
#
# fail-on = "warning"                  # lowest level that fails a run: error | warning | note
# exclude = ["vendor/**"]              # globs, relative to this file's folder
# disable = ["PL104"]                  # rules to turn off
# enable = ["PL405"]                   # rules that are off by default
# not-sensitive = ["password_prompt"]  # names that are not sensitive here
# sanitizers = ["scrub_pii"]           # your functions whose result is safe to log
# logger-names = ["audit"]             # more names that are loggers
# allowed-hosts = ["*.corp.lan"]       # hosts plaintext HTTP may reach
# findings in test and demonstration code are notes; setting this replaces the default:
# test-paths = ["**/tests/**", "**/test/**", "test_*.py", "*_test.py", "tests.py",
#               "tests_*.py", "*_tests.py", "conftest.py", "**/examples/**",
#               "**/example/**", "**/example_*/**", "**/docs/**", "**/samples/**"]
#
# [tool.privlint.names]                # more names for a data category
# "credential.password" = ["pin_code"]
"""


def precommit_snippet() -> str:
    """The ``.pre-commit-config.yaml`` entry for this version of privlint."""
    return (
        "repos:\n"
        f"  - repo: {privlint.REPOSITORY_URL}\n"
        f"    rev: v{privlint.__version__}\n"
        "    hooks:\n"
        "      - id: privlint\n"
    )


class InitError(Exception):
    """The file cannot be read, parsed or written; the message names it."""


@dataclass(frozen=True)
class Outcome:
    """What ``init`` did: ``written`` is False when the file already had a section."""

    path: Path
    written: bool
    created: bool = False


def write_section(path: Path) -> Outcome:
    """Append :data:`SECTION` to ``path`` (created when missing), unless it already has
    a ``[tool.privlint]``."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else None
    except (OSError, UnicodeDecodeError) as exc:
        raise InitError(f"{path}: cannot read: {_reason(exc)}") from None
    if text is not None:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InitError(f"{path}: not valid TOML ({exc}); nothing written") from None
        tool = data.get("tool")
        if isinstance(tool, dict) and "privlint" in tool:
            return Outcome(path, written=False)
    new = SECTION if not text else text.rstrip("\n") + "\n\n" + SECTION
    try:
        path.write_text(new, encoding="utf-8")
    except OSError as exc:
        raise InitError(f"{path}: cannot write: {_reason(exc)}") from None
    return Outcome(path, written=True, created=text is None)


def _reason(exc: OSError | UnicodeDecodeError) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not valid UTF-8 (byte {exc.start})"
    return (exc.strerror or type(exc).__name__).lower()
