"""privlint: a static privacy and compliance linter for Python, and its runtime shim."""

__version__ = "0.1.0"

#: PLACEHOLDER: privlint has no public repository yet. Everything that points at the
#: repository is built from this one constant (SARIF ``informationUri`` and each rule's
#: ``helpUri``, the pre-commit snippet of ``privlint init``); set it to the real URL, a
#: GitHub-style ``https://host/owner/name``, when there is one. ``.invalid`` is a
#: reserved top-level domain (RFC 2606): the placeholder can never resolve to anyone's
#: site.
REPOSITORY_URL = "https://privlint.invalid/privlint/privlint"

#: The branch whose ``docs/rules/PLnnn.md`` pages rule links open.
DOCS_BRANCH = "main"


def rule_docs_url(code: str) -> str:
    """Where rule ``code``'s page (``docs/rules/PLnnn.md``) is read in the repository."""
    return f"{REPOSITORY_URL}/blob/{DOCS_BRANCH}/docs/rules/{code}.md"
