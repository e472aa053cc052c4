"""A cheap start-up, held by structure: what a fresh process imports and builds, never how long.

Timings depend on the machine (``benchmarks/cold_start.py`` measures them); these tests run a
fresh interpreter and check which modules it imported, so that a change that would make every
process pay again for babel, the accounts or the planning grid fails here.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from cantine_rules._lazy import OnFirstUse

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "cold_start.py"


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cold_start", BENCHMARK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: What ``cantine-rules decide … --json`` does without the command line (the benchmark's
#: process): decide one change with Saint-Just-d'Avray's rules, explain it in French, as JSON.
DECIDE: str = _benchmark().LIBRARY_DECIDE

#: The public modules that import some of their private modules on first use.
LAZY_MODULES = (
    "cantine_rules.calendar",
    "cantine_rules.plain",
    "cantine_rules.rules",
    "cantine_rules.policies",
    "cantine_rules.pricing.tariffs",
    "cantine_rules.pricing.accounts",
)

#: Modules that deciding one change has no use for.
NOT_FOR_DECIDING = {
    "cantine_rules.billing",
    "cantine_rules.bookings",
    "cantine_rules.calendar._answers",
    "cantine_rules.calendar._official",
    "cantine_rules.plain",
    "cantine_rules.pricing._basket",
    "cantine_rules.pricing._checks",
    "cantine_rules.pricing._custody",
    "cantine_rules.pricing._dossier",
    "cantine_rules.pricing._examples",
    "cantine_rules.pricing._invoice",
    "cantine_rules.pricing._ledger",
    "cantine_rules.pricing._modifiers",
    "cantine_rules.pricing._priced_unit",
    "cantine_rules.pricing._quotient",
    "cantine_rules.pricing._wallet",
    "cantine_rules.pricing.accounts",
    "cantine_rules.rules.planning_grid",
    # The rule modules added since, which a commune that sets none of their rules never uses:
    # judging absences, attendance fees, regimes, payment terms, direct-debit terms, grids.
    "cantine_rules.policies._absences",
    "cantine_rules.policies._regimes",
    "cantine_rules.pricing._direct_debit",
    "cantine_rules.pricing._monthly",
    "cantine_rules.pricing._payment_terms",
    "cantine_rules.rules.absences",
    "cantine_rules.rules.attendance_fees",
    "cantine_rules.rules.regimes",
    "csv",
    "importlib.resources",
    "pathlib",
}


def imported_by(code: str) -> set[str]:
    """The modules a fresh interpreter imported to run *code*, beyond those it starts with."""
    script = (
        "import sys\n"
        "before = set(sys.modules)\n"
        f"{code}\n"
        "import json\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_deciding_a_change_imports_no_babel_nor_what_it_does_not_use() -> None:
    # babel reads amounts and writes quotients familiaux: deciding needs neither.
    decide_only = DECIDE.replace('"message": decision.explain("fr")', '"reason": decision.reason')
    assert decide_only != DECIDE
    modules = imported_by(decide_only)
    assert not packages(modules) & {"babel", "dateutil", "holidays"}
    assert not modules & NOT_FOR_DECIDING
    explained = imported_by(DECIDE)
    assert not packages(explained) & {"dateutil", "holidays"}
    assert not explained & NOT_FOR_DECIDING


#: The direct-debit room and the `sepa` extra's libraries: only `debit` and its callers use them.
SEPA_MODULES = {"cantine_rules.sepa", "cantine_rules.cli._debit", "schwifty", "sepaxml"}


def test_the_library_and_its_command_import_nothing_of_the_sepa_extra() -> None:
    code = "import cantine_rules\nimport cantine_rules.cli\nimport cantine_rules.policies\n"
    modules = imported_by(code)
    assert not modules & SEPA_MODULES
    assert not imported_by(DECIDE) & SEPA_MODULES
    billing = "import cantine_rules.billing\nimport cantine_rules.plain\n"
    assert not imported_by(billing) & SEPA_MODULES


def test_explaining_a_decision_in_either_language_loads_no_babel() -> None:
    # The two languages' day names and amounts are spelled by cantine_rules._spelling, checked
    # against babel in tests/test_spelling.py: loading babel's locale data would cost more than
    # the decision.
    for lang, day in (("fr", "lundi 23 septembre 2024"), ("en", "Monday 23 September 2024")):
        modules = imported_by(DECIDE + f"assert {day!r} in decision.explain({lang!r})\n")
        assert "babel" not in packages(modules)
        assert not modules & NOT_FOR_DECIDING


def test_the_command_deciding_a_change_imports_no_other_command_s_modules() -> None:
    # The command's leaf parsers are the plain-data reader's; its policy reader and writer, the
    # scenario reader, billing, the accounts and the planning grid are for other commands.
    # "argument parsing that does not import the plain-data reader": the options are read by
    # the reader's core (`cantine_rules._reading`), outside the plain-data package, so a
    # `decide` imports neither the package, nor its TOML reader, nor `tomllib`.
    code = (
        "import sys\n"
        "from cantine_rules.cli import main\n"
        "sys.argv = ['cantine-rules', *" + repr(list(_benchmark().DECIDE_ARGUMENTS)) + "]\n"
        "assert main() == 0\n"
    )
    modules = imported_by(code)
    unused = NOT_FOR_DECIDING | {
        "cantine_rules.plain._dump",
        "cantine_rules.plain._grids",
        "cantine_rules.plain._load",
        "cantine_rules.plain._read",
        "cantine_rules.plain._scenario",
        "cantine_rules.plain._toml",
        "cantine_rules.schemas",
        "cantine_rules.serve",
        "calendar",  # only `planning` reads a month
        "difflib",
        "tomllib",
    }
    assert not modules & unused, modules & unused
    assert "cantine_rules._reading" in modules


def test_a_commune_without_absence_rules_holds_the_same_empty_value_without_judging_any() -> None:
    # "field defaults that do not need a module's classes at import …, keeping the field's type
    # and default value equal to today's": `AbsenceRules` lives in its own small module, and is
    # still `cantine_rules.rules.absences.AbsenceRules` to its users, its reprs and its pickles.
    code = (
        "import attrs, pickle\n"
        "from cantine_rules.policies import CommunePolicy, get\n"
        "from cantine_rules.rules import AbsenceRules, NonBillableDays\n"
        "policy = get('saint-just-d-avray')\n"
        "field = attrs.fields(CommunePolicy).absences\n"
        "assert field.default == attrs.Factory(AbsenceRules), field.default\n"
        "assert field.type == 'AbsenceRules'\n"
        "assert policy.absences == AbsenceRules() and policy.absences.is_empty\n"
        "assert policy.non_billable_days == NonBillableDays()\n"
        "assert AbsenceRules.__module__ == 'cantine_rules.rules.absences'\n"
        "assert policy.direct_debit is None\n"
    )
    modules = imported_by(code)
    assert "cantine_rules.rules._absence_rules" in modules
    assert not modules & {
        "cantine_rules.policies._absences",
        "cantine_rules.pricing._direct_debit",
        "cantine_rules.rules.absences",
    }
    # Asked for, the judging of absences and the direct-debit terms are there as before.
    asked = imported_by(
        code + "import cantine_rules.rules.absences as absences\n"
        "assert absences.AbsenceRules is AbsenceRules\n"
        "assert b'cantine_rules.rules.absences' in pickle.dumps(policy.absences)\n"
        "assert policy.direct_debit_terms.pre_notification_days == 14\n"
    )
    assert {"cantine_rules.rules.absences", "cantine_rules.pricing._direct_debit"} <= asked


def test_importing_the_communes_builds_no_calendar_until_one_is_asked() -> None:
    # A calendar's per-day table (and the holiday table it reads) is built on its first
    # question: listing the communes costs no calendar.
    code = (
        "from datetime import date\n"
        "from cantine_rules.calendar import _holiday_table\n"
        "from cantine_rules.policies import get, names\n"
        "policies = [get(name) for name in names()]\n"
        "print(_holiday_table._table.cache_info().currsize)\n"
        "assert policies[0].calendar.is_school_day(date(2024, 9, 2))\n"
        "print(_holiday_table._table.cache_info().currsize)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["0", "1"]


def _on_first_use(module: ModuleType) -> OnFirstUse:
    table = vars(module)["_ON_FIRST_USE"]
    assert isinstance(table, OnFirstUse)
    return table


def _type_checking_imports(module: ModuleType) -> dict[str, str]:
    """The names the module imports under ``if TYPE_CHECKING:``, and the module of each."""
    found: dict[str, str] = {}
    for node in ast.parse(inspect.getsource(module)).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                assert statement.module
                for alias in statement.names:
                    found[alias.asname or alias.name] = statement.module
    return found


@pytest.mark.parametrize("name", LAZY_MODULES)
def test_the_names_imported_on_first_use_are_those_type_checkers_read(name: str) -> None:
    module = importlib.import_module(name)
    table = _on_first_use(module)
    assert table.module == name
    assert table.sources == _type_checking_imports(module)
    assert set(table.sources) <= set(module.__all__)
    for public, source in table.sources.items():
        value = getattr(module, public)
        assert value is getattr(importlib.import_module(source), public)
        # Kept in the public module: asked again, it is an attribute like the others.
        assert vars(module)[public] is value


def _defined_in(module_name: str, name: str) -> str:
    """The private module *name* comes from, through public modules that re-export it lazily."""
    module = importlib.import_module(module_name)
    table = vars(module).get("_ON_FIRST_USE")
    if table is None or name not in table:
        return module_name
    return _defined_in(table.sources[name], name)


@pytest.mark.parametrize("name", LAZY_MODULES)
def test_a_public_module_imports_its_rarely_used_modules_on_first_use(name: str) -> None:
    table = _on_first_use(importlib.import_module(name))
    private = {_defined_in(name, public) for public in table.sources}
    assert private
    assert name not in private
    code = (
        f"import {name} as module\n"
        "listed = set(dir(module))\n"
        "assert set(module.__all__) <= listed, set(module.__all__) - listed\n"
    )
    assert not imported_by(code) & private


@pytest.mark.parametrize("name", LAZY_MODULES)
def test_a_name_a_public_module_lacks_is_still_an_attribute_error(name: str) -> None:
    module = importlib.import_module(name)
    with pytest.raises(AttributeError, match=f"module '{name}' has no attribute 'Nowhere'"):
        module.Nowhere  # noqa: B018
    with pytest.raises(ImportError):
        exec(f"from {name} import Nowhere", {})


def test_the_cold_start_benchmark_reports_its_figures() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--runs", "1", "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    for figure in (
        "python_pass_cpu_ms",
        "cli_decide_cpu_ms",
        "library_decide_cpu_ms",
        "cli_cold_start_vs_python",
        "library_decide_vs_python",
    ):
        assert isinstance(result[figure], float), figure
        assert result[figure] > 0, figure
    assert result["runs"] == 1
