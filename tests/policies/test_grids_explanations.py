"""Grids written with their bounds, columns and the new modifiers, explained in both languages."""

from __future__ import annotations

import pytest

from cantine_rules import Money
from cantine_rules.policies.commune import describe_tariff
from cantine_rules.pricing.tariffs import (
    Bracket,
    BracketGrid,
    ByChildrenCount,
    ByResidence,
    BySiblingRank,
    CountColumn,
    ModifiedTariff,
    SiblingReduction,
    SiteSupplement,
    UnitPrice,
)
from cantine_rules.sources import Source

SRC = Source.example("explained")

GRID = BracketGrid(
    (
        Bracket("A", "0", Money.euros("1"), SRC, upper="1000"),  # « ≤ 1000 € »
        Bracket(
            "B",
            "1000",
            Money.euros("2"),
            SRC,
            lower_inclusive=False,
            upper="1500.5",
            upper_inclusive=False,
        ),  # « supérieur à 1000 et inférieur à 1500,5 »
        Bracket("C", "1500.5", Money.euros("3"), SRC, upper="2000"),  # « de 1500,5 à 2000 »
        Bracket("D", "2000", Money.euros("4"), SRC, lower_inclusive=False),  # « > 2000 »
    ),
    "D",
)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            "grille par quotient familial : A QF jusqu'à 1000 inclus : 1,00\xa0€ ; "
            "B QF supérieur à 1000 et inférieur à 1500,5 : 2,00\xa0€ ; "
            "C QF de 1500,5 à 2000 inclus : 3,00\xa0€ ; D QF supérieur à 2000 : 4,00\xa0€ ; "
            "sans QF valide : D",
        ),
        (
            "en",
            "grid by quotient familial: A QF up to 1000 included: €1.00; "
            "B QF above 1000 and below 1500.5: €2.00; C QF from 1500.5 to 2000 included: €3.00; "
            "D QF above 2000: €4.00; without a valid QF: D",
        ),
    ],
)
def test_brackets_are_described_by_their_bounds_as_written(lang: str, expected: str) -> None:
    assert describe_tariff(GRID, lang) == expected


def test_lower_thresholds_are_described_as_before() -> None:
    grid = BracketGrid(
        (Bracket("T1", "0", Money.euros("1"), SRC), Bracket("T2", "235", Money.euros("2"), SRC)),
        "T2",
    )
    assert describe_tariff(grid, "fr").startswith("grille par quotient familial : T1 dès QF 0")


def test_columns_and_modifiers_are_described_in_both_languages() -> None:
    meal = ByResidence(
        ModifiedTariff(
            BySiblingRank(
                (
                    CountColumn(1, "Tarif", UnitPrice(Money.euros("3.05"), SRC)),
                    CountColumn(3, "3ème enfant", UnitPrice(Money.euros("1.53"), SRC)),
                )
            ),
            (
                SiblingReduction({2: "0.5"}, SRC, floor=Money.euros("2")),
                SiteSupplement({"bourg": Money.euros("0.50")}, SRC),
            ),
        ),
        ByChildrenCount((CountColumn(1, "1 enfant", UnitPrice(Money.euros("5"), SRC)),)),
        "Extérieurs",
    )
    assert describe_tariff(meal, "fr") == (
        "résidents : selon le rang de l'enfant dans la fratrie : « Tarif » (dès 1) : "
        "3,05\xa0€ à l'unité | « 3ème enfant » (dès 3) : 1,53\xa0€ à l'unité "
        "(réduction fratrie : rang 2 et suivants × 0,5, sans descendre sous 2,00\xa0€, "
        "supplément par site : bourg + 0,50\xa0€) ; « Extérieurs » (hors commune) : selon le "
        "nombre d'enfants de la famille : « 1 enfant » (dès 1) : 5,00\xa0€ à l'unité"
    )
    assert describe_tariff(meal, "en") == (
        "residents: by the child's rank among its siblings: « Tarif » (from 1): €3.05 per unit"
        " | « 3ème enfant » (from 3): €1.53 per unit (sibling reduction rank 2+ × 0.5, never "
        "below €2.00, supplement by site: bourg + €0.50); « Extérieurs » (outside the "
        "commune): by the number of children in the family: « 1 enfant » (from 1): €5.00 per "
        "unit"
    )
