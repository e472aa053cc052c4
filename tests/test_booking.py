"""Deciding booking changes: on time, late per channel, surcharges, waivers, who may book."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules import (
    EUROPE_PARIS,
    Booking,
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    Family,
    IllegalTransitionError,
    InvalidTypeError,
    Justification,
    Money,
    NaiveDatetimeError,
    RequestState,
    Service,
    ServiceKind,
    UnknownServiceError,
)
from cantine_rules.calendar import SchoolCalendar, ServiceDays, Zone
from cantine_rules.policies import (
    AcceptLate,
    AcceptWithSurcharge,
    AllOf,
    BasePlus,
    BaseTimes,
    BookingRules,
    ChangeWindow,
    Decision,
    DecisionStatus,
    FamilyAccount,
    FlatPenalty,
    FlatPrice,
    FreeAllowance,
    HoursBefore,
    KeepCharging,
    LateContext,
    LateHandling,
    MaxHorizon,
    MedicalWaiver,
    MissingPriceError,
    Reason,
    Refuse,
    Requirements,
    ServiceRules,
    WeekdayBefore,
    WorkingDaysBefore,
    decided_charges,
    planning_between,
    submit,
)
from cantine_rules.pricing.accounts import DecidedCharge
from cantine_rules.rules.deadlines import service_start
from cantine_rules.rules.decisions import format_day
from cantine_rules.rules.window_table import ChangeWindowTable
from tests._helpers import paris, refusal

CAL_B = SchoolCalendar(Zone.B)
MEAL = Service("repas", "Restauration scolaire", ServiceKind.MEAL, time(12, 0), time(13, 30))
MORNING = Service("matin", "Accueil du matin", ServiceKind.MORNING_CARE, time(7, 30), time(8, 30))
EVENING = Service("soir", "Accueil du soir", ServiceKind.EVENING_CARE, time(16, 30), time(18, 30))
WEDNESDAY = Service(
    "mercredi", "ALSH mercredi", ServiceKind.WEDNESDAY_CENTRE, time(8, 0), time(18, 0)
)
HOLIDAYS = Service("vacances", "ALSH vacances", ServiceKind.HOLIDAY_CENTRE, time(8), time(18))
ALSH = Refuse(contact="l'ALSH")


def periscolaire(flat: str) -> ServiceRules:
    # Seed 002: « Périscolaire Hors délais (- 48h) : Un ajout vous sera facturé d'un tarif majoré
    # (4€ le matin / 10€ le soir) — Une annulation vous sera facturé le prix du service ».
    return ServiceRules(
        add=WorkingDaysBefore(2),
        cancel=WorkingDaysBefore(2),
        late_add=LateHandling(ALSH, AcceptWithSurcharge(FlatPrice(Money.euros(flat)))),
        late_cancel=LateHandling(ALSH, KeepCharging()),
    )


# Seed 002: « Mercredi et Vacances (- 7 jours) : Un ajout vous sera facturé d'un tarif majoré
# (tarif journée + 3€) — Une annulation vous sera facturé le prix du service ».
CENTRE = ServiceRules(
    add=WorkingDaysBefore(5),
    cancel=WorkingDaysBefore(5),
    late_add=LateHandling(ALSH, AcceptWithSurcharge(BasePlus(Money.euros(3)))),
    late_cancel=LateHandling(ALSH, KeepCharging()),
)
SEED_002 = BookingRules(
    CAL_B,
    (MEAL, MORNING, EVENING, WEDNESDAY, HOLIDAYS),
    default=periscolaire("10"),
    by_kind={
        ServiceKind.WEDNESDAY_CENTRE: CENTRE,
        ServiceKind.HOLIDAY_CENTRE: CENTRE,
        ServiceKind.MORNING_CARE: periscolaire("4"),
    },
)
CHANTRAINE_LIKE = BookingRules(
    CAL_B, (MEAL,), ServiceRules(add=HoursBefore(48), cancel=HoursBefore(48))
)


def change(
    action: ChangeAction,
    service: str,
    day: date,
    at: datetime,
    channel: Channel = Channel.ONLINE,
    child: str = "c1",
    justification: Justification | None = None,
) -> BookingChange:
    return BookingChange(action, child, service, day, at, channel, justification)


ADD, CANCEL = ChangeAction.ADD, ChangeAction.CANCEL
ONLINE, OFFICE = Channel.ONLINE, Channel.OFFICE
THURSDAY = date(2024, 9, 19)


# On time and late, per channel ------------------------------------------------------------------


def test_chantraine_48h_boundary() -> None:
    # Seed 000: « les réservations sont prises en compte 48h avant le repas ».
    deadline = paris(2024, 9, 17, 12, 0)
    on_time = CHANTRAINE_LIKE.decide(
        change(CANCEL, "repas", THURSDAY, deadline - timedelta(seconds=1))
    )
    assert on_time.status is DecisionStatus.ACCEPTED
    assert on_time.reason is Reason.ON_TIME
    assert on_time.deadline == deadline
    assert on_time.service_start == paris(2024, 9, 19, 12, 0)
    assert on_time.charge is None
    for at in (deadline, deadline + timedelta(seconds=1)):
        late = CHANTRAINE_LIKE.decide(change(CANCEL, "repas", THURSDAY, at))
        assert late.status is DecisionStatus.REFUSED
        assert late.reason is Reason.TOO_LATE
        assert late.charge is None


def test_seed_002_late_change_online_is_refused_with_contact_the_alsh() -> None:
    # Seed 002: « Passé ces délais il vous sera impossible d'inscrire/désinscrire vos enfants en
    # ligne. Votre solution, contacter l'ALSH afin de procéder à l'inscription ou l'annulation. »
    decision = SEED_002.decide(change(ADD, "soir", THURSDAY, paris(2024, 9, 17, 16, 30)))
    assert decision.status is DecisionStatus.REFUSED
    assert decision.reason is Reason.TOO_LATE_CONTACT
    assert decision.detail == "l'ALSH"
    assert "contactez l'ALSH" in decision.explain()
    assert "please contact l'ALSH" in decision.explain("en")


@pytest.mark.parametrize(("service", "flat"), [("matin", "4.00"), ("soir", "10.00")])
def test_seed_002_late_periscolaire_add_at_the_office_costs_the_surcharged_price(
    service: str, flat: str
) -> None:
    # Seed 002: « Un ajout vous sera facturé d'un tarif majoré (4€ le matin / 10€ le soir) ».
    decision = SEED_002.decide(
        change(ADD, service, THURSDAY, paris(2024, 9, 18, 9, 0), OFFICE), price=Money.euros("2.10")
    )
    assert decision.status is DecisionStatus.ACCEPTED_LATE
    assert decision.reason is Reason.LATE_SURCHARGE
    assert decision.charge == Money.euros(flat)


def test_seed_002_late_wednesday_add_at_the_office_costs_day_price_plus_3() -> None:
    # Seed 002: « Un ajout vous sera facturé d'un tarif majoré (tarif journée + 3€) ».
    wednesday = date(2024, 9, 18)
    decision = SEED_002.decide(
        change(ADD, "mercredi", wednesday, paris(2024, 9, 12, 9, 0), OFFICE),
        price=Money.euros("12.50"),
    )
    assert decision.deadline == paris(2024, 9, 11, 8, 0)
    assert decision.charge == Money.euros("15.50")
    with pytest.raises(MissingPriceError) as caught:
        SEED_002.decide(change(ADD, "mercredi", wednesday, paris(2024, 9, 12, 9, 0), OFFICE))
    assert isinstance(caught.value, LookupError)


def test_seed_002_late_cancellation_at_the_office_is_billed_the_price() -> None:
    # Seed 002: « Une annulation vous sera facturé le prix du service ».
    decision = SEED_002.decide(
        change(CANCEL, "soir", THURSDAY, paris(2024, 9, 18, 9, 0), OFFICE),
        price=Money.euros("2.10"),
    )
    assert decision.status is DecisionStatus.ACCEPTED_LATE
    assert decision.reason is Reason.LATE_STILL_CHARGED
    assert decision.charge == Money.euros("2.10")


def test_explanation_names_deadline_and_amount_in_french_and_english() -> None:
    decision = SEED_002.decide(
        change(CANCEL, "soir", THURSDAY, paris(2024, 9, 18, 9, 0), OFFICE),
        price=Money.euros("2.10"),
    )
    assert decision.explain() == (
        "Annulation hors délai : le délai (2 jours ouvrés avant le service) pour « Accueil du "
        "soir » du jeudi 19 septembre 2024 a expiré le mardi 17 septembre 2024 à 16:30 ; le "
        "service reste facturé 2,10\u00a0€."
    )
    assert decision.explain("en") == (
        "Late cancellation: the deadline (2 working days before the service) for “Accueil du "
        "soir” on Thursday 19 September 2024 passed on Tuesday 17 September 2024 at 16:30; the "
        "service is still charged €2.10."
    )
    with pytest.raises(ValueError, match="lang"):
        decision.explain("de")


def test_on_time_explanation_names_the_deadline() -> None:
    decision = SEED_002.decide(change(ADD, "soir", THURSDAY, paris(2024, 9, 16, 9, 0)))
    assert "mardi 17 septembre 2024 à 16:30" in decision.explain()
    assert "Tuesday 17 September 2024 at 16:30" in decision.explain("en")


def test_saint_just_thursday_17h_nothing_taken_after() -> None:
    # Seed 003: « au plus tard avant le Jeudi 17h pour la semaine suivante. Attention, aucune
    # inscription ne sera prise en compte passé ce délai. »
    rules = BookingRules(
        SchoolCalendar(Zone.A),
        (MEAL,),
        ServiceRules(WeekdayBefore(3, time(17)), WeekdayBefore(3, time(17))),
    )
    monday = date(2024, 9, 23)
    accepted = rules.decide(change(ADD, "repas", monday, paris(2024, 9, 19, 16, 59, 59)))
    refused = rules.decide(change(ADD, "repas", monday, paris(2024, 9, 19, 17, 0, 0)))
    office = rules.decide(change(ADD, "repas", monday, paris(2024, 9, 19, 17, 0, 0), OFFICE))
    assert accepted.status is DecisionStatus.ACCEPTED
    assert refused.status is DecisionStatus.REFUSED
    assert office.status is DecisionStatus.REFUSED
    # « Vous pouvez renseigner à l'avance les repas sans aucun problème. »
    far = rules.decide(change(ADD, "repas", date(2025, 6, 2), paris(2024, 9, 19, 17, 0)))
    assert far.status is DecisionStatus.ACCEPTED


# Surcharge models and waivers ------------------------------------------------------------------


def office_rules(surcharge: object, cancel: object = None) -> BookingRules:
    return BookingRules(
        CAL_B,
        (MEAL,),
        ServiceRules(
            HoursBefore(48),
            HoursBefore(48),
            late_add=LateHandling(Refuse(), AcceptWithSurcharge(surcharge)),  # type: ignore[arg-type]
            late_cancel=LateHandling(Refuse(), cancel or KeepCharging()),  # type: ignore[arg-type]
        ),
    )


LATE_AT = paris(2024, 9, 18, 9, 0)


def test_plus_fifty_percent_rounds_once_half_up() -> None:
    rules = office_rules(BaseTimes(Decimal("1.5")))
    decision = rules.decide(
        change(ADD, "repas", THURSDAY, LATE_AT, OFFICE), price=Money.euros("2.35")
    )
    assert decision.charge == Money.euros("3.53")


def test_free_allowance_then_surcharge() -> None:
    rules = office_rules(FreeAllowance(2, BaseTimes(Decimal("1.5"))))
    price = Money.euros("3.00")
    first = rules.decide(change(ADD, "repas", THURSDAY, LATE_AT, OFFICE), price=price)
    third = rules.decide(
        change(ADD, "repas", THURSDAY, LATE_AT, OFFICE),
        price=price,
        context=LateContext(prior_late_in_month=2),
    )
    assert first.charge == price
    assert third.charge == Money.euros("4.50")


def test_free_allowance_counted_across_a_basket_in_canonical_order() -> None:
    rules = office_rules(FreeAllowance(2, BaseTimes(Decimal("1.5"))))
    days = [date(2024, 9, 19), date(2024, 9, 20), date(2024, 9, 23), date(2024, 9, 24)]
    changes = [change(ADD, "repas", day, day_at(day), OFFICE) for day in days]

    def price_of(child: str, service: Service, day: date) -> Money:
        return Money.euros("3.00")

    charges = [d.charge for d in rules.decide_many(changes, price_of=price_of)]
    assert charges == [Money.euros("3.00")] * 2 + [Money.euros("4.50")] * 2
    shuffled = changes[::-1]
    by_day = {d.change.day: d.charge for d in rules.decide_many(shuffled, price_of=price_of)}
    assert [by_day[day] for day in days] == charges


def day_at(day: date) -> datetime:
    """One hour before the service: always late under a 48-hour rule."""
    return datetime.combine(day, time(11, 0), tzinfo=EUROPE_PARIS)


def test_flat_penalty_charged_once_per_family_in_a_basket() -> None:
    rules = office_rules(FlatPenalty(Money.euros(5)))
    family = Family(
        "F1", children=(Child("a", "Ana", date(2016, 1, 1)), Child("b", "Ben", date(2018, 1, 1)))
    )
    account = FamilyAccount(family, True, registrations={("a", "repas"), ("b", "repas")})
    changes = [
        change(ADD, "repas", THURSDAY, LATE_AT, OFFICE, child="a"),
        change(ADD, "repas", THURSDAY, LATE_AT, OFFICE, child="b"),
    ]
    decisions = rules.decide_many(
        changes,
        accounts={"a": account, "b": account},
        price_of=lambda child, service, day: Money.euros("3.00"),
    )
    assert sorted(d.charge for d in decisions if d.charge) == [Money.euros(3), Money.euros(8)]


def sick_cancellations() -> list[BookingChange]:
    """Late cancellations at the office, with a medical certificate, for Thursday 19 September,
    Friday 20 and Monday 23 September 2024: one sick absence across a weekend."""
    return [
        change(
            CANCEL,
            "repas",
            day,
            day_at(day),
            OFFICE,
            justification=Justification.MEDICAL_CERTIFICATE,
        )
        for day in (date(2024, 9, 19), date(2024, 9, 20), date(2024, 9, 23))
    ]


def test_medical_certificate_waives_a_late_cancellation_after_the_waiting_day() -> None:
    rules = office_rules(FlatPrice(Money.euros(4)), KeepCharging(MedicalWaiver(waiting_days=1)))
    changes = sick_cancellations()
    decisions = rules.decide_many(changes, price_of=lambda c, s, d: Money.euros("3.20"))
    # « jour de carence »: the first sick day is still charged, the next ones are not — the
    # weekend between Friday and Monday does not break the absence.
    assert [d.reason for d in decisions] == [
        Reason.LATE_STILL_CHARGED,
        Reason.LATE_CHARGE_WAIVED,
        Reason.LATE_CHARGE_WAIVED,
    ]
    assert [d.charge for d in decisions] == [Money.euros("3.20"), Money.zero(), Money.zero()]
    assert "certificat médical" in decisions[1].explain()
    unjustified = rules.decide(
        change(CANCEL, "repas", THURSDAY, LATE_AT, OFFICE), price=Money.euros("3.20")
    )
    assert unjustified.charge == Money.euros("3.20")


def test_accept_late_without_charge() -> None:
    rules = office_rules(FlatPrice(Money.euros(4)), AcceptLate())
    decision = rules.decide(change(CANCEL, "repas", THURSDAY, LATE_AT, OFFICE))
    assert decision.status is DecisionStatus.ACCEPTED_LATE
    assert decision.reason is Reason.LATE_ACCEPTED
    assert decision.charge is None
    assert "sans frais" in decision.explain()


# Who may book, and which days ------------------------------------------------------------------

FAMILY = Family("F-7", children=(Child("c1", "Louise", date(2017, 3, 2)),))


@pytest.mark.parametrize(
    ("account", "requirements", "reason"),
    [
        (
            FamilyAccount(FAMILY, False, True, {("c1", "repas")}),
            Requirements(),
            Reason.ACCOUNT_NOT_VALIDATED,
        ),
        (FamilyAccount(Family("F-7"), True, True), Requirements(), Reason.CHILD_NOT_IN_FAMILY),
        (FamilyAccount(FAMILY, True, True), Requirements(), Reason.CHILD_NOT_REGISTERED),
        (
            FamilyAccount(FAMILY, True, False, {("c1", "repas")}),
            Requirements(dossier_validated=True),
            Reason.DOSSIER_NOT_VALIDATED,
        ),
    ],
)
def test_who_may_book(account: FamilyAccount, requirements: Requirements, reason: Reason) -> None:
    # Seed 000: « la mairie va vérifier vos informations, et valider votre compte à son tour »;
    # « Vous devez ajouter vos enfants avant de planifier la cantine ». Seed 004: « Suite à la
    # validation de votre dossier, vous pouvez inscrire votre enfant ».
    rules = attrs.evolve(CHANTRAINE_LIKE, requirements=requirements)
    decision = rules.decide(
        change(ADD, "repas", THURSDAY, paris(2024, 9, 1, 9, 0)), account=account
    )
    assert decision.status is DecisionStatus.REFUSED
    assert decision.reason is reason
    assert decision.explain().startswith("Ajout refusé : ")
    assert decision.explain("en").startswith("Addition refused: ")


def test_eligible_family_is_accepted() -> None:
    account = FamilyAccount(FAMILY, True, True, {("c1", "repas")})
    decision = CHANTRAINE_LIKE.decide(
        change(ADD, "repas", THURSDAY, paris(2024, 9, 1, 9, 0)), account=account
    )
    assert decision.status is DecisionStatus.ACCEPTED


@pytest.mark.parametrize(
    ("service", "day", "detail"),
    [
        ("repas", date(2024, 9, 18), None),  # a Wednesday
        ("repas", date(2024, 10, 22), "Vacances de la Toussaint"),
        ("repas", date(2024, 11, 11), "Armistice"),
        ("mercredi", date(2024, 10, 23), "Vacances de la Toussaint"),
        ("vacances", date(2024, 9, 19), None),
    ],
)
def test_a_day_the_service_does_not_run_is_refused_with_its_reason(
    service: str, day: date, detail: str | None
) -> None:
    decision = SEED_002.decide(change(ADD, service, day, paris(2024, 9, 1, 9, 0)))
    assert decision.status is DecisionStatus.REFUSED
    assert decision.reason is Reason.NOT_A_SERVICE_DAY
    assert decision.detail == detail
    assert f"({detail or 'pas de service ce jour-là'})" in decision.explain()
    assert f"({detail or 'no service that day'})" in decision.explain("en")


def test_commune_closure_is_named() -> None:
    from cantine_rules.calendar import Closure

    calendar = SchoolCalendar(Zone.B, closures=(Closure(date(2024, 9, 19), "Grève"),))
    rules = attrs.evolve(SEED_002, calendar=calendar)
    decision = rules.decide(change(ADD, "repas", THURSDAY, paris(2024, 9, 1, 9, 0)))
    assert decision.detail == "Grève"
    assert "n'a pas lieu le jeudi 19 septembre 2024 (Grève)" in decision.explain()


def test_unknown_service_is_a_lookup_error_not_a_bare_key_error() -> None:
    with pytest.raises(UnknownServiceError) as caught:
        SEED_002.decide(change(ADD, "piscine", THURSDAY, paris(2024, 9, 1, 9, 0)))
    assert caught.value.known == ("matin", "mercredi", "repas", "soir", "vacances")
    assert not isinstance(caught.value, KeyError)
    with pytest.raises(UnknownServiceError):
        SEED_002.window(ADD, "piscine", THURSDAY)


def test_naive_datetime_is_refused_before_any_decision() -> None:
    with pytest.raises(NaiveDatetimeError):
        change(ADD, "repas", THURSDAY, datetime(2024, 9, 1, 9, 0))


def test_bad_inputs() -> None:
    with pytest.raises(InvalidTypeError):
        SEED_002.decide("change")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="price"):
        SEED_002.decide(change(ADD, "repas", THURSDAY, LATE_AT), price=Money.euros("-1"))
    with pytest.raises(ValueError, match="services"):
        BookingRules(CAL_B, (MEAL, MEAL), SEED_002.default)
    with pytest.raises(UnknownServiceError):
        BookingRules(CAL_B, (MEAL,), SEED_002.default, by_service={"soir": SEED_002.default})
    with pytest.raises(InvalidTypeError):
        ServiceRules("48h", HoursBefore(48))  # type: ignore[arg-type]


def test_rule_lookup_prefers_code_then_kind_then_default() -> None:
    special = ServiceRules(HoursBefore(1), HoursBefore(1))
    rules = attrs.evolve(SEED_002, by_service={"soir": special})
    assert rules.rules_for("soir") is special
    assert rules.rules_for("matin") == periscolaire("4")
    assert rules.rules_for("mercredi") is CENTRE
    assert rules.rules_for("repas") == periscolaire("10")


# Batches ---------------------------------------------------------------------------------------


def test_period_booking_every_tuesday_is_decided_once_per_day() -> None:
    # Seed 002: « J'ouvre pour la période du 01/09/2021 au 04/07/2022, si je coche périscolaire
    # soir le mardi, cela signifie que mon enfant sera inscrit tous les mardis de l'année ».
    calls: list[date] = []

    @attrs.frozen
    class Counting:
        inner: WorkingDaysBefore

        def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
            calls.append(day)
            return self.inner.window(service, day, calendar)

        def describe(self, lang: str = "fr") -> str:
            return self.inner.describe(lang)

    counting = Counting(WorkingDaysBefore(2))
    rules = BookingRules(CAL_B, (EVENING,), ServiceRules(counting, counting))
    expansion = CAL_B.expand(
        ServiceKind.EVENING_CARE, date(2021, 9, 1), date(2022, 7, 4), weekdays=frozenset({1})
    )
    children = [f"child-{n}" for n in range(50)]
    result = rules.decide_period(children, "soir", expansion.days, ADD, paris(2021, 8, 20, 10, 0))
    assert len(calls) == len(expansion.days)
    assert len(result) == 50 * len(expansion.days)
    assert result.accepted_days() == expansion.days
    decisions = list(result)
    assert {d.change.child_id for d in decisions} == set(children)
    assert all(d.status is DecisionStatus.ACCEPTED for d in decisions)


def test_period_booking_made_late_refuses_the_first_days() -> None:
    days = CAL_B.service_days(ServiceKind.EVENING_CARE, date(2024, 9, 16), date(2024, 9, 27))
    result = SEED_002.decide_period(["c1"], "soir", days, ADD, paris(2024, 9, 17, 16, 30))
    assert result.refused_days() == (date(2024, 9, 16), date(2024, 9, 17), date(2024, 9, 19))
    assert result.accepted_days()[0] == date(2024, 9, 20)


def test_decide_many_is_the_same_as_deciding_each() -> None:
    rng = random.Random(7)
    days = CAL_B.service_days(ServiceKind.MEAL, date(2024, 9, 2), date(2024, 10, 18))
    changes = [
        change(
            rng.choice([ADD, CANCEL]),
            rng.choice(["repas", "soir", "matin"]),
            rng.choice(days),
            paris(2024, 9, 1, 8, 0) + timedelta(hours=rng.randrange(0, 24 * 50)),
            rng.choice([ONLINE, OFFICE]),
            child=rng.choice(["a", "b", "c"]),
        )
        for _ in range(200)
    ]

    def price_of(child: str, service: Service, day: date) -> Money:
        return Money.euros("2.50")

    many = SEED_002.decide_many(changes, price_of=price_of)
    one_by_one = tuple(SEED_002.decide(c, price=Money.euros("2.50")) for c in changes)
    assert many == one_by_one


# The request state machine ---------------------------------------------------------------------


def test_request_states_driven_by_decisions() -> None:
    # Seed 002: « Demande en cours / Demande validée / Demande d'annulation / Demande refusée ».
    accepted_add = SEED_002.decide(change(ADD, "soir", THURSDAY, paris(2024, 9, 16, 9)))
    refused_add = SEED_002.decide(change(ADD, "soir", THURSDAY, paris(2024, 9, 18, 9)))
    pending = submit(accepted_add)
    assert pending == Booking("c1", "soir", THURSDAY, RequestState.PENDING)
    assert submit(refused_add) == Booking("c1", "soir", THURSDAY, RequestState.REFUSED)
    assert submit(accepted_add, auto_validate=True).state is RequestState.VALIDATED  # type: ignore[union-attr]
    validated = pending.transition(RequestState.VALIDATED)  # type: ignore[union-attr]
    assert submit(accepted_add, validated) is validated  # already booked: nothing changes

    accepted_cancel = SEED_002.decide(change(CANCEL, "soir", THURSDAY, paris(2024, 9, 16, 9)))
    refused_cancel = SEED_002.decide(change(CANCEL, "soir", THURSDAY, paris(2024, 9, 18, 9)))
    requested = submit(accepted_cancel, validated)
    assert requested.state is RequestState.CANCELLATION_REQUESTED  # type: ignore[union-attr]
    assert requested.transition(RequestState.CANCELLED).state is RequestState.CANCELLED  # type: ignore[union-attr]
    assert submit(refused_cancel, validated) is validated
    assert submit(accepted_cancel, validated, auto_validate=True).state is RequestState.CANCELLED  # type: ignore[union-attr]
    assert submit(accepted_cancel, None) is None
    with pytest.raises(IllegalTransitionError):
        submit(accepted_cancel, pending)  # a pending request cannot be cancelled this way


# Properties ------------------------------------------------------------------------------------

INSTANTS = st.datetimes(
    min_value=datetime(2024, 8, 1), max_value=datetime(2025, 7, 1), timezones=st.just(EUROPE_PARIS)
)
SCHOOL_DAYS = st.sampled_from(
    CAL_B.service_days(ServiceKind.MEAL, date(2024, 9, 2), date(2025, 7, 4))
)
ACTIONS = st.sampled_from([ADD, CANCEL])
CHANNELS = st.sampled_from([ONLINE, OFFICE])
SERVICES = st.sampled_from(["repas", "matin", "soir"])
PRICES = st.integers(0, 5000).map(Money.from_cents)

_RANK = {DecisionStatus.ACCEPTED: 0, DecisionStatus.ACCEPTED_LATE: 1, DecisionStatus.REFUSED: 2}


@given(ACTIONS, SERVICES, SCHOOL_DAYS, INSTANTS, CHANNELS, PRICES, st.integers(0, 10**7))
def test_laws_of_decisions(
    action: ChangeAction,
    service: str,
    day: date,
    at: datetime,
    channel: Channel,
    price: Money,
    earlier_by: int,
) -> None:
    the_change = change(action, service, day, at, channel)
    decision = SEED_002.decide(the_change, price=price)
    # A deadline is never after the service starts.
    assert decision.deadline is not None
    assert decision.deadline <= service_start(SEED_002.service(service), day)
    # Deciding the same change twice gives the same decision.
    assert SEED_002.decide(the_change, price=price) == decision
    # An accepted-late change never has a negative charge.
    if decision.status is DecisionStatus.ACCEPTED_LATE:
        assert decision.charge is not None
        assert not decision.charge.is_negative()
    # A change made earlier than this one is treated no worse.
    earlier = attrs.evolve(the_change, requested_at=at - timedelta(seconds=earlier_by))
    earlier_decision = SEED_002.decide(earlier, price=price)
    assert _RANK[earlier_decision.status] <= _RANK[decision.status]
    # The explanation is rendered in both languages and names the deadline.
    assert str(decision.deadline.day) in decision.explain()
    assert str(decision.deadline.day) in decision.explain("en")


def test_late_decisions_become_invoice_charges() -> None:
    from cantine_rules.pricing.accounts import LineKind, build_invoice, flat_pricer

    late_add = SEED_002.decide(
        change(ADD, "soir", THURSDAY, paris(2024, 9, 18, 9), OFFICE), price=Money.euros("2.10")
    )
    late_cancel = SEED_002.decide(
        change(CANCEL, "matin", THURSDAY, paris(2024, 9, 18, 9), OFFICE, child="c2"),
        price=Money.euros("1.50"),
    )
    on_time = SEED_002.decide(change(ADD, "repas", THURSDAY, paris(2024, 9, 1, 9)))
    charges = decided_charges([late_add, late_cancel, on_time])
    assert set(charges) == {("c1", "soir", THURSDAY), ("c2", "matin", THURSDAY)}
    assert charges["c1", "soir", THURSDAY].amount == Money.euros(10)
    assert charges["c2", "matin", THURSDAY].label == "prix du service"
    invoice = build_invoice(
        [Booking("c1", "soir", THURSDAY), Booking("c1", "repas", THURSDAY)],
        flat_pricer(Money.euros("3.00"), "tarif unique"),
        start=date(2024, 9, 1),
        end=date(2024, 9, 30),
        decided_charges=charges,
    )
    lines = {(line.child_id, line.service_code): (line.kind, line.amount) for line in invoice.lines}
    assert lines == {
        ("c1", "repas"): (LineKind.BOOKED, Money.euros(3)),
        ("c1", "soir"): (LineKind.DECIDED, Money.euros(10)),
        ("c2", "matin"): (LineKind.DECIDED, Money.euros("1.50")),
    }
    assert invoice.total == Money.euros("14.50")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_reason_has_an_explanation_in_both_languages(lang: str) -> None:
    from cantine_rules.rules._messages import MESSAGES

    assert {f"reason.{reason.value}" for reason in Reason} <= set(MESSAGES[lang])


def test_only_changes_decided_late_use_up_the_free_allowance() -> None:
    # A late change refused because the child is not registered, or made for a day without
    # service, is not a late change the family made: it does not use up the allowance.
    rules = office_rules(FreeAllowance(1, BaseTimes(Decimal("1.5"))))
    family = Family("F1", children=(Child("a", "Ana", date(2016, 1, 1)),))
    account = FamilyAccount(family, True, registrations={("a", "repas")})
    not_registered = FamilyAccount(family, True)
    wednesday = date(2024, 9, 18)
    changes = [
        change(ADD, "repas", wednesday, day_at(wednesday), OFFICE, child="a"),
        change(ADD, "repas", date(2024, 9, 19), day_at(date(2024, 9, 19)), OFFICE, child="b"),
        change(ADD, "repas", date(2024, 9, 20), day_at(date(2024, 9, 20)), OFFICE, child="a"),
    ]
    decisions = rules.decide_many(
        changes,
        accounts={"a": account, "b": not_registered},
        price_of=lambda child, service, day: Money.euros("3.00"),
    )
    assert [d.reason for d in decisions] == [
        Reason.NOT_A_SERVICE_DAY,
        Reason.CHILD_NOT_IN_FAMILY,
        Reason.LATE_SURCHARGE,
    ]
    assert decisions[2].charge == Money.euros("3.00")  # the first late change: normal price


def test_surcharge_words() -> None:
    assert BasePlus(Money.euros(3)).describe() == "tarif normal + 3,00\u00a0€"
    assert BasePlus(Money.zero()).describe("en") == "normal price"
    assert BaseTimes(Decimal("1.5")).describe() == "tarif normal + 50 %"
    assert FlatPrice(Money.euros(4)).describe("en") == "surcharged price €4.00"


# Exact refusals ---------------------------------------------------------------------------------

SOME_RULES = ServiceRules(HoursBefore(48), HoursBefore(48))
KNOWN = "known: matin, mercredi, repas, soir, vacances"


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: ServiceRules("48h", HoursBefore(48)),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "add",
                "48h",
                "add: must be a deadline rule (ChangeWindowRule) (got '48h' of type str)",
            ),
        ),
        (
            lambda: BookingRules(CAL_B, (MEAL, "soir"), SOME_RULES),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "services[1]",
                "soir",
                "services[1]: must be a Service (got 'soir' of type str)",
            ),
        ),
        (
            lambda: BookingRules(CAL_B, (MEAL, MEAL), SOME_RULES),
            (
                "InvalidValueError",
                "services[1].code",
                "repas",
                "services[1].code: appears twice (got 'repas')",
            ),
        ),
        (
            lambda: BookingRules(CAL_B, (), SOME_RULES),
            (
                "InvalidValueError",
                "services",
                (),
                "services: must hold at least one service (got ())",
            ),
        ),
        (
            lambda: BookingRules(CAL_B, (MEAL,), SOME_RULES, by_kind={"meal": SOME_RULES}),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "by_kind",
                "meal",
                "by_kind: must map ServiceKind to ServiceRules (got 'meal' of type str)",
            ),
        ),
        (
            lambda: BookingRules(CAL_B, (MEAL,), SOME_RULES, by_kind={ServiceKind.MEAL: "48h"}),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "by_kind",
                ServiceKind.MEAL,
                "by_kind: must map ServiceKind to ServiceRules "
                "(got <ServiceKind.MEAL: 'meal'> of type ServiceKind)",
            ),
        ),
        (
            lambda: BookingRules(CAL_B, (MEAL,), SOME_RULES, by_service={"repas": "48h"}),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "by_service",
                "repas",
                "by_service: must map a service code to ServiceRules (got 'repas' of type str)",
            ),
        ),
        (
            lambda: BookingRules(CAL_B, (MEAL,), SOME_RULES, by_service={"soir": SOME_RULES}),
            (
                "UnknownServiceError",
                "by_service",
                "soir",
                "by_service: unknown 'soir'; known: repas",
            ),
        ),
        (
            lambda: BookingRules(CAL_B, (MEAL,), SOME_RULES, service_days={"soir": frozenset()}),
            (
                "UnknownServiceError",
                "service_days",
                "soir",
                "service_days: unknown 'soir'; known: repas",
            ),
        ),
        (
            lambda: BookingRules(CAL_B, (MEAL,), SOME_RULES, service_days={"repas": {"weekdays"}}),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "service_days.repas",
                "weekdays",
                "service_days.repas: must be ServiceDays (got 'weekdays' of type str)",
            ),
        ),
        (
            lambda: SEED_002.service("piscine"),
            ("UnknownServiceError", "service", "piscine", f"service: unknown 'piscine'; {KNOWN}"),
        ),
        (
            lambda: SEED_002.decide(change(ADD, "piscine", THURSDAY, LATE_AT)),
            ("UnknownServiceError", "service", "piscine", f"service: unknown 'piscine'; {KNOWN}"),
        ),
        (
            lambda: SEED_002.decide("change"),  # type: ignore[arg-type]
            (
                "InvalidTypeError",
                "change",
                "change",
                "change: must be a BookingChange (got 'change' of type str)",
            ),
        ),
        (
            lambda: SEED_002.decide(change(ADD, "repas", THURSDAY, LATE_AT), price=Money.euros(-1)),
            (
                "NegativeAmountError",
                "price",
                Money.euros(-1),
                "price: must not be negative (got Money.euros('-1.00'))",
            ),
        ),
        (
            lambda: SEED_002.decide(change(CANCEL, "repas", THURSDAY, LATE_AT, OFFICE)),
            (
                "MissingPriceError",
                "price",
                None,
                "price: a late change still billed is based on the service's price; give the price",
            ),
        ),
        (
            lambda: SEED_002.decide_many([change(ADD, "repas", THURSDAY, LATE_AT), "change"]),  # type: ignore[list-item]
            (
                "InvalidTypeError",
                "changes[1]",
                "change",
                "changes[1]: must be a BookingChange (got 'change' of type str)",
            ),
        ),
        (
            lambda: SEED_002.decide_period(
                ["c1"], "soir", [THURSDAY], ADD, datetime(2024, 9, 1, 9)
            ),
            (
                "NaiveDatetimeError",
                "requested_at",
                datetime(2024, 9, 1, 9),
                "requested_at: must be timezone-aware "
                "(for example tzinfo=ZoneInfo('Europe/Paris')) (got 2024-09-01T09:00:00)",
            ),
        ),
        (
            lambda: SEED_002.decide_period(["c1", " "], "soir", [THURSDAY], ADD, LATE_AT),
            (
                "EmptyIdentifierError",
                "child_ids[1]",
                " ",
                "child_ids[1]: must be a non-empty identifier (got ' ')",
            ),
        ),
        (
            lambda: SEED_002.decide_period(
                ["c1"], "soir", [THURSDAY], ADD, LATE_AT, price=Money.euros(-1)
            ),
            (
                "NegativeAmountError",
                "price",
                Money.euros(-1),
                "price: must not be negative (got Money.euros('-1.00'))",
            ),
        ),
    ],
)
def test_refusals_name_the_field_the_value_and_the_reason(
    call: Callable[[], object], expected: tuple[str, object, object, str]
) -> None:
    assert refusal(call) == expected


# Rules as values, rules per action, and windows kept ------------------------------------------

_LOOSE = ServiceRules(HoursBefore(1), HoursBefore(1))


def test_the_order_rules_are_given_in_does_not_change_the_rules() -> None:
    both = {ServiceKind.MORNING_CARE: _LOOSE, ServiceKind.EVENING_CARE: _LOOSE}
    days = {
        "matin": frozenset({ServiceDays.SCHOOL_DAYS}),
        "soir": frozenset({ServiceDays.SCHOOL_DAYS}),
    }
    services = (MORNING, EVENING)
    one = BookingRules(CAL_B, services, SOME_RULES, by_kind=both, service_days=days)
    other = BookingRules(
        CAL_B,
        services,
        SOME_RULES,
        by_kind=dict(reversed(both.items())),
        service_days=dict(reversed(days.items())),
    )
    assert one == other
    assert hash(one) == hash(other)


def test_service_days_set_where_a_service_runs() -> None:
    # A meal served on Wednesdays without school as well (a commune's own choice).
    days = frozenset({ServiceDays.SCHOOL_DAYS, ServiceDays.WEDNESDAYS})
    rules = BookingRules(CAL_B, (MEAL,), SOME_RULES, service_days={"repas": days})
    assert rules.days_of("repas") == days
    wednesday = rules.decide(change(ADD, "repas", date(2024, 9, 18), paris(2024, 9, 1, 9)))
    assert wednesday.status is DecisionStatus.ACCEPTED


def _add_48_cancel_1() -> BookingRules:
    """Fresh rules (with no window kept yet) where adding closes 48 h and cancelling 1 h ahead."""
    return BookingRules(
        CAL_B,
        (MEAL,),
        ServiceRules(
            add=HoursBefore(48),
            cancel=HoursBefore(1),
            late_add=LateHandling(
                Refuse(), AcceptWithSurcharge(FreeAllowance(1, FlatPrice(Money.euros(4))))
            ),
            late_cancel=LateHandling(Refuse(), KeepCharging()),
        ),
    )


def test_adding_and_cancelling_have_their_own_deadlines() -> None:
    rules = _add_48_cancel_1()
    assert rules.window(ADD, "repas", THURSDAY).closes_at == paris(2024, 9, 17, 12, 0)
    assert rules.window(CANCEL, "repas", THURSDAY).closes_at == paris(2024, 9, 19, 11, 0)
    at = paris(2024, 9, 18, 9, 0)
    assert rules.decide(change(ADD, "repas", THURSDAY, at)).reason is Reason.TOO_LATE
    assert rules.decide(change(CANCEL, "repas", THURSDAY, at)).reason is Reason.ON_TIME
    basket = rules.decide_many(
        [change(ADD, "repas", THURSDAY, at), change(CANCEL, "repas", THURSDAY, at)]
    )
    assert [d.reason for d in basket] == [Reason.TOO_LATE, Reason.ON_TIME]
    period = rules.decide_period(["c1"], "repas", [THURSDAY], ADD, at)
    assert period.refused_days() == (THURSDAY,)


def test_late_adds_are_counted_by_the_add_deadline() -> None:
    rules = _add_48_cancel_1()
    # Both adds are late for the 48-hour add deadline, not for the 1-hour cancel deadline: the
    # first uses the one free late add of the month, the second is surcharged.
    days = [date(2024, 9, 19), date(2024, 9, 20)]
    changes = [change(ADD, "repas", day, paris(2024, 9, 18, 13, 0), OFFICE) for day in days]
    decisions = rules.decide_many(changes, price_of=lambda child, service, day: Money.euros("3.00"))
    assert [d.charge for d in decisions] == [Money.euros(3), Money.euros(4)]


@attrs.frozen
class _Counting:
    """A deadline rule that records each day it is asked about."""

    inner: HoursBefore
    calls: list[date] = attrs.field(factory=list, eq=False)

    def window(self, service: Service, day: date, calendar: SchoolCalendar) -> ChangeWindow:
        self.calls.append(day)
        return self.inner.window(service, day, calendar)

    def describe(self, lang: str = "fr") -> str:
        return self.inner.describe(lang)


def test_each_window_is_computed_once_per_basket_and_once_per_table() -> None:
    counting = _Counting(HoursBefore(48))
    rules = BookingRules(CAL_B, (MEAL,), ServiceRules(counting, counting))
    basket = [change(ADD, "repas", THURSDAY, LATE_AT)] * 3 + [
        change(CANCEL, "repas", THURSDAY, LATE_AT)
    ]
    # A basket computes each (service, day) once, however many changes ask for it.
    rules.decide_many(basket)
    assert counting.calls == [THURSDAY]
    # A table computes each of its days once; baskets, periods and grids then only read it.
    table = ChangeWindowTable(rules, THURSDAY, THURSDAY)
    assert counting.calls == [THURSDAY] * 2
    rules.decide_many(basket, table=table)
    rules.decide_period(["c1", "c2"], "repas", [THURSDAY], ADD, LATE_AT, table=table)
    planning_between(rules, "c1", "repas", THURSDAY, THURSDAY, at=LATE_AT, table=table)
    assert counting.calls == [THURSDAY] * 2
    # The rules keep nothing: a window asked of them is computed each time.
    assert rules.window(ADD, "repas", THURSDAY) == rules.window(ADD, "repas", THURSDAY)
    assert counting.calls == [THURSDAY] * 4


# Deciding a basket is deciding each change -----------------------------------------------------

ANA_AND_BEN = Family(
    "F1", children=(Child("a", "Ana", date(2016, 1, 1)), Child("b", "Ben", date(2018, 1, 1)))
)


def _price_of(child: str, service: Service, day: date) -> Money:
    """A price that depends on the child, the service and the day."""
    base = {"a": 300, "b": 400}[child] + {"repas": 0, "soir": 50, "matin": 20}[service.code]
    return Money.from_cents(base + day.day)


def test_a_basket_with_accounts_and_days_without_service_is_decided_change_by_change() -> None:
    account = FamilyAccount(ANA_AND_BEN, True, registrations={("a", "repas"), ("a", "soir")})
    accounts = {"a": account, "b": account}
    at = paris(2024, 9, 18, 9, 0)
    changes = [
        change(ADD, "repas", THURSDAY, at, child="b"),  # Ben is not registered
        change(ADD, "repas", date(2024, 9, 18), at, child="a"),  # a Wednesday: no meal
        change(ADD, "repas", date(2024, 11, 11), at, child="a"),  # Armistice
        change(CANCEL, "soir", THURSDAY, at, OFFICE, child="a"),  # late, billed its price
        change(CANCEL, "repas", THURSDAY, at, OFFICE, child="a"),  # late, billed
        change(ADD, "soir", date(2024, 9, 27), at, child="a"),  # on time
    ]
    basket = SEED_002.decide_many(changes, accounts=accounts, price_of=_price_of)
    one_by_one = tuple(
        SEED_002.decide(
            c,
            account=accounts[c.child_id],
            price=_price_of(c.child_id, SEED_002.service(c.service_code), c.day),
        )
        for c in changes
    )
    assert basket == one_by_one
    assert [d.reason for d in basket] == [
        Reason.CHILD_NOT_REGISTERED,
        Reason.NOT_A_SERVICE_DAY,
        Reason.NOT_A_SERVICE_DAY,
        Reason.LATE_STILL_CHARGED,
        Reason.LATE_STILL_CHARGED,
        Reason.ON_TIME,
    ]
    assert basket[2].detail == "Armistice"
    assert [d.charge for d in basket[3:5]] == [Money.euros("3.69"), Money.euros("3.19")]
    assert all(d.service_start == service_start(d.service, d.change.day) for d in basket)


def test_a_basket_late_change_refused_online_needs_no_price() -> None:
    late = change(ADD, "repas", THURSDAY, LATE_AT)
    (decision,) = SEED_002.decide_many([late])
    assert decision.reason is Reason.TOO_LATE_CONTACT


def test_a_basket_late_change_still_billed_needs_its_price() -> None:
    late = change(CANCEL, "repas", THURSDAY, LATE_AT, OFFICE)
    with pytest.raises(MissingPriceError):
        SEED_002.decide_many([late])


def test_a_refused_family_keeps_its_service_start() -> None:
    account = FamilyAccount(FAMILY, False)
    decision = CHANTRAINE_LIKE.decide(change(ADD, "repas", THURSDAY, LATE_AT), account=account)
    assert decision.service_start == paris(2024, 9, 19, 12, 0)
    closed = CHANTRAINE_LIKE.decide(change(ADD, "repas", date(2024, 11, 11), LATE_AT))
    assert closed.service_start == paris(2024, 11, 11, 12, 0)


# Late contexts in a basket ---------------------------------------------------------------------


def test_the_free_allowance_is_counted_per_child_and_month_after_on_time_changes() -> None:
    rules = office_rules(FreeAllowance(1, FlatPrice(Money.euros(4))))
    changes = [
        change(ADD, "repas", date(2024, 10, 10), paris(2024, 9, 1, 8, 0), OFFICE),  # on time
        change(ADD, "repas", date(2024, 9, 19), day_at(date(2024, 9, 19)), OFFICE),
        change(ADD, "repas", date(2024, 9, 20), day_at(date(2024, 9, 20)), OFFICE),
        change(ADD, "repas", date(2024, 10, 1), day_at(date(2024, 10, 1)), OFFICE),
        change(ADD, "repas", date(2024, 10, 1), day_at(date(2024, 10, 1)), OFFICE, child="c2"),
    ]
    decisions = rules.decide_many(changes, price_of=lambda c, s, d: Money.euros("3.00"))
    assert [d.charge for d in decisions] == [
        None,
        Money.euros(3),  # the first late add of September: free allowance
        Money.euros(4),  # the second: surcharged
        Money.euros(3),  # October starts a new allowance
        Money.euros(3),  # another child has an allowance of its own
    ]


def test_the_penalty_goes_to_the_first_late_change_of_each_family() -> None:
    # « a flat penalty per late registration »: the first late change of a family in the batch,
    # by instant, carries it; children with no account are each a family of their own.
    rules = office_rules(FlatPenalty(Money.euros(5)))
    account = FamilyAccount(ANA_AND_BEN, True, registrations={("a", "repas"), ("b", "repas")})
    changes = [
        change(ADD, "repas", THURSDAY, paris(2024, 9, 18, 10, 0), OFFICE, child="b"),
        change(ADD, "repas", THURSDAY, paris(2024, 9, 18, 9, 0), OFFICE, child="a"),
        change(ADD, "repas", THURSDAY, paris(2024, 9, 18, 11, 0), OFFICE, child="x"),
        change(ADD, "repas", THURSDAY, paris(2024, 9, 18, 11, 0), OFFICE, child="y"),
    ]
    decisions = rules.decide_many(
        changes,
        accounts={"a": account, "b": account},
        price_of=lambda c, s, d: Money.euros("3.00"),
    )
    assert [d.charge for d in decisions] == [
        Money.euros(3),
        Money.euros(8),
        Money.euros(8),
        Money.euros(8),
    ]


def test_two_waiting_days_charge_the_first_two_sick_days() -> None:
    rules = office_rules(FlatPrice(Money.euros(4)), KeepCharging(MedicalWaiver(waiting_days=2)))
    changes = sick_cancellations()
    decisions = rules.decide_many(changes, price_of=lambda c, s, d: Money.euros("3.20"))
    assert [d.reason for d in decisions] == [
        Reason.LATE_STILL_CHARGED,
        Reason.LATE_STILL_CHARGED,
        Reason.LATE_CHARGE_WAIVED,
    ]
    assert decisions[2].status is DecisionStatus.ACCEPTED_LATE


# Period bookings -------------------------------------------------------------------------------


def test_a_period_is_decided_day_by_day_as_one_change_would_be() -> None:
    days = [date(2024, 11, 11), THURSDAY, date(2024, 9, 18), date(2024, 9, 20), date(2024, 9, 27)]
    at = paris(2024, 9, 18, 9, 0)
    price = Money.euros("2.10")
    for action in (ADD, CANCEL):
        for channel in (ONLINE, OFFICE):
            period = SEED_002.decide_period(
                ["c1", "c2"], "soir", days, action, at, channel=channel, price=price
            )
            single = tuple(
                SEED_002.decide(change(action, "soir", day, at, channel), price=price)
                for day in days
            )
            assert period.by_day == single
    late_office = SEED_002.decide_period(["c1"], "soir", [THURSDAY], ADD, at, channel=OFFICE)
    assert late_office.by_day[0].charge == Money.euros(10)


def test_a_period_by_day_is_made_out_for_the_first_child() -> None:
    period = SEED_002.decide_period(["c1", "c2"], "soir", [THURSDAY], ADD, LATE_AT)
    assert [d.change.child_id for d in period.by_day] == ["c1"]
    assert [d.change.child_id for d in period] == ["c1", "c2"]


def test_a_period_for_no_children_decides_the_days_and_yields_nothing() -> None:
    period = SEED_002.decide_period([], "soir", [THURSDAY, date(2024, 9, 27)], ADD, LATE_AT)
    assert len(period) == 0
    assert list(period) == []
    assert period.refused_days() == (THURSDAY,)
    assert period.accepted_days() == (date(2024, 9, 27),)


# Decisions -------------------------------------------------------------------------------------


def test_a_change_before_the_window_opens_is_refused_as_not_open_yet() -> None:
    rules = BookingRules(
        CAL_B, (MEAL,), ServiceRules(AllOf((HoursBefore(48), MaxHorizon(30))), HoursBefore(48))
    )
    day = date(2024, 11, 14)
    decision = rules.decide(change(ADD, "repas", day, paris(2024, 10, 14, 23, 0)))
    assert decision.status is DecisionStatus.REFUSED
    assert decision.reason is Reason.NOT_OPEN_YET
    assert decision.opens_at == paris(2024, 10, 15, 0, 0)
    on_time = rules.decide(change(ADD, "repas", day, paris(2024, 10, 15, 0, 0)))
    assert on_time.reason is Reason.ON_TIME
    assert on_time.opens_at == paris(2024, 10, 15, 0, 0)


def test_late_decisions_say_what_their_charge_is_for() -> None:
    at = paris(2024, 9, 18, 9)
    on_time = SEED_002.decide(change(ADD, "repas", THURSDAY, paris(2024, 9, 1, 9)))
    late_add = SEED_002.decide(change(ADD, "soir", THURSDAY, at, OFFICE))
    late_cancel = SEED_002.decide(
        change(CANCEL, "matin", THURSDAY, at, OFFICE, child="c2"), price=Money.euros("1.50")
    )
    certified = SEED_002.decide(
        change(
            CANCEL,
            "repas",
            THURSDAY,
            at,
            OFFICE,
            child="c3",
            justification=Justification.MEDICAL_CERTIFICATE,
        ),
        price=Money.euros("3.00"),
    )
    waived = office_rules(FlatPrice(Money.euros(4)), KeepCharging(MedicalWaiver())).decide(
        change(
            CANCEL, "repas", THURSDAY, at, OFFICE, justification=Justification.MEDICAL_CERTIFICATE
        ),
        price=Money.euros("3.00"),
    )
    assert waived.reason is Reason.LATE_CHARGE_WAIVED
    # Decisions that bill nothing of their own (on time, waived) are left out, wherever they are.
    charges = decided_charges([on_time, waived, late_add, late_cancel, certified])
    assert charges == {
        ("c1", "soir", THURSDAY): DecidedCharge(
            Money.euros(10), "tarif majoré", "ajout hors délai"
        ),
        ("c2", "matin", THURSDAY): DecidedCharge(
            Money.euros("1.50"), "prix du service", "annulation hors délai"
        ),
        # Decided with the certificate in hand: a later justified absence does not waive it.
        ("c3", "repas", THURSDAY): DecidedCharge(
            Money.euros(3), "prix du service", "annulation hors délai", waivable=False
        ),
    }


# Explanations, word for word --------------------------------------------------------------------

_SOIR_DAY = "jeudi 19 septembre 2024"
_WHAT_FR = f"« Accueil du soir » du {_SOIR_DAY}"
_WHAT_EN = "“Accueil du soir” on Thursday 19 September 2024"
_EXPIRED_FR = (
    f"le délai (2 jours ouvrés avant le service) pour {_WHAT_FR} a expiré le "
    "mardi 17 septembre 2024 à 16:30"
)
_EXPIRED_EN = (
    f"the deadline (2 working days before the service) for {_WHAT_EN} passed on "
    "Tuesday 17 September 2024 at 16:30"
)
_BEFORE_FR = (
    f"la demande pour {_WHAT_FR} est faite avant la date limite du mardi 17 septembre 2024 à 16:30."
)
_BEFORE_EN = (
    f"the request for {_WHAT_EN} was made before the deadline of "
    "Tuesday 17 September 2024 at 16:30."
)

# (reason, the French sentence of an add, of a cancellation, the English sentence of an add)
_SENTENCES = [
    (
        Reason.ON_TIME,
        f"Ajout accepté : {_BEFORE_FR}",
        f"Annulation acceptée : {_BEFORE_FR}",
        f"Addition accepted: {_BEFORE_EN}",
    ),
    (
        Reason.LATE_SURCHARGE,
        f"Ajout hors délai : {_EXPIRED_FR} ; il est facturé 10,00\xa0€.",
        f"Annulation hors délai : {_EXPIRED_FR} ; il est facturé 10,00\xa0€.",
        f"Late addition: {_EXPIRED_EN}; it is charged €10.00.",
    ),
    (
        Reason.LATE_STILL_CHARGED,
        f"Ajout hors délai : {_EXPIRED_FR} ; le service reste facturé 10,00\xa0€.",
        f"Annulation hors délai : {_EXPIRED_FR} ; le service reste facturé 10,00\xa0€.",
        f"Late addition: {_EXPIRED_EN}; the service is still charged €10.00.",
    ),
    (
        Reason.LATE_CHARGE_WAIVED,
        f"Ajout hors délai : {_EXPIRED_FR} ; avec le certificat médical, le service n'est pas "
        "facturé (10,00\xa0€).",
        f"Annulation hors délai : {_EXPIRED_FR} ; avec le certificat médical, le service n'est "
        "pas facturé (10,00\xa0€).",
        f"Late addition: {_EXPIRED_EN}; with the medical certificate the service is not charged "
        "(€10.00).",
    ),
    (
        Reason.LATE_ACCEPTED,
        f"Ajout hors délai : {_EXPIRED_FR} ; la demande est acceptée sans frais.",
        f"Annulation hors délai : {_EXPIRED_FR} ; la demande est acceptée sans frais.",
        f"Late addition: {_EXPIRED_EN}; the request is accepted free of charge.",
    ),
    (
        Reason.TOO_LATE,
        f"Ajout refusé : {_EXPIRED_FR}.",
        f"Annulation refusée : {_EXPIRED_FR}.",
        f"Addition refused: {_EXPIRED_EN}.",
    ),
    (
        Reason.TOO_LATE_CONTACT,
        f"Ajout refusé : {_EXPIRED_FR} ; la modification n'est plus possible en ligne, "
        "contactez l'ALSH.",
        f"Annulation refusée : {_EXPIRED_FR} ; la modification n'est plus possible en ligne, "
        "contactez l'ALSH.",
        f"Addition refused: {_EXPIRED_EN}; it can no longer be changed online, please contact "
        "l'ALSH.",
    ),
    (
        Reason.NOT_OPEN_YET,
        f"Ajout refusé : les demandes pour {_WHAT_FR} ne sont ouvertes qu'à partir du "
        "dimanche 1 septembre 2024 à 00:00.",
        f"Annulation refusée : les demandes pour {_WHAT_FR} ne sont ouvertes qu'à partir du "
        "dimanche 1 septembre 2024 à 00:00.",
        f"Addition refused: requests for {_WHAT_EN} open only on Sunday 1 September 2024 at 00:00.",
    ),
    (
        Reason.NOT_A_SERVICE_DAY,
        f"Ajout refusé : « Accueil du soir » n'a pas lieu le {_SOIR_DAY} (Grève).",
        f"Annulation refusée : « Accueil du soir » n'a pas lieu le {_SOIR_DAY} (Grève).",
        "Addition refused: “Accueil du soir” does not run on Thursday 19 September 2024 (Grève).",
    ),
    (
        Reason.ACCOUNT_NOT_VALIDATED,
        "Ajout refusé : le compte famille n'est pas encore validé par la mairie.",
        "Annulation refusée : le compte famille n'est pas encore validé par la mairie.",
        "Addition refused: the family account is not yet validated by the town hall.",
    ),
    (
        Reason.CHILD_NOT_IN_FAMILY,
        "Ajout refusé : l'enfant c1 n'est pas ajouté à la famille.",
        "Annulation refusée : l'enfant c1 n'est pas ajouté à la famille.",
        "Addition refused: child c1 has not been added to the family.",
    ),
    (
        Reason.CHILD_NOT_REGISTERED,
        "Ajout refusé : l'enfant c1 n'est pas inscrit à « Accueil du soir ».",
        "Annulation refusée : l'enfant c1 n'est pas inscrit à « Accueil du soir ».",
        "Addition refused: child c1 is not registered for “Accueil du soir”.",
    ),
    (
        Reason.DOSSIER_NOT_VALIDATED,
        "Ajout refusé : le dossier d'inscription n'est pas encore validé.",
        "Annulation refusée : le dossier d'inscription n'est pas encore validé.",
        "Addition refused: the registration dossier is not yet validated.",
    ),
]


def _decision(action: ChangeAction, reason: Reason, deadline: datetime | None) -> Decision:
    detail = {Reason.TOO_LATE_CONTACT: "l'ALSH", Reason.NOT_A_SERVICE_DAY: "Grève"}.get(reason)
    return Decision(
        change(action, "soir", THURSDAY, paris(2024, 9, 18, 9)),
        EVENING,
        DecisionStatus.REFUSED,
        reason,
        deadline,
        paris(2024, 9, 1, 0, 0),
        paris(2024, 9, 19, 16, 30),
        Money.euros(10),
        WorkingDaysBefore(2),
        detail,
    )


@pytest.mark.parametrize(("reason", "add_fr", "cancel_fr", "add_en"), _SENTENCES)
def test_every_reason_is_explained_word_for_word(
    reason: Reason, add_fr: str, cancel_fr: str, add_en: str
) -> None:
    deadline = paris(2024, 9, 17, 16, 30)
    add, cancel = _decision(ADD, reason, deadline), _decision(CANCEL, reason, deadline)
    assert (add.explain(), add.explain("fr"), cancel.explain()) == (add_fr, add_fr, cancel_fr)
    assert add.explain("en") == add_en
    cancellation = add_en.replace("Addition", "Cancellation").replace("addition", "cancellation")
    assert cancel.explain("en") == cancellation


def test_an_on_time_change_with_no_deadline_is_explained_without_one() -> None:
    add, cancel = _decision(ADD, Reason.ON_TIME, None), _decision(CANCEL, Reason.ON_TIME, None)
    assert add.explain() == f"Ajout accepté pour {_WHAT_FR}."
    assert cancel.explain() == f"Annulation acceptée pour {_WHAT_FR}."
    assert add.explain("en") == f"Addition accepted for {_WHAT_EN}."


def test_an_explanation_is_in_french_or_english_only() -> None:
    decision = _decision(ADD, Reason.ON_TIME, None)
    expected = ("InvalidValueError", "lang", "de", "lang: must be 'fr' or 'en' (got 'de')")
    assert refusal(lambda: decision.explain("de")) == expected
    assert refusal(lambda: format_day(THURSDAY, "de")) == expected
