"""How the registry reads a commune's name, and what it refuses, compared whole."""

from __future__ import annotations

import pytest

from cantine_rules.policies import get, names
from cantine_rules.policies.registry import aliases
from tests._helpers import refusal


@pytest.mark.parametrize(
    "written",
    [
        "saint-just-d-avray",
        "  Saint-Just-d'Avray\n",
        "SAINT JUST D AVRAY",
        "Saint-Just-d’Avray",
        "saint_just_d_avray",
        "Sâint-Jüst-d'Àvray",
        "St-Just-d'Avray",
        "seed-003",
    ],
)
def test_a_name_is_read_whatever_its_case_accents_blanks_and_apostrophes(written: str) -> None:
    assert get(written).slug == "saint-just-d-avray"


def test_every_alias_of_every_commune_is_read() -> None:
    for slug, slug_aliases in aliases().items():
        assert aliases()[slug] == get(slug).aliases
        for alias in slug_aliases:
            assert get(alias) is get(slug)
    assert list(aliases()) == list(names())


def test_a_name_that_is_not_text_is_refused_naming_commune() -> None:
    assert refusal(lambda: get(75)) == (  # type: ignore[arg-type]
        "InvalidTypeError",
        "commune",
        75,
        "commune: must be a str (got 75 of type int)",
    )


def test_an_unknown_commune_is_refused_listing_the_known_ones() -> None:
    assert refusal(lambda: get("Montcuq")) == (
        "UnknownCommuneError",
        "commune",
        "Montcuq",
        "commune: unknown 'Montcuq'; known: alsh-postfacturation, chantraine, lutins-gourmands, "
        "paris, saint-just-d-avray",
    )
