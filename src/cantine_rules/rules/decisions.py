"""Decisions on booking changes, with a stable reason code and an explanation for families.

A [`Decision`][] says whether a change is accepted, accepted late or refused, which deadline
applied, when the service starts, what the change costs, and why ([`Reason`][], a stable code
that portals may switch on). [`Decision.explain`][] renders the explanation in French (the
default) or English from the message table of that language, with dates and amounts formatted
through babel; portals show it as it is. A decision holds values only (the deadline rule itself,
not its wording), so the same decision explains itself in either language.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import attrs

from cantine_rules._spelling import spell_clock, spell_date
from cantine_rules._time import EUROPE_PARIS
from cantine_rules.errors import InvalidValueError
from cantine_rules.model import BookingChange, Service
from cantine_rules.money import Money
from cantine_rules.pricing._tariff_errors import MissingFigure
from cantine_rules.rules._messages import locale, messages
from cantine_rules.rules.deadlines import ChangeWindow, ChangeWindowRule

__all__ = [
    "Decision",
    "DecisionColumns",
    "DecisionStatus",
    "Reason",
    "format_day",
    "format_instant",
]


class DecisionStatus(StrEnum):
    """The outcome of a decision."""

    ACCEPTED = "accepted"
    """On time."""
    ACCEPTED_LATE = "accepted_late"
    """Past the deadline, but taken (at a surcharge, or still billed)."""
    REFUSED = "refused"
    """Not taken; the reason says why."""


class Reason(StrEnum):
    """Stable reason codes. Their values never change once released."""

    ON_TIME = "on_time"
    LATE_SURCHARGE = "late_surcharge"
    LATE_STILL_CHARGED = "late_still_charged"
    LATE_CHARGE_WAIVED = "late_charge_waived"
    LATE_ACCEPTED = "late_accepted"
    TOO_LATE = "too_late"
    TOO_LATE_CONTACT = "too_late_contact"
    NOT_OPEN_YET = "not_open_yet"
    NOT_A_SERVICE_DAY = "not_a_service_day"
    ACCOUNT_NOT_VALIDATED = "account_not_validated"
    CHILD_NOT_IN_FAMILY = "child_not_in_family"
    CHILD_NOT_REGISTERED = "child_not_registered"
    DOSSIER_NOT_VALIDATED = "dossier_not_validated"


# Babel takes longer to spell a day than the rules take to decide; the same days come back in
# every explanation, so the last few thousand are kept (a bounded cache: any day may be asked).
@functools.lru_cache(maxsize=4096)
def format_day(day: date, lang: str = "fr") -> str:
    """A day as families read it: ``'jeudi 19 septembre 2024'``.

    Examples:
        >>> format_day(date(2024, 9, 19), "en")
        'Thursday 19 September 2024'
    """
    return spell_date(day, locale(lang))


# The same deadlines come back in explanation after explanation (a commune's deadline of a day
# is the same for every family): the last few thousand are kept, as for the days above.
@functools.lru_cache(maxsize=4096)
def format_instant(instant: datetime, lang: str = "fr") -> str:
    """An instant in Europe/Paris: ``'mardi 17 septembre 2024 à 16:30'``.

    Examples:
        >>> from cantine_rules import at_paris
        >>> from datetime import time
        >>> format_instant(at_paris(date(2024, 9, 17), time(16, 30)))
        'mardi 17 septembre 2024 à 16:30'
    """
    local = instant.astimezone(EUROPE_PARIS)
    clock = spell_clock(local.time(), locale(lang))
    return messages(lang)["instant"].format(day=format_day(local.date(), lang), time=clock)


@attrs.frozen
class Decision:
    """The decision on one booking change.

    The engine makes decisions through the named constructors [`Decision.refused`][],
    [`Decision.on_time`][] and [`Decision.late`][]; each takes the deadline, the opening and the
    deadline's rule from the change's window.

    Attributes:
        change: the change decided.
        service: the service it concerns.
        status: accepted, accepted late or refused.
        reason: the stable reason code.
        deadline: the deadline that applied (changes strictly before it are on time), if any.
        opens_at: the instant changes open, if the commune sets one.
        service_start: when the service starts on that day.
        charge: what the decision bills for that day beyond the normal tariff: a surcharged
            price, or the price still billed for a late cancellation; ``Money.zero()`` when a
            charge was waived; ``None`` when the decision bills nothing of its own (on time,
            refused).
        closing_rule: the deadline rule that set the deadline, if any; the explanation says it
            in the language asked.
        detail: what the reason refers to: who to contact, or the closure or holiday that stops
            the service (None for a weekday the service never runs).
        missing_figure: the figure no source gives (a bracket's price, a threshold), when the
            decision bills a charge based on it; ``charge`` is then None. The change is still
            decided: only its amount is unknown.

    Examples:
        >>> from datetime import time
        >>> from cantine_rules import BookingChange, ChangeAction, ServiceKind, at_paris
        >>> from cantine_rules.calendar import SchoolCalendar, Zone
        >>> from cantine_rules.rules.deadlines import HoursBefore
        >>> meal = Service("repas", "Repas", ServiceKind.MEAL, time(12), time(13, 30))
        >>> day = date(2024, 9, 19)
        >>> change = BookingChange(
        ...     ChangeAction.ADD, "c1", "repas", day, at_paris(date(2024, 9, 18), time(9))
        ... )
        >>> window = HoursBefore(48).window(meal, day, SchoolCalendar(Zone.B))
        >>> decision = Decision.refused(
        ...     change, meal, Reason.TOO_LATE, at_paris(day, meal.start), window=window
        ... )
        >>> decision.rule
        '48 heures avant le début du service'
    """

    change: BookingChange
    service: Service
    status: DecisionStatus
    reason: Reason
    deadline: datetime | None
    opens_at: datetime | None
    service_start: datetime
    charge: Money | None = None
    # Compared (rules are values) but not hashed: a commune's own rule class may be unhashable.
    closing_rule: ChangeWindowRule | None = attrs.field(default=None, hash=False)
    detail: str | None = None
    missing_figure: MissingFigure | None = None

    @classmethod
    def refused(
        cls,
        change: BookingChange,
        service: Service,
        reason: Reason,
        start: datetime,
        *,
        window: ChangeWindow | None = None,
        detail: str | None = None,
    ) -> Decision:
        """A refusal for *reason*.

        *window* is the change's window when the refusal is about it (too late, not open yet);
        None when the family may not book at all or the service does not run that day.
        """
        if window is None:
            return _assemble(
                change,
                service,
                DecisionStatus.REFUSED,
                reason,
                None,
                None,
                start,
                None,
                None,
                detail,
            )
        return _assemble(
            change,
            service,
            DecisionStatus.REFUSED,
            reason,
            window.closes_at,
            window.opens_at,
            start,
            None,
            window.closing_rule,
            detail,
        )

    @classmethod
    def on_time(
        cls, change: BookingChange, service: Service, start: datetime, window: ChangeWindow
    ) -> Decision:
        """An acceptance: *change* is made inside its *window*."""
        return _assemble(
            change,
            service,
            DecisionStatus.ACCEPTED,
            Reason.ON_TIME,
            window.closes_at,
            window.opens_at,
            start,
            None,
            window.closing_rule,
            None,
        )

    @classmethod
    def late(
        cls,
        change: BookingChange,
        service: Service,
        reason: Reason,
        start: datetime,
        window: ChangeWindow,
        *,
        charge: Money | None = None,
        missing_figure: MissingFigure | None = None,
    ) -> Decision:
        """A late change taken anyway, for *reason*, billing *charge* of its own (if any).

        *missing_figure* is the figure no source gives, when the charge rests on it.
        """
        return _assemble(
            change,
            service,
            DecisionStatus.ACCEPTED_LATE,
            reason,
            window.closes_at,
            window.opens_at,
            start,
            charge,
            window.closing_rule,
            None,
            missing_figure,
        )

    @property
    def accepted(self) -> bool:
        """True when the change is taken, on time or late."""
        return self.status is not DecisionStatus.REFUSED

    @property
    def rule(self) -> str | None:
        """The deadline rule in words (French), for the record; None when no rule set one.

        Kept for compatibility: the rule itself is ``closing_rule``, which
        ``closing_rule.describe(lang)`` says in either language.
        """
        return None if self.closing_rule is None else self.closing_rule.describe("fr")

    def explain(self, lang: str = "fr") -> str:
        """The decision in a sentence for families, in French (``"fr"``) or English (``"en"``).

        It names the deadline instant and the amount where there is one.
        """
        table = messages(lang)
        key = f"reason.{self.reason.value}"
        if self.reason is Reason.ON_TIME and self.deadline is None:
            key = "reason.on_time_without_deadline"
        return table[key].format_map(_Values(self, lang, table))


# The slots of Decision, in field order. The engine makes one decision per change it decides, and
# attrs' frozen __init__ sets each of the eleven fields through object.__setattr__ by name; setting
# the slots through their descriptors makes the same value (Decision has no validator or
# converter) for about a quarter less. Equality, hashing, pickling and immutability are attrs'.
_SLOTS = tuple(vars(Decision)[field.name].__set__ for field in attrs.fields(Decision))
(
    _change,
    _service,
    _status,
    _reason,
    _deadline,
    _opens_at,
    _service_start,
    _charge,
    _closing_rule,
    _detail,
    _missing_figure,
) = _SLOTS
_new = object.__new__


def _assemble(
    change: BookingChange,
    service: Service,
    status: DecisionStatus,
    reason: Reason,
    deadline: datetime | None,
    opens_at: datetime | None,
    start: datetime,
    charge: Money | None,
    closing_rule: ChangeWindowRule | None,
    detail: str | None,
    missing_figure: MissingFigure | None = None,
) -> Decision:
    """The decision of these fields, as ``Decision(...)`` makes it (see ``_SLOTS``)."""
    shared = (service, status, reason, deadline, opens_at, start, charge, closing_rule, detail)
    return decided(change, (*shared, missing_figure))


Shared = tuple[
    Service,
    DecisionStatus,
    Reason,
    datetime | None,
    datetime | None,
    datetime,
    Money | None,
    ChangeWindowRule | None,
    str | None,
    MissingFigure | None,
]
"""Every field of a decision but its change, in field order: what the decisions of a (service, day,
action) share when their changes are all on time, or all refused late on one channel."""


def decided(change: BookingChange, shared: Shared) -> Decision:
    """The decision on *change* whose other fields are *shared*: ``Decision(change, *shared)``.

    A basket decides most of its changes this way: the fields are read from the record its
    (service, day, action) made once, and set through the slots (see ``_SLOTS``), with no call in
    between. Each decision is still its own complete value, equal to the one the plain path makes.
    """
    service, status, reason, deadline, opens_at, start, charge, rule, detail, missing = shared
    decision: Decision = _new(Decision)
    _change(decision, change)
    _service(decision, service)
    _status(decision, status)
    _reason(decision, reason)
    _deadline(decision, deadline)
    _opens_at(decision, opens_at)
    _service_start(decision, start)
    _charge(decision, charge)
    _closing_rule(decision, rule)
    _detail(decision, detail)
    _missing_figure(decision, missing)
    return decision


#: Reads each column of a row (status, reason, deadline, charge).
_COLUMNS = tuple(operator.itemgetter(index) for index in range(4))


def _same_length(
    instance: DecisionColumns, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    if len(value) != len(instance.statuses):
        raise InvalidValueError(
            attribute.name, len(value), f"must hold one item per status ({len(instance.statuses)})"
        )


@attrs.frozen
class DecisionColumns:
    """Decisions held by column: row *i* is the decision on change *i* of a basket.

    What [`BookingRules.decide_columns`][cantine_rules.rules.booking.BookingRules.decide_columns]
    gives: the status, reason, deadline and charge of each decision, and no ``Decision`` object
    per change. Each column is a tuple of values shared between rows (one deadline per service
    and day, one member per status and reason), as ``InvoiceLines`` holds invoice lines. A
    decision's explanation, its service start and the rule that set its deadline are the full
    ``Decision``'s: ask ``decide_many`` for the changes to explain.

    Attributes:
        statuses: each decision's status.
        reasons: each decision's reason code.
        deadlines: the deadline that applied to each change, if any.
        charges: what each decision bills of its own (see ``Decision.charge``).

    Raises:
        InvalidValueError: the columns are not all as long.

    Examples:
        >>> from cantine_rules import Money
        >>> columns = DecisionColumns(
        ...     (DecisionStatus.ACCEPTED, DecisionStatus.ACCEPTED_LATE),
        ...     (Reason.ON_TIME, Reason.LATE_SURCHARGE),
        ...     (None, None),
        ...     (None, Money.euros(5)),
        ... )
        >>> len(columns), columns.accepted_count()
        (2, 2)
        >>> columns.row(1)[1].value
        'late_surcharge'
    """

    statuses: tuple[DecisionStatus, ...]
    reasons: tuple[Reason, ...] = attrs.field(validator=_same_length)
    deadlines: tuple[datetime | None, ...] = attrs.field(validator=_same_length)
    charges: tuple[Money | None, ...] = attrs.field(validator=_same_length)

    @classmethod
    def from_decisions(cls, decisions: Iterable[Decision]) -> DecisionColumns:
        """The columns of *decisions*, in order: what ``decide_columns`` gives for their changes.

        Examples:
            >>> DecisionColumns.from_decisions([]) == DecisionColumns((), (), (), ())
            True
        """
        return cls._of([(d.status, d.reason, d.deadline, d.charge) for d in decisions])

    @classmethod
    def _of(
        cls, rows: list[tuple[DecisionStatus, Reason, datetime | None, Money | None]]
    ) -> DecisionColumns:
        """The columns of *rows*, each a (status, reason, deadline, charge) tuple."""
        return cls(*(tuple(map(column, rows)) for column in _COLUMNS))

    def __len__(self) -> int:
        """The number of decisions."""
        return len(self.statuses)

    def row(self, index: int) -> tuple[DecisionStatus, Reason, datetime | None, Money | None]:
        """The status, reason, deadline and charge of decision *index*."""
        return self.statuses[index], self.reasons[index], self.deadlines[index], self.charges[index]

    def accepted_count(self) -> int:
        """How many changes are taken, on time or late."""
        return len(self.statuses) - self.statuses.count(DecisionStatus.REFUSED)


class _Values(dict[str, str]):
    """The placeholders of one explanation, each rendered only if its template uses it."""

    def __init__(self, decision: Decision, lang: str, table: Mapping[str, str]) -> None:
        action = decision.change.action.value
        super().__init__(
            {word: table[f"{action}.{word}"] for word in ("Noun", "noun", "accepted", "refused")}
        )
        self.decision = decision
        self.lang = lang
        self.table = table

    def __missing__(self, key: str) -> str:
        decision, lang, table = self.decision, self.lang, self.table
        if key == "label":
            return decision.service.label
        if key == "day":
            return format_day(decision.change.day, lang)
        if key == "what":
            return table["what"].format(label=self["label"], day=self["day"])
        if key == "deadline":
            assert decision.deadline is not None  # every template using it has a deadline
            return format_instant(decision.deadline, lang)
        if key == "opens":
            assert decision.opens_at is not None  # not_open_yet always has an opening
            return format_instant(decision.opens_at, lang)
        if key == "expired":
            rule = decision.closing_rule
            words = None if rule is None else rule.describe(lang)
            return table["expired"].format(rule=words, what=self["what"], deadline=self["deadline"])
        if key == "charge":
            missing = decision.missing_figure
            if missing is not None and missing.quotient_familial is not None:
                from babel.numbers import format_decimal  # imported here: see format_day()

                qf = format_decimal(missing.quotient_familial, locale=locale(lang))
                return table["charge.unknown.quotient"].format(bracket=missing.bracket, qf=qf)
            if missing is not None:
                return table["charge.unknown.bracket"].format(bracket=missing.bracket)
            return (decision.charge or Money.zero()).format(locale(lang))
        if key == "why":
            return decision.detail or table["no_service"]
        if key == "detail":
            return decision.detail or ""
        if key == "child":
            return decision.change.child_id
        raise KeyError(key)
