"""JavaScript/TypeScript, Go and Java through semgrep, under the same policy and rule IDs.

The CST engine stays Python's. For the other languages privlint writes semgrep rules
from the rule pack and the project's policy (:mod:`privlint.polyglot.generate`), runs
semgrep once over the scan's files of those languages (:mod:`privlint.polyglot.run`)
and turns its results into ordinary findings: the same IDs, levels, suppressions,
fingerprints and reporters as the Python rules. semgrep is an optional extra
(``pip install privlint[polyglot]``); without it those files get the secrets rules only.
"""
