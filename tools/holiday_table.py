"""Write src/cantine_rules/calendar/fr_holidays.json from the installed ``holidays`` package.

The calendar reads this table instead of computing the holidays in every process; a test
compares it day by day with ``holidays``. Run ``python tools/holiday_table.py`` after upgrading
``holidays``, and commit the table with the version it names.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import holidays

from cantine_rules.calendar import PACKAGE_SCHOOL_HOLIDAYS
from cantine_rules.calendar._holiday_table import computed_holidays

TABLE = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "cantine_rules"
    / "calendar"
    / "fr_holidays.json"
)
PUBLIC_YEARS = (1990, 2040)
SUBDIVISIONS = (None, "57", "6AE")
ZONES = ("A", "B", "C")


def runs(days: dict[date, str]) -> list[list[object]]:
    """Consecutive days of the same name as ``[first day, day count, name]``."""
    result: list[list[object]] = []
    previous: date | None = None
    for day in sorted(days):
        name = days[day]
        last = result[-1] if result else None
        if last is not None and previous == day - timedelta(days=1) and last[2] == name:
            last[1] = int(str(last[1])) + 1
        else:
            result.append([day.isoformat(), 1, name])
        previous = day
    return result


def build() -> dict[str, object]:
    """The table, as written to the file."""
    public = {
        subdivision or "FR": runs(computed_holidays(subdivision, (), *PUBLIC_YEARS))
        for subdivision in SUBDIVISIONS
    }
    school_years = (PACKAGE_SCHOOL_HOLIDAYS[0].year, PACKAGE_SCHOOL_HOLIDAYS[1].year)
    school = {
        zone: runs(computed_holidays(f"Zone {zone}", ("school",), *school_years)) for zone in ZONES
    }
    return {
        "source": f"holidays {holidays.__version__} (python-holidays, MIT licence)",
        "public": {"years": list(PUBLIC_YEARS), "runs": public},
        "school": {"years": list(school_years), "runs": school},
    }


def render(table: dict[str, object]) -> str:
    """The table as JSON, one run a line, so that a new version of ``holidays`` diffs well."""
    text = json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True)
    # Fold each run (a list of three scalars) back onto one line.
    lines: list[str] = []
    buffer: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if buffer:
            buffer.append(stripped)
            if stripped.startswith("]"):
                lines.append(buffer[0] + " ".join(buffer[1:-1]) + stripped)
                buffer = []
        elif stripped == "[" and lines and lines[-1].rstrip().endswith(("[", ",")):
            buffer = [line]
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def main() -> None:
    """Write the table."""
    TABLE.write_text(render(build()), encoding="utf-8")


if __name__ == "__main__":
    main()
