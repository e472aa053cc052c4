"""Deprecated: this module is now [`cantine_rules.rules.deadlines`][]; the old path goes in 0.3."""

from cantine_rules._deprecation import MOVED_MODULES, warn_moved
from cantine_rules.rules.deadlines import *  # noqa: F403
from cantine_rules.rules.deadlines import __all__ as __all__

warn_moved(__name__, MOVED_MODULES[__name__])
