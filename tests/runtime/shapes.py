"""Generated log lines in the shapes real logs have, with the sensitive values they hold
(issue #18): made from a seeded ``random.Random`` and word lists of our own, so that
the tests need nothing beyond the test extra. ``bench/runtime/recall_bench.py`` adds
Faker's names, e-mail addresses and words on top.

Every secret here is made up at run time from random characters: nothing in this file
is a credential, and a scan of it finds none.
"""

from __future__ import annotations

import base64
import random
import string
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

ALNUM = string.ascii_letters + string.digits
URLSAFE = ALNUM + "-_"
HEX = "0123456789abcdef"

WORDS = (
    "alpha", "harbor", "velvet", "quartz", "meadow", "ember", "falcon", "juniper", "orbit",
    "pebble", "saffron", "tundra", "willow", "zephyr", "cobalt", "lantern", "maple", "nectar",
)  # fmt: skip
USERS = ("bob", "alice", "j.smith", "mkowalski", "li.wei", "a.okafor", "sven", "priya_r")
DOMAINS = ("example.com", "example.org", "mail.example.net", "corp.example")
#: Country calling codes of one, two and three digits.
COUNTRY_CODES = (1, 7, 20, 27, 31, 33, 34, 39, 44, 49, 52, 55, 61, 81, 86, 91, 234, 254, 353,
                 358, 380, 420, 852, 971, 972)  # fmt: skip


def luhn_complete(body: str) -> str:
    """``body`` (digits) with the check digit that makes it pass the Luhn check: the
    one generator of card numbers for the tests and the benchmarks."""
    total = 0
    for index, char in enumerate(reversed(body)):
        digit = int(char)
        if index % 2 == 0:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return body + str((10 - total % 10) % 10)


@dataclass(frozen=True)
class Sample:
    kind: str
    text: str
    #: the sensitive values the text holds (each must not survive masking)
    values: tuple[str, ...]


class Shapes:
    """Generators of lines, one method per kind; ``words``/``user``/``email`` may be
    replaced (the benchmark passes Faker's)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    # -- building blocks -------------------------------------------------------------

    def chars(self, alphabet: str, low: int, high: int | None = None) -> str:
        size = low if high is None else self.rng.randint(low, high)
        return "".join(self.rng.choice(alphabet) for _ in range(size))

    def word(self) -> str:
        return self.rng.choice(WORDS)

    def user(self) -> str:
        return self.rng.choice(USERS)

    def email(self) -> str:
        return f"{self.user()}{self.rng.randint(1, 99)}@{self.rng.choice(DOMAINS)}"

    def secret_word(self, punctuation: str = "!@#$%^*-_+") -> str:
        body = (
            self.chars(ALNUM, 6, 12) + self.chars(punctuation, 1, 2) + self.chars(string.digits, 1)
        )
        return "".join(self.rng.sample(body, len(body)))

    def session_id(self) -> str:
        return self.rng.choice(
            [self.chars(HEX.upper(), 32), self.chars(ALNUM, 26, 32), self.chars(URLSAFE, 43)]
        )

    def luhn_digits(self, prefix: str, size: int) -> str:
        return luhn_complete(prefix + self.chars(string.digits, size - len(prefix) - 1))

    # -- the kinds -------------------------------------------------------------------

    def session(self) -> Sample:
        sid = self.session_id()
        user = self.user()
        text = self.rng.choice(
            [
                f"GET /shop/cart;jsessionid={sid}?item={self.rng.randint(1, 999)} HTTP/1.1",
                f"sid={sid} user={user} action=checkout",
                f"restored session={sid} for {user}",
                f"PHPSESSID={sid}; path=/; HttpOnly",
                f"connect.sid=s%3A{sid}.{self.chars(URLSAFE, 20)} rejected",
                f"JSESSIONID={sid} expired for {user}",
                f"KeyError: \"session key '{sid}' not found\"",
                f"Session key {sid} not found in store",
                f"session_id: {sid} user: {user}",
                f"SessionNotFound: session {sid} does not exist",
            ]
        )
        return Sample("session", text, (sid,))

    def phone(self) -> Sample:
        code = str(self.rng.choice(COUNTRY_CODES))
        national = self.chars("23456789", 1) + self.chars(string.digits, 6, 9)
        cut = self.rng.randint(2, 4)
        head, tail = national[:cut], national[cut:]
        middle = len(tail) // 2
        spelled = self.rng.choice(
            [
                f"+{code} {head} {tail[:middle]} {tail[middle:]}",
                f"+{code}-{head}-{tail[:middle]}-{tail[middle:]}",
                f"+{code}{national}",
                f"+{code} ({head}) {tail}",
                f"+{code}.{head}.{tail}",
            ]
        )
        where = self.rng.randint(0, 4)
        if where == 0:
            encoded = "%2B" + spelled[1:].replace(" ", "").replace("(", "").replace(")", "")
            return Sample("phone", f"POST /sms/send?to={encoded}&template=otp", (encoded[3:],))
        text = (
            f"sms sent to {spelled} via twilio",
            f'{{"to": "{spelled}", "status": "queued"}}',
            f"user {self.user()} asked for a callback at {spelled} tomorrow",
            f"contact: {spelled}",
        )[where - 1]
        return Sample("phone", text, (spelled.lstrip("+"),))

    def password(self) -> Sample:
        secret = self.secret_word()
        user = self.user()
        choice = self.rng.randint(0, 8)
        if choice == 7:
            quoted = self.secret_word("()&;, !#")
            return Sample("password", f"create_user({user!r}, password='{quoted}') ok", (quoted,))
        if choice == 8:
            quoted = self.secret_word("()&;,!#")
            return Sample("password", f'config password="{quoted}" loaded', (quoted,))
        text = (
            f"Your temporary password is {secret}. Please change it.",
            f"created user {user} with password {secret}",
            f"login failed for {user} with password {secret}",
            f"pwd: {secret}",
            f"GET /legacy/login?user={user}&pass={quote(secret, safe='')}&remember=1",
            f"new password is: {secret}",
            f"reset done, password set to {secret} for {user}",
        )[choice]
        return Sample("password", text, (quote(secret, safe="") if "pass=" in text else secret,))

    def one_time_code(self) -> Sample:
        code = (
            self.chars(string.digits, 6)
            if self.rng.random() < 0.8
            else self.chars("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 8)
        )
        text = self.rng.choice(
            [
                f"Your verification code is {code}",
                f"OTP: {code} sent to device",
                f"one-time code {code} expires in 5 minutes",
                f"2FA code {code} accepted for {self.user()}",
                f"GET /oauth/callback?code={self.chars(URLSAFE, 30, 45)}"
                f"&state={self.chars(ALNUM, 8)}",
            ]
        )
        if "oauth" in text:
            value = text.split("code=", 1)[1].split("&", 1)[0]
            return Sample("one_time_code", text, (value,))
        return Sample("one_time_code", text, (code,))

    def auth_header(self) -> Sample:
        user, secret = self.user(), self.secret_word()
        basic = base64.b64encode(f"{user}:{secret}".encode()).decode()
        token = self.chars(URLSAFE, 32, 48)
        key = self.chars(ALNUM, 32)
        choice = self.rng.randint(0, 6)
        text, value = (
            (f"upstream call with Basic {basic} failed", basic),
            (f"> Authorization: Basic {basic}", basic),
            (f"using bearer token {token} for the export", token),
            (f"bearer token: {token}", token),
            (f"> X-Api-Key: {key}", key),
            (f"headers={{'X-API-KEY': '{key}', 'Accept': 'application/json'}}", key),
            (f"-H 'Api-Key: {key}' https://api.example.com/v1", key),
        )[choice]
        return Sample("auth_header", text, (value,))

    def link_token(self) -> Sample:
        token = self.chars(URLSAFE, 24, 48)
        path = self.rng.choice(
            ["reset-password", "password/reset", "magic-link", "auth/verify-email", "invite",
             "account/activate", "login-link", "confirm"]
        )  # fmt: skip
        text = self.rng.choice(
            [
                f"sent reset link https://app.example.com/{path}/{token} to {self.user()}",
                f"GET /{path}/{token}?next=/home 302",
                f"magic link: https://example.com/{path}/{token}",
            ]
        )
        return Sample("link_token", text, (token,))

    def encoded_email(self) -> Sample:
        address = self.email()
        encoded = address.replace("@", "%40")
        text = self.rng.choice(
            [
                f"GET /unsubscribe?email={encoded}&list=news",
                f"redirect to /login?next=%2Fhome&hint={encoded}",
                f"track open for {encoded}",
            ]
        )
        return Sample("encoded_email", text, (encoded,))

    def national_id(self) -> Sample:
        choice = self.rng.randint(0, 5)
        ssn = (
            f"{self.rng.randint(100, 665)}{self.rng.randint(10, 99)}{self.rng.randint(1000, 9999)}"
        )
        value, text = (
            (ssn, f"kyc: SSN {ssn} verified"),
            (ssn, f"social security number {ssn} on file"),
            (ssn, f"tax id {ssn} submitted for {self.user()}"),
            (
                (
                    nino := f"{self.chars('ABCEGHJKLMNPRSTWXYZ', 2)}{self.chars(string.digits, 6)}"
                    f"{self.rng.choice('ABCD')}"
                ),
                f"national insurance number {nino} matched",
            ),
            (
                (
                    passport
                    := f"{self.chars(string.ascii_uppercase, 1)}{self.chars(string.digits, 8)}"
                ),
                f"passport no. {passport} scanned",
            ),
            (
                (aadhaar := " ".join(self.chars(string.digits, 4) for _ in range(3))),
                f"aadhaar {aadhaar} linked",
            ),
        )[choice]
        return Sample("national_id", text, (value,))

    def service_token(self) -> Sample:
        token = self.rng.choice(
            [
                "github" + "_pat_" + self.chars(ALNUM, 22) + "_" + self.chars(ALNUM, 59),
                "gh" + "p_" + self.chars(ALNUM, 36),
                "gl" + "pat-" + self.chars(URLSAFE, 20),
                "sk" + "-proj-" + self.chars(URLSAFE, 48),
                "sk" + "-ant-api03-" + self.chars(URLSAFE, 40),
                "xo" + "xb-" + self.chars(string.digits, 12) + "-" + self.chars(ALNUM, 24),
                "AI" + "za" + self.chars(URLSAFE, 35),
                "np" + "m_" + self.chars(ALNUM, 36),
                "sk" + "_live_" + self.chars(ALNUM, 24),
                "S" + "G." + self.chars(URLSAFE, 22) + "." + self.chars(URLSAFE, 43),
                "AK" + "IA" + self.chars(string.ascii_uppercase + string.digits, 16),
            ]
        )
        text = self.rng.choice(
            [
                f"calling the API with {token}",
                f"env GH_TOKEN={token} exported",
                f'{{"credentials": {{"value": "{token}"}}}}',
                f"auth failed: token {token} revoked",
            ]
        )
        return Sample("service_token", text, (token,))

    # -- look-alikes that must stay --------------------------------------------------

    def look_alike(self) -> Sample:
        rng = self.rng
        choice = rng.randint(0, 11)
        if choice == 0:
            text = f"order #{rng.randint(10**8, 10**9)} shipped to {self.word()}"
        elif choice == 1:
            text = f"ORD-{rng.randint(2019, 2026)}-{rng.randint(0, 999999):06d} invoiced"
        elif choice == 2:
            text = (
                f"release {rng.randint(0, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 400)} deployed"
            )
        elif choice == 3:
            version = f"{rng.randint(2, 3)}.{rng.randint(6, 13)}.{rng.randint(0, 20)}"
            text = f"python {version} build {rng.randint(20200101, 20261231)}.{rng.randint(1, 9)}"
        elif choice == 4:
            text = (
                f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T"
                f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}."
                f"{rng.randint(0, 999999):06d}Z request done"
            )
        elif choice == 5:
            text = f"ts={rng.randint(1_500_000_000_000, 1_800_000_000_000)} event=heartbeat"
        elif choice == 6:
            request = uuid.UUID(int=rng.getrandbits(128), version=4)
            text = f"request {request} completed in {rng.randint(1, 900)} ms"
        elif choice == 7:
            text = f"sha256={self.chars(HEX, 64)} verified"
        elif choice == 8:
            text = f"commit {self.chars(HEX, 40)} ({self.chars(HEX, 7)}) merged"
        elif choice == 9:
            text = f'etag W/"{self.chars(HEX, 32)}" cache hit'
        elif choice == 10:
            amount = f"{rng.randint(1, 9999)}.{rng.randint(0, 99):02d}"
            text = f"invoice INV{rng.randint(10**7, 10**8)} total {amount} EUR"
        else:
            clock = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
            text = (
                f"at {clock},{rng.randint(0, 999):03d} worker-{rng.randint(1, 64)} "
                f"pid={rng.randint(100, 99999)} port={rng.randint(1024, 65535)}"
            )
        return Sample("look_alike", text, ())


KINDS: dict[str, Callable[[Shapes], Sample]] = {
    "session": Shapes.session,
    "phone": Shapes.phone,
    "password": Shapes.password,
    "one_time_code": Shapes.one_time_code,
    "auth_header": Shapes.auth_header,
    "link_token": Shapes.link_token,
    "encoded_email": Shapes.encoded_email,
    "national_id": Shapes.national_id,
    "service_token": Shapes.service_token,
}


def samples(kind: str, count: int, seed: int, shapes: Shapes | None = None) -> list[Sample]:
    maker = shapes or Shapes(seed)
    make = Shapes.look_alike if kind == "look_alike" else KINDS[kind]
    return [make(maker) for _ in range(count)]


def caught(sample: Sample, masked: str) -> bool:
    """Whether masking removed every sensitive value of ``sample`` (no run of five or
    more of its characters survives where it stood)."""
    return all(value not in masked and not _survives(value, masked) for value in sample.values)


def _survives(value: str, masked: str) -> bool:
    # a masked value may keep a few characters (``***0143``); more than half is a leak
    keep = len(value) // 2 + 1
    return any(value[i : i + keep] in masked for i in range(0, len(value) - keep + 1))
