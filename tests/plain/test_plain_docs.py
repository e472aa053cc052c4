"""The commune example and the guide « Configure a new commune » say what they show."""

from __future__ import annotations

import doctest
from datetime import date, datetime
from pathlib import Path

import pytest

from cantine_rules import EUROPE_PARIS, BookingChange, ChangeAction, Channel, Money
from cantine_rules.plain import dumps_toml, load_toml, loads_toml
from tests._doc_examples import LANGUAGES, page_in

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "communes" / "ma-commune.toml"
# The guide is written in French (the site's default language) and in English: both show the
# file, and the examples of both run.
GUIDES = [page_in(language, "configure-a-commune.md") for language in LANGUAGES]


def test_the_example_commune_is_under_sixty_lines() -> None:
    assert len(EXAMPLE.read_text(encoding="utf-8").splitlines()) < 60


@pytest.mark.parametrize("guide_page", GUIDES, ids=lambda page: page.name)
def test_the_guide_shows_the_example_file_as_it_is(guide_page: Path) -> None:
    guide = guide_page.read_text(encoding="utf-8")
    assert "```toml\n" + EXAMPLE.read_text(encoding="utf-8") + "```" in guide


def test_the_example_commune_decides_a_change() -> None:
    commune = load_toml(EXAMPLE)
    thursday = date(2025, 3, 13)

    def add(service: str, made: datetime, channel: Channel = Channel.ONLINE) -> BookingChange:
        return BookingChange(ChangeAction.ADD, "louise", service, thursday, made, channel=channel)

    on_time = commune.decide(add("repas", datetime(2025, 3, 6, 9, 59, 59, tzinfo=EUROPE_PARIS)))
    assert on_time.reason.value == "on_time"
    assert on_time.deadline == datetime(2025, 3, 6, 10, tzinfo=EUROPE_PARIS)
    too_late = commune.decide(add("repas", datetime(2025, 3, 6, 10, tzinfo=EUROPE_PARIS)))
    assert (too_late.reason.value, too_late.detail) == ("too_late_contact", "le service scolaire")
    # 2 jours ouvrés before Thursday is Tuesday, at the service's start; + 50 % of 2,10 €.
    evening = commune.decide(
        add("soir", datetime(2025, 3, 11, 16, 30, tzinfo=EUROPE_PARIS), Channel.OFFICE)
    )
    assert (evening.reason.value, evening.charge) == ("late_surcharge", Money.euros("3.15"))
    assert commune.price("repas", thursday, quotient_familial="999").bracket == "T2"
    assert commune.price("repas", thursday).bracket == "T4"
    assert not commune.calendar.is_school_day(date(2025, 5, 30))


def test_the_example_commune_survives_its_own_export() -> None:
    commune = load_toml(EXAMPLE)
    assert loads_toml(dumps_toml(commune)) == commune


@pytest.mark.parametrize("guide_page", GUIDES, ids=lambda page: page.name)
def test_the_guide_examples_run(guide_page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(guide_page), module_relative=False)
    assert result.attempted > 10
    assert result.failed == 0
