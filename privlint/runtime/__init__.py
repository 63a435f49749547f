"""privlint.runtime: the policy that ``privlint check`` enforces in review, enforced
while the program runs.

::

    import privlint.runtime as privacy

    privacy.install()                  # mask every logging record (and structlog, loguru)
    privacy.guard_http()               # refuse plaintext HTTP to non-local hosts
    log.info("login %s", privacy.mask(header))   # masked on demand

Cheap to import: the policy is loaded on first use, HTTP clients are patched when
they are imported, and nothing here imports the static analyser or libcst.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, TextIO

from privlint.runtime.errors import PrivacyPolicyError
from privlint.runtime.mask import DEFAULT_KEY_LEVELS, MASK, Masker, mask, mask_data, mask_value

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from privlint.policy import Policy
    from privlint.runtime.http import Mode

__all__ = [
    "MASK",
    "Masker",
    "PrivacyPolicyError",
    "configure",
    "guard_http",
    "install",
    "mask",
    "mask_data",
    "mask_value",
    "stats",
    "uninstall",
]


def configure(
    policy: Policy | None = None,
    *,
    config: Path | None = None,
    include_optional: bool | Iterable[str] = False,
    key_levels: Iterable[str] = DEFAULT_KEY_LEVELS,
) -> Masker:
    """Set the process-wide masker: from ``policy``, or the policy of ``config`` (a
    ``pyproject.toml``), or else the nearest project's. Returns it."""
    from privlint.runtime import _state

    if policy is None:
        from privlint.policy import load_policy

        policy = load_policy(config=config)
    masker = Masker(policy, include_optional=include_optional, key_levels=key_levels)
    _state.set_masker(masker)
    return masker


def install(
    policy: Policy | None = None,
    *,
    config: Path | None = None,
    include_optional: bool | Iterable[str] = False,
    logging: bool = True,
    structlog: bool = True,
    loguru: bool = True,
    http: bool = False,
    http_mode: Mode | None = None,
    local_only: bool | None = None,
    audit_log: str | os.PathLike[str] | TextIO | None = None,
) -> None:
    """Turn the runtime shim on. Loads the policy now, so that a configuration error
    surfaces at start-up rather than inside a log call.

    ``logging``: mask every record of every logger; ``structlog`` / ``loguru``: hook
    them too when they are installed; ``http`` (or ``local_only``, or
    ``$PRIVLINT_LOCAL_ONLY=1``): :func:`guard_http` with ``http_mode``,
    ``local_only`` and ``audit_log``.
    """
    from privlint.runtime import _state

    if policy is not None or config is not None or include_optional:
        configure(policy, config=config, include_optional=include_optional)
    else:
        _state.masker()
    if logging:
        from privlint.runtime.logging import install_logging

        install_logging()
    if structlog and _importable("structlog"):
        from privlint.runtime.structlog import install_structlog

        install_structlog()
    if loguru and _importable("loguru"):
        from privlint.runtime.loguru import install_loguru

        install_loguru()
    from privlint.runtime.http import LOCAL_ONLY_ENV

    env_local_only = os.environ.get(LOCAL_ONLY_ENV, "").strip().lower() in ("1", "true", "yes")
    if http or local_only or (local_only is None and env_local_only):
        guard_http(http_mode, local_only=local_only, audit_log=audit_log)


def guard_http(
    mode: Mode | None = None,
    *,
    local_only: bool | None = None,
    policy: Policy | None = None,
    audit_log: str | os.PathLike[str] | TextIO | None = None,
) -> None:
    """Refuse (or, in ``warn`` mode, report) outbound HTTP that the policy does not
    allow; see :mod:`privlint.runtime.http`."""
    from privlint.runtime import http

    http.guard_http(mode, local_only=local_only, policy=policy, audit_log=audit_log)


def uninstall(*, reset_policy: bool = False) -> None:
    """Undo :func:`install` and :func:`guard_http` (for tests). ``reset_policy``:
    forget the process-wide masker too, so that the next use loads the policy again."""
    import sys

    from privlint.runtime import _state

    if "privlint.runtime.logging" in sys.modules:
        from privlint.runtime.logging import uninstall_logging

        uninstall_logging()
    if "privlint.runtime.structlog" in sys.modules:
        from privlint.runtime.structlog import uninstall_structlog

        uninstall_structlog()
    if "privlint.runtime.loguru" in sys.modules:
        from privlint.runtime.loguru import uninstall_loguru

        uninstall_loguru()
    if "privlint.runtime.http" in sys.modules:
        from privlint.runtime.http import unguard_http

        unguard_http()
    if reset_policy:
        _state.set_masker(None)


def stats() -> dict[str, int]:
    """Counters since start: ``mask_errors`` (masking failed, content withheld),
    ``format_errors`` (a log message whose arguments did not fit its format),
    ``http_refused``, ``http_warned``, ``audit_errors``."""
    from privlint.runtime import _state

    return _state.stats()


def _importable(name: str) -> bool:
    import sys

    if name in sys.modules:
        return True
    from importlib.util import find_spec

    try:
        return find_spec(name) is not None
    except (ImportError, ValueError):
        return False
