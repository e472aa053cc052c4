"""A bill by payment scheme: the invoice, the basket (paiement immédiat) and the prepaid wallet.

Each service is paid by its scheme ([`CommunePolicy.scheme_of`][cantine_rules.policies.commune.CommunePolicy.scheme_of]),
so one commune may bill its périscolaire after the month and have its holidays paid at booking.
What the period charges, line by line, is priced once (the invoice of every service); each line
then goes to its service's scheme:

- **postfacturation**: the invoice, debited on the statement on the last day of the period;
- **paiement immédiat**: the basket, « Date, Elément, Tarification, Coût » then « A payer », which
  adds the restant dû: « Vous avez un restant dû de 0.00€ à régulariser lors de votre prochaine
  réservation » (seed 001). The bookings count only once the basket is paid: « si vous ne faites
  pas cette manipulation vos réservations ne seront pas prises en compte ». Paid in euros, the
  basket takes exactly « A payer » and leaves nothing owed; paid in paper tickets at the mairie,
  one ticket a line, the restant dû stays owed unless euros pay it too;
- **prepaid wallet**: each line is debited from the porte-monnaie on the day the service is
  consumed, and the balance is followed through time. Two events fire **on the crossing**, never
  again while the balance stays there: ``low_balance`` when the balance comes down to the
  commune's threshold or below it (« à partir de 30 € vous serez relancer par mail et sms »,
  seed 000: *à partir de* includes 30,00 €), and ``negative`` when it goes below 0,00 € (« Tous les
  comptes négatifs seront immédiatement rappelés par le service comptable de la mairie et si non
  règlement directement transmis au contentieux du trésor public »), which starts recovery.

**The opening balance** belongs to the commune's own scheme: the wallet's balance for a prepaid
commune, the restant dû (what it owed) for a commune paid at booking, the balance carried over
otherwise. **A payment** pays its ``scheme``, or the commune's own; paper tickets pay the basket.

**One order for one day.** On the statement and in the wallet, the movements of a day come in
this order: the invoice, the payments, then the services consumed (by the time each starts: the
lunch before the evening garderie) and the basket. A top-up made on the day of a meal is there
before the meal is taken. Payments of the same day are taken by
reference, then amount and mode, so the order of the file never changes a balance nor an event.

Examples:
    >>> from datetime import date
    >>> wallet = Ledger().credit(date(2024, 11, 4), Money.euros("35"), "REPORT")
    >>> rows = wallet.debit(date(2024, 11, 4), Money.euros("6"), "repas").rows()[1:]
    >>> [event.kind.value for event in wallet_events(Money.euros("35"), rows, Money.euros("30"))]
    ['low_balance']
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import Final

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules.errors import PolicyError, Problem
from cantine_rules.model import Child, Service
from cantine_rules.money import Money
from cantine_rules.plain import PaymentSpec, Scenario
from cantine_rules.policies import CommunePolicy
from cantine_rules.pricing.accounts import (
    Basket,
    BasketLine,
    EntryType,
    Invoice,
    InvoiceLine,
    Ledger,
    LedgerEntry,
    LineKey,
    Payment,
    PaymentMismatchError,
    PaymentMode,
    PaymentScheme,
    PricedUnit,
    Statement,
    StatementRow,
    UnitPricer,
)

__all__ = [
    "BasketSettlement",
    "Settlement",
    "WalletEvent",
    "WalletEventKind",
    "WalletHistory",
    "settle",
    "wallet_events",
]

OPENING_REFERENCE: Final = "REPORT"
"""The reference of the balance carried over, on the statement and in the wallet."""


class WalletEventKind(StrEnum):
    """What happened to a prepaid wallet's balance."""

    LOW_BALANCE = "low_balance"
    """It came down to the commune's threshold or below: the family is reminded."""
    NEGATIVE = "negative"
    """It went below 0,00 €: the accounts service recalls it, then the Trésor public recovers it."""


@attrs.frozen
class WalletEvent:
    """A crossing of the wallet's balance: its kind, its day and the balance after it.

    Examples:
        >>> WalletEvent(WalletEventKind.NEGATIVE, date(2024, 11, 14), Money.euros("-1.50")).kind
        <WalletEventKind.NEGATIVE: 'negative'>
    """

    kind: WalletEventKind
    day: date
    balance: Money


def wallet_events(
    opening: Money, rows: Iterable[StatementRow], threshold: Money | None
) -> tuple[WalletEvent, ...]:
    """The crossings of a wallet that held *opening* before *rows* (each with its balance after).

    ``low_balance`` fires on a row that brings the balance from above *threshold* to it or below
    it (no threshold, no reminder); ``negative`` on a row that brings it from 0,00 € or more to
    below 0,00 €. One row may fire both, the reminder first. A balance that stays low fires
    nothing more; one that rises above the threshold and comes down again fires again.

    Examples:
        >>> wallet = Ledger().credit(date(2024, 11, 4), Money.euros("35"), "REPORT")
        >>> rows = wallet.debit(date(2024, 11, 5), Money.euros("40"), "repas").rows()[1:]
        >>> [e.kind.value for e in wallet_events(Money.euros("35"), rows, Money.euros("30"))]
        ['low_balance', 'negative']
        >>> [e.kind.value for e in wallet_events(Money.euros("35"), rows, None)]
        ['negative']
    """
    events: list[WalletEvent] = []
    previous = opening
    for row in rows:
        balance = row.balance
        if threshold is not None and balance <= threshold < previous:
            events.append(WalletEvent(WalletEventKind.LOW_BALANCE, row.day, balance))
        if balance.is_negative() and not previous.is_negative():
            events.append(WalletEvent(WalletEventKind.NEGATIVE, row.day, balance))
        previous = balance
    return tuple(events)


@attrs.frozen
class WalletHistory:
    """The prepaid wallet through the period: its movements, running balance and events.

    Attributes:
        opening: the balance before the period.
        threshold: the commune's reminder threshold, if it sets one.
        ledger: the movements, the balance carried over first (when not 0,00 €).
        events: the crossings of the threshold and of zero, in order.
    """

    opening: Money
    threshold: Money | None
    ledger: Ledger
    events: tuple[WalletEvent, ...]

    @property
    def balance(self) -> Money:
        """The balance at the end: credits − debits, the opening included."""
        return self.ledger.balance

    @property
    def rows(self) -> tuple[StatementRow, ...]:
        """Every movement, with the running balance after it."""
        return self.ledger.rows()


@attrs.frozen
class BasketSettlement:
    """The basket of the services paid at booking, and whether it was paid.

    Attributes:
        basket: its lines and the restant dû carried from before.
        paid: True when a payment settled it: its bookings count.
        outstanding: the restant dû carried into the next payment.
        payments: the payments that went to it.
    """

    basket: Basket
    paid: bool
    outstanding: Money
    payments: tuple[PaymentSpec, ...] = ()

    @property
    def lines(self) -> tuple[BasketLine, ...]:
        """« Date, Elément, Tarification, Coût »: one line per service day."""
        return self.basket.lines

    @property
    def to_pay(self) -> Money:
        """« A payer »: the lines and the restant dû."""
        return self.basket.to_pay


@pickled_by_fields
@attrs.frozen
class Settlement:
    """What a period bills, by scheme, and the family's account statement.

    Attributes:
        invoice: the invoice of the services billed after the month.
        statement: every movement of the account, with its running balance.
        basket: the basket of the services paid at booking; None when the commune has none.
        wallet: the prepaid wallet; None when no service of the commune is prepaid.
        unpaid: the days of an unpaid basket, which do not count as booked.
    """

    invoice: Invoice
    statement: Statement
    basket: BasketSettlement | None
    wallet: WalletHistory | None
    unpaid: frozenset[LineKey]


def _payment_order(item: tuple[int, PaymentSpec]) -> tuple[object, ...]:
    _index, paid = item
    scheme = "" if paid.scheme is None else paid.scheme.value
    return (paid.day, paid.reference, paid.amount.cents, paid.mode.value, paid.tickets, scheme)


def settle(
    policy: CommunePolicy, scenario: Scenario, charged: Invoice, reference: str
) -> Settlement:
    """Split what *charged* bills between the schemes of its services, and draw up the account.

    Args:
        policy: the commune.
        scenario: the period, its opening balance and its payments.
        charged: every line the period charges, whatever the service's scheme.
        reference: the invoice's reference.

    Raises:
        PolicyError: a payment goes to a scheme no service of the commune uses, tickets where
            the commune takes none, a wallet or basket paid by a mode the commune does not take,
            or a basket paid by anything but « A payer » in euros or one ticket a line (every
            problem, with its path).
    """
    schemes = {service.code: policy.scheme_of(service.code) for service in policy.services}
    starts = {service.code: service.start for service in policy.services}

    def consumption_order(line: InvoiceLine) -> tuple[object, ...]:
        # A wallet is debited as the day goes: the lunch before the evening garderie.
        return (line.day, starts[line.service_code], line.service_code, line.child_id)

    used = set(schemes.values())
    by_scheme: dict[PaymentScheme, list[InvoiceLine]] = {scheme: [] for scheme in PaymentScheme}
    for line in charged.lines:
        by_scheme[schemes[line.service_code]].append(line)
    problems: list[Problem] = []
    payments = sorted(enumerate(scenario.payments), key=_payment_order)
    towards = _route(policy, used, payments, problems)

    opening = scenario.opening_balance
    basket = None
    if PaymentScheme.IMMEDIATE in used:
        owed = -opening if policy.payment_scheme is PaymentScheme.IMMEDIATE else Money.zero()
        restant = owed if owed.cents > 0 else Money.zero()
        lines, paying = by_scheme[PaymentScheme.IMMEDIATE], towards[PaymentScheme.IMMEDIATE]
        basket = _settle_basket(policy, scenario, lines, restant, paying, problems)
    if problems:
        raise PolicyError(problems, "scenario")

    if len(by_scheme[PaymentScheme.POSTFACTURATION]) == len(charged.lines):
        invoice = charged
    else:
        invoice = Invoice.from_lines(
            charged.start,
            charged.end,
            by_scheme[PaymentScheme.POSTFACTURATION],
            charged.unbooked_presences,
        )
    carried = _carried(scenario)
    credits = [
        LedgerEntry.credit_of(paid.day, paid.amount, paid.reference, mode=paid.mode)
        for _index, paid in payments
        if not paid.mode.counts_tickets
    ]
    consumed = [
        LedgerEntry.debit_of(
            line.day,
            line.amount,
            f"{line.child_id}/{line.service_code}/{line.day.isoformat()}",
            entry_type=EntryType.CONSUMPTION,
            label=line.tariff_name,
        )
        for line in sorted(by_scheme[PaymentScheme.PREPAID], key=consumption_order)
        if not line.amount.is_zero()
    ]
    entries = list(carried)
    if not invoice.total.is_zero():
        entries.append(
            LedgerEntry.debit_of(scenario.end, invoice.total, reference, invoice=reference)
        )
    entries += credits + consumed + _basket_debit(basket)
    as_of = max([scenario.end, *(paid.day for paid in scenario.payments)])
    # Posted at once: a ledger is immutable, and posting a thousand payments one by one would
    # copy it a thousand times.
    statement = Ledger().post(*entries).statement(as_of, last=None)

    wallet = None
    if PaymentScheme.PREPAID in used:
        wallet = _wallet(policy, scenario, carried, towards[PaymentScheme.PREPAID], consumed)
    unpaid: frozenset[LineKey] = frozenset()
    if basket is not None and not basket.paid:
        unpaid = frozenset(line.key for line in by_scheme[PaymentScheme.IMMEDIATE])
    return Settlement(invoice, statement, basket, wallet, unpaid)


def _route(
    policy: CommunePolicy,
    used: set[PaymentScheme],
    payments: Sequence[tuple[int, PaymentSpec]],
    problems: list[Problem],
) -> dict[PaymentScheme, list[tuple[int, PaymentSpec]]]:
    """Each payment (with its index in the scenario) under the scheme it pays; problems noted."""
    towards: dict[PaymentScheme, list[tuple[int, PaymentSpec]]] = {s: [] for s in PaymentScheme}
    for index, paid in payments:
        scheme = paid.scheme_or(policy.payment_scheme)
        if paid.mode.counts_tickets and PaymentMode.TICKETS not in policy.payment_modes:
            problems.append(Problem(f"payments[{index}].mode", f"{policy.slug} takes no tickets"))
        elif scheme is not PaymentScheme.POSTFACTURATION and paid.mode not in policy.payment_modes:
            # A wallet or a basket is paid only by the commune's modes (« choisir le mode de
            # règlement carte bancaire, chèque et virement », seed 000).
            modes = ", ".join(sorted(mode.value for mode in policy.payment_modes))
            problems.append(
                Problem(
                    f"payments[{index}].mode",
                    f"{policy.slug} takes {modes} for its {scheme.value} services",
                )
            )
        elif scheme not in used:
            listed = ", ".join(sorted(s.value for s in used))
            problems.append(
                Problem(
                    f"payments[{index}].scheme",
                    f"{policy.slug} has no service paid by {scheme.value} (its schemes: {listed})",
                )
            )
        towards[scheme].append((index, paid))
    return towards


def _carried(scenario: Scenario) -> list[LedgerEntry]:
    """The balance carried over, as the statement's first movement (none when 0,00 €)."""
    opening = scenario.opening_balance
    adjustment = EntryType.ADJUSTMENT
    if opening.is_negative():
        return [
            LedgerEntry.debit_of(scenario.start, -opening, OPENING_REFERENCE, entry_type=adjustment)
        ]
    if not opening.is_zero():
        return [
            LedgerEntry.credit_of(scenario.start, opening, OPENING_REFERENCE, entry_type=adjustment)
        ]
    return []


def _wallet(
    policy: CommunePolicy,
    scenario: Scenario,
    carried: list[LedgerEntry],
    credited: Sequence[tuple[int, PaymentSpec]],
    consumed: list[LedgerEntry],
) -> WalletHistory:
    prepaid_commune = policy.payment_scheme is PaymentScheme.PREPAID
    opening = scenario.opening_balance if prepaid_commune else Money.zero()
    credits = [
        LedgerEntry.credit_of(paid.day, paid.amount, paid.reference, mode=paid.mode)
        for _index, paid in credited
    ]
    ledger = Ledger().post(*(carried if prepaid_commune else []), *credits, *consumed)
    rows = ledger.rows()
    movements = rows[1:] if prepaid_commune and carried else rows
    events = wallet_events(opening, movements, policy.wallet_alert_threshold)
    return WalletHistory(opening, policy.wallet_alert_threshold, ledger, events)


def _basket_debit(basket: BasketSettlement | None) -> list[LedgerEntry]:
    """The basket's lines paid in euros, debited on the day of the payment that paid them."""
    if basket is None or not basket.paid or basket.basket.subtotal.is_zero():
        return []
    in_euros = [paid for paid in basket.payments if not paid.mode.counts_tickets]
    if len(in_euros) != len(basket.payments):
        return []  # paid in tickets: no euro moved for the lines
    last = in_euros[-1]
    return [
        LedgerEntry.debit_of(
            last.day,
            basket.basket.subtotal,
            last.reference,
            entry_type=EntryType.CONSUMPTION,
            label="Paiement immédiat",
        )
    ]


def _settle_basket(
    policy: CommunePolicy,
    scenario: Scenario,
    lines: Sequence[InvoiceLine],
    restant: Money,
    towards: Sequence[tuple[int, PaymentSpec]],
    problems: list[Problem],
) -> BasketSettlement | None:
    """The basket and whether *towards* paid it; None when they do not settle it exactly.

    The mismatch is noted in *problems*, and `settle` raises with every problem.
    """
    children = {child.id: child for child in scenario.children}
    basket = Basket(outstanding=restant)
    for child_id, service_code, day, unit in _priced(lines):
        child: Child = children[child_id]
        service: Service = policy.service(service_code)
        basket = basket.add(child, service, day, _priced_at(unit))
    if not towards:
        return BasketSettlement(basket, False, restant)
    tickets = [(index, paid) for index, paid in towards if paid.mode.counts_tickets]
    euros = [(index, paid) for index, paid in towards if not paid.mode.counts_tickets]
    # Only what the basket leaves owed is kept: the statement names each payment itself.
    try:
        if tickets:
            where = f"payments[{tickets[0][0]}].tickets"
            counted = sum(paid.tickets for _index, paid in tickets)
            left = basket.pay(Payment.in_tickets(counted)).outstanding
            if euros:
                # The restant dû is euros: tickets leave it owed, euros beside them may pay it.
                where = f"payments[{euros[0][0]}].amount"
                left = Basket(outstanding=left).pay(_euros(euros)).outstanding
        else:
            where = f"payments[{euros[0][0]}].amount"
            left = basket.pay(_euros(euros)).outstanding
    except PaymentMismatchError as error:
        problems.append(Problem(where, f"{error.reason} (got {error.value})"))
        return None
    return BasketSettlement(basket, True, left, tuple(paid for _index, paid in towards))


def _euros(paid: Sequence[tuple[int, PaymentSpec]]) -> Payment:
    """The euro payments of a basket as one: their sum, by the first one's mode."""
    return Payment.euros(paid[0][1].mode, Money.sum(spec.amount for _i, spec in paid))


def _priced_at(unit: PricedUnit) -> UnitPricer:
    """A pricer that answers *unit*: the basket line costs what the period charged the day."""

    def pricer(_child_id: str, _service_code: str, _day: date) -> PricedUnit:
        return unit

    return pricer


def _priced(lines: Sequence[InvoiceLine]) -> list[tuple[str, str, date, PricedUnit]]:
    """One priced unit per child, service and day: a day charged twice is one basket line."""
    totals: dict[tuple[str, str, date], tuple[str, Money]] = {}
    for line in lines:
        key = (line.child_id, line.service_code, line.day)
        name, amount = totals.get(key, (line.tariff_name, Money.zero()))
        totals[key] = (name, amount + line.amount)
    return [(*key, PricedUnit(amount, name)) for key, (name, amount) in totals.items()]
