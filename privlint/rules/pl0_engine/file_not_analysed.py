"""PL000: a file privlint could not analyse."""

from __future__ import annotations

from privlint.findings import Level
from privlint.rules.base import Rule, register


@register
class FileNotAnalysed(Rule):
    """A file could not be analysed.

    ## Why is this bad?
    A file that cannot be read, is not valid UTF-8 (or its declared encoding), is too
    large, or does not parse is a file whose privacy problems nobody sees. privlint
    reports it once, with the reason and the position of a syntax error, and goes on
    with the other files.

    ## Example
        def broken(:
            pass

    ## Use instead
        def fixed():
            pass
    """

    CODE = "PL000"
    NAME = "file-not-analysed"
    LEVEL = Level.ERROR
    TAGS = ("correctness",)
    SECURITY_SEVERITY = 1.0
