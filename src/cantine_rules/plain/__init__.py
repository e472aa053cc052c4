"""The plain-data (dict, TOML) form of a commune policy and of a billing scenario.

One reader reads both: the same tables, leaf parsers (money, decimals, days, date-times, times,
weekdays, enums) and problems, each named by its path.

A [`CommunePolicy`][cantine_rules.policies.commune.CommunePolicy] as plain data:

[`to_data`][cantine_rules.plain.to_data] writes a policy as plain data — tables
(`dict`), lists, strings, whole numbers, booleans and `datetime.date` values — exactly what
`tomllib` reads from the equivalent TOML file; [`from_data`][cantine_rules.plain.from_data]
reads it back, checking everything and reporting **every** problem at once in one
[`PolicyError`][cantine_rules.errors.PolicyError], each with its path (`services[2].start`,
`rules.by_service.soir.late_add.office.surcharge.amount`).
[`loads_toml`][cantine_rules.plain.loads_toml],
[`load_toml`][cantine_rules.plain.load_toml] and
[`dumps_toml`][cantine_rules.plain.dumps_toml] do the same through TOML.

Conventions of the form:

* money is a string of euros, `"3.60"` (a whole number is accepted); never a float;
* other decimal numbers (rates, factors) are strings too (`"0.0036"`); quotient familial
  thresholds are whole numbers (or strings when they have decimals);
* times are `"HH:MM"` strings, Europe/Paris wall-clock; days are dates (`2024-09-02` in TOML, a
  `datetime.date` or an ISO string in Python); a `FixedWindow`'s instants are date-times with
  their offset;
* enums are written by value (`"meal"`, `"direct_debit"`), weekdays by English name
  (`"thursday"`);
* each union carries a `type` key naming its kind; the kind is never guessed from which keys are
  present;
* a field at its default may be left out, and `to_data` leaves it out, so the same policy always
  gives the same data;
* a value inside a tariff version (a unit price, a bracket, a modifier) cites the version's
  `source` unless it gives its own.

Top-level keys: `slug`, `name`, `aliases`, `payment_scheme`, `payment_modes`,
`wallet_alert_threshold`, `auto_validate`, `calendar`, `requirements`, `services`, `rules`
(`default`, `by_kind`, `by_service`), `tariffs` (by service code, each with its `versions`),
`quotient_policy`, `dossier`, `citations`, `unbooked_presence` (`default`, `by_service`),
`late_pickup` (by service code, each with its `bands`), `absences` (`default`, `by_service`: how
an absence from a booked day is charged), `non_billable_days` (the days the commune never
charges), `payment_by_service` (by service code), `minimum_top_up` and `credit_treatment`.
`payment_scheme` and `payment_modes` may be left out:
they then take the library's defaults (postfacturation; cheque and PayFiP), which
`explain` cites as defaults. The tags:

* deadline: `hours_before`, `working_days_before`, `weekday_before`,
  `calendar_days_before`, `clear_days_before`, `fixed_window`, `max_horizon`, `all_of`;
* late outcome: `refuse`, `surcharge`, `keep_charging`, `accept_late`;
* surcharge: `flat_price`, `base_plus`, `base_times`, `flat_penalty`, `free_allowance`;
* tariff: `unit_price`, `bracket_grid`, `effort_rate`, `modified`;
* modifier: `sibling_reduction`, `non_resident_supplement`, `medical_meal_factor`,
  `medical_meal_flat_price`;
* charge of a presence without booking: `flat_price`, `cost_price`, `base_plus`, `base_times`;
* absence charge: `booked_price`, `flat`; medical certificate: `within`, `not_accepted`;
* credit treatment: `carry_forward`, `refund`;
* quotient familial effect date (`quotient_policy.takes_effect`): `from_reception`,
  `next_month`.

See the "Configure a new commune" guide for a whole example.

A billing [`Scenario`][cantine_rules.plain.Scenario] — a family's bookings, absences, changes
and payments over a period, which `cantine_rules.billing.bill` bills — is read by
[`loads_scenario`][cantine_rules.plain.loads_scenario],
[`load_scenario`][cantine_rules.plain.load_scenario] and
[`scenario_from_data`][cantine_rules.plain.scenario_from_data] with the same conventions,
and three more, the [`SCENARIO_CONVENTIONS`][cantine_rules.plain.SCENARIO_CONVENTIONS]
(see [`Conventions`][cantine_rules.plain.Conventions]), because a scenario is written by hand:

* a date-time without an offset (`2024-09-19T17:00:00`) is read as Europe/Paris wall-clock
  time, and the scenario's `notes` say so;
* a weekday may also be named in French (`"jeudi"`), in any case;
* a decimal number or an amount written as a string may take any form Python's `Decimal` reads
  (`"+3.6"`, `"1e3"`, `" 812 "`), still finite and below 10¹² in size;
* a payment's mode is read in any case (`"PayFiP"`); a balance carried over
  (`opening_balance`) may be below zero.

[`check_grids`][cantine_rules.plain.check_grids] checks a policy's quotient-familial grids,
each named by its path in the plain form.

Limits, so that a file from anyone is answered quickly and no value read can overflow later:

* a file is read only if it is a regular file of at most
  [`MAX_FILE_BYTES`][cantine_rules.plain.MAX_FILE_BYTES] (1 MiB), and a text parsed only if it
  is that long at most; a FIFO, a device or a directory is refused before anything is read;
* arrays and inline tables nest at most [`MAX_NESTING`][cantine_rules.plain.MAX_NESTING] (32)
  levels deep, and a dotted key or a table's name has at most as many parts;
* a deadline counts at most [`MAX_DEADLINE_DAYS`][cantine_rules.plain.MAX_DEADLINE_DAYS] days,
  [`MAX_DEADLINE_HOURS`][cantine_rules.plain.MAX_DEADLINE_HOURS] hours or
  [`MAX_DEADLINE_WEEKS`][cantine_rules.plain.MAX_DEADLINE_WEEKS] weeks (a year), and a
  booking horizon at most [`MAX_HORIZON`][cantine_rules.plain.MAX_HORIZON] days (two years):
  the bounds of the rule values themselves;
* an amount is within ±10¹² euros, and a decimal number below 10¹² in size, with at most
  `MAX_DECIMAL_PLACES` (12) digits after its
  point: a quotient familial of ``"950.1234567890123"`` is a problem at its path, never rounded;
* dates, date-times and numbers are written with the digits 0-9; a date is ``YYYY-MM-DD``,
  never a compact (``20240101``) or week (``2024-W01-1``) form.

Examples:
    >>> from cantine_rules import policies
    >>> paris = policies.get("paris")
    >>> data = to_data(paris)
    >>> data["rules"]["default"]["add"]
    {'type': 'working_days_before', 'days': 2}
    >>> from_data(data) == paris
    True
    >>> data["services"][0]["start"] = "11h30"
    >>> try:
    ...     from_data(data, source="paris.toml")
    ... except PolicyError as error:
    ...     print(error)
    1 problem in paris.toml:
      - services[0].start: must be a time written "HH:MM", such as "17:00" (got '11h30')
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from cantine_rules._lazy import OnFirstUse
from cantine_rules.errors import PolicyError  # noqa: F401  (the examples catch it)
from cantine_rules.plain._read import MAX_DECIMAL_PLACES, Conventions, Reader, read_document
from cantine_rules.plain._toml import MAX_FILE_BYTES, MAX_NESTING, parse_toml, read_utf8, write_toml
from cantine_rules.policies.commune import CommunePolicy

if TYPE_CHECKING:
    from cantine_rules.plain._grids import GridCheck, check_grids
    from cantine_rules.plain._load import (
        MAX_DEADLINE_DAYS,
        MAX_DEADLINE_HOURS,
        MAX_DEADLINE_WEEKS,
        MAX_HORIZON,
    )
    from cantine_rules.plain._scenario import (
        SCENARIO_CONVENTIONS,
        AbsenceSpec,
        BookingSpec,
        PaymentSpec,
        Scenario,
        load_scenario,
        loads_scenario,
        scenario_from_data,
    )
    from cantine_rules.plain._scenario_attendance import (
        AttendanceEvent,
        ChosenRegime,
        EventKind,
        RegimeChoice,
    )

# The policy reader and writer, the scenario reader and the grid checks are imported on first
# use: the command's leaf parsers live in this package, and a command that decides one change
# needs none of them (start-up is most of what a one-shot command costs).
_ON_FIRST_USE: Final = OnFirstUse(
    __name__,
    {
        "cantine_rules.plain._grids": ("GridCheck", "check_grids"),
        "cantine_rules.plain._load": (
            "MAX_DEADLINE_DAYS",
            "MAX_DEADLINE_HOURS",
            "MAX_DEADLINE_WEEKS",
            "MAX_HORIZON",
        ),
        "cantine_rules.plain._scenario": (
            "SCENARIO_CONVENTIONS",
            "AbsenceSpec",
            "BookingSpec",
            "PaymentSpec",
            "Scenario",
            "load_scenario",
            "loads_scenario",
            "scenario_from_data",
        ),
        "cantine_rules.plain._scenario_attendance": (
            "AttendanceEvent",
            "ChosenRegime",
            "EventKind",
            "RegimeChoice",
        ),
    },
)

__all__ = [
    "MAX_DEADLINE_DAYS",
    "MAX_DEADLINE_HOURS",
    "MAX_DEADLINE_WEEKS",
    "MAX_DECIMAL_PLACES",
    "MAX_FILE_BYTES",
    "MAX_HORIZON",
    "MAX_NESTING",
    "SCENARIO_CONVENTIONS",
    "AbsenceSpec",
    "AttendanceEvent",
    "BookingSpec",
    "ChosenRegime",
    "Conventions",
    "EventKind",
    "GridCheck",
    "PaymentSpec",
    "RegimeChoice",
    "Scenario",
    "check_grids",
    "dumps_toml",
    "from_data",
    "load_scenario",
    "load_toml",
    "loads_scenario",
    "loads_toml",
    "scenario_from_data",
    "to_data",
]


def to_data(policy: CommunePolicy) -> dict[str, Any]:
    """The plain data of *policy*: what `tomllib` would read from its TOML file.

    Raises:
        InvalidValueError: the calendar holds the Ministry's dataset, which has no plain form.
        InvalidTypeError: a rule, surcharge, tariff or modifier is of a kind the plain form does
            not know (a class of your own implementing the protocol).

    Examples:
        >>> from cantine_rules import policies
        >>> to_data(policies.get("chantraine"))["wallet_alert_threshold"]
        '30.00'
    """
    from cantine_rules.plain._dump import dump_policy  # see _ON_FIRST_USE

    return dump_policy(policy)


def from_data(data: Mapping[str, Any], *, source: str | None = None) -> CommunePolicy:
    """The policy *data* describes, checked whole.

    Loading never runs anything named by the data: tags and enum values are looked up in fixed
    tables.

    Args:
        data: the plain data, as `to_data` writes it or `tomllib` reads it.
        source: where the data comes from (a file name), shown in the error.

    Raises:
        PolicyError: listing every problem, each with its path and what is wrong.

    Examples:
        >>> try:
        ...     from_data({"slug": "x", "name": "X"})
        ... except PolicyError as error:
        ...     [problem.path for problem in error.problems]
        ['calendar', 'services', 'rules']
    """
    from cantine_rules.plain._load import load_policy  # see _ON_FIRST_USE

    return read_document(Reader(), lambda reader: load_policy(reader, data), source)


def loads_toml(text: str, *, source: str | None = None) -> CommunePolicy:
    r"""The policy written in the TOML *text*.

    Raises:
        PolicyError: the text is not valid TOML (the message gives the line and column), or
            the data it holds is not a valid policy (every problem listed).

    >>> loads_toml('slug = "x"\nname = \nzone = "B"')
    Traceback (most recent call last):
    ...
    cantine_rules.errors.PolicyError: 1 problem:
      - (top level): invalid TOML: Invalid value (at line 2, column 8)
    """
    return from_data(parse_toml(text, source), source=source)


def load_toml(path: str | os.PathLike[str]) -> CommunePolicy:
    """The policy in the TOML file at *path* (UTF-8); problems name the file.

    Raises:
        PolicyError: as `loads_toml`, or the file is not UTF-8.
        OSError: the file cannot be read.
    """
    return loads_toml(read_utf8(path), source=os.fspath(path))


def dumps_toml(policy_or_data: CommunePolicy | Mapping[str, Any]) -> str:
    """The TOML text of a policy, or of its plain data, so that a commune can be exported.

    Examples:
        >>> from cantine_rules import policies
        >>> text = dumps_toml(policies.get("saint-just-d-avray"))
        >>> print(text[: text.index("[[services]]")], end="")
        slug = "saint-just-d-avray"
        name = "Saint-Just-d'Avray"
        aliases = ["seed-003", "saint-just-davray", "st-just-d-avray", "st-just-davray"]
        payment_scheme = "postfacturation"
        payment_modes = ["card"]
        auto_validate = true
        calendar = { zone = "A", department = "69" }
        <BLANKLINE>
        >>> loads_toml(text) == policies.get("saint-just-d-avray")
        True
    """
    if isinstance(policy_or_data, CommunePolicy):
        return write_toml(to_data(policy_or_data))
    return write_toml(policy_or_data)


if not TYPE_CHECKING:
    # PEP 562. Type checkers read the same names from the imports above, and still report a
    # name the module does not have.
    __getattr__ = _ON_FIRST_USE.attribute
    __dir__ = _ON_FIRST_USE.directory
