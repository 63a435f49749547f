"""PL101: sensitive data reaches a log call."""

from __future__ import annotations

import re
from collections.abc import Sequence

import libcst as cst

from privlint.engine.context import CallSite
from privlint.engine.dataflow import string_value
from privlint.findings import Level
from privlint.rules.base import Invalid, Rule, Valid, register
from privlint.rules.pl1_logs.common import describe


@register
class SensitiveDataToLog(Rule):
    """Sensitive data reaches a log call.

    ## Why is this bad?
    Logs are shipped to aggregators, copied into tickets and kept for years by people
    who never needed the data. A password, token, message body or phone number in a
    log line is a breach waiting for a reader. Log metadata instead: an ID, a length,
    whether a value was present.

    ## Example
        log.info("login %s with %s", user, password)

    ## Use instead
        log.info("login %s (password given: %s)", user_id, bool(password))

    Covers stdlib `logging` (module functions, `getLogger()` loggers, adapters,
    `self.logger`), structlog (positional and keyword fields) and loguru, after
    resolving imports and aliases, and follows values through assignments,
    f-strings, `%`, `.format`, concatenation and containers inside a function.
    Sanitizers listed in the policy (`len`, `bool`, hashing, `mask*`, `redact*`,
    `privlint.runtime.mask`) make a value safe. A name makes a candidate; what the
    code says of the value outweighs it: a type (`new_token: int`, an object asserted
    or annotated to be of a class named for nothing sensitive), a use (a lone `token`
    used as an object or compared as a position, a singular `master_key` looked up by
    key) or the function it came from (`save_uploaded_pkey_file()` returns a path).
    A lone ambiguous word (`token`, `session`, `key`) with no other evidence is a note.
    """

    CODE = "PL101"
    NAME = "sensitive-data-to-log"
    LEVEL = Level.ERROR
    TAGS = ("privacy", "security", "logging", "external/cwe/cwe-532")
    SECURITY_SEVERITY = 7.5
    CWE = (532,)

    VALID = [
        # a function named for removing the data: the project's own masking helper
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def upgrade(config):\n    db_url = stripUrlPassword(config['db']['db_url'])\n"
            "    log.info('upgrading database (%s)', db_url)\n"
        ),
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def show(user):\n    log.info('user %s', hide_email(user.email))\n"
        ),
        # a lone metadata word says what the value is: a count, not the tokens
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def search(serial):\n    count = get_tokens(serial=serial, count=True)\n"
            "    log.info('searching %s tokens', count)\n"
        ),
        # across modules: a helper that logs only a length
        Valid(
            "from app.util import record_size\ndef login(password):\n    record_size(password)\n",
            filename="app/views.py",
            modules=(
                ("app/__init__.py", ""),
                (
                    "app/util.py",
                    "import logging\ndef record_size(value):\n"
                    "    logging.info('%d chars', len(value))\n",
                ),
            ),
        ),
        # a look-up by a key that names nothing sensitive returns nothing sensitive
        Valid(
            "import logging\ndef f(session):\n    logging.info('cart %s', session.get('cart'))\n"
        ),
        # what the owner and the attribute name together is not sensitive
        Valid("import logging\ndef f(model):\n    logging.info('%s', model.name)\n"),
        # an address configured by the operator is a choice, not a person's data
        Valid(
            "import logging\nfrom app.conf import ADMIN_EMAIL\n"
            "def f():\n    logging.info('admin %s', ADMIN_EMAIL)\n"
        ),
        # a constant that is a label or a key's name, not a credential
        Valid(
            "import logging\nSESSION_KEY = '_auth_user_id'\nPASSWORD_HELP = 'Enter it twice'\n"
            "def f():\n    logging.info('%s %s', SESSION_KEY, PASSWORD_HELP)\n"
        ),
        # a response is not the headers of its request
        Valid(
            "import logging\nimport requests\nlog = logging.getLogger(__name__)\n"
            "def poll(url, api_key):\n    headers = {'X-Api-Key': api_key}\n"
            "    result = requests.get(url, headers=headers).json()\n"
            "    log.info('done %s', result)\n"
        ),
        # ConfigParser's get(section, option): the option names the value, not the section
        Valid("import logging\nlogging.info('tls %s', conf.get('email', 'ssl_context'))\n"),
        # a class's instance or a plain number is not what its name says
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f():\n    email = EmailMessage()\n    log.info('%s', email)\n"
        ),
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(raw):\n    phone = len(raw)\n    log.info('%s', phone)\n"
        ),
        Valid("import logging\nlogging.info('n=%d', len(password))\n"),
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\nlog.info('hashed %s', hashed_password)\n"
        ),
        Valid("import logging\nlogging.info('tokens used: %d', token_count)\n"),
        Valid("import logging\nlogging.info('max %d', max_tokens)\n"),
        Valid("import logging\nlogging.warning('%s', password_label)\n"),
        Valid("from privlint.runtime import mask\nimport logging\nlogging.info(mask(password))\n"),
        Valid(
            "import logging\ndef f(password):\n    password = redact(password)\n    logging.info(password)\n"
        ),
        Valid("import logging\nlogging.info('user %s logged in', user_id_field)\n"),
        Valid("import logging\nlogging.info('valid: %s', is_password_valid)\n"),
        Valid("import logging\nlogging.info('%s', encrypted_token)\n"),
        Valid("import logging\nlogging.debug('%d secrets loaded', num_secrets)\n"),
        Valid("import math\nx = math.log(password_length)\n"),
        Valid("from math import log\nlog.info = 1\nlog(password)\n"),
        Valid("import logging\nlogging.info('password reset requested')\n"),
        Valid("import logging\nlogging.info('pw ok', exc_info=password)\n"),
        Valid(
            "import logging\npw = hashlib.sha256(password.encode()).hexdigest()\nlogging.info(pw)\n"
        ),
        Valid(
            "import structlog\nlog = structlog.get_logger()\nlog.info('login', user_id_len=len(user_id))\n"
        ),
        Valid("import logging\nlogging.info('%s', request.form['csrf_field'])\n"),
        Valid("import logging\ndef f(x):\n    msg = 'hello'\n    logging.info(msg)\n"),
        Valid(
            "import logging\ndef f(pool, access_token):\n"
            "    _, username = pool.access_tokens[access_token]\n    logging.info(username)\n"
        ),
        Valid("import logging\nlogging.debug('pos %s', self.token_pos)\n"),
        Valid(
            "import logging\ndef f(self):\n"
            "    interval = self._config.get('ec2_credential_refresh_window', 600)\n"
            "    logging.info('in %d minutes', interval / 60)\n"
        ),
        Valid(
            "class A:\n    def f(self):\n        self.logger.info('token refreshed for %s', self.client_name)\n"
        ),
        # type evidence: a number or a stream position named like a credential
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def on_position(new_token: int, from_token: 'StreamToken | None'):\n"
            "    log.debug('position %s after %s', new_token, from_token)\n"
        ),
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(rows):\n    last_token: int = rows.token\n    log.info('up to %d', last_token)\n"
        ),
        # compared as a position or with an enum member: a stream position, a lexer token
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(since_token, now_token):\n"
            "    if since_token < now_token:\n"
            "        log.info('sync %s -> %s', since_token, now_token)\n"
        ),
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(tokens):\n    for access_token in tokens:\n"
            "        if access_token == SearchToken.Or:\n            continue\n"
            "        log.info('unknown %s', access_token)\n"
        ),
        # unpacking: the other part of a pair is not the secret; a record is not its token
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(token_dict):\n    for token, name in token_dict.items():\n"
            "        log.info('adding token for %s', name)\n"
        ),
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(user):\n    for token in user.api_tokens:\n"
            "        if token.expires_at:\n            log.warning(f'deleting expired {token}')\n"
        ),
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(kind):\n    names = {'tokens': APIToken, 'users': User}\n"
            "    log.info('kind must be one of %s', ', '.join(names))\n"
        ),
        # a table of counts keyed by a field's name holds numbers
        Valid(
            "import logging\ndef f(truncation_counts):\n"
            "    logging.warning('%d truncated', truncation_counts['session_id'])\n"
        ),
        # a setting named for personal data is the operator's choice, not a person's data
        Valid(
            "import logging\ndef f(self):\n"
            "    logging.info('via %s', self.hs.config.registration.delegate_msisdn)\n"
        ),
        # helpers that log metadata, sanitize, or are given clean data
        Valid(
            "import logging\n_log = logging.getLogger(__name__)\n"
            "def record_len(value):\n    _log.info('%d chars', len(value))\n"
            "def login(password):\n    record_len(password)\n"
        ),
        Valid(
            "import logging, hashlib\n"
            "def audit(secret):\n    digest = hashlib.sha256(secret.encode()).hexdigest()\n"
            "    logging.info('key %s', digest)\n"
            "def rotate(api_key):\n    audit(api_key)\n"
        ),
        Valid(
            "import logging\n"
            "def record(msg, *args):\n    logging.debug(msg, *args)\n"
            "def login(password, user_count):\n    record('%d users', user_count)\n"
        ),
        Valid(
            "import logging\n"
            "def record(msg, password=None):\n    logging.debug(msg)\n"
            "def login(password):\n    record('login', password=password)\n"
        ),
        # a getter on a stream or cursor object returns a position
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(self):\n    up_to = self._stream_id_gen.get_current_token()\n"
            "    log.info('rotating up to %s', up_to)\n"
        ),
        # a constant key names the entry; a short prefix or suffix is a partial reveal
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def step(user_input):\n    log.info('host %s', user_input[CONF_HOST])\n"
        ),
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(token, card_number):\n"
            "    log.info('token %s... card ...%s', token[:4], card_number[-4:])\n"
        ),
        # sources by origin (sinks.toml [[source]], [[lookup]], [prompts]): negatives
        Valid("import logging\nanswer = input('Continue? [y/N] ')\nlogging.info(answer)\n"),
        Valid("import logging\nn = input('Enter the number of tokens: ')\nlogging.info(n)\n"),
        Valid(
            "import configparser, logging\nconfig = configparser.ConfigParser()\n"
            "logging.info('smtp %s', config.get('smtp', 'host'))\n"
        ),
        Valid("import logging\nlogging.info('%s', cache.get('region', 'password'))\n"),
        Valid(
            "import getpass, logging\npw = getpass.getpass()\n"
            "logging.info('read %d characters', len(pw))\n"
        ),
        # joined spellings keep their negatives: counts, flags, IDs and types
        Valid(
            "import logging\ndef f(creditcard_count, is_creditcard_valid, bankaccount_id):\n"
            "    logging.info('%s %s %s', creditcard_count, is_creditcard_valid, bankaccount_id)\n"
        ),
        # an action on a password: an endpoint's route, not a password
        Valid(
            "import logging\nfrom app.routes import UPDATE_USER_PASSWORD\n"
            "logging.warning(f'rotate it via {UPDATE_USER_PASSWORD}')\n"
        ),
        # identifiers named session or token: a media stream's, a labelling session's, a
        # camera event's
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def refresh(stream, labeling_session, event_token):\n"
            "    log.debug('extend %s', stream.media_session_id)\n"
            "    log.debug('%s %s', labeling_session.labeling_session_id, event_token)\n"
        ),
        # the type says what a value is: an object of a class named for nothing
        # sensitive, asserted (`isinstance`) or annotated on a parameter, a local, a
        # field or `self`; not the data its name says
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def event(message_body):\n"
            "    assert isinstance(message_body, SmlGetListResponse)\n"
            "    log.debug('received %s', message_body)\n"
        ),
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "class Flow:\n"
            "    def __init__(self):\n"
            "        self.auth_header: AuthenticateHeader | None = None\n"
            "    def discover(self):\n"
            "        log.debug('discovery from header: %s', self.auth_header)\n"
        ),
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def check(auth_header: 'AuthenticateHeader', message: Optional[SmlListEntry]):\n"
            "    password: HashedValue = lookup(message)\n"
            "    log.debug('%s %s %s', auth_header, message, password)\n"
        ),
        # a function named for what it returns, a path or an ID, returns that, whatever
        # the result is bound to
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "async def upload(hass, key_file):\n"
            "    client_key = await save_uploaded_pkey_file(hass, key_file)\n"
            "    api_key = create_api_key_id(hass)\n"
            "    log.debug('saved client key: %s (%s)', client_key, api_key)\n"
        ),
        # a look-up by a key returns the record found, not the key
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def reset(email):\n"
            "    account = User.get_by_email(email)\n"
            "    log.info('reset requested for %s', account)\n"
        ),
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def leave(room, user_ids):\n"
            "    for sid in get_session_ids_by_user_ids(user_ids):\n"
            "        log.debug('session %s leaves %s', sid, room)\n"
        ),
        # a name passed to a function that takes a path is a path
        Valid(
            "import logging, os\nlog = logging.getLogger(__name__)\n"
            "def get_id_rsa(rsa_key):\n"
            "    if not os.path.isfile(rsa_key):\n"
            "        log.error('could not load the key file %s', rsa_key)\n"
        ),
        # a singular name looked up by key is a record about one value (a public key
        # with its signatures), as one typed as a mapping is
        Valid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "async def upload(store, user_id):\n"
            "    master_key, master_key_id = await store.cross_signing_for(user_id)\n"
            "    if user_id in master_key.get('signatures', {}):\n"
            "        return\n"
            "    log.debug('signature missing on %s', master_key)\n"
        ),
    ]
    INVALID = [
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def upgrade(config):\n    db_url = resolveUrl(config['db']['db_url'])\n"
            "    log.info('upgrading database (%s)', db_url)\n",
            level=Level.ERROR,
        ),
        # across modules: a helper of another module logs what it is given
        Invalid(
            "from app.util import record\ndef login(password):\n    record(password)\n",
            filename="app/views.py",
            message="credential.password reaches logging.info through app.util.record",
            modules=(
                ("app/__init__.py", ""),
                ("app/util.py", "import logging\ndef record(value):\n    logging.info(value)\n"),
            ),
        ),
        # a media profile's token: a lone `token`, a note (a profile is a camera's as
        # often as a user's); a user's is evidence
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def migrate(device):\n    token = device.profile.token\n"
            "    log.debug('profile %s', token)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def login(user):\n    token = user.token\n    log.debug('token %s', token)\n",
            level=Level.ERROR,
        ),
        Invalid(
            "import logging\ndef refresh(user):\n    logging.debug('%s', user.session_token)\n",
            message="credential.token reaches logging.debug",
        ),
        # an attribute its owner names: a message event's content, a contact's name
        Invalid(
            "import logging\ndef f(event):\n    content = event.content\n"
            "    logging.info('relay %s', content)\n",
            level=Level.ERROR,
            message="content.message reaches logging.info",
        ),
        Invalid("import logging\ndef f(contact):\n    logging.info('%s', contact.name)\n"),
        # a session's ID alone is what a lone `session_id` is: a note
        Invalid(
            "import logging\ndef f(session):\n    logging.info('%s', session.id)\n",
            level=Level.NOTE,
        ),
        # a prompt that quotes the conversation holds the conversation
        Invalid(
            "import logging\ndef f(transcript):\n"
            "    review_prompt = f'Conversation: {transcript}'\n"
            "    logging.debug('prompt %s', review_prompt)\n",
            level=Level.ERROR,
        ),
        # parts of an unknown call's result are what their own names say
        Invalid(
            "import logging\ndef f(payload):\n"
            "    first_name, last_name = payload['name'].split(' ', 1)\n"
            "    logging.info('hello %s', first_name)\n",
            level=Level.ERROR,
        ),
        Invalid(
            "import logging\ndef f(payload):\n    first_name = payload['name'].split()[0]\n"
            "    logging.info('hello %s', first_name)\n",
            level=Level.ERROR,
        ),
        # a credential constant of another module is still a credential
        Invalid(
            "import logging\nfrom app.conf import SMTP_PASSWORD, ADMIN_EMAIL\n"
            "def f():\n    logging.info('smtp %s', SMTP_PASSWORD)\n",
            level=Level.ERROR,
            message="credential.password reaches logging.info",
        ),
        # a hard-coded credential that is also logged: PL201 and PL101
        Invalid(
            "import logging\nFTP_PASSWORD = 'ftp-Backup-2022'\n"
            "def f():\n    logging.info('pw %s', FTP_PASSWORD)\n",
            level=Level.ERROR,
        ),
        # a full name alone is a model's or a repository's as often as a person's; a
        # user's is a person's
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(full_name):\n    log.info('registered %s', full_name)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(user):\n    log.info('registered %s', user.full_name)\n",
            level=Level.ERROR,
        ),
        # what an unknown call returns is what the name it is bound to says
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(raw):\n    email = normalise(raw)\n    log.info('signed up %s', email)\n",
            level=Level.ERROR,
            message="pii.email reaches log.info",
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "async def f(uid):\n    phone = await lookup(uid)\n    log.info('%s', phone)\n",
            level=Level.ERROR,
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(lexer):\n    token = lexer.advance()\n    log.debug('at %s', token)\n",
            level=Level.NOTE,
        ),
        # a lone `session_id` read under its own name from a plain dict is not evidence
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(request_info):\n    session_id = request_info['session_id']\n"
            "    log.warning(f'session {session_id} gone')\n",
            level=Level.NOTE,
        ),
        # beside one, the level is the evidence's: a user ID is a note, an e-mail an error
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(session_id, user_id):\n"
            "    log.warning(f'no session for user {user_id}, session {session_id}')\n",
            level=Level.NOTE,
            message="credential.session and identifier.user reach log.warning",
        ),
        Invalid(
            "import logging\n"
            "def f(session_id, user_id):\n    channel = f'{user_id}:{session_id}'\n"
            "    logging.info('channel %s', channel)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import logging\n"
            "def f(metadata):\n    session_id = metadata.get('session_id')\n"
            "    logging.info('session %s', session_id)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import logging, os\n"
            "def f():\n    token = os.getenv('GITHUB_TOKEN')\n"
            "    logging.info('token %s', token)\n",
            level=Level.ERROR,
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(session_id, email):\n"
            "    log.warning(f'no session for {email}, session {session_id}')\n",
            level=Level.ERROR,
        ),
        # a configured secret is still a secret
        Invalid("import logging\nlogging.info('%s', settings.SMTP_PASSWORD)\n"),
        # through the module's own helpers: reported at the call, naming the path
        Invalid(
            "import logging\n_log = logging.getLogger(__name__)\n"
            "def record(msg, *args):\n    _log.debug(msg, *args)\n"
            "def login(password):\n    record('login with %s', password)\n",
            region=(6, 29, 6, 37),
            message="credential.password reaches _log.debug through record",
        ),
        Invalid(
            "import logging\nclass Client:\n"
            "    def __init__(self):\n        self.log = logging.getLogger(__name__)\n"
            "    def send(self, token):\n        self._trace(token)\n"
            "    def _trace(self, text):\n        self.log.info('sent %s', text)\n",
            region=(6, 21, 6, 26),
            message="credential.token reaches self.log.info through Client._trace",
        ),
        Invalid(
            "import logging\n"
            "def fail(msg):\n    logging.error(msg)\n"
            "def check(value):\n    fail(f'bad value {value}')\n"
            "def login(password):\n    check(password)\n",
            region=(7, 11, 7, 19),
            message="credential.password reaches logging.error through check -> fail",
        ),
        # unpacking: the value part and a sensitive name keep the taint
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(token_dict):\n    for name, value in token_dict.items():\n"
            "        log.info('token %s', value)\n"
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(creds):\n    for user, password in creds:\n"
            "        log.info('login %s', password)\n"
        ),
        # a sensitive name in an unpacking takes what it names, not the whole's categories
        Invalid(
            "import logging\ndef f(credentials):\n    username, password = credentials\n"
            "    logging.info('login %s', username)\n",
            message="identifier.user reaches logging.info",
        ),
        # an element of a collection, not used as an object, is the secret itself
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(user):\n    for token in user.api_tokens:\n        log.info('token %s', token)\n"
        ),
        # in test code every finding is a note
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def test_login(user):\n    log.info('login %s', user.password)\n",
            filename="tests/test_login.py",
            level=Level.NOTE,
        ),
        # a session ID alone may be a chat's or a trace's: a note; from a cookie, an error
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(trace):\n    sid = trace.info.session_id\n    log.info('session %s', sid)\n",
            level=Level.NOTE,
        ),
        # a constant named for a key names it (`CONF_API_KEY = "api_key"`); as a
        # subscript key it says what the entry holds
        Invalid(
            "import logging\nfrom homeassistant.const import CONF_API_KEY, CONF_PASSWORD\n"
            "from app.env import FORWARD_USER_INFO_HEADER_JWT\n"
            "log = logging.getLogger(__name__)\n"
            "def migrate(user_input):\n"
            "    log.info('migrate %s', CONF_API_KEY)\n"
            "    log.info('no %s', FORWARD_USER_INFO_HEADER_JWT)\n"
            "    log.info('login %s', user_input[CONF_PASSWORD])\n",
            message="credential.password reaches log.info",
        ),
        Invalid(
            "import logging\nfrom app.keys import ConfigKey\nfrom app import Config\n"
            "log = logging.getLogger(__name__)\n"
            "log.info('no %s', ConfigKey.DB_PASSWORD)\n"
            "log.info('db %s', Config.DB_PASSWORD)\n",
            region=(6, 19, 6, 37),
        ),
        Invalid(
            "import logging\nfrom app.settings import KEY_MATERIAL\n"
            "log = logging.getLogger(__name__)\n"
            "log.info('key %s', KEY_MATERIAL)\n",
            message="credential.private_key reaches log.info",
        ),
        # a singular scalar name typed as a mapping is a record about one value (a
        # public key with its signatures); the key itself, typed as a string, is not
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def check(signed_master_key: JsonDict, api_key: str):\n"
            "    log.debug('bad signature on %s', signed_master_key)\n"
            "    log.debug('bad key %s', api_key)\n",
            region=(5, 29, 5, 36),
        ),
        # what comes before `by` is what the look-up returns
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def rotate(user):\n"
            "    log.info('rotating %s', store.get_api_key_by_user(user))\n",
            message="credential.secret reaches log.info",
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def rotate(user):\n"
            "    log.info('rotating %s', store.getApiKeyByUser(user))\n",
            message="credential.secret reaches log.info",
        ),
        # a path function given something else than the name says nothing of the name
        Invalid(
            "import logging, os\nlog = logging.getLogger(__name__)\n"
            "def load(rsa_key, path):\n"
            "    if os.path.isfile(path):\n"
            "        log.error('bad key %s', rsa_key)\n",
            region=(5, 33, 5, 40),
        ),
        # a function named for a user ID returns one: the name says the same
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def locate(resolver, login):\n"
            "    uid = cached_user_id(resolver, login)\n"
            "    log.info(f'user id resolved to {uid!r}')\n",
            message="identifier.user reaches log.info",
            level=Level.NOTE,
        ),
        # a class named for sensitive data, or a generic type, says nothing against the
        # name; a function that reads the data returns it
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def check(sftp_password: 'SFTPPassword'):\n"
            "    log.debug('%s', sftp_password)\n",
            message="credential.password reaches log.debug",
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def check(cookies: RequestsCookieJar):\n"
            "    log.debug('%s', cookies)\n",
            message="credential.session reaches log.debug",
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def check(api_key: Any | None):\n"
            "    log.debug('%s', api_key)\n",
            message="credential.secret reaches log.debug",
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def event(message_body):\n"
            "    assert isinstance(message_body, (str, Mapping))\n"
            "    log.debug('received %s', message_body)\n",
            message="content.message reaches log.debug",
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def load(path):\n"
            "    api_key = read_api_key_file(path)\n"
            "    log.debug('key: %s', api_key)\n",
            region=(5, 26, 5, 33),
        ),
        # looked up by key but plural, or of a category that is not one short string: a
        # collection of the data, or an OAuth token response that holds the token
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def upload(store, user_id):\n"
            "    api_keys = store.keys_for(user_id)\n"
            "    oauth_token = store.token_for(user_id)\n"
            "    if api_keys.get('primary') and oauth_token['expires_in'] > 0:\n"
            "        log.debug('%s', api_keys)\n"
            "        log.debug('%s', oauth_token)\n",
            region=(7, 25, 7, 33),
        ),
        # an engine's URL renders its password masked; the password itself does not
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def upgrade(settings):\n"
            "    db_url = str(settings.get_engine().url)\n"
            "    log.info('upgrading %s', db_url)\n"
            "    log.info('as %s', settings.get_engine().url.password)\n",
            message="credential.password reaches log.info",
            region=(6, 23, 6, 57),
        ),
        # a description's field names a vendor API's field; an account's holds the key
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def read(description: SensorEntityDescription, account):\n"
            "    field = description.api_key\n"
            "    log.debug('no value for %s', field)\n"
            "    log.debug('key %s', account.api_key)\n",
            region=(6, 25, 6, 40),
        ),
        # an attribute the class only ever sets to a flag: whether, not what
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "class Hub:\n    def __init__(self, entry):\n"
            "        self.manual_token = entry.get('manual', False)\n"
            "        self.api_token = entry.get('token')\n"
            "    def update(self):\n"
            "        log.debug('manual %s', self.manual_token)\n"
            "        log.debug('token %s', self.api_token)\n",
            message="credential.token reaches log.debug",
            region=(9, 31, 9, 45),
        ),
        # a call's result used as an object under a lone ambiguous name: a record
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def otp(serial):\n    token = get_one_token(serial=serial)\n"
            "    log.debug('checking %s', token)\n    return token.check_otp(serial)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def otp(serial):\n    token = get_one_token(serial=serial)\n"
            "    log.debug('checking %s', token)\n",
            level=Level.ERROR,
        ),
        # Django's password1/password2: a number glued to the word hides nothing
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def signup(form):\n    log.info('new user %s', form.cleaned_data['password1'])\n",
            level=Level.ERROR,
        ),
        # a lone ambiguous name that the code puts in a URL's query as `token=`: its
        # use says it is one
        Invalid(
            "import logging\nlogger = logging.getLogger(__name__)\n"
            "def post(request):\n    org = request.user.active_organization\n"
            "    org.reset_token()\n"
            "    logger.debug(f'New token for organization {org.pk} is {org.token}')\n"
            "    return '{}?token={}'.format(reverse('user-signup'), org.token)\n",
            level=Level.ERROR,
        ),
        Invalid(
            "import logging\nlogger = logging.getLogger(__name__)\n"
            "def post(request):\n    org = request.user.active_organization\n"
            "    logger.debug(f'New token for organization {org.pk} is {org.token}')\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import logging\nlogger = logging.getLogger(__name__)\n"
            "def invite(base, org):\n    logger.info('sending %s', org.token)\n"
            "    return f'{base}/join?org={org.pk}&token={org.token}'\n",
            level=Level.ERROR,
        ),
        # ... and an element of the collection a call returned, used as an object
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def check(serial):\n    token_obj_list = get_tokens(serial=serial)\n"
            "    token_obj = token_obj_list[0]\n    owner = token_obj.get_user_id()\n"
            "    log.debug('no owner for %r', token_obj)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def check(serial):\n    tokens = get_tokens(serial=serial)\n"
            "    token = tokens[0]\n    log.debug('token %s', token)\n",
            level=Level.ERROR,
        ),
        # a loop name that says each element is something about the data: a dict's
        # keys (`for serial in tokens`), not its values
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def load(import_tokens):\n    for serial in import_tokens:\n"
            "        log.info('importing %s', serial)\n"
            "        log.debug('token %s', import_tokens[serial])\n",
            message="credential.token reaches log.debug",
            region=(6, 31, 6, 52),
        ),
        # a `%(name)s` message renders only the entries it names of its mapping
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def load(data):\n    for rt in data['refresh_tokens']:\n"
            "        log.error('bad refresh token %(id)s for %(client)s', rt)\n"
            "        log.error('bad refresh token %(refresh_token)s', rt)\n",
            message="credential.token reaches log.error",
            region=(6, 58, 6, 60),
        ),
        # re-bound from itself: judged by what it held before (the parameter's name)
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(result, session_id=None):\n"
            "    session_id = (result.session_id if result else None) or session_id\n"
            "    log.info('session %s', session_id)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(request, session_id=None):\n"
            "    session_id = request.COOKIES.get('sessionid') or session_id\n"
            "    log.info('session %s', session_id)\n",
            level=Level.ERROR,
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(request):\n    session_id = request.COOKIES['sessionid']\n"
            "    log.info('session %s', session_id)\n",
            level=Level.ERROR,
        ),
        # equal to a credential-named constant: still a credential
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(access_token):\n    if access_token != Config.API_TOKEN:\n"
            "        log.warning('bad token %s', access_token)\n"
        ),
        # a lone ambiguous word is weak evidence (a note); assigned from a secret, strong
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(token):\n    log.info('token %s', token)\n",
            level=Level.NOTE,
        ),
        Invalid(
            "import logging, os\nlog = logging.getLogger(__name__)\n"
            "token = os.environ['API_TOKEN']\nlog.info('token %s', token)\n",
            level=Level.ERROR,
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def step(user_input):\n    log.info('login %s', user_input[CONF_PASSWORD])\n",
            message="credential.password reaches log.info",
        ),
        # a settings form's input whole: not message content, but its password is
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "async def step(self, user_input):\n"
            "    log.debug('invalid auth for %s: %s', user_input.get(CONF_HOST), user_input)\n"
            "    log.debug('%s', user_input['password'])\n",
            message="credential.password reaches log.debug",
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\n"
            "def f(token):\n    log.info('token %s', token[:40])\n"
        ),
        Invalid(
            "import logging\nlogging.info('login %s', password)\n",
            region=(2, 26, 2, 34),
            message="credential.password reaches logging.info",
        ),
        Invalid("import logging as lg\nlg.warning(f'token={token}')\n", region=(2, 12, 2, 28)),
        Invalid(
            "from logging import info as log_info\nlog_info(user.email)\n", region=(2, 10, 2, 20)
        ),
        Invalid(
            "import logging\nlog = logging.getLogger(__name__)\nlog.debug('key %s', api_key)\n",
            message="credential.secret reaches log.debug",
        ),
        Invalid(
            "import logging\ndef f(form):\n    pw = form['password']\n    msg = 'login ' + pw\n"
            "    logging.info(msg)\n",
            region=(5, 18, 5, 21),
        ),
        Invalid(
            "class A:\n    def f(self, password):\n        self.logger.error('bad %s', password)\n"
        ),
        Invalid("import logging\nlogging.info('user {}'.format(data['ssn']))\n"),
        Invalid("import logging\nlogging.info('card %s' % card_number)\n"),
        Invalid(
            "import structlog\nlogger = structlog.get_logger()\nlogger.info('login', password=pw)\n"
        ),
        Invalid("from loguru import logger\nlogger.info('phone {}', user.phone_number)\n"),
        Invalid("import logging\nlogging.getLogger('x').info('%s', creds)\n"),
        Invalid(
            "import logging\nlog = logging.LoggerAdapter(logging.getLogger(), {})\nlog.info(secret_key)\n"
        ),
        Invalid("import logging\nlogging.exception('failed for %s', email)\n"),
        Invalid("import logging\nlogging.log(logging.INFO, '%s', access_token)\n"),
        Invalid("import logging\nlogging.info('x', extra={'email': user_email})\n"),
        Invalid(
            "import logging\ndef f(user):\n    parts = [user.first_name, user.last_name]\n"
            "    logging.info(' '.join(parts))\n"
        ),
        Invalid("import logging\ndef f(d):\n    for e in d.emails:\n        logging.info(e)\n"),
        Invalid("import os, logging\nlogging.info(os.environ['DB_PASSWORD'])\n"),
        Invalid("import os, logging\nkey = os.getenv('STRIPE_SECRET_KEY')\nlogging.info(key)\n"),
        Invalid(
            "import logging\ndef f(ok, pw):\n    if ok:\n        msg = pw\n    else:\n        msg = 'x'\n"
            "    logging.info(msg)\n"
        ),
        Invalid("from loguru import logger\nlogger.bind(req=1).info(user.get_password())\n"),
        Invalid(
            "import logging\nlogger = logging.getLogger()\nlogger.info(message_body.strip())\n"
        ),
        # sources by origin: the value is sensitive because of where it comes from
        Invalid(
            "import getpass, logging\nanswer = getpass.getpass('Passphrase: ')\n"
            "logging.info('got %s', answer)\n",
            message="credential.password reaches logging.info",
            level=Level.ERROR,
        ),
        Invalid(
            "import logging\nvalue = input('Enter your password: ')\nlogging.debug(value)\n",
            message="credential.password reaches logging.debug",
        ),
        Invalid(
            "import logging, click\nv = click.prompt('API token', hide_input=True)\n"
            "logging.info(v)\n",
            message="credential.token reaches logging.info",
        ),
        Invalid(
            "import logging\nphone = input('Phone (optional): ')\nlogging.info(phone)\n",
            message="pii.phone reaches logging.info",
        ),
        Invalid(
            "import configparser, logging\nconfig = configparser.ConfigParser()\n"
            "value = config.get('smtp', 'password')\nlogging.info('smtp %s', value)\n",
            message="credential.password reaches logging.info",
        ),
        Invalid(
            "import keyring, logging\nv = keyring.get_password('svc', user)\nlogging.info(v)\n",
            message="credential.password reaches logging.info",
        ),
        # joined and abbreviated spellings, in any case
        Invalid(
            "import logging\ndef pay(creditcard):\n    logging.info('card %s', creditcard)\n",
            message="financial.card reaches logging.info",
        ),
        Invalid(
            "import logging\ndef pay(DEBITCARD, CARDNUM):\n    logging.info('%s', DEBITCARD)\n",
            message="financial.card reaches logging.info",
        ),
        Invalid(
            "import logging\ndef refund(bankaccount):\n    logging.info(bankaccount)\n",
            message="financial.account reaches logging.info",
        ),
        Invalid(
            "import logging\ndef signup(emailAddress, postalcode):\n"
            "    logging.info('%s', postalcode)\n",
            message="pii.address reaches logging.info",
        ),
    ]

    def on_call(self, site: CallSite) -> None:
        if not site.is_log_call():
            return
        args = site.data_arguments(site.policy.sinks.log_ignore_keywords)
        if site.method == "log" or site.qualified == "logging.log":
            args = args[1:]  # the level
        sink = site.callee_name()
        named = _mapping_format(site, args)
        for arg in args:
            if named is not None and arg is args[1]:
                # `"%(id)s", token_row`: only the entries it names are rendered
                carried = site.ordered(_named_parts(site, arg, named))
                if carried:
                    site.report(type(self), arg.value, describe(carried, sink), carried)
                continue
            site.reach(type(self), arg.value, sink, describe)


_NAMED_FIELD = re.compile(r"%\((\w+)\)")


def _mapping_format(site: CallSite, args: Sequence[cst.Arg]) -> list[str] | None:
    """The keys a `%(name)s` message renders of its one mapping argument, or None when
    the message is not such a literal (logging renders ``msg % args[0]``)."""
    if len(args) != 2 or args[0].keyword is not None or args[1].keyword is not None:
        return None
    text = string_value(args[0].value)
    if text is None:
        return None
    names = _NAMED_FIELD.findall(text)
    if not names or text.count("%") - text.count("%%") * 2 != len(names):
        return None  # positional fields too: not a mapping format
    return names


def _named_parts(site: CallSite, arg: cst.Arg, names: list[str]) -> frozenset[str]:
    """What the entries the message names carry (``mapping["user_id"]``)."""
    found: set[str] = set()
    for name in names:
        part = cst.Subscript(
            value=arg.value,
            slice=[cst.SubscriptElement(slice=cst.Index(value=cst.SimpleString(repr(name))))],
        )
        found |= site.analysis.taint(part)
    return frozenset(found)
