"""Word lists (dictionaries, spelling and name lists) are recognised from a sample of
their lines and scanned for token-shaped secrets only, with a note: a token in one is
still found; a high-entropy word is not reported as it would be in a config file."""

from __future__ import annotations

import random
import string
from pathlib import Path

from privlint.engine.secrets import SECRET_RULES, is_word_list, scan_other_file
from privlint.policy.load import load_policy

POLICY = load_policy(search_from=Path("/"))
TOKEN = "ghp_" + "Zb3kQ9vX1mR7tY2uW8pL4sN6cJ0hF5dG3aE1"  # split: the repository's own scan
RANDOM_WORD = "Xq7Lm2Rt9Vb4Nc8Kd1Pz6Hs3Jw5Fy0Ga"  # high entropy, not a token shape


def _words(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 12)))
        + rng.choice(["", "", "/S", "/MS"])
        for _ in range(count)
    ]


def _scan(tmp_path: Path, name: str, lines: list[str]) -> list[tuple[str, str]]:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    found = scan_other_file(path, name, POLICY, sorted(SECRET_RULES))
    return [(finding.rule_id, finding.message) for finding in found]


def test_a_word_list_is_scanned_for_tokens_only_with_a_note(tmp_path: Path) -> None:
    lines = _words(6_000)
    lines[2_500] = TOKEN
    lines[4_000] = RANDOM_WORD
    found = _scan(tmp_path, "names.dic", lines)
    notes = [message for rule, message in found if "word list" in message]
    assert notes == [
        "scanned for token-shaped secrets only: a word list (6001 lines of single words)"
    ]
    assert any(rule != "PL000" for rule, _ in found)  # the token
    assert not any("entropy" in message.lower() for _, message in found)
    assert all(TOKEN not in message for _, message in found)


def test_the_same_random_word_in_a_config_file_is_reported(tmp_path: Path) -> None:
    found = _scan(tmp_path, "settings.cfg", ["[auth]", f"api_key = {RANDOM_WORD}"])
    assert found and not any("word list" in message for _, message in found)


def test_what_is_not_a_word_list() -> None:
    assert is_word_list("\n".join(_words(3_000)))
    assert not is_word_list("\n".join(_words(500)))  # too short to matter
    assert not is_word_list("\n".join(f"key{i} = value{i}" for i in range(5_000)))
    assert not is_word_list("\n".join(f'  "w{i}": {i},' for i in range(5_000)))
    assert not is_word_list("\n".join(f"some prose line number {i}" for i in range(5_000)))
    mixed = _words(5_000)
    mixed[::10] = [f"key{i} = value" for i in range(500)]  # one line in ten is not a word
    assert not is_word_list("\n".join(mixed))
