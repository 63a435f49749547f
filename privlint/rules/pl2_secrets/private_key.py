"""PL204: a private key inside a file."""

from __future__ import annotations

from privlint.findings import Level
from privlint.rules.base import Invalid, Valid, register
from privlint.rules.pl2_secrets.common import SecretFileRule, fake

_BODY = "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi7rRTVHkH0aVbX\n"


def _pem(kind: str = "RSA ") -> str:
    return (
        fake("-----BEGIN ", kind, "PRIVATE", " KEY-----\n")
        + _BODY
        + fake("-----END ", kind, "PRIVATE", " KEY-----\n")
    )


@register
class PrivateKeyInFile(SecretFileRule):
    """A private key is committed inside a file (config, source, notebook, ...).

    ## Why is this bad?
    A private key proves identity: whoever holds it can sign, decrypt, log in over
    SSH or impersonate a TLS server. Keys embedded in configuration or code are
    copied wherever the repository goes. Generate a new key pair, revoke the old
    one, and mount the key at run time from a secret store.

    ## Example
        # settings.yaml
        signing_key: |
          (a PEM block holding an RSA private key)

    ## Use instead
        signing_key_file: /run/secrets/signing.pem

    Found by detect-secrets' PrivateKeyDetector (PEM, OpenSSH, PGP, PuTTY headers).
    A file that is itself a key file (`id_rsa`, `*.pem`) is reported once, as PL210.
    """

    CODE = "PL204"
    NAME = "private-key-in-file"
    LEVEL = Level.ERROR
    SECURITY_SEVERITY = 9.0
    CWE = (798, 321)
    SECRET_TYPES = ("Private Key",)

    VALID = [
        Valid("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", filename="ca.crt"),
        Valid("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n", filename="pub.txt"),
        Valid("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFake user@host\n", filename="id.pub"),
        Valid("signing_key_file: /run/secrets/signing.pem\n", filename="settings.yaml"),
        Valid("PRIVATE_KEY_PATH=./keys/server.key\n", filename=".env.example"),
        Valid("Paste your private key here.\n", filename="README.md"),
        Valid('{"private_key_id": "abc123"}\n', filename="sa.json"),
        Valid("private_key: ${PRIVATE_KEY}\n", filename="k.yaml"),
        Valid("-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQIN\n", filename="key.asc"),
        Valid("-----BEGIN CERTIFICATE REQUEST-----\nMIIC\n", filename="req.csr"),
        Valid("# generate with: openssl genrsa -out key.pem 2048\n", filename="gen.sh"),
        Valid("key = load_pem_private_key(data, None)\n", filename="load.rb"),
        Valid("The header reads BEGIN RSA PRIVATE, then KEY.\n", filename="doc.txt"),
        Valid("private_key = vault.read('tls/key')\n", filename="tls.cfg"),
        Valid(fake('MARKER = "-----BEGIN RSA ', 'PRIVATE KEY-----"\n'), filename="rsa.py"),
        Valid(fake("# e.g. '-----BEGIN EC ", "PRIVATE KEY-----...'\n"), filename="mtls.py"),
        Valid(
            _pem().replace("-----\n", "-----  # pragma: allowlist secret\n", 1),
            filename="fixture.txt",
        ),
    ]
    INVALID = [
        Invalid(
            "signing_key: |\n  " + _pem().replace("\n", "\n  ", 1),
            filename="settings.yaml",
            region=(2, 3, 2, 34),
            message="a private key is committed in this file",
        ),
        Invalid(_pem(), filename="key.txt"),
        Invalid(_pem(""), filename="notes.md"),
        Invalid(_pem("EC "), filename="ec.cfg"),
        Invalid(_pem("DSA "), filename="dsa.ini"),
        Invalid(_pem("OPENSSH "), filename="deploy-key.txt"),
        Invalid(_pem("SSH2 ENCRYPTED "), filename="enc.txt"),
        Invalid('{"private_key": "' + _pem().replace("\n", "\\n") + '"}\n', filename="sa.json"),
        Invalid('TLS_KEY="' + _pem().replace("\n", "\\n") + '"\n', filename="prod.env"),
        Invalid("const key = `" + _pem() + "`;\n", filename="sign.js"),
        Invalid('String key = "' + _pem().replace("\n", "\\n") + '";\n', filename="Sign.java"),
        Invalid(
            "key: |\n  " + fake("-----BEGIN ", "PGP PRIVATE", " KEY BLOCK-----") + "\n  " + _BODY,
            filename="pgp.yaml",
        ),
        Invalid(
            fake("PuTTY-User-", "Key-File-2: ssh-rsa\nEncryption: none\n"), filename="putty.txt"
        ),
        Invalid("KEY = '''\n" + _pem() + "'''\n", filename="keys.py"),
        Invalid(_pem(), filename="tests/data/key.txt"),
    ]
