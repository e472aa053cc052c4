"""``python -m cantine_rules``: the ``cantine-rules`` command."""

from __future__ import annotations

import sys

from cantine_rules.cli import main

if __name__ == "__main__":
    sys.exit(main())
