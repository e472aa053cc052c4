"""Deciding booking changes: on time, late per channel, surcharges, waivers, who may book."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules import (
    PARIS,
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
from cantine_rules.calendar import SchoolCalendar, Zone
from cantine_rules.policies import (
    AcceptLate,
    AcceptWithSurcharge,
    BasePlus,
    BaseTimes,
    BookingRules,
    ChangeWindow,
    DecisionStatus,
    FamilyAccount,
    FlatPenalty,
    FlatPrice,
    FreeAllowance,
    HoursBefore,
    KeepCharging,
    LateContext,
    LateHandling,
    MedicalWaiver,
    MissingPriceError,
    Reason,
    Refuse,
    Requirements,
    ServiceRules,
    WeekdayBefore,
    WorkingDaysBefore,
    decided_charges,
    submit,
)
from cantine_rules.policies.deadlines import service_start
from tests._helpers import paris

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
    return datetime.combine(day, time(11, 0), tzinfo=PARIS)


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


def test_medical_certificate_waives_a_late_cancellation_after_the_waiting_day() -> None:
    rules = office_rules(FlatPrice(Money.euros(4)), KeepCharging(MedicalWaiver(waiting_days=1)))
    sick_days = [date(2024, 9, 19), date(2024, 9, 20), date(2024, 9, 23)]
    changes = [
        change(
            CANCEL,
            "repas",
            day,
            day_at(day),
            OFFICE,
            justification=Justification.MEDICAL_CERTIFICATE,
        )
        for day in sick_days
    ]
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
    min_value=datetime(2024, 8, 1), max_value=datetime(2025, 7, 1), timezones=st.just(PARIS)
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
    from cantine_rules.policies.decisions import _MESSAGES

    assert set(Reason) <= set(_MESSAGES[lang])


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
