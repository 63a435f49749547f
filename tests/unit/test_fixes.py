"""Applying fixes: regions are 1-based with exclusive ends; overlapping edits wait."""

from __future__ import annotations

from pathlib import Path

from privlint.findings import Edit, Finding, Fix, Level, Region
from privlint.fixes import apply_fixes, apply_to_text


def test_single_line_edit_replaces_exactly_the_region() -> None:
    text = "get('http://api.io/x')\n"
    new, count = apply_to_text(text, [Edit(Region(1, 6, 1, 10), "https")])
    assert (new, count) == ("get('https://api.io/x')\n", 1)


def test_edits_on_several_lines_apply_from_the_end() -> None:
    text = "a = 1\nb = 2\nc = 3\n"
    edits = [Edit(Region(1, 5, 1, 6), "10"), Edit(Region(3, 5, 3, 6), "30")]
    assert apply_to_text(text, edits) == ("a = 10\nb = 2\nc = 30\n", 2)


def test_overlapping_edit_is_left_for_the_next_run() -> None:
    text = "abcdef\n"
    edits = [Edit(Region(1, 1, 1, 4), "X"), Edit(Region(1, 3, 1, 5), "Y")]
    assert apply_to_text(text, edits) == ("Xdef\n", 1)


def test_deleting_an_argument_across_lines() -> None:
    text = "f(a,\n  verify=False)\n"
    assert apply_to_text(text, [Edit(Region(1, 4, 2, 15), "")]) == ("f(a)\n", 1)


def test_apply_fixes_rewrites_files_relative_to_root(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("x = 'http://a.io'\n")
    fix = Fix("use https", (Edit(Region(1, 6, 1, 10), "https"),))
    finding = Finding("m.py", Region(1, 5, 1, 18), "PL301", "m", Level.WARNING, "f", (), fix)
    assert apply_fixes(tmp_path, [finding]) == {"m.py": 1}
    assert (tmp_path / "m.py").read_text() == "x = 'https://a.io'\n"


def test_a_fix_whose_text_holds_a_secret_is_withheld() -> None:
    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    from privlint.engine.context import NodeEdit, NodeFix
    from privlint.engine.runner import _fix
    from privlint.policy import load_policy

    module = cst.parse_module("x = 'http://h.io/'\n")
    node = module.body[0]
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    policy = load_policy(None)
    password = "".join(chr(ord("k") + i % 9) for i in range(10)) + "7Q"
    leaky = NodeFix("use https", (NodeEdit(node, f"x = 'https://u:{password}@h.io/'"),))
    clean = NodeFix("use https", (NodeEdit(node, "https", (5, 9)),))
    assert _fix(leaky, positions, policy) is None
    fixed = _fix(clean, positions, policy)
    assert fixed is not None
    assert fixed.edits == (Edit(Region(1, 6, 1, 10), "https"),)


def test_a_file_that_is_not_utf8_is_left_unfixed(tmp_path: Path) -> None:
    data = b"x = 'http://a.io'  # caf\xe9\n"
    (tmp_path / "m.py").write_bytes(data)
    fix = Fix("use https", (Edit(Region(1, 6, 1, 10), "https"),))
    finding = Finding("m.py", Region(1, 5, 1, 18), "PL301", "m", Level.WARNING, "f", (), fix)
    assert apply_fixes(tmp_path, [finding]) == {}
    assert (tmp_path / "m.py").read_bytes() == data
