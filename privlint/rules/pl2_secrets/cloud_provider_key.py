"""PL202: a cloud provider's access key in a file."""

from __future__ import annotations

from privlint.findings import Level
from privlint.rules.base import Invalid, Valid, register
from privlint.rules.pl2_secrets.common import SecretFileRule, fake

_AKIA = fake("AK", "IA")
_ASIA = fake("AS", "IA")
_KEYS = [
    _AKIA + fake("Z7Q4M2N8", "P5R3T6W1"),
    _AKIA + fake("Q2W3E4R5", "T6Y7U8I9"),
    _ASIA + fake("M9N8B7V6", "C5X4Z3L2"),
    _AKIA + fake("J4K5L6H7", "G8F9D2S3"),
    _AKIA + fake("P0O9I8U7", "Y6T5R4E3"),
]
_AZURE = fake(
    "AccountKey",
    "=",
    "lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ==",
)


@register
class CloudProviderKey(SecretFileRule):
    """A cloud provider's access key is committed (AWS, Azure, IBM Cloud, ...).

    ## Why is this bad?
    A cloud access key opens the account it belongs to: data stores, compute that
    can be billed, and the other keys kept there. Keys pushed to a public repository
    are found by scanners within minutes; in a private one they reach every clone,
    CI log and backup. Revoke the key, then load it from the environment or a secret
    manager.

    ## Example
        # config.yaml
        aws_access_key_id: AKIA…

    ## Use instead
        aws_access_key_id: ${AWS_ACCESS_KEY_ID}

    Found by detect-secrets (AWSKeyDetector, AzureStorageKeyDetector, IBM Cloud IAM,
    IBM COS HMAC, SoftLayer and Cloudant detectors) in every tracked text file, and in
    Python source. AWS documentation keys (`…EXAMPLE`) and placeholders are not
    reported; in test code (`test-paths`) findings are notes.
    """

    CODE = "PL202"
    NAME = "cloud-provider-key"
    LEVEL = Level.ERROR
    SECURITY_SEVERITY = 9.0
    SECRET_TYPES = (
        "AWS Access Key",
        "Azure Storage Account access key",
        "IBM Cloud IAM Key",
        "IBM COS HMAC Credentials",
        "SoftLayer Credentials",
        "Cloudant Credentials",
    )

    VALID = [
        # a feature flag's name as long as an IBM Cloud key
        Valid(
            '{"flags": {"f1": {"key": "fflag-feat-dev-2887-comments-ui-editor-short"}}}\n',
            filename="feature_flags.json",
        ),
        Valid("aws_access_key_id: ${AWS_ACCESS_KEY_ID}\n", filename="config.yaml"),
        Valid("AWS_ACCESS_KEY_ID=\n", filename=".env"),
        Valid("AWS_ACCESS_KEY_ID=" + _AKIA + "XXXXXXXXXXXXXXXX\n", filename=".env.example"),
        Valid(
            "aws_access_key_id = " + _AKIA + fake("IOSFODNN7", "EXAMPLE") + "\n", filename="c.ini"
        ),
        Valid('{"accessKeyId": "<your-access-key-id>"}\n', filename="a.json"),
        Valid("key: " + _AKIA + "1234\n", filename="short.yaml"),
        Valid("region: eu-west-1\nbucket: my-bucket\n", filename="s3.yaml"),
        Valid("export AWS_ACCESS_KEY_ID=$(vault read -field=id aws/creds)\n", filename="run.sh"),
        Valid("ENV AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID}\n", filename="Dockerfile"),
        Valid('provider "aws" {\n  access_key = var.access_key\n}\n', filename="main.tf"),
        Valid("AccountKey=${AZURE_KEY}\n", filename="azure.cfg"),
        Valid("The key id starts with AKIA and has 20 characters.\n", filename="README.md"),
        # the shape of a key ID inside a longer run of base64 (a bundle's inlined font
        # or WebAssembly): a fragment of encoded data, not a twenty-character key
        Valid(
            'var w="QA7QIAnwIAAAAQAAAABADtAACfEAAAABI' + _KEYS[0] + 'AAAAAAAAA/////1";\n',
            filename="static/assets/edfdd8.chunk.js",
        ),
        Valid("data:font/woff2;base64,idIAAC0AAAABg0MAAAAK+" + _KEYS[1] + "\n", filename="a.css"),
        Valid("akia" + fake("z7q4m2n8", "p5r3t6w1") + "\n", filename="lower.txt"),
        Valid(
            "aws_access_key_id = " + _KEYS[0] + "  # pragma: allowlist secret\n",
            filename="allow.ini",
        ),
        Valid(
            "aws_access_key_id = " + _KEYS[1] + "  # privlint: ignore[PL202]\n", filename="s.ini"
        ),
    ]
    INVALID = [
        Invalid(
            "aws:\n  access_key_id: " + _KEYS[0] + "\n",
            filename="config.yaml",
            region=(2, 18, 2, 38),
            message="an AWS Access Key is committed in this file",
        ),
        Invalid("AWS_ACCESS_KEY_ID=" + _KEYS[1] + "\n", filename=".env", region=(1, 19, 1, 39)),
        Invalid('{"aws_access_key_id": "' + _KEYS[2] + '"}\n', filename="creds.json"),
        Invalid("[default]\naws_access_key_id = " + _KEYS[3] + "\n", filename="credentials"),
        Invalid("[aws]\nkey_id = '" + _KEYS[4] + "'\n", filename="settings.toml"),
        Invalid("export AWS_ACCESS_KEY_ID=" + _KEYS[0] + "\n", filename="deploy.sh"),
        Invalid("ENV AWS_ACCESS_KEY_ID=" + _KEYS[1] + "\n", filename="Dockerfile"),
        Invalid('const id = "' + _KEYS[2] + '";\n', filename="upload.js"),
        Invalid('provider "aws" {\n  access_key = "' + _KEYS[3] + '"\n}\n', filename="main.tf"),
        Invalid('{"cells": [{"source": ["key = \\"' + _KEYS[4] + '\\""]}]}\n', filename="nb.ipynb"),
        Invalid("aws.key=" + _KEYS[0] + "\n", filename="app.properties"),
        Invalid("s3://" + _KEYS[1] + ":pw@bucket/x?id=" + _KEYS[1] + "\n", filename="sync.txt"),
        Invalid("<key>" + _KEYS[1] + "</key>\n", filename="pom.xml"),
        Invalid("Use `" + _KEYS[2] + "` to log in.\n", filename="NOTES.md"),
        Invalid(
            "DefaultEndpointsProtocol=https;AccountName=acct;" + _AZURE + "\n", filename="azure.cfg"
        ),
        Invalid(
            "import boto3\nS3 = boto3.client('s3', aws_access_key_id='" + _KEYS[3] + "')\n",
            filename="upload.py",
        ),
        Invalid(
            "id = '" + _KEYS[4] + "'\n",
            filename="tests/data/keys.toml",
            message="an AWS Access Key is committed in this file",
        ),
    ]
