"""The hook of the package's ``hypothesis`` entry point: the library's strategies registered.

Hypothesis calls [`setup`][] while it is itself being imported, so that ``st.from_type(Money)``
works in a test that never imports `cantine_rules.testing` (``HYPOTHESIS_NO_PLUGINS=1`` turns
that off). The hook lives outside `cantine_rules.testing` because that package imports
hypothesis first: importing it is what can start hypothesis's own import.
"""

from __future__ import annotations

import sys

__all__ = ["setup"]


def setup() -> None:
    """Register the library's strategies: import `cantine_rules.testing`, which registers them.

    When `cantine_rules.testing` is the module importing hypothesis, it is half-built here and
    registers its strategies as soon as hypothesis is imported: there is nothing to do.

    Examples:
        >>> setup()
        >>> import sys
        >>> "cantine_rules.testing" in sys.modules
        True
    """
    if "cantine_rules.testing" in sys.modules:
        return
    import cantine_rules.testing  # noqa: F401 - importing it registers the strategies
