"""Recall and precision per rule family on a hand-annotated application (#16).

``tests/fixtures/corpus_app`` is a small multi-module service written for this test.
A line where a privacy reviewer expects a finding ends with ``# expect: PL101`` (several
IDs separated by spaces). The app is copied outside any test path (findings in test code
are notes) and checked through the public API. Per family (PL1..PL6):

- a true positive is an expectation matched by a finding of that rule at warning or
  error level, on the annotated line or elsewhere in the same statement (a call spread
  over several lines is reported on one of them);
- a false positive is a finding at warning or error level that matches no expectation;
- notes are ignored: they neither match nor count against precision.

The test fails when a family's recall is under 0.9 or its precision under 0.95.
``python -m tests.test_corpus`` prints the table and every miss and false positive.
"""

from __future__ import annotations

import ast
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from privlint.api import check_paths
from privlint.findings import Finding, Level
from privlint.policy.load import load_policy

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus_app"
FAMILIES = ("PL1", "PL2", "PL3", "PL4", "PL5", "PL6")
MIN_RECALL = 0.9
MIN_PRECISION = 0.95
EXPECT = re.compile(r"\s*#\s*expect:\s*((?:PL\d{3}\s*)+)$")
COUNTED = (Level.WARNING, Level.ERROR)


@dataclass(frozen=True)
class Expected:
    path: str
    line: int
    rule: str
    #: the lines of the statement the annotated line belongs to (its header, for a
    #: compound statement)
    span: tuple[int, int]
    text: str


@dataclass
class Score:
    expected: list[Expected] = field(default_factory=list)
    matched: set[Expected] = field(default_factory=set)
    true_findings: int = 0
    false_positives: list[Finding] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return len(self.matched) / len(self.expected) if self.expected else 1.0

    @property
    def precision(self) -> float:
        reported = self.true_findings + len(self.false_positives)
        return self.true_findings / reported if reported else 1.0

    @property
    def misses(self) -> list[Expected]:
        return [item for item in self.expected if item not in self.matched]


def _statement_spans(source: str) -> list[tuple[int, int]]:
    """(first, last) line of every statement; a compound statement's header only."""
    spans = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.stmt):
            continue
        end = node.end_lineno or node.lineno
        body = getattr(node, "body", None)
        if isinstance(body, list) and body:
            first = body[0]
            decorators = getattr(first, "decorator_list", [])
            start = min([first.lineno, *(d.lineno for d in decorators)])
            end = start - 1
        spans.append((node.lineno, max(end, node.lineno)))
    return spans


def _span_of(spans: list[tuple[int, int]], line: int) -> tuple[int, int]:
    around = [span for span in spans if span[0] <= line <= span[1]]
    return min(around, key=lambda span: span[1] - span[0], default=(line, line))


def expectations(root: Path) -> Iterator[Expected]:
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        spans = _statement_spans(source)
        for number, text in enumerate(source.splitlines(), start=1):
            found = EXPECT.search(text)
            if found is None:
                continue
            span = _span_of(spans, number)
            for rule in found.group(1).split():
                yield Expected(path.relative_to(root).as_posix(), number, rule, span, text.strip())


def copy_without_annotations(source: Path, target: Path) -> None:
    """Copy the app, dropping the ``# expect:`` comments (line numbers are kept): the
    measuring must not change what is measured (a trailing comment is read as prose by
    some detectors)."""
    shutil.copytree(source, target)
    for path in target.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [EXPECT.sub("", line.rstrip("\n")) + "\n" for line in lines]
        path.write_text("".join(kept), encoding="utf-8")


def run_privlint(root: Path) -> list[Finding]:
    check = check_paths([root], load_policy(search_from=root), root=root, jobs=1)
    return list(check.result.findings)


def score(expected: list[Expected], findings: list[Finding]) -> dict[str, Score]:
    table = {family: Score() for family in FAMILIES}
    for item in expected:
        table[item.rule[:3]].expected.append(item)
    for finding in findings:
        family = finding.rule_id[:3]
        if family not in table or finding.level not in COUNTED:
            continue
        line = finding.region.start_line
        hits = [
            item
            for item in table[family].expected
            if item.rule == finding.rule_id
            and item.path == finding.path
            and item.span[0] <= line <= item.span[1]
        ]
        if hits:
            table[family].matched.update(hits)
            table[family].true_findings += 1
        else:
            table[family].false_positives.append(finding)
    return table


def scan_corpus() -> dict[str, Score]:
    with tempfile.TemporaryDirectory(prefix="privlint-corpus-") as tmp:
        root = Path(tmp) / "app"
        copy_without_annotations(CORPUS, root)
        return score(list(expectations(CORPUS)), run_privlint(root))


def _finding_line(finding: Finding) -> str:
    where = f"{finding.path}:{finding.region.start_line}"
    return f"  FP   {where} {finding.rule_id} [{finding.level.name.lower()}] {finding.message}"


def report(table: dict[str, Score]) -> str:
    lines = [
        f"{'family':<7}{'expected':>9}{'found':>7}{'FP':>5}{'recall':>8}{'precision':>11}",
    ]
    for family, item in table.items():
        lines.append(
            f"{family + 'xx':<7}{len(item.expected):>9}{len(item.matched):>7}"
            f"{len(item.false_positives):>5}{item.recall:>8.2f}{item.precision:>11.2f}"
        )
    for item in table.values():
        for miss in item.misses:
            lines.append(f"  MISS {miss.path}:{miss.line} {miss.rule}  {miss.text}")
        lines.extend(_finding_line(finding) for finding in item.false_positives)
    return "\n".join(lines)


def below_bar(table: dict[str, Score]) -> list[str]:
    return [
        f"{family}: recall {item.recall:.2f}, precision {item.precision:.2f}"
        for family, item in table.items()
        if item.recall < MIN_RECALL or item.precision < MIN_PRECISION
    ]


@pytest.fixture(scope="module")
def table() -> dict[str, Score]:
    return scan_corpus()


def test_every_family_has_expectations() -> None:
    expected = list(expectations(CORPUS))
    assert {item.rule[:3] for item in expected} == set(FAMILIES)
    assert all(item.rule[:3] in FAMILIES for item in expected)


def test_the_span_of_a_call_over_several_lines_is_the_whole_statement() -> None:
    source = "def f(x):\n    g(\n        x,\n    )\n    return x\n"
    spans = _statement_spans(source)
    assert _span_of(spans, 3) == (2, 4)
    assert _span_of(spans, 1) == (1, 1)


# Passing since #16's second session (recall/precision per family): PL1 0.96/1.00,
# PL2 1.00/1.00, PL3 1.00/1.00, PL4 1.00/1.00, PL5 1.00/1.00, PL6 1.00/1.00 (at first
# PL1 0.65/0.90, PL2 0.80/1.00, PL3 0.58/0.92, PL4 0.82/1.00, PL6 0.93/0.87). The one
# miss, cli.py's print of a user's address, is a note by the policy for command-line
# programs' output (#15); the annotation stays what a reviewer expects.
def test_recall_and_precision_per_family(table: dict[str, Score]) -> None:
    print("\n" + report(table))
    failing = below_bar(table)
    assert not failing, "; ".join(failing) + "\n" + report(table)


if __name__ == "__main__":
    print(report(scan_corpus()))
