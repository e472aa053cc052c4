"""tools/mutation.py: the recorded mutation scores, and the check CI runs on a change.

The scores are read from the files mutmut 3.8.1 writes (``mutants/src/**/*.py.meta``,
``mutants/mutmut-stats.json``); these tests write such files by hand and read them back, and
check that the recorded scores and the equivalents list kept in the repository agree with each
other and with the documentation's page.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tomllib
from fractions import Fraction
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location("mutation", ROOT / "tools" / "mutation.py")
assert _SPEC is not None
assert _SPEC.loader is not None
mutation = importlib.util.module_from_spec(_SPEC)
sys.modules["mutation"] = mutation
_SPEC.loader.exec_module(mutation)


def _mutants(
    folder: Path, codes: dict[str, dict[str, int | None]], tests: dict[str, list[str]]
) -> Path:
    mutants = folder / "mutants"
    for module, exit_codes in codes.items():
        meta = mutants / "src" / Path(*module.split(".")).with_suffix(".py.meta")
        meta.parent.mkdir(parents=True, exist_ok=True)
        meta.write_text(json.dumps({"exit_code_by_key": exit_codes}), encoding="utf-8")
    stats = {"tests_by_mangled_function_name": tests}
    (mutants / "mutmut-stats.json").write_text(json.dumps(stats), encoding="utf-8")
    return mutants


def test_a_module_s_score_counts_kills_timeouts_and_listed_equivalents_only(tmp_path: Path) -> None:
    name = "cantine_rules.money.x_add__mutmut_"
    codes = {
        name + "1": 1,  # a test failed
        name + "2": 36,  # mutmut's time limit: a test did not finish
        name + "3": 0,  # survived, listed below
        name + "4": 0,  # survived
        name + "5": 33,  # no test reaches it
        name + "6": None,  # not checked
    }
    listed = {name + "3": {"en": "same", "fr": "même"}}
    counts = mutation.tally(codes, listed)
    assert counts == {
        "mutants": 6,
        "killed": 2,
        "equivalent": 1,
        "not_run": 1,
        "survivors": [name + "4", name + "5"],
        "stale": [],
    }
    assert mutation.by_function(codes, listed) == {"cantine_rules.money.x_add": [6, 3]}
    assert mutation.score(6, 2, 1) == Fraction(1, 2)
    # An equivalent that a test now kills, or that is gone, no longer belongs to the list; one
    # not run yet is counted neither way.
    assert mutation.tally({name + "3": 1}, listed)["stale"] == [name + "3"]
    assert mutation.tally({name + "1": 1}, listed)["stale"] == [name + "3"]
    assert mutation.tally({name + "3": None}, listed)["stale"] == []
    assert mutation.tally({name + "3": None}, listed)["equivalent"] == 0


def test_a_score_is_rounded_down_so_that_a_module_just_below_the_floor_shows_it() -> None:
    assert mutation.percent(Fraction(899, 1000)) == "89.9"
    assert mutation.percent(Fraction(8999, 10000)) == "89.9"
    assert mutation.percent(Fraction(9, 10)) == "90.0"
    assert mutation.percent(Fraction(0)) == "0.0"


def test_the_report_reads_mutmut_s_files_and_records_scores_and_the_tests_of_each_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mutants = _mutants(
        tmp_path,
        {
            "cantine_rules.rules.late": {
                "cantine_rules.rules.late.x__count__mutmut_1": 1,
                "cantine_rules.rules.late.x__count__mutmut_2": 0,
            },
            "cantine_rules.money": {"cantine_rules.money.xǁMoneyǁallocate__mutmut_1": 1},
        },
        {
            "cantine_rules.rules.late.x__count": [
                "tests/rules/test_late.py::test_a",
                "tests/a.py::b",
            ],
            "cantine_rules.money.xǁMoneyǁallocate": ["tests/test_money.py::test_sum"],
        },
    )
    monkeypatch.setattr(mutation, "EQUIVALENTS", tmp_path / "none.toml")
    output = tmp_path / "scores.json"
    mutation.report([mutants], output)
    recorded = json.loads(output.read_text(encoding="utf-8"))
    assert recorded["totals"] == {
        "mutants": 3,
        "killed": 2,
        "equivalent": 0,
        "not_run": 0,
        "score": "66.6",
    }
    assert recorded["test_files"] == [
        "tests/a.py",
        "tests/rules/test_late.py",
        "tests/test_money.py",
    ]
    assert recorded["modules"]["cantine_rules.rules.late"] == {
        "mutants": 2,
        "killed": 1,
        "equivalent": 0,
        "not_run": 0,
        "survivors": ["cantine_rules.rules.late.x__count__mutmut_2"],
        "score": "50.0",
        "functions": {"cantine_rules.rules.late.x__count": [2, 1, [0, 1]]},
    }
    assert recorded["modules"]["cantine_rules.money"]["functions"] == {
        "cantine_rules.money.xǁMoneyǁallocate": [1, 1, [2]]
    }


def test_each_module_is_read_from_the_folder_that_ran_most_of_its_mutants(tmp_path: Path) -> None:
    late = "cantine_rules.rules.late.x_f__mutmut_"
    money = "cantine_rules.money.x_g__mutmut_"
    first = _mutants(
        tmp_path / "a",
        {
            "cantine_rules.rules.late": {late + "1": 1, late + "2": None},
            "cantine_rules.money": {money + "1": 0},
        },
        {},
    )
    second = _mutants(
        tmp_path / "b",
        {
            "cantine_rules.rules.late": {late + "1": 1, late + "2": 0},
            "cantine_rules.money": {money + "1": None},
        },
        {},
    )
    merged = mutation.merged_results([first, second])
    assert merged["cantine_rules.rules.late"] == {late + "1": 1, late + "2": 0}
    assert merged["cantine_rules.money"] == {money + "1": 0}


def test_the_report_refuses_an_equivalents_list_that_names_a_killed_mutant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mutants = _mutants(
        tmp_path, {"cantine_rules.money": {"cantine_rules.money.x_f__mutmut_1": 1}}, {}
    )
    listed = tmp_path / "equivalents.toml"
    listed.write_text(
        '["cantine_rules.money"]\n"cantine_rules.money.x_f__mutmut_1" = { en = "a", fr = "b" }\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(mutation, "EQUIVALENTS", listed)
    with pytest.raises(
        mutation.MutationError, match=r"not survivors: cantine_rules\.money\.x_f__mutmut_1"
    ):
        mutation.report([mutants], tmp_path / "scores.json")


def test_the_functions_of_a_change_are_found_by_their_lines() -> None:
    source = (
        "import x\n"  # 1
        "\n"
        "@decorated\n"  # 3
        "def top(a):\n"
        "    return a\n"  # 5
        "\n"
        "class Rules:\n"  # 7
        "    LIMIT = 3\n"
        "    def decide(self):\n"  # 9
        "        return 1\n"
        "    class Inner:\n"  # 11
        "        def hidden(self):\n"
        "            pass\n"
    )
    spans = mutation.functions_in(source, "cantine_rules.m")
    assert spans == {
        "cantine_rules.m.x_top": range(3, 6),
        "cantine_rules.m.xǁRulesǁdecide": range(9, 11),
    }


def test_the_check_s_configuration_mutates_only_its_modules_and_runs_only_their_tests() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    narrowed = mutation.narrowed_config(
        pyproject, ["cantine_rules.rules.late"], ["tests/b.py", "tests/a.py", "tests/b.py"]
    )
    config = tomllib.loads(narrowed)
    original = tomllib.loads(pyproject)
    assert config["tool"]["mutmut"]["only_mutate"] == ["src/cantine_rules/rules/late.py"]
    assert config["tool"]["mutmut"]["pytest_add_cli_args_test_selection"] == [
        "tests/a.py",
        "tests/b.py",
    ]
    # Everything else is the project's own configuration.
    assert (
        config["tool"]["mutmut"]["pytest_add_cli_args"]
        == original["tool"]["mutmut"]["pytest_add_cli_args"]
    )
    assert {key: value for key, value in config.items() if key != "tool"} == {
        key: value for key, value in original.items() if key != "tool"
    }


def test_the_recorded_scores_agree_with_the_equivalents_list_and_add_up() -> None:
    recorded = json.loads((ROOT / "tools" / "mutation-scores.json").read_text(encoding="utf-8"))
    modules = recorded["modules"]
    for module in modules:
        assert mutation._in_scope(str(mutation.source_of(module)))
    assert "cantine_rules.policies.commune" in modules
    listed = mutation.equivalents()
    for module, mutants in listed.items():
        assert module in modules
        # A listed mutant counts once it has run and survived; one not run yet waits.
        assert modules[module]["equivalent"] <= len(mutants)
        if modules[module]["not_run"] == 0:
            assert modules[module]["equivalent"] == len(mutants)
        assert not set(mutants) & set(modules[module]["survivors"])
    for key in ("mutants", "killed", "equivalent", "not_run"):
        assert recorded["totals"][key] == sum(module[key] for module in modules.values())
    files = recorded["test_files"]
    for module in modules.values():
        value = mutation.score(module["mutants"], module["killed"], module["equivalent"])
        assert module["score"] == mutation.percent(value)
        stopped = module["killed"] + module["equivalent"]
        assert len(module["survivors"]) + module["not_run"] == module["mutants"] - stopped
        assert sum(pair[0] for pair in module["functions"].values()) == module["mutants"]
        assert sum(pair[1] for pair in module["functions"].values()) == stopped
        for pair in module["functions"].values():
            assert all(0 <= position < len(files) for position in pair[2])


def test_the_mutants_of_a_function_no_longer_in_the_source_are_left_out() -> None:
    kept = "cantine_rules.money.xǁMoneyǁallocate__mutmut_1"
    gone = "cantine_rules.money.x_a_function_removed__mutmut_1"
    assert mutation.present("cantine_rules.money", {kept: 1, gone: 0}) == {kept: 1}
