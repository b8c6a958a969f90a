"""``python -m mediakit``: the same as the ``mediakit`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
