"""privlint: a static privacy and compliance linter for Python, and its runtime shim."""

__version__ = "0.1.0"
