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
from cantine_rules.billing import quote
from cantine_rules.calendar import Zone
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
