"""PL002: a suppression comment that silenced nothing (``--report-unused-ignores``)."""

from __future__ import annotations

from privlint.findings import Level
from privlint.rules.base import Invalid, Valid, register
from privlint.rules.pl0_engine.common import SuppressionRule


@register
class UnusedSuppression(SuppressionRule):
    """A suppression comment silenced no finding.

    ## Why is this bad?
    A suppression outlives the finding it was written for: once the code is fixed,
    the comment stays and silently hides the next leak on that line. Off by default;
    `privlint check --report-unused-ignores` (or `enable = ["PL002"]`) reports every
    `# privlint: ignore[...]` code, bare `# privlint: ignore` and `# noqa: PLnnn` that
    silenced nothing in the run. Codes of rules that are not enabled are not judged.

    ## Example
        log.info("started")  # privlint: ignore[PL101]

    ## Use instead
        log.info("started")
    """

    CODE = "PL002"
    NAME = "unused-suppression"
    LEVEL = Level.NOTE
    TAGS = ("correctness",)
    SECURITY_SEVERITY = 1.0
    ENABLED_BY_DEFAULT = False

    VALID = [
        Valid("import logging\ndef f(password):\n    logging.info(password)  # privlint: ignore\n"),
        Valid(
            "import logging\ndef f(password):\n"
            "    logging.info(password)  # privlint: ignore[PL101]\n"
        ),
        Valid("import logging\ndef f(password):\n    logging.info(password)  # noqa: PL101\n"),
        Valid(
            "import logging\ndef f(password):\n"
            "    logging.info(  # privlint: ignore[PL101]\n        password,\n    )\n"
        ),
        Valid(
            "import requests\nrequests.get('http://shop.acme.io/x')  # privlint: ignore[PL301]\n"
        ),
        Valid("x = 1  # noqa: E501\n"),
        Valid("x = 1  # noqa\n"),
        Valid("x = 1  # privlint: ignore[PL999]\n"),
        Valid("x = 1  # privlint: ignore[PL002]\n"),
        Valid(
            "import logging\ndef f(password):\n"
            "    logging.info(password)  # privlint: ignore[PL101]  # noqa: E501\n"
        ),
        Valid(
            "import requests\n"
            "requests.get('http://shop.acme.io/x', verify=False)  # privlint: ignore[PL301, PL302]\n"
        ),
    ]
    INVALID = [
        Invalid(
            "x = 1  # privlint: ignore[PL101]\n",
            region=(1, 8, 1, 33),
            message="unused suppression: nothing reported here for PL101",
        ),
        Invalid(
            "x = 1  # privlint: ignore\n",
            region=(1, 8, 1, 26),
            message="unused suppression: nothing reported here for every rule",
        ),
        Invalid("x = 1  # noqa: PL101\n", region=(1, 8, 1, 21)),
        Invalid("import logging\ndef f(password):\n    logging.info(password)  # noqa: PL102\n"),
        Invalid(
            "import logging\ndef f(password):\n"
            "    logging.info(len(password))  # privlint: ignore[PL101]\n"
        ),
        Invalid(
            "import requests\nrequests.get('https://shop.acme.io/x')  # privlint: ignore[PL301]\n"
        ),
        Invalid(
            "import requests\n"
            "requests.get('http://shop.acme.io/x')  # privlint: ignore[PL301, PL302]\n",
            message="unused suppression: nothing reported here for PL302",
        ),
        Invalid("def f():\n    pass  # privlint: ignore\n"),
        Invalid("x = 1\n# privlint: ignore[PL101]\ny = 2\n"),
        Invalid("s = 'not a secret'  # privlint: ignore[PL201]\n"),
    ]
