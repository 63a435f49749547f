"""The judged real-world corpus (bench/realworld): every finding judged by hand stays
judged right. A finding judged false must not come back at warning or error; a finding
judged true must still be reported. Only the files that hold judgments are fetched and
scanned, so this takes seconds per application (after one download of its sdist)."""

from __future__ import annotations

import importlib.util
import sys
import urllib.error
from pathlib import Path
from types import ModuleType

import pytest

RUN = Path(__file__).resolve().parents[2] / "bench" / "realworld" / "run.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("realworld_run", RUN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


realworld = _load()
JUDGED = [app for app in realworld.load_apps() if realworld.judgments_of(app)]


def test_the_corpus_is_judged() -> None:
    apps = realworld.load_apps()
    corpus = [app for app in apps if app.role == "corpus"]
    assert len(corpus) >= 6
    assert all(app.role in ("corpus", "holdout") for app in apps)
    # Judgments only grow: at least the ones this file was written against. (Issue #15
    # asks for 300 judged corpus findings; the count is reported by `run.py report`.)
    judged = [app for app in corpus if len(realworld.judgments_of(app)) >= 50]
    assert len(judged) >= 3
    assert sum(len(realworld.judgments_of(app)) for app in corpus) >= 304
    for app in JUDGED:
        for item in realworld.judgments_of(app).values():
            assert item["reason"].strip(), (
                f"{app.name}: {item['path']}:{item['line']} has no reason"
            )


@pytest.mark.parametrize("app", JUDGED, ids=lambda app: app.name)
def test_judged_findings_stay_judged_right(app: object) -> None:
    try:
        problems = realworld.check([app], judged_files=True)
    except (urllib.error.URLError, TimeoutError) as exc:  # pragma: no cover - offline
        pytest.skip(f"cannot download the corpus from PyPI: {exc}")
    assert problems == [], "\n".join(problems)
