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


RETURNS = (
    "import logging, os\n_log = logging.getLogger(__name__)\n\n"
    "def partner_token():\n    return os.environ['PARTNER_API_TOKEN']\n\n"
    "def token_length():\n    return len(os.environ['PARTNER_API_TOKEN'])\n\n"
    "def recipient(user):\n    return f'{user.display_name} <{user.phone}>'\n\n"
    "def current_session(self):\n    return self.session\n\n"
    "class Client:\n"
    "    def _secret(self):\n        return os.environ['CLIENT_SECRET']\n"
    "    def call(self):\n        _log.info('calling with %s', self._secret())\n\n"
    "def call(user, page):\n"
    "    token = partner_token()\n"
    "    _log.info('partner %s', token)\n"  # 24
    "    _log.info('length %s', token_length())\n"
    "    _log.info('to %s', recipient(user))\n"  # 26
    "    _log.info('in %s', current_session(page))\n"
)


def test_what_a_function_returns_by_itself_reaches_the_callers_sinks(tmp_path: Path) -> None:
    found = _found(tmp_path, {"app.py": RETURNS})
    assert [(line, message) for _, line, _, message in found] == [
        (20, "credential.secret reaches _log.info"),
        (24, "credential.token reaches _log.info"),
        (26, "pii.phone reaches _log.info"),
    ], found


def test_a_call_passing_what_the_helpers_parameter_names_is_not_reported_twice(
    tmp_path: Path,
) -> None:
    helper = (
        "import warnings\n\n"
        "def sign_in(email, password):\n"
        "    warnings.warn(f'short password: {password}')\n\n"
        "def check(value):\n"
        "    warnings.warn(f'bad value {value}')\n"
    )
    caller = (
        "from app.auth import sign_in, check\n\n"
        "def view(form):\n"
        "    password = form['password']\n"
        "    sign_in(form['email'], password)\n"  # the helper reports it, at line 4
        "    check(password)\n"  # 6: the helper's parameter names nothing
    )
    found = _found(tmp_path, {"app/__init__.py": "", "app/auth.py": helper, "app/views.py": caller})
    assert [(path, line) for path, line, _, _ in found] == [
        ("app/auth.py", 4),
        ("app/views.py", 6),
    ], found


def test_a_helper_that_sends_its_keywords_to_an_analytics_service_is_summarised(
    tmp_path: Path,
) -> None:
    helper = (
        "import posthog\n\n"
        "def track(event, user_id, **properties):\n"
        "    posthog.capture(str(user_id), event, properties=properties)\n"
    )
    caller = (
        "from app.analytics import track\n\n"
        "def paid(user, req):\n"
        "    track('paid', user.id, email=req.client_email)\n"  # 4
        "    track('paid', user.id, plan=req.plan, account=user.id)\n"  # internal IDs only
    )
    found = _found(
        tmp_path, {"app/__init__.py": "", "app/analytics.py": helper, "app/views.py": caller}
    )
    assert found == [
        (
            "app/views.py",
            4,
            "PL503",
            "pii.email reaches PostHog (posthog.capture) through app.analytics.track",
        )
    ], found
