"""Deciding one change: on time, late on each channel, the deadline of each action, and the laws
every decision keeps."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantine_rules import EUROPE_PARIS, ChangeAction, Channel, Money, ServiceKind
from cantine_rules.calendar import SchoolCalendar, Zone
from cantine_rules.policies import (
    AllOf,
    BookingRules,
    DecisionStatus,
    HoursBefore,
    MaxHorizon,
    MissingPriceError,
    Reason,
    ServiceRules,
    WeekdayBefore,
)
from cantine_rules.rules.deadlines import service_start
from tests._helpers import paris
from tests.rules._fixtures import (
    ADD,
    CAL_B,
    CANCEL,
    CENTRE,
    CHANTRAINE_LIKE,
    MEAL,
    OFFICE,
    ONLINE,
    SEED_002,
    THURSDAY,
    _add_48_cancel_1,
    change,
    periscolaire,
)


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


def test_rule_lookup_prefers_code_then_kind_then_default() -> None:
    special = ServiceRules(HoursBefore(1), HoursBefore(1))
    rules = attrs.evolve(SEED_002, by_service={"soir": special})
    assert rules.rules_for("soir") is special
    assert rules.rules_for("matin") == periscolaire("4")
    assert rules.rules_for("mercredi") is CENTRE
    assert rules.rules_for("repas") == periscolaire("10")


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
