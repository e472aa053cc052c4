"""The attendance sheet read as the dictionary it stands for, at its edges, and its refusals."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cantine_rules import Justification
from cantine_rules.pricing._attendance_sheet import Attendance, AttendanceSheet
from tests._helpers import refusal

DAY = date(2024, 9, 2)
PRESENT = Attendance.present()


def test_a_key_that_is_not_a_triple_is_in_no_sheet() -> None:
    sheet = AttendanceSheet.from_days({("c1", "repas"): [DAY]}, PRESENT)
    assert ("c1", "repas", DAY) in sheet
    for key in (["c1", "repas", DAY], ("c1", "repas"), 3):
        assert key not in sheet  # type: ignore[comparison-overlap]
    assert ("c1", "repas", datetime(2024, 9, 2)) not in sheet
    with pytest.raises(KeyError) as caught:
        sheet["c1", "repas", date(2024, 9, 3)]
    assert caught.value.args == (("c1", "repas", date(2024, 9, 3)),)


def test_sheets_from_the_same_first_day_differ_by_their_records() -> None:
    days = {("c1", "repas"): [DAY]}
    present = AttendanceSheet.from_days(days, PRESENT)
    absent = AttendanceSheet.from_days(days, Attendance.absent())
    assert present != absent
    assert present == AttendanceSheet.from_records({("c1", "repas", DAY): PRESENT})


def test_a_day_given_twice_or_out_of_order_is_one_record() -> None:
    days = {("c1", "repas"): [date(2024, 9, 3), date(2024, 9, 3), DAY, DAY]}
    sheet = AttendanceSheet.from_days(days, PRESENT)
    assert list(sheet) == [("c1", "repas", DAY), ("c1", "repas", date(2024, 9, 3))]


def test_an_empty_sheet_reads_as_an_empty_dictionary() -> None:
    empty = AttendanceSheet.from_days({("c1", "repas"): []}, PRESENT)
    assert empty == {}
    assert empty == AttendanceSheet.from_records({})
    assert len(empty) == 0
    assert repr(empty) == "AttendanceSheet(<0 records from None>)"
    assert repr(AttendanceSheet.from_days({("c1", "repas"): [DAY]}, PRESENT)) == (
        "AttendanceSheet(<1 records from 2024-09-02>)"
    )


def test_the_days_of_a_sheet_are_refused_whole() -> None:
    assert refusal(lambda: AttendanceSheet.from_days({}, "present")) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "attendance",
        "present",
        "attendance: must be Attendance (got 'present' of type str)",
    )
    for key in ("cr", ("c1",), ("c1", "repas", DAY)):
        assert refusal(lambda key=key: AttendanceSheet.from_days({key: []}, PRESENT)) == (  # type: ignore[misc]
            "InvalidTypeError",
            "days",
            key,
            f"days: keys must be (child_id, service_code) (got {key!r} of type "
            f"{type(key).__name__})",
        )
    assert refusal(lambda: AttendanceSheet.from_days({("", "repas"): []}, PRESENT))[:3] == (
        "EmptyIdentifierError",
        "child_id",
        "",
    )
    assert refusal(lambda: AttendanceSheet.from_days({("c1", ""): []}, PRESENT))[:3] == (
        "EmptyIdentifierError",
        "service_code",
        "",
    )
    for day, shown in (
        (datetime(2024, 9, 2), "2024-09-02T00:00:00 of type datetime"),
        ("2024-09-02", "'2024-09-02' of type str"),
    ):
        assert refusal(
            lambda day=day: AttendanceSheet.from_days({("c1", "repas"): [day]}, PRESENT)  # type: ignore[misc]
        ) == (
            "InvalidTypeError",
            "days[('c1', 'repas')]",
            day,
            f"days[('c1', 'repas')]: must be a datetime.date (got {shown})",
        )


def test_only_a_sheet_joins_a_sheet() -> None:
    sheet = AttendanceSheet.from_days({("c1", "repas"): [DAY]}, PRESENT)
    assert refusal(lambda: sheet.union({})) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "other",
        {},
        "other: must be an AttendanceSheet (got {} of type dict)",
    )
    sick = Attendance.absent(Justification.MEDICAL_CERTIFICATE)
    assert sheet | AttendanceSheet.from_days({("c1", "repas"): [DAY]}, sick) == {
        ("c1", "repas", DAY): sick
    }


def test_a_union_keeps_each_day_once_with_the_later_sheet_s_record() -> None:
    sick = Attendance.absent(Justification.MEDICAL_CERTIFICATE)
    day1, day2, day3 = date(2024, 9, 2), date(2024, 9, 3), date(2024, 9, 4)
    mine = AttendanceSheet.from_days({("c1", "repas"): [day1, day2, day3]}, PRESENT)
    # The other sheet starts a day later and records the same child and service in two kinds.
    theirs = AttendanceSheet.from_days(
        {("c1", "repas"): [day2]}, Attendance.absent()
    ) | AttendanceSheet.from_days({("c1", "repas"): [day3]}, sick)
    assert mine | theirs == {
        ("c1", "repas", day1): PRESENT,
        ("c1", "repas", day2): Attendance.absent(),
        ("c1", "repas", day3): sick,
    }
    assert len(mine | theirs) == 3


def test_a_union_of_the_same_kind_of_record_keeps_the_days_of_both() -> None:
    first = AttendanceSheet.from_days({("c1", "repas"): [DAY]}, PRESENT)
    second = AttendanceSheet.from_days({("c1", "repas"): [date(2024, 9, 5)]}, PRESENT)
    assert first | second == {
        ("c1", "repas", DAY): PRESENT,
        ("c1", "repas", date(2024, 9, 5)): PRESENT,
    }
