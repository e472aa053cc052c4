"""Roncq, « Tarifs des prestations », tarifs applicables au 1er septembre 2025.

https://www.roncq.fr/espace-jeunesse/activites-periscolaires/tarifs-des-prestations
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from cantine_rules import Money
from cantine_rules.testing import check_policy
from tests.examples._commune import EXAMPLES, amount, gap_paths, load, price

POLICY = load("roncq")
DAY = date(2025, 9, 4)  # « Tarifs applicables au 1er septembre 2025 »
GRID = "tariffs.repas.versions[0].tariff"


# « RONCQUOIS | 1 | < 400€ | 0,50 € | 2 | de 400€ à < 640€ | 1,75 € | … | 7 | de 1 700€ à
# < 1 900€ | 4,60 € | 8 | > 1 900€ | 4,90 € »: each bound, a cent below and at it.
@pytest.mark.parametrize(
    ("quotient", "expected"),
    [
        ("0", "0.50"),
        ("399.99", "0.50"),
        ("400", "1.75"),
        ("639.99", "1.75"),
        ("640", "2.35"),
        ("859.99", "2.35"),
        ("860", "3.05"),
        ("1149.99", "3.05"),
        ("1150", "3.55"),
        ("1499.99", "3.55"),
        ("1500", "4.05"),
        ("1699.99", "4.05"),
        ("1700", "4.60"),
        ("1899.99", "4.60"),
        ("1900.01", "4.90"),
    ],
)
def test_roncquois_each_bracket_bound_on_both_sides(quotient: str, expected: str) -> None:
    assert amount(price(POLICY, DAY, quotient)) == Money.euros(expected)


def test_roncquois_qf_1900_is_in_no_bracket_as_written() -> None:
    # « de 1 700€ à < 1 900€ », then « > 1 900€ »: neither holds 1 900 €.
    assert price(POLICY, DAY, "1900") is None


# « NON RONCQUOIS | 1 | < 800€ | 6,50 € | 2 | de 860€ à <1 500€ | 6,50 € | 3 | > 1 500€ | 6,50 € »
@pytest.mark.parametrize(
    ("quotient", "bracket"),
    [
        ("0", "1"),
        ("799.99", "1"),
        ("800", None),
        ("859.99", None),
        ("860", "2"),
        ("1499.99", "2"),
        ("1500", None),
        ("1500.01", "3"),
    ],
)
def test_non_roncquois_bounds_and_gaps_as_written(quotient: str, bracket: str | None) -> None:
    found = price(POLICY, DAY, quotient, resident=False)
    if bracket is None:
        assert found is None
        return
    assert found is not None
    assert (found.unit_price, found.bracket, found.columns) == (
        Money.euros("6.50"),
        bracket,
        ("Non Roncquois",),
    )


def test_resident_and_non_resident_at_the_same_qf() -> None:
    # « de 860€ à < 1 150€ | 3,05 € » for a Roncquois, « de 860€ à <1 500€ | 6,50 € » otherwise.
    resident = price(POLICY, DAY, "860")
    outside = price(POLICY, DAY, "860", resident=False)
    assert resident is not None
    assert outside is not None
    assert (resident.unit_price, resident.columns) == (Money.euros("3.05"), ())
    assert (outside.unit_price, outside.columns) == (Money.euros("6.50"), ("Non Roncquois",))


def test_the_checks_report_each_gap_of_the_published_grids_with_its_path() -> None:
    assert gap_paths(POLICY) == [
        f"{GRID}.resident.brackets[7].lower",
        f"{GRID}.non_resident.brackets[1].lower",
        f"{GRID}.non_resident.brackets[2].lower",
    ]


def test_the_command_checks_the_file() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cantine_rules", "check", str(EXAMPLES / "roncq.toml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"{GRID}.resident.brackets[7].lower: [gap] no bracket holds QF 1900" in result.stdout


def test_the_explanation_writes_the_bounds_as_the_page_does() -> None:
    (tariff,) = [rule.text for rule in POLICY.explain("fr") if rule.topic == "tariff.repas"]
    assert "1 QF inférieur à 400 : 0,50\xa0€" in tariff
    assert "2 QF de 400 à moins de 640 : 1,75\xa0€" in tariff
    assert "8 QF supérieur à 1900 : 4,90\xa0€" in tariff
    assert "« Non Roncquois » (hors commune)" in tariff


def test_roncq_obeys_the_laws() -> None:
    check_policy(POLICY, max_examples=10)
