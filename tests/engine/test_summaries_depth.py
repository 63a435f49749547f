"""Function summaries in depth: keyword arguments into ``**kwargs``, within a module and
across modules; helpers that drop what they are given are not reported."""

from __future__ import annotations

from pathlib import Path

from privlint.api import check_paths
from privlint.policy.load import load_policy


def _found(root: Path, modules: dict[str, str]) -> list[tuple[str, int, str, str]]:
    for name, text in modules.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    result = check_paths([root], load_policy(search_from=root), root=root, jobs=1, cache=False)
    return sorted(
        (f.path, f.region.start_line, f.rule_id, f.message) for f in result.result.findings
    )


LOGS = (
    "import logging\nimport structlog\n_log = logging.getLogger(__name__)\n\n"
    "def audit(event, **fields):\n"
    "    structlog.get_logger('audit').info(event, **fields)\n\n"
    "def trail(event, **fields):\n"
    "    _log.info('%s %s', event, fields)\n\n"
    "def counted(event, **fields):\n"
    "    _log.info('%s with %d fields', event, len(fields))\n\n"
    "def named(event, email=None, **fields):\n"
    "    _log.info('%s %s', event, fields)\n"
)


def test_keyword_arguments_reach_a_sink_through_double_star(tmp_path: Path) -> None:
    found = _found(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/logs.py": LOGS + "\ndef here(user):\n    audit('reset', email=user.email)\n",
            "app/views.py": (
                "from app.logs import audit, trail, counted, named\n\n"
                "def reset(user):\n"
                "    audit('reset', email=user.email)\n"  # 4
                "    trail('reset', email=user.email)\n"  # 5
                "    counted('reset', email=user.email)\n"  # a length only
                "    named('reset', email=user.email)\n"  # binds a parameter never logged
            ),
        },
    )
    assert found == [
        (
            "app/logs.py",
            18,
            "PL101",
            "pii.email reaches structlog.get_logger('audit').info through audit",
        ),
        (
            "app/views.py",
            4,
            "PL101",
            "pii.email reaches structlog.get_logger('audit').info through app.logs.audit",
        ),
        ("app/views.py", 5, "PL101", "pii.email reaches _log.info through app.logs.trail"),
    ]
