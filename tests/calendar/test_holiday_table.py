"""The holiday table shipped with the package agrees with the ``holidays`` package day by day."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from holidays import country_holidays

from cantine_rules.calendar import PACKAGE_SCHOOL_HOLIDAYS, SchoolCalendar, Zone
from cantine_rules.calendar._holiday_table import TABLE_FILE, public_holidays, school_holidays

ROOT = Path(__file__).resolve().parents[2]
_SPEC = importlib.util.spec_from_file_location("holiday_table", ROOT / "tools" / "holiday_table.py")
assert _SPEC is not None
assert _SPEC.loader is not None
holiday_table = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(holiday_table)


@pytest.mark.parametrize("subdivision", [None, "57", "6AE"])
def test_public_holidays_of_every_year_agree_with_the_holidays_package(
    subdivision: str | None,
) -> None:
    expected = country_holidays("FR", subdiv=subdivision, years=range(1990, 2041), language="fr")
    assert public_holidays(subdivision, 1990, 2040) == dict(expected.items())


@pytest.mark.parametrize("zone", ["A", "B", "C"])
def test_school_holidays_agree_with_the_holidays_package(zone: str) -> None:
    first, last = PACKAGE_SCHOOL_HOLIDAYS[0].year, PACKAGE_SCHOOL_HOLIDAYS[1].year
    expected = country_holidays(
        "FR",
        subdiv=f"Zone {zone}",
        categories=("school",),
        years=range(first, last + 1),
        language="fr",
    )
    assert school_holidays(zone, first, last) == dict(expected.items())


def test_the_shipped_table_is_the_one_the_tool_writes() -> None:
    shipped = (ROOT / "src" / "cantine_rules" / "calendar" / TABLE_FILE).read_text(encoding="utf-8")
    assert shipped == holiday_table.render(holiday_table.build())
    assert json.loads(shipped)["public"]["years"] == [1990, 2040]


def test_years_outside_the_table_are_asked_of_the_holidays_package() -> None:
    # 1989 is not in the table: the answer comes from ``holidays`` and is the same.
    assert public_holidays(None, 1989, 1989)[date(1989, 7, 14)] == "Fête nationale"
    early = SchoolCalendar(Zone.A, first_year=1985, last_year=1995)
    assert early.public_holiday(date(1989, 11, 11)) == "Armistice"


def test_a_calendar_is_built_without_importing_the_holidays_package() -> None:
    # The table spares a one-question process the import of every country module.
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from cantine_rules.calendar import SchoolCalendar, Zone\n"
        "calendar = SchoolCalendar(Zone.B, department='57')\n"
        "assert calendar.public_holiday(date(2024, 12, 26)) == 'Saint-Étienne'\n"
        "assert calendar.school_holiday(date(2024, 12, 23)) == 'Vacances de Noël'\n"
        "print('holidays' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
