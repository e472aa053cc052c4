"""Paris, Caisses des écoles (seed 004), replayed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantine_rules import (
    Booking,
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    Family,
    Money,
    QuotientFamilial,
    QuotientFamilialSource,
)
from cantine_rules.billing import bill, quote
from cantine_rules.calendar import SkipReason, Zone
from cantine_rules.errors import InvalidValueError
from cantine_rules.plain import loads_scenario
from cantine_rules.policies import (
    CommunePolicy,
    Decision,
    DecisionStatus,
    FamilyAccount,
    Reason,
    get,
    paris,
)
from cantine_rules.pricing.accounts import IsoWeekParity, bill_by_household, build_invoice
from cantine_rules.pricing.tariffs import (
    MissingFigure,
    MissingFigureError,
    PricingContext,
    QuotientRecord,
    RegistrationSituation,
    TariffSchedule,
    check_dossier,
    grid_from_ranges,
)
from cantine_rules.rules.late import KeepCharging, LateHandling, Refuse
from cantine_rules.rules.regimes import ChangeEffect, FixedDays
from cantine_rules.testing import check_policy
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
        "DAY_CHANGES": None,  # the policy uses them through FIXED_DAYS
        "FIXED_DAYS": lambda policy: policy.regimes[0].fixed_days,
        "REGIMES": lambda policy: policy.regimes,
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


# The grid « Le Maire de Paris a décidé d'appliquer dix tarifs pour la restauration scolaire,
# définis en fonction du quotient familial » (Caisse des écoles du 7e, rentrée 2020/2021,
# http://cde7.fr/inscriptions-et-tarifs/): « Tarif 1 | De 0 € à 234 € | 0,13 € » … « Tarif 6 | De
# 1371 € à 1900 € | 4,61 € | Tarif 7 | De 1901 € à … » — the stored page breaks off there. Each
# bound on both sides, priced through `quote`, as the `price` command does.
GRID_DAY = date(2020, 10, 5)


@pytest.mark.parametrize(
    ("qf", "bracket", "price"),
    [
        *PARIS_BOUNDARIES,
        ("234.99", "tarif 1", "0.13"),  # between « 0–234 » and « 235–384 »: the lower range
        ("1900.99", "tarif 6", "4.61"),
    ],
)
def test_each_known_bracket_on_both_sides_of_its_bounds(qf: str, bracket: str, price: str) -> None:
    answer = quote(PARIS_POLICY, "repas", GRID_DAY, context=PricingContext(qf))
    assert answer.price is not None
    assert (answer.price.bracket, answer.price.unit_price) == (bracket, Money.euros(price))
    assert (answer.known, answer.unknown, answer.is_default) == (True, None, False)
    assert "cde7.fr/inscriptions-et-tarifs" in answer.source.reference


@pytest.mark.parametrize("qf", ["1901", "1901.01", "2500", "3334", "5001", "1000000"])
def test_from_tarif_7_on_the_price_is_unknown_not_guessed(qf: str) -> None:
    # « Tarif 7 | De 1901 € à … »: tarif 7's upper bound and price, and tarif 8 and 9, are in no
    # stored source, so no bracket from 7 to 10 can be told for these QFs.
    answer = quote(PARIS_POLICY, "repas", GRID_DAY, context=PricingContext(qf))
    assert (answer.known, answer.price) == (False, None)
    assert answer.unknown == (
        f"quotient_familial {qf}: lies in 'tarif 7' or in a later bracket whose threshold no "
        "source gives"
    )
    with pytest.raises(MissingFigureError) as raised:
        PARIS_POLICY.price("repas", GRID_DAY, quotient_familial=qf)
    assert raised.value.figure == MissingFigure("tarif 7", Decimal(qf))


def test_tarif_8_and_9_have_neither_threshold_nor_price() -> None:
    for name in ("tarif 7", "tarif 8", "tarif 9"):
        assert paris.MEAL_GRID_2020.bracket(name).unit_price is None, name
    for name in ("tarif 8", "tarif 9", "tarif 10"):
        assert paris.MEAL_GRID_2020.bracket(name).lower is None, name
    assert len(paris.MEAL_GRID_2020.brackets) == 10  # « dix tarifs »


@pytest.mark.parametrize("day", [GRID_DAY, SCHOOL_DAY])
def test_tarif_10_is_priced_for_a_family_without_a_valid_qf(day: date) -> None:
    # « le tarif maximal (tarif 10) sera appliqué à votre facture » (seed 004); « sept euros au
    # tarif maximum » (franceinfo, 2020).
    answer = quote(PARIS_POLICY, "repas", day)
    assert answer.price is not None
    assert (answer.price.bracket, answer.price.unit_price) == ("tarif 10", Money.euros("7.00"))
    assert answer.price.source.sourced
    assert "francetvinfo.fr" in answer.price.source.reference


@settings(max_examples=200, deadline=None, database=None)
@given(st.decimals(min_value=0, max_value=100_000, places=2))
def test_a_qf_is_priced_from_the_grid_or_said_unknown_never_guessed(qf: Decimal) -> None:
    answer = quote(PARIS_POLICY, "repas", GRID_DAY, context=PricingContext(qf))
    assert answer.known == (qf < 1901)
    if answer.price is None:
        assert answer.unknown is not None
        assert "'tarif 7'" in answer.unknown
        return
    assert answer.unknown is None
    assert not answer.price.unit_price.is_negative()
    # The grid is progressive: a family one euro poorer never pays more.
    poorer = quote(PARIS_POLICY, "repas", GRID_DAY, context=PricingContext(max(qf - 1, 0)))
    assert poorer.price is not None
    assert poorer.price.unit_price <= answer.price.unit_price


def _still_charged_at_the_office() -> CommunePolicy:
    """Paris with late cancellations at the office accepted and still billed at the price."""
    default = attrs.evolve(
        PARIS_POLICY.booking.default,
        late_cancel=LateHandling(online=Refuse(), office=KeepCharging()),
    )
    return attrs.evolve(PARIS_POLICY, booking=attrs.evolve(PARIS_POLICY.booking, default=default))


@pytest.mark.parametrize(("qf", "charge"), [("1900", Money.euros("4.61")), ("2500", None)])
def test_a_late_charge_no_source_gives_is_decided_and_said_unknown(
    qf: str, charge: Money | None
) -> None:
    policy = _still_charged_at_the_office()
    change = BookingChange(
        ChangeAction.CANCEL, "louise", "repas", WEDNESDAY, at(2024, 9, 10, 9), Channel.OFFICE
    )
    decision = policy.decide(change, context=PricingContext(qf))
    assert (decision.status, decision.reason) == (
        DecisionStatus.ACCEPTED_LATE,
        Reason.LATE_STILL_CHARGED,
    )
    assert decision.charge == charge
    if charge is not None:
        assert decision.missing_figure is None
        return
    assert decision.missing_figure == MissingFigure("tarif 7", Decimal(qf))
    assert decision.explain("fr").endswith(
        "le service reste facturé un montant qu'aucune source ne donne (un QF de 2\u202f500 est "
        "en « tarif 7 » ou au-delà)."
    )
    assert decision.explain("en").endswith(
        "the service is still charged an amount no source gives (a QF of 2,500 lies in "
        "“tarif 7” or above)."
    )
    assert policy.decide(change, context=PricingContext(qf)) == decision


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


# Fixed days for the year. « Attention les jours de fréquentation choisis sont fixes : 1, 2, 3, 4
# ou 5 jours par semaine. L'inscription à l'un de ces forfaits est annuelle. » (Caisse des écoles
# du 7e, http://cde7.fr/inscriptions-et-tarifs/); « Le mercredi est un jour de la restauration
# scolaire au même titre que les autres jours de la semaine » (the same page).
MON, WED, FRI = 0, 2, 4  # weekday numbers, 0=Monday


def _fixed_days() -> FixedDays:
    regime = PARIS_POLICY.regimes_of("repas")
    assert regime is not None
    assert regime.fixed_days is not None
    return regime.fixed_days


def test_the_fixed_days_book_exactly_the_chosen_weekdays_of_september_2024() -> None:
    # « 1, 2, 3, 4 ou 5 jours par semaine »: Monday, Wednesday and Friday, chosen for the year,
    # book every school day on them from the rentrée (Monday 2 September 2024), Wednesdays
    # included, and nothing else.
    booked = _fixed_days().booked_days(
        PARIS_POLICY.booking,
        "repas",
        {MON, WED, FRI},
        date(2024, 9, 1),
        date(2024, 9, 30),
    )
    assert [day.day for day in booked.days] == [
        2,
        4,
        6,
        9,
        11,
        13,
        16,
        18,
        20,
        23,
        25,
        27,
        30,
    ]
    assert {day.weekday() for day in booked.days} == {MON, WED, FRI}


def test_the_fixed_days_skip_the_holidays_and_the_armistice() -> None:
    # Mondays and Wednesdays from 14 October to 15 November 2024: the Vacances de la Toussaint
    # (zone C, 19 October to 3 November) and Monday 11 November (the Armistice) are not booked.
    booked = _fixed_days().booked_days(
        PARIS_POLICY.booking, "repas", {MON, WED}, date(2024, 10, 14), date(2024, 11, 15)
    )
    assert [day.isoformat() for day in booked.days] == [
        "2024-10-14",
        "2024-10-16",
        "2024-11-04",
        "2024-11-06",
        "2024-11-13",
    ]
    skipped = {day.day.isoformat(): day for day in booked.skipped}
    assert skipped["2024-11-11"].reason is SkipReason.PUBLIC_HOLIDAY
    for day in ("2024-10-21", "2024-10-23", "2024-10-28", "2024-10-30"):
        assert skipped[day].reason is SkipReason.SCHOOL_HOLIDAY, day


@pytest.mark.parametrize(
    ("weekdays", "reason"),
    [
        (set(), "choose from 1 to 5 weekdays"),
        # A sixth day can only be a Saturday: no meal is served that day.
        ({0, 1, 2, 3, 4, 5}, "the service 'repas' does not run that weekday under the regime"),
    ],
)
def test_the_fixed_days_refuse_zero_or_six_days(weekdays: set[int], reason: str) -> None:
    # « 1, 2, 3, 4 ou 5 jours par semaine »: no fewer than one, no more than five.
    with pytest.raises(InvalidValueError) as raised:
        _fixed_days().booked_days(
            PARIS_POLICY.booking, "repas", weekdays, date(2024, 9, 1), date(2024, 9, 30)
        )
    assert (raised.value.field, raised.value.reason) == ("weekdays", reason)
    assert _fixed_days().allowed_counts(frozenset(range(5))) == range(1, 6)


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5])
def test_the_fixed_days_accept_one_to_five_days(count: int) -> None:
    booked = _fixed_days().booked_days(
        PARIS_POLICY.booking, "repas", set(range(count)), date(2024, 9, 2), date(2024, 9, 6)
    )
    assert len(booked.days) == count


# « Dans le cas d'un changement de fréquentation envisagé en cours d'année scolaire, les familles
# doivent impérativement prévenir … 15 jours avant la période des futures vacances pour un effet
# sur le bimestre suivant. » (Caisse des écoles du 12e,
# https://cdeparis12.fr/espace-parents/le-reglement-de-la-restauration-scolaire). The Vacances de
# la Toussaint 2024 (zone C) start on Saturday 19 October: the deadline is 4 October at 00:00, and
# classes resume on Monday 4 November.
def test_a_change_one_second_before_the_deadline_takes_effect_after_the_toussaint() -> None:
    terms = _fixed_days().changes
    assert (terms.effect, terms.notice_days) == (ChangeEffect.NEXT_PERIOD, 15)
    change = terms.takes_effect(PARIS_POLICY.calendar, at(2024, 10, 3, 23, 59, 59))
    assert change is not None
    assert (change.from_day, change.deadline) == (date(2024, 11, 4), at(2024, 10, 4))


def test_a_change_at_the_deadline_waits_for_the_next_holidays() -> None:
    # Too late for the Toussaint: the next holidays are the Vacances de Noël, from Saturday
    # 21 December 2024 (deadline 6 December at 00:00); classes resume on Monday 6 January 2025.
    change = _fixed_days().changes.takes_effect(PARIS_POLICY.calendar, at(2024, 10, 4))
    assert change is not None
    assert (change.from_day, change.deadline) == (date(2025, 1, 6), at(2024, 12, 6))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_explain_cites_the_fixed_days_and_their_change_terms(lang: str) -> None:
    rules = {rule.topic: rule for rule in PARIS_POLICY.explain(lang)}
    regime = rules["regime.repas.fixed_days"]
    assert not regime.is_default
    assert regime.source is not None
    assert "cde7.fr/inscriptions-et-tarifs" in regime.source.reference
    assert "1, 2, 3, 4 ou 5 jours par semaine" in regime.source.reference
    assert "L'inscription à l'un de ces forfaits est annuelle" in regime.source.reference
    assert regime.text == (
        "« Restauration scolaire », Forfait annuel : de 1 à 5 jours fixes par semaine, chaque "
        "jour de service de ces jours réservé sans délai."
        if lang == "fr"
        else "« Restauration scolaire », Forfait annuel: from 1 to 5 fixed days a week, each "
        "service day on those weekdays booked with no deadline."
    )
    changes = rules["regime.repas.fixed_days.changes"]
    assert not changes.is_default
    assert changes.source is not None
    assert "cdeparis12.fr" in changes.source.reference
    assert "15 jours avant la période des futures vacances" in changes.source.reference
    assert ("15 jours avant" if lang == "fr" else "15 days before") in changes.text


def test_paris_with_its_fixed_days_still_obeys_the_laws() -> None:
    check_policy(PARIS_POLICY)


def test_a_paris_family_on_fixed_days_is_billed_each_booked_day() -> None:
    # « les jours de fréquentation choisis sont fixes : 1, 2, 3, 4 ou 5 jours par semaine »
    # (cde7.fr): Louise comes on Monday, Wednesday and Friday for the year. Her family's
    # attestation came in June, before the 23 August deadline: tarif 3 (« De 385 € à 548 € »,
    # 1,62 €), carried into 2024/2025 as the policy's default.
    scenario = loads_scenario(
        """
commune = "paris"
start = 2024-09-01
end = 2024-09-30
family = { id = "CDE-7-0042" }
children = [{ id = "louise", first_name = "Louise", birth_date = 2016-04-04 }]

[[quotient_records]]
quotient_familial = "500"
document = "caf_attestation"
issued_on = 2024-06-03
received_on = 2024-06-20

[[regimes]]
child = "louise"
service = "repas"
regime = "fixed_days"
weekdays = ["lundi", "mercredi", "vendredi"]
"""
    )
    result = bill(scenario)
    lines = result.invoice.lines
    assert [line.day.day for line in lines] == [2, 4, 6, 9, 11, 13, 16, 18, 20, 23, 25, 27, 30]
    assert {(line.child_id, line.tariff_name, line.unit_price) for line in lines} == {
        ("louise", "tarif 3", Money.euros("1.62"))
    }
    assert result.invoice.total == Money.euros("21.06")  # 13 × 1,62 €
