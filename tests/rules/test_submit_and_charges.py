"""What decisions lead to: booking requests (seed 002's request states) and the charges put on
invoices."""

from __future__ import annotations

from datetime import date

import pytest

from cantine_rules import Booking, IllegalTransitionError, Justification, Money, RequestState
from cantine_rules.policies import (
    FlatPrice,
    KeepCharging,
    MedicalWaiver,
    Reason,
    decided_charges,
    submit,
)
from cantine_rules.pricing.accounts import DecidedCharge
from tests._helpers import paris
from tests.rules._fixtures import ADD, CANCEL, OFFICE, SEED_002, THURSDAY, change, office_rules


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
        # « Une annulation vous sera facturé le prix du service » (seed 002): the decision
        # alone judges a late cancellation; a justified absence recorded later does not waive it.
        ("c2", "matin", THURSDAY): DecidedCharge(
            Money.euros("1.50"), "prix du service", "annulation hors délai", waivable=False
        ),
        # Decided with the certificate in hand: a later justified absence does not waive it.
        ("c3", "repas", THURSDAY): DecidedCharge(
            Money.euros(3), "prix du service", "annulation hors délai", waivable=False
        ),
    }
