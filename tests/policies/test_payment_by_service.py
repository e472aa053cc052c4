"""A commune's payment per service, prepayment deadlines, top-ups, credits and payment defaults."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest

from cantine_rules import Money
from cantine_rules._time import at_paris
from cantine_rules.errors import InvalidTypeError, InvalidValueError, UnknownServiceError
from cantine_rules.model import ChangeAction
from cantine_rules.policies import CommunePolicy, get
from cantine_rules.pricing.accounts import (
    DEFAULT_PAYMENT_MODES,
    DEFAULT_PAYMENT_SCHEME,
    CarryForward,
    MinimumTopUp,
    PaymentMode,
    PaymentScheme,
    Prepayment,
    Refund,
    ServicePayment,
)
from cantine_rules.pricing.tariffs import FromNextMonth, QuotientPolicy
from cantine_rules.rules.deadlines import service_start
from cantine_rules.sources import Source, SourceKind

_SRC = Source.example("paiement anticipé correspondant à 100 %")
ALSH = get("alsh-postfacturation")
HOLIDAYS_PREPAID = attrs.evolve(
    ALSH,
    payment_by_service=(ServicePayment("vacances", PaymentScheme.IMMEDIATE, _SRC, Prepayment()),),
)


def test_a_service_without_its_own_terms_follows_the_commune() -> None:
    assert HOLIDAYS_PREPAID.scheme_of("soir") is PaymentScheme.POSTFACTURATION
    assert HOLIDAYS_PREPAID.payment_of("soir") is None
    assert HOLIDAYS_PREPAID.prepayment_deadline("soir", date(2024, 10, 22)) is None


def test_a_prepaid_service_is_due_at_its_booking_deadline() -> None:
    assert HOLIDAYS_PREPAID.scheme_of("vacances") is PaymentScheme.IMMEDIATE
    # A holiday weekday: its deadline is the booking rule's (5 working days before).
    day = date(2024, 10, 22)
    deadline = HOLIDAYS_PREPAID.prepayment_deadline("vacances", day)
    window = ALSH.booking.window(ChangeAction.ADD, "vacances", day)
    assert deadline == window.closes_at
    assert deadline is not None
    assert deadline <= service_start(ALSH.service("vacances"), day)
    assert Prepayment.is_on_time(deadline - timedelta(seconds=1), deadline)
    assert not Prepayment.is_on_time(deadline, deadline)


def test_an_unknown_service_in_the_per_service_table_is_refused() -> None:
    with pytest.raises(UnknownServiceError, match=r"payment_by_service\[0\]\.service_code"):
        attrs.evolve(
            ALSH, payment_by_service=(ServicePayment("piscine", PaymentScheme.IMMEDIATE, _SRC),)
        )


def test_a_service_listed_twice_is_refused() -> None:
    twice = (ServicePayment("vacances", PaymentScheme.IMMEDIATE, _SRC),) * 2
    with pytest.raises(InvalidValueError, match="payment_by_service"):
        attrs.evolve(ALSH, payment_by_service=twice)


def test_asking_the_scheme_of_an_unknown_service_names_it() -> None:
    with pytest.raises(UnknownServiceError):
        ALSH.scheme_of("piscine")


def test_every_service_has_a_scheme() -> None:
    for slug in ("alsh-postfacturation", "chantraine", "paris"):
        policy = get(slug)
        for service in policy.services:
            assert policy.scheme_of(service.code) is policy.payment_scheme


# Top-ups and credits ---------------------------------------------------------------------------


def test_without_a_minimum_any_top_up_is_accepted() -> None:
    assert get("chantraine").check_top_up(Money.euros("0.01")).accepted


def test_the_commune_s_minimum_top_up_is_applied() -> None:
    policy = attrs.evolve(get("chantraine"), minimum_top_up=MinimumTopUp(Money.euros("20"), _SRC))
    assert not policy.check_top_up(Money.euros("39.99"), children=2).accepted
    assert policy.check_top_up(Money.euros("40.00"), children=2).accepted


def test_a_commune_that_says_nothing_carries_a_credit_forward() -> None:
    treated = ALSH.treat_credit(Money.euros("12.40"))
    assert treated.carried == Money.euros("12.40")
    refunding = attrs.evolve(ALSH, credit_treatment=Refund("0.8", _SRC))
    assert refunding.treat_credit(Money.euros("12.40")).refunded == Money.euros("9.92")


def test_a_credit_treatment_must_be_one_of_the_library_s() -> None:
    with pytest.raises(InvalidTypeError, match="credit_treatment"):
        attrs.evolve(ALSH, credit_treatment="carry_forward")  # type: ignore[arg-type]


# Payment defaults ------------------------------------------------------------------------------


def _bare(**fields: object) -> CommunePolicy:
    return CommunePolicy("x", "X", ALSH.booking, **fields)  # type: ignore[arg-type]


def test_a_commune_that_states_no_payment_gets_the_documented_defaults() -> None:
    policy = _bare(payment_defaults={"payment_scheme", "payment_modes"})
    assert policy.payment_scheme is DEFAULT_PAYMENT_SCHEME is PaymentScheme.POSTFACTURATION
    assert policy.payment_modes == DEFAULT_PAYMENT_MODES
    assert frozenset({PaymentMode.CHEQUE, PaymentMode.PAYFIP}) == policy.payment_modes


def test_a_field_said_to_be_a_default_must_hold_the_default() -> None:
    with pytest.raises(InvalidValueError, match="payment_defaults"):
        _bare(payment_scheme=PaymentScheme.PREPAID, payment_defaults={"payment_scheme"})
    with pytest.raises(InvalidValueError, match="payment_defaults"):
        _bare(payment_defaults={"wallet_alert_threshold"})


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_explain_marks_the_payment_defaults_as_defaults(lang: str) -> None:
    policy = _bare(payment_defaults={"payment_modes"})
    (rule,) = [rule for rule in policy.explain(lang) if rule.topic == "payment"]
    assert rule.is_default
    assert rule.source is not None
    assert rule.source.kind is SourceKind.DEFAULT
    assert "PayFiP" in rule.source.reference


def test_a_stated_payment_keeps_its_citation() -> None:
    (rule,) = [rule for rule in ALSH.explain("fr") if rule.topic == "payment"]
    assert rule.source == ALSH.source_of("payment")


def test_explain_says_each_payment_term_in_both_languages() -> None:
    policy = attrs.evolve(
        HOLIDAYS_PREPAID,
        minimum_top_up=MinimumTopUp(Money.euros("20"), _SRC),
        credit_treatment=CarryForward(_SRC),
        quotient_policy=QuotientPolicy(None, None, _SRC, FromNextMonth(), zero_means_unknown=True),
    )
    french = {rule.topic: rule.text for rule in policy.explain("fr")}
    english = {rule.topic: rule.text for rule in policy.explain("en")}
    assert french.keys() == english.keys()
    assert "paiement anticipé de 100 %" in french["payment.vacances"]
    assert "5 jours ouvrés" in french["payment.vacances"]
    assert "100 % paid in advance" in english["payment.vacances"]
    assert "20,00\xa0€ par enfant" in french["top_up"]
    assert "€20.00 per child" in english["top_up"]
    assert "déduit" in french["credit"]
    assert "1er du mois suivant" in french["quotient.effect"]
    assert "never backdated" in english["quotient.effect"]
    assert "jamais la tranche la plus basse" in french["quotient.zero"]
    assert "None" not in french["quotient"]


def test_explain_gives_a_refund_rate_in_percent() -> None:
    policy = attrs.evolve(ALSH, credit_treatment=Refund(Decimal("0.5"), _SRC))
    (rule,) = [rule for rule in policy.explain("en") if rule.topic == "credit"]
    assert "50 %" in rule.text
    assert rule.source == _SRC


def test_an_age_limit_and_a_deadline_are_each_said_only_when_set() -> None:
    with_both = attrs.evolve(ALSH, quotient_policy=QuotientPolicy(3, date(2024, 8, 23), _SRC))
    (rule,) = [r for r in with_both.explain("fr") if r.topic == "quotient"]
    assert "moins de 3 mois" in rule.text
    assert "2024-08-23" in rule.text
    no_age = attrs.evolve(ALSH, quotient_policy=QuotientPolicy(None, date(2024, 8, 23), _SRC))
    (rule,) = [r for r in no_age.explain("fr") if r.topic == "quotient"]
    assert "mois" not in rule.text.split(";")[0]
    assert "None" not in rule.text


def test_a_prepaid_service_whose_rule_never_closes_is_due_when_it_starts() -> None:
    from cantine_rules.rules.booking import ServiceRules
    from cantine_rules.rules.deadlines import MaxHorizon

    open_rules = attrs.evolve(
        ALSH.booking,
        by_service={"vacances": ServiceRules(MaxHorizon(60), MaxHorizon(60))},
    )
    policy = attrs.evolve(HOLIDAYS_PREPAID, booking=open_rules)
    day = date(2024, 10, 22)
    assert policy.prepayment_deadline("vacances", day) == at_paris(
        day, ALSH.service("vacances").start
    )
