"""``python -m scaling``: the same command line as the ``scaling`` console script."""

import sys

from scaling.cli import main

if __name__ == "__main__":
    sys.exit(main())
