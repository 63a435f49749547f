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


CONFIG = (
    "import os\n"
    "SMS_URL = 'http://api.smsrelay-eu.net/v2/send'\n"
    "LOCAL_URL = 'http://localhost:8080/x'\n"
    "SAFE_URL = 'https://api.partner.io'\n"
    "VERIFY_PARTNER = False\n"
    "VERIFY_OTHER = True\n"
    "MAYBE = 'http://a.example-x.net'\n"
    "MAYBE = os.environ.get('MAYBE', MAYBE)\n"  # bound twice: no constant
    "DSN = 'http://dbuser:Xq7-pw-unseen@db.partner.io/prod'\n"
)
CLIENT = (
    "import requests\n"
    "from .config import SMS_URL, LOCAL_URL, SAFE_URL, VERIFY_PARTNER, VERIFY_OTHER, MAYBE\n"
    "from app import config\n\n"
    "def send(phone, verify_ssl):\n"
    "    requests.post(SMS_URL, data={'to': phone})\n"  # 6: PL301 and PL304
    "    requests.get(LOCAL_URL)\n"
    "    requests.get(SAFE_URL, verify=VERIFY_OTHER)\n"
    "    requests.get(SAFE_URL, verify=VERIFY_PARTNER)\n"  # 9
    "    requests.get(config.SMS_URL)\n"  # 10
    "    requests.get(MAYBE)\n"
    "    requests.get(SMS_URL)  # privlint: ignore[PL301]\n"
    "    if not verify_ssl:\n"
    "        requests.get(SAFE_URL, verify=VERIFY_PARTNER)\n"  # 14: a note
)


def test_a_constant_of_another_module_is_judged_by_its_value(tmp_path: Path) -> None:
    modules = {"app/__init__.py": "", "app/config.py": CONFIG, "app/client.py": CLIENT}
    found = [f for f in _found(tmp_path, modules) if f[0] == "app/client.py"]
    assert [(line, rule) for _, line, rule, _ in found] == [
        (6, "PL301"),
        (6, "PL304"),
        (9, "PL302"),
        (10, "PL301"),
        (14, "PL302"),
    ], found
    messages = {line: message for _, line, _, message in found}
    assert messages[9] == "verify=VERIFY_PARTNER switches TLS verification off in requests.get"
    assert messages[14].endswith("(only when its verification option says so)")
    policy = load_policy(search_from=tmp_path)
    folder = tmp_path / "cache"
    result = check_paths(
        [tmp_path / "app"], policy, root=tmp_path, jobs=1, cache=True, cache_dir=folder
    )
    levels = {
        (f.region.start_line, f.rule_id): f.level.name
        for f in result.result.findings
        if f.path == "app/client.py"
    }
    assert levels[(14, "PL302")] == "NOTE" and levels[(9, "PL302")] == "ERROR"
    # the same from a warm cache
    again = check_paths(
        [tmp_path / "app"], policy, root=tmp_path, jobs=1, cache=True, cache_dir=folder
    )
    assert again.result.findings == result.result.findings
    # the facts cached for the project phase keep a URL's scheme and host only
    cached = b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())
    assert b"db.partner.io" in cached and b"Xq7-pw-unseen" not in cached and b"dbuser" not in cached


def test_a_literal_passed_to_a_parameter_that_decides_a_check_is_judged_at_the_call(
    tmp_path: Path,
) -> None:
    source = (
        "import requests\n\n"
        "class ApiClient:\n"
        "    def __init__(self, base, *, verify=True):\n"
        "        self._session = requests.Session()\n"
        "        self._session.verify = verify\n\n"
        "def fetch(url, verify=True):\n"
        "    return requests.get(url, verify=verify)\n\n"
        "def fetch_checked(url, verify=True):\n"
        "    verify = True\n"
        "    return requests.get(url, verify=verify)\n\n"
        "legacy = ApiClient('https://inventory.legacy.net', verify=False)\n"  # 15
        "modern = ApiClient('https://inventory.bookly.io')\n"
        "fetch('https://a.partner.io', False)\n"  # 17
        "fetch('https://a.partner.io', verify=True)\n"
        "fetch_checked('https://a.partner.io', verify=False)\n"
    )
    found = _found(tmp_path, {"app.py": source})
    assert [(line, rule, message) for _, line, rule, message in found] == [
        (
            15,
            "PL302",
            "requests.Session.verify = False switches TLS verification off"
            " (through ApiClient.__init__)",
        ),
        (
            17,
            "PL302",
            "verify=False switches TLS verification off in requests.get through fetch",
        ),
    ], found


def test_a_projects_own_logger_factory_makes_a_logger_and_a_domain_names_no_one(
    tmp_path: Path,
) -> None:
    util = (
        "import structlog\n\n"
        "def make_logger(component):\n"
        "    return structlog.get_logger(component).bind(component=component)\n\n"
        "def get_logger_name(component):\n"
        "    return 'bookly.' + component\n"
    )
    views = (
        "from app.util import make_logger, get_logger_name\n\n"
        "_slog = make_logger('views')\n"
        "_name = get_logger_name('views')\n\n"
        "def notify(user):\n"
        "    _slog.info('notify', email=user.email)\n"  # 7
        "    _slog.info('notify', domain=user.email.split('@')[-1])\n"
        "    _slog.info('notify', domain=user.email.rpartition('@')[2])\n"
        "    _slog.info('notify', local=user.email.split('@')[0])\n"  # 10: the local part
        "    _name.info('x %s', user.email)\n"
    )
    found = _found(tmp_path, {"app/__init__.py": "", "app/util.py": util, "app/views.py": views})
    assert [(line, message) for _, line, _, message in found] == [
        (7, "pii.email reaches _slog.info"),
        (10, "pii.email reaches _slog.info"),
    ], found


def test_a_host_setting_of_another_module_decides_a_plaintext_client(tmp_path: Path) -> None:
    settings = (
        "import os\n"
        "SMTP_HOST = os.environ.get('SMTP_HOST', 'mail.bookly-prod.net')\n"
        "RELAY_HOST = os.getenv('RELAY_HOST', 'localhost')\n"
        "FTP_HOST = 'files.partner.io'\n"
    )
    mailer = (
        "import ftplib, smtplib\n"
        "from app.settings import SMTP_HOST, RELAY_HOST, FTP_HOST, MISSING\n\n"
        "def send(msg):\n"
        "    with smtplib.SMTP(SMTP_HOST, 25) as smtp:\n"  # 5: the default is remote
        "        smtp.send_message(msg)\n"
        "    smtplib.SMTP(RELAY_HOST).send_message(msg)\n"  # loopback
        "    ftplib.FTP(FTP_HOST)\n"  # 8
        "    smtplib.SMTP(MISSING)\n"  # 9: not known anywhere: the file's own note
    )
    modules = {"app/__init__.py": "", "app/settings.py": settings, "app/mailer.py": mailer}
    for name, text in modules.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    result = check_paths([tmp_path], load_policy(search_from=tmp_path), root=tmp_path, jobs=1)
    found = [
        (f.region.start_line, f.level.name, f.message)
        for f in result.result.findings
        if f.rule_id == "PL305"
    ]
    assert [(line, level) for line, level, _ in found] == [
        (5, "WARNING"),
        (8, "WARNING"),
        (9, "NOTE"),
    ], found
    assert "to mail.bookly-prod.net" in found[0][2] and "to files.partner.io" in found[1][2]


def test_a_record_class_of_another_module_is_known_at_the_sink(tmp_path: Path) -> None:
    models = (
        "from typing import NamedTuple\n\n"
        "class DbLogin(NamedTuple):\n    host: str\n    user: str\n    password: str\n\n"
        "class Point(NamedTuple):\n    x: int\n    y: int\n\n"
        "class Masked(NamedTuple):\n    user: str\n    password: str\n"
        "    def __repr__(self):\n        return f'Masked({self.user})'\n"
    )
    views = (
        "import logging\n"
        "from app.models import DbLogin, Point, Masked\n"
        "log = logging.getLogger(__name__)\n\n"
        "def connect(host, user, pwd):\n"
        "    login = DbLogin(host, user, pwd)\n"
        "    log.info('using %s', login)\n"  # 7
        "    log.info('at %s', Point(1, 2))\n"
        "    log.info('as %s', Masked(user, pwd))\n"
        "    log.info('as %s', login.user)\n"
    )
    found = _found(
        tmp_path, {"app/__init__.py": "", "app/models.py": models, "app/views.py": views}
    )
    assert [(path, line, rule, message) for path, line, rule, message in found] == [
        (
            "app/views.py",
            7,
            "PL406",
            "DbLogin record login (its repr shows credential.password field password)"
            " reaches log.info",
        )
    ], found


def test_what_a_function_returns_of_its_parameters_is_what_its_call_carries(
    tmp_path: Path,
) -> None:
    source = (
        "import logging\nlog = logging.getLogger(__name__)\n\n"
        "def normalise(email):\n    return email.strip().lower()\n\n"
        "def length(password):\n    return len(password)\n\n"
        "class Client:\n"
        "    def _fmt(self, token, label):\n        return f'{label}: {token}'\n"
        "    def run(self, api_token):\n"
        "        log.info(self._fmt(api_token, 'x'))\n"  # 14
        "        log.info(self._fmt('x', label='y'))\n\n"
        "def view(form):\n"
        "    address = normalise(form['email'])\n"
        "    log.info('login %s', address)\n"  # 19
        "    log.info('length %s', length(form['password']))\n"
    )
    found = _found(tmp_path, {"app.py": source})
    assert [(line, message) for _, line, _, message in found] == [
        (14, "credential.token reaches log.info"),
        (19, "pii.email reaches log.info"),
    ], found


def test_a_logger_imported_from_another_module_is_a_logger(tmp_path: Path) -> None:
    found = _found(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/log.py": "import logging\nlogger = logging.getLogger('app')\n",
            "app/mail.py": (
                "from app.log import logger\n\n"
                "def send(recipient_email, password, count):\n"
                "    logger.debug('to %s', recipient_email)\n"  # 4
                "    logger.notice('with %s', password)\n"  # 5: a custom level
                "    logger.info('%d sent', count)\n"
            ),
        },
    )
    assert [(path, line, rule) for path, line, rule, _ in found] == [
        ("app/mail.py", 4, "PL101"),
        ("app/mail.py", 5, "PL101"),
    ], found


def test_a_name_bound_to_an_unknown_objects_attribute_keeps_what_it_says(
    tmp_path: Path,
) -> None:
    source = (
        "import logging, os\nlog = logging.getLogger(__name__)\n\n"
        "class Mode:\n    EMAIL = 1\n\n"
        "def handle(msg, user):\n"
        "    email = user.contact\n"
        "    log.info('to %s', email)\n"  # 9
        "    sep = os.sep\n"
        "    email_mode = Mode.EMAIL\n"
        "    log.info('mode %s sep %s', email_mode, sep)\n"
    )
    found = _found(tmp_path, {"app.py": source})
    assert [(line, message) for _, line, _, message in found] == [
        (9, "pii.email reaches log.info")
    ], found


def test_loop_names_over_unknown_elements_are_what_they_say(tmp_path: Path) -> None:
    source = (
        "import logging\nlogger = logging.getLogger(__name__)\n\n"
        "def report(failures, lexer):\n"
        "    for email, (code, error) in failures.items():\n"
        "        logger.error(f'failed {email}: {code} {error}')\n"  # 6
        "    for token in lexer.tokens():\n"
        "        logger.info('token %s', token)\n"  # 8: a lone `token`, a note
        "    for i in range(3):\n"
        "        logger.info('%s', i)\n"
    )
    root = tmp_path
    (root / "app.py").write_text(source)
    result = check_paths([root], load_policy(search_from=root), root=root, jobs=1, cache=False)
    found = [(f.region.start_line, f.level.name) for f in result.result.findings]
    assert found == [(6, "ERROR"), (8, "NOTE")], found


def test_a_dump_of_an_object_of_a_class_with_data_fields_carries_them(tmp_path: Path) -> None:
    source = (
        "import httpx, logging\nfrom pydantic import BaseModel\n"
        "log = logging.getLogger(__name__)\n\n"
        "class Profile(BaseModel):\n    id: int\n    email: str\n    phone: str | None = None\n\n"
        "class Stats(BaseModel):\n    count: int\n\n"
        "def sync(profile: Profile, stats: Stats):\n"
        "    crm = httpx.Client(base_url='http://crm.partner-x.net')\n"  # 14: PL301
        "    crm.post('contacts', json=profile.model_dump())\n"  # 15: PL304
        "    crm.post('stats', json=stats.model_dump())\n"
        "    log.info('payload %s', profile.model_dump())\n"  # 17: PL404, not PL101 too
        "    log.info(f'payload {profile.model_dump()}')\n"  # 18: the same
    )
    found = _found(tmp_path, {"app.py": source})
    assert [(line, rule) for _, line, rule, _ in found] == [
        (14, "PL301"),
        (15, "PL304"),
        (17, "PL404"),
        (18, "PL404"),
    ], found
    assert "pii.email and pii.phone" in found[1][3]


def test_what_a_function_of_another_module_returns_reaches_the_callers_sinks(
    tmp_path: Path,
) -> None:
    util = (
        "import os\n\n"
        "def load():\n    return os.environ['API_TOKEN']\n\n"
        "def count():\n    return 3\n"
    )
    main = (
        "import logging\nfrom app.util import load, count\nfrom app import util\n"
        "log = logging.getLogger(__name__)\n\n"
        "def run():\n"
        "    value = load()\n"
        "    log.info('with %s', value)\n"  # 8
        "    log.info('with %s', util.load())\n"  # 9
        "    log.info('n %s', count())\n"
        "    log.info('length %s', len(value))\n"
        "    log.info('expires %s', value.expires_at)\n"
        "    log.info('model %s', value['model'])\n"
        "    value = count()\n"
        "    log.info('again %s', value)\n"
    )
    found = _found(tmp_path, {"app/__init__.py": "", "app/util.py": util, "app/main.py": main})
    assert [(line, message) for _, line, _, message in found] == [
        (8, "credential.token reaches log.info (returned by app.util.load)"),
        (9, "credential.token reaches log.info (returned by app.util.load)"),
    ], found


def test_a_sanitized_value_is_safe_whatever_its_dict_key_says(tmp_path: Path) -> None:
    source = (
        "def f(db_url, t):\n"
        "    raise ValueError({'db_url': redact_credentials(db_url)})\n"
        "def g(t):\n"
        "    raise ValueError({'token_length': len(t), 'password': mask(t)})\n"
        "def h(t):\n"
        "    raise ValueError({'db_url': t})\n"  # 6: the key says what it is
    )
    found = _found(tmp_path, {"app.py": source})
    assert [(line, rule) for _, line, rule, _ in found] == [(6, "PL103")], found


def test_a_loop_over_what_a_lone_ambiguous_name_built_stays_weak(tmp_path: Path) -> None:
    source = (
        "import logging\nlog = logging.getLogger(__name__)\n\n"
        "def session_file(session_id):\n    return f'/var/run/app/{session_id}.json'\n\n"
        "def expire(session_id, password):\n"
        "    for path in [session_file(session_id)]:\n"
        "        log.debug('removing %s', path)\n"  # 9: a note, as session_id is
        "    for secret in [password]:\n"
        "        log.debug('with %s', secret)\n"  # 11: an error
    )
    (tmp_path / "app.py").write_text(source)
    found = check_paths([tmp_path], load_policy(search_from=tmp_path), root=tmp_path, jobs=1)
    levels = [(f.region.start_line, f.level.name) for f in found.result.findings]
    assert levels == [(9, "NOTE"), (11, "ERROR")], levels


def test_what_is_filed_under_a_sensitive_key_is_not_the_key(tmp_path: Path) -> None:
    source = (
        "import logging\nlog = logging.getLogger(__name__)\n\n"
        "def update(previous_values, api_key, tokens, user_email):\n"
        "    reading = previous_values.get(api_key)\n"
        "    log.info('previous %s', reading)\n"  # a sensor reading filed under the key
        "    log.info('token %s', tokens.get(user_email))\n"  # 7: the store holds tokens
    )
    found = _found(tmp_path, {"app.py": source})
    assert [(line, message) for _, line, _, message in found] == [
        (7, "credential.token reaches log.info")
    ], found


def test_a_name_that_says_it_holds_a_name_of_the_data_is_not_the_data(tmp_path: Path) -> None:
    source = (
        "import logging\nlog = logging.getLogger(__name__)\n\n"
        "def resolve(api_key_input, user):\n"
        "    env_var_name = api_key_input[1:]\n"  # `$NAME` minus its `$`: a variable's name
        "    log.info('reading %s', env_var_name)\n"
        "    user_name = user.full_name\n"
        "    log.info('for %s', user_name)\n"  # 8: a person's name is data
    )
    found = _found(tmp_path, {"app.py": source})
    assert [(line, message) for _, line, _, message in found] == [
        (8, "pii.name reaches log.info")
    ], found


def test_an_attribute_past_a_subscript_is_judged_by_its_own_name(tmp_path: Path) -> None:
    source = (
        "import logging\nlog = logging.getLogger(__name__)\n\n"
        "def describe(device, i):\n"
        "    log.info('%s', device.profiles[i].token)\n"  # a lone `token`: a note
        "    log.info('%s', device.users[i].password)\n"
    )
    (tmp_path / "app.py").write_text(source)
    found = check_paths([tmp_path], load_policy(search_from=tmp_path), root=tmp_path, jobs=1)
    levels = [(f.region.start_line, f.level.name) for f in found.result.findings]
    assert levels == [(5, "NOTE"), (6, "ERROR")], levels
