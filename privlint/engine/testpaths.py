"""Which finding paths are test code (``[tool.privlint] test-paths``)."""

from __future__ import annotations

import re
from functools import lru_cache

from privlint.engine.files import glob_to_regex
from privlint.marshalled import compiles_pack_patterns
from privlint.policy.model import Policy


@lru_cache(maxsize=8)
@compiles_pack_patterns  # the configuration's test-path globs: kept by the command line
def _compiled(globs: tuple[str, ...]) -> re.Pattern[str] | None:
    if not globs:
        return None
    return re.compile("|".join(f"(?:{glob_to_regex(glob)})" for glob in globs))


def is_test_path(policy: Policy, path: str) -> bool:
    """Whether ``path`` (POSIX, as findings show it) matches one of the test-path globs."""
    regex = _compiled(policy.test_paths)
    return regex is not None and regex.fullmatch(path) is not None
