"""Days a commune declares non-billable."""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules.rules.non_billable import NonBillableDay, NonBillableDays
from tests._helpers import refusal

OUTING = NonBillableDay(date(2025, 5, 6), "Sortie scolaire")
STRIKE = NonBillableDay(date(2019, 6, 24), "Grève", services=("repas",), sites=("maternelle",))


def test_a_day_for_every_service_and_site() -> None:
    days = NonBillableDays((OUTING,))
    assert not days.is_billable("repas", date(2025, 5, 6))
    assert not days.is_billable("soir", date(2025, 5, 6), site="élémentaire")
    assert days.is_billable("repas", date(2025, 5, 5))
    assert days.is_billable("repas", date(2025, 5, 7))


def test_a_day_for_some_services_and_sites() -> None:
    # Strasbourg, 24 June 2019: « Ces repas du 24 juin ne seront pas facturés pour les enfants
    # scolarisés en maternelle ».
    days = NonBillableDays((STRIKE,))
    assert not days.is_billable("repas", date(2019, 6, 24), site="maternelle")
    assert days.is_billable("repas", date(2019, 6, 24), site="élémentaire")
    assert days.is_billable("soir", date(2019, 6, 24), site="maternelle")
    # A child whose site is unknown is not waived: the library cannot attribute the day.
    assert days.is_billable("repas", date(2019, 6, 24))


def test_no_declaration_means_every_day_is_billable() -> None:
    assert NonBillableDays().is_billable("repas", date(2025, 5, 6))


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: NonBillableDay("2025-05-06", "x"), ("InvalidTypeError", "day", "2025-05-06")),  # type: ignore[arg-type]
        (lambda: NonBillableDay(date(2025, 5, 6), " "), ("EmptyIdentifierError", "label", " ")),
        (
            lambda: NonBillableDay(date(2025, 5, 6), "x", services=("repas", "repas")),
            ("InvalidValueError", "services[1]", "repas"),
        ),
        (
            lambda: NonBillableDay(date(2025, 5, 6), "x", sites=("",)),
            ("EmptyIdentifierError", "sites[0]", ""),
        ),
        (lambda: NonBillableDays((1,)), ("InvalidTypeError", "days[0]", 1)),  # type: ignore[arg-type]
    ],
)
def test_bad_values_are_typed_errors_naming_their_field(
    call: object, expected: tuple[str, str, object]
) -> None:
    assert refusal(call)[:3] == expected  # type: ignore[arg-type]
