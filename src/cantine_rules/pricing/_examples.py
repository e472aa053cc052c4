"""Tariff examples seen in other communes: clearly labelled, the figures of no reference commune.

A taux d'effort of 0,36 % of the QF between 2,60 € and 4,50 €, a 3rd child at half price,
non-residents +20 %, a PAI meal at 1,75 €: rule shapes public règlements use, each with its source
marked as an example. The reference communes hold their own figures in their own modules under
[`cantine_rules.policies`][].

Examples:
    >>> from cantine_rules.pricing._tariffs import PricingContext
    >>> EXAMPLE_EFFORT_RATE.price(PricingContext("1000")).unit_price
    Money.euros('3.60')
"""

from __future__ import annotations

from typing import Final

from cantine_rules.money import Money
from cantine_rules.pricing._modifiers import (
    MedicalMealFlatPrice,
    NonResidentSupplement,
    SiblingReduction,
)
from cantine_rules.pricing._tariffs import EffortRate
from cantine_rules.sources import Source

__all__ = [
    "EXAMPLE_EFFORT_RATE",
    "EXAMPLE_MEDICAL_MEAL",
    "EXAMPLE_NON_RESIDENT",
    "EXAMPLE_SIBLING_REDUCTION",
]

EXAMPLE_EFFORT_RATE: Final = EffortRate.percent(
    "0.36",
    Money.euros("2.60"),
    Money.euros("4.50"),
    Source.example(
        "taux d'effort 0,36 % du QF CAF, minimum 2,60 €, maximum 4,50 € (seen in other "
        "communes, e.g. mairie-fayauxloges.fr)"
    ),
)
"""« taux d'effort 0,36 % of QF between 2,60 € and 4,50 € »: seen in other communes, an example."""

EXAMPLE_SIBLING_REDUCTION: Final = SiblingReduction(
    {3: "0.5"}, Source.example("3rd child half price (seen in other communes)")
)
"""« 3rd child half price »: an example."""

EXAMPLE_NON_RESIDENT: Final = NonResidentSupplement(
    "0.20", Source.example("non-residents +20 % (seen in other communes)")
)
"""« non-residents +20 % »: an example."""

EXAMPLE_MEDICAL_MEAL: Final = MedicalMealFlatPrice(
    Money.euros("1.75"),
    Source.example(
        "repas fourni par la famille dans le cadre d'un PAI : 1,75 € (seen in other communes, "
        "e.g. mairie-fayauxloges.fr)"
    ),
)
"""A PAI meal brought from home at 1,75 €: an example."""
