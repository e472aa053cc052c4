"""Non-billable days and absence rules by service: refusals in full, and values that do not depend
on the order they were given in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest

from cantine_rules import Money
from cantine_rules.rules.absences import AbsencePolicy, AbsenceRules, FlatCharge
from cantine_rules.rules.deadlines import CalendarDaysBefore
from cantine_rules.rules.non_billable import NonBillableDay, NonBillableDays
from tests._helpers import refusal

MAY_6 = date(2025, 5, 6)
# « absence non signalée (avant 9h le jour même) 3,75 € » (St-Colomban)
SAME_DAY_9 = AbsencePolicy(FlatCharge(Money.euros("3.75")), CalendarDaysBefore(0, time(9)))
BOOKED = AbsencePolicy()

CASES: list[tuple[Callable[[], object], tuple[str, object, object, str]]] = [
    (
        lambda: NonBillableDay(MAY_6, "Grève", services=("repas", "soir", "repas")),
        ("InvalidValueError", "services[2]", "repas", "services[2]: appears twice (got 'repas')"),
    ),
    (
        lambda: NonBillableDay(MAY_6, "Grève", sites=("maternelle", "maternelle")),
        (
            "InvalidValueError",
            "sites[1]",
            "maternelle",
            "sites[1]: appears twice (got 'maternelle')",
        ),
    ),
    (
        lambda: NonBillableDay(MAY_6, "Grève", services=("repas", 3)),  # type: ignore[arg-type]
        ("InvalidTypeError", "services[1]", 3, "services[1]: must be a str (got 3 of type int)"),
    ),
    (
        lambda: NonBillableDay(MAY_6, "Grève", sites=("",)),
        (
            "EmptyIdentifierError",
            "sites[0]",
            "",
            "sites[0]: must be a non-empty identifier (got '')",
        ),
    ),
    (
        lambda: NonBillableDays((1,)),  # type: ignore[arg-type]
        ("InvalidTypeError", "days[0]", 1, "days[0]: must be a NonBillableDay (got 1 of type int)"),
    ),
]


@pytest.mark.parametrize(("call", "expected"), CASES)
def test_each_refusal_names_its_field_value_and_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


def test_a_declaration_for_every_site_covers_a_child_whose_site_is_known() -> None:
    # Vigneux-de-Bretagne: « En cas de sortie scolaire, aucune démarche d'annulation n'est à
    # effectuer ».
    outing = NonBillableDay(MAY_6, "Sortie scolaire", services=("repas",))
    assert outing.covers("repas", MAY_6, site="maternelle")
    assert not outing.covers("soir", MAY_6, site="maternelle")
    days = NonBillableDays((outing,))
    assert not days.is_billable("repas", MAY_6, site="maternelle")
    assert days.is_billable("soir", MAY_6, site="maternelle")


def test_absence_rules_by_service_are_equal_whatever_the_order() -> None:
    one = AbsenceRules(None, {"soir": SAME_DAY_9, "repas": BOOKED})
    other = AbsenceRules(None, [("repas", BOOKED), ("soir", SAME_DAY_9)])
    assert one == other
    assert one.by_service == (("repas", BOOKED), ("soir", SAME_DAY_9))
    assert other.for_service("soir") is SAME_DAY_9
    assert not one.is_empty
    assert AbsenceRules(BOOKED).for_service("soir") is BOOKED
    assert not AbsenceRules(BOOKED).is_empty
