"""Writing the tariffs with columns and brackets' bounds as written.

The writing side of :mod:`cantine_rules.plain._load_grids`, called by
:mod:`cantine_rules.plain._dump`, whose tariff writer is handed in for the tariff of each column.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from cantine_rules.plain._schema import TARIFF_TAGS
from cantine_rules.pricing.tariffs import (
    Bracket,
    ByChildrenCount,
    ByResidence,
    BySiblingRank,
)
from cantine_rules.sources import Source

__all__ = ["bounds_data", "columns_tariff_data"]

#: The policy writer's tariff writer: (tariff, path, inherited source) → its data.
TariffWriter = Callable[[object, str, Source], dict[str, Any]]


def bounds_data(bracket: Bracket, quotient: Callable[[Decimal], int | str]) -> dict[str, Any]:
    """A bracket's bounds beyond its lower threshold, as written; empty for a threshold only.

    *quotient* writes a QF as the policy writer writes the lower threshold.
    """
    data: dict[str, Any] = {}
    if not bracket.lower_inclusive:
        data["lower_inclusive"] = False
    if bracket.upper is not None:
        data["upper"] = quotient(bracket.upper)
        if not bracket.upper_inclusive:
            data["upper_inclusive"] = False
    return data


def columns_tariff_data(
    tariff: object, path: str, inherited: Source, write: TariffWriter
) -> dict[str, Any] | None:
    """The data of a tariff with columns, or None when *tariff* is not one."""
    if isinstance(tariff, ByChildrenCount | BySiblingRank):
        columns = [
            {
                "start": column.start,
                "label": column.label,
                "tariff": write(column.tariff, f"{path}.columns[{index}].tariff", inherited),
            }
            for index, column in enumerate(tariff.columns)
        ]
        return {"type": TARIFF_TAGS[type(tariff)], "columns": columns}
    if isinstance(tariff, ByResidence):
        return {
            "type": TARIFF_TAGS[ByResidence],
            "label": tariff.label,
            "resident": write(tariff.resident, f"{path}.resident", inherited),
            "non_resident": write(tariff.non_resident, f"{path}.non_resident", inherited),
        }
    return None
