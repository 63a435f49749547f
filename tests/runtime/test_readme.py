"""The README's runtime examples run as doctests, so that they cannot drift from the
code: every ``>>>`` example in its "Runtime shim" section, with its output."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def _runtime_section() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"^## Runtime shim\n(.*?)^## ", text, re.S | re.M)
    assert found is not None, "README has no 'Runtime shim' section"
    return found.group(1)


def test_readme_runtime_examples_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", _runtime_section(), re.S)
    source = "\n".join(block for block in blocks if ">>>" in block)
    parser = doctest.DocTestParser()
    test = parser.get_doctest(source, {}, "README.md#runtime-shim", str(README), 0)
    assert len(test.examples) >= 10, "the README's runtime examples went missing"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} README example(s) failed (see output above)"
