"""PL604: an unsalted fast hash of personal data used as a pseudonym."""

from __future__ import annotations

import libcst as cst

from privlint.engine.context import CallSite
from privlint.findings import Level
from privlint.policy.words import identifier_words
from privlint.rules.base import Invalid, Rule, Valid, register

#: hashlib constructors that are fast, unkeyed digests
FAST_HASHES = frozenset(
    {
        "hashlib.md5",
        "hashlib.sha1",
        "hashlib.sha224",
        "hashlib.sha256",
        "hashlib.sha384",
        "hashlib.sha512",
        "hashlib.sha3_256",
        "hashlib.sha3_512",
        "hashlib.blake2b",
        "hashlib.blake2s",
    }
)
#: data categories a pseudonym stands in for (credentials belong to password hashing)
PERSONAL_PREFIXES = ("pii.", "identifier.")
#: words in a name concatenated into the hashed value that mean it is keyed or salted
SALT_WORDS = frozenset({"salt", "pepper", "key", "secret", "nonce"})


@register
class UnsaltedHashPseudonym(Rule):
    """Personal data hashed with a fast, unsalted hash to make a pseudonym.

    ## Why is this bad?
    A plain SHA-256 or MD5 of an e-mail address, phone number or user ID is not
    anonymous: anyone with a list of candidate values (a leaked address book, every
    phone number in a country) hashes them and matches. Regulators treat such hashes
    as personal data. Use a keyed hash whose key is kept apart from the data.

    ## Example
        pseudonym = hashlib.sha256(user.email.encode()).hexdigest()

    ## Use instead
        pseudonym = hmac.new(PSEUDONYM_KEY, user.email.encode(), "sha256").hexdigest()

    Reports `hashlib.md5`/`sha1`/`sha2`/`sha3`/`blake2` and `hashlib.new(name, ...)`
    whose data argument carries personal data (`pii.*`, `identifier.*`) and has no
    salt, pepper or key concatenated into it (`salt + email`, `f"{salt}{email}"`) and
    no `key=`/`salt=` argument. Note level: pseudonyms are often deliberate.
    """

    CODE = "PL604"
    NAME = "unsalted-hash-pseudonym"
    LEVEL = Level.NOTE
    TAGS = ("privacy", "security", "storage", "external/cwe/cwe-759")
    SECURITY_SEVERITY = 3.0
    CWE = (759, 328)
    TRIGGER = ("hashlib",)
    NEEDS_SENSITIVE_WORD = True

    VALID = [
        Valid("import hashlib\nhashlib.sha256(data).hexdigest()\n"),
        Valid("import hashlib\nhashlib.sha256(salt + email.encode()).hexdigest()\n"),
        Valid("import hashlib\nhashlib.sha256(f'{pepper}:{email}'.encode()).hexdigest()\n"),
        Valid("import hmac\nhmac.new(KEY, email.encode(), 'sha256').hexdigest()\n"),
        Valid("import hashlib\nhashlib.blake2b(email.encode(), key=SECRET).hexdigest()\n"),
        Valid("import hashlib\nhashlib.md5(file_contents).hexdigest()\n"),
        Valid("import hashlib\nhashlib.sha1(b'constant').hexdigest()\n"),
        Valid("import hashlib\nhashlib.sha256(password.encode()).hexdigest()\n"),
        Valid("import hashlib\nhashlib.new('sha256', chunk).hexdigest()\n"),
        Valid("import hashlib\nhashlib.sha256(settings.SECRET_KEY.encode() + email.encode())\n"),
        Valid("from mylib import sha256\nsha256(email.encode())\n"),
        Valid("import hashlib\nhashlib.sha256().hexdigest()\n"),
    ]
    INVALID = [
        Invalid(
            "import hashlib\nhashlib.sha256(email.encode()).hexdigest()\n",
            region=(2, 16, 2, 30),
            message="pii.email hashed with hashlib.sha256 without a key or salt: use hmac.new(key, value, 'sha256')",
        ),
        Invalid("import hashlib\nhashlib.md5(user.email.lower().encode()).hexdigest()\n"),
        Invalid("import hashlib\nhashlib.sha1(phone_number.encode()).hexdigest()\n"),
        Invalid("from hashlib import sha256\nsha256(str(user_id).encode()).hexdigest()\n"),
        Invalid("import hashlib as h\nh.sha512(ssn.encode()).hexdigest()\n"),
        Invalid("import hashlib\nhashlib.new('sha256', email.encode()).hexdigest()\n"),
        Invalid(
            "import hashlib\ndef f(user):\n    e = user.email\n    return hashlib.sha256(e.encode()).hexdigest()\n"
        ),
        Invalid("import hashlib\nhashlib.sha256(f'{first_name} {last_name}'.encode())\n"),
        Invalid("import hashlib\nhashlib.md5(data=user.phone.encode(), usedforsecurity=False)\n"),
        Invalid("import hashlib\nhashlib.sha256(request.user.username.encode()).digest()\n"),
        Invalid("import hashlib\nhashlib.blake2b(email.encode()).hexdigest()\n"),
    ]

    def on_call(self, site: CallSite) -> None:
        name = site.qualified
        args = [a for a in site.node.args if a.keyword is None]
        keywords = {a.keyword.value: a for a in site.node.args if a.keyword is not None}
        if name == "hashlib.new":
            args = args[1:]
        elif name not in FAST_HASHES:
            return
        if "key" in keywords or "salt" in keywords:
            return
        data = args[0] if args else keywords.get("data") or keywords.get("string")
        if data is None:
            return
        categories = [c for c in site.taint(data.value) if c.startswith(PERSONAL_PREFIXES)]
        if not categories or _salted(data.value):
            return
        ordered = site.ordered(categories)
        listed = ", ".join(ordered)
        algorithm = name if name != "hashlib.new" else "hashlib.new"
        site.report(
            type(self),
            data.value,
            f"{listed} hashed with {algorithm} without a key or salt: "
            "use hmac.new(key, value, 'sha256')",
            ordered,
            level=Level.NOTE,
        )


def _salted(node: cst.BaseExpression) -> bool:
    """Whether a name or attribute in the hashed expression names a salt or key."""
    found = False

    class Visitor(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            nonlocal found
            if SALT_WORDS & set(identifier_words(node.value)):
                found = True

    node.visit(Visitor())
    return found
