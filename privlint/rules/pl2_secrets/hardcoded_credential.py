"""PL201: a credential written into Python source."""

from __future__ import annotations

import base64
import binascii
import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

import libcst as cst

from privlint.engine.dataflow import dotted, is_main_guard, literal_lookup_key
from privlint.engine.secrets import is_example_path, is_module_reference, is_placeholder
from privlint.engine.testpaths import is_test_path
from privlint.engine.walk import StatementSite
from privlint.findings import Confidence, Level
from privlint.policy.model import ArgumentRef, Policy
from privlint.policy.words import identifier_words
from privlint.rules.base import Invalid, Rule, Valid, register

#: public key material: what `jwt.decode` verifies with, not a secret
_PUBLIC_KEY = re.compile(
    r"-----BEGIN (?:[A-Z]+ )?(?:PUBLIC KEY|CERTIFICATE)-----"
    r"|^\s*(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-\S+|sk-ssh-\S+) "
)
_FILE_SUFFIXES = (".pem", ".key", ".crt", ".cer", ".json", ".txt", ".p12", ".pfx", ".yaml", ".yml")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
#: a short identifier without separators: a field's name in a description (`iChargePV2`)
_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,23}$")
_WORD_ONLY = re.compile(r"^[A-Za-z_-]+$")
_PROSE = frozenset({"enter", "your", "the", "please", "must", "invalid", "is", "not", "for"})
#: lower-case words without digits: a field, key or attribute name more often than a
#: password (`api_key="etoday"`, `"gen_ai.usage.output_tokens"`): a note, not an error
#: a credential named as a default or a demo (`DEFAULT_ADMIN_PASSWORD`): documented,
#: a note to review rather than a leaked secret
_DEMO_WORDS = frozenset({"default", "demo", "sample", "example", "dummy", "fake", "mock", "test"})
#: words of an enclosing function, call or keyword that make its literals demo data
#: (`sample_url_func=lambda e: reverse(..., kwargs={"secret": "6zzj..."})`,
#: `MarkdownTextPlaceholder(...)`, `def make_example_config()`)
_DEMO_CONTEXT = frozenset(
    {"sample", "samples", "example", "examples", "demo", "dummy", "fake", "mock",
     "placeholder", "placeholders", "preview", "testing"}
)  # fmt: skip
_URL = re.compile(r"^[a-z][a-z0-9+._-]*://")  # `_`: SQLAlchemy's `db2+ibm_db://`
_URL_PASSWORD = re.compile(r"^[A-Za-z][A-Za-z0-9+._-]*://[^/?#@\s]*:[^/?#@\s]+@")
_NAME_LIKE = re.compile(r"^[a-z]+(?:[_.:-]?[A-Za-z][a-z]+)*$")
#: with digits, a field name of a vendor's JSON only when camelCase or short
#: (`epv1Today`, `ppv3`, `temp5`); `summer2024` may well be a password
_FIELD_LIKE = re.compile(r"^[a-z]+\d*(?:[A-Z][a-z]+\d*)+$|^[a-z]{2,5}\d{1,2}$")
#: a dotted name (`.data-api`, an event namespace)
_DOTTED_NAME = re.compile(r"^\.[a-z]+(?:[_.-][a-z]+)*$")


def name_like(text: str) -> bool:
    """Whether a literal reads as a name, a field or a word for people rather than a
    credential: lower-case words (`etoday`), a camelCase field (`epv1Today`), a dotted
    namespace (`.data-api`), or words of any script with no digit or symbol (a label
    of a translation catalogue: `Passwort`, `Mot de passe`, `Contraseña`). A password
    that is a word is still weak evidence of one."""
    if _NAME_LIKE.match(text) or _FIELD_LIKE.match(text) or _DOTTED_NAME.match(text):
        return True
    words = text.replace("-", " ").replace("'", " ").split()
    # a label of words spaced for people may have a version or a number in a word
    # (`OAuth2 Client Secret`, `S3 access key`); glued words (`hunter2-prod`) may not
    spaced = len(text.split()) > 1
    return (
        bool(words)
        and all(
            _word_like(word) or _SLOT.fullmatch(word) or (spaced and _numbered_word(word))
            for word in words
        )
        and any(_word_like(word) for word in words)
    )


def _numbered_word(word: str) -> bool:
    """``OAuth2``, ``S3``, ``Base64``: a word with a short number at its end."""
    letters = word.rstrip("0123456789")
    return bool(letters) and len(word) - len(letters) <= 3 and _word_like(letters)


#: a message's slot for a value: `%0`, `%s`, `{0}`, `{name}` (`'Unexpected token %0'`)
_SLOT = re.compile(r"%[\w.]+|\{\w*\}")


#: punctuation that ends or wraps a word of a sentence or a label (`TOTP: time based`)
_SENTENCE_MARKS = ":.,;!?()"


def _word_like(word: str) -> bool:
    """``Passwort``, ``passe``, ``API``, ``TOTP:``: a word as people write it, in any
    script; not random letters (``QmXvTzLkPw``)."""
    word = word.strip(_SENTENCE_MARKS)
    if not word.isalpha():
        return False
    rest = word[1:]
    return (
        rest == rest.lower()
        or (word.isupper() and len(word) <= 5)
        or _CAMEL_WORDS.fullmatch(word) is not None
    )


#: a brand or a name in CamelCase (`ClickHouse`, `SQLAlchemy`, `DuckDB`): capitalised
#: words of three letters or more and short acronyms; random letters alternate case
#: more often (`QmXvTzLkPw`)
_CAMEL_WORDS = re.compile(r"(?:[A-Z]{1,5}(?=[A-Z][a-z]{2}|$)|[A-Z][a-z]{2,})+")


@register
class HardcodedCredential(Rule):
    """A password, API key, token or private key is written into the source.

    ## Why is this bad?
    Source code is copied to every clone, fork, CI runner, backup and code-search
    index, and stays in the history after the line is deleted. A credential in it is
    readable by everyone who can read the code and cannot be rotated by a deploy.
    Read it from the environment or a secret manager instead.

    ## Example
        DB_PASSWORD = "hunter2-prod"
        client = Client(api_key="k3y-9f8a7c6e5d")

    ## Use instead
        DB_PASSWORD = os.environ["DB_PASSWORD"]
        client = Client(api_key=settings.API_KEY)

    Reports a string literal (or bytes, or an f-string without placeholders) that is
    assigned to a credential-named variable, attribute, subscript or annotated name,
    passed as a credential-named keyword, used as a parameter default, put under a
    credential-named key of a dict literal, or compared with a credential-named
    value. Names are judged by the policy's taxonomy (`credential.*` categories), so
    `password_field`, `TOKEN_URL` and `num_secrets` are not credentials. Empty
    strings, placeholders (`changeme`, `<your-key>`, `xxx`, `${VAR}`, `{password}`),
    environment-variable names, file paths and values equal to their own name are
    not reported. In test code (`[tool.privlint] test-paths`) findings are notes.
    """

    CODE = "PL201"
    NAME = "hardcoded-credential"
    LEVEL = Level.ERROR
    TAGS = ("security", "secrets", "external/cwe/cwe-798")
    SECURITY_SEVERITY = 8.0
    CWE = (798,)

    VALID = [
        # a connection's documentation: a URL template, a URL with a user only
        Valid("ENGINE = {'connection_string': 'db2+ibm_db://{username}:{password}@{host}/{db}'}\n"),
        Valid("ENGINE = {'connection_string': 'hive://hive@{hostname}:{port}/{database}'}\n"),
        Valid("password = ''\n"),
        Valid("password = 'changeme'\n"),
        # the name of the slot a secret is kept under, digits and all
        Valid("DATA_JWT_SECRET = 'oauth2_jwt_secret'\n"),
        Valid("FACTORIES = {'api-token': 'app.tests.factories:APIToken'}\n"),
        # an elided example
        Valid("OPENAI_API_KEY = 'sk-...f3a9'\n"),
        # OpenSSH public keys are published: known_hosts, authorized_keys
        Valid(
            "GITHUB_RSA_KEY = 'AAAAB3NzaC1yc2EAAAADAQABAAABgQCj7ndNxQowgcQnjshcLrqPEiiphnt"
            "+VTTvDP6mHBL9j1aNUkY4Ue1gvwnGLVlOhGeYrnZaMgRK6+PKCUXaDbC7qtbW8gIkhL7aGCsOr'\n"
        ),
        Valid(
            "DEPLOY_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl'\n"
        ),
        # a regular expression under a key that reads like a password's: a pattern
        Valid("POSTCODES = {'PL': r'^[0-9]{2}-[0-9]{3}$', 'PW': r'^96940$'}\n"),
        Valid("api_key = '<your-api-key>'\n"),
        Valid("token = 'xxxxxxxx'\n"),
        Valid("secret = '${SECRET}'\n"),
        Valid("password = '{password}'\n"),
        Valid("API_KEY = 'your_api_key_here'\n"),
        Valid("password = '********'\n"),
        Valid("import os\npassword = os.environ['DB_PASSWORD']\n"),
        Valid("import os\napi_key = os.getenv('API_KEY', '')\n"),
        Valid("import os\nhost = os.getenv('SMTP_HOST', 'mail.internal')\n"),
        Valid("import os\nN = int(os.getenv('SEARCH_CONTEXT_TOKENS', '8192'))\n"),
        Valid("import os\npw = os.environ.get('DB_PASSWORD', 'changeme')\n"),
        Valid("password_field = 'password'\n"),
        Valid("TOKEN_URL = 'https://auth.example.com/token'\n"),
        Valid("password = 'password'\n"),
        Valid("secret_name = 'prod/db/password'\n"),
        Valid("private_key = '/etc/ssl/private/server.key'\n"),
        Valid("connect(password=password)\n"),
        Valid("def login(user, password=None):\n    pass\n"),
        Valid("headers = {'Authorization': f'Bearer {token}'}\n"),
        Valid("if password == '':\n    pass\n"),
        Valid("api_key = 'API_KEY'\n"),
        Valid("token_type = 'bearer'\n"),
        Valid("prompt = {'password': 'Enter your password'}\n"),
        Valid("max_tokens = 500\n"),
        Valid("_AWS_SECURITY_TOKEN_HEADER = 'x-amz-security-token'\n"),
        Valid("KINDS = {'Slack Token': 'PL203', 'Private Key': 'PL204'}\n"),
        Valid("password = getpass.getpass('Password: ')\n"),
        Valid("SESSION_KEY = '_auth_user_id'\n"),
        Valid("INTERNAL_RESET_SESSION_TOKEN = '_password_reset_token'\n"),
        Valid("SESSION_COOKIE_SAMESITE = 'Lax'\n"),
        Valid("CSRF_SESSION_KEY = '_csrftoken'\n"),
        Valid("set_password = 'ALTER USER %(user)s IDENTIFIED BY \"%(password)s\"'\n"),
        Valid("def parse(token):\n    if token == 'endblock':\n        return\n"),
        # a URL without credentials
        Valid("def f(sqla_conn_str):\n    return sqla_conn_str == 'sqlite://'\n"),
        # a password in a URL is PL206's: one finding for one secret
        # (the literals are split so that privlint's own scan of this file sees no URL)
        Valid("DATABASE_URL = 'postgresql://app:Xk9-kept-2" + "@db.prod-x.net/app'\n"),
        Valid(
            "import os\nDB_URL = os.environ.get('DB_URL', 'mysql://u:Xk9-kept-2" + "@db.x.net/a')\n"
        ),
        Valid("def f(bits):\n    if bits[0] != 'csrf_token':\n        return\n"),
        Valid("KEYS = {'master_key': 'master', 'self_signing_key': 'self_signing'}\n"),
        # signing and HMAC keys read from configuration, or not given
        Valid("import jwt\njwt.encode(claims, settings.JWT_SECRET, algorithm='HS256')\n"),
        Valid("import jwt\njwt.decode(token, options={'verify_signature': False})\n"),
        Valid("import jwt\njwt.decode(token, public_key, algorithms=['RS256'])\n"),
        Valid("import hmac, hashlib\nhmac.new(key, msg, hashlib.sha256).hexdigest()\n"),
        Valid("import hmac\nhmac.new(b'', msg, 'sha256')\n"),
        Valid(
            "from itsdangerous import URLSafeTimedSerializer\n"
            "URLSafeTimedSerializer(app.config['SECRET_KEY'], salt='email-confirm')\n"
        ),
        Valid("import jwt\njwt.encode(claims, '<your-jwt-secret>')\n"),
        Valid("import jwt\njwt.encode(claims, 'secret', algorithm='HS256')\n"),
        Valid(
            "import jwt\njwt.decode(token, '-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0B"
            "\\n-----END PUBLIC KEY-----', algorithms=['RS256'])\n"
        ),
        Valid("import json\njson.dumps(obj, 'not-a-key-position')\n"),
    ]
    INVALID = [
        # base64 that is not an OpenSSH key blob
        Invalid("SIGNING_KEY = 'AAAAx9Qm3vT8pL2wR7yN4sH6jD1cF5gB0aZk'\n", level=Level.ERROR),
        # a vendor JSON field's name with digits is a name: low confidence, a note
        Invalid(
            "SENSORS = [Description(key='e1', api_key='epv1Today'), Description(api_key='ppv3')]\n",
            level=Level.NOTE,
        ),
        # a demo login that repeats its service's name or its user: a note
        Invalid(
            "Connection(conn_id='kylin_default', conn_type='kylin', login='ADMIN',"
            " password='KYLIN')\n",
            level=Level.NOTE,
        ),
        Invalid("connect(user='airflow', password='airflow', host='db')\n", level=Level.NOTE),
        # words of any script, no digit or symbol: a label more often than a password
        Invalid("DB_PASSWORD = 'Contraseña'\n", level=Level.NOTE),
        # a module's self-test and a configuration class for testing: demo values
        Invalid(
            "if __name__ == '__main__':\n    password = 'topSekr3t'\n    check(password)\n",
            filename="app/security/aes.py",
            level=Level.NOTE,
        ),
        Invalid(
            "if __name__ == '__main__':\n    password = 'topSekr3t'\n    check(password)\n",
            filename="deploy.py",
            level=Level.ERROR,
        ),
        Invalid(
            "class TestingConfig(Config):\n    SECRET_KEY = 'Zx81-Kq2ab9-Lm'\n",
            level=Level.NOTE,
        ),
        Invalid(
            "class ProductionConfig(Config):\n    SECRET_KEY = 'Zx81-Kq2ab9-Lm'\n",
            level=Level.ERROR,
        ),
        Invalid("DB_PASSWORD = 'Contraseña-2024'\n", level=Level.ERROR),
        Invalid("DB_PASSWORD = 'QmXvTzLkPwRa'\n", level=Level.ERROR),
        Invalid("_LEGACY_DEFAULT_ADMIN_PASSWORD = 'password1234'\n", level=Level.NOTE),
        # a camelCase field name of a vendor's JSON, not a key
        Invalid(
            "SensorDescription(key='import_today', api_key='etoUserToday')\n", level=Level.NOTE
        ),
        Invalid(
            "connect(user='airflow', password='Xq7-airflow-9k', host='db')\n", level=Level.ERROR
        ),
        Invalid("SENSOR = dict(api_key='etoday')\n", level=Level.NOTE),
        Invalid(
            "PARAMS = {'username': 'ClickHouse Cloud username',"
            " 'password': 'ClickHouse Cloud password'}\n",
            level=Level.NOTE,
        ),
        Invalid("META = {'connection_string': 'SQLAlchemy URI template'}\n", level=Level.NOTE),
        # a version in a word of a label spaced for people; not in glued words
        Invalid(
            "SENSITIVE = {'$.oauth2_client_info.secret': 'OAuth2 Client Secret'}\n",
            level=Level.NOTE,
        ),
        Invalid("DB_PASSWORD = 'hunter2 prod2'\n", level=Level.ERROR),
        Invalid("DB_PASSWORD = 'Summer2024 Winter'\n", level=Level.ERROR),
        Invalid("CLIENT_SECRET = 'QmXvTzLkPwRbNcYd'\n", level=Level.ERROR),
        # a message with a slot for a value: words for people
        Invalid("MESSAGES = {'UnexpectedToken': 'Unexpected token %0'}\n", level=Level.NOTE),
        # a label with sentence punctuation: words for people
        Invalid("TYPES = {'totp': 'TOTP: time based One Time Passwords.'}\n", level=Level.NOTE),
        Invalid("TYPES = {'totp': 'TOTP: JBSWY3DPEHPK3PXP'}\n", level=Level.ERROR),
        # an entity description's field names: a note
        Invalid(
            "D = SensorEntityDescription(key='storage_current_2',"
            " translation_key='storage_current_2', api_key='iChargePV2')\n",
            level=Level.NOTE,
        ),
        Invalid("connect(key='main', api_key='sk-Zq81-77fa-Ee2k-90xx')\n", level=Level.ERROR),
        Invalid(
            "import os\nSMTP_PASSWORD = os.environ.get('SMTP_PASSWORD', 'hunter2-prod')\n",
            message="hard-coded credential.password as the fallback of SMTP_PASSWORD",
            level=Level.ERROR,
        ),
        Invalid(
            "import jwt\ndef f(t):\n    return jwt.decode(t, 'app-dev-signing-key-2024')\n",
            level=Level.ERROR,
        ),
        # the sample data of a preview or placeholder: a note
        Invalid(
            "P = Placeholder('url', sample_url_func=lambda e: reverse(\n"
            "    'order', kwargs={'order': 'F8VVL', 'secret': '6zzjnumtsx136ddy'}))\n",
            level=Level.NOTE,
        ),
        Invalid(
            "P = MarkdownTextPlaceholder('orders', render, lambda e: [\n"
            "    {'code': 'F8VVL', 'secret': '6zzjnumtsx136ddy'}])\n",
            level=Level.NOTE,
        ),
        Invalid(
            "def sample_order():\n    return {'code': 'F8VVL', 'secret': '6zzjnumtsx136ddy'}\n",
            level=Level.NOTE,
        ),
        Invalid("ORDER = {'code': 'F8VVL', 'secret': '6zzjnumtsx136ddy'}\n", level=Level.ERROR),
        # a form's example values, shown in its help text
        Invalid(
            "def step(self):\n    placeholders = {\n"
            "        'find_token': '0481effe8a5c6f757b455babb678dc0e764f/112f7a4a-0051',\n"
            "    }\n",
            level=Level.NOTE,
        ),
        Invalid(
            "def step(self):\n    tokens = {\n"
            "        'find_token': '0481effe8a5c6f757b455babb678dc0e764f/112f7a4a-0051',\n"
            "    }\n",
            level=Level.ERROR,
        ),
        Invalid("ACCESS_TOKEN = 'oauth.grant.opaque'\n", level=Level.NOTE),
        Invalid(
            "DB_PASSWORD = 'hunter2-prod'\n",
            region=(1, 15, 1, 29),
            message="hard-coded credential.password assigned to DB_PASSWORD",
        ),
        Invalid(
            "class C:\n    def __init__(self):\n        self.api_key = 'k3y-9f8a7c6e5d'\n",
            region=(3, 24, 3, 40),
            message="hard-coded credential.secret assigned to api_key",
        ),
        Invalid("API_TOKEN: str = 'tok-81f2c9aa77'\n", region=(1, 18, 1, 34)),
        Invalid(
            "client = Client(token='tok-81f2c9aa77')\n",
            region=(1, 23, 1, 39),
            message="hard-coded credential.token passed as token=",
        ),
        Invalid("import psycopg\npsycopg.connect(host='db', password='s3cr3t!')\n"),
        Invalid(
            "def login(user, pw='hunter22'):\n    pass\n",
            region=(1, 20, 1, 30),
            message="hard-coded credential.password as the default of pw",
        ),
        Invalid(
            "CONFIG = {'user': 'app', 'password': 'hunter22'}\n",
            region=(1, 38, 1, 48),
            message="hard-coded credential.password under the key 'password'",
        ),
        Invalid(
            "def check(password):\n    if password == 'letmein42':\n        return True\n",
            region=(2, 20, 2, 31),
            message="password compared with a hard-coded credential.password",
        ),
        Invalid("secret = b'\\x8f\\x91raw-key-bytes'\n"),
        Invalid("secret_key = f'django-insecure-9x8y7z'\n"),
        Invalid("settings['SECRET_KEY'] = 'django-insecure-9x8y7z'\n"),
        Invalid("headers = {'Authorization': 'Basic dXNlcjpwYXNz'}\n"),
        Invalid("user, password = 'admin', 'hunter22'\n", region=(1, 27, 1, 37)),
        Invalid("def f(*, client_secret: str = 'cs-0a9b8c7d'):\n    pass\n"),
        Invalid("if 'letmein42' == user.password:\n    pass\n"),
        Invalid(
            "requests.get(url, auth=HTTPBasicAuth('u', 'p'), params=dict(api_key='k-1234abcd'))\n"
        ),
        Invalid("AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY'\n"),
        Invalid("with open(p) as f:\n    db_pass = 'pg-pass-2024'\n"),
        Invalid(
            "password = 'hunter2-prod'\n",
            filename="tests/test_login.py",
            message="hard-coded credential.password assigned to password",
        ),
        Invalid(
            "import jwt\njwt.encode({'sub': uid}, 'Xk9-2fq-v77z', algorithm='HS256')\n",
            region=(2, 26, 2, 40),
            message="hard-coded credential.secret passed as the key of jwt.encode",
            level=Level.ERROR,
        ),
        Invalid("import jwt\njwt.decode(token, key='Xk9-2fq-v77z', algorithms=['HS256'])\n"),
        Invalid(
            "import hmac, hashlib\nsig = hmac.new(b'wh-7Q2x-91kz', body, hashlib.sha256)\n",
            message="hard-coded credential.secret passed as the key of hmac.new",
        ),
        Invalid("import hmac\nhmac.digest(b'wh-7Q2x-91kz', body, 'sha256')\n"),
        Invalid(
            "from itsdangerous import URLSafeTimedSerializer as S\n"
            "s = S('7fG-q2Lm-88a', salt='reset')\n",
            message="hard-coded credential.secret passed as the key of"
            " itsdangerous.URLSafeTimedSerializer",
        ),
        Invalid("from django.core import signing\nsigning.dumps(obj, key='7fG-q2Lm-88a')\n"),
        Invalid(
            "from cryptography.fernet import Fernet\n"
            "f = Fernet(b'ZmFrZS1rZXktZm9yLXRlc3RzLW9ubHktMTIzNDU2Nzg=')\n"
        ),
        # a test fixture's key is a note
        Invalid(
            "import jwt\njwt.encode(claims, 'Xk9-2fq-v77z')\n",
            filename="tests/test_auth.py",
            level=Level.NOTE,
        ),
        Invalid(
            "import jwt\njwt.encode(claims, 'mysecretkey', algorithm='HS256')\n", level=Level.NOTE
        ),
    ]

    @classmethod
    def triggered_by(cls, text: str, policy: Policy | None = None) -> bool | None:
        """A file that names a signing or encryption API is worth parsing even with no
        credential-named identifier in it (`URLSafeSerializer("...")`); any other file
        is, when the taxonomy finds a sensitive word."""
        words = key_api_words(policy) if policy is not None else frozenset()
        if any(top in text and own in text for top, own in words):
            return True
        return None

    def on_statement(self, site: StatementSite) -> None:
        # a look-up by exact type: libcst subclasses none of the hooked classes
        # (tests/engine/test_dispatch.py), and isinstance on libcst's ABCMeta
        # classes, over every node of every statement, cost several times more
        hooks = statement_hooks()
        for node in site.nodes:
            hook = hooks.get(type(node))
            if hook is not None:
                hook(self, site, node)

    def _on_assign(self, site: StatementSite, node: cst.Assign) -> None:
        for target in node.targets:
            self._pair(site, target.target, node.value, "assigned to {}")

    def _on_annotated(self, site: StatementSite, node: cst.AnnAssign | cst.NamedExpr) -> None:
        if node.value is not None:
            self._pair(site, node.target, node.value, "assigned to {}")

    def _on_call(self, site: StatementSite, node: cst.Call) -> None:
        literals = [text for arg in node.args if (text := _literal(arg.value))]
        described = _describes_a_field(node)
        for arg in node.args:
            if arg.keyword is not None:
                self._check(
                    site,
                    arg.keyword.value,
                    arg.value,
                    "passed as {}=",
                    siblings=literals,
                    described=described,
                )
        self._key_argument(site, node)
        self._lookup_default(site, node)

    def _on_param(self, site: StatementSite, node: cst.Param) -> None:
        if node.default is not None:
            self._check(site, node.name.value, node.default, "as the default of {}")

    def _on_dict(self, site: StatementSite, node: cst.Dict) -> None:
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                key = _literal(element.key)
                if key is not None and " " not in key.strip():  # not a label
                    self._check(site, key, element.value, "under the key '{}'")

    def _pair(
        self, site: StatementSite, target: cst.BaseExpression, value: cst.BaseExpression, how: str
    ) -> None:
        if isinstance(target, (cst.Tuple, cst.List)) and isinstance(value, (cst.Tuple, cst.List)):
            if len(target.elements) == len(value.elements):
                for t, v in zip(target.elements, value.elements, strict=True):
                    self._pair(site, t.value, v.value, how)
            return
        name = _target_name(target)
        if name is not None:
            self._check(site, name, value, how)

    def _comparison(self, site: StatementSite, node: cst.Comparison) -> None:
        left = node.left
        for target in node.comparisons:
            if isinstance(target.operator, (cst.Equal, cst.NotEqual)):
                right = target.comparator
                for name_node, value in ((left, right), (right, left)):
                    name = _target_name(name_node)
                    if name is not None and _literal(value) is not None:
                        self._check(site, name, value, "{} compared with", compared=True)
            left = target.comparator

    def _lookup_default(self, site: StatementSite, node: cst.Call) -> None:
        """``os.environ.get("SMTP_PASSWORD", "hunter2-prod")``: the fallback of a
        look-up by a credential's name is a hard-coded credential."""
        if len(node.args) < 2 or literal_lookup_key(node, site.policy.sinks.lookup_methods) is None:
            return
        key, default = node.args[0], node.args[1]
        if key.keyword is not None or (
            default.keyword is not None and default.keyword.value != "default"
        ):
            return
        name = _literal(key.value)
        fallback = _literal(default.value)
        if name is not None and fallback is not None and not fallback.strip().isdigit():
            # `int(os.getenv("CONTEXT_TOKENS", "8192"))`: a number, a setting
            self._check(site, name, default.value, "as the fallback of {}")

    def _key_argument(self, site: StatementSite, node: cst.Call) -> None:
        """``jwt.encode(claims, "s3cret")``: a literal where the pack says a call takes
        its signing or encryption key (sinks.toml [[key-argument]])."""
        qualified = site.qualify(node.func)
        entry = site.policy.sinks.key_arguments.get(qualified) if qualified else None
        if entry is None:
            return
        ref, category = entry
        arg = _argument_at(node, ref)
        if arg is None:
            return
        if arg.keyword is not None and any(
            c.startswith("credential.") for c in site.policy.classify(arg.keyword.value)
        ):
            return  # `Signer(secret_key="...")`: the keyword check reports it
        text = _literal(arg.value)
        if text is not None and _PUBLIC_KEY.search(text):
            return  # `jwt.decode(token, "-----BEGIN PUBLIC KEY-----...")`: verifies only
        self._check(site, qualified or "", arg.value, "passed as the key of {}", category=category)

    def _check(
        self,
        site: StatementSite,
        name: str,
        value: cst.BaseExpression,
        how: str,
        compared: bool = False,
        siblings: Sequence[str] = (),
        category: str | None = None,
        described: bool = False,
    ) -> None:
        text = _literal(value)
        if text is None or not looks_secret(name, text):
            return
        if (
            _IDENTIFIER.match(text)
            # `"oauth2_jwt_secret"`: a snake_case name may hold digits
            and (not any(c.isdigit() for c in text) or (text.islower() and "_" in text))
            and (site.policy.classify(text) or site.policy.is_metadata(text))
        ):
            return  # the name of a credential field, key or header, not its value
        if text.startswith("_") and _IDENTIFIER.match(text):
            return  # `CSRF_SESSION_KEY = "_csrftoken"`: an internal key name
        if "%(" in text or "%s" in text:
            return  # a format template that takes the secret, not the secret
        if compared and _WORD_ONLY.match(text):
            return  # `token == "endblock"`: a parser comparing keywords
        value_words = identifier_words(text)
        if value_words and _within(value_words, identifier_words(name)):
            return  # `"self_signing_key": "self_signing"`: the value names the key
        if category is not None:
            categories = [category]  # the place says what it is, not the name
        else:
            categories = sorted(
                c for c in site.policy.classify(name) if c.startswith("credential.")
            )
        if not categories:
            return
        category = categories[0]
        where = how.format(name)
        if compared:
            message = f"{where} a hard-coded {category}"
        else:
            message = f"hard-coded {category} {where}"
        # a name-like value or an example's is weak evidence; test code is a note by policy
        weak = (
            is_example_path(site.path)
            or name_like(text)
            or _echoes(text, siblings)
            or (described and _FIELD_NAME.match(text) is not None)
            or not _DEMO_WORDS.isdisjoint(identifier_words(name))
            or _in_demo_context(site, value)
        )
        site.report(
            type(self),
            value,
            message,
            categories,
            level=Level.NOTE if is_test_path(site.policy, site.path) else None,
            confidence=Confidence.LOW if weak else Confidence.HIGH,
        )


_Hook = Callable[[HardcodedCredential, StatementSite, Any], None]


@functools.cache
def statement_hooks() -> dict[type[cst.CSTNode], _Hook]:
    """What ``on_statement`` does with a node, by its exact class. Built on first use:
    naming libcst's classes imports libcst, which a run that parses nothing (the
    polyglot scan imports this module) should not pay for."""
    return {
        cst.Assign: HardcodedCredential._on_assign,
        cst.AnnAssign: HardcodedCredential._on_annotated,
        cst.NamedExpr: HardcodedCredential._on_annotated,
        cst.Call: HardcodedCredential._on_call,
        cst.Param: HardcodedCredential._on_param,
        cst.Dict: HardcodedCredential._on_dict,
        cst.Comparison: HardcodedCredential._comparison,
    }


def _in_demo_context(site: StatementSite, value: cst.BaseExpression) -> bool:
    """Whether ``value`` sits in demo data: inside a function, a call or a keyword
    argument whose name says sample, example, placeholder or preview (or a class named
    for testing: ``TestingConfig``), or a package module's self-test under ``if __name__
    == "__main__":``."""
    if any(not _DEMO_CONTEXT.isdisjoint(identifier_words(part)) for part in site.scope.split(".")):
        return True
    if "/" in site.path and any(is_main_guard(test) for test in site.conditions):
        return True  # a package module's self-test (a root script's main block is the program)
    chain = _ancestors(site.node, value)
    for node in chain or ():
        name: str | None = None
        if isinstance(node, (cst.Assign, cst.AnnAssign)):
            # `placeholders = {"find_token": "..."}`: a form's example values
            targets = (
                [target.target for target in node.targets]
                if isinstance(node, cst.Assign)
                else [node.target]
            )
            name = " ".join(dotted(target) or "" for target in targets)
        elif isinstance(node, cst.Arg) and node.keyword is not None:
            name = node.keyword.value
        elif isinstance(node, cst.Call):
            func = node.func
            name = func.attr.value if isinstance(func, cst.Attribute) else None
            if isinstance(func, cst.Name):
                name = func.value
        if name is not None and not _DEMO_CONTEXT.isdisjoint(identifier_words(name)):
            return True
    return False


def _ancestors(root: cst.CSTNode, target: cst.CSTNode) -> list[cst.CSTNode] | None:
    """The nodes from ``root`` down to ``target`` (excluded), or None if it is not there."""
    if root is target:
        return []
    for child in root.children:
        below = _ancestors(child, target)
        if below is not None:
            return [root, *below]
    return None


def _argument_at(call: cst.Call, ref: ArgumentRef) -> cst.Arg | None:
    """The argument of ``call`` that ``ref`` points at, if given."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in ref.keywords:
            return arg
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    if ref.position is not None and len(positional) > ref.position:
        return positional[ref.position]
    return None


def _describes_a_field(call: cst.Call) -> bool:
    """A description of a field or an entity (``SensorEntityDescription(key="charge",
    translation_key="charge", api_key="iChargePV2")``): a literal ``key=`` beside it
    says its other literals are names too."""
    return any(
        arg.keyword is not None
        and arg.keyword.value in ("key", "translation_key")
        and _literal(arg.value) is not None
        for arg in call.args
    )


def _echoes(text: str, siblings: Sequence[str]) -> bool:
    """Whether a credential repeats another argument of its call: a service's default
    or demo login (`login="airflow", password="airflow"`, `conn_type="kylin",
    password="KYLIN"`), documented rather than secret."""
    folded = text.casefold()
    others = [sibling.casefold() for sibling in siblings]
    return others.count(folded) > 1 or any(folded in other for other in others if other != folded)


def _within(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """Whether ``part`` is a run of consecutive words of ``whole``."""
    size = len(part)
    return any(whole[i : i + size] == part for i in range(len(whole) - size + 1))


def _target_name(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return node.attr.value
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        index = node.slice[0].slice
        if isinstance(index, cst.Index):
            return _literal(index.value)
    return None


def _literal(node: cst.BaseExpression) -> str | None:
    """The text of a str/bytes literal or a placeholder-free f-string, else None."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        try:
            value = node.evaluated_value
        except Exception:  # an invalid escape in a bytes literal, say
            return None
        if isinstance(value, bytes):
            return value.decode("latin-1")
        return value if isinstance(value, str) else None
    if isinstance(node, cst.FormattedString) and all(
        isinstance(part, cst.FormattedStringText) for part in node.parts
    ):
        return "".join(
            part.value for part in node.parts if isinstance(part, cst.FormattedStringText)
        )
    return None


def looks_secret(name: str, value: str) -> bool:
    text = value.strip()
    if len(text) < 2 or is_placeholder(text):
        return False
    if identifier_words(text) and identifier_words(text) == identifier_words(name):
        return False  # password = "password", API_KEY = "api-key"
    lowered = text.lower()
    if lowered.endswith(_FILE_SUFFIXES) or text.startswith(("/", "~/", "./", "../")):
        return False
    if _URL.match(lowered) or _URL_PASSWORD.match(text):
        # `sqlite://`, `hive://hive@{hostname}`: a URL without a password or a template
        # of one; `postgresql://user:password@host/db`: PL206 reports the password
        return False
    if len(text) > 2 and text.startswith("^") and text.endswith("$"):
        return False  # `"PW": r"^[0-9]{5}$"`: a pattern (Palau's postcodes), not a secret
    if "." in text and is_module_reference(text):
        return False  # `"api-token": "ckan.tests.factories:APIToken"`: an import reference
    if ssh_public_key(text):
        return False  # `GITHUB_RSA_KEY = "AAAAB3NzaC1yc2E..."`: a published host key
    words = lowered.split()
    return not (len(words) >= 2 and any(word.strip(":.,") in _PROSE for word in words))


#: an OpenSSH public key's text form: its type, then the base64 blob
_SSH_PUBLIC_TEXT = re.compile(r"^(?:ssh|ecdsa|sk-ssh|sk-ecdsa)-[\w@.-]+ +(\S+)")


def ssh_public_key(text: str) -> bool:
    """Whether a literal is an OpenSSH public key (``ssh-ed25519 AAAAC3...`` or its
    bare blob, ``AAAAB3NzaC1yc2E...``): the blob starts with the key type's length
    and name. Public keys are published (``known_hosts``, ``authorized_keys``)."""
    match = _SSH_PUBLIC_TEXT.match(text)
    blob = match.group(1) if match else text
    if len(blob) < 32:
        return False
    try:
        head = base64.b64decode(blob[:32], validate=True)
    except (binascii.Error, ValueError):
        return False
    size = int.from_bytes(head[:4], "big")
    return 0 < size <= 19 and head[4 : 4 + size].startswith((b"ssh-", b"ecdsa-", b"sk-"))


def key_api_words(policy: Policy) -> frozenset[tuple[str, str]]:
    """Words every file that calls a key API of the pack (sinks.toml [[key-argument]])
    holds, however it imports it: the top package (in its import) and the class's own
    name (``nacl``, ``SecretBox``) or the module the function lives in (``django``,
    ``signing`` of ``django.core.signing.dumps``)."""
    return _api_words(tuple(sorted(policy.sinks.key_arguments)))


@functools.lru_cache(maxsize=8)
def _api_words(names: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    words = set()
    for name in names:
        parts = name.split(".")
        own = parts[-1] if parts[-1][:1].isupper() or len(parts) == 1 else parts[-2]
        words.add((parts[0], own))
    return frozenset(words)
