"""Bad input to the engine: typed errors that name the field, the value and the reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from cantine_rules import (
    InvalidTypeError,
    Money,
    NaiveDatetimeError,
    ServiceKind,
    UnknownServiceError,
)
from cantine_rules.policies import BookingRules, HoursBefore, ServiceRules
from tests._helpers import paris, refusal
from tests.rules._fixtures import (
    ADD,
    CAL_B,
    CANCEL,
    LATE_AT,
    MEAL,
    OFFICE,
    SEED_002,
    SOME_RULES,
    THURSDAY,
    change,
)


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
