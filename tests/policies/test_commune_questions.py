"""What a commune's policy answers: top-ups, prepayment deadlines, the pricer, priced decisions.

Every policy here is composed inside its test, so that its checks run when the test does.
"""

from __future__ import annotations

from datetime import date, time, timedelta

import attrs
import pytest

from cantine_rules import (
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    Family,
    Money,
    QuotientFamilial,
    QuotientFamilialSource,
)
from cantine_rules.policies import (
    CommunePolicy,
    DecisionStatus,
    FamilyAccount,
    MaxHorizon,
    Reason,
    get,
    unit_price_schedules,
)
from cantine_rules.pricing.accounts import (
    MinimumTopUp,
    PaymentScheme,
    Prepayment,
    ServicePayment,
    TopUpCheck,
    TopUpRefusal,
)
from cantine_rules.pricing.tariffs import (
    Bracket,
    BracketGrid,
    ByResidence,
    EffortRate,
    ModifiedTariff,
    NonResidentSupplement,
    PricingContext,
    QuotientRecord,
    TariffSchedule,
    TariffVersion,
    UnitPrice,
)
from cantine_rules.rules.attendance_fees import (
    BoundarySide,
    CountedPer,
    LatePickup,
    PickupBand,
    RepeatedFee,
    RepetitionPeriod,
)
from cantine_rules.rules.deadlines import service_start
from cantine_rules.sources import Source
from tests._helpers import paris, refusal

_SRC = Source.example("règlement d'une autre commune")
WEDNESDAY = date(2024, 9, 18)


def alsh() -> CommunePolicy:
    """The ALSH guide's policy (seed 002): postfacturation, no wallet, flat placeholder prices."""
    return get("alsh-postfacturation")


def with_tariff(policy: CommunePolicy, code: str, *versions: TariffVersion) -> CommunePolicy:
    others = tuple(schedule for schedule in policy.tariffs if schedule.service_code != code)
    return attrs.evolve(policy, tariffs=(*others, TariffSchedule(code, versions)))


# Wallet top-ups -----------------------------------------------------------------------------------


def test_without_a_minimum_any_top_up_above_zero_is_accepted() -> None:
    assert alsh().check_top_up(Money.euros("0.01")) == TopUpCheck(True, Money.zero())
    assert alsh().check_top_up(Money.euros(5), children=3) == TopUpCheck(True, Money.zero())
    assert refusal(lambda: alsh().check_top_up(Money.zero())) == (
        "ZeroAmountError",
        "top_up",
        Money.zero(),
        "top_up: must be more than 0,00 € (got Money.euros('0.00'))",
    )
    assert refusal(lambda: alsh().check_top_up(Money.euros(-5)))[:3] == (
        "NegativeAmountError",
        "top_up",
        Money.euros(-5),
    )


def test_a_minimum_per_child_counts_one_child_unless_told() -> None:
    # « un minimum de crédit 20 euros par enfant »
    policy = attrs.evolve(alsh(), minimum_top_up=MinimumTopUp(Money.euros(20), _SRC))
    assert policy.check_top_up(Money.euros(20)) == TopUpCheck(True, Money.euros(20))
    # 20 € for two children lacks 20 € of the 40 € they need together.
    assert policy.check_top_up(Money.euros(20), children=2) == TopUpCheck(
        False, Money.euros(40), TopUpRefusal.BELOW_MINIMUM, Money.euros(20)
    )


# Prepayment --------------------------------------------------------------------------------------


def test_a_prepaid_service_whose_rule_sets_no_deadline_is_due_when_it_starts() -> None:
    policy = alsh()
    # Holidays booked up to 60 days ahead, with no deadline: the service's start closes them.
    rules = attrs.evolve(policy.booking.rules_for("vacances"), add=MaxHorizon(60))
    booking = attrs.evolve(
        policy.booking, by_service={**dict(policy.booking.by_service), "vacances": rules}
    )
    prepaid = attrs.evolve(
        policy,
        booking=booking,
        payment_by_service=[
            ServicePayment("vacances", PaymentScheme.IMMEDIATE, _SRC, Prepayment())
        ],
    )
    day = date(2024, 10, 22)
    assert prepaid.prepayment_deadline("vacances", day) == service_start(
        policy.service("vacances"), day
    )
    # A service paid without prepayment has no such deadline.
    paid_later = attrs.evolve(
        policy, payment_by_service=[ServicePayment("vacances", PaymentScheme.IMMEDIATE, _SRC)]
    )
    assert paid_later.prepayment_deadline("vacances", day) is None


# The pricer of invoices ------------------------------------------------------------------------


def test_a_price_holds_until_the_next_version_or_the_versions_end() -> None:
    first = TariffVersion(date(2024, 9, 1), UnitPrice(Money.euros("3.50"), _SRC), _SRC)
    second = TariffVersion(
        date(2025, 1, 1), UnitPrice(Money.euros("3.70"), _SRC), _SRC, ends_on=date(2025, 7, 4)
    )
    policy = with_tariff(alsh(), "repas", first, second)
    pricer = policy.pricer()
    autumn = pricer("c1", "repas", date(2024, 10, 1))
    assert (autumn.unit_price, autumn.tariff_name) == (Money.euros("3.50"), "à l'unité")
    assert (autumn.valid_from, autumn.valid_until) == (date(2024, 9, 1), date(2024, 12, 31))
    spring = pricer("c1", "repas", date(2025, 3, 3))
    assert (spring.valid_from, spring.valid_until) == (date(2025, 1, 1), date(2025, 7, 4))
    # A version ended before the next one starts holds until its own end.
    ended = attrs.evolve(first, ends_on=date(2024, 11, 30))
    early = with_tariff(alsh(), "repas", ended, second).pricer()("c1", "repas", date(2024, 10, 1))
    assert (early.valid_from, early.valid_until) == (date(2024, 9, 1), date(2024, 11, 30))
    # The last version, open-ended, holds from its first day on.
    open_ended = with_tariff(alsh(), "repas", first).pricer()("c1", "repas", date(2030, 1, 7))
    assert (open_ended.valid_from, open_ended.valid_until) == (date(2024, 9, 1), None)


def test_the_name_of_a_price_is_its_columns_and_bracket_else_its_kind() -> None:
    grid = BracketGrid(
        (
            Bracket("T1", 0, Money.euros(1), _SRC),
            Bracket("T2", 700, Money.euros(2), _SRC),
        ),
        "T2",
    )
    by_residence = ByResidence(grid, UnitPrice(Money.euros(5), _SRC), "Extérieurs")
    effort = EffortRate("0.005", Money.euros(1), Money.euros(4), _SRC)
    modified = ModifiedTariff(effort, (NonResidentSupplement("0.2", _SRC),))
    since = date(2024, 9, 1)
    policy = with_tariff(
        with_tariff(
            with_tariff(alsh(), "repas", TariffVersion(since, by_residence, _SRC)),
            "etude",
            TariffVersion(since, modified, _SRC),
        ),
        "soir",
        TariffVersion(since, grid, _SRC),
    )
    pricer = policy.pricer(
        {
            "inside": PricingContext("800"),
            "outside": PricingContext("800", resident=False),
        }
    )
    day = date(2024, 9, 19)
    assert pricer("inside", "soir", day).tariff_name == "T2"
    assert pricer("inside", "repas", day).tariff_name == "T2"
    assert pricer("outside", "repas", day).tariff_name == "Extérieurs"
    assert pricer("inside", "etude", day).tariff_name == "taux d'effort"
    # A child the pricer is not told of has no QF: the grid's default bracket.
    assert pricer("unknown", "soir", day).tariff_name == "T2"
    assert pricer("inside", "soir", day).unit_price == Money.euros(2)
    assert pricer("inside", "etude", day).unit_price == Money.euros(4)


def test_with_quotient_records_a_price_holds_for_its_day_only() -> None:
    policy = get("paris")
    # An attestation received on time: its QF 300, not the context's, prices the day.
    record = QuotientRecord(
        QuotientFamilial("300", QuotientFamilialSource.CAF_ATTESTATION, date(2024, 8, 1)),
        received_on=date(2024, 8, 20),
    )
    contexts = {"louise": PricingContext("1000")}
    day = date(2024, 9, 19)
    unit = policy.pricer(contexts, quotient_records={"louise": [record]})("louise", "repas", day)
    by_record = policy.price("repas", day, quotient_familial="300")
    assert (unit.unit_price, unit.tariff_name) == (by_record.unit_price, by_record.bracket)
    assert (unit.valid_from, unit.valid_until) == (day, day)
    # Without a quotient policy the records are not read: the context's QF, for the version.
    no_policy = attrs.evolve(policy, quotient_policy=None)
    plain = no_policy.pricer(contexts, quotient_records={"louise": [record]})(
        "louise", "repas", day
    )
    by_context = policy.price("repas", day, quotient_familial="1000")
    assert (plain.unit_price, plain.tariff_name) == (by_context.unit_price, by_context.bracket)
    assert plain.unit_price != unit.unit_price
    assert plain.valid_from == policy.tariff("repas").at(day).effective_from


# Decisions priced by the tariff ------------------------------------------------------------------


def late_wednesday(child: str) -> BookingChange:
    # « Mercredi et Vacances (- 7 jours) : Un ajout vous sera facturé d'un tarif majoré (tarif
    # journée + 3€) », asked at the ALSH's office two days before.
    return BookingChange(
        ChangeAction.ADD, child, "mercredi", WEDNESDAY, paris(2024, 9, 16, 9), Channel.OFFICE
    )


def outsiders_pay_more() -> CommunePolicy:
    day_price = UnitPrice(Money.euros(12), _SRC)
    modified = ModifiedTariff(day_price, (NonResidentSupplement("0.5", _SRC),))
    return with_tariff(alsh(), "mercredi", TariffVersion(date(2024, 9, 1), modified, _SRC))


def test_a_late_charge_based_on_the_price_reads_the_childs_context() -> None:
    policy = outsiders_pay_more()
    outside = PricingContext(resident=False)
    decision = policy.decide(late_wednesday("c1"), context=outside)
    assert decision.status is DecisionStatus.ACCEPTED_LATE
    assert decision.charge == Money.euros(21)
    assert policy.decide(late_wednesday("c1")).charge == Money.euros(15)
    columns = policy.decide_columns(
        [late_wednesday("inside"), late_wednesday("outside")], contexts={"outside": outside}
    )
    assert list(columns.charges) == [Money.euros(15), Money.euros(21)]
    assert list(policy.decide_columns([late_wednesday("c1")]).charges) == [Money.euros(15)]


def test_a_planning_grid_is_the_booking_rules_grid() -> None:
    from cantine_rules.policies import PlanningPeriod, planning

    policy = alsh()
    at = paris(2024, 9, 10, 9)
    grid = policy.planning("c1", "soir", PlanningPeriod.WEEK, WEDNESDAY, at=at)
    assert grid == planning(policy.booking, "c1", "soir", PlanningPeriod.WEEK, WEDNESDAY, at=at)
    assert grid.days[0].day == WEDNESDAY - timedelta(days=2)


@pytest.mark.parametrize("code", ["repas", "soir"])
def test_every_day_is_billable_unless_declared(code: str) -> None:
    assert alsh().is_billable(code, WEDNESDAY)
    assert refusal(lambda: alsh().is_billable("piscine", WEDNESDAY))[:3] == (
        "UnknownServiceError",
        "service",
        "piscine",
    )


def test_unit_prices_one_schedule_per_service_from_one_day_and_source() -> None:
    source = Source.seed("Repas 3,60 € ; garderie 1,20 €")
    since = date(2017, 9, 1)
    schedules = unit_price_schedules(
        {"repas": Money.euros("3.60"), "garderie": Money.euros("1.20")}, since, source
    )
    assert schedules == (
        TariffSchedule(
            "repas", (TariffVersion(since, UnitPrice(Money.euros("3.60"), source), source),)
        ),
        TariffSchedule(
            "garderie", (TariffVersion(since, UnitPrice(Money.euros("1.20"), source), source),)
        ),
    )


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        (
            "fr",
            "le règlement ne fixe aucun délai : la pré-notification au moins 14 jours calendaires "
            "avant l'échéance du recueil des règles SEPA (SDD Core)",
        ),
        (
            "en",
            "the règlement states no delay: the SEPA Core rulebook's pre-notification at least 14 "
            "calendar days before the due date",
        ),
    ],
)
def test_direct_debit_terms_no_guide_states_are_cited_as_the_default(
    lang: str, reason: str
) -> None:
    # The ALSH guide names no delay, and the ALSH collects by direct debit.
    explained = {rule.topic: rule for rule in alsh().explain(lang)}
    assert explained["direct_debit"].source == Source.default(reason)


def test_a_late_pick_up_counts_as_the_first_unless_told() -> None:
    # From 18:30, 5 € the first time and 10 € from the second time in the month.
    band = PickupBand(time(18, 30), None, Money.euros(5), (RepeatedFee(2, Money.euros(10)),))
    pickup = LatePickup((band,), BoundarySide.LATER, CountedPer.CHILD, RepetitionPeriod.MONTH)
    policy = attrs.evolve(alsh(), late_pickup={"soir": pickup})
    late = paris(2024, 9, 19, 18, 40)
    first = policy.late_pickup_fee("soir", date(2024, 9, 19), late)
    second = policy.late_pickup_fee("soir", date(2024, 9, 19), late, earlier_in_period=1)
    assert first is not None
    assert second is not None
    assert (first.amount, second.amount) == (Money.euros(5), Money.euros(10))


def test_a_basket_reads_each_childs_family_standing() -> None:
    # « … un lien qui vous permettra d'activer votre compte »: the ALSH books only for an
    # activated account.
    family = Family("F1", children=(Child("c1", "Louise", date(2017, 1, 1)),))
    pending = FamilyAccount(family, registrations={("c1", "mercredi")})
    add = BookingChange(ChangeAction.ADD, "c1", "mercredi", WEDNESDAY, paris(2024, 9, 2, 9))
    columns = alsh().decide_columns([add], accounts={"c1": pending})
    assert list(columns.reasons) == [Reason.ACCOUNT_NOT_VALIDATED]
    assert list(alsh().decide_columns([add]).reasons) == [Reason.ON_TIME]
