"""The checks of a policy's quotient-familial grids, each named by its path in the plain form.

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
    Finding,
    check_cantine_a_un_euro,
    check_grid,
)

__all__ = ["GridCheck", "check_grids"]


@attrs.frozen
class GridCheck:
    """What the checks found in one grid of a policy.

    Attributes:
        path: where the grid is in the policy's plain form (``tariffs.repas.versions[0].tariff``).
        findings: gaps and overlaps, prices that fall as the QF rises, prices above the cost of
            the meal, figures no source gives, then the « cantine à 1 € » conditions not met.
        cantine_a_un_euro: True when the grid meets every grid condition of the State's
            « cantine à 1 € » aid.
    """

    path: str
    findings: tuple[Finding, ...]
    cantine_a_un_euro: bool


def check_grids(
    policy: CommunePolicy, *, cost_per_meal: Money | None = None
) -> tuple[GridCheck, ...]:
    """Check every bracket grid of *policy*'s tariff versions, in the order the policy lists them.

    Args:
        policy: the policy.
        cost_per_meal: the cost of a meal, if known: no price may exceed it (Code de l'éducation,
            art. R531-53).
    """
    checks = []
    for schedule in policy.tariffs:
        versions = join(join("tariffs", schedule.service_code), "versions")
        for index, version in enumerate(schedule.versions):
            grid = version.tariff
            if not isinstance(grid, BracketGrid):
                continue
            aid = check_cantine_a_un_euro(grid)
            findings = (*check_grid(grid, cost_per_meal=cost_per_meal), *aid)
            path = join(index_path(versions, index), "tariff")
            checks.append(GridCheck(path, findings, cantine_a_un_euro=not aid))
    return tuple(checks)
