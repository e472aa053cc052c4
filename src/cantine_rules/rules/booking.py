"""A commune's booking rules, and the decisions they give.

[`BookingRules`][] bundles a calendar, the services, the deadline rules for adding and for
cancelling (per service, per service kind, or by default), what happens past a deadline on each
channel, and who may book at all. [`BookingRules.decide`][] decides one change;
[`BookingRules.decide_many`][] a basket, and [`BookingRules.decide_columns`][] the same basket
into columns (status, reason, deadline, charge) with no object per change;
[`BookingRules.decide_period`][] a period booking for many children, computing the deadline of
each (service, day) once, not once per child.

Examples:
    >>> from datetime import date, datetime, time
    >>> from cantine_rules import BookingChange, ChangeAction, Service, ServiceKind, EUROPE_PARIS
    >>> from cantine_rules.calendar import SchoolCalendar, Zone
    >>> from cantine_rules.rules.deadlines import HoursBefore
    >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12, 0), time(13, 30))
    >>> rules = BookingRules(
    ...     SchoolCalendar(Zone.B),
    ...     (meal,),
    ...     ServiceRules(add=HoursBefore(48), cancel=HoursBefore(48)),
    ... )
    >>> change = BookingChange(ChangeAction.CANCEL, "c1", "repas", date(2024, 9, 19),
    ...                        datetime(2024, 9, 17, 11, 59, tzinfo=EUROPE_PARIS))
    >>> rules.decide(change).status.value
    'accepted'
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import attrs

from cantine_rules._pickling import pickled_by_fields
from cantine_rules._time import require_aware
from cantine_rules._validators import instance_of, require_identifiers, require_unique_items
from cantine_rules.calendar import DEFAULT_SERVICE_DAYS, SchoolCalendar, ServiceDays
from cantine_rules.errors import InvalidTypeError, InvalidValueError, UnknownServiceError
from cantine_rules.model import (
    Booking,
    BookingChange,
    ChangeAction,
    Channel,
    Family,
    Justification,
    RequestState,
    Service,
    ServiceKind,
)
from cantine_rules.money import Money

# The error module alone, not the tariffs: deciding a change builds no tariff class.
from cantine_rules.pricing._tariff_errors import MissingFigureError
from cantine_rules.rules.change_columns import ChangeColumns, ChangeRows
from cantine_rules.rules.deadlines import (
    ChangeWindow,
    ChangeWindowRule,
    bounded_by_start,
    service_start,
)
from cantine_rules.rules.decisions import (
    Decision,
    DecisionColumns,
    DecisionStatus,
    Reason,
    Shared,
    decided,
)
from cantine_rules.rules.late import (
    AcceptLate,
    AcceptWithSurcharge,
    KeepCharging,
    LateContext,
    LateHandling,
    MissingPriceError,
    Refuse,
    Surcharge,
)
from cantine_rules.rules.window_table import ChangeWindowTable, DayWindows, checked_table

if TYPE_CHECKING:
    from cantine_rules.pricing._invoice import DecidedCharge, LineKey

__all__ = [
    "BookingRules",
    "FamilyAccount",
    "PeriodDecisions",
    "PriceLookup",
    "Requirements",
    "ServiceRules",
    "decided_charges",
    "submit",
]

PriceLookup = Callable[[str, Service, date], Money | None]
"""Gives the normal price of a service for a child on a day, for late charges based on it."""


_rule = instance_of(ChangeWindowRule, "a deadline rule (ChangeWindowRule)")


@attrs.frozen
class ServiceRules:
    """The rules of one service (or kind of service): deadlines and late handling.

    Attributes:
        add: until when (and from when) a day may be added.
        cancel: until when a day may be cancelled.
        late_add: what each channel does with a late add (refuses by default).
        late_cancel: what each channel does with a late cancellation (refuses by default).
    """

    add: ChangeWindowRule = attrs.field(validator=_rule)
    cancel: ChangeWindowRule = attrs.field(validator=_rule)
    late_add: LateHandling = attrs.field(
        factory=LateHandling, validator=instance_of(LateHandling, "a LateHandling")
    )
    late_cancel: LateHandling = attrs.field(
        factory=LateHandling, validator=instance_of(LateHandling, "a LateHandling")
    )

    def rule_for(self, action: ChangeAction) -> ChangeWindowRule:
        """The deadline rule of *action*."""
        return self.add if action is ChangeAction.ADD else self.cancel

    def late_for(self, action: ChangeAction) -> LateHandling:
        """The late handling of *action*."""
        return self.late_add if action is ChangeAction.ADD else self.late_cancel


@attrs.frozen
class Requirements:
    """Who may book at all.

    Attributes:
        account_validated: the family account must be validated by the commune (Chantraine:
            « la mairie va vérifier vos informations, et valider votre compte »).
        child_registered: the child must be added to the family and registered for the service
            (Chantraine: « Vous devez ajouter vos enfants avant de planifier la cantine »).
        dossier_validated: the registration dossier must be validated (Paris: « Suite à la
            validation de votre dossier, vous pouvez inscrire votre enfant »).
    """

    account_validated: bool = True
    child_registered: bool = True
    dossier_validated: bool = False


def _registrations(value: Iterable[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    return frozenset(value)


@pickled_by_fields
@attrs.frozen
class FamilyAccount:
    """A family's standing with the commune: what decides whether it may book at all.

    Examples:
        >>> from cantine_rules import Child
        >>> family = Family("F-1", children=(Child("c1", "Louise", date(2017, 3, 2)),))
        >>> account = FamilyAccount(family, account_validated=True, registrations={("c1", "repas")})
        >>> account.is_registered("c1", "repas")
        True
    """

    family: Family = attrs.field(validator=instance_of(Family, "a Family"))
    account_validated: bool = False
    dossier_validated: bool = False
    registrations: frozenset[tuple[str, str]] = attrs.field(
        factory=frozenset, converter=_registrations
    )

    def has_child(self, child_id: str) -> bool:
        """True when the child was added to the family."""
        return any(child.id == child_id for child in self.family.children)

    def is_registered(self, child_id: str, service_code: str) -> bool:
        """True when the child is registered for the service."""
        return (child_id, service_code) in self.registrations


def _services(value: Iterable[Service]) -> tuple[Service, ...]:
    services = require_unique_items(value, Service, "services", "code", lambda s: s.code)
    if not services:
        raise InvalidValueError("services", services, "must hold at least one service")
    return services


def _kind_map(
    value: Mapping[ServiceKind, ServiceRules] | Iterable[tuple[ServiceKind, ServiceRules]],
) -> tuple[tuple[ServiceKind, ServiceRules], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    result = tuple(sorted(items, key=lambda item: str(item[0])))
    for key, rules in result:
        if not isinstance(key, ServiceKind) or not isinstance(rules, ServiceRules):
            raise InvalidTypeError("by_kind", key, "must map ServiceKind to ServiceRules")
    return result


def _code_map(
    value: Mapping[str, ServiceRules] | Iterable[tuple[str, ServiceRules]],
) -> tuple[tuple[str, ServiceRules], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    result = tuple(sorted(items, key=lambda item: item[0]))
    for key, rules in result:
        if not isinstance(key, str) or not isinstance(rules, ServiceRules):
            raise InvalidTypeError("by_service", key, "must map a service code to ServiceRules")
    return result


def _days_map(
    value: Mapping[str, frozenset[ServiceDays]] | Iterable[tuple[str, frozenset[ServiceDays]]],
) -> tuple[tuple[str, frozenset[ServiceDays]], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    result = tuple(sorted(((code, frozenset(days)) for code, days in items), key=lambda i: i[0]))
    for code, days in result:
        for day_kind in days:
            if not isinstance(day_kind, ServiceDays):
                raise InvalidTypeError(f"service_days.{code}", day_kind, "must be ServiceDays")
    return result


#: The most days of one service whose windows the rules remember (three school years); past it the
#: memo starts again, so that asking any number of days keeps it bounded.
_MEMO_DAYS = 1100


class _ServiceEntry:
    """One service of the rules: the service, its rules and days, and a memo of its windows.

    The memo holds the windows of the days last asked (``decide`` on a warm commune reads them
    instead of counting working days and placing instants in Europe/Paris again). It is no part of
    the rules' value: the rules compare and hash by their fields, and an entry pickles as the
    service, its rules and its days alone, so equal rules pickle to equal bytes, used or not.
    """

    __slots__ = ("days", "rules", "service", "windows")

    def __init__(self, service: Service, rules: ServiceRules, days: frozenset[ServiceDays]) -> None:
        self.service = service
        self.rules = rules
        self.days = days
        self.windows: dict[date, DayWindows] = {}

    def __reduce__(self) -> tuple[type[_ServiceEntry], tuple[Service, ServiceRules, Any]]:
        return (_ServiceEntry, (self.service, self.rules, self.days))


@pickled_by_fields
@attrs.frozen
class BookingRules:
    """A commune's booking rules: calendar, services, deadlines, late handling, requirements.

    Rules are looked up for a service by its code first (``by_service``), then its kind
    (``by_kind``), then ``default``. A service runs on the kinds of day of
    [`DEFAULT_SERVICE_DAYS`][cantine_rules.calendar.DEFAULT_SERVICE_DAYS] for its kind unless
    ``service_days`` says otherwise for its code.
    """

    calendar: SchoolCalendar = attrs.field(
        validator=instance_of(SchoolCalendar, "a SchoolCalendar")
    )
    services: tuple[Service, ...] = attrs.field(converter=_services)
    default: ServiceRules = attrs.field(validator=instance_of(ServiceRules, "ServiceRules"))
    by_kind: tuple[tuple[ServiceKind, ServiceRules], ...] = attrs.field(
        default=(), converter=_kind_map
    )
    by_service: tuple[tuple[str, ServiceRules], ...] = attrs.field(default=(), converter=_code_map)
    service_days: tuple[tuple[str, frozenset[ServiceDays]], ...] = attrs.field(
        default=(), converter=_days_map
    )
    requirements: Requirements = attrs.field(
        factory=Requirements, validator=instance_of(Requirements, "Requirements")
    )
    auto_validate: bool = False
    # Each service's rules and days, looked up once, with the windows of the days last asked (a
    # memo that is no part of the value: see _ServiceEntry).
    _index: dict[str, _ServiceEntry] = attrs.field(init=False, repr=False, eq=False, hash=False)
    # What the changes of each (service, day, action) last asked decide from its deadline alone
    # (see _PlainDay): a memo that is no part of the value either, keyed as a change reads it.
    _plains: dict[tuple[str, date, ChangeAction], _PlainDay | None] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        by_kind = dict(self.by_kind)
        by_code = dict(self.by_service)
        days = dict(self.service_days)
        known = {service.code for service in self.services}
        for field, codes in (("by_service", by_code), ("service_days", days)):
            for code in codes:
                if code not in known:
                    raise UnknownServiceError(code, known, field=field)
        index = {
            service.code: _ServiceEntry(
                service,
                by_code.get(service.code) or by_kind.get(service.kind) or self.default,
                days.get(service.code, DEFAULT_SERVICE_DAYS[service.kind]),
            )
            for service in self.services
        }
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_plains", {})

    # Lookups ------------------------------------------------------------------------------------

    def service(self, code: str) -> Service:
        """The service with this code, or [`UnknownServiceError`][] listing the known ones."""
        try:
            return self._index[code].service
        except KeyError:
            raise UnknownServiceError(code, self._index) from None

    def rules_for(self, code: str) -> ServiceRules:
        """The rules that apply to the service *code*."""
        return self._entry(code).rules

    def days_of(self, code: str) -> frozenset[ServiceDays]:
        """The kinds of day the service *code* runs on."""
        return self._entry(code).days

    def window(self, action: ChangeAction, code: str, day: date) -> ChangeWindow:
        """The window in which *action* on service *code* for *day* is on time.

        It never closes after the service starts (see
        [`ServiceStart`][cantine_rules.rules.deadlines.ServiceStart]). It is computed on each
        call: where the same windows are asked again and again (planning grids, baskets), keep a
        ``ChangeWindowTable`` (``cantine_rules.rules.window_table``) and pass it along.
        """
        entry = self._entry(code)
        service, rules = entry.service, entry.rules
        start = service_start(service, day)
        return bounded_by_start(rules.rule_for(action).window(service, day, self.calendar), start)

    def no_service_reason(self, code: str, day: date) -> str | None:
        """The closure, public holiday or school holiday that stops the service on *day*.

        None when the service runs, and when it simply does not run that weekday (a weekend, a
        Wednesday without school): there is no name to give then.
        """
        if self.calendar.runs(self._entry(code).days, day):
            return None
        return self._stopped_by(day)

    def _stopped_by(self, day: date) -> str | None:
        """The closure, public holiday or school holiday on *day*, the first that applies."""
        return self.calendar.closed_reason(day)

    def _entry(self, code: str) -> _ServiceEntry:
        try:
            return self._index[code]
        except KeyError:
            raise UnknownServiceError(code, self._index) from None

    def _at(
        self,
        action: ChangeAction,
        service: Service,
        rules: ServiceRules,
        kinds: frozenset[ServiceDays],
        day: date,
    ) -> tuple[datetime, ChangeWindow | None, str | None]:
        """When *service* starts on *day*, and the window of *action* then.

        The window is None when the service does not run that day; the closure or holiday that
        stops it comes third (None when it runs, or on a weekday it never runs).
        """
        start = service_start(service, day)
        if not self.calendar.runs(kinds, day):
            return start, None, self._stopped_by(day)
        rule = rules.rule_for(action)
        return start, bounded_by_start(rule.window(service, day, self.calendar), start), None

    def day_windows(self, code: str, day: date) -> DayWindows:
        """When the service *code* starts on *day*, and its windows of adding and cancelling.

        What a ``ChangeWindowTable`` holds for each day; both windows are None when the service
        does not run that day.

        Examples:
            >>> from datetime import time
            >>> from cantine_rules.calendar import Zone
            >>> from cantine_rules.rules.deadlines import HoursBefore
            >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12), time(13, 30))
            >>> rules = BookingRules(
            ...     SchoolCalendar(Zone.B), (meal,), ServiceRules(HoursBefore(48), HoursBefore(1))
            ... )
            >>> rules.day_windows("repas", date(2024, 9, 19)).cancel.closes_at.isoformat()
            '2024-09-19T11:00:00+02:00'
            >>> rules.day_windows("repas", date(2024, 11, 11)).closed
            'Armistice'
        """
        entry = self._entry(code)
        # A day that is not a plain date is checked by the calendar, not remembered.
        return self._windows(entry, day) if type(day) is date else self._compute(entry, day)

    def _windows(self, entry: _ServiceEntry, day: date) -> DayWindows:
        """The windows of *entry*'s service on *day*, from the memo or computed into it."""
        memo = entry.windows
        found = memo.get(day)
        if found is None:
            found = self._compute(entry, day)
            if len(memo) >= _MEMO_DAYS:
                memo.clear()
            memo[day] = found
        return found

    def _compute(self, entry: _ServiceEntry, day: date) -> DayWindows:
        service, rules, kinds = entry.service, entry.rules, entry.days
        start, add, closed = self._at(ChangeAction.ADD, service, rules, kinds, day)
        cancel = add
        # The same rule gives the same window: most communes close adding and cancelling alike.
        if add is not None and rules.cancel is not rules.add:
            cancel = self._at(ChangeAction.CANCEL, service, rules, kinds, day)[1]
        return DayWindows(start, add, cancel, closed)

    # Deciding -----------------------------------------------------------------------------------

    def eligibility(self, change: BookingChange, account: FamilyAccount | None) -> Reason | None:
        """The reason the family may not make *change* at all, or None when it may."""
        if account is None:
            return None
        needs = self.requirements
        if needs.account_validated and not account.account_validated:
            return Reason.ACCOUNT_NOT_VALIDATED
        if needs.child_registered:
            if not account.has_child(change.child_id):
                return Reason.CHILD_NOT_IN_FAMILY
            if not account.is_registered(change.child_id, change.service_code):
                return Reason.CHILD_NOT_REGISTERED
        if needs.dossier_validated and not account.dossier_validated:
            return Reason.DOSSIER_NOT_VALIDATED
        return None

    def decide(
        self,
        change: BookingChange,
        *,
        account: FamilyAccount | None = None,
        price: Money | None = None,
        price_of: PriceLookup | None = None,
        context: LateContext | None = None,
    ) -> Decision:
        """Decide one change.

        Args:
            change: the change, with the instant it was made.
            account: the family's standing; when given, who may book is checked first.
            price: the service's normal price for this child and day; needed only where a late
                charge is based on it (a late cancellation still billed, « tarif journée + 3 € »).
            price_of: instead of *price*, how to look it up; it is asked only when the decision
                needs the price (a commune's tariff may not cover every day).
            context: what a late charge may depend on beyond the price (allowance, carence).

        Raises:
            UnknownServiceError: the commune has no such service.
            MissingPriceError: a late charge needs the price and none was given (or looked up).
        """
        if not isinstance(change, BookingChange):
            raise InvalidTypeError("change", change, "must be a BookingChange")
        if price is not None:
            price.require_non_negative("price")
            if price_of is not None:
                raise InvalidValueError("price_of", price_of, "give price or price_of, not both")
        entry = self._entry(change.service_code)
        refusal = self.eligibility(change, account) if account is not None else None
        if refusal is not None:
            start = service_start(entry.service, change.day)
            return _decide(
                change,
                entry.service,
                entry.rules,
                None,
                start,
                price,
                price_of,
                context,
                refusal=refusal,
            )
        windows = self._windows(entry, change.day)
        return _decide(
            change,
            entry.service,
            entry.rules,
            windows.add if change.action is ChangeAction.ADD else windows.cancel,
            windows.start,
            price,
            price_of,
            context,
            closed=windows.closed,
        )

    def decide_many(
        self,
        changes: Iterable[BookingChange],
        *,
        accounts: Mapping[str, FamilyAccount] | None = None,
        price_of: PriceLookup | None = None,
        table: ChangeWindowTable | None = None,
    ) -> tuple[Decision, ...]:
        """Decide a basket of changes, in the order given.

        Each change is decided as [`decide`][cantine_rules.rules.booking.BookingRules.decide]
        would, but the windows of each (service, day) are computed once for the whole basket (or
        read from *table*). Late charges that depend on what came before (a monthly free
        allowance, a penalty charged once per family, the first day of a sick absence) are
        counted in a canonical order — by instant, then day, child and service — so the result
        does not depend on the basket's order.

        Args:
            changes: the changes.
            accounts: the family standing of each child, by child id; children not in it are not
                checked for eligibility.
            price_of: the normal price of a service for a child on a day, for late charges; asked
                only for the changes whose decision needs it.
            table: a ``ChangeWindowTable`` built from these rules, to read windows from; days it
                does not cover are computed. The decisions are the same with or without it.
        """
        items = tuple(changes)
        decisions: list[Decision | None] = [None] * len(items)
        self._decide_at(
            items, range(len(items)), [], decisions, accounts, price_of, checked_table(table, self)
        )
        # Every place is filled: each position was decided.
        return cast("tuple[Decision, ...]", tuple(decisions))

    def decide_columns(
        self,
        changes: ChangeColumns | Iterable[BookingChange],
        *,
        accounts: Mapping[str, FamilyAccount] | None = None,
        price_of: PriceLookup | None = None,
        table: ChangeWindowTable | None = None,
    ) -> DecisionColumns:
        """Decide a basket of changes as ``decide_many`` does, and keep only the columns.

        Row *i* of the result holds the status, reason, deadline and charge of the decision
        ``decide_many`` gives change *i*, and nothing else: no ``Decision`` is kept per change. A
        portal checking a large batch (a school's changes of the week, an import) reads the
        columns, and asks ``decide_many`` or ``decide`` for the changes it explains.

        *changes* are ``BookingChange`` values, or a
        [`ChangeColumns`][cantine_rules.rules.change_columns.ChangeColumns]: the changes held by
        column, as a portal reads its rows, with no object per change. Each change is judged: its
        own instant against its own deadline, compared over the columns in C loops (the deadline
        and the answer of each (service, day, action) are computed once for all its changes). A
        change on time, or late on a channel that refuses late changes, is answered from that
        comparison; the others (late changes taken, with their charges and late contexts, days
        without service, windows not yet open, children with an account) are decided by
        ``decide_many``'s own path, and only they are made as ``BookingChange`` values. The other
        arguments are ``decide_many``'s.

        Raises:
            InvalidTypeError: an item of *changes* is not a ``BookingChange``.
            UnknownServiceError: a change names a service the rules do not have.
            MissingPriceError: a late charge needs the price and *price_of* gives none.

        Examples:
            >>> from datetime import time
            >>> from cantine_rules import EUROPE_PARIS
            >>> from cantine_rules.calendar import Zone
            >>> from cantine_rules.rules.deadlines import HoursBefore
            >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12, 0), time(13, 30))
            >>> rules = BookingRules(
            ...     SchoolCalendar(Zone.B), (meal,), ServiceRules(HoursBefore(48), HoursBefore(48))
            ... )
            >>> def at(day: int, hour: int) -> datetime:
            ...     return datetime(2024, 9, day, hour, tzinfo=EUROPE_PARIS)
            >>> thursday = date(2024, 9, 19)
            >>> columns = rules.decide_columns(
            ...     BookingChange(ChangeAction.ADD, child, "repas", thursday, at(day, 9))
            ...     for child, day in (("c1", 16), ("c2", 17), ("c3", 18))
            ... )
            >>> [status.value for status in columns.statuses]
            ['accepted', 'accepted', 'refused']
            >>> columns.deadlines[2].isoformat(), columns.reasons[2].value
            ('2024-09-17T12:00:00+02:00', 'too_late')
        """
        columns = changes if isinstance(changes, ChangeColumns) else ChangeColumns.of(changes)
        known = checked_table(table, self)
        rows = len(columns)
        groups = columns._groups
        # What each (service, day, action) decides, by its first row (see _PlainDay); None when
        # its changes need the full path (no service that day, a window that opens, no deadline).
        plains = {first: self._plain_day(key, known) for key, first in columns._keys.items()}
        # Each row's own instant against its own deadline, in C loops over the columns. The rows
        # of a (service, day, action) without a plain answer compare as on time here (_NEVER), and
        # are decided on the full path below with the changes of families that have an account.
        deadline_of = {g: plain.deadline if plain else _NEVER for g, plain in plains.items()}
        refused_of = {g: plain.refused for g, plain in plains.items() if plain is not None}
        each: list[datetime] = list(map(deadline_of.__getitem__, groups))
        on_time = map(operator.lt, columns.requested_at, each)
        late_rows = list(itertools.compress(range(rows), map(operator.not_, on_time)))
        # The deadline column: the full path below sets its own rows' (None for some).
        deadlines = cast("list[datetime | None]", each)
        rest: set[int] = set()
        if None in plains.values():
            full = {g for g, plain in plains.items() if plain is None}
            rest.update(itertools.compress(range(rows), map(full.__contains__, groups)))
        if accounts is not None:
            checked = map(accounts.__contains__, columns.child_ids)
            rest.update(itertools.compress(range(rows), checked))
        statuses = [DecisionStatus.ACCEPTED] * rows
        reasons = [Reason.ON_TIME] * rows
        charges: list[Money | None] = [None] * rows
        late: list[int] = []
        channels = columns.channels
        for row in late_rows:
            if row in rest:
                continue
            refused = refused_of[groups[row]].get(channels[row])
            if refused is None:
                # Late and taken: its charge and late context come from the full path.
                rest.add(row)
            else:
                late.append(row)
                statuses[row] = DecisionStatus.REFUSED
                reasons[row] = refused[2]
        if rest:
            order = sorted(rest)
            decisions: list[Decision | None] = [None] * rows
            self._decide_at(columns.changes(), order, late, decisions, accounts, price_of, known)
            for row in order:
                made = decisions[row]
                assert made is not None  # decided above
                statuses[row], reasons[row] = made.status, made.reason
                deadlines[row], charges[row] = made.deadline, made.charge
        return DecisionColumns(tuple(statuses), tuple(reasons), tuple(deadlines), tuple(charges))

    def _plain_day(
        self, key: tuple[str, date, ChangeAction], known: ChangeWindowTable | None
    ) -> _PlainDay | None:
        """What the changes of *key*, a (service code, day, action), decide from its deadline.

        None when those changes need the full path (see ``decide_columns``). Remembered, as the
        day's windows are: the same for every basket.

        Raises:
            UnknownServiceError: the rules have no such service.
        """
        memo = self._plains
        found = memo.get(key, _UNSEEN)
        if found is not _UNSEEN:
            return cast("_PlainDay | None", found)
        code, day, action = key
        entry = self._entry(code)
        windows = known.entry(entry.service.code, day) if known is not None else None
        if windows is None:
            windows = self._windows(entry, day)
        window = windows.window(action)
        plain = None
        if window is not None and window.opens_at is None and window.closes_at is not None:
            # The fields of Decision.on_time and of Decision.refused(..., window=window).
            deadline, start, rule = window.closes_at, windows.start, window.closing_rule
            service = entry.service
            late = entry.rules.late_for(action)
            refused: dict[Channel, Shared] = {}
            for channel in _CHANNELS:
                outcome = late.for_channel(channel)
                if isinstance(outcome, Refuse):
                    reason, contact = _refused_late(outcome)
                    refused[channel] = (
                        service,
                        DecisionStatus.REFUSED,
                        reason,
                        deadline,
                        None,
                        start,
                        None,
                        rule,
                        contact,
                        None,
                    )
            on_time: Shared = (
                service,
                DecisionStatus.ACCEPTED,
                Reason.ON_TIME,
                deadline,
                None,
                start,
                None,
                rule,
                None,
                None,
            )
            plain = _PlainDay(deadline, on_time, refused)
        if len(memo) >= 2 * _MEMO_DAYS * len(self._index):
            memo.clear()
        memo[key] = plain
        return plain

    def _decide_at(
        self,
        items: Sequence[BookingChange],
        positions: Iterable[int],
        late: list[int],
        decisions: list[Decision | None],
        accounts: Mapping[str, FamilyAccount] | None,
        price_of: PriceLookup | None,
        known: ChangeWindowTable | None,
    ) -> None:
        """Decide the changes of *items* at *positions* into *decisions*: the basket's one path.

        *late* holds the late changes of the basket decided elsewhere: they count in the late
        contexts of the changes decided here (see ``_late_contexts``).
        """
        index = self._index
        plains = self._plains
        # Late changes taken wait for their late contexts, counted over every late change.
        waiting: dict[int, tuple[_ServiceEntry, DayWindows]] = {}
        for position in positions:
            change = items[position]
            if type(change) is not BookingChange and not isinstance(change, BookingChange):
                raise InvalidTypeError(f"changes[{position}]", change, "must be a BookingChange")
            # Most changes are on time, or late on a channel that refuses: their decision's fields
            # but the change are their (service, day, action)'s, made once (see _PlainDay), read
            # in one look-up. A child with an account is checked first, on the path below.
            if accounts is None or change.child_id not in accounts:
                key = (change.service_code, change.day, change.action)
                plain = plains.get(key, _UNSEEN)
                if plain is _UNSEEN:
                    plain = self._plain_day(key, known)
                if plain is not None:
                    if change.requested_at < plain.deadline:
                        decisions[position] = decided(change, plain.on_time)
                        continue
                    refused = plain.refused.get(change.channel)
                    if refused is not None:
                        late.append(position)
                        decisions[position] = decided(change, refused)
                        continue
            code = change.service_code
            entry = index.get(code) or self._entry(code)
            if accounts is not None:
                refusal = self.eligibility(change, accounts.get(change.child_id))
                if refusal is not None:
                    start = service_start(entry.service, change.day)
                    decisions[position] = _decide(
                        change,
                        entry.service,
                        entry.rules,
                        None,
                        start,
                        None,
                        price_of,
                        None,
                        refusal=refusal,
                    )
                    continue
            # The rules' memo first (one look-up), then the table, else computed: all equal.
            windows = entry.windows.get(change.day)
            if windows is None and known is not None:
                windows = known.entry(code, change.day)
            if windows is None:
                windows = self._windows(entry, change.day)
            window = windows.add if change.action is ChangeAction.ADD else windows.cancel
            # ChangeWindow.is_late, read without its call (as in _decide).
            if (
                window is not None
                and window.closes_at is not None
                and change.requested_at >= window.closes_at
            ):
                late.append(position)
                # Only a late change that is taken may be charged by what came before it.
                outcome = entry.rules.late_for(change.action).for_channel(change.channel)
                if not isinstance(outcome, Refuse):
                    waiting[position] = (entry, windows)
                    continue
            decisions[position] = _decide(
                change,
                entry.service,
                entry.rules,
                window,
                windows.start,
                None,
                price_of,
                None,
                closed=windows.closed,
            )
        contexts = _late_contexts(self, items, late, accounts, waiting)
        for position, (entry, windows) in waiting.items():
            change = items[position]
            decisions[position] = _decide(
                change,
                entry.service,
                entry.rules,
                windows.window(change.action),
                windows.start,
                None,
                price_of,
                contexts[position],
                closed=windows.closed,
            )

    def decide_period(
        self,
        child_ids: Sequence[str],
        service_code: str,
        days: Iterable[date],
        action: ChangeAction,
        requested_at: datetime,
        *,
        channel: Channel = Channel.ONLINE,
        price: Money | None = None,
        table: ChangeWindowTable | None = None,
    ) -> PeriodDecisions:
        """Decide a period booking: the same change for many children over many days.

        Seed 002: « J'ouvre pour la période du 01/09/2021 au 04/07/2022, si je coche périscolaire
        soir le mardi, cela signifie que mon enfant sera inscrit tous les mardis de l'année ».
        Each (service, day) is decided once and the outcome is shared by every child, so the work
        grows with the number of days, not days × children. Eligibility is not checked here,
        and a late charge based on a price uses *price* for every child: where children differ
        in standing or price, decide their changes with [`decide_many`][].

        *table*, a ``ChangeWindowTable`` built from these rules, gives the windows of the days it
        covers; the others are computed. The decisions are the same with or without it.

        Raises:
            MissingPriceError: a late change is accepted at a charge based on the price, and no
                price was given.
        """
        require_aware(requested_at, "requested_at")
        children = require_identifiers(child_ids, "child_ids")
        if price is not None:
            price.require_non_negative("price")
        entry = self._entry(service_code)
        service, rules = entry.service, entry.rules
        known = checked_table(table, self)
        outcomes: list[Decision] = []
        placeholder = children[0] if children else "-"
        first: BookingChange | None = None
        for day in days:
            if first is None:
                change = first = BookingChange(
                    action, placeholder, service_code, day, requested_at, channel
                )
            else:
                change = first.on_day(day)
            windows = known.entry(service_code, day) if known is not None else None
            if windows is None:
                windows = self.day_windows(service_code, day)
            outcomes.append(
                _decide(
                    change,
                    service,
                    rules,
                    windows.window(action),
                    windows.start,
                    price,
                    None,
                    _ON_ITS_OWN,
                    closed=windows.closed,
                )
            )
        return PeriodDecisions(children, tuple(outcomes))


class _PlainDay(NamedTuple):
    """A (service, day, action) whose changes are answered from its deadline alone.

    Its window closes and has no opening, and the service runs that day: a change before the
    deadline is on time, and one after it is refused on each channel of *refused*. The fields of
    those decisions are the same for every change of the (service, day, action), so they are made
    once here (``decide_many`` sets them through a decision's slots, ``decide_columns`` reads the
    reason); a change taken late, with its charge and late context, goes the full path.
    """

    deadline: datetime
    on_time: Shared
    refused: Mapping[Channel, Shared]


#: A (service, day, action) that ``decide_columns`` has not met yet.
_UNSEEN: Any = object()

_CHANNELS = tuple(Channel)

#: Later than any instant: the deadline a row compares with when its day has no plain answer.
_NEVER = datetime.max.replace(tzinfo=UTC)


class _Price(NamedTuple):
    """Where a decision gets the service's normal price: given, or looked up when needed."""

    given: Money | None
    lookup: PriceLookup | None

    def for_change(self, change: BookingChange, service: Service) -> Money | None:
        """The price of *change*: the one given, else the lookup's (asked now), else None."""
        if self.given is not None or self.lookup is None:
            return self.given
        return self.lookup(change.child_id, service, change.day)

    def charge(
        self, surcharge: Surcharge, change: BookingChange, service: Service, context: LateContext
    ) -> Money:
        """What *surcharge* bills for *change*, asking the price only if the surcharge needs it."""
        if self.given is not None or self.lookup is None:
            return surcharge.charge(self.given, context)
        # A surcharge says it needs the price by raising MissingPriceError without one (see
        # Surcharge): a flat surcharged price never does, so its day's tariff is never asked.
        try:
            return surcharge.charge(None, context)
        except MissingPriceError:
            return surcharge.charge(self.for_change(change, service), context)


def _decide(
    change: BookingChange,
    service: Service,
    rules: ServiceRules,
    window: ChangeWindow | None,
    start: datetime,
    price: Money | None,
    price_of: PriceLookup | None,
    context: LateContext | None,
    *,
    closed: str | None = None,
    refusal: Reason | None = None,
) -> Decision:
    """The one decision path of single changes, baskets and periods.

    *refusal* is why the family may not book at all, if so (checked first, no window needed).
    *window* is the change's window, None when the service does not run that day (*closed* then
    names the closure or holiday); *start* is when the service starts; *price*, or else
    *price_of*, gives the normal price when a late charge needs it; *context* is what a late
    charge may depend on beyond it.
    """
    if refusal is not None:
        return Decision.refused(change, service, refusal, start)
    if window is None:
        return Decision.refused(change, service, Reason.NOT_A_SERVICE_DAY, start, detail=closed)
    at = change.requested_at
    # ChangeWindow.is_early and is_late, read here without their calls: every decision goes by.
    opens, closes = window.opens_at, window.closes_at
    if opens is not None and at < opens:
        return Decision.refused(change, service, Reason.NOT_OPEN_YET, start, window=window)
    if closes is None or at < closes:
        return Decision.on_time(change, service, start, window)
    outcome = rules.late_for(change.action).for_channel(change.channel)
    if isinstance(outcome, Refuse):
        reason, contact = _refused_late(outcome)
        return Decision.refused(change, service, reason, start, window=window, detail=contact)
    late = context or _ON_ITS_OWN
    how = _Price(price, price_of)
    if isinstance(outcome, AcceptWithSurcharge):
        try:
            charge = how.charge(outcome.surcharge, change, service, late)
        except MissingFigureError as missing:
            return Decision.late(
                change,
                service,
                Reason.LATE_SURCHARGE,
                start,
                window,
                missing_figure=missing.missing_figure(),
            )
        return Decision.late(change, service, Reason.LATE_SURCHARGE, start, window, charge=charge)
    if isinstance(outcome, KeepCharging):
        waiver = outcome.waiver
        if (
            waiver is not None
            and change.justification is Justification.MEDICAL_CERTIFICATE
            and waiver.waives(late)
        ):
            return Decision.late(
                change, service, Reason.LATE_CHARGE_WAIVED, start, window, charge=Money.zero()
            )
        try:
            base = how.for_change(change, service)
        except MissingFigureError as missing:
            # The change is taken and billed, at a price no source gives: said, not guessed.
            return Decision.late(
                change,
                service,
                Reason.LATE_STILL_CHARGED,
                start,
                window,
                missing_figure=missing.missing_figure(),
            )
        if base is None:
            raise MissingPriceError("a late change still billed")
        return Decision.late(change, service, Reason.LATE_STILL_CHARGED, start, window, charge=base)
    assert isinstance(outcome, AcceptLate)
    return Decision.late(change, service, Reason.LATE_ACCEPTED, start, window)


def _refused_late(outcome: Refuse) -> tuple[Reason, str | None]:
    """Why a late change is refused, and who to contact (if the commune names someone)."""
    if outcome.contact:
        return Reason.TOO_LATE_CONTACT, outcome.contact
    return Reason.TOO_LATE, None


#: The canonical order of late changes: by instant, then day, child, service and action.
_CANONICAL = operator.attrgetter("requested_at", "day", "child_id", "service_code", "action")

#: The late context of a change decided on its own: nothing came before it.
_ON_ITS_OWN = LateContext()


def _late_contexts(
    rules: BookingRules,
    changes: Sequence[BookingChange],
    late_positions: Sequence[int],
    accounts: Mapping[str, FamilyAccount] | None,
    wanted: Container[int] | None = None,
) -> dict[int, LateContext]:
    """The late context of each late change (of those *wanted*), counted in a canonical order.

    Only changes that are decided late count: a monthly allowance, a per-family penalty and the
    days of a sick absence are counted over them, by instant, then day, child, service, action.
    Every late change counts; a context is made only for the *wanted* ones (all when None), the
    late changes a commune takes: one it refuses is charged nothing.
    """

    def family_of(child_id: str) -> str:
        family = accounts.get(child_id) if accounts is not None else None
        return family.family.id if family is not None else child_id

    def month_of(change: BookingChange) -> tuple[str, int, int]:
        return (change.child_id, change.day.year, change.day.month)

    # Most late changes are refused, and wanted by none: the filters below run in C loops.
    targets = (
        late_positions
        if wanted is None
        else list(itertools.compress(late_positions, map(wanted.__contains__, late_positions)))
    )
    if not targets:
        return {}
    counted: Sequence[int] = late_positions
    if wanted is not None:
        # Only the late changes of a family with a wanted one can change its context (a month's
        # count is a child's, and a child is in one family): the others need not be put in order.
        # Rows of columns give their children without making the changes.
        if isinstance(changes, ChangeRows):
            late_children: Sequence[str] = list(map(changes.child_ids.__getitem__, late_positions))
        else:
            late_children = [changes[i].child_id for i in late_positions]
        families = {family_of(changes[i].child_id) for i in targets}
        if accounts is not None:
            # A family's late changes are those of each child in it (each child is its own
            # family without accounts).
            families |= {child for child in accounts if family_of(child) in families}
        theirs = map(families.__contains__, late_children)
        counted = list(itertools.compress(late_positions, theirs))
    # Equal changes (twins but for the channel) come by position, whatever order the late
    # positions were gathered in: decide_columns gathers its refused ones first.
    order = sorted(counted, key=lambda i: (_CANONICAL(changes[i]), i))
    late_in_month: dict[tuple[str, int, int], int] = {}
    families_charged: set[str] = set()
    sick_days: dict[tuple[str, str], set[date]] = {}
    certified = Justification.MEDICAL_CERTIFICATE
    # The days of absence of each (child, service) with a certified late change taken: only
    # those are read (rows of columns give them without making the changes).
    sick = {
        (changes[i].child_id, changes[i].service_code)
        for i in targets
        if changes[i].justification is certified
    }
    if sick:
        justified = (
            changes.justified(certified)
            if isinstance(changes, ChangeRows)
            else (
                (change.child_id, change.service_code, change.day)
                for change in changes
                if change.justification is certified
            )
        )
        for child_id, code, day in justified:
            if (child_id, code) in sick:
                sick_days.setdefault((child_id, code), set()).add(day)
    contexts: dict[int, LateContext] = {}
    # Most late changes share a context (none before them this month): each is made once.
    made: dict[tuple[int, bool, int], LateContext] = {}
    for position in order:
        change = changes[position]
        month_key = month_of(change)
        family_id = family_of(change.child_id)
        if wanted is None or position in wanted:
            sick_index = 1
            if change.justification is Justification.MEDICAL_CERTIFICATE:
                sick_index = _sick_day_index(
                    rules, change, sick_days[(change.child_id, change.service_code)]
                )
            key = (late_in_month.get(month_key, 0), family_id in families_charged, sick_index)
            context = made.get(key)
            if context is None:
                context = made[key] = LateContext(*key)
            contexts[position] = context
        late_in_month[month_key] = late_in_month.get(month_key, 0) + 1
        families_charged.add(family_id)
    return contexts


def _sick_day_index(rules: BookingRules, change: BookingChange, sick: set[date]) -> int:
    """1 for the first service day of a sick absence, 2 for the next one, and so on."""
    days = rules.days_of(change.service_code)
    index = 1
    day = change.day
    # Walk back over the service days of the absence; days without service do not break it.
    for _ in range(366):
        day -= timedelta(days=1)
        if not rules.calendar.runs(days, day):
            continue
        if day not in sick:
            break
        index += 1
    return index


@attrs.frozen
class PeriodDecisions:
    """The decisions of a period booking, shared by every child.

    ``by_day`` holds one decision per day (made out for the first child); iterating gives one
    decision per child and day, in child then day order.
    """

    child_ids: tuple[str, ...]
    by_day: tuple[Decision, ...]

    def __len__(self) -> int:
        return len(self.child_ids) * len(self.by_day)

    def __iter__(self) -> Any:
        for child_id in self.child_ids:
            for decision in self.by_day:
                if decision.change.child_id == child_id:
                    yield decision
                else:
                    yield attrs.evolve(
                        decision, change=attrs.evolve(decision.change, child_id=child_id)
                    )

    def accepted_days(self) -> tuple[date, ...]:
        """The days whose change is taken (on time or late)."""
        return tuple(d.change.day for d in self.by_day if d.accepted)

    def refused_days(self) -> tuple[date, ...]:
        """The days whose change is refused."""
        return tuple(d.change.day for d in self.by_day if not d.accepted)


def submit(
    decision: Decision, current: Booking | None = None, *, auto_validate: bool = False
) -> Booking | None:
    """The booking request a decision leads to (seed 002's request states).

    An accepted add becomes a *pending* request (« Demande en cours »), or a validated booking
    when the commune validates on acceptance; a refused add becomes a *refused* request
    (« Demande refusée »). An accepted cancellation moves a validated booking to *cancellation
    requested* (« Demande d'annulation »), or straight to cancelled with ``auto_validate``; a
    refused cancellation leaves the booking as it was.

    Raises:
        IllegalTransitionError: the booking's state cannot make that move.
    """
    change = decision.change
    if change.action is ChangeAction.ADD:
        if current is not None and current.state.books_the_day:
            return current
        if not decision.accepted:
            return Booking(change.child_id, change.service_code, change.day, RequestState.REFUSED)
        state = RequestState.VALIDATED if auto_validate else RequestState.PENDING
        return Booking(change.child_id, change.service_code, change.day, state)
    if current is None or not decision.accepted:
        return current
    requested = current.transition(RequestState.CANCELLATION_REQUESTED)
    return requested.transition(RequestState.CANCELLED) if auto_validate else requested


_CHARGE_LABELS = {
    Reason.LATE_SURCHARGE: "tarif majoré",
    Reason.LATE_STILL_CHARGED: "prix du service",
}


def decided_charges(decisions: Iterable[Decision]) -> dict[LineKey, DecidedCharge]:
    """The charges that late decisions put on invoices, keyed by (child, service, day).

    Feed the result to [`cantine_rules.pricing.accounts.build_invoice`][] so that a late add is
    billed its surcharged price and a late cancellation the price of the service (seed 002). A
    late cancellation's charge is the decision's alone: a justified absence recorded for the day
    does not waive it (seed 002: « Une annulation vous sera facturé le prix du service »; where a
    commune waives it for a medical certificate, its ``MedicalWaiver`` says so when the change is
    decided, so that ``decide`` and ``bill`` answer alike). A late add's surcharge, decided
    without a justification, is waived by a justified absence of the day, as the day's price is.

    Decisions that bill nothing of their own (on time, refused, waived) are left out.
    """
    # Invoices are imported here, not with the rules: deciding a change never needs them.
    from cantine_rules.pricing._invoice import DecidedCharge

    charges: dict[LineKey, DecidedCharge] = {}
    for decision in decisions:
        label = _CHARGE_LABELS.get(decision.reason)
        if label is None or decision.charge is None:
            continue
        change = decision.change
        what = "ajout hors délai" if change.action is ChangeAction.ADD else "annulation hors délai"
        charges[(change.child_id, change.service_code, change.day)] = DecidedCharge(
            decision.charge,
            label,
            what,
            waivable=change.action is ChangeAction.ADD and change.justification is None,
        )
    return charges
