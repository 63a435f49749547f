"""Allow ``python -m privlint``."""

import sys

from privlint.cli import main

if __name__ == "__main__":
    sys.exit(main())
