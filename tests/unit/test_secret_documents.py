"""The secret scan's documentation keys and record threshold are the pack's data."""

from __future__ import annotations

from privlint.engine.secrets import _document_patterns
from privlint.policy.model import DocumentSpec


def test_documentation_keys_come_from_the_spec() -> None:
    spec = DocumentSpec(example_keys=frozenset({"illustration"}), prose_keys=frozenset({"explain"}))
    example, prose = _document_patterns(spec)
    assert example.match('  "illustration": "s3cr3t-v4lue"')
    assert not example.match("  example: s3cr3t-v4lue")
    assert prose.match("  - explain: |-")
    assert prose.match("explain: >")
    assert not prose.match("details: |-")
    assert not prose.match("explain: plain text")


def test_no_documentation_keys_match_nothing() -> None:
    example, prose = _document_patterns(DocumentSpec())
    assert not example.match("example: x")
    assert not prose.match("details: |-")
