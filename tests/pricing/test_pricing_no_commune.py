"""pricing holds generic code: no commune's figures, no commune's defaults, no commune's name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cantine_rules.pricing as pricing
from cantine_rules.policies.registry import names

PRICING = Path(pricing.__file__).parent
#: The only module of pricing that names a commune: the old names and defaults that moved out,
#: kept for one release.
SHIMS = {"_moved.py"}
#: What names a reference commune: its slug, its module, and the distinctive words of its name.
COMMUNE_NAMES = sorted(
    {*names(), *(slug.replace("-", "_") for slug in names())}
    | {"chantraine", "lutins", "gourmands", "paris", "saint-just", "avray"}
)
#: The time zone and the helpers named after it are not the commune.
_TIME_ZONE = re.compile(r"europe/paris|europe_paris|at_paris", re.IGNORECASE)


@pytest.mark.parametrize("module", sorted(path.name for path in PRICING.glob("*.py")))
def test_no_pricing_module_names_a_commune_but_the_shims(module: str) -> None:
    text = _TIME_ZONE.sub("", (PRICING / module).read_text(encoding="utf-8")).lower()
    named = [name for name in COMMUNE_NAMES if name in text]
    if module in SHIMS:
        assert named
    else:
        assert not named, named


def test_the_names_checked_cover_every_reference_commune() -> None:
    for slug in names():
        assert any(word in slug for word in COMMUNE_NAMES), slug
