"""A short run of the pass fuzzer (``fuzz_passes.py``): random texts of key names,
announcing words, separators and values, masked as every pass in full masks them."""

from __future__ import annotations

from tests.runtime.fuzz_passes import differing


def test_random_texts_are_masked_as_every_pass_in_full_masks_them() -> None:
    assert differing(seed=18, count=1500) == []
