"""Every value and every error pickles with the standard ``pickle``, the same in every process.

Process pools, ``multiprocessing``, Dask and Spark carry values as pickles: each value comes back
equal, under every protocol from 2; equal values give equal bytes, before and after use; and the
bytes do not depend on the process's string hashing (``PYTHONHASHSEED``).
"""

from __future__ import annotations

import doctest
import hashlib
import importlib
import inspect
import os
import pickle
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cantine_rules
from cantine_rules import EUROPE_PARIS, policies
from cantine_rules._deprecation import MOVED_MODULES
from cantine_rules._pickling import pickled_by_fields
from cantine_rules.billing import BillResult, bill, quote
from cantine_rules.calendar import OfficialSchoolHolidays, SchoolCalendar, Zone
from cantine_rules.errors import CantineRulesError, Problem
from cantine_rules.plain import from_data, load_scenario, load_toml, to_data
from cantine_rules.policies import CommunePolicy, PlanningPeriod, planning
from cantine_rules.rules.window_table import ChangeWindowTable
from cantine_rules.testing import (
    booking_changes,
    booking_rules,
    calendars,
    commune_policies,
    families,
    pricing_contexts,
    tariffs,
)

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted((ROOT / "examples" / "scenarios").glob("*.toml"))
COMMUNES = sorted((ROOT / "examples" / "communes").glob("*.toml"))
PROTOCOLS = range(2, pickle.HIGHEST_PROTOCOL + 1)


def _package() -> list[str]:
    """The package's modules, but the old names of moved ones (they only warn)."""
    return [
        module.name
        for module in pkgutil.walk_packages(cantine_rules.__path__, "cantine_rules.")
        if module.name not in MOVED_MODULES
    ]


def _modules() -> list[str]:
    """The package and its public modules (no part of the name private)."""
    public = [name for name in _package() if not any(p.startswith("_") for p in name.split("."))]
    return ["cantine_rules", *public]


def _public() -> dict[type, str]:
    """Every class a public module exports, by its first public name."""
    classes: dict[type, str] = {}
    for name in _modules():
        module = importlib.import_module(name)
        for exported in getattr(module, "__all__", ()):
            value = getattr(module, exported)
            if inspect.isclass(value):
                classes.setdefault(value, f"{name}.{exported}")
    return classes


def _every_attrs_class() -> dict[type, str]:
    """Every attrs class of the package, private modules included."""
    classes: dict[type, str] = {}
    for name in _package():
        for value in vars(importlib.import_module(name)).values():
            if inspect.isclass(value) and attrs.has(value) and value.__module__ == name:
                classes[value] = f"{value.__module__}.{value.__qualname__}"
    return classes


def _inside(value: object, seen: set[int] | None = None) -> Iterator[object]:
    """*value* and every attrs value it holds, each once."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    cls = type(value)
    if attrs.has(cls):
        yield value
        for field in attrs.fields(cls):
            yield from _inside(getattr(value, field.name), seen)
    elif isinstance(value, tuple | list | frozenset):
        for item in value:
            yield from _inside(item, seen)
    elif isinstance(value, dict | MappingProxyType):
        for key, item in value.items():
            yield from _inside(key, seen)
            yield from _inside(item, seen)


def assert_round_trips(value: object) -> None:
    for protocol in PROTOCOLS:
        data = pickle.dumps(value, protocol=protocol)
        back = pickle.loads(data)
        assert back == value, (type(value).__name__, protocol)
        assert type(back) is type(value)


def assert_everything_inside_round_trips(value: object) -> set[type]:
    classes = set()
    for inner in _inside(value):
        assert_round_trips(inner)
        classes.add(type(inner))
    return classes


# What a process hands another: policies, bills, answers -------------------------------------------

MONDAY = date(2024, 9, 23)
AT = datetime(2024, 9, 10, 10, 0, tzinfo=EUROPE_PARIS)


def _answers(policy: CommunePolicy) -> list[object]:
    """What the library answers about *policy*: planning, calendar, explanation, prices."""
    booking = policy.booking
    code = booking.services[0].code
    answers: list[object] = [
        planning(booking, "c1", code, PlanningPeriod.MONTH, MONDAY, at=AT),
        booking.calendar.days(date(2024, 9, 1), date(2024, 9, 30)),
        booking.calendar.expand(booking.services[0].kind, date(2024, 9, 1), date(2024, 10, 31)),
        ChangeWindowTable(booking, date(2024, 9, 16), date(2024, 9, 29)),
        policy.explain(),
    ]
    for schedule in policy.tariffs:
        answers.append(quote(policy, schedule.service_code, schedule.versions[-1].effective_from))
    return answers


def _reached() -> set[type]:
    classes: set[type] = set()
    for slug in policies.names():
        policy = policies.get(slug)
        classes |= assert_everything_inside_round_trips((policy, _answers(policy)))
    for path in SCENARIOS:
        classes |= assert_everything_inside_round_trips(bill(load_scenario(path)))
    return classes


@pytest.mark.parametrize("slug", policies.names())
def test_a_reference_policy_and_what_it_answers_pickle(slug: str) -> None:
    policy = policies.get(slug)
    assert_everything_inside_round_trips(policy)
    assert_everything_inside_round_trips(_answers(policy))


@pytest.mark.parametrize("path", COMMUNES, ids=lambda path: path.stem)
def test_an_example_commune_pickles(path: Path) -> None:
    assert_everything_inside_round_trips(load_toml(path))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda path: path.stem)
def test_a_bill_and_everything_in_it_pickle(path: Path) -> None:
    result = bill(load_scenario(path))
    assert isinstance(result, BillResult)
    assert_everything_inside_round_trips(result)
    assert isinstance(pickle.loads(pickle.dumps(result.invoice)).totals_by_child, MappingProxyType)


def test_official_school_holidays_and_a_calendar_holding_them_pickle() -> None:
    text = (ROOT / "tests" / "data" / "calendrier-scolaire-sample.csv").read_text(encoding="utf-8")
    official = OfficialSchoolHolidays.from_csv(text, Zone.C)
    calendar = SchoolCalendar(Zone.C, "75", official_holidays=official)
    assert_round_trips(official)
    assert_round_trips(calendar)
    back = pickle.loads(pickle.dumps(calendar))
    # The tables derived from the fields were rebuilt on arrival, and answer alike.
    assert back.days(date(2024, 10, 14), date(2024, 11, 10)) == calendar.days(
        date(2024, 10, 14), date(2024, 11, 10)
    )
    assert back.official_holidays is not None
    assert back.official_holidays.coverage == official.coverage


def _documented(module_name: str) -> list[object]:
    """The values the docstring examples of *module_name* leave in their namespaces."""
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    found: list[object] = []
    for test in doctest.DocTestFinder().find(importlib.import_module(module_name)):
        # Whether each example prints what it shows is the doctest run's business, not this one's.
        runner.run(test, out=lambda _text: None, clear_globs=False)
        found.extend(
            value
            for value in test.globs.values()
            if not inspect.ismodule(value) and not inspect.isclass(value)
            if not inspect.isroutine(value)
        )
        test.globs.clear()
    return found


@pytest.mark.parametrize("module_name", ["cantine_rules", *_package()])
def test_the_values_of_the_documentation_examples_pickle(module_name: str) -> None:
    for value in _documented(module_name):
        assert_everything_inside_round_trips(value)


def test_the_examples_and_the_documentation_reach_most_public_classes() -> None:
    public = {cls for cls in _public() if attrs.has(cls)}
    reached = set(_reached())
    for module_name in ["cantine_rules", *_package()]:
        for value in _documented(module_name):
            reached |= {type(inner) for inner in _inside(value)}
    # A floor, not a census (148 of 182 when written): the generated values below and the
    # static law reach others.
    assert len(reached & public) >= 140, sorted(cls.__name__ for cls in public - reached)


# Generated values ---------------------------------------------------------------------------------

_GENERATED = st.one_of(
    commune_policies(),
    booking_rules(),
    calendars(),
    families(),
    booking_rules().flatmap(booking_changes),
    pricing_contexts(),
    tariffs(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_GENERATED)
def test_generated_values_pickle_and_come_back_equal(value: object) -> None:
    assert_everything_inside_round_trips(value)


# Equal values, equal bytes ------------------------------------------------------------------------


@pytest.mark.parametrize("slug", policies.names())
def test_equal_policies_pickle_to_equal_bytes_before_and_after_use(slug: str) -> None:
    policy = policies.get(slug)
    before = pickle.dumps(policy)
    _answers(policy)  # fills every table a policy keeps for speed
    assert pickle.dumps(policy) == before
    # Built again apart (its plain-data form read twice), equal policies are equal bytes.
    once, twice = from_data(to_data(policy)), from_data(to_data(policy))
    assert once == twice == policy
    assert pickle.dumps(once) == pickle.dumps(twice)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commune_policies(), st.randoms(use_true_random=False))
def test_sets_pickle_in_one_order_whatever_order_they_were_built_in(
    policy: CommunePolicy, random: Any
) -> None:
    modes = list(policy.payment_modes)
    random.shuffle(modes)
    # Built item by item in another order, the set is equal and pickles to the same bytes.
    rebuilt = attrs.evolve(policy, payment_modes=frozenset(modes))
    assert rebuilt == policy
    assert pickle.dumps(rebuilt) == pickle.dumps(policy)


# The rule behind it -------------------------------------------------------------------------------


def _needs_its_own_pickling(cls: type) -> list[str]:
    """The fields of *cls* that the default pickling would carry wrongly, and why."""
    wrong = []
    for field in attrs.fields(cls):
        # As written (the package's modules postpone their annotations): no name to resolve.
        shown = str(field.type)
        if not field.init:
            wrong.append(f"{field.name} (derived)")
        elif "frozenset" in shown or "Mapping" in shown:
            wrong.append(f"{field.name} ({shown})")
    return wrong


def _by_name() -> list[tuple[type, str]]:
    return sorted(_every_attrs_class().items(), key=lambda item: item[1])


@pytest.mark.parametrize("cls", _by_name(), ids=lambda item: item[1])
def test_a_class_holding_sets_views_or_derived_tables_pickles_by_its_fields(
    cls: tuple[type, str],
) -> None:
    value_class, name = cls
    if _needs_its_own_pickling(value_class):
        getstate = value_class.__getstate__  # type: ignore[attr-defined]
        assert getstate.__qualname__ == f"{pickled_by_fields.__name__}.<locals>.getstate", (
            name,
            _needs_its_own_pickling(value_class),
        )


# Errors -------------------------------------------------------------------------------------------

_ARGUMENTS: dict[str, object] = {
    "field": "day",
    "value": date(2024, 9, 23),
    "reason": "must be a school day",
    "known": ("repas", "soir"),
    "problems": (Problem("services[0].code", "must not be empty"),),
    "source": "ma-commune.toml",
    "target": "validated",
    "allowed": ("pending",),
    "what": "the price of repas on 2024-09-23",
    "figure": None,
    "law": "a deadline is never after the service starts",
    "policy": "paris",
    "cause": ValueError("late"),
    "error": {"kind": "usage", "message": "bad request", "field": "service"},
}


def _errors() -> list[BaseException]:
    found = []
    for cls in _public():
        if not issubclass(cls, BaseException):
            continue
        signature = inspect.signature(cls.__init__)
        arguments = {
            name: _ARGUMENTS[name]
            for name, parameter in signature.parameters.items()
            if name != "self" and parameter.kind is not parameter.VAR_POSITIONAL
            if parameter.kind is not parameter.VAR_KEYWORD
        }
        if any(name not in _ARGUMENTS for name in arguments) or not arguments:
            arguments = {}
        found.append(cls(**arguments) if arguments else cls("a message"))
    return found


@pytest.mark.parametrize("error", _errors(), ids=lambda error: type(error).__name__)
def test_an_error_pickles_with_its_fields_and_message(error: BaseException) -> None:
    for protocol in PROTOCOLS:
        back = pickle.loads(pickle.dumps(error, protocol=protocol))
        assert type(back) is type(error)
        assert back.args == error.args
        assert str(back) == str(error)
        assert vars(back).keys() == vars(error).keys()
        for name, field in vars(error).items():
            if isinstance(field, BaseException):
                assert type(vars(back)[name]) is type(field)
            else:
                assert vars(back)[name] == field, name


def test_every_error_of_the_library_is_tried() -> None:
    tried = {type(error) for error in _errors()}
    assert CantineRulesError in tried
    assert len(tried) >= 25


def test_an_error_from_a_failed_bill_survives_a_process_pool() -> None:
    scenario = load_scenario(SCENARIOS[0])
    with pytest.raises(CantineRulesError) as caught:
        bill(attrs.evolve(scenario, commune="nowhere"))
    back = pickle.loads(pickle.dumps(caught.value))
    assert str(back) == str(caught.value)


# Across processes ---------------------------------------------------------------------------------

_IN_A_PROCESS = """
import hashlib, json, pickle, sys
from datetime import datetime
from cantine_rules import EUROPE_PARIS, policies
from cantine_rules.billing import bill
from cantine_rules.plain import load_scenario, to_data
from cantine_rules.policies import PlanningPeriod, planning

def digest(value):
    return hashlib.sha256(pickle.dumps(value)).hexdigest()

for slug in policies.names():
    policy = policies.get(slug)
    code = policy.booking.services[0].code
    grid = planning(policy.booking, "c1", code, PlanningPeriod.MONTH,
                    datetime(2024, 9, 23).date(), at=datetime(2024, 9, 10, tzinfo=EUROPE_PARIS))
    print(slug, digest(policy), digest(grid))
    print(json.dumps(to_data(policy), ensure_ascii=False, default=str))
for path in sys.argv[1:]:
    result = bill(load_scenario(path))
    print(path, digest(result), digest(result.decisions), digest(result.invoice))
"""


def _run_with_seed(seed: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _IN_A_PROCESS, *(str(path) for path in SCENARIOS)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=dict(os.environ, PYTHONHASHSEED=seed),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_pickles_and_plain_data_are_the_same_whatever_the_hash_seed() -> None:
    outputs = {seed: _run_with_seed(seed) for seed in ("0", "12345", "random")}
    assert outputs["0"] == outputs["12345"] == outputs["random"]
    assert len(outputs["0"].splitlines()) == 2 * len(policies.names()) + len(SCENARIOS)


def test_a_pickle_made_here_is_the_one_made_in_another_process() -> None:
    path = SCENARIOS[0]
    here = hashlib.sha256(pickle.dumps(bill(load_scenario(path)))).hexdigest()
    there = _run_with_seed("random")
    assert f"{path} {here} " in there
