"""Paris, Caisses des écoles (seed 004), replayed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import ClassVar

import pytest

from cantine_rules import (
    Booking,
    BookingChange,
    ChangeAction,
    Child,
    Family,
    Money,
    QuotientFamilial,
    QuotientFamilialSource,
)
from cantine_rules.calendar import Zone
from cantine_rules.policies import (
    Decision,
    DecisionStatus,
    FamilyAccount,
    Reason,
    get,
    paris,
)
from cantine_rules.pricing.accounts import IsoWeekParity, bill_by_household, build_invoice
from cantine_rules.pricing.tariffs import (
    MissingFigureError,
    QuotientRecord,
    RegistrationSituation,
    TariffSchedule,
    check_dossier,
    grid_from_ranges,
)
from tests._helpers import PARIS_BOUNDARIES
from tests._helpers import paris as at
from tests.policies._commune_base import CommuneTests, FigureUse

PARIS_POLICY = get("paris")
SCHOOL_DAY = date(2024, 9, 2)


class TestParis(CommuneTests):
    slug = "paris"
    module = paris
    figures: ClassVar[Mapping[str, FigureUse]] = {
        "MEAL_RANGES_2020": None,  # the policy uses them through MEAL_GRID_2020
        "MEAL_GRID_2020": lambda policy: policy.tariff("repas").at(date(2020, 9, 1)).tariff,
        # The policy carries the 2020/2021 version into later years as a default of its own.
        "MEAL_TARIFFS": lambda policy: TariffSchedule("repas", policy.tariff("repas").versions[:1]),
        "QUOTIENT_POLICY_2024": lambda policy: policy.quotient_policy,
        "DOSSIER_2024": lambda policy: policy.dossier,
        "SCHOOL_WEEK": lambda policy: policy.calendar.school_week,
    }


def test_tarif_10_until_regularisation_is_all_in_the_paris_module() -> None:
    # « Passé cette date limite, le tarif maximal (tarif 10) sera appliqué à votre facture
    # jusqu'à la régularisation de votre dossier. »: the deadline, the default bracket and its
    # price are all read from cantine_rules.policies.paris.
    assert paris.QUOTIENT_POLICY_2024.registration_deadline == date(2024, 8, 23)
    assert paris.MEAL_GRID_2020.default_bracket == "tarif 10"
    assert paris.MEAL_GRID_2020.bracket("tarif 10").unit_price == Money.euros("7.00")
    assert paris.MEAL_TARIFFS.versions[0].ends_on == date(2021, 8, 31)
    assert (
        grid_from_ranges(
            paris.MEAL_RANGES_2020,
            default_bracket="tarif 10",
            beyond=paris.MEAL_GRID_2020.brackets[7:],
        )
        == paris.MEAL_GRID_2020
    )


def test_zone_c() -> None:
    assert PARIS_POLICY.calendar.zone is Zone.C


# « Le mercredi est un jour de la restauration scolaire au même titre que les autres jours de la
# semaine » (http://cde7.fr/inscriptions-et-tarifs/). The deadline stays the default of 2 jours
# ouvrés before the meal's start (11:30).
WEDNESDAY = date(2024, 9, 11)


def _add(day: date, at: datetime) -> Decision:
    return PARIS_POLICY.decide(BookingChange(ChangeAction.ADD, "louise", "repas", day, at))


def test_wednesday_is_a_meal_day() -> None:
    assert PARIS_POLICY.calendar.is_school_day(WEDNESDAY)
    meals = PARIS_POLICY.calendar.service_days(
        PARIS_POLICY.service("repas").kind, date(2024, 9, 9), date(2024, 9, 13)
    )
    assert [day.isoformat() for day in meals] == [
        "2024-09-09",
        "2024-09-10",
        "2024-09-11",
        "2024-09-12",
        "2024-09-13",
    ]


@pytest.mark.parametrize("action", list(ChangeAction))
def test_a_wednesday_meal_one_second_before_its_deadline_is_on_time(action: ChangeAction) -> None:
    # Two working days before Wednesday 11 September 2024 is Monday 9 September, at 11:30.
    change = BookingChange(action, "louise", "repas", WEDNESDAY, at(2024, 9, 9, 11, 29, 59))
    decision = PARIS_POLICY.decide(change)
    assert (decision.status, decision.reason) == (DecisionStatus.ACCEPTED, Reason.ON_TIME)
    assert decision.deadline == at(2024, 9, 9, 11, 30)
    assert decision.service_start == at(2024, 9, 11, 11, 30)


@pytest.mark.parametrize("action", list(ChangeAction))
def test_a_wednesday_meal_at_its_deadline_is_too_late(action: ChangeAction) -> None:
    change = BookingChange(action, "louise", "repas", WEDNESDAY, at(2024, 9, 9, 11, 30))
    decision = PARIS_POLICY.decide(change)
    assert (decision.status, decision.reason) == (DecisionStatus.REFUSED, Reason.TOO_LATE)
    assert decision.deadline == at(2024, 9, 9, 11, 30)


def test_a_wednesday_after_a_public_holiday_counts_working_days_over_it() -> None:
    # Wednesday 13 November 2024: Tuesday 12 is one working day before; Monday 11 November is
    # the Armistice, so the second is Friday 8 November, at 11:30.
    wednesday = date(2024, 11, 13)
    on_time = _add(wednesday, at(2024, 11, 8, 11, 29, 59))
    late = _add(wednesday, at(2024, 11, 8, 11, 30))
    assert on_time.reason is Reason.ON_TIME
    assert on_time.deadline == at(2024, 11, 8, 11, 30)
    assert late.reason is Reason.TOO_LATE


def test_a_wednesday_of_the_school_holidays_has_no_meal() -> None:
    # Vacances de la Toussaint 2024, zone C.
    decision = _add(date(2024, 10, 23), at(2024, 9, 1, 9))
    assert decision.reason is Reason.NOT_A_SERVICE_DAY


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_explain_cites_the_wednesday_meal(lang: str) -> None:
    week = {rule.topic: rule for rule in PARIS_POLICY.explain(lang)}["calendar.week"]
    assert not week.is_default
    assert week.source is not None
    assert "cde7.fr/inscriptions-et-tarifs" in week.source.reference
    assert "Le mercredi est un jour de la restauration scolaire" in week.source.reference
    assert ("mercredi matin" if lang == "fr" else "Wednesday morning") in week.text


@pytest.mark.parametrize(
    ("qf", "bracket", "price"),
    PARIS_BOUNDARIES,
)
def test_public_grid_both_sides_of_every_boundary(qf: str, bracket: str, price: str) -> None:
    # Public grid, Caisse des écoles 2020/2021: T1 QF 0–234 € 0,13 €; T2 235–384 0,85; T3 385–548
    # 1,62; T4 549–959 2,28; T5 960–1370 3,62; T6 1371–1900 4,61.
    priced = PARIS_POLICY.price("repas", date(2020, 10, 5), quotient_familial=qf)
    assert (priced.bracket, priced.unit_price) == (bracket, Money.euros(price))
    assert priced.source.sourced


def test_later_years_carry_the_grid_as_a_default() -> None:
    priced = PARIS_POLICY.price("repas", SCHOOL_DAY, quotient_familial="500")
    assert priced.unit_price == Money.euros("1.62")
    explained = [rule for rule in PARIS_POLICY.explain() if rule.topic == "tariff.repas"]
    assert [rule.is_default for rule in explained] == [False, True]


def test_no_source_gives_tarif_7_to_9() -> None:
    with pytest.raises(MissingFigureError):
        PARIS_POLICY.price("repas", SCHOOL_DAY, quotient_familial="2500")


def test_no_qf_is_tarif_10_until_the_dossier_is_regularised() -> None:
    # « Passé cette date limite, le tarif maximal (tarif 10) sera appliqué à votre facture jusqu'à
    # la régularisation de votre dossier. »
    late_record = QuotientRecord(
        QuotientFamilial("500", QuotientFamilialSource.CAF_ATTESTATION, date(2024, 9, 20)),
        received_on=date(2024, 9, 23),
    )
    pricer = PARIS_POLICY.pricer(quotient_records={"louise": [late_record]})
    days = PARIS_POLICY.calendar.service_days(
        PARIS_POLICY.service("repas").kind, date(2024, 9, 2), date(2024, 9, 30)
    )
    invoice = build_invoice(
        [Booking("louise", "repas", day) for day in days],
        pricer,
        start=date(2024, 9, 1),
        end=date(2024, 9, 30),
    )
    before = [line for line in invoice.lines if line.day < date(2024, 9, 23)]
    after = [line for line in invoice.lines if line.day >= date(2024, 9, 23)]
    assert {line.tariff_name for line in before} == {"tarif 10"}
    assert {line.unit_price for line in before} == {Money.euros("7.00")}
    assert {line.tariff_name for line in after} == {"tarif 3"}
    assert {line.unit_price for line in after} == {Money.euros("1.62")}


def test_registration_needs_the_dossier_validated() -> None:
    # « Suite à la validation de votre dossier, vous pouvez inscrire votre enfant »
    family = Family("F-75", children=(Child("louise", "Louise", date(2016, 4, 4)),))
    account = FamilyAccount(family, True, False, {("louise", "repas")})
    change = BookingChange(ChangeAction.ADD, "louise", "repas", SCHOOL_DAY, at(2024, 8, 26, 9))
    assert PARIS_POLICY.decide(change, account=account).reason is Reason.DOSSIER_NOT_VALIDATED


def test_the_documents_of_a_first_registration() -> None:
    # « Bulletin d'inscription rempli et signé. Attestation de paiement CAF … de moins de 3 mois.
    # Copie du livret de famille … (uniquement pour une première inscription). »
    status = check_dossier(PARIS_POLICY.dossier, RegistrationSituation(), (), date(2024, 6, 1))
    assert not status.complete
    missing = {requirement.code for requirement in status.missing}
    assert missing == {"registration_form", "caf_attestation", "family_book_or_birth_certificate"}


def test_alternating_custody_bills_each_parent_for_their_weeks() -> None:
    # « En cas de garde alternée, n'oubliez pas de nous joindre votre jugement de divorce et de
    # préciser vos semaines de garde sur le bulletin d'inscription. »
    days = PARIS_POLICY.calendar.service_days(
        PARIS_POLICY.service("repas").kind, date(2024, 9, 2), date(2024, 9, 13)
    )
    invoice = build_invoice(
        [Booking("louise", "repas", day) for day in days],
        PARIS_POLICY.pricer(),
        start=date(2024, 9, 1),
        end=date(2024, 9, 30),
    )
    by_household = bill_by_household(
        invoice,
        {"louise": IsoWeekParity(even_weeks="mother", odd_weeks="father")},
        default_household="mother",
    )
    with pytest.raises(TypeError, match="custody"):
        bill_by_household(invoice, IsoWeekParity("mother", "father"), default_household="mother")  # type: ignore[arg-type]
    # ISO week 36 (2–6 September 2024) is even, week 37 odd: five meals each, the Wednesday
    # included (« Le mercredi est un jour de la restauration scolaire »).
    assert {household: len(bill.lines) for household, bill in by_household.items()} == {
        "mother": 5,
        "father": 5,
    }
    assert sum((bill.total for bill in by_household.values()), Money.zero()) == invoice.total
