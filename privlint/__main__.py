"""Allow ``python -m privlint``."""

from privlint.cli import run

if __name__ == "__main__":
    run()
