"""Repeated presences without booking, counted per family within the month.

« la présence répétée … sera majorée de 5 € » (a règlement's wording, see the domain notes),
written on Saint-Caprais-de-Bordeaux's meal (https://saintcapraisdebordeaux.fr/page/la-restauration-scolaire,
« Majoration de 2€ par repas pris sans inscription », « 2,85€ par enfant »): the first presence
of the family in a month costs 2,85 + 2 €, the next ones 2,85 + 5 €.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs

from cantine_rules.billing import bill
from cantine_rules.money import Money
from cantine_rules.plain import load_toml, loads_scenario
from cantine_rules.policies import CommunePolicy
from cantine_rules.rules.attendance_fees import (
    CountedPer,
    RepeatedCharge,
    RepetitionPeriod,
    UnbookedPresence,
    UnbookedPresenceRules,
)
from cantine_rules.rules.late import BasePlus

ROOT = Path(__file__).resolve().parents[2]
COMMUNE = load_toml(ROOT / "examples" / "communes" / "saint-caprais-de-bordeaux.toml")


def policy(counted_per: CountedPer) -> CommunePolicy:
    rule = UnbookedPresence(
        BasePlus(Money.euros(2)),
        repeated=(RepeatedCharge(2, BasePlus(Money.euros(5))),),
        period=RepetitionPeriod.MONTH,
        counted_per=counted_per,
    )
    return attrs.evolve(COMMUNE, unbooked_presence=UnbookedPresenceRules(default=rule))


def charged(counted_per: CountedPer, order: list[tuple[str, str]]) -> dict[tuple[str, date], str]:
    events = "\n".join(
        f'[[attendance]]\nchild = "{child}"\nservice = "repas"\nday = {day}\n'
        'kind = "present_unbooked"\n'
        for child, day in order
    )
    scenario = loads_scenario(
        """
commune = "saint-caprais-de-bordeaux"
start = 2024-11-18
end = 2024-12-06
family = { id = "SCB-1" }
children = [
    { id = "tom", first_name = "Tom", birth_date = 2016-10-30 },
    { id = "eva", first_name = "Eva", birth_date = 2018-01-04 },
]
"""
        + events
    )
    result = bill(scenario, policy=policy(counted_per))
    return {(line.child_id, line.day): str(line.amount.amount) for line in result.invoice.lines}


PRESENCES = [
    ("tom", "2024-11-21"),
    ("eva", "2024-11-21"),
    ("tom", "2024-11-28"),
    ("eva", "2024-12-02"),
]


def test_per_family_the_second_presence_of_the_month_is_the_repeated_one() -> None:
    assert charged(CountedPer.FAMILY, PRESENCES) == {
        # Same day, two children: taken in the order of their ids, Eva first.
        ("eva", date(2024, 11, 21)): "4.85",
        ("tom", date(2024, 11, 21)): "7.85",
        ("tom", date(2024, 11, 28)): "7.85",
        # A new month starts the count again.
        ("eva", date(2024, 12, 2)): "4.85",
    }


def test_per_child_each_child_counts_its_own() -> None:
    assert charged(CountedPer.CHILD, PRESENCES) == {
        ("eva", date(2024, 11, 21)): "4.85",
        ("tom", date(2024, 11, 21)): "4.85",
        ("tom", date(2024, 11, 28)): "7.85",
        ("eva", date(2024, 12, 2)): "4.85",
    }


def test_the_order_of_the_file_does_not_change_who_pays_the_repeated_charge() -> None:
    assert charged(CountedPer.FAMILY, PRESENCES) == charged(
        CountedPer.FAMILY, list(reversed(PRESENCES))
    )
