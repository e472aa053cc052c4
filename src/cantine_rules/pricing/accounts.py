"""Accounts: what a family pays, how, and what its account says.

Payment modes, postfacturation invoices, pay-at-booking baskets, prepaid wallets, ledgers and
statements, alternating custody. Everything here is pure and immutable. Amounts are
[`Money`][cantine_rules.Money]; prices come from any tariff through a [`UnitPricer`][]. The
balance of a ledger or a wallet is ``credits − debits``: a family that owes money has a negative
balance.

Examples:
    >>> from datetime import date
    >>> from cantine_rules import Booking, Money
    >>> pricer = flat_pricer(Money.euros("3.60"), "à l'unité")
    >>> days = [date(2016, 9, d) for d in (1, 2, 5, 6)]
    >>> invoice = build_invoice([Booking("louise", "cantine", d) for d in days], pricer,
    ...                         start=date(2016, 9, 1), end=date(2016, 9, 30))
    >>> Ledger().debit(date(2016, 10, 1), invoice.total, "F-2016-09").balance
    Money.euros('-14.40')
"""

from typing import TYPE_CHECKING, Final

from cantine_rules._lazy import OnFirstUse
from cantine_rules.pricing._account_errors import (
    CustodyScheduleError,
    PaymentMismatchError,
    TicketCountError,
    UnknownPaymentModeError,
    ZeroAmountError,
)
from cantine_rules.pricing._moved import moved_name
from cantine_rules.pricing._payment import (
    DEFAULT_PAYMENT_MODES,
    DEFAULT_PAYMENT_SCHEME,
    Payment,
    PaymentMode,
    PaymentScheme,
    ticket_count,
)
from cantine_rules.pricing._priced_unit import PricedUnit, UnitPricer, flat_pricer

if TYPE_CHECKING:
    from cantine_rules.pricing._basket import Basket, BasketLine, BasketReceipt
    from cantine_rules.pricing._custody import (
        CustodyPeriod,
        CustodyRule,
        CustodySchedule,
        EveryOtherWeek,
        IsoWeekParity,
        bill_by_household,
        custody_days,
        split_between_households,
    )
    from cantine_rules.pricing._direct_debit import DEFAULT_DIRECT_DEBIT_TERMS, DirectDebitTerms
    from cantine_rules.pricing._invoice import (
        Attendance,
        AttendanceSheet,
        DecidedCharge,
        Invoice,
        InvoiceLine,
        InvoiceLines,
        LineKey,
        LineKind,
        Presence,
        build_invoice,
    )
    from cantine_rules.pricing._ledger import (
        OPENING_LABEL,
        EntryType,
        Ledger,
        LedgerEntry,
        Side,
        Statement,
        StatementRow,
    )
    from cantine_rules.pricing._payment_terms import (
        DEFAULT_CREDIT_TREATMENT,
        CarryForward,
        CreditTreatment,
        MinimumTopUp,
        Prepayment,
        Refund,
        ServicePayment,
        TopUpCheck,
        TopUpRefusal,
        TreatedCredit,
    )
    from cantine_rules.pricing._wallet import Wallet, WalletStatus

#: Invoices, baskets, ledgers, wallets and custody are imported on first use: a policy needs
#: only payment modes and priced units, and building the classes of the others would cost every
#: process that imports this module (see ``cantine_rules._lazy``).
_ON_FIRST_USE: Final = OnFirstUse(
    __name__,
    {
        "cantine_rules.pricing._basket": ("Basket", "BasketLine", "BasketReceipt"),
        "cantine_rules.pricing._custody": (
            "CustodyPeriod",
            "CustodyRule",
            "CustodySchedule",
            "EveryOtherWeek",
            "IsoWeekParity",
            "bill_by_household",
            "custody_days",
            "split_between_households",
        ),
        "cantine_rules.pricing._invoice": (
            "Attendance",
            "AttendanceSheet",
            "AttendanceSheet",
            "DecidedCharge",
            "Invoice",
            "InvoiceLine",
            "InvoiceLines",
            "LineKey",
            "LineKind",
            "Presence",
            "build_invoice",
        ),
        "cantine_rules.pricing._direct_debit": ("DEFAULT_DIRECT_DEBIT_TERMS", "DirectDebitTerms"),
        "cantine_rules.pricing._ledger": (
            "OPENING_LABEL",
            "EntryType",
            "Ledger",
            "LedgerEntry",
            "Side",
            "Statement",
            "StatementRow",
        ),
        "cantine_rules.pricing._payment_terms": (
            "DEFAULT_CREDIT_TREATMENT",
            "CarryForward",
            "CreditTreatment",
            "MinimumTopUp",
            "Prepayment",
            "Refund",
            "ServicePayment",
            "TopUpCheck",
            "TopUpRefusal",
            "TreatedCredit",
        ),
        "cantine_rules.pricing._wallet": ("Wallet", "WalletStatus"),
    },
)

__all__ = [
    "DEFAULT_CREDIT_TREATMENT",
    "DEFAULT_DIRECT_DEBIT_TERMS",
    "DEFAULT_PAYMENT_MODES",
    "DEFAULT_PAYMENT_SCHEME",
    "OPENING_LABEL",
    "Attendance",
    "AttendanceSheet",
    "Basket",
    "BasketLine",
    "BasketReceipt",
    "CarryForward",
    "CreditTreatment",
    "CustodyPeriod",
    "CustodyRule",
    "CustodySchedule",
    "CustodyScheduleError",
    "DecidedCharge",
    "DirectDebitTerms",
    "EntryType",
    "EveryOtherWeek",
    "Invoice",
    "InvoiceLine",
    "InvoiceLines",
    "IsoWeekParity",
    "Ledger",
    "LedgerEntry",
    "LineKey",
    "LineKind",
    "MinimumTopUp",
    "Payment",
    "PaymentMismatchError",
    "PaymentMode",
    "PaymentScheme",
    "Prepayment",
    "Presence",
    "PricedUnit",
    "Refund",
    "ServicePayment",
    "Side",
    "Statement",
    "StatementRow",
    "TicketCountError",
    "TopUpCheck",
    "TopUpRefusal",
    "TreatedCredit",
    "UnitPricer",
    "UnknownPaymentModeError",
    "Wallet",
    "WalletStatus",
    "ZeroAmountError",
    "bill_by_household",
    "build_invoice",
    "custody_days",
    "flat_pricer",
    "split_between_households",
    "ticket_count",
]

__dir__ = _ON_FIRST_USE.directory


def __getattr__(name: str) -> object:
    # PEP 562: the names imported on first use; and a reference commune's figures, which moved
    # to its own module, keep working here for one release, with a DeprecationWarning.
    if name in _ON_FIRST_USE:
        return _ON_FIRST_USE.attribute(name)
    return moved_name(__name__, name)
