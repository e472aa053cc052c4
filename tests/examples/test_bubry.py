"""Bubry, « Restauration scolaire – tarifs 2023 ».

https://www.bubry.fr/enfance-jeunesse/restauration-scolaire/?L=1
"""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import Money
from cantine_rules.testing import check_policy
from tests.examples._commune import amount, gap_paths, load, price

POLICY = load("bubry")
DAY = date(2023, 3, 2)  # « tarifs 2023 »
COLUMNS = "tariffs.repas.versions[0].tariff.tariff.columns"


# « Repas régulier | Tranche | Quotient familial | Tarif | 3ème enfant »
# « 1 | 0 | 599 | 1.00 € | 1.00 € », « 2 | 600 | 999 | 3.05 € | 1.53 € »,
# « 3 | 1000 | 1499 | 3.10 € | 1.55 € », « 4 | 1500 | et + | 3.15 € | 1.58 € »
@pytest.mark.parametrize(
    ("quotient", "tarif", "third"),
    [
        ("0", "1.00", "1.00"),
        ("599", "1.00", "1.00"),
        ("600", "3.05", "1.53"),
        ("999", "3.05", "1.53"),
        ("1000", "3.10", "1.55"),
        ("1499", "3.10", "1.55"),
        ("1500", "3.15", "1.58"),
        ("4000", "3.15", "1.58"),
    ],
)
def test_each_bracket_bound_in_each_column(quotient: str, tarif: str, third: str) -> None:
    assert amount(price(POLICY, DAY, quotient, sibling_rank=1)) == Money.euros(tarif)
    assert amount(price(POLICY, DAY, quotient, sibling_rank=2)) == Money.euros(tarif)
    assert amount(price(POLICY, DAY, quotient, sibling_rank=3)) == Money.euros(third)


@pytest.mark.parametrize("quotient", ["599.50", "999.01", "1499.99"])
def test_a_qf_with_cents_between_two_whole_euro_brackets_has_no_price(quotient: str) -> None:
    # « 0 | 599 », « 600 | 999 »: the page gives no price between 599 and 600.
    assert price(POLICY, DAY, quotient) is None
    assert price(POLICY, DAY, quotient, sibling_rank=3) is None


def test_the_third_child_column_names_the_column_and_the_bracket() -> None:
    # « 2 | 600 | 999 | 3.05 € | 1.53 € »
    found = price(POLICY, DAY, "600", sibling_rank=3)
    assert found is not None
    assert (found.columns, found.bracket) == (("3ème enfant",), "2")


def test_a_fourth_child_pays_the_third_childs_column() -> None:
    # The page names the « 3ème enfant » only; beyond the last column, the last applies.
    assert amount(price(POLICY, DAY, "1000", sibling_rank=4)) == Money.euros("1.55")


@pytest.mark.parametrize("rank", [1, 3])
def test_a_child_with_a_medical_protocol_pays_its_own_price(rank: int) -> None:
    # « Enfant avec protocole médical | 0.64 € »
    found = price(POLICY, DAY, "1500", sibling_rank=rank, medical_meal=True)
    assert found is not None
    assert found.unit_price == Money.euros("0.64")
    assert [applied.label for applied in found.modifiers] == ["medical meal (PAI) 0.64 EUR"]


def test_the_checks_report_the_gaps_of_both_columns() -> None:
    assert gap_paths(POLICY) == [
        f"{COLUMNS}[{column}].tariff.brackets[{bracket}].lower"
        for column in (0, 1)
        for bracket in (1, 2, 3)
    ]


def test_the_explanation_names_both_columns() -> None:
    (tariff,) = [rule.text for rule in POLICY.explain("en") if rule.topic == "tariff.repas"]
    assert "by the child's rank among its siblings" in tariff
    assert "« 3ème enfant » (from 3)" in tariff
    assert "2 QF from 600 to 999 included: €3.05" in tariff


def test_bubry_obeys_the_laws() -> None:
    check_policy(POLICY, max_examples=10)


def test_an_occasional_meal_has_its_own_price() -> None:
    # « Repas occasionnel | 3.70 € »: one price, whatever the QF or the rank; the page does not
    # say what makes a meal regular, so it offers no fixed-days regime.
    regimes = POLICY.regimes_of("repas")
    assert regimes is not None
    assert regimes.fixed_days is None
    assert regimes.occasional is not None
    assert regimes.occasional.unit_price == Money.euros("3.70")
    rules = {rule.topic: rule for rule in POLICY.explain("fr")}
    occasional = rules["regime.repas.occasional"]
    assert "3,70\xa0€" in occasional.text  # babel: a no-break space before the sign
    assert not occasional.is_default
