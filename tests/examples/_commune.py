"""Helpers for the example communes' tests: load a file, price a QF, run the command's check."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from cantine_rules import Money
from cantine_rules.plain import GridCheck, check_grids, load_toml
from cantine_rules.policies import CommunePolicy
from cantine_rules.pricing.tariffs import MissingFigureError, Price, PricingContext

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "communes"


def load(slug: str) -> CommunePolicy:
    """The example commune *slug*, read from its TOML file."""
    return load_toml(EXAMPLES / f"{slug}.toml")


def price(
    policy: CommunePolicy, day: date, quotient: str | None = None, **context: object
) -> Price | None:
    """The meal's price for a QF and a context, or None where the grid gives no price."""
    pricing = PricingContext(None if quotient is None else Decimal(quotient), **context)  # type: ignore[arg-type]
    try:
        return policy.price("repas", day, context=pricing)
    except MissingFigureError:
        return None


def amount(found: Price | None) -> Money | None:
    """The unit price of *found*, if any."""
    return None if found is None else found.unit_price


def gap_paths(policy: CommunePolicy) -> list[str]:
    """The paths of the gaps the checks report, as `cantine-rules check` prints them."""
    checks: tuple[GridCheck, ...] = check_grids(policy)
    return [
        check.finding_path(finding)
        for check in checks
        for finding in check.findings
        if finding.code.value == "gap"
    ]
