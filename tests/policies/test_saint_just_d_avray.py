"""Saint-Just-d'Avray (seed 003), replayed."""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import BookingChange, ChangeAction, Channel, Money
from cantine_rules.calendar import Zone
from cantine_rules.policies import (
    DayStatus,
    DecisionStatus,
    PlanningPeriod,
    get,
    saint_just_d_avray,
)
from cantine_rules.pricing.accounts import EntryType, Ledger, PaymentMode
from tests._helpers import paris
from tests.policies._commune_base import CommuneTests

SAINT_JUST = get("saint-just-d-avray")


class TestSaintJustDAvray(CommuneTests):
    slug = "saint-just-d-avray"
    module = saint_just_d_avray


def test_zone_a_and_the_three_services_used() -> None:
    # « Cet outil est utilisé uniquement pour la cantine et la garderie, merci d'ignorer les
    # colonnes suivantes : Centre Matin, Centre Soir »
    assert SAINT_JUST.calendar.zone is Zone.A
    assert [service.code for service in SAINT_JUST.services] == [
        "repas",
        "garderie-matin",
        "garderie-soir",
    ]


@pytest.mark.parametrize("code", ["repas", "garderie-matin", "garderie-soir"])
@pytest.mark.parametrize("channel", list(Channel))
def test_before_thursday_17h_for_the_following_week(code: str, channel: Channel) -> None:
    # « Les inscriptions doivent être renseignées au plus tard avant le Jeudi 17h pour la semaine
    # suivante. Attention, aucune inscription ne sera prise en compte passé ce délai. »
    monday, friday = date(2024, 9, 23), date(2024, 9, 27)
    for day in (monday, friday):
        just_before = BookingChange(
            ChangeAction.ADD, "c1", code, day, paris(2024, 9, 19, 16, 59, 59), channel
        )
        at_17h = BookingChange(ChangeAction.ADD, "c1", code, day, paris(2024, 9, 19, 17), channel)
        assert SAINT_JUST.decide(just_before).status is DecisionStatus.ACCEPTED
        assert SAINT_JUST.decide(at_17h).status is DecisionStatus.REFUSED


def test_booking_ahead_is_always_fine() -> None:
    # « Vous pouvez renseigner à l'avance les repas sans aucun problème. »
    change = BookingChange(ChangeAction.ADD, "c1", "repas", date(2025, 6, 2), paris(2024, 9, 2, 8))
    assert SAINT_JUST.decide(change).status is DecisionStatus.ACCEPTED


def test_greyed_cells_when_not_selectable() -> None:
    # « Cochez la case « repas » … (La case reste grisée si non sélectionnable) »
    grid = SAINT_JUST.planning(
        "c1", "repas", PlanningPeriod.FORTNIGHT, date(2024, 9, 16), at=paris(2024, 9, 19, 17)
    )
    first_week = [day.status for day in grid.days[:5]]
    second_week = [day.status for day in grid.days[7:12]]
    assert DayStatus.BOOKABLE not in first_week
    assert second_week == [
        DayStatus.TOO_LATE,
        DayStatus.TOO_LATE,
        DayStatus.NOT_A_SERVICE_DAY,
        DayStatus.TOO_LATE,
        DayStatus.TOO_LATE,
    ]


def test_account_statement_with_the_last_5_movements() -> None:
    # « Votre solde à ce jour est de 0,00 € »; « Relevé de compte: Date, Type, Référence, Facture,
    # Débit, Crédit, Solde »; « 24.08.2018 SOLDE A CE JOUR 0,00 € »; « Liste des 5 derniers
    # mouvements. Afficher tout »
    ledger = Ledger()
    statement = ledger.statement(date(2018, 8, 24))
    assert statement.balance == Money.zero()
    ledger = (
        ledger.debit(date(2018, 9, 30), Money.euros("45.60"), "F-2018-09", invoice="F-2018-09")
        .credit(date(2018, 10, 5), Money.euros("45.60"), "CB-1", mode=PaymentMode.CARD)
        .debit(date(2018, 10, 31), Money.euros("38.00"), "F-2018-10", invoice="F-2018-10")
        .credit(date(2018, 11, 4), Money.euros("38.00"), "CB-2", mode=PaymentMode.CARD)
        .debit(date(2018, 11, 30), Money.euros("41.80"), "F-2018-11", invoice="F-2018-11")
        .credit(date(2018, 12, 3), Money.euros("20.00"), "CB-3", mode=PaymentMode.CARD)
    )
    statement = ledger.statement(date(2018, 12, 31), last=5)
    assert (
        len(statement.rows) == 5
    )  # the last five movements; the sixth is behind « Afficher tout »
    assert statement.hidden == 1
    assert statement.opening.label == "SOLDE A CE JOUR"
    assert statement.opening.balance == Money.euros("-45.60")
    assert statement.balance == Money.euros("-21.80")
    assert statement.rows[-1].balance == statement.balance
    assert ledger.balance == ledger.total_credits - ledger.total_debits
    assert statement.rows[0].type is EntryType.PAYMENT
