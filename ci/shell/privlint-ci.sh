#!/bin/sh
# privlint in any CI: a readable log, a SARIF report to keep, and privlint's exit status
# (0 clean, 1 findings at or above fail-on, 2 usage error, 3 internal error).
#
#   sh ci/shell/privlint-ci.sh [PATHS...]      environment: PRIVLINT_SARIF (privlint.sarif),
#                                              PRIVLINT_ARGS (more check arguments)
#
# Install privlint first (pip install privlint, or from the repository at a tag).
# tests/integration/test_ci_recipes.py runs this script.
set -u
sarif="${PRIVLINT_SARIF:-privlint.sarif}"
[ "$#" -gt 0 ] || set -- .
# shellcheck disable=SC2086 # PRIVLINT_ARGS holds several arguments
privlint check "$@" ${PRIVLINT_ARGS:-} --format sarif --output "$sarif"
status=$?
# the log: the findings as text, read from the cache the first run wrote
# shellcheck disable=SC2086
privlint check "$@" ${PRIVLINT_ARGS:-} --quiet >&2 || true
exit "$status"
