"""Seed 001's basket billed on the seed's own days, which the shipped 2016-2017 calendar knows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cantine_rules import Money
from cantine_rules.billing import bill
from cantine_rules.plain import load_scenario

SCENARIO = Path(__file__).resolve().parents[2] / "examples" / "scenarios" / "lutins-gourmands.toml"

SEED_DAYS = (date(2016, 9, 1), date(2016, 9, 2), date(2016, 9, 5), date(2016, 9, 6))
"""« 01/09/2016 Louise - Cantine … 3.60€ », and the same line on 02/09, 05/09 and 06/09/2016."""


def test_the_seed_s_four_meals_of_september_2016_are_14_40() -> None:
    # Seed 001: « A payer : 14.40€ » for the four days of the summary, paid through PayFiP.
    result = bill(load_scenario(SCENARIO))
    assert result.basket is not None
    assert [line.day for line in result.basket.lines] == list(SEED_DAYS)
    assert [line.cost for line in result.basket.lines] == [Money.euros("3.60")] * 4
    assert result.basket.to_pay == Money.euros("14.40")
    assert result.statement.balance == Money.euros("0.00")
