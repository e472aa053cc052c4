"""Groix, « Cantine municipale 2021/2022 ».

http://groix.fr/?mode=cantine-scolaire
"""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import Money
from cantine_rules.pricing.tariffs import NoTariffInForceError, PricingContext
from cantine_rules.testing import check_policy
from tests.examples._commune import amount, gap_paths, load, price

POLICY = load("groix")
DAY = date(2021, 11, 8)  # « A compter du 08/11/21 »
GRID = "tariffs.repas.versions[0].tariff"


# « De 0 à 440€ | 1,10€ », « De 441 à 526€ | 2,40€ », « De 527 à 557€ | 2,60€ »,
# « De 558 à 675€ | 2,80€ », « De 676 à 1045€ | 3,20€ », « De 1046 à 2000€ | 3,50€ »,
# « Supérieur à 2000€ | 3,60€ »
@pytest.mark.parametrize(
    ("quotient", "expected"),
    [
        ("0", "1.10"),
        ("440", "1.10"),
        ("441", "2.40"),
        ("526", "2.40"),
        ("527", "2.60"),
        ("557", "2.60"),
        ("558", "2.80"),
        ("675", "2.80"),
        ("676", "3.20"),
        ("1045", "3.20"),
        ("1046", "3.50"),
        ("2000", "3.50"),
        ("2000.01", "3.60"),
        ("2001", "3.60"),
    ],
)
def test_each_range_bound_as_written(quotient: str, expected: str) -> None:
    assert amount(price(POLICY, DAY, quotient)) == Money.euros(expected)


@pytest.mark.parametrize("quotient", ["440.01", "440.50", "1045.99"])
def test_a_qf_with_cents_between_two_ranges_has_no_price(quotient: str) -> None:
    assert price(POLICY, DAY, quotient) is None


def test_the_checks_report_each_gap_between_whole_euro_ranges() -> None:
    # « De 1046 à 2000€ » and « Supérieur à 2000€ » touch: no gap there.
    assert gap_paths(POLICY) == [f"{GRID}.brackets[{index}].lower" for index in range(1, 6)]


def test_the_grid_holds_for_the_school_year_2021_2022_only() -> None:
    # « Sur l'année scolaire 2021--2022 le prix d'un repas varie … »
    assert amount(price(POLICY, date(2022, 8, 31), "500")) == Money.euros("2.40")
    with pytest.raises(NoTariffInForceError):
        POLICY.price("repas", date(2022, 9, 1), context=PricingContext("500"))


def test_groix_obeys_the_laws() -> None:
    check_policy(POLICY, max_examples=10)
