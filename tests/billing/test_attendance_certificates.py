"""Medical certificates in a bill: handed in within the règlement's hours, or not accepted at all.

La Tessoualle (https://www.latessoualle.com/enfance-jeunesse/restauration-scolaire/) is billed
twice: with its current règlement, « les certificats médicaux ne sont plus acceptés », and with
the older sentence its page still shows, « prévenir la mairie le matin avant 9h00 … et fournir un
certificat médical sous 48h00 pour ne pas être facturé ».
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import attrs
import pytest

from cantine_rules import at_paris
from cantine_rules.billing import bill
from cantine_rules.money import Money
from cantine_rules.plain import load_toml, loads_scenario
from cantine_rules.policies import CommunePolicy
from cantine_rules.rules.absences import AbsencePolicy, AbsenceRules, CertificateWithin
from cantine_rules.rules.deadlines import CalendarDaysBefore

ROOT = Path(__file__).resolve().parents[2]
TESSOUALLE = load_toml(ROOT / "examples" / "communes" / "la-tessoualle.toml")
OLDER = attrs.evolve(
    TESSOUALLE,
    absences=AbsenceRules(
        AbsencePolicy(notice=CalendarDaysBefore(0, time(9)), certificate=CertificateWithin(48))
    ),
)
SICK = date(2022, 9, 13)  # a Tuesday; the meal starts at 12:00


def total(policy: CommunePolicy, certificate_at: datetime) -> Money:
    scenario = loads_scenario(
        f"""
commune = "la-tessoualle"
start = 2022-09-12
end = 2022-09-16
family = {{ id = "LT-1" }}
children = [{{ id = "emma", first_name = "Emma", birth_date = 2014-03-08 }}]
bookings = [{{ child = "emma", service = "repas", weekdays = ["mardi"] }}]
[[attendance]]
child = "emma"
service = "repas"
day = {SICK.isoformat()}
kind = "absent"
notice_at = 2022-09-13T10:00:00+02:00
certificate_at = {certificate_at.isoformat()}
"""
    )
    return bill(scenario, policy=policy).invoice.total


@pytest.mark.parametrize(
    ("after", "charged"),
    [(timedelta(hours=48) - timedelta(seconds=1), "0.00"), (timedelta(hours=48), "4.40")],
)
def test_a_certificate_within_48_hours_of_the_meal_waives_it(
    after: timedelta, charged: str
) -> None:
    # « fournir un certificat médical sous 48h00 pour ne pas être facturé »: the hours run from
    # the meal's start, 12:00 on the day of absence.
    assert total(OLDER, at_paris(SICK, time(12)) + after) == Money.euros(charged)


def test_no_certificate_is_accepted_any_more() -> None:
    # « Toute absence non décochée dans les délais … sera facturée (les certificats médicaux ne
    # sont plus acceptés). »
    assert total(TESSOUALLE, at_paris(SICK, time(14))) == Money.euros("4.40")
