"""Files that only the project phase may need (no rule finds anything in them, but
their functions may log what they are given) are analysed only when a name the project
phase follows leads to them (engine.scan.settle_deferred): the findings are those of
analysing every file, cold and warm, in one process and in several."""

from __future__ import annotations

from pathlib import Path

import pytest

from privlint.api import check_paths, display_path
from privlint.engine.files import discover, is_python_file
from privlint.engine.runner import DEFERRED
from privlint.engine.scan import analyse_files, project_findings, project_roots_of
from privlint.findings import Finding
from privlint.policy.load import load_policy
from privlint.rules.base import all_rules
from tests.engine.test_project import MODULES

CORPUS_APP = Path(__file__).parents[1] / "fixtures" / "corpus_app"

UNNAMED = {
    # a helper no module imports: left unparsed
    "app/unused.py": (
        "import logging\n\n"
        "def note(msg, *args):\n    logging.getLogger(__name__).info(msg, *args)\n"
    ),
    # one only another helper imports: parsed once that one is
    "app/deep.py": ("import logging\n\ndef emit(value):\n    logging.warning('%s', value)\n"),
    "app/middle.py": "from app.deep import emit\n\ndef relay(value):\n    emit(value)\n",
    "app/api.py": ("from app.middle import relay\n\ndef handle(password):\n    relay(password)\n"),
}


def _write(root: Path, modules: dict[str, str]) -> Path:
    for name, text in modules.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _scan(root: Path, defer: bool, jobs: int = 1) -> tuple[list[Finding], list[str]]:
    policy = load_policy(search_from=root)
    discovery = discover([root], exclude=policy.exclude, cwd=root, include_other=True)
    items = [
        (str(path), display_path(path, root), is_python_file(path))
        for path in (*discovery.files, *discovery.other_files)
    ]
    rules = [rule for rule in all_rules() if rule.ENABLED_BY_DEFAULT]
    roots = project_roots_of(items, rules)
    findings, facts = analyse_files(items, policy, rules, roots, jobs=jobs, defer=defer)
    findings += project_findings(facts, items, policy, rules, roots)
    return sorted(findings), sorted(str(fact["path"]) for fact in facts)


def _key(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [(f.path, f.region, f.rule_id, f.message, f.level, f.fingerprint) for f in findings]


def test_only_the_files_other_files_name_are_analysed(tmp_path: Path) -> None:
    root = _write(tmp_path, {**MODULES, **UNNAMED})
    deferred, analysed = _scan(root, defer=True)
    every, all_facts = _scan(root, defer=False)
    assert _key(deferred) == _key(every)
    assert "app/unused.py" in all_facts and "app/unused.py" not in analysed
    for name in ("app/util/log.py", "app/deep.py", "app/middle.py"):
        assert name in analysed
    messages = [f.message for f in deferred if f.path == "app/api.py"]
    assert any("app.middle.relay" in message for message in messages)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_annotated_application_finds_alike(jobs: int) -> None:
    deferred, _ = _scan(CORPUS_APP, defer=True, jobs=jobs)
    every, _ = _scan(CORPUS_APP, defer=False, jobs=jobs)
    assert _key(deferred) == _key(every)


def test_a_deferred_file_with_a_syntax_error_is_reported(tmp_path: Path) -> None:
    root = _write(tmp_path, {"app/broken.py": "import logging\ndef f(x:\n    logging.info(x)\n"})
    deferred, _ = _scan(root, defer=True)
    every, _ = _scan(root, defer=False)
    assert _key(deferred) == _key(every)
    assert [f.rule_id for f in deferred] == ["PL000"]


def _checked(root: Path, cache_dir: Path) -> list[tuple[object, ...]]:
    result = check_paths(
        [root], load_policy(search_from=root), root=root, jobs=1, cache=True, cache_dir=cache_dir
    )
    return _key(sorted(result.result.findings))


def test_a_deferred_helper_named_later_is_analysed_with_the_cache_warm(tmp_path: Path) -> None:
    root = _write(tmp_path / "project", {**MODULES, **UNNAMED})
    cache_dir = tmp_path / "cache"
    first = _checked(root, cache_dir)
    assert _checked(root, cache_dir) == first  # warm, deferred files cached as such
    (root / "app/caller.py").write_text(
        "from app.unused import note\n\ndef go(password):\n    note('pw %s', password)\n"
    )
    warm = _checked(root, cache_dir)
    cold = _checked(root, tmp_path / "fresh")
    assert warm == cold
    assert any(path == "app/caller.py" for path, *_ in warm)


def test_a_deferred_outcome_says_so(tmp_path: Path) -> None:
    root = _write(tmp_path, UNNAMED)
    policy = load_policy(search_from=root)
    items = [(str(root / name), name, True) for name in sorted(UNNAMED)]
    rules = [rule for rule in all_rules() if rule.ENABLED_BY_DEFAULT]
    roots = project_roots_of(items, rules)
    _, facts = analyse_files(items, policy, rules, roots, jobs=1, defer=True)
    by_path = {fact["path"]: fact for fact in facts}
    assert "app/unused.py" not in by_path
    assert not any(fact.get(DEFERRED) for fact in facts)


RETURNS = {
    # a function of the project returns a credential (its summary says so)
    "app/__init__.py": "",
    "app/remote.py": ("import os\n\ndef fetch():\n    return os.environ['API_TOKEN']\n"),
    # a package that re-exports it, and no rule finds anything in by itself
    "app/pkg/__init__.py": "from app.remote import fetch\n",
    # modules whose text names nothing sensitive: only the project phase can say what
    # their functions log
    "app/show.py": (
        "import logging\nfrom app.remote import fetch\n\n"
        "def show():\n    value = fetch()\n    logging.info('%s', value)\n"
    ),
    "app/relay.py": (
        "import logging\nfrom app.pkg import fetch\n\n"
        "def relay():\n    logging.info('%s', fetch())\n"
    ),
    # one that imports from the project, but only a function no summary speaks of
    "app/quiet.py": (
        "import logging\nfrom app.remote import os\nfrom app.show import show\n\n"
        "def quiet(value):\n    logging.info('%s', value)\n    show()\n"
    ),
}


def test_a_file_that_logs_what_another_module_returns_is_analysed(tmp_path: Path) -> None:
    root = _write(tmp_path, RETURNS)
    deferred, analysed = _scan(root, defer=True)
    every, _ = _scan(root, defer=False)
    assert _key(deferred) == _key(every)
    # the calls through the package and directly are both reported, each in its file
    assert {f.path for f in deferred if f.rule_id == "PL101"} == {"app/show.py", "app/relay.py"}
    assert "app/quiet.py" not in analysed
    assert "app/pkg/__init__.py" in analysed  # the re-export the name leads through


def test_a_name_that_leads_to_a_function_without_a_summary_needs_nothing(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/util.py": "def double(value):\n    return value * 2\n",
            "app/show.py": (
                "import logging\nimport app.util\n\n"
                "def show(value):\n    logging.info('%s', app.util.double(value))\n"
            ),
        },
    )
    deferred, analysed = _scan(root, defer=True)
    every, _ = _scan(root, defer=False)
    assert _key(deferred) == _key(every)
    assert "app/show.py" not in analysed


def test_the_workers_analyse_the_deferred_files_the_project_needs(tmp_path: Path) -> None:
    # enough files for a process pool: the deferred ones that turn out to be needed
    # go to the same workers, round by round
    fillers = {
        f"app/filler{number}.py": (
            "import logging\nfrom app.remote import os\n\n"
            f"def note{number}(value):\n    logging.info('%s', value)\n"
        )
        for number in range(40)
    }
    root = _write(tmp_path, {**RETURNS, **fillers})
    deferred, analysed = _scan(root, defer=True, jobs=2)
    every, _ = _scan(root, defer=False, jobs=2)
    assert _key(deferred) == _key(every)
    assert {f.path for f in deferred if f.rule_id == "PL101"} == {"app/show.py", "app/relay.py"}
    assert "app/filler0.py" not in analysed and "app/pkg/__init__.py" in analysed


def test_a_module_imported_but_never_called_with_data_stays_unparsed(tmp_path: Path) -> None:
    modules = {
        **RETURNS,
        # logs what it is given, and the view imports it, but never hands it a value
        # of its own: nothing the project phase follows leads there
        "app/helpers.py": (
            "import logging\nfrom app.remote import os\n\n"
            "def note(value):\n    logging.info('%s', value)\n\nLIMIT = 3\n"
        ),
        "app/view.py": (
            "import logging\nfrom app.helpers import note, LIMIT\n\n"
            "def handle(password):\n    note(LIMIT)\n    note(len(password))\n"
        ),
    }
    root = _write(tmp_path, modules)
    deferred, analysed = _scan(root, defer=True)
    every, _ = _scan(root, defer=False)
    assert _key(deferred) == _key(every)
    assert "app/view.py" in analysed and "app/helpers.py" not in analysed
    # handing it the password itself makes the view's call a finding, and the module
    # is analysed for it
    (root / "app/view.py").write_text(
        "import logging\nfrom app.helpers import note\n\n"
        "def handle(password):\n    note(password)\n"
    )
    deferred, analysed = _scan(root, defer=True)
    every, _ = _scan(root, defer=False)
    assert _key(deferred) == _key(every)
    assert "app/helpers.py" in analysed
    assert [f.path for f in deferred if f.rule_id == "PL101"].count("app/view.py") == 1
