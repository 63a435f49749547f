"""PL001: a suppression comment names a code that is no privlint rule."""

from __future__ import annotations

from privlint.findings import Level
from privlint.rules.base import Invalid, Valid, register
from privlint.rules.pl0_engine.common import SuppressionRule


@register
class UnknownSuppression(SuppressionRule):
    """A suppression comment names a code that is not a privlint rule.

    ## Why is this bad?
    A mistyped code (`PL1O1`, `PL011`) or a code from another tool in
    `# privlint: ignore[...]` silences nothing, so the finding it was meant for is
    still reported, or a later one is silenced by accident when the code comes to
    exist. `# noqa:` codes of other linters (`E501`, `S105`, Ruff's `PLR0913`) are
    theirs and are not reported; `PLnnn` codes in a `noqa` are.

    ## Example
        log.info(password)  # privlint: ignore[PL1O1]

    ## Use instead
        log.info(password)  # privlint: ignore[PL101]
    """

    CODE = "PL001"
    NAME = "unknown-rule-in-suppression"
    LEVEL = Level.NOTE
    TAGS = ("correctness",)
    SECURITY_SEVERITY = 1.0

    VALID = [
        Valid("x = 1  # privlint: ignore[PL101]\n"),
        Valid("x = 1  # privlint: ignore\n"),
        Valid("x = 1  # privlint: ignore because it is a test\n"),
        Valid("x = 1  # noqa: E501\n"),
        Valid("x = 1  # noqa: E501, S105\n"),
        Valid("x = 1  # noqa\n"),
        Valid("x = 1  # privlint: ignore[PL101, PL102]\n"),
        Valid("x = 1  # noqa: PL301\n"),
        Valid("def f(a, b, c, d, e, f):  # noqa: PLR0913, PLW0603\n    pass\n"),
        Valid('x = "# privlint: ignore[PL999]"\n'),
        Valid("x = 1  # privlint: ignored[PL999]\n"),
        Valid("x = 1  # privlint: ignore[pl101]\n"),
        Valid("TOKEN = 1  # privlint: ignore[PL000]\n"),
    ]
    INVALID = [
        Invalid(
            "x = 1  # privlint: ignore[PL999]\n",
            region=(1, 8, 1, 33),
            message="suppression names PL999, which is not a privlint rule",
        ),
        Invalid("x = 1  # privlint: ignore[PL101, PL1O1]\n", region=(1, 8, 1, 40)),
        Invalid("x = 1  # noqa: E501, PL999\n", region=(1, 8, 1, 27)),
        Invalid("x = 1  # privlint: ignore[E501]\n"),
        Invalid("x = 1  # PRIVLINT: IGNORE[pl999]\n"),
        Invalid("def f():\n    return 1  # privlint: ignore[PL9999]\n", region=(2, 15, 2, 41)),
        Invalid("x = (\n    1  # privlint: ignore[PL011]\n)\n"),
        Invalid(
            "x = 1  # privlint: ignore[hunter2]\n",
            message="suppression names something that is not a privlint rule ID",
        ),
        Invalid(
            "x = 1  # privlint: ignore[Abcdefgh12345678]\n",
            message="suppression names something that is not a privlint rule ID",
        ),
        Invalid("    # privlint: ignore[PL100]\nx = 1\n", region=(1, 5, 1, 30)),
        Invalid(
            "x = 1  # privlint: ignore[PL998, PL101, PL999]\n",
            message="suppression names PL998, PL999, which are not privlint rules",
        ),
        Invalid(
            "x = 1  # privlint: ignore[PL1O1]\n",
            message="suppression names something that is not a privlint rule ID",
        ),
    ]
