"""The week picture of a service: its days, the closing instants of the rules, the late costs."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from cantine_rules import BookingChange, ChangeAction, Channel, policies
from cantine_rules.errors import InvalidTypeError, InvalidValueError, UnknownServiceError
from cantine_rules.pictures import deadline_week
from cantine_rules.policies import service_start
from tests.pictures._svg import SVG, of_class, parse, texts


def _days(svg: str) -> dict[str, dict[str, str]]:
    return {
        group.get("data-day", ""): dict(group.attrib)
        for group in of_class(parse(svg), "g", "service-day")
    }


@pytest.mark.parametrize("slug", policies.names())
@pytest.mark.parametrize("week", [date(2024, 9, 30), date(2025, 3, 31), date(2024, 10, 21)])
def test_the_closing_instants_are_the_rules_deadlines(slug: str, week: date) -> None:
    policy = policies.get(slug)
    for service in policy.services:
        days = _days(deadline_week(policy, service.code, week, "en"))
        assert min(days) == (week - timedelta(days=week.weekday())).isoformat()
        for day, drawn in days.items():
            runs = policy.booking.calendar.runs(
                policy.booking.days_of(service.code), date.fromisoformat(day)
            )
            assert drawn["data-runs"] == ("true" if runs else "false")
            if not runs:
                assert "data-add-closes-at" not in drawn
                continue
            for action, key in (
                (ChangeAction.ADD, "data-add-closes-at"),
                (ChangeAction.CANCEL, "data-cancel-closes-at"),
            ):
                window = policy.booking.window(action, service.code, date.fromisoformat(day))
                assert window.closes_at is not None
                assert datetime.fromisoformat(drawn[key]) == window.closes_at


def test_48_hours_across_the_change_to_summer_time() -> None:
    """Chantraine: « 48h avant le repas » are 48 elapsed hours, whatever the clocks say."""
    chantraine = policies.get("chantraine")
    days = _days(deadline_week(chantraine, "repas", date(2025, 3, 31)))
    monday = days["2025-03-31"]
    assert monday["data-add-closes-at"] == "2025-03-29T10:45:00+01:00"
    start = service_start(chantraine.service("repas"), date(2025, 3, 31))
    assert start - datetime.fromisoformat(monday["data-add-closes-at"]) == timedelta(hours=48)
    assert days["2025-04-01"]["data-add-closes-at"] == "2025-03-30T11:45:00+02:00"


def test_the_picture_says_the_day_and_the_instant() -> None:
    saint_just = policies.get("saint-just-d-avray")
    fr = texts(parse(deadline_week(saint_just, "repas", date(2024, 9, 23))))
    en = texts(parse(deadline_week(saint_just, "repas", date(2024, 9, 23), "en")))
    # « avant le Jeudi 17h » of the week before, for every day of the week.
    assert fr.count("jeu. 19 sept. 17:00") == 8  # adding and cancelling, Wednesday aside
    assert "Ajout avant" in fr
    assert "Annulation avant" in fr
    assert en.count("Thu 19 Sep 17:00") == 8
    assert "Add before" in en
    assert "Cancel before" in en


def test_a_picture_is_well_formed_and_accessible() -> None:
    root = parse(deadline_week(policies.get("paris"), "repas", date(2024, 9, 30)))
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == "« Restauration scolaire » : délais de la semaine du lun. 30 sept."
    assert (root.get("aria-label") or "").startswith(title.text)
    description = root.find(f"{SVG}desc")
    assert description is not None
    assert "mer. 2 oct. : ajout avant lun. 30 sept. 11:30" in (description.text or "")


@pytest.mark.parametrize(
    ("service", "online", "office"),
    [
        # Seed 002: « Hors délais (- 48h) : Un ajout vous sera facturé d'un tarif majoré (4€ le
        # matin / 10€ le soir) », through the ALSH; online, nothing is taken.
        ("matin", "refused, contact l'ALSH", "accepted, billed €4.00"),
        ("soir", "refused, contact l'ALSH", "accepted, billed €10.00"),
    ],
)
def test_the_legend_is_the_communes_decision(service: str, online: str, office: str) -> None:
    alsh = policies.get("alsh-postfacturation")
    drawn = texts(parse(deadline_week(alsh, service, date(2024, 9, 30), "en")))
    assert f"• add — online: {online}; at the office: {office}" in drawn
    # The cancellation line is what the commune decides for a change at the closing instant.
    day = date(2024, 9, 30)
    closes_at = alsh.booking.window(ChangeAction.CANCEL, service, day).closes_at
    assert closes_at is not None
    decision = alsh.decide(
        BookingChange(ChangeAction.CANCEL, "louise", service, day, closes_at, Channel.OFFICE)
    )
    assert decision.charge is not None
    assert any(
        line.startswith("• cancellation") and line.endswith(f"€{decision.charge.amount}")
        for line in drawn
    )


def test_a_week_without_service() -> None:
    # The Toussaint holidays of zone B.
    svg = deadline_week(policies.get("chantraine"), "repas", date(2024, 10, 23), "en")
    days = _days(svg)
    assert all(day["data-runs"] == "false" for day in days.values())
    assert "No service day this week." in texts(parse(svg))
    assert any("Vacances de la Toussaint" in text for text in texts(parse(svg)))


def test_bad_input_is_refused() -> None:
    paris = policies.get("paris")
    with pytest.raises(UnknownServiceError):
        deadline_week(paris, "garderie", date(2024, 9, 30))
    with pytest.raises(InvalidValueError):
        deadline_week(paris, "repas", date(2024, 9, 30), "de")
    with pytest.raises(InvalidTypeError):
        deadline_week("paris", "repas", date(2024, 9, 30))  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        deadline_week(paris, "repas", date(2024, 9, 30), width=200)
    with pytest.raises(InvalidTypeError):
        deadline_week(paris, "repas", "2024-09-30")  # type: ignore[arg-type]
