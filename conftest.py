"""Collection settings for the doctests of ``src/``."""

from cantine_rules._deprecation import MOVED_MODULES

# The deprecated module paths warn when imported (and the test suite turns warnings into
# errors), so they are not collected for doctests; tests/test_layout.py checks that they warn.
collect_ignore = ["src/" + old.replace(".", "/") + ".py" for old in MOVED_MODULES]
