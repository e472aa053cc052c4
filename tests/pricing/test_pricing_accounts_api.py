"""The public facade cantine_rules.pricing.accounts."""

from __future__ import annotations

import cantine_rules.pricing.accounts as accounts
from cantine_rules.errors import CantineRulesError


def test_every_public_name_is_exported_once_and_resolves() -> None:
    assert len(set(accounts.__all__)) == len(accounts.__all__)
    assert accounts.__all__ == sorted(accounts.__all__, key=lambda n: (not n.isupper(), n))
    for name in accounts.__all__:
        assert getattr(accounts, name) is not None


def test_every_new_error_is_a_cantine_rules_error_and_a_builtin() -> None:
    for error in (
        accounts.CustodyScheduleError,
        accounts.PaymentMismatchError,
        accounts.TicketCountError,
        accounts.ZeroAmountError,
    ):
        assert issubclass(error, CantineRulesError)
        assert issubclass(error, ValueError)
    assert issubclass(accounts.UnknownPaymentModeError, LookupError)
