"""Éragny, replayed at the boundaries of its own sentences.

https://eragny.fr/mes-services-et-demarches/education-311-ans/reglement-interieur-pour-le-periscolaire-et-lextrascolaire
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from cantine_rules import BookingChange, ChangeAction
from cantine_rules.plain import load_toml, to_data
from cantine_rules.policies import DecisionStatus
from cantine_rules.pricing.accounts import PaymentScheme, Prepayment
from cantine_rules.rules.deadlines import service_start
from cantine_rules.sources import SourceKind
from tests._helpers import paris

FILE = Path(__file__).resolve().parents[2] / "examples" / "communes" / "eragny.toml"
ERAGNY = load_toml(FILE)
ONE_SECOND = timedelta(seconds=1)


def _status(action: ChangeAction, code: str, day: date, at: object) -> DecisionStatus:
    change = BookingChange(action, "c1", code, day, at)  # type: ignore[arg-type]
    return ERAGNY.decide(change).status


@pytest.mark.parametrize("action", list(ChangeAction))
@pytest.mark.parametrize(
    ("code", "day", "deadline"),
    [
        # Thursday 13 November 2025, lunch at 11:30: 72 hours before is Monday 10, 11:30.
        ("repas", date(2025, 11, 13), paris(2025, 11, 10, 11, 30)),
        ("matin", date(2025, 11, 13), paris(2025, 11, 10, 7, 30)),
        ("soir", date(2025, 11, 13), paris(2025, 11, 10, 16, 30)),
        ("etude", date(2025, 11, 13), paris(2025, 11, 10, 16, 30)),
        # Wednesday 12 November 2025 at 08:30: Sunday 9, 08:30.
        ("mercredi", date(2025, 11, 12), paris(2025, 11, 9, 8, 30)),
    ],
)
def test_the_periscolaire_closes_72_hours_before(
    action: ChangeAction, code: str, day: date, deadline: object
) -> None:
    # « Délai de clôture des réservations des services périscolaires (accueil matin,
    # restauration, accueil soir, études surveillées et mercredi) : 72 heures avant. »
    assert _status(action, code, day, deadline - ONE_SECOND) is DecisionStatus.ACCEPTED  # type: ignore[operator]
    assert _status(action, code, day, deadline) is DecisionStatus.REFUSED


@pytest.mark.parametrize("day", [date(2025, 10, 20), date(2025, 10, 31)])
def test_the_holidays_close_15_clear_days_before_their_first_day(day: date) -> None:
    # « Délai de clôture des réservations pour les vacances scolaires : 15 jours francs avant le
    # 1er jour des vacances. » Toussaint 2025 in zone C begins on Saturday 18 October: the last
    # day to act is 2 October, the deadline 3 October at 00:00.
    deadline = paris(2025, 10, 3)
    add = ChangeAction.ADD
    assert _status(add, "vacances", day, deadline - ONE_SECOND) is DecisionStatus.ACCEPTED
    assert _status(add, "vacances", day, deadline) is DecisionStatus.REFUSED


def test_the_summer_closes_15_clear_days_before_its_first_day() -> None:
    # « Délai de clôture des réservations pour les vacances d'été (juillet et août) :15 jours
    # francs avant le 1er jour des vacances. » Summer 2026 begins on Saturday 4 July.
    deadline = paris(2026, 6, 19)
    day = date(2026, 7, 20)
    add = ChangeAction.ADD
    assert _status(add, "vacances", day, deadline - ONE_SECOND) is DecisionStatus.ACCEPTED
    assert _status(add, "vacances", day, deadline) is DecisionStatus.REFUSED


def test_the_holidays_are_prepaid_in_full_before_the_closure() -> None:
    # « Pour valider la réservation, le paiement anticipé correspondant à 100% de la somme devra
    # être effectué … avant la clôture des inscriptions. (J-15) »
    payment = ERAGNY.payment_of("vacances")
    assert payment is not None
    assert payment.prepayment == Prepayment()
    assert ERAGNY.scheme_of("vacances") is PaymentScheme.IMMEDIATE
    day = date(2025, 10, 20)
    deadline = ERAGNY.prepayment_deadline("vacances", day)
    assert deadline == paris(2025, 10, 3)
    assert deadline is not None
    assert deadline <= service_start(ERAGNY.service("vacances"), day)
    assert Prepayment.is_on_time(deadline - ONE_SECOND, deadline)
    assert not Prepayment.is_on_time(deadline, deadline)


def test_the_periscolaire_is_not_prepaid_and_its_payment_is_a_default() -> None:
    # The page says nothing of how the périscolaire is paid: the library's defaults, cited so.
    assert ERAGNY.prepayment_deadline("repas", date(2025, 11, 13)) is None
    assert ERAGNY.scheme_of("repas") is PaymentScheme.POSTFACTURATION
    assert ERAGNY.payment_defaults == {"payment_scheme", "payment_modes"}
    (rule,) = [rule for rule in ERAGNY.explain("en") if rule.topic == "payment"]
    assert rule.source is not None
    assert rule.source.kind is SourceKind.DEFAULT


def test_the_file_dumps_as_written() -> None:
    data = to_data(ERAGNY)
    assert "payment_scheme" not in data
    assert data["payment_by_service"]["vacances"]["prepayment"] == {"share": "1"}
