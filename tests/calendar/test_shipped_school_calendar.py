"""The Ministry's calendar shipped for 2016-2017: its dates, its seam with ``holidays``, seed 001.

The dates are the arrêté's, « Fin des cours » (the break starts after class that day) and
« Reprise des cours » (classes resume that morning), as the Ministry's tables give them for
2016-2017; see ``src/cantine_rules/calendar/fr_school_calendar.json`` for the sources.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from holidays import country_holidays

from cantine_rules.calendar import (
    FOUR_AND_A_HALF_DAYS,
    PACKAGE_SCHOOL_HOLIDAYS,
    SHIPPED_SCHOOL_HOLIDAYS,
    DataSource,
    OfficialBreak,
    OfficialSchoolHolidays,
    SchoolCalendar,
    Zone,
)
from cantine_rules.calendar._holiday_table import (
    SCHOOL_CALENDAR_FILE,
    computed_holidays,
    shipped_school_calendar,
)
from cantine_rules.errors import OutOfRangeError
from cantine_rules.model import ServiceKind
from cantine_rules.policies import get

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "cantine_rules" / "calendar" / SCHOOL_CALENDAR_FILE
ZONES = (Zone.A, Zone.B, Zone.C)


def _calendar(zone: Zone, **options: Any) -> SchoolCalendar:
    return SchoolCalendar(zone, first_year=2016, last_year=2018, **options)


def _file() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SHIPPED.read_text(encoding="utf-8"))
    return data


def _rows() -> list[dict[str, str]]:
    """The shipped breaks, each as a mapping of the file's columns."""
    data = _file()
    return [dict(zip(data["columns"], row, strict=True)) for row in data["breaks"]]


# The file -----------------------------------------------------------------------------------------


def test_the_file_names_its_sources_and_its_licence() -> None:
    data = _file()
    sources = data["sources"]
    assert isinstance(sources, list)
    assert all(source["url"].startswith("http") and source["name"] for source in sources)
    assert "Licence Ouverte" in str(data["licence"])
    assert "après la classe des jours indiqués" in str(data["reading"])


@pytest.mark.parametrize("zone", ZONES)
def test_the_shipped_breaks_read_as_the_ministry_dataset_reads(zone: Zone) -> None:
    # The same rows, read by the dataset's reader, give the same days off and one span of days
    # vouched for: its school years follow one another with no gap.
    official = OfficialSchoolHolidays(
        zone,
        (
            OfficialBreak(
                row["label"],
                row["school_year"],
                date.fromisoformat(row["after_class_on"]),
                date.fromisoformat(row["resumption"]),
            )
            for row in _rows()
            if zone.value in row["zones"]
        ),
    )
    span, days = shipped_school_calendar(zone.value)
    assert official.coverage == (span,)
    assert dict(official.holidays()) == days
    # Each zone has its five breaks and the pont of 2016-2017, and the summer before.
    assert len(official.breaks) == 7


def test_the_shipped_days_are_those_the_calendar_names() -> None:
    # From 5 July 2016 (the last day of class of 2015-2016) to the day before the package's
    # first day; the package answers from the rentrée of 2017 on.
    span, _days = shipped_school_calendar("A")
    assert span == (SHIPPED_SCHOOL_HOLIDAYS[0], PACKAGE_SCHOOL_HOLIDAYS[0])
    assert SHIPPED_SCHOOL_HOLIDAYS[1] == PACKAGE_SCHOOL_HOLIDAYS[1]


# The arrêté's dates, by zone ----------------------------------------------------------------------


@pytest.mark.parametrize("zone", ZONES)
def test_toussaint_2016_is_a_holiday_in_each_zone(zone: Zone) -> None:
    # « Vacances de la Toussaint : Fin des cours : mercredi 19 octobre 2016, Reprise des cours :
    # jeudi 3 novembre 2016 » (the same for zones A, B and C).
    calendar = _calendar(zone)
    assert calendar.school_holiday(date(2016, 10, 19)) is None
    assert calendar.school_holiday(date(2016, 10, 20)) == "Vacances de la Toussaint"
    assert calendar.school_holiday(date(2016, 11, 2)) == "Vacances de la Toussaint"
    assert calendar.school_holiday(date(2016, 11, 3)) is None
    # Wednesday 19 October has class in the morning for a school week of four and a half days.
    wednesdays = _calendar(zone, school_week=FOUR_AND_A_HALF_DAYS)
    assert wednesdays.is_school_day(date(2016, 10, 19))
    assert not wednesdays.is_school_day(date(2016, 10, 20))
    assert wednesdays.is_school_day(date(2016, 11, 3))
    info = calendar.day_info(date(2016, 10, 20))
    assert info.sources["school_holiday"] is DataSource.OFFICIAL_DATASET


@pytest.mark.parametrize(
    ("zone", "label", "after_class_on", "resumption"),
    [
        # « Vacances d'hiver » 2017: zone A « samedi 18 février 2017 » to « lundi 6 mars 2017 »,
        # zone B « samedi 11 février 2017 » to « lundi 27 février 2017 », zone C « samedi
        # 4 février 2017 » to « lundi 20 février 2017 ».
        (Zone.A, "Vacances d'hiver", date(2017, 2, 18), date(2017, 3, 6)),
        (Zone.B, "Vacances d'hiver", date(2017, 2, 11), date(2017, 2, 27)),
        (Zone.C, "Vacances d'hiver", date(2017, 2, 4), date(2017, 2, 20)),
        # « Vacances de printemps » 2017: zone A « samedi 15 avril 2017 » to « mardi 2 mai
        # 2017 », zone B « samedi 8 avril 2017 » to « lundi 24 avril 2017 », zone C « samedi
        # 1er avril 2017 » to « mardi 18 avril 2017 ».
        (Zone.A, "Vacances de printemps", date(2017, 4, 15), date(2017, 5, 2)),
        (Zone.B, "Vacances de printemps", date(2017, 4, 8), date(2017, 4, 24)),
        (Zone.C, "Vacances de printemps", date(2017, 4, 1), date(2017, 4, 18)),
        # « Vacances de Noël : Fin des cours : samedi 17 décembre 2016, Reprise des cours :
        # mardi 3 janvier 2017 » (every zone).
        (Zone.A, "Vacances de Noël", date(2016, 12, 17), date(2017, 1, 3)),
        (Zone.C, "Vacances de Noël", date(2016, 12, 17), date(2017, 1, 3)),
        # « Vacances d'été : Fin des cours : mardi 5 juillet 2016, Reprise des cours : jeudi
        # 1er septembre 2016 »; then « samedi 8 juillet 2017 » to the rentrée of « lundi
        # 4 septembre 2017 ».
        (Zone.B, "Vacances d'été", date(2016, 7, 5), date(2016, 9, 1)),
        (Zone.A, "Vacances d'été", date(2017, 7, 8), date(2017, 9, 4)),
    ],
)
def test_each_break_runs_from_the_day_after_class_to_the_eve_of_resumption(
    zone: Zone, label: str, after_class_on: date, resumption: date
) -> None:
    calendar = _calendar(zone)
    one_day = timedelta(days=1)
    assert calendar.school_holiday(after_class_on) is None
    assert calendar.school_holiday(after_class_on + one_day) == label
    assert calendar.school_holiday(resumption - one_day) == label
    assert calendar.school_holiday(resumption) is None
    assert calendar.is_school_day(resumption)


def test_the_winter_breaks_of_the_other_zones_are_school_weeks() -> None:
    # Zone C is back on Monday 20 February 2017 while zone A has not yet left.
    assert _calendar(Zone.C).is_school_day(date(2017, 2, 20))
    assert _calendar(Zone.A).is_school_day(date(2017, 2, 17))
    assert _calendar(Zone.B).school_holiday(date(2017, 2, 20)) == "Vacances d'hiver"


def test_the_pont_de_l_ascension_2017() -> None:
    # « Pour l'année scolaire 2016-2017, les classes vaqueront le vendredi 26 mai 2017 et le
    # samedi 27 mai 2017. »
    calendar = _calendar(Zone.A, school_week=FOUR_AND_A_HALF_DAYS)
    assert calendar.is_school_day(date(2017, 5, 24))
    assert calendar.public_holiday(date(2017, 5, 25)) == "Ascension"
    assert calendar.school_holiday(date(2017, 5, 26)) == "Pont de l'Ascension"
    assert not calendar.is_school_day(date(2017, 5, 26))
    assert calendar.is_working_day(date(2017, 5, 26))  # the town hall is open
    assert calendar.is_school_day(date(2017, 5, 29))


# Seed 001 -----------------------------------------------------------------------------------------


SEED_001_DAYS = (date(2016, 9, 1), date(2016, 9, 2), date(2016, 9, 5), date(2016, 9, 6))
"""« 01/09/2016 Louise - Cantine … 3.60€ », and the same line on 02/09, 05/09 and 06/09/2016."""


@pytest.mark.parametrize("zone", ZONES)
def test_the_seed_001_days_are_school_days(zone: Zone) -> None:
    # The rentrée of 2016 was the same in every zone: « Reprise des cours : jeudi 1er septembre
    # 2016 ».
    calendar = _calendar(zone)
    for day in SEED_001_DAYS:
        assert calendar.is_school_day(day), day
    assert calendar.school_holiday(date(2016, 8, 31)) == "Vacances d'été"


def test_the_lutins_gourmands_meals_run_on_the_seed_s_own_days() -> None:
    # The commune's calendar (zone A, from 2016) serves its meals on exactly those four days of
    # the first week of September 2016; the Wednesday has no school.
    calendar = get("lutins-gourmands").calendar
    served = calendar.service_days(ServiceKind.MEAL, date(2016, 9, 1), date(2016, 9, 7))
    assert served == SEED_001_DAYS


# Agreeing with ``holidays`` -----------------------------------------------------------------------


@pytest.mark.parametrize(("department", "subdivision"), [(None, None), ("57", "57"), ("67", "6AE")])
def test_public_holidays_of_the_shipped_years_are_those_of_holidays(
    department: str | None, subdivision: str | None
) -> None:
    expected = country_holidays("FR", subdiv=subdivision, years=(2016, 2017), language="fr")
    calendar = SchoolCalendar(Zone.B, department, first_year=2016, last_year=2017)
    day = date(2016, 1, 1)
    while day.year <= 2017:
        assert calendar.public_holiday(day) == expected.get(day), day
        day += timedelta(days=1)


@pytest.mark.parametrize("zone", ZONES)
def test_school_holidays_agree_with_holidays_wherever_both_speak(zone: Zone) -> None:
    # ``holidays`` speaks from PACKAGE_SCHOOL_HOLIDAYS[0]; the shipped calendar up to the rentrée
    # of 2017. Where both speak they must agree, except on the Saturday a break starts after
    # class: the package counts it off, the Ministry has class that morning.
    span, shipped = shipped_school_calendar(zone.value)
    package = computed_holidays(f"Zone {zone.value}", ("school",), span[0].year, span[1].year)
    both = [
        day
        for day in (span[0] + timedelta(days=n) for n in range((span[1] - span[0]).days + 1))
        if day >= PACKAGE_SCHOOL_HOLIDAYS[0] or day in package
    ]
    assert both  # at least the rentrée of 2017
    for day in both:
        if day in package and day not in shipped:
            assert day.weekday() == 5, day
            assert day + timedelta(days=1) in shipped, day
        else:
            assert package.get(day) == shipped.get(day), day


@pytest.mark.parametrize("zone", ZONES)
def test_every_resumption_is_a_working_day_for_holidays(zone: Zone) -> None:
    # Classes resume on a weekday that is no public holiday: zone A's spring break ends on
    # Tuesday 2 May 2017 because Monday 1 May is the Fête du Travail.
    public = country_holidays("FR", years=(2016, 2017), language="fr")
    for record in _rows():
        if zone.value not in record["zones"]:
            continue
        resumption = date.fromisoformat(record["resumption"])
        assert resumption.weekday() < 5, record
        assert resumption not in public, record
    assert public[date(2017, 5, 1)] == "Fête du Travail"


# The range, and who wins --------------------------------------------------------------------------


def test_out_of_range_only_outside_what_the_package_ships() -> None:
    calendar = SchoolCalendar(Zone.A, first_year=2016, last_year=2028)
    first, last = SHIPPED_SCHOOL_HOLIDAYS
    day = first
    while day <= last:
        assert calendar.knows_school_holidays(day), day
        day += timedelta(days=1)
    for outside in (first - timedelta(days=1), last + timedelta(days=1)):
        with pytest.raises(OutOfRangeError, match="ships school holidays from 2016-07-05 to 2028"):
            calendar.is_school_day(outside)


def test_a_loaded_dataset_still_wins_over_the_shipped_calendar() -> None:
    # A rectorat may move a break; the dataset a commune loads says so, and is believed.
    text = (
        "description;population;start_date;end_date;location;zones;annee_scolaire\n"
        "Vacances de la Toussaint;Élèves;2016-10-22;2016-11-07;Lyon;Zone A;2016-2017\n"
    )
    official = OfficialSchoolHolidays.from_csv(text, Zone.A)
    calendar = _calendar(Zone.A, official_holidays=official)
    # The loaded row vouches from its start date to its resumption: there it wins.
    assert calendar.school_holiday(date(2016, 10, 22)) is None
    assert calendar.school_holiday(date(2016, 11, 3)) == "Vacances de la Toussaint"
    assert calendar.is_school_day(date(2016, 11, 7))
    assert calendar.day_info(date(2016, 11, 3)).sources["school_holiday"] is (
        DataSource.OFFICIAL_DATASET
    )
    # Outside the days it vouches for, the shipped calendar still answers.
    assert calendar.school_holiday(date(2016, 10, 20)) == "Vacances de la Toussaint"
    assert calendar.school_holiday(date(2016, 12, 20)) == "Vacances de Noël"


def test_a_2016_calendar_is_built_without_importing_the_holidays_package() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from cantine_rules.calendar import SchoolCalendar, Zone\n"
        "calendar = SchoolCalendar(Zone.A, first_year=2016)\n"
        "assert calendar.is_school_day(date(2016, 9, 1))\n"
        "print('holidays' in sys.modules, 'cantine_rules.calendar._official' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split() == ["False", "False"]
