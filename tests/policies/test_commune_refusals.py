"""What a `CommunePolicy` refuses, each refusal compared whole: class, field, value, message.

Every policy here is composed inside its test, so that the checks run when the test does.
"""

from __future__ import annotations

from datetime import date, time

import attrs
import pytest

from cantine_rules import Money
from cantine_rules.policies import Citation, CommunePolicy, get
from cantine_rules.pricing.accounts import (
    DEFAULT_PAYMENT_SCHEME,
    MinimumTopUp,
    PaymentMode,
    PaymentScheme,
    ServicePayment,
)
from cantine_rules.pricing.tariffs import PricingContext
from cantine_rules.rules.attendance_fees import (
    BoundarySide,
    CountedPer,
    LatePickup,
    PickupBand,
    RepetitionPeriod,
)
from cantine_rules.rules.regimes import (
    ChangeEffect,
    DayChangeTerms,
    FixedDays,
    Occasional,
    ServiceRegimes,
)
from cantine_rules.sources import Source
from tests._helpers import refusal

_SRC = Source.example("x")
DAY = date(2024, 9, 19)


def alsh() -> CommunePolicy:
    """A policy with every service of the ALSH guide (seed 002) and no wallet."""
    return get("alsh-postfacturation")


def pickup(starts: time) -> LatePickup:
    return LatePickup(
        (PickupBand(starts, None, Money.euros(5)),),
        BoundarySide.LATER,
        CountedPer.CHILD,
        RepetitionPeriod.MONTH,
    )


# Each field of the policy -------------------------------------------------------------------


def test_a_payment_mode_must_be_one_of_the_librarys() -> None:
    assert refusal(lambda: attrs.evolve(alsh(), payment_modes=(PaymentMode.CARD, "bitcoin"))) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "payment_modes",
        "bitcoin",
        "payment_modes: must be PaymentMode members (got 'bitcoin' of type str)",
    )


def test_a_dossier_holds_document_requirements_named_by_index() -> None:
    (first, *_) = get("paris").dossier
    assert refusal(lambda: attrs.evolve(alsh(), dossier=(first, "Attestation CAF"))) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "dossier[1]",
        "Attestation CAF",
        "dossier[1]: must be a DocumentRequirement (got 'Attestation CAF' of type str)",
    )
    assert attrs.evolve(alsh(), dossier=[first]).dossier == (first,)


def test_late_pick_ups_map_a_service_code_to_its_rule() -> None:
    evening = pickup(time(18, 30))
    # A mapping or pairs, kept sorted by service code.
    policy = attrs.evolve(alsh(), late_pickup=[("soir", evening), ("etude", pickup(time(17, 30)))])
    assert [code for code, _ in policy.late_pickup] == ["etude", "soir"]
    assert attrs.evolve(alsh(), late_pickup={"soir": evening}).late_pickup == (("soir", evening),)
    assert refusal(lambda: attrs.evolve(alsh(), late_pickup={"soir": Money.euros(5)})) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "late_pickup",
        "soir",
        "late_pickup: must map a service code to LatePickup (got 'soir' of type str)",
    )
    assert refusal(lambda: attrs.evolve(alsh(), late_pickup=[(4, evening)])) == (  # type: ignore[list-item]
        "InvalidTypeError",
        "late_pickup",
        4,
        "late_pickup: must map a service code to LatePickup (got 4 of type int)",
    )


def test_a_late_pick_up_names_one_of_the_communes_services_and_starts_at_its_end() -> None:
    assert refusal(lambda: attrs.evolve(alsh(), late_pickup={"garderie": pickup(time(18, 30))}))[
        :3
    ] == ("UnknownServiceError", "late_pickup.garderie", "garderie")
    # « Périscolaire soir » ends at 18:30 in the ALSH's policy.
    name, field, _, message = refusal(
        lambda: attrs.evolve(alsh(), late_pickup={"soir": pickup(time(18, 0))})
    )
    assert (name, field) == ("InvalidValueError", "late_pickup.soir.bands[0].starts")
    assert "18:30" in message


@pytest.mark.parametrize("names", ["payment_scheme", ["payment_scheme"], {"payment_scheme"}])
def test_payment_defaults_name_fields_that_hold_the_librarys_defaults(names: object) -> None:
    policy = attrs.evolve(alsh(), payment_defaults=names)  # type: ignore[arg-type]
    assert policy.payment_scheme is DEFAULT_PAYMENT_SCHEME
    assert policy.payment_defaults == frozenset({"payment_scheme"})


def test_payment_defaults_name_only_the_two_payment_fields() -> None:
    assert refusal(lambda: attrs.evolve(alsh(), payment_defaults=["payment_mode"])) == (
        "InvalidValueError",
        "payment_defaults",
        "payment_mode",
        "payment_defaults: must name one of: payment_scheme, payment_modes (got 'payment_mode')",
    )


def test_a_field_named_a_default_must_hold_the_default() -> None:
    # The ALSH pays by card and direct debit, not the library's cheque and PayFiP.
    assert refusal(lambda: attrs.evolve(alsh(), payment_defaults="payment_modes")) == (
        "InvalidValueError",
        "payment_defaults",
        "payment_modes",
        "payment_defaults: payment_modes is not the library's default (got 'payment_modes')",
    )
    prepaid = attrs.evolve(alsh(), payment_scheme=PaymentScheme.PREPAID)
    assert refusal(lambda: attrs.evolve(prepaid, payment_defaults=["payment_scheme"])) == (
        "InvalidValueError",
        "payment_defaults",
        "payment_scheme",
        "payment_defaults: payment_scheme is not the library's default (got 'payment_scheme')",
    )


def test_top_up_and_credit_rules_have_their_own_types() -> None:
    assert refusal(lambda: attrs.evolve(alsh(), minimum_top_up=Money.euros(10))) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "minimum_top_up",
        Money.euros(10),
        "minimum_top_up: must be a MinimumTopUp or None (got Money.euros('10.00') of type Money)",
    )
    assert refusal(lambda: attrs.evolve(alsh(), credit_treatment="refund")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "credit_treatment",
        "refund",
        "credit_treatment: must be CarryForward, Refund or None (got 'refund' of type str)",
    )
    minimum = MinimumTopUp(Money.euros(10), _SRC)
    assert attrs.evolve(alsh(), minimum_top_up=minimum).minimum_top_up == minimum


def test_payments_by_service_are_each_a_service_payment() -> None:
    assert refusal(lambda: attrs.evolve(alsh(), payment_by_service=[PaymentScheme.PREPAID])) == (  # type: ignore[list-item]
        "InvalidTypeError",
        "payment_by_service[0]",
        PaymentScheme.PREPAID,
        "payment_by_service[0]: must be a ServicePayment (got <PaymentScheme.PREPAID: 'prepaid'> "
        "of type PaymentScheme)",
    )
    payment = ServicePayment("vacances", PaymentScheme.IMMEDIATE, _SRC)
    assert attrs.evolve(alsh(), payment_by_service=[payment]).payment_by_service == (payment,)
    assert refusal(
        lambda: attrs.evolve(
            alsh(),
            payment_by_service=[payment, ServicePayment("piscine", PaymentScheme.PREPAID, _SRC)],
        )
    )[:3] == ("UnknownServiceError", "payment_by_service[1].service_code", "piscine")


def test_regimes_are_each_a_service_regimes_of_a_known_service() -> None:
    assert refusal(lambda: attrs.evolve(alsh(), regimes=["occasional"])) == (  # type: ignore[list-item]
        "InvalidTypeError",
        "regimes[0]",
        "occasional",
        "regimes[0]: must be a ServiceRegimes (got 'occasional' of type str)",
    )
    meal = ServiceRegimes("repas", [Occasional(_SRC)])
    assert attrs.evolve(alsh(), regimes=[meal]).regimes == (meal,)
    pool = ServiceRegimes("piscine", [Occasional(_SRC)])
    assert refusal(lambda: attrs.evolve(alsh(), regimes=[meal, pool])) == (
        "UnknownServiceError",
        "regimes[1].service_code",
        "piscine",
        "regimes[1].service_code: unknown 'piscine'; known: etude, matin, mercredi, repas, soir, "
        "vacances",
    )


def test_a_regime_the_service_cannot_follow_is_named_under_its_place() -> None:
    # The ALSH's restaurant has a four-day week: five fixed days a week cannot be chosen.
    five = FixedDays(DayChangeTerms(ChangeEffect.NEXT_MONTH), _SRC, min_days=5, max_days=5)
    meal = ServiceRegimes("repas", [Occasional(_SRC)])
    name, field, value, message = refusal(
        lambda: attrs.evolve(alsh(), regimes=[meal, ServiceRegimes("etude", [five])])
    )
    assert (name, field, value) == ("InvalidValueError", "regimes[1].offers[0].max_days", 5)
    assert message.startswith("regimes[1].offers[0].max_days: ")


def test_a_tariff_names_one_of_the_communes_services() -> None:
    policy = alsh()
    pool = attrs.evolve(policy.tariffs[0], service_code="piscine")
    assert refusal(lambda: attrs.evolve(policy, tariffs=(*policy.tariffs, pool))) == (
        "UnknownServiceError",
        "tariffs[6].service_code",
        "piscine",
        "tariffs[6].service_code: unknown 'piscine'; known: etude, matin, mercredi, repas, soir, "
        "vacances",
    )


def test_citations_and_tariffs_are_each_given_once() -> None:
    policy = alsh()
    assert refusal(
        lambda: attrs.evolve(policy, citations=(Citation("wallet", _SRC), Citation("wallet", _SRC)))
    ) == (
        "InvalidValueError",
        "citations[1].topic",
        "wallet",
        "citations[1].topic: appears twice (got 'wallet')",
    )
    assert refusal(lambda: attrs.evolve(policy, tariffs=(policy.tariffs[1], policy.tariffs[1])))[
        :3
    ] == ("InvalidValueError", "tariffs[1].service_code", policy.tariffs[1].service_code)


# Questions asked of a policy -------------------------------------------------------------------


def test_a_quotient_familial_is_given_alone_or_in_the_context() -> None:
    policy = alsh()
    assert refusal(
        lambda: policy.price("repas", DAY, quotient_familial=300, context=PricingContext())
    ) == (
        "InvalidValueError",
        "quotient_familial",
        300,
        "quotient_familial: give it inside the context, not both (got 300)",
    )
    assert refusal(lambda: policy.price("repas", DAY, quotient_familial="-1"))[:3] == (
        "NegativeAmountError",
        "quotient_familial",
        "-1",
    )


def test_a_policy_without_a_wallet_or_without_a_mode_to_credit_one() -> None:
    assert refusal(lambda: alsh().wallet()) == (
        "InvalidValueError",
        "wallet_alert_threshold",
        None,
        "wallet_alert_threshold: alsh-postfacturation keeps no prepaid wallet (got None)",
    )
    tickets = attrs.evolve(
        alsh(), wallet_alert_threshold=Money.euros(5), payment_modes={PaymentMode.TICKETS}
    )
    assert refusal(tickets.wallet) == (
        "InvalidValueError",
        "payment_modes",
        frozenset({PaymentMode.TICKETS}),
        "payment_modes: no mode but tickets can credit a wallet (got frozenset({"
        "<PaymentMode.TICKETS: 'tickets'>}))",
    )


def test_a_service_the_commune_does_not_price() -> None:
    policy = alsh()
    assert refusal(lambda: policy.tariff("piscine")) == (
        "UnknownServiceError",
        "service",
        "piscine",
        "service: unknown 'piscine'; known: etude, matin, mercredi, repas, soir, vacances",
    )
    unpriced = attrs.evolve(policy, tariffs=policy.tariffs[1:])
    code = policy.tariffs[0].service_code
    name, field, value, message = refusal(lambda: unpriced.tariff(code))
    assert (name, field, value) == ("UnknownServiceError", "tariff", code)
    assert message.endswith("known: " + ", ".join(sorted(s.service_code for s in unpriced.tariffs)))
