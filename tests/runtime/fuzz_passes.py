"""A longer search than the property tests for texts that ``mask()`` masks otherwise
than every pass in full does (see ``test_passes.py``): random concatenations of key
names, announcing words, separators and values, many more than a test run can afford.
Each text it finds belongs in ``test_keys_found_only_after_a_pass`` once mended.

Run from the repository root (two minutes for 100,000 texts)::

    .venv/bin/python -m tests.runtime.fuzz_passes [seed] [count]
"""

from __future__ import annotations

import random
import sys

from tests.runtime.conftest import MASKER
from tests.runtime.test_passes import SLOW, every_pass_in_full

PIECES = (
    # keys, announcing words and query keys
    "password=",
    "password is ",
    "temporary password is ",
    "with password ",
    "pass=",
    "?pass=",
    "&",
    "otp ",
    "OTP: ",
    "code ",
    "verification code ",
    "ssn ",
    "SSN: ",
    "passport ",
    "tax id ",
    "bearer ",
    "Bearer ",
    "bearer token ",
    "Basic ",
    "sess=",
    "session ",
    "sessionid=",
    "sid=",
    "connect.sid=",
    "user=",
    "token=",
    "api_key=",
    "Authorization: Bearer ",
    "%40",
    "%2B",
    "/reset/",
    "/login/",
    # separators and what a pass leaves
    "***",
    "None",
    " ",
    " ",
    " ",
    "=",
    ":",
    '"',
    "'",
    "(",
    ")",
    "-",
    ".",
    "/",
    # values
    "4111 1111 1111 1111",
    "4111111111111111",
    "123-45-6789",
    "123456789",
    "(555) 123-4567",
    "+1 555.123.4567",
    "12 345 678",
    "(12) 345-678",
    "12.345.678",
    "j.doe@example.com",
    "joe%40example.com",
    "https://bob:hunter2@db.example.com/x",
    "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    "sk-abcdefghijklmnopqrstuvwx",
    "eyJabcdef.ghijklmn.opqrstuv",
    "AB123456",
    "abcdefghijklmnopqrstuvwxyz",
    "ABCDEF123456",
    "12345678",
    "hunter2",
    "x",
    "DE89370400440532013000",
)


def differing(seed: int, count: int, limit: int = 5) -> list[str]:
    """Up to ``limit`` texts among ``count`` random ones that ``mask()`` masks otherwise
    than every pass in full."""
    rng = random.Random(seed)
    found: list[str] = []
    for _ in range(count):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(2, 8)))
        if MASKER.mask(text) != every_pass_in_full(SLOW, text):
            found.append(text)
            if len(found) >= limit:
                break
    return found


def main(argv: list[str]) -> int:
    seed = int(argv[0]) if argv else 0
    count = int(argv[1]) if len(argv) > 1 else 100_000
    found = differing(seed, count)
    for text in found:
        print(repr(text))
    print(f"{len(found)} of {count} texts masked otherwise than every pass in full")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
