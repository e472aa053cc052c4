"""Saint-Lager: a monthly form « avant le 20 du mois précédent », for every month.

https://cantinesaintlager.assodesparents.fr/pages/244341
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from cantine_rules import ChangeAction, Money
from cantine_rules.rules.absences import AbsencePolicy, AbsenceReason
from cantine_rules.rules.late import MissingPriceError
from tests._helpers import paris
from tests.examples._files import commune
from tests.examples._school_week import assert_deadline

SAINT_LAGER = commune("saint-lager")
ADD = ChangeAction.ADD


@pytest.mark.parametrize(
    ("meal", "deadline"),
    [
        # The first and the last meal of a month close together: « avant le 20 du mois
        # précédent » is one deadline for the whole month.
        (date(2024, 9, 2), paris(2024, 8, 20)),
        (date(2024, 9, 30), paris(2024, 8, 20)),
        # January closes in December of the year before.
        (date(2025, 1, 6), paris(2024, 12, 20)),
        # The last meal of a 29-day February (2024: the winter break starts on the 17th) and of
        # a 28-day one (2026).
        (date(2024, 2, 16), paris(2024, 1, 20)),
        (date(2026, 2, 27), paris(2026, 1, 20)),
        # The last meal of a 30-day month and of a 31-day month.
        (date(2024, 4, 30), paris(2024, 3, 20)),
        (date(2025, 1, 31), paris(2024, 12, 20)),
        # The first meal after each of them.
        (date(2024, 3, 4), paris(2024, 2, 20)),
        (date(2026, 3, 2), paris(2026, 2, 20)),
        (date(2024, 5, 2), paris(2024, 4, 20)),
        (date(2025, 2, 3), paris(2025, 1, 20)),
    ],
)
def test_every_month_closes_on_the_20th_of_the_month_before(meal: date, deadline: datetime) -> None:
    # « avant le 20 »: 19th at 23:59:59 is on time, the 20th at 00:00 is not.
    assert_deadline(SAINT_LAGER, ADD, meal, deadline)


def test_the_deadline_is_midnight_in_the_time_of_its_own_season() -> None:
    # An April meal closes on 20 March (winter time), a November meal on 20 October (summer
    # time).
    april, _ = assert_deadline(SAINT_LAGER, ADD, date(2025, 4, 1), paris(2025, 3, 20))
    november, _ = assert_deadline(SAINT_LAGER, ADD, date(2024, 11, 5), paris(2024, 10, 20))
    assert april.deadline is not None
    assert november.deadline is not None
    assert april.deadline.utcoffset() == timedelta(hours=1)
    assert november.deadline.utcoffset() == timedelta(hours=2)


def test_no_month_is_left_without_a_deadline() -> None:
    # Every meal of the 2024-2025 school year has a deadline on the 20th of the month before.
    booking = SAINT_LAGER.booking
    days = booking.calendar.service_days(
        booking.days_of("repas"), date(2024, 9, 2), date(2025, 7, 4)
    )
    months = set()
    for day in days:
        window = booking.window(ADD, "repas", day)
        assert window.closes_at is not None
        previous = (day.replace(day=1) - timedelta(days=1)).replace(day=20)
        assert window.closes_at == paris(previous.year, previous.month, 20)
        months.add(day.month)
    assert months == {9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7}


def test_the_rule_is_explained_as_the_form_says() -> None:
    [french] = [rule for rule in SAINT_LAGER.explain("fr") if rule.topic == "rules.repas"]
    [english] = [rule for rule in SAINT_LAGER.explain("en") if rule.topic == "rules.repas"]
    assert "délai d'ajout : avant le 20 du mois précédent" in french.text
    assert "before day 20 of the previous month" in english.text


# Absences -------------------------------------------------------------------------------------
# « En cas d'absence de votre enfant pour maladie à la cantine sur un jour inscrit, la 1ère
# journée est due. Au-delà de cette carence, les jours seront à déduire le mois suivant. »


def _absence_policy() -> AbsencePolicy:
    rule = SAINT_LAGER.absences.for_service("repas")
    assert rule is not None
    return rule


ABSENCE = _absence_policy()
# Sick from Thursday 26 September to Tuesday 1 October 2024: across the end of a month.
SICK = (date(2024, 9, 26), date(2024, 9, 27), date(2024, 9, 30), date(2024, 10, 1))


def _reasons(days: tuple[date, ...], notice: datetime | None) -> list[AbsenceReason]:
    # The page gives no price: the rule is asked with a stand-in price, only its reasons count.
    judged = ABSENCE.judge(
        SAINT_LAGER.service("repas"),
        days,
        calendar=SAINT_LAGER.calendar,
        notice_at=notice,
        price_of=lambda day: Money.euros("1.00"),
    )
    return [day.reason for day in judged]


@pytest.mark.parametrize("notice", [None, paris(2024, 9, 26, 8), paris(2024, 10, 1, 18)])
def test_the_first_day_is_due_the_others_deducted(notice: datetime | None) -> None:
    # Whenever the family tells: the page asks for no notice of an illness.
    free = AbsenceReason.AFTER_CHARGED_DAYS
    first = AbsenceReason.NO_NOTICE if notice is None else AbsenceReason.LATE_NOTICE
    assert _reasons(SICK, notice) == [first, free, free, free]


def test_a_one_day_illness_is_due() -> None:
    assert _reasons(SICK[:1], None) == [AbsenceReason.NO_NOTICE]
    # Its price is the meal's, which the page does not give.
    with pytest.raises(MissingPriceError):
        SAINT_LAGER.judge_absence("repas", SICK[:1], notice_at=None)


def test_the_days_after_the_first_cost_nothing() -> None:
    judged_run = ABSENCE.judge(
        SAINT_LAGER.service("repas"),
        SICK,
        calendar=SAINT_LAGER.calendar,
        notice_at=None,
        price_of=lambda day: Money.euros("1.00"),
    )
    assert [day.charge for day in judged_run[1:]] == [Money.zero()] * 3


def test_the_deducted_days_are_carried_to_the_next_month() -> None:
    # « les jours seront à déduire le mois suivant »: three meals paid in advance at any price.
    credit = Money.euros("1.00") * 3
    treated = SAINT_LAGER.treat_credit(credit)
    assert (treated.carried, treated.refunded, treated.forfeited) == (
        credit,
        Money.zero(),
        Money.zero(),
    )


def test_the_absences_are_explained_in_french_and_english() -> None:
    [french] = [rule for rule in SAINT_LAGER.explain("fr") if rule.topic == "absences.repas"]
    [english] = [rule for rule in SAINT_LAGER.explain("en") if rule.topic == "absences.repas"]
    assert "seul(s) le(s) 1 premier(s) jour(s) d'absence facturable(s)" in french.text
    assert "only the first 1 absent day(s) may be charged, later days are free" in english.text
