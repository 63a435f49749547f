"""``python -m privlint``, and the ``privlint`` command (:func:`privlint.cli.run`)."""

import gc

# Off before the imports, on again for anything but a check of a few files (see run).
gc.disable()

from privlint.cli import run  # noqa: E402

if __name__ == "__main__":
    run()
