"""Billing scenarios read by the one plain-data reader: conventions, every problem, its path."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from cantine_rules import (
    EUROPE_PARIS,
    BookingChange,
    ChangeAction,
    Channel,
    Child,
    InvalidTypeError,
    InvalidValueError,
    Justification,
    Money,
    PolicyError,
)
from cantine_rules.errors import UnknownCodeError
from cantine_rules.plain import (
    SCENARIO_CONVENTIONS,
    BookingSpec,
    PaymentSpec,
    Scenario,
    from_data,
    load_scenario,
    loads_scenario,
    scenario_from_data,
    to_data,
)
from cantine_rules.plain._read import Reader, ReadError, decimal_number, instant, weekday
from cantine_rules.policies import get
from cantine_rules.pricing.accounts import PaymentMode

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "scenarios").glob("*.toml"))

HEAD = """
commune = "saint-just-d-avray"
start = 2024-09-01
end = 2024-09-30
[family]
id = "F-0042"
[[children]]
id = "louise"
first_name = "Louise"
birth_date = 2017-03-02
"""


def problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(PolicyError) as caught:
        loads_scenario(text, source="s.toml")
    return [(problem.path, problem.message) for problem in caught.value.problems]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_every_example_scenario_loads_without_assumptions(path: Path) -> None:
    scenario = load_scenario(path)
    if scenario.commune.endswith(".toml"):
        # A scenario of an example commune names its policy file, and is named after it.
        assert (ROOT / scenario.commune).is_file()
        assert path.stem.startswith(Path(scenario.commune).stem)
    else:
        assert scenario.commune == path.stem
    assert scenario.notes == ()
    assert scenario.children


def test_the_saint_just_example_books_by_french_weekday_names() -> None:
    scenario = load_scenario(ROOT / "examples" / "scenarios" / "saint-just-d-avray.toml")
    # weekdays = ["lundi", "mardi", "jeudi", "vendredi"], then ["mardi"].
    assert [booking.weekdays for booking in scenario.bookings] == [
        frozenset({0, 1, 3, 4}),
        frozenset({1}),
    ]
    first = scenario.changes[0]
    assert first == BookingChange(
        ChangeAction.ADD,
        "louise",
        "garderie-soir",
        date(2024, 9, 23),
        datetime(2024, 9, 19, 17, tzinfo=timezone(timedelta(hours=2))),
    )


# The conventions of a scenario -----------------------------------------------------------------


def test_a_datetime_without_offset_is_read_as_paris_and_noted() -> None:
    scenario = loads_scenario(
        HEAD
        + """
[[changes]]
child = "louise"
service = "repas"
day = 2024-10-28
action = "cancel"
at = 2024-10-27T02:30:00
[[changes]]
child = "louise"
service = "repas"
day = 2024-10-29
action = "cancel"
at = "2024-10-28T09:00"
"""
    )
    # 27 October 2024 02:30 exists twice in Paris (clocks go back at 03:00): the first, +02:00.
    assert [change.requested_at.isoformat() for change in scenario.changes] == [
        "2024-10-27T02:30:00+02:00",
        "2024-10-28T09:00:00+01:00",
    ]
    assert all(change.requested_at.tzinfo is EUROPE_PARIS for change in scenario.changes)
    assert scenario.notes == (
        "changes[0].at has no offset: read as Europe/Paris; 02:30 occurs twice that day"
        " (the clocks go back): read as the first, 02:30+02:00",
        "changes[1].at has no offset: read as Europe/Paris",
    )


@pytest.mark.parametrize(
    ("names", "weekdays"),
    [
        (["lundi", "Mardi", "JEUDI"], {0, 1, 3}),
        (["Monday", "friday", "vendredi"], {0, 4}),
        (["dimanche", "samedi", "mercredi"], {6, 5, 2}),
    ],
)
def test_weekdays_may_be_french_or_english_in_any_case(
    names: list[str], weekdays: set[int]
) -> None:
    listed = ", ".join(f'"{name}"' for name in names)
    text = HEAD + f'[[bookings]]\nchild = "louise"\nservice = "repas"\nweekdays = [{listed}]\n'
    assert loads_scenario(text).bookings[0].weekdays == frozenset(weekdays)


@pytest.mark.parametrize(
    ("written", "quotient"),
    [
        ('"812"', "812"),
        ('" 812 "', "812"),
        ('"8.12e2"', "812"),
        ('"+812.50"', "812.50"),
        ('"1_000"', "1000"),
        ("812", "812"),
    ],
)
def test_a_quotient_may_take_any_form_decimal_reads(written: str, quotient: str) -> None:
    text = HEAD.replace('id = "F-0042"', f'id = "F-0042"\nquotient_familial = {written}')
    assert loads_scenario(text).quotient_familial == Decimal(quotient)


@pytest.mark.parametrize("written", ['"45.60"', '" 45.6 "', '"4.56e1"', '"+45.600"'])
def test_an_amount_may_take_any_form_decimal_reads(written: str) -> None:
    text = HEAD + (
        f'[[payments]]\nday = 2024-10-05\namount = {written}\nmode = "card"\nreference = "R"\n'
    )
    assert loads_scenario(text).payments[0].amount == Money.euros("45.60")


def test_a_balance_carried_over_may_be_negative_and_a_mode_in_any_case() -> None:
    text = HEAD.replace("[family]", 'opening_balance = "-4.20"\n[family]') + (
        '[[payments]]\nday = 2024-10-05\namount = "3"\nmode = " PayFiP "\nreference = "R-1"\n'
    )
    scenario = loads_scenario(text)
    assert scenario.opening_balance == Money.euros("-4.20")
    assert scenario.payments[0].mode is PaymentMode.PAYFIP


def test_a_policy_keeps_the_strict_form() -> None:
    # The conventions belong to scenarios: the same parsers read a policy strictly.
    strict, lenient = Reader(), Reader(SCENARIO_CONVENTIONS)
    assert weekday(lenient, "jeudi", "w") == 3
    with pytest.raises(ReadError):
        weekday(strict, "jeudi", "w")
    with pytest.raises(ReadError):
        weekday(strict, "Thursday", "w")
    assert decimal_number(lenient, "1e3", "d") == Decimal(1000)
    with pytest.raises(ReadError):
        decimal_number(strict, "1e3", "d")
    naive = datetime(2024, 9, 19, 17)
    assert instant(lenient, naive, "at") == naive.replace(tzinfo=EUROPE_PARIS)
    with pytest.raises(ReadError):
        instant(strict, naive, "at")
    assert [str(p) for p in strict.problems] == [
        "w: unknown day 'jeudi' (allowed: monday, tuesday, wednesday, thursday, friday, "
        "saturday, sunday)",
        "w: unknown day 'Thursday' (allowed: monday, tuesday, wednesday, thursday, friday, "
        "saturday, sunday)",
        'd: must be a decimal number written like "3.60" or "0.0036" (got \'1e3\')',
        "at: must give its offset, such as +02:00 (got 2024-09-19T17:00:00)",
    ]
    assert strict.notes == []
    assert lenient.notes == ["at has no offset: read as Europe/Paris"]
    data = to_data(get("saint-just-d-avray"))
    data["rules"]["default"]["add"]["weekday"] = "jeudi"
    with pytest.raises(PolicyError, match="unknown day 'jeudi'"):
        from_data(data)


# Every problem, with its path -------------------------------------------------------------------


def test_every_problem_of_a_scenario_is_reported_with_its_path() -> None:
    text = """
commune = "paris"
start = 2024-10-01
end = 2024-09-01
other = 1
family = { idd = "F-1", quotient_familial = "abc" }
[[children]]
id = "a"
first_name = "A"
birth_date = 2017-01-01
[[bookings]]
child = "b"
service = "repas"
weekdays = ["lundi", "Funday"]
[[bookings]]
child = "a"
service = "repas"
[[absences]]
child = "a"
service = "repas"
day = 2024-10-03T10:00:00
justification = "note"
[[changes]]
child = "a"
service = "repas"
day = 2024-10-03
action = "move"
at = "yesterday"
[[payments]]
day = 2024-10-05
amount = 3.5
mode = "card"
[[payments]]
day = 2024-10-05
amount = "1e30"
mode = "card"
reference = "R"
"""
    assert problems(text) == [
        ("family.id", "missing required key"),
        ("family.quotient_familial", "is not a decimal number (got 'abc')"),
        ("family.idd", "unknown key; did you mean 'id'? (allowed: id, quotient_familial)"),
        ("end", "must not be before start 2024-10-01"),
        ("bookings[0].child", "unknown child 'b'; known: a"),
        (
            "bookings[0].weekdays[1]",
            "unknown day 'Funday' (allowed: monday, tuesday, wednesday, thursday, friday, "
            "saturday, sunday; or lundi, mardi, mercredi, jeudi, vendredi, samedi, dimanche)",
        ),
        ("bookings[1]", "needs weekdays or days"),
        ("absences[0].day", "must be a date, not a date-time (got 2024-10-03T10:00:00)"),
        (
            "absences[0].justification",
            "unknown value 'note' (allowed: medical_certificate, commune_agreement)",
        ),
        ("changes[0].action", "unknown value 'move' (allowed: add, cancel)"),
        (
            "changes[0].at",
            "must be a date-time such as 2024-06-01T08:00:00+02:00 (got 'yesterday')",
        ),
        (
            "payments[0].amount",
            'money is never a float; write it as a string such as "3.60" (got 3.5)',
        ),
        ("payments[0].reference", "missing required key"),
        ("payments[1].amount", "is too large (got '1e30')"),
        (
            "other",
            "unknown key; (allowed: commune, start, end, family, children, bookings, "
            "absences, changes, payments, opening_balance, households, custody, "
            "quotient_records, attendance, regimes, non_billable_days)",
        ),
    ]


def test_two_children_with_one_id_are_refused() -> None:
    text = HEAD + '[[children]]\nid = "louise"\nfirst_name = "Lou"\nbirth_date = 2019-01-01\n'
    assert problems(text) == [("children[1].id", "child id 'louise' appears twice")]


def test_children_that_cannot_be_read_are_not_looked_up() -> None:
    # Their ids are not known, so no booking is reported as naming an unknown child.
    text = HEAD.replace('"Louise"', '" Louise"') + (
        '[[bookings]]\nchild = "tom"\nservice = "repas"\ndays = [2024-09-02]\n'
    )
    assert problems(text) == [("children[0].first_name", "must not start or end with white space")]


@pytest.mark.parametrize(
    ("payment", "expected"),
    [
        ('amount = "0"\nmode = "card"', ("payments[0].amount", "must be above zero (got 0.00)")),
        ('amount = "14.40"\nmode = "tickets"', ("payments[0].tickets", "missing required key")),
        (
            'amount = "14.40"\nmode = "Tickets"\ntickets = 4',
            ("payments[0].amount", "tickets are counted, not euros (got 14.40)"),
        ),
        (
            'amount = "14.40"\nmode = "card"\ntickets = 4',
            ("payments[0].tickets", "a payment by card counts none (got 4)"),
        ),
        ('mode = "tickets"\ntickets = 0', ("payments[0].tickets", "must be ≥ 1 (got 0)")),
        (
            'mode = "tickets"\ntickets = 2\nscheme = "prepaid"',
            (
                "payments[0].scheme",
                "paper tickets pay only a basket (paiement immédiat) (got 'prepaid')",
            ),
        ),
        (
            'amount = "14.40"\nmode = "card"\ncurrency = "USD"',
            ("payments[0].currency", "must be EUR: the library bills in euros only"),
        ),
        ('mode = "card"', ("payments[0].amount", "missing required key")),
        (
            'amount = "14.40"\nmode = "bitcoin"',
            (
                "payments[0].mode",
                "unknown 'bitcoin'; known: card, cash, cheque, direct_debit, payfip, tickets, "
                "transfer",
            ),
        ),
    ],
)
def test_a_payment_is_euros_above_zero_or_whole_tickets(
    payment: str, expected: tuple[str, str]
) -> None:
    text = HEAD + f'[[payments]]\nday = 2024-10-05\n{payment}\nreference = "R"\n'
    assert problems(text) == [expected]


def test_the_top_level_and_arrays_of_tables_say_what_they_got() -> None:
    assert problems("children = 3\nbookings = [1]\n") == [
        ("commune", "missing required key"),
        ("start", "missing required key"),
        ("end", "missing required key"),
        ("family", "missing required key"),
        ("children", "must be a list, got an integer (3)"),
        ("bookings[0]", "must be a table, got an integer (1)"),
    ]
    assert problems("commune = \n") == [
        ("(top level)", "invalid TOML: Invalid value (at line 1, column 11)")
    ]


def test_a_file_that_is_not_utf8_is_a_problem_naming_it(tmp_path: Path) -> None:
    latin = tmp_path / "latin.toml"
    latin.write_bytes('commune = "Montréal"'.encode("latin-1"))
    with pytest.raises(PolicyError, match=r"in .*latin\.toml:\n  - \(top level\): the file is"):
        load_scenario(latin)
    with pytest.raises(FileNotFoundError):
        load_scenario(tmp_path / "missing.toml")


def test_plain_data_in_python_is_read_alike() -> None:
    data = {
        "commune": "paris",
        "start": "2024-10-01",
        "end": date(2024, 10, 31),
        "family": {"id": "F-1", "quotient_familial": 500},
        "children": [{"id": "ines", "first_name": "Inès", "birth_date": "2016-02-14"}],
        "bookings": [{"child": "ines", "service": "repas", "days": ["2024-10-03"]}],
    }
    scenario = scenario_from_data(data)
    assert scenario.start == date(2024, 10, 1)
    assert scenario.bookings == (BookingSpec("ines", "repas", days=(date(2024, 10, 3),)),)
    assert scenario.quotient_familial == Decimal(500)


# Scenarios built in Python ----------------------------------------------------------------------


def test_a_scenario_built_in_python_is_checked_too() -> None:
    louise = Child("louise", "Louise", date(2017, 3, 2))
    start, end = date(2024, 9, 1), date(2024, 9, 30)
    with pytest.raises(InvalidValueError, match="end: must not be before start 2024-09-01"):
        Scenario("paris", start, date(2024, 8, 31), "F-1")
    with pytest.raises(UnknownCodeError, match=r"bookings\[0\]\.child: unknown 'tom'"):
        Scenario(
            "paris",
            start,
            end,
            "F-1",
            children=(louise,),
            bookings=(BookingSpec("tom", "repas", days=(start,)),),
        )
    change = BookingChange(
        ChangeAction.ADD, "tom", "repas", start, datetime(2024, 8, 1, tzinfo=EUROPE_PARIS)
    )
    with pytest.raises(UnknownCodeError, match=r"changes\[0\]\.child: unknown 'tom'"):
        Scenario("paris", start, end, "F-1", children=(louise,), changes=(change,))
    with pytest.raises(InvalidValueError, match="children: appears twice"):
        Scenario("paris", start, end, "F-1", children=(louise, louise))
    with pytest.raises(InvalidTypeError, match="opening_balance: must be Money"):
        Scenario("paris", start, end, "F-1", opening_balance="-4.20")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="tickets are counted, not euros"):
        PaymentSpec(start, Money.euros("3"), "tickets", "T-1", tickets=1)
    assert BookingSpec("louise", "repas", weekdays=[3, 3]).weekdays == frozenset({3})
    with pytest.raises(InvalidValueError, match="weekday numbers 0"):
        BookingSpec("louise", "repas", weekdays={7})


def test_a_change_keeps_its_channel_and_justification() -> None:
    text = HEAD + (
        '[[changes]]\nchild = "louise"\nservice = "repas"\nday = 2024-09-20\naction = "cancel"\n'
        'at = 2024-09-19T18:00:00+02:00\nchannel = "office"\n'
        'justification = "medical_certificate"\n'
    )
    change = loads_scenario(text).changes[0]
    assert (change.channel, change.justification) == (
        Channel.OFFICE,
        Justification.MEDICAL_CERTIFICATE,
    )
