"""Deprecated: this module is now [`cantine_rules.rules.booking`][]; the old path goes in 0.3."""

from cantine_rules._deprecation import MOVED_MODULES, warn_moved
from cantine_rules.rules.booking import *  # noqa: F403
from cantine_rules.rules.booking import __all__ as __all__

warn_moved(__name__, MOVED_MODULES[__name__])
