"""The plain form of grids as written and of tariffs with columns: loading, problems, checks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from cantine_rules import Money, PolicyError
from cantine_rules.plain import (
    MAX_DECIMAL_PLACES,
    check_grids,
    dumps_toml,
    from_data,
    loads_toml,
    to_data,
)
from cantine_rules.policies import CommunePolicy
from cantine_rules.pricing.tariffs import (
    Bracket,
    ByChildrenCount,
    ByResidence,
    BySiblingRank,
    ModifiedTariff,
    PricingContext,
    SiblingReduction,
    SiteSupplement,
    Tariff,
    TariffSchedule,
    TariffVersion,
)
from cantine_rules.sources import Source
from cantine_rules.testing import commune_policies, tariffs

HEAD = """\
slug = "grilles"
name = "Grilles"
payment_scheme = "postfacturation"
payment_modes = ["card"]
calendar = { zone = "B" }

[[services]]
code = "repas"
label = "Repas"
kind = "meal"
start = "11:45"
end = "13:30"

[rules.default]
add = { type = "hours_before", hours = 48 }
cancel = { type = "hours_before", hours = 48 }

[[tariffs.repas.versions]]
effective_from = 2025-09-01
source = { kind = "public", reference = "Délibération" }
"""

VERSION = "tariffs.repas.versions[0].tariff"
DAY = date(2025, 9, 2)


def _load(tariff: str) -> CommunePolicy:
    return loads_toml(HEAD + "tariff = " + tariff + "\n")


def _problems(tariff: str) -> list[tuple[str, str]]:
    with pytest.raises(PolicyError) as caught:
        _load(tariff)
    return [(problem.path, problem.message) for problem in caught.value.problems]


# « inférieur à 700 € / entre 700 et inférieur ou égal à 1000 € / supérieur à 1000 € »
WRITTEN = """{ type = "bracket_grid", default_bracket = "C", brackets = [
    { name = "A", lower = 0, upper = 700, upper_inclusive = false, unit_price = "1.00" },
    { name = "B", lower = 700, upper = 1000, unit_price = "2.00" },
    { name = "C", lower = 1000, lower_inclusive = false, unit_price = "3.00" },
] }"""


def test_a_grid_written_with_its_bounds_loads_and_prices_as_written() -> None:
    policy = _load(WRITTEN)
    grid = policy.tariff("repas").at(DAY).tariff
    assert [
        (b.lower, b.lower_inclusive, b.upper, b.upper_inclusive)
        for b in grid.brackets  # type: ignore[attr-defined]
    ] == [
        (Decimal(0), True, Decimal(700), False),
        (Decimal(700), True, Decimal(1000), True),
        (Decimal(1000), False, None, True),
    ]
    assert policy.price("repas", DAY, quotient_familial="1000").bracket == "B"
    assert policy.price("repas", DAY, quotient_familial="1000.01").bracket == "C"
    assert from_data(to_data(policy)) == policy


def test_the_writer_leaves_out_bounds_at_their_defaults() -> None:
    data = to_data(_load(WRITTEN))
    brackets = data["tariffs"]["repas"]["versions"][0]["tariff"]["brackets"]
    assert brackets == [
        {"name": "A", "lower": 0, "unit_price": "1.00", "upper": 700, "upper_inclusive": False},
        {"name": "B", "lower": 700, "unit_price": "2.00", "upper": 1000},
        {"name": "C", "lower": 1000, "unit_price": "3.00", "lower_inclusive": False},
    ]


def test_overlapping_brackets_are_a_problem_at_the_second_lower() -> None:
    problems = _problems(
        """{ type = "bracket_grid", default_bracket = "B", brackets = [
            { name = "A", lower = 0, upper = 1000, unit_price = "1.00" },
            { name = "B", lower = 1000, unit_price = "2.00" },
        ] }"""
    )
    assert problems[0][0] == f"{VERSION}.brackets[1].lower"
    assert "overlaps brackets[0]" in problems[0][1]


def test_a_bracket_upper_below_its_lower_is_a_problem_at_its_upper() -> None:
    problems = _problems(
        """{ type = "bracket_grid", default_bracket = "A", brackets = [
            { name = "A", lower = 0, unit_price = "1.00" },
            { name = "B", lower = 500, upper = 400, unit_price = "2.00" },
        ] }"""
    )
    assert problems[0][0] == f"{VERSION}.brackets[1].upper"


def test_a_gap_loads_and_is_reported_by_the_checks_with_its_path() -> None:
    policy = _load(
        """{ type = "bracket_grid", default_bracket = "T3", brackets = [
            { name = "T1", lower = 0, upper = 650, unit_price = "1.00" },
            { name = "T2", lower = 651, upper = 950, unit_price = "2.00" },
            { name = "T3", lower = 951, unit_price = "3.00" },
        ] }"""
    )
    (check,) = check_grids(policy)
    gaps = [
        (check.finding_path(finding), finding.message)
        for finding in check.findings
        if finding.code.value == "gap"
    ]
    assert [path for path, _ in gaps] == [
        f"{VERSION}.brackets[1].lower",
        f"{VERSION}.brackets[2].lower",
    ]
    assert gaps[1][1].startswith("no bracket holds QF above 950 and below 951, before T3")


def test_grids_inside_modifiers_and_columns_are_checked_at_their_paths() -> None:
    grid = """{ type = "bracket_grid", default_bracket = "T2", brackets = [
        { name = "T1", lower = 0, upper = 599, unit_price = "1.00" },
        { name = "T2", lower = 600, unit_price = "3.05" },
    ] }"""
    modifiers = '[{ type = "non_resident_supplement", rate = "0.2" }]'
    flat = '{ type = "unit_price", amount = "5" }'
    policy = loads_toml(
        HEAD
        + "[tariffs.repas.versions.tariff]\n"
        + 'type = "by_residence"\nlabel = "Extérieurs"\n'
        + f'resident = {{ type = "modified", tariff = {grid}, modifiers = {modifiers} }}\n'
        + 'non_resident = { type = "by_sibling_rank", columns = [\n'
        + f'  {{ start = 1, label = "Tarif", tariff = {flat} }},\n'
        + f'  {{ start = 3, label = "3ème enfant", tariff = {grid} }},\n'
        + "] }\n"
    )
    assert [check.path for check in check_grids(policy)] == [
        f"{VERSION}.resident.tariff",
        f"{VERSION}.non_resident.columns[1].tariff",
    ]
    for check in check_grids(policy):
        assert [check.finding_path(f) for f in check.findings if f.code.value == "gap"] == [
            f"{check.path}.brackets[1].lower"
        ]


CHILDREN = """{ type = "by_children_count", columns = [
    { start = 1, label = "1 enfant", tariff = { type = "unit_price", amount = "4.50" } },
    { start = 2, label = "2 enfants", tariff = { type = "unit_price", amount = "4.40" } },
    { start = 3, label = "3 enfants", tariff = { type = "unit_price", amount = "4.25" } },
] }"""


def test_a_children_count_table_loads() -> None:
    policy = _load(CHILDREN)
    assert isinstance(policy.tariff("repas").at(DAY).tariff, ByChildrenCount)
    prices = [
        policy.price("repas", DAY, context=PricingContext(children_in_family=n)).unit_price
        for n in (1, 2, 3, 4)
    ]
    assert prices == [Money.euros(p) for p in ("4.50", "4.40", "4.25", "4.25")]


def test_an_empty_children_count_table_is_a_problem_at_its_path() -> None:
    assert _problems('{ type = "by_children_count", columns = [] }') == [
        (f"{VERSION}.columns", "must hold at least one item")
    ]


def test_a_table_not_starting_at_one_child_is_a_problem_at_start() -> None:
    problems = _problems(
        """{ type = "by_children_count", columns = [
            { start = 2, label = "2 enfants", tariff = { type = "unit_price", amount = "4.40" } },
        ] }"""
    )
    assert problems[0][0] == f"{VERSION}.columns[0].start"


def test_columns_at_falling_counts_are_a_problem_at_the_second() -> None:
    problems = _problems(
        """{ type = "by_sibling_rank", columns = [
            { start = 1, label = "Tarif", tariff = { type = "unit_price", amount = "3" } },
            { start = 3, label = "3e", tariff = { type = "unit_price", amount = "1.50" } },
            { start = 2, label = "2e", tariff = { type = "unit_price", amount = "2" } },
        ] }"""
    )
    assert [path for path, _ in problems] == [f"{VERSION}.columns[2].start"]


def test_a_column_with_a_bad_tariff_is_a_problem_inside_it() -> None:
    problems = _problems(
        """{ type = "by_children_count", columns = [
            { start = 1, label = "1 enfant", tariff = { type = "unit_price", amount = 4.5 } },
        ] }"""
    )
    assert [path for path, _ in problems] == [f"{VERSION}.columns[0].tariff.amount"]


def test_a_by_residence_needs_both_tariffs_and_its_label() -> None:
    problems = _problems(
        '{ type = "by_residence", resident = { type = "unit_price", amount = "3" } }'
    )
    assert sorted(path for path, _ in problems) == [
        f"{VERSION}.label",
        f"{VERSION}.non_resident",
    ]


def test_a_site_supplement_and_a_floor_load_and_write_back() -> None:
    policy = _load(
        """{ type = "modified", tariff = { type = "unit_price", amount = "3.10" }, modifiers = [
            { type = "sibling_reduction", factors = [{ rank = 2, factor = "0.5" }], floor = "2" },
            { type = "site_supplement", amounts = [
                { site = "plage", amount = "0.20" }, { site = "bourg", amount = "0.50" }] },
        ] }"""
    )
    tariff = policy.tariff("repas").at(DAY).tariff
    assert isinstance(tariff, ModifiedTariff)
    reduction, supplement = tariff.modifiers
    assert isinstance(reduction, SiblingReduction)
    assert reduction.floor == Money.euros("2")
    assert isinstance(supplement, SiteSupplement)
    context = PricingContext(sibling_rank=2, site="bourg")
    assert policy.price("repas", DAY, context=context).unit_price == Money.euros("2.50")
    written = to_data(policy)["tariffs"]["repas"]["versions"][0]["tariff"]["modifiers"][1]
    assert written["amounts"] == [
        {"site": "bourg", "amount": "0.50"},
        {"site": "plage", "amount": "0.20"},
    ]


def test_a_site_named_twice_is_a_problem_at_the_second() -> None:
    problems = _problems(
        """{ type = "modified", tariff = { type = "unit_price", amount = "3.10" }, modifiers = [
            { type = "site_supplement", amounts = [
                { site = "bourg", amount = "0.50" }, { site = "bourg", amount = "0.20" }] },
        ] }"""
    )
    assert problems == [(f"{VERSION}.modifiers[0].amounts[1].site", "site 'bourg' appears twice")]


def test_a_qf_with_more_decimal_places_than_the_cap_is_a_problem_at_its_path() -> None:
    assert MAX_DECIMAL_PLACES == 12
    problems = _problems(
        """{ type = "bracket_grid", default_bracket = "A", brackets = [
            { name = "A", lower = 0, unit_price = "1.00" },
            { name = "B", lower = "950.0000000000001", unit_price = "2.00" },
        ] }"""
    )
    assert problems == [
        (
            f"{VERSION}.brackets[1].lower",
            "has 13 digits after the point; the plain form keeps at most 12 "
            "(got '950.0000000000001')",
        )
    ]


def test_twelve_decimal_places_are_kept_exactly() -> None:
    policy = _load(
        """{ type = "bracket_grid", default_bracket = "A", brackets = [
            { name = "A", lower = 0, unit_price = "1.00" },
            { name = "B", lower = "950.000000000001", unit_price = "2.00" },
        ] }"""
    )
    assert policy.price("repas", DAY, quotient_familial="950.000000000001").bracket == "B"
    assert policy.price("repas", DAY, quotient_familial="950").bracket == "A"


def _with_tariff(tariff: Tariff) -> CommunePolicy:
    policy = _load('{ type = "unit_price", amount = "1" }')
    src = Source.example("generated")
    return attrs.evolve(
        policy, tariffs=(TariffSchedule("repas", (TariffVersion(DAY, tariff, src),)),)
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tariffs())
def test_every_generated_tariff_survives_plain_data_and_toml(tariff: Tariff) -> None:
    policy = _with_tariff(tariff)
    data = to_data(policy)
    assert from_data(data) == policy
    assert to_data(from_data(data)) == data
    assert loads_toml(dumps_toml(policy)) == policy


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commune_policies())
def test_a_generated_commune_survives_plain_data(policy: CommunePolicy) -> None:
    assert from_data(to_data(policy)) == policy


def test_bracket_keeps_its_positional_fields() -> None:
    # Older code builds brackets with four positional fields: they keep their meaning.
    bracket = Bracket("T1", "0", Money.euros("1"), Source.example("x"))
    assert (bracket.lower_inclusive, bracket.upper, bracket.upper_inclusive) == (True, None, True)


def test_by_sibling_rank_and_by_residence_have_their_tags() -> None:
    from cantine_rules.plain._schema import TARIFF_TAGS

    assert TARIFF_TAGS[BySiblingRank] == "by_sibling_rank"
    assert TARIFF_TAGS[ByResidence] == "by_residence"
