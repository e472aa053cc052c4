"""Public names imported from their private module the first time they are asked for.

A public module such as `cantine_rules.pricing.tariffs` re-exports the names of several private
modules. Building their classes is most of what importing the library costs a process, and a
process that decides one change needs few of them; so a public module may import some of its
private modules only when one of their names is first asked for, through its module-level
``__getattr__`` (PEP 562). Type checkers and the documentation read the same names from an
``if TYPE_CHECKING:`` import, which a test keeps in step with the table given here.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Mapping

__all__ = ["OnFirstUse"]


class OnFirstUse:
    """The names a public module imports on first use, each from its private module.

    Examples:
        >>> later = OnFirstUse(
        ...     "cantine_rules.pricing.tariffs", {"cantine_rules.pricing._checks": ("check_grid",)}
        ... )
        >>> "check_grid" in later, "Tariff" in later
        (True, False)
    """

    def __init__(self, module: str, sources: Mapping[str, Iterable[str]]) -> None:
        self.module = module
        self.sources: dict[str, str] = {
            name: source for source, names in sources.items() for name in names
        }

    def __contains__(self, name: object) -> bool:
        return name in self.sources

    def directory(self) -> list[str]:
        """The public module's names, those not imported yet included: its ``__dir__``."""
        return sorted(set(vars(sys.modules[self.module])) | set(self.sources))

    def attribute(self, name: str) -> object:
        """The public module's attribute *name*: what its ``__getattr__`` (PEP 562) answers.

        A name of the table is imported from its private module, then kept as an attribute of
        the public module, so that this runs once per name.

        Raises:
            AttributeError: the module has no such name.
        """
        source = self.sources.get(name)
        if source is None:
            raise AttributeError(f"module {self.module!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(source), name)
        setattr(sys.modules[self.module], name, value)
        return value
