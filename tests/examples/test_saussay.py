"""Saussay, « Prix des repas au restaurant scolaire », tarifs 2025/2026.

https://www.saussay.fr/cantine-saussay_fr.html
"""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import Money
from cantine_rules.testing import check_policy
from tests.examples._commune import gap_paths, load, price

POLICY = load("saussay")
DAY = date(2025, 9, 4)  # « Tarifs 2025/2026 »


# « REPAS OCCASIONNEL Pour 1 enfant : Pour 2 enfants : Pour 3 enfants : 4.50€ 4.40€ 4.25€ »
@pytest.mark.parametrize(
    ("children", "expected", "column"),
    [
        (1, "4.50", "Pour 1 enfant"),
        (2, "4.40", "Pour 2 enfants"),
        (3, "4.25", "Pour 3 enfants"),
        (4, "4.25", "Pour 3 enfants"),
    ],
)
def test_each_children_count_column(children: int, expected: str, column: str) -> None:
    found = price(POLICY, DAY, children_in_family=children)
    assert found is not None
    assert (found.unit_price, found.columns) == (Money.euros(expected), (column,))


def test_every_child_of_a_family_of_two_pays_the_two_children_price() -> None:
    # « Pour 2 enfants : 4.40€ », whatever the child's rank.
    for rank in (1, 2):
        found = price(POLICY, DAY, sibling_rank=rank, children_in_family=2)
        assert found is not None
        assert found.unit_price == Money.euros("4.40")


def test_the_table_has_no_grid_to_check() -> None:
    assert gap_paths(POLICY) == []


def test_saussay_obeys_the_laws() -> None:
    check_policy(POLICY, max_examples=10)
