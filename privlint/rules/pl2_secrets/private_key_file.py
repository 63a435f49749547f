"""PL210: a private key file is tracked."""

from __future__ import annotations

from privlint.findings import Level
from privlint.rules.base import Invalid, Valid, register
from privlint.rules.pl2_secrets.common import SecretFileRule, fake

_PEM = (
    fake("-----BEGIN ", "RSA PRIVATE", " KEY-----\n")
    + "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi7rRTVHkH0aVbX\n"
    + fake("-----END ", "RSA PRIVATE", " KEY-----\n")
)
_OPENSSH = _PEM.replace("RSA", "OPENSSH")
_CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"


@register
class PrivateKeyFile(SecretFileRule):
    """A private key file is tracked (`id_rsa`, `*.pem`, `*.key`, `*.p12`, `*.pfx`).

    ## Why is this bad?
    A key file in a repository is a key given to everyone who can read it, for as
    long as the history exists. Generate a new key, revoke the old one, add the
    pattern to `.gitignore`, and mount keys at run time from a secret store.

    ## Example
        deploy/id_rsa       (tracked)
        certs/server.key    (tracked)

    ## Use instead
        .gitignore:  *.key  id_rsa  *.p12

    `id_rsa`, `id_dsa`, `id_ecdsa`, `id_ed25519` and `*.pem`, `*.key`, `*.ppk`,
    `*.der` are reported when they hold a private key (a certificate alone is
    fine); `*.p12` and `*.pfx` containers always.
    """

    CODE = "PL210"
    NAME = "private-key-file"
    LEVEL = Level.ERROR
    SECURITY_SEVERITY = 9.0
    CWE = (798, 321)

    VALID = [
        Valid(_CERT, filename="ca.pem"),
        Valid(_CERT, filename="server.crt"),
        Valid("ssh-ed25519 AAAAC3Nza user@host\n", filename="id_ed25519.pub"),
        Valid("ssh-rsa AAAAB3Nza user@host\n", filename="id_rsa.pub"),
        Valid("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n", filename="pub.pem"),
        Valid("license text\n", filename="license.key"),
        Valid("translation = hello\n", filename="messages.key"),
        Valid("", filename="empty.pem"),
        Valid("*.pem\n*.key\nid_rsa\n", filename=".gitignore"),
        Valid("key_path: certs/server.key\n", filename="tls.yaml"),
        Valid(_CERT, filename="chain.pem"),
        Valid("-----BEGIN CERTIFICATE REQUEST-----\n", filename="req.pem"),
        Valid("ssh-rsa AAAAB3Nza user@host\n", filename="authorized_keys"),
        Valid("Host *\n  IdentityFile ~/.ssh/id_rsa\n", filename="ssh_config"),
        Valid("-----BEGIN DH PARAMETERS-----\n", filename="dhparam.pem"),
    ]
    INVALID = [
        Invalid(
            _PEM,
            filename="server.pem",
            region=(1, 1, 1, 1),
            message="private key file server.pem is tracked: keep keys out of the repository",
        ),
        Invalid(_PEM, filename="id_rsa"),
        Invalid(_OPENSSH, filename="id_ed25519"),
        Invalid(_OPENSSH, filename=".ssh/id_ecdsa"),
        Invalid(_PEM, filename="certs/server.key"),
        Invalid(_PEM.replace("RSA ", ""), filename="tls.key"),
        Invalid(_PEM.replace("RSA", "EC"), filename="ec.pem"),
        Invalid(_CERT + _PEM, filename="bundle.pem"),
        Invalid("binary\0pkcs12", filename="client.p12"),
        Invalid("binary\0pkcs12", filename="client.pfx"),
        Invalid("PuTTY-User-Key-File-3: ssh-ed25519\n", filename="deploy.ppk"),
        Invalid(_PEM, filename="deploy/id_dsa"),
        Invalid(_PEM.replace("RSA", "ENCRYPTED"), filename="enc.key"),
        Invalid(_PEM, filename="KEY.PEM"),
        Invalid(_PEM, filename="tests/data/privatekey.pem"),
    ]
