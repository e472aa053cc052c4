"""Collection settings for the doctests of ``src/``."""

from importlib.util import find_spec

from cantine_rules._deprecation import MOVED_MODULES

# The deprecated module paths warn when imported (and the test suite turns warnings into
# errors), so they are not collected for doctests; tests/test_layout.py checks that they warn.
collect_ignore = ["src/" + old.replace(".", "/") + ".py" for old in MOVED_MODULES]

# The direct-debit room needs the `sepa` extra (CI installs it); without it, its doctests are
# not collected rather than failing to import.
if any(find_spec(name) is None for name in ("schwifty", "sepaxml")):
    collect_ignore.append("src/cantine_rules/sepa")
