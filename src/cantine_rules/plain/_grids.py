"""The checks of a policy's quotient-familial grids, each named by its path in the plain form.

Every grid is checked wherever it sits in a tariff: under modifiers (``….tariff.tariff``), in a
column of a tariff by number of children or sibling rank (``….tariff.columns[1].tariff``), or
in the residents' or non-residents' tariff (``….tariff.non_resident``).

Examples:
    >>> from cantine_rules import policies
    >>> for check in check_grids(policies.get("paris")):
    ...     print(check.path, check.cantine_a_un_euro)
    tariffs.repas.versions[0].tariff True
    tariffs.repas.versions[1].tariff True
"""

from __future__ import annotations

import attrs

from cantine_rules.money import Money
from cantine_rules.plain._read import index_path, join
from cantine_rules.policies.commune import CommunePolicy
from cantine_rules.pricing.tariffs import (
    BracketGrid,
    ByChildrenCount,
    ByResidence,
    BySiblingRank,
    Finding,
    ModifiedTariff,
    Tariff,
    check_cantine_a_un_euro,
    check_grid,
)

__all__ = ["GridCheck", "check_grids", "grids_in"]


@attrs.frozen
class GridCheck:
    """What the checks found in one grid of a policy.

    Attributes:
        path: where the grid is in the policy's plain form (``tariffs.repas.versions[0].tariff``).
        findings: gaps, prices that fall as the QF rises, prices above the cost of the meal,
            figures no source gives, then the « cantine à 1 € » conditions not met; each
            finding's ``where`` is relative to *path* (see [`finding_path`][]).
        cantine_a_un_euro: True when the grid meets every grid condition of the State's
            « cantine à 1 € » aid.
    """

    path: str
    findings: tuple[Finding, ...]
    cantine_a_un_euro: bool

    def finding_path(self, finding: Finding) -> str:
        """The path of *finding* in the policy's plain form (``….tariff.brackets[2].lower``)."""
        if finding.where is None:
            return self.path
        return f"{self.path}.{finding.where}"


def grids_in(tariff: Tariff, path: str) -> list[tuple[str, BracketGrid]]:
    """Every bracket grid inside *tariff*, with its path."""
    if isinstance(tariff, BracketGrid):
        return [(path, tariff)]
    if isinstance(tariff, ModifiedTariff):
        return grids_in(tariff.tariff, join(path, "tariff"))
    if isinstance(tariff, ByChildrenCount | BySiblingRank):
        found: list[tuple[str, BracketGrid]] = []
        for index, column in enumerate(tariff.columns):
            found += grids_in(
                column.tariff, join(index_path(join(path, "columns"), index), "tariff")
            )
        return found
    if isinstance(tariff, ByResidence):
        return grids_in(tariff.resident, join(path, "resident")) + grids_in(
            tariff.non_resident, join(path, "non_resident")
        )
    return []


def check_grids(
    policy: CommunePolicy, *, cost_per_meal: Money | None = None
) -> tuple[GridCheck, ...]:
    """Check every bracket grid of *policy*'s tariff versions, in the order the policy lists them.

    A grid inside another tariff (under modifiers, in a column) is checked too, at its path.

    Args:
        policy: the policy.
        cost_per_meal: the cost of a meal, if known: no price may exceed it (Code de l'éducation,
            art. R531-53).
    """
    checks = []
    for schedule in policy.tariffs:
        versions = join(join("tariffs", schedule.service_code), "versions")
        for index, version in enumerate(schedule.versions):
            where = join(index_path(versions, index), "tariff")
            for path, grid in grids_in(version.tariff, where):
                aid = check_cantine_a_un_euro(grid)
                findings = (*check_grid(grid, cost_per_meal=cost_per_meal), *aid)
                checks.append(GridCheck(path, findings, cantine_a_un_euro=not aid))
    return tuple(checks)
