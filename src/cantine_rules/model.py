"""The domain's immutable values: families, children, services, bookings, booking changes.

Every class here is an ``attrs`` frozen, slotted value: equal by value, hashable, never mutated.
Make a variant with `attrs.evolve`. Bad input raises a
[`CantineRulesError`][cantine_rules.errors.CantineRulesError] naming the field.

Examples:
    >>> from datetime import date, time
    >>> meal = Service(
    ...     "repas", "Restauration scolaire", ServiceKind.MEAL, time(11, 30), time(13, 30)
    ... )
    >>> meal.kind.value
    'meal'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Final

import attrs

from cantine_rules._validators import (
    a_date,
    a_time,
    aware_datetime,
    enum_member,
    identifier,
    optional_text,
    tuple_of,
)
from cantine_rules.errors import (
    IllegalTransitionError,
    InvalidValueError,
    NegativeAmountError,
    UnknownCodeError,
)
from cantine_rules.money import to_decimal

__all__ = [
    "BillingUnit",
    "Booking",
    "BookingChange",
    "ChangeAction",
    "Channel",
    "Child",
    "Family",
    "Guardian",
    "Household",
    "Justification",
    "QuotientFamilial",
    "QuotientFamilialSource",
    "RequestState",
    "SchoolLevel",
    "Service",
    "ServiceKind",
]


class ServiceKind(StrEnum):
    """What a service is; decides on which kind of day it runs by default."""

    MEAL = "meal"
    """Restauration scolaire: the school lunch."""
    MORNING_CARE = "morning_care"
    """Garderie / périscolaire du matin."""
    EVENING_CARE = "evening_care"
    """Garderie / périscolaire du soir."""
    STUDY = "study"
    """Étude (dirigée): supervised homework after school."""
    WEDNESDAY_CENTRE = "wednesday_centre"
    """ALSH du mercredi: leisure centre on Wednesdays without school."""
    HOLIDAY_CENTRE = "holiday_centre"
    """ALSH des vacances: leisure centre during the school holidays."""


class BillingUnit(StrEnum):
    """What one priced unit of a service is."""

    SESSION = "session"
    """One occurrence (« à l'unité »): a meal, a morning of garderie."""
    HALF_DAY = "half_day"
    """A half-day of leisure centre."""
    DAY = "day"
    """A whole day (« tarif journée »)."""
    HOUR = "hour"
    """An hour of care."""


class Channel(StrEnum):
    """Where a change is made: the parents' portal or the office (mairie counter, ALSH, agent)."""

    ONLINE = "online"
    OFFICE = "office"


class ChangeAction(StrEnum):
    """Adding a booked day, or cancelling one."""

    ADD = "add"
    CANCEL = "cancel"


class Justification(StrEnum):
    """A reason given with a change or an absence that may waive its charge."""

    MEDICAL_CERTIFICATE = "medical_certificate"
    """« justifier les absences en cas de maladie par un certificat médical » (Chantraine)."""
    COMMUNE_AGREEMENT = "commune_agreement"
    """The commune accepted the reason (a family emergency, a school trip)."""


class QuotientFamilialSource(StrEnum):
    """The document a quotient familial was read from."""

    CAF_ATTESTATION = "caf_attestation"
    """Attestation de paiement CAF, which states the QF."""
    MSA_ATTESTATION = "msa_attestation"
    """Attestation of the agricultural benefits office."""
    TAX_NOTICE = "tax_notice"
    """Avis d'imposition: the QF is computed from the revenu fiscal de référence."""


class SchoolLevel(StrEnum):
    """The class a child is in (maternelle PS-GS, élémentaire CP-CM2)."""

    PS = "PS"
    MS = "MS"
    GS = "GS"
    CP = "CP"
    CE1 = "CE1"
    CE2 = "CE2"
    CM1 = "CM1"
    CM2 = "CM2"

    @property
    def is_maternelle(self) -> bool:
        """True for the three maternelle years (PS, MS, GS)."""
        return self in (SchoolLevel.PS, SchoolLevel.MS, SchoolLevel.GS)


class RequestState(StrEnum):
    """The state of a booking request.

    Seed 002 shows « Demande en cours », « Demande validée », « Demande d'annulation » and
    « Demande refusée ». Legal transitions:

        pending ──> validated ──> cancellation_requested ──> cancelled
           │            ^                   │
           └─> refused  └───────────────────┘ (the cancellation was refused)
    """

    PENDING = "pending"
    VALIDATED = "validated"
    CANCELLATION_REQUESTED = "cancellation_requested"
    CANCELLED = "cancelled"
    REFUSED = "refused"

    def allowed_next(self) -> frozenset[RequestState]:
        """The states this one may move to."""
        return _TRANSITIONS[self]

    def can_become(self, target: RequestState) -> bool:
        """True when moving from this state to *target* is legal."""
        return target in _TRANSITIONS[self]

    @property
    def is_final(self) -> bool:
        """True for cancelled and refused, which lead nowhere."""
        return not _TRANSITIONS[self]

    @property
    def books_the_day(self) -> bool:
        """True while the day counts as booked (validated, or its cancellation not yet granted)."""
        return self in (RequestState.VALIDATED, RequestState.CANCELLATION_REQUESTED)


_TRANSITIONS: Final[Mapping[RequestState, frozenset[RequestState]]] = MappingProxyType(
    {
        RequestState.PENDING: frozenset({RequestState.VALIDATED, RequestState.REFUSED}),
        RequestState.VALIDATED: frozenset({RequestState.CANCELLATION_REQUESTED}),
        # A cancellation that the commune refuses leaves the booking validated.
        RequestState.CANCELLATION_REQUESTED: frozenset(
            {RequestState.CANCELLED, RequestState.VALIDATED}
        ),
        RequestState.CANCELLED: frozenset(),
        RequestState.REFUSED: frozenset(),
    }
)


def _quotient_value(value: object) -> Decimal:
    result = to_decimal(value, "quotient_familial.value")
    if result < 0:
        raise NegativeAmountError("quotient_familial.value", value)
    return result


@attrs.frozen
class QuotientFamilial:
    """A family's quotient familial (euros per month per part), with where and when it was read.

    Examples:
        >>> qf = QuotientFamilial("812", QuotientFamilialSource.CAF_ATTESTATION, date(2024, 6, 3))
        >>> qf.value, qf.source.value, qf.issued_on
        (Decimal('812'), 'caf_attestation', datetime.date(2024, 6, 3))
    """

    value: Decimal = attrs.field(converter=_quotient_value)
    source: QuotientFamilialSource = attrs.field(validator=enum_member(QuotientFamilialSource))
    issued_on: date = attrs.field(validator=a_date)


@attrs.frozen
class Child:
    """A child of a family.

    Attributes:
        id: the child's identifier in the commune's records.
        first_name: as shown to the family.
        birth_date: the date of birth.
        school: the school attended, if known.
        level: the class (PS to CM2), if known.

    """

    id: str = attrs.field(validator=identifier)
    first_name: str = attrs.field(validator=identifier)
    birth_date: date = attrs.field(validator=a_date)
    school: str | None = attrs.field(default=None, validator=optional_text)
    level: SchoolLevel | None = attrs.field(
        default=None, validator=attrs.validators.optional(enum_member(SchoolLevel))
    )


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        # A lone string would silently become a tuple of its characters.
        return (value,)
    return tuple(value)


@attrs.frozen
class Guardian:
    """A parent or legal guardian who may hold an account and pay."""

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=identifier)
    email: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen
class Household:
    """One home of a family: in alternating custody each parent's home is billed for its weeks."""

    id: str = attrs.field(validator=identifier)
    guardian_ids: tuple[str, ...] = attrs.field(converter=_str_tuple, validator=tuple_of(str))
    label: str | None = attrs.field(default=None, validator=optional_text)


def _guardian_tuple(value: Iterable[Guardian]) -> tuple[Guardian, ...]:
    return tuple(value)


def _household_tuple(value: Iterable[Household]) -> tuple[Household, ...]:
    return tuple(value)


def _child_tuple(value: Iterable[Child]) -> tuple[Child, ...]:
    return tuple(value)


def _unique_ids(field: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise InvalidValueError(field, item, "appears twice")
        seen.add(item)


@attrs.frozen
class Family:
    """A family account: its number, guardians, homes, children and quotient familial.

    A family with no household listed is billed as one home. Every guardian a household names must
    be one of the family's guardians.

    Examples:
        >>> kid = Child("c1", "Louise", date(2017, 3, 2))
        >>> Family("F-0042", children=(kid,)).child("c1").first_name
        'Louise'
    """

    id: str = attrs.field(validator=identifier)
    guardians: tuple[Guardian, ...] = attrs.field(
        default=(), converter=_guardian_tuple, validator=tuple_of(Guardian)
    )
    households: tuple[Household, ...] = attrs.field(
        default=(), converter=_household_tuple, validator=tuple_of(Household)
    )
    children: tuple[Child, ...] = attrs.field(
        default=(), converter=_child_tuple, validator=tuple_of(Child)
    )
    quotient_familial: QuotientFamilial | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(QuotientFamilial)),
    )

    def __attrs_post_init__(self) -> None:
        _unique_ids("guardians", (guardian.id for guardian in self.guardians))
        _unique_ids("households", (household.id for household in self.households))
        _unique_ids("children", (child.id for child in self.children))
        known = {guardian.id for guardian in self.guardians}
        for index, household in enumerate(self.households):
            for guardian_id in household.guardian_ids:
                if guardian_id not in known:
                    raise UnknownCodeError(f"households[{index}].guardian_ids", guardian_id, known)

    def child(self, child_id: str) -> Child:
        """The child with this id, or [`UnknownCodeError`][] listing the family's children."""
        for child in self.children:
            if child.id == child_id:
                return child
        raise UnknownCodeError("child", child_id, (child.id for child in self.children))

    def household(self, household_id: str) -> Household:
        """The household with this id, or [`UnknownCodeError`][]."""
        for household in self.households:
            if household.id == household_id:
                return household
        raise UnknownCodeError(
            "household", household_id, (household.id for household in self.households)
        )


def _service_times(instance: Service, _attribute: attrs.Attribute[time], end: time) -> None:
    if end <= instance.start:
        raise InvalidValueError("end", end, f"must be after the start time {instance.start}")


@attrs.frozen
class Service:
    """A service a commune offers: a meal, a garderie, an étude, a leisure-centre day.

    Attributes:
        code: the commune's code for it, unique within the commune (``"repas"``).
        label: as shown to families (« Restauration scolaire »).
        kind: what it is ([`ServiceKind`][]).
        start: the wall-clock time it starts, Europe/Paris; deadlines count back from it.
        end: the wall-clock time it ends.
        billing_unit: what one priced unit is.

    """

    code: str = attrs.field(validator=identifier)
    label: str = attrs.field(validator=identifier)
    kind: ServiceKind = attrs.field(validator=enum_member(ServiceKind))
    start: time = attrs.field(validator=a_time)
    end: time = attrs.field(validator=[a_time, _service_times])
    billing_unit: BillingUnit = attrs.field(
        default=BillingUnit.SESSION, validator=enum_member(BillingUnit)
    )


@attrs.frozen
class Booking:
    """A child booked (or asked to be booked) for a service on a day, in a request state.

    Examples:
        >>> b = Booking("c1", "repas", date(2024, 9, 19), RequestState.PENDING)
        >>> b.transition(RequestState.VALIDATED).state.value
        'validated'
    """

    child_id: str = attrs.field(validator=identifier)
    service_code: str = attrs.field(validator=identifier)
    day: date = attrs.field(validator=a_date)
    state: RequestState = attrs.field(
        default=RequestState.VALIDATED, validator=enum_member(RequestState)
    )

    def transition(self, target: RequestState) -> Booking:
        """This booking in state *target*, or [`IllegalTransitionError`][]."""
        if not self.state.can_become(target):
            raise IllegalTransitionError(self.state, target, sorted(self.state.allowed_next()))
        return attrs.evolve(self, state=target)


@attrs.frozen
class BookingChange:
    """A family's request to add or cancel one service day, made at an instant through a channel.

    Attributes:
        action: add or cancel.
        child_id, service_code, day: what is changed.
        requested_at: when the change was made; must be timezone-aware.
        channel: online (default) or at the office.
        justification: e.g. a medical certificate, which may waive a charge.

    """

    action: ChangeAction = attrs.field(validator=enum_member(ChangeAction))
    child_id: str = attrs.field(validator=identifier)
    service_code: str = attrs.field(validator=identifier)
    day: date = attrs.field(validator=a_date)
    requested_at: datetime = attrs.field(validator=aware_datetime)
    channel: Channel = attrs.field(default=Channel.ONLINE, validator=enum_member(Channel))
    justification: Justification | None = attrs.field(
        default=None, validator=attrs.validators.optional(enum_member(Justification))
    )

    def on_day(self, day: date) -> BookingChange:
        """The same change for *day*: ``attrs.evolve(change, day=day)``, checking only the day.

        A period booking makes one change per day, alike but for the day: the other fields were
        checked when this change was made, so the new one is made through its slots.

        Raises:
            InvalidTypeError: *day* is not a ``datetime.date`` (a datetime is refused).

        Examples:
            >>> from cantine_rules import EUROPE_PARIS
            >>> at = datetime(2024, 9, 3, 20, 0, tzinfo=EUROPE_PARIS)
            >>> change = BookingChange(ChangeAction.ADD, "c1", "soir", date(2024, 9, 10), at)
            >>> change.on_day(date(2024, 9, 17)).day
            datetime.date(2024, 9, 17)
        """
        a_date(self, _CHANGE_DAY, day)
        made: BookingChange = object.__new__(BookingChange)
        _set_action(made, self.action)
        _set_child_id(made, self.child_id)
        _set_service_code(made, self.service_code)
        _set_day(made, day)
        _set_requested_at(made, self.requested_at)
        _set_channel(made, self.channel)
        _set_justification(made, self.justification)
        return made


# The day's field (for its check) and the slots of BookingChange, in field order (see on_day).
_CHANGE_DAY = attrs.fields(BookingChange).day
(
    _set_action,
    _set_child_id,
    _set_service_code,
    _set_day,
    _set_requested_at,
    _set_channel,
    _set_justification,
) = (vars(BookingChange)[field.name].__set__ for field in attrs.fields(BookingChange))
