"""The leak suite (#14): privlint must never become the leak.

A corpus of a few hundred fake secrets, of every shape the rules know (cloud keys,
service tokens, JWTs, private keys, passwords in code, in URLs and in config files), is
generated from a fixed seed and planted in a git project; privlint then runs on it with
every output format, ``--output``, ``--fix``, baselines, debug logging, and the error
paths (bad configuration values, files that do not parse or decode, failing rules). A
test fails if any planted secret, or any 8-character run of one, appears in standard
output, standard error, the log, or a file privlint wrote.

Only the random part of a secret is searched (``ghp_`` or ``-----BEGIN`` are not
secret), and random parts are drawn from letters and digits, so that no run can be an
ordinary word. A leak is shown with the secret masked, never in clear: the failure
message of this suite must not leak either.

Nothing secret-shaped is written in this file: prefixes are joined at run time, so
privlint and detect-secrets scanning the repository stay clean.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import random
import re
import shutil
import string
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from privlint.cli import main

SEED = 20261214
WINDOW = 8
ALNUM = string.ascii_letters + string.digits
UPPER_DIGITS = string.ascii_uppercase + string.digits
LOWER_DIGITS = string.ascii_lowercase + string.digits
B64 = ALNUM + "+/"


def joined(*pieces: str) -> str:
    """Fixed text assembled at run time (see the module docstring)."""
    return "".join(pieces)


BEGIN, END = joined("-----BEG", "IN "), joined("-----EN", "D ")
PRIVATE_KEY = joined("PRIV", "ATE KEY-----")
GITHUB_PREFIXES = tuple(joined("gh", letter, "_") for letter in "posu")
SLACK_BOT = joined("xo", "xb-")
SLACK_HOOK = joined("https://hooks.", "slack.com/services/")
STRIPE_PREFIXES = (joined("sk", "_live_"), joined("rk", "_live_"))
OPENAI_PREFIX, OPENAI_MARK = joined("s", "k-proj-"), joined("T3Blbk", "FJ")
PYPI_PREFIX = joined("py", "pi-AgEIcHlwaS5vcmc")
NPM_PREFIX, NPM_KEY = joined("np", "m_"), joined("_auth", "Token=")
GITLAB_PREFIX = joined("gl", "pat-")
AWS_PREFIXES = (joined("AK", "IA"), joined("AS", "IA"))
AZURE_KEY = joined("Account", "Key=")
JWT_HEADER = joined("eyJhbGciOiJIUzI1NiIs", "InR5cCI6IkpXVCJ9")

#: words that make a value a placeholder for privlint or detect-secrets
_PLACEHOLDER_WORDS = re.compile(
    r"example|sample|fake|dummy|todo|fixme|test|change|redact|placeholder|your|here|"
    r"secret|passw|token|none|null|admin|root|user|key|(.)\1\1",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Secret:
    """One planted secret: its kind, its text as planted, and its random runs."""

    kind: str
    text: str = field(repr=False)
    parts: tuple[str, ...] = field(repr=False)


@dataclass
class Corpus:
    files: dict[str, bytes] = field(default_factory=dict, repr=False)
    secrets: list[Secret] = field(default_factory=list, repr=False)
    #: for ``--fix``: file -> the text a correct fix writes
    fixed: dict[str, str] = field(default_factory=dict, repr=False)

    def windows(self) -> dict[str, Secret]:
        found: dict[str, Secret] = {}
        for secret in self.secrets:
            assert secret.parts, secret.kind
            for part in secret.parts:
                assert len(part) >= WINDOW, secret.kind
                for start in range(len(part) - WINDOW + 1):
                    found[part[start : start + WINDOW]] = secret
        return found


class Planter:
    """Makes fake secrets from a seeded generator, each with fresh random runs."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.secrets: list[Secret] = []
        self._seen: set[str] = set()

    def run(self, length: int, alphabet: str = ALNUM) -> str:
        """A random run no other run shares a window with, and no placeholder word."""
        while True:
            text = "".join(self.rng.choice(alphabet) for _ in range(length))
            if _PLACEHOLDER_WORDS.search(text):
                continue
            windows = {text[i : i + WINDOW] for i in range(len(text) - WINDOW + 1)}
            if windows & self._seen:
                continue
            self._seen |= windows
            return text

    def plant(self, kind: str, *pieces: str | tuple[int, str]) -> str:
        """A secret from fixed pieces (str) and random runs ((length, alphabet))."""
        text, parts = "", []
        for piece in pieces:
            if isinstance(piece, tuple):
                run = self.run(*piece)
                if len(run) >= WINDOW:  # shorter runs are covered by the others
                    parts.append(run)
                text += run
            else:
                text += piece
        self.secrets.append(Secret(kind, text, tuple(parts)))
        return text

    # -- the shapes the rules know --------------------------------------------------
    def aws_key_id(self) -> str:
        return self.plant("aws-key-id", self.rng.choice(AWS_PREFIXES), (16, UPPER_DIGITS))

    def aws_secret(self) -> str:
        return self.plant("aws-secret", (40, B64))

    def azure(self) -> str:
        return self.plant("azure-storage", AZURE_KEY, (86, B64), "==")

    def github(self) -> str:
        return self.plant("github", self.rng.choice(GITHUB_PREFIXES), (36, ALNUM))

    def gitlab(self) -> str:
        return self.plant("gitlab", GITLAB_PREFIX, (20, ALNUM))

    def slack(self) -> str:
        digits = string.digits
        return self.plant("slack", SLACK_BOT, (12, digits), "-", (13, digits), "-", (24, ALNUM))

    def slack_hook(self) -> str:
        return self.plant(
            "slack-webhook", SLACK_HOOK, "T", (10, UPPER_DIGITS), "/B", (10, UPPER_DIGITS),
            "/", (24, ALNUM),
        )  # fmt: skip

    def stripe(self) -> str:
        return self.plant("stripe", self.rng.choice(STRIPE_PREFIXES), (24, ALNUM))

    def openai(self) -> str:
        return self.plant("openai", OPENAI_PREFIX, (20, ALNUM), OPENAI_MARK, (20, ALNUM))

    def sendgrid(self) -> str:
        return self.plant("sendgrid", "SG.", (22, ALNUM), ".", (43, ALNUM))

    def npm(self) -> str:
        return self.plant("npm", NPM_PREFIX, (36, ALNUM))

    def pypi(self) -> str:
        return self.plant("pypi", PYPI_PREFIX, (70, ALNUM))

    def twilio(self) -> str:
        return self.plant("twilio", "SK", (32, LOWER_DIGITS))

    def telegram(self) -> str:
        return self.plant("telegram", (9, string.digits), ":AA", (33, ALNUM))

    def discord(self) -> str:
        return self.plant("discord", "M", (23, ALNUM), ".", (6, ALNUM), ".", (27, ALNUM))

    def mailchimp(self) -> str:
        return self.plant("mailchimp", (32, LOWER_DIGITS), "-us12")

    def jwt(self) -> str:
        subject = self.run(24)
        claims = json.dumps({"sub": subject, "iat": 1700000000}, separators=(",", ":"))
        payload = base64.urlsafe_b64encode(claims.encode()).decode().rstrip("=")
        signature = self.run(43, ALNUM)
        text = f"{JWT_HEADER}.{payload}.{signature}"
        # the payload's runs that only the random subject determines
        self.secrets.append(Secret("jwt", text, (payload[12:40], signature)))
        return text

    def pem(self, kind: str = "RSA ") -> str:
        lines = [self.run(64, B64) for _ in range(4)] + [self.run(24, B64) + "=="]
        text = f"{BEGIN}{kind}{PRIVATE_KEY}\n" + "\n".join(lines) + f"\n{END}{kind}{PRIVATE_KEY}\n"
        self.secrets.append(Secret(f"private-key {kind.strip() or 'PKCS8'}", text, tuple(lines)))
        return text

    def password(self, kind: str = "password") -> str:
        return self.plant(kind, (20, ALNUM))

    def hex_secret(self) -> str:
        return self.plant("hex", (48, "0123456789abcdef"))

    def b64_blob(self) -> str:
        return self.plant("base64-blob", (44, B64))


# -- the corpus: one "round" of files per seed step -----------------------------------------


def _round(planter: Planter, corpus: Corpus, index: int) -> None:
    p = planter
    where = f"svc{index}"

    def put(name: str, text: str | bytes) -> None:
        corpus.files[f"{where}/{name}"] = text.encode() if isinstance(text, str) else text

    put(
        ".env",
        f"AWS_ACCESS_KEY_ID={p.aws_key_id()}\n"
        f'AWS_SECRET_ACCESS_KEY="{p.aws_secret()}"\n'
        f"GITHUB_TOKEN={p.github()}\n"
        f"DATABASE_URL=postgres://app:{p.password('url-password')}@db.payments.io/app\n"
        f"DB_PASSWORD={p.password()}\n"
        f"SLACK_BOT_TOKEN={p.slack()}\n",
    )
    put(
        "config.yaml",
        f"database:\n  password: {p.password()}\n"
        f"auth:\n  token: {p.jwt()}\n"
        f"stripe:\n  key: {p.stripe()}\n"
        f'webhook_signing: "{p.b64_blob()}"\n'
        f"slack:\n  hook: {p.slack_hook()}\n"
        f"signing_key: |\n  " + p.pem("EC ").replace("\n", "\n  ").rstrip() + "\n",
    )
    put(
        "settings.json",
        json.dumps(
            {
                "openai_api_key": p.openai(),
                "sendgrid": p.sendgrid(),
                "broker": f"amqp://svc:{p.password('url-password')}@mq.payments.io//",
                "private_key": p.pem(),
                "hmac": p.hex_secret(),
            },
            indent=2,
        )
        + "\n",
    )
    put(
        "app.ini",
        f"[db]\npassword = {p.password()}\n"
        f"url = postgresql://svc:{p.password('url-password')}@pg.payments.io/app\n"
        f"[azure]\nconnection = DefaultEndpointsProtocol=https;AccountName=acct;{p.azure()}\n"
        f"[mail]\nmailchimp = {p.mailchimp()}\n",
    )
    put(".npmrc", f"//registry.npmjs.org/:{NPM_KEY}{p.npm()}\n")
    put(".pypirc", f"[pypi]\nusername = __token__\npassword = {p.pypi()}\n")
    put(
        "deploy.sh",
        f"export GITLAB_TOKEN={p.gitlab()}\n"
        f"export TWILIO_KEY={p.twilio()}\n"
        f"curl -H 'Authorization: Bearer {p.jwt()}' https://api.payments.io\n",
    )
    put(
        "NOTES.md",
        f"Use `{p.aws_key_id()}` for the staging bucket and {p.discord()} for the bot.\n"
        f"Telegram: {p.telegram()}\n",
    )
    put("id_rsa", p.pem("OPENSSH "))
    put("tests/fixtures/creds.yaml", f"password: {p.password()}\ntoken: {p.github()}\n")
    put(
        "notebook.ipynb",
        json.dumps({"cells": [{"source": [f'key = "{p.aws_key_id()}"\n']}]}) + "\n",
    )
    # Python: PL201 in every syntactic position, tokens PL202-PL206 see, a key in a string
    put(
        "settings.py",
        "import os\n\n"
        f"DB_PASSWORD = '{p.password()}'\n"
        f"API_TOKEN: str = '{p.password('token')}'\n"
        f"CONFIG = {{'user': 'app', 'password': '{p.password()}'}}\n"
        f"os.environ.setdefault('GH', '{p.github()}')\n"
        f"SIGNING = '''\n{p.pem('')}'''\n\n\n"
        f"def login(user, password='{p.password()}'):\n"
        f"    if password == '{p.password()}':\n"
        "        return True\n"
        "    return False\n",
    )
    # Python with fixes to offer: PL301 (http -> https) on URLs holding credentials and
    # tokens, PL302 (drop verify=False) next to a password
    original, fixed = _client(p)
    put("client.py", original)
    corpus.fixed[f"{where}/client.py"] = fixed
    put(
        "models.py",
        "from dataclasses import dataclass\n\nfrom pydantic import BaseModel\n\n\n"
        "@dataclass\nclass Account:\n    user: str\n"
        f"    password: str = '{p.password()}'\n\n\n"
        f"class Settings(BaseModel):\n    api_key: str = '{p.password('api-key')}'\n",
    )
    # error paths: a syntax error on the line of a secret, bytes that are not UTF-8 next
    # to one (in code, where CPython rejects them, and in a comment, where it does not)
    put("broken_syntax.py", f"API_TOKEN = '{p.password('token')}' +\n")
    put("broken_string.py", f"password = '{p.password()}\nx = 1\n")
    put("broken_call.py", f"connect({p.github()} {p.github()})\n")
    put("broken_utf8.py", f"password = '{p.password()}".encode() + b"\xff'\n")
    put(
        "comment_utf8.py",
        f"import requests\nrequests.get('http://api.payments.io/v1?token={p.password('token')}')"
        .encode()
        + b"  # caf\xe9\n",
    )  # fmt: skip
    put(".env.local", f"STRIPE_KEY={p.stripe()}".encode() + b"\xff\xfe\n")
    # valid Python libcst cannot parse (a backslash line opening a block): its error
    # quotes the line after, which holds a secret
    put(
        "libcst_cannot_parse.py",
        f"import logging\n\nif True:\n    \\\n    API_TOKEN = '{p.github()}'\n"
        "    logging.info(API_TOKEN)\n",
    )


def _client(p: Planter) -> tuple[str, str]:
    """A module whose fixes are known: (source, source after a correct ``--fix``)."""
    lines = [
        ("import httpx\nimport requests\nfrom urllib.request import urlopen\n\n",) * 2,
        (
            f"requests.get('http://svc:{p.password('url-password')}@api.payments.io/v1')\n",
            "https",
        ),
        (
            f"requests.get('http://api.payments.io/v1?token={p.password('token')}&page=2')\n",
            "https",
        ),
        (f"urlopen('http://feeds.payments.io/rss?api_key={p.password('api-key')}')\n", "https"),
        (
            f"client = httpx.Client(base_url='http://bot:{p.password('url-password')}"
            "@hooks.payments.io')\n",
            "https",
        ),
        (
            f"requests.post('https://api.payments.io/v1', auth=('svc', '{p.password()}'),"
            " verify=False)\n",
            "verify",
        ),
    ]
    source = fixed = ""
    for line, how in lines:
        source += line
        if how == "https":
            fixed += line.replace("'http://", "'https://", 1)
        elif how == "verify":
            fixed += line.replace(", verify=False", "", 1)
        else:
            fixed += line
    return source, fixed


ROUNDS = 9


def build_corpus(seed: int = SEED) -> Corpus:
    planter = Planter(seed)
    corpus = Corpus()
    for index in range(ROUNDS):
        _round(planter, corpus, index)
    corpus.secrets = planter.secrets
    return corpus


CORPUS = build_corpus()
WINDOWS = CORPUS.windows()


# -- finding leaks, and showing them masked ------------------------------------------------


def leaks(texts: dict[str, str]) -> list[str]:
    """One line per leak: where, which kind of secret, and the context, masked."""
    found = []
    for where, text in texts.items():
        hits = [
            (start, WINDOWS[text[start : start + WINDOW]])
            for start in range(len(text) - WINDOW + 1)
            if text[start : start + WINDOW] in WINDOWS
        ]
        if not hits:
            continue
        masked = list(text)
        for start, _ in hits:
            masked[start : start + WINDOW] = "#" * WINDOW
        shown = "".join(masked)
        reported: set[int] = set()
        for start, secret in hits:
            if any(abs(start - other) < 40 for other in reported):
                continue
            reported.add(start)
            excerpt = shown[max(0, start - 50) : start + 50].replace("\n", "\\n")
            found.append(f"{where}: {secret.kind}: ...{excerpt}...")
    return found


def mask_secrets(text: str) -> str:
    """``text`` with every window of a planted secret replaced by ``#``."""
    masked = list(text)
    for start in range(len(text) - WINDOW + 1):
        if text[start : start + WINDOW] in WINDOWS:
            masked[start : start + WINDOW] = "#" * WINDOW
    return "".join(masked)


def fail_on_traceback(stderr: str) -> None:
    if "Traceback" in stderr:
        pytest.fail("a traceback on stderr (secrets masked):\n" + mask_secrets(stderr)[-3000:])


def assert_no_leaks(texts: dict[str, str]) -> None:
    found = leaks(texts)
    shown = "\n".join(found[:12])
    if len(found) > 12:
        shown += f"\n... and {len(found) - 12} more"
    assert not found, f"{len(found)} leak(s), secrets masked as ########:\n{shown}"


def written_files(root: Path, before: dict[str, bytes]) -> dict[str, str]:
    """Every file under ``root`` that is new or changed since ``before`` (outside .git)."""
    texts = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_dir() or relative.startswith(".git/"):
            continue
        data = path.read_bytes()
        if before.get(relative) != data:
            texts[f"file {relative}"] = data.decode("utf-8", "replace")
    return texts


# -- running privlint -------------------------------------------------------------------------


@dataclass
class Outcome:
    code: int
    texts: dict[str, str]

    @property
    def out(self) -> str:
        return self.texts["stdout"]


def _git(root: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", HOME=str(root))
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The corpus in a git project (files added, so .env and key files are tracked),
    made the working directory."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.privlint]\n")
    for name, data in CORPUS.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    if shutil.which("git"):
        _git(root, "init", "-q")
        _git(root, "add", "-A")
    monkeypatch.chdir(root)
    monkeypatch.delenv("PRIVLINT_JOBS", raising=False)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(root).parts[:1]
    }


Runner = Callable[..., Outcome]


@pytest.fixture
def run(
    project: Path, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> Iterator[Runner]:
    """``privlint`` in-process at DEBUG level, returning what it printed, logged and
    wrote (files new or changed under the project)."""

    def runner(*argv: str) -> Outcome:
        before = snapshot(project)
        caplog.clear()
        capfd.readouterr()
        with caplog.at_level(logging.DEBUG):
            code = main(list(argv))
        captured = capfd.readouterr()
        texts = {"stdout": captured.out, "stderr": captured.err, "log": caplog.text}
        texts.update(written_files(project, before))
        fail_on_traceback(captured.err)
        return Outcome(code, texts)

    yield runner


# -- the corpus is what it says ---------------------------------------------------------------


def test_corpus_plants_a_few_hundred_secrets_of_every_shape() -> None:
    kinds = {secret.kind for secret in CORPUS.secrets}
    assert len(CORPUS.secrets) >= 300
    assert len(kinds) >= 25, sorted(kinds)
    assert build_corpus().secrets == CORPUS.secrets  # deterministic
    # every planted secret is in the corpus, and no window is found where none was planted
    every = "\n".join(data.decode("utf-8", "replace") for data in CORPUS.files.values())
    planted = [all(part in every for part in secret.parts) for secret in CORPUS.secrets]
    assert all(planted), "some secrets were not planted"
    assert not leaks({"fixed text": "privlint: applied 3 edits; no findings" * 3})


def test_privlint_finds_every_kind_of_planted_secret(run: Runner) -> None:
    """The suite is worth something only if privlint reads the secrets: each kind is
    reported at least once (on a line that holds one)."""
    outcome = run("check", "--jobs", "1", "--format", "json")
    assert outcome.code == 1
    findings = json.loads(outcome.out)["findings"]
    reported = {(f["path"], f["region"]["start_line"]) for f in findings}
    found_kinds = set()
    for name, data in CORPUS.files.items():
        lines = data.decode("utf-8", "replace").splitlines()
        for secret in CORPUS.secrets:
            numbers = [n for n, line in enumerate(lines, 1) if any(p in line for p in secret.parts)]
            # a private key is reported on its BEGIN line, just above its first random
            # line, or in YAML on the line of its key, above that
            if numbers and any(
                (name, n) in reported for n in range(numbers[0] - 2, numbers[-1] + 1)
            ):
                found_kinds.add(secret.kind)
    missing = {secret.kind for secret in CORPUS.secrets} - found_kinds
    # tokens only a query string holds are for PL301's fix, not a secrets rule
    assert missing <= {"token", "api-key"}, sorted(missing)


# -- every output, every way of writing it ---------------------------------------------------

FORMATS = ("text", "json", "sarif", "github")


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_on_stdout_holds_no_secret(run: Runner, fmt: str) -> None:
    outcome = run("check", "--jobs", "1", "--format", fmt)
    assert_no_leaks(outcome.texts)
    assert outcome.code == 1, outcome.texts["stderr"][-500:]
    assert len(outcome.out) > 1000


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_written_with_output_holds_no_secret(run: Runner, project: Path, fmt: str) -> None:
    outcome = run("check", "--jobs", "1", "--format", fmt, "--output", f"report.{fmt}")
    assert outcome.code == 1
    assert f"file report.{fmt}" in outcome.texts
    assert_no_leaks(outcome.texts)


def test_fix_writes_the_right_files_and_prints_no_secret(run: Runner, project: Path) -> None:
    # the corpus's fixes are https:// to made-up hosts and dropped verify=False: unsafe
    # fixes, which --fix alone leaves (tests/integration/test_fix.py)
    outcome = run("check", "--jobs", "1", "--fix", "--unsafe-fixes")
    # the files --fix rewrote hold the secrets that were there: compared, not searched
    assert_no_leaks({k: v for k, v in outcome.texts.items() if not k.startswith("file ")})
    assert outcome.code == 1
    assert "applied" in outcome.texts["stderr"]
    # the cache privlint keeps is searched for leaks above, and is not a fix
    changed = {
        name[len("file ") :]
        for name in outcome.texts
        if name.startswith("file ") and not name.startswith("file .privlint_cache/")
    }
    assert changed == set(CORPUS.fixed)
    for name, expected in CORPUS.fixed.items():
        written = (project / name).read_text()
        if written != expected:
            pytest.fail(
                f"{name} after --fix (secrets masked):\n{mask_secrets(written)}\n"
                f"a correct fix writes:\n{mask_secrets(expected)}"
            )


def test_fix_with_machine_output_holds_no_secret(run: Runner) -> None:
    outcome = run("check", "--jobs", "1", "--fix", "--format", "sarif", "--output", "r.sarif")
    assert outcome.code == 1
    assert_no_leaks({k: v for k, v in outcome.texts.items() if not k.endswith(".py")})


def test_baseline_and_check_against_it_hold_no_secret(run: Runner, project: Path) -> None:
    recorded = run("baseline", "--jobs", "1", "--output", "base.json")
    assert recorded.code == 0
    assert "file base.json" in recorded.texts
    assert_no_leaks(recorded.texts)
    for fmt in ("json", "sarif"):
        checked = run("check", "--jobs", "1", "--baseline", "base.json", "--format", fmt)
        assert_no_leaks(checked.texts)
    # the baseline accepted every finding in the code; what remains are the paths privlint
    # could not analyse, which a baseline never records
    last = run(
        "check", "--jobs", "1", "--baseline", "base.json", "--format", "json", "-o", "r.json"
    )
    assert_no_leaks(last.texts)
    remaining = json.loads(last.texts["file r.json"])["findings"]
    assert all(f["rule_id"] == "PL000" for f in remaining), remaining


def _subprocess(project: Path, *argv: str, debug: bool = False) -> Outcome:
    """privlint in its own process (a process pool scans the files: 32 or more)."""
    before = snapshot(project)
    if debug:
        command = [
            sys.executable,
            "-c",
            "import logging, sys; logging.basicConfig(level=logging.DEBUG);"
            " from privlint.cli import main; sys.exit(main(sys.argv[1:]))",
            *argv,
        ]
    else:
        command = [sys.executable, "-m", "privlint", *argv]
    env = {k: v for k, v in os.environ.items() if k != "PRIVLINT_JOBS"}
    done = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=300
    )
    texts = {"stdout": done.stdout, "stderr": done.stderr}
    texts.update(written_files(project, before))
    fail_on_traceback(done.stderr)
    return Outcome(done.returncode, texts)


def test_parallel_run_with_debug_logging_holds_no_secret(project: Path) -> None:
    assert len(CORPUS.files) >= 32  # scan_files uses its process pool from 32 files
    outcome = _subprocess(project, "check", "--jobs", "2", "--format", "json", debug=True)
    assert outcome.code == 1
    assert_no_leaks(outcome.texts)


def test_python_m_privlint_sarif_holds_no_secret(project: Path) -> None:
    outcome = _subprocess(project, "check", "--format", "sarif", "--output", "out.sarif")
    assert outcome.code == 1
    assert_no_leaks(outcome.texts)


# -- error paths --------------------------------------------------------------------------


def _config_cases() -> list[tuple[str, str, str]]:
    """(id, pyproject text, the secret in it): a value pasted where it does not belong."""
    planter = Planter(SEED + 1)
    cases = []
    templates: Sequence[tuple[str, Callable[[str], str]]] = (
        ("fail-on", lambda s: f'fail-on = "{s}"\n'),
        ("fail-on-not-a-string", lambda s: f'fail-on = ["{s}"]\n'),
        ("disable", lambda s: f'disable = ["{s}"]\n'),
        ("enable", lambda s: f'enable = ["PL101", "{s}"]\n'),
        ("exclude-malformed-glob", lambda s: f'exclude = ["[{s}"]\n'),
        ("exclude-negation", lambda s: f'exclude = ["!{s}"]\n'),
        ("test-paths-malformed-glob", lambda s: f'test-paths = ["[{s}"]\n'),
        ("unknown-key", lambda s: f'{s} = "x"\n'),
        ("unknown-key-with-value", lambda s: f'api-token = "{s}"\n'),
        ("max-file-size", lambda s: f'max-file-size = "{s}"\n'),
        ("secrets-plugins", lambda s: f'secrets = {{ plugins = ["{s}"] }}\n'),
        ("secrets-unknown-key", lambda s: f'secrets = {{ "{s}" = 1 }}\n'),
        ("secrets-limit", lambda s: f'secrets = {{ base64-limit = "{s}" }}\n'),
        ("allowed-hosts", lambda s: f'allowed-hosts = [{{ host = "{s}" }}]\n'),
        ("names-category", lambda s: f'[tool.privlint.names]\n"{s}" = ["pin_code"]\n'),
        ("new-category-level", lambda s: f'[tool.privlint.categories."x.y"]\nlevel = "{s}"\n'),
        ("sanitizers", lambda s: f'sanitizers = [{{ name = "{s}" }}]\n'),
        ("redaction-filters", lambda s: f'redaction-filters = "{s}"\n'),
        ("not-toml", lambda s: f"fail-on = warning {s}\n"),
    )
    for name, template in templates:
        secret = planter.github() if "key" in name else planter.password()
        text = template(secret)
        body = text if text.startswith("[") else "[tool.privlint]\n" + text
        cases.append((name, body, secret))
    return cases


CONFIG_CASES = _config_cases()


@pytest.mark.parametrize(
    ("body", "secret"),
    [pytest.param(body, secret, id=name) for name, body, secret in CONFIG_CASES],
)
def test_configuration_error_does_not_echo_a_secret(
    project: Path, run: Runner, body: str, secret: str
) -> None:
    (project / "pyproject.toml").write_text(body)
    commands = {
        "check": ("check", "--jobs", "1", "svc0/settings.py"),
        "baseline": ("baseline", "--jobs", "1", "--output", "base.json", "svc0/settings.py"),
        "rules": ("rules",),
    }
    outcomes = {name: run(*argv) for name, argv in commands.items()}
    assert_secret_not_in(
        {
            f"{name} {where}": text
            for name, o in outcomes.items()
            for where, text in o.texts.items()
        },
        secret,
    )
    codes = {name: outcome.code for name, outcome in outcomes.items()}
    assert codes == dict.fromkeys(commands, 2), "a configuration error exits 2"
    for outcome in outcomes.values():
        assert "privlint: error:" in outcome.texts["stderr"]


def assert_secret_not_in(texts: dict[str, str], secret: str) -> None:
    """Like :func:`assert_no_leaks`, for one secret outside the corpus."""
    run_part = secret[-16:]
    windows = {run_part[i : i + WINDOW] for i in range(len(run_part) - WINDOW + 1)}
    found = []
    for where, text in texts.items():
        for window in windows:
            at = text.find(window)
            if at >= 0:
                masked = text.replace(secret, "#" * len(secret))
                for other in windows:
                    masked = masked.replace(other, "#" * WINDOW)
                found.append(f"{where}: ...{masked[max(0, at - 60) : at + 40]}...")
                break
    assert not found, "leak(s), secret masked as ###:\n" + "\n".join(found)


def test_unreadable_baseline_does_not_echo_a_secret(project: Path, run: Runner) -> None:
    secret = Planter(SEED + 2).github()
    for body in (secret, json.dumps({"version": secret}), json.dumps({secret: [1]})):
        (project / "base.json").write_text(body)
        outcome = run("check", "--jobs", "1", "--baseline", "base.json", "svc0/settings.py")
        assert outcome.code == 2
        assert_secret_not_in(outcome.texts, secret)


def test_rule_that_raises_with_a_secret_in_its_message_does_not_echo_it(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An internal error is reported by type and place: the exception's text, which may
    quote the source, reaches neither the report nor the debug log."""
    from privlint.rules.pl2_secrets.hardcoded_credential import HardcodedCredential

    secret = next(s for s in CORPUS.secrets if s.kind == "password")

    def explode(self: object, site: object) -> None:
        raise KeyError(f"value {secret.text!r}")

    monkeypatch.setattr(HardcodedCredential, "on_statement", explode)
    for fmt in FORMATS:
        outcome = run("check", "--jobs", "1", "--format", fmt, "svc0", "svc1")
        assert outcome.code == 3
        assert_no_leaks(outcome.texts)


def test_secrets_scanner_that_raises_with_a_secret_does_not_echo_it(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import privlint.engine.secrets as secrets_engine

    def explode(path: str, text: str) -> list[object]:
        raise ValueError(f"cannot scan line {text.splitlines()[0]!r}")

    monkeypatch.setattr(secrets_engine, "_detect", explode)
    for fmt in FORMATS:
        outcome = run("check", "--jobs", "1", "--format", fmt, "svc0")
        assert outcome.code == 3
        assert_no_leaks(outcome.texts)
