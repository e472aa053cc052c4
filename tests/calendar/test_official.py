"""School holidays from the Ministry's dataset « Le calendrier scolaire ».

The dataset is fr-en-calendrier-scolaire on data.education.gouv.fr.

The fixture ``data/calendrier-scolaire-sample.csv`` is written for these tests in the dataset's
export format: zone A rows for two académies (one school year, and the summer before it), a
zone B row, a Corse row and teacher rows. Its dates are the published ones of 2024-2025. The
dataset says: « Le départ en vacances a lieu après la classe des jours indiqués. La reprise des
cours s'effectue le matin des jours indiqués. »
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cantine_rules import ServiceKind
from cantine_rules.calendar import (
    DataSource,
    OfficialBreak,
    OfficialSchoolHolidays,
    SchoolCalendar,
    Zone,
    load_official_school_holidays,
)
from cantine_rules.errors import CalendarError, InvalidTypeError, OutOfRangeError

SAMPLE = Path(__file__).parents[1] / "data" / "calendrier-scolaire-sample.csv"
TEXT = SAMPLE.read_text(encoding="utf-8")
ZONE_A = OfficialSchoolHolidays.from_csv(TEXT, Zone.A)
ZONE_B = OfficialSchoolHolidays.from_csv(TEXT, Zone.B)
API_HEADER = "description;population;start_date;end_date;location;zones;annee_scolaire"


def test_reading_a_path_and_reading_the_text_agree() -> None:
    assert load_official_school_holidays(SAMPLE, Zone.A) == ZONE_A
    assert load_official_school_holidays(str(SAMPLE), "Zone B") == ZONE_B


def test_only_the_pupils_rows_of_the_zone_are_kept() -> None:
    # Lyon and Grenoble give the same Toussaint once; the teachers' rows, zone B and Corse go.
    assert [(b.school_year, b.label) for b in ZONE_A.breaks] == [
        ("2023-2024", "Vacances d'Été"),
        ("2024-2025", "Vacances de la Toussaint"),
        ("2024-2025", "Vacances de Noël"),
        ("2024-2025", "Vacances d'Hiver"),
        ("2024-2025", "Vacances de Printemps"),
        ("2024-2025", "Pont de l'Ascension"),
        ("2024-2025", "Vacances d'Été"),
    ]
    assert [b.label for b in ZONE_B.breaks] == ["Vacances de la Toussaint", "Vacances d'Hiver"]


def test_the_dates_are_read_as_paris_days() -> None:
    toussaint = ZONE_A.breaks[1]
    # 2024-10-18T22:00:00+00:00 is Saturday 19 October 2024 at midnight in Paris;
    # 2024-11-03T23:00:00+00:00 is Monday 4 November 2024 (winter time).
    assert toussaint == OfficialBreak(
        "Vacances de la Toussaint", "2024-2025", date(2024, 10, 19), date(2024, 11, 4)
    )
    assert toussaint.first_day == date(2024, 10, 20)
    assert toussaint.last_day == date(2024, 11, 3)


def test_a_break_starts_after_class_and_classes_resume_on_the_end_date() -> None:
    assert ZONE_A.school_holiday(date(2024, 10, 19)) is None
    assert ZONE_A.school_holiday(date(2024, 10, 20)) == "Vacances de la Toussaint"
    assert ZONE_A.school_holiday(date(2024, 11, 3)) == "Vacances de la Toussaint"
    assert ZONE_A.school_holiday(date(2024, 11, 4)) is None
    # « Fin des cours : mercredi 28 mai 2025 », classes resume on Monday 2 June.
    assert ZONE_A.school_holiday(date(2025, 5, 28)) is None
    assert ZONE_A.school_holiday(date(2025, 5, 29)) == "Pont de l'Ascension"
    assert ZONE_A.school_holiday(date(2025, 6, 1)) == "Pont de l'Ascension"
    assert ZONE_A.school_holiday(date(2025, 6, 2)) is None


def test_the_teachers_rows_are_skipped() -> None:
    # The teachers' summer ends on 29 August 2025; the pupils' on 1 September.
    assert ZONE_A.school_holiday(date(2025, 8, 29)) == "Vacances d'Été"
    assert ZONE_A.school_holiday(date(2025, 8, 31)) == "Vacances d'Été"
    # The teachers' Toussaint starts a day earlier.
    assert ZONE_A.school_holiday(date(2024, 10, 19)) is None


def test_the_dataset_covers_its_school_years_and_the_term_between_them() -> None:
    # 2023-2024 ends with its summer, at the 2024-2025 rentrée (2 September 2024), so the
    # September term days before the Toussaint are covered too.
    assert ZONE_A.coverage == ((date(2024, 7, 6), date(2025, 9, 1)),)
    assert ZONE_A.covers(date(2024, 9, 20))
    assert ZONE_A.school_holiday(date(2024, 9, 1)) == "Vacances d'Été"
    assert ZONE_A.school_holiday(date(2024, 9, 2)) is None
    assert ZONE_B.coverage == ((date(2024, 10, 19), date(2025, 2, 24)),)
    with pytest.raises(OutOfRangeError):
        ZONE_B.school_holiday(date(2024, 9, 20))
    assert OfficialSchoolHolidays(Zone.A).coverage == ()


def test_the_dataset_wins_over_the_package_where_it_covers() -> None:
    with_dataset = SchoolCalendar(Zone.A, official_holidays=ZONE_A)
    package_only = SchoolCalendar(Zone.A)
    saturday = date(2024, 10, 19)
    # The package counts the Saturday the break starts on; the dataset says classes end after
    # class that day, which matters to a school week with Saturday morning.
    assert package_only.school_holiday(saturday) == "Vacances de la Toussaint"
    assert with_dataset.school_holiday(saturday) is None
    assert with_dataset.school_holiday(date(2025, 2, 24)) == "Vacances d'Hiver"
    assert package_only.school_holiday(date(2025, 2, 24)) == "Vacances d'hiver"
    # Outside the dataset, the package answers.
    assert with_dataset.school_holiday(date(2024, 3, 1)) == package_only.school_holiday(
        date(2024, 3, 1)
    )


def test_day_info_says_which_source_answered() -> None:
    calendar = SchoolCalendar(Zone.A, official_holidays=ZONE_A)
    inside = calendar.day_info(date(2024, 10, 22))
    assert inside.school_holiday == "Vacances de la Toussaint"
    assert inside.sources["school_holiday"] is DataSource.OFFICIAL_DATASET
    assert inside.sources["school_day"] is DataSource.OFFICIAL_DATASET
    assert inside.sources["public_holiday"] is DataSource.HOLIDAYS_PACKAGE
    term = calendar.day_info(date(2024, 11, 4))
    assert term.school_day
    assert term.sources["school_holiday"] is DataSource.OFFICIAL_DATASET
    assert term.sources["school_day"] is DataSource.SCHOOL_WEEK
    outside = calendar.day_info(date(2024, 3, 1))
    assert outside.sources["school_holiday"] is DataSource.HOLIDAYS_PACKAGE
    armistice = calendar.day_info(date(2024, 11, 11))
    assert armistice.sources["school_day"] is DataSource.HOLIDAYS_PACKAGE


def test_the_dataset_answers_past_the_package() -> None:
    # Dates invented for this test: a school year the package does not vouch for.
    text = "\n".join(
        [
            API_HEADER,
            "Vacances de la Toussaint;-;2029-10-19T22:00:00+00:00;2029-11-04T23:00:00+00:00;"
            "Lyon;Zone A;2029-2030",
            "Début des Vacances d'Été;-;2030-07-05T22:00:00+00:00;2030-07-05T22:00:00+00:00;"
            "Lyon;Zone A;2029-2030",
        ]
    )
    official = OfficialSchoolHolidays.from_csv(text, Zone.A)
    assert official.breaks[-1].resumption is None
    assert official.breaks[-1].last_day is None
    # The summer's end is not published: the dataset vouches up to the last day of class.
    assert official.coverage == ((date(2029, 10, 20), date(2030, 7, 6)),)
    calendar = SchoolCalendar(Zone.A, official_holidays=official, last_year=2030)
    assert calendar.school_holiday(date(2029, 10, 25)) == "Vacances de la Toussaint"
    assert calendar.is_school_day(date(2029, 11, 5))
    assert calendar.runs(ServiceKind.HOLIDAY_CENTRE, date(2029, 10, 22))
    assert calendar.is_school_day(date(2030, 7, 5))
    for unknown in (date(2030, 7, 7), date(2029, 9, 3), date(2028, 9, 4)):
        with pytest.raises(OutOfRangeError):
            calendar.school_holiday(unknown)


@pytest.mark.parametrize(
    "header",
    [
        API_HEADER,
        "Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire",
        "\ufeffDescription;Population;Date de début;Date de fin;Académies;Zones;Année scolaire",
    ],
)
def test_both_headers_are_read(header: str) -> None:
    row = "Vacances de Noël;-;2024-12-21;2025-01-06;Lyon;Zone A;2024-2025"
    official = OfficialSchoolHolidays.from_csv(f"{header}\r\n{row}\r\n\r\n", Zone.A)
    assert official.breaks == (
        OfficialBreak("Vacances de Noël", "2024-2025", date(2024, 12, 21), date(2025, 1, 6)),
    )


def test_comma_separated_and_offset_dates() -> None:
    text = (
        "description,population,start_date,end_date,location,zones,annee_scolaire\n"
        '"Vacances de Noël","-",2024-12-21T00:00:00+01:00,2025-01-06T00:00:00+01:00,'
        "Lyon,Zone A,2024-2025\n"
    )
    official = OfficialSchoolHolidays.from_csv(text, Zone.A)
    assert official.breaks[0].after_class_on == date(2024, 12, 21)
    assert official.school_holiday(date(2025, 1, 5)) == "Vacances de Noël"


def test_conflicting_academies_need_an_academy() -> None:
    text = "\n".join(
        [
            API_HEADER,
            "Vacances d'Hiver;-;2025-02-21T23:00:00+00:00;2025-03-09T23:00:00+00:00;"
            "Lyon;Zone A;2024-2025",
            "Vacances d'Hiver;-;2025-02-14T23:00:00+00:00;2025-03-02T23:00:00+00:00;"
            "Dijon;Zone A;2024-2025",
        ]
    )
    with pytest.raises(CalendarError, match="academy=") as caught:
        OfficialSchoolHolidays.from_csv(text, Zone.A)
    assert caught.value.field == "line 3"
    dijon = OfficialSchoolHolidays.from_csv(text, Zone.A, academy="dijon")
    assert dijon.school_holiday(date(2025, 2, 16)) == "Vacances d'Hiver"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("", "text"),
        ("description;population;start_date;zones\n", "header"),
        (f"{API_HEADER}\nNoël;-;21/12/2024;2025-01-06;Lyon;Zone A;2024-2025", "line 2.start_date"),
        (f"{API_HEADER}\nNoël;-;2024-12-21;2025-01-06;Lyon;Zone A;2024", "line 2.annee_scolaire"),
        (f"{API_HEADER}\nNoël;-;2024-12-21;2024-12-01;Lyon;Zone A;2024-2025", "line 2.end_date"),
        (f"{API_HEADER}\n;-;2024-12-21;2025-01-06;Lyon;Zone A;2024-2025", "line 2.description"),
        (f"{API_HEADER}\nNoël;-;2024-12-21;;Lyon;Zone A;2024-2025", "line 2.end_date"),
        ("description;population;start_date;end_date;zones\nNoël;-;2024-12-21", "line 2"),
    ],
)
def test_unreadable_csv_is_refused_naming_where(text: str, field: str) -> None:
    with pytest.raises(CalendarError) as caught:
        OfficialSchoolHolidays.from_csv(text, Zone.A)
    assert caught.value.field == field


def test_bad_arguments() -> None:
    with pytest.raises(InvalidTypeError):
        OfficialSchoolHolidays.from_csv(TEXT.encode(), Zone.A)  # type: ignore[arg-type]
    with pytest.raises(LookupError):
        OfficialSchoolHolidays.from_csv(TEXT, "Zone D")
    with pytest.raises(CalendarError) as caught:
        SchoolCalendar(Zone.B, official_holidays=ZONE_A)
    assert caught.value.field == "official_holidays"
    with pytest.raises(CalendarError):
        OfficialBreak("Noël", "2024-2025", date(2024, 12, 21), date(2024, 12, 21))
    with pytest.raises(CalendarError):
        OfficialBreak("Noël", "2024-2026", date(2024, 12, 21), date(2025, 1, 6))
    with pytest.raises(InvalidTypeError):
        ZONE_A.covers("2024-10-20")  # type: ignore[arg-type]
