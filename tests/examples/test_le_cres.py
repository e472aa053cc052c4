"""Le Crès: 8 days before the meal, until the midnight that ends that day.

https://www.lecres.fr/Restaurationscolaire/465/10213
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import attrs
import pytest

from cantine_rules import ChangeAction, Money
from cantine_rules.rules.absences import AbsenceDocument, AbsencePolicy, AbsenceReason, HeldDocument
from cantine_rules.rules.late import MissingPriceError
from cantine_rules.rules.non_billable import NonBillableDay, NonBillableDays
from tests._helpers import paris
from tests.examples._files import commune
from tests.examples._school_week import assert_deadline, decide

LE_CRES = commune("le-cres")


@pytest.mark.parametrize("action", [ChangeAction.ADD, ChangeAction.CANCEL])
def test_the_reglement_s_own_example(action: ChangeAction) -> None:
    # « la date limite de prise en compte de votre réservation pour le lundi 2 septembre (jour
    # de rentrée scolaire) est le dimanche 25 août minuit »: Sunday 23:59:59 is on time, the
    # first second of Monday 26 August is not.
    before, _ = assert_deadline(LE_CRES, action, date(2024, 9, 2), paris(2024, 8, 26))
    assert before.change.requested_at == paris(2024, 8, 25, 23, 59, 59)


@pytest.mark.parametrize(
    ("meal", "deadline"),
    [
        # The next school year's first day, Monday 1 September 2025: Sunday 24 August, midnight.
        (date(2025, 9, 1), paris(2025, 8, 25)),
        # A Thursday: 8 days before is the Wednesday of the week before.
        (date(2024, 9, 19), paris(2024, 9, 12)),
        # Across the end of a 29-day February: Thursday 7 March 2024, the 28th's midnight.
        (date(2024, 3, 7), paris(2024, 2, 29)),
        # Across the end of a 28-day February: Monday 3 March 2025, Sunday 23 February.
        (date(2025, 3, 3), paris(2025, 2, 24)),
        # Across the end of a 31-day month: Thursday 7 November 2024, Wednesday 30 October.
        (date(2024, 11, 7), paris(2024, 10, 31)),
    ],
)
def test_8_days_before_until_midnight(meal: date, deadline: datetime) -> None:
    assert_deadline(LE_CRES, ChangeAction.ADD, meal, deadline)


def test_the_day_the_clocks_go_back_lasts_25_hours_and_ends_at_midnight() -> None:
    # Monday 3 November 2025, back from the Toussaint break: 8 days before is Sunday 26
    # October, the day summer time ends.
    before, _ = assert_deadline(
        LE_CRES, ChangeAction.CANCEL, date(2025, 11, 3), paris(2025, 10, 27)
    )
    assert before.deadline is not None
    assert before.deadline.isoformat() == "2025-10-27T00:00:00+01:00"


def test_the_day_the_clocks_go_forward_lasts_23_hours_and_ends_at_midnight() -> None:
    # Monday 7 April 2025: 8 days before is Sunday 30 March, the day summer time starts.
    before, _ = assert_deadline(LE_CRES, ChangeAction.CANCEL, date(2025, 4, 7), paris(2025, 3, 31))
    assert before.deadline is not None
    assert before.deadline.isoformat() == "2025-03-31T00:00:00+02:00"


@pytest.mark.parametrize("action", [ChangeAction.ADD, ChangeAction.CANCEL])
def test_past_the_deadline_the_change_is_not_taken(action: ChangeAction) -> None:
    # « tout repas commandé et non annulé est dû »: a late cancellation leaves the meal billed.
    late = decide(LE_CRES, action, date(2024, 9, 2), paris(2024, 8, 26))
    assert late.status.value == "refused"


def test_the_rule_is_explained_as_the_page_counts_it() -> None:
    [french] = [rule for rule in LE_CRES.explain("fr") if rule.topic == "rules.repas"]
    assert "8 jours avant le service, jusqu'à minuit" in french.text


# Absences -------------------------------------------------------------------------------------
# « La facturation des repas ne sera pas appliquée dans certains cas : … Enfant malade avec
# justificatif sous 48h (médical, ordonnance) … Parents aux emplois du temps atypiques avec
# horaires variables avec justificatif de l'employeur à renouveler chaque rentrée scolaire. »


def _absence_policy() -> AbsencePolicy:
    rule = LE_CRES.absences.for_service("repas")
    assert rule is not None
    return rule


ABSENCE = _absence_policy()
RENTREE = date(2024, 9, 2)
SECOND = timedelta(seconds=1)


def _reason(
    day: date,
    notice: datetime | None,
    certificate: datetime | None = None,
    documents: tuple[HeldDocument, ...] = (),
) -> AbsenceReason:
    # The page gives no price: the rule is asked with a stand-in price, only its reason counts.
    [judged] = ABSENCE.judge(
        LE_CRES.service("repas"),
        [day],
        calendar=LE_CRES.calendar,
        notice_at=notice,
        certificate_at=certificate,
        price_of=lambda day: Money.euros("1.00"),
        documents=documents,
    )
    return judged.reason


def test_an_absence_told_by_the_cancellation_deadline_is_free() -> None:
    # « tout repas commandé et non annulé est dû »: the Monday 2 September closes on Sunday 25
    # August at midnight.
    assert _reason(RENTREE, paris(2024, 8, 26) - SECOND) is AbsenceReason.NOTICE_IN_TIME
    assert _reason(RENTREE, paris(2024, 8, 26)) is AbsenceReason.LATE_NOTICE


def test_a_certificate_within_48_hours_waives_the_meal() -> None:
    # « Enfant malade avec justificatif sous 48h »: from the meal at 12:00 on Monday.
    start = paris(2024, 9, 2, 12)
    within = start + timedelta(hours=48) - SECOND
    assert _reason(RENTREE, None, within) is AbsenceReason.WAIVED_BY_CERTIFICATE
    assert _reason(RENTREE, None, start + timedelta(hours=48)) is AbsenceReason.NO_NOTICE


def test_an_employer_statement_waives_the_school_year_it_was_handed_in_for() -> None:
    # « justificatif de l'employeur à renouveler chaque rentrée scolaire »
    statement = (HeldDocument(AbsenceDocument.EMPLOYER, RENTREE),)
    assert _reason(RENTREE, None, documents=statement) is AbsenceReason.WAIVED_BY_DOCUMENT
    # The last meal of the year, Friday 4 July 2025, and the next rentrée, Monday 1 September.
    assert _reason(date(2025, 7, 4), None, documents=statement) is AbsenceReason.WAIVED_BY_DOCUMENT
    assert _reason(date(2025, 9, 1), None, documents=statement) is AbsenceReason.NO_NOTICE
    # A statement handed in the day after the absence does not reach back.
    later = (HeldDocument(AbsenceDocument.EMPLOYER, RENTREE + timedelta(days=1)),)
    assert _reason(RENTREE, None, documents=later) is AbsenceReason.NO_NOTICE


def test_a_free_absence_needs_no_price_a_charged_one_does() -> None:
    statement = (HeldDocument(AbsenceDocument.EMPLOYER, RENTREE),)
    [free] = LE_CRES.judge_absence("repas", [RENTREE], notice_at=None, documents=statement)
    assert (free.reason, free.charge) == (AbsenceReason.WAIVED_BY_DOCUMENT, Money.zero())
    with pytest.raises(MissingPriceError):
        LE_CRES.judge_absence("repas", [RENTREE], notice_at=None)


def test_a_strike_day_the_commune_declares_is_never_charged() -> None:
    # « Mouvement de grève des enseignants ou du personnel de la restauration … » : the page dates
    # no strike; the commune adds the day when it comes, with the file's citation.
    strike = NonBillableDay(date(2024, 12, 5), "Grève des enseignants", services=("repas",))
    with_strike = attrs.evolve(LE_CRES, non_billable_days=NonBillableDays((strike,)))
    [day] = with_strike.judge_absence("repas", [date(2024, 12, 5)], notice_at=None)
    assert (day.reason, day.charge) == (AbsenceReason.NON_BILLABLE_DAY, Money.zero())
    [explained] = [rule for rule in with_strike.explain("fr") if rule.topic == "non_billable_days"]
    assert explained.source is not None
    assert "Mouvement de grève" in explained.source.reference


def test_the_absences_are_explained_in_french_and_english() -> None:
    [french] = [rule for rule in LE_CRES.explain("fr") if rule.topic == "absences.repas"]
    [english] = [rule for rule in LE_CRES.explain("en") if rule.topic == "absences.repas"]
    assert "un certificat médical remis sous 48 h" in french.text
    assert "justificatif (de l'employeur) remis pour l'année scolaire" in french.text
    assert "a standing document (employer's) handed in for the school year" in english.text
