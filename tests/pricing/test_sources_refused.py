"""Every pricing value that cites a source refuses anything else with the library's own error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from cantine_rules import Money
from cantine_rules.pricing.accounts import DirectDebitTerms
from cantine_rules.pricing.tariffs import (
    AppliedModifier,
    Bracket,
    DocumentKind,
    DocumentRequirement,
    EffortRate,
    MedicalMealFlatPrice,
    MonthlyFlatFee,
    NonResidentSupplement,
    Price,
    QuotientPolicy,
    QuotientRange,
    SiblingReduction,
    SiteSupplement,
    Source,
    TariffVersion,
    UnitPrice,
)
from tests._helpers import refusal

EUR = Money.euros
NOT_A_SOURCE = "règlement 2024"

BUILDS: list[Callable[[Any], object]] = [
    lambda source: AppliedModifier("supplement", source),
    lambda source: Price(EUR("1"), None, source),
    lambda source: UnitPrice(EUR("1"), source),
    lambda source: Bracket("T1", "0", EUR("1"), source),
    lambda source: EffortRate("0.01", EUR("1"), EUR("2"), source),
    lambda source: QuotientRange("T1", "0", None, EUR("1"), source),
    lambda source: DocumentRequirement(
        "form", "Bulletin", frozenset({DocumentKind.REGISTRATION_FORM}), source=source
    ),
    lambda source: QuotientPolicy(3, None, source),
    lambda source: MonthlyFlatFee("carte", "Carte", EUR("59"), source),
    lambda source: TariffVersion(
        date(2024, 9, 1), UnitPrice(EUR("1"), Source.example("x")), source
    ),
    lambda source: SiblingReduction({3: Decimal("0.5")}, source),
    lambda source: NonResidentSupplement("0.2", source),
    lambda source: SiteSupplement({"bourg": EUR("1")}, source),
    lambda source: MedicalMealFlatPrice(EUR("1.75"), source),
    lambda source: DirectDebitTerms(14, source),
]


@pytest.mark.parametrize("build", BUILDS)
def test_a_source_that_is_not_a_source_is_refused_naming_the_field(
    build: Callable[[object], object],
) -> None:
    assert refusal(lambda: build(NOT_A_SOURCE)) == (
        "InvalidTypeError",
        "source",
        NOT_A_SOURCE,
        "source: must be a Source (got 'règlement 2024' of type str)",
    )
