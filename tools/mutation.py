"""The mutation scores of the modules that hold rules, prices or accounts, recorded and kept.

    python tools/mutation.py report              # after `mutmut run`: record the scores
    python tools/mutation.py check --base HEAD~1 # CI: the modules a change touches, re-run

``report`` reads the results ``mutmut run`` left in ``mutants/`` (mutmut 3.8.1), counts each
module's mutants, the mutants its tests kill and the survivors listed as equivalent in
``tools/mutation-equivalents.toml`` (each with its reason in English and French), and writes
``tools/mutation-scores.json``: the score of each module, its survivors, and the test files that
reach it. The documentation's page "Mutation testing" is built from that file and the list.

``check`` re-runs the mutants of the modules a change touches (at most ``--max-modules``; when
the change touches none, the smallest recorded module, so that the check itself runs), in a
copy of the project where mutmut mutates only them and runs only the test files recorded for
them, and fails when a module's score falls below its recorded score. It takes a few minutes on
two cores, where the whole run takes most of an hour.

A score is ``(killed + equivalent) / mutants``: a mutant stopped by mutmut's time limit counts as
killed (a test did not finish), a mutant no test reaches counts as a survivor, and a survivor
counts as equivalent only when the list names it with its reason.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCORES = ROOT / "tools" / "mutation-scores.json"
EQUIVALENTS = ROOT / "tools" / "mutation-equivalents.toml"
SOURCE = Path("src")
PACKAGE = "cantine_rules"
FLOOR = Fraction(9, 10)
"""The score every module in scope is held to (the page says which ones do not reach it yet)."""

#: mutmut 3.8.1's exit codes (``mutmut.stats.status_by_exit_code``) that mean a test stopped
#: the mutant: a failure, pytest's internal error, or the time limit.
KILLED_CODES = frozenset({1, 3, 24, -24, 36, 152, 255})


class MutationError(Exception):
    """What stops a report or a check, said in one line."""


def module_of(meta: Path, mutants: Path) -> str:
    """The dotted module name of a mutmut ``.meta`` file under *mutants*.

    >>> module_of(Path("m/src/cantine_rules/rules/booking.py.meta"), Path("m"))
    'cantine_rules.rules.booking'
    """
    relative = meta.relative_to(mutants / SOURCE).with_suffix("").with_suffix("")
    return ".".join(relative.parts)


def results(mutants: Path) -> dict[str, dict[str, int | None]]:
    """The exit code of each mutant, by module, from the ``.meta`` files mutmut wrote."""
    found: dict[str, dict[str, int | None]] = {}
    for meta in sorted((mutants / SOURCE).rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if codes:
            found[module_of(meta, mutants)] = codes
    if not found:
        raise MutationError(f"no mutmut results under {mutants}: run `mutmut run` first")
    return found


def equivalents() -> dict[str, dict[str, dict[str, str]]]:
    """The survivors judged equivalent, by module: ``{module: {mutant: {"en": …, "fr": …}}}``."""
    path = EQUIVALENTS
    if not path.exists():
        return {}
    listed: dict[str, dict[str, dict[str, str]]] = tomllib.loads(path.read_text("utf-8"))
    for module, mutants in listed.items():
        for name, reasons in mutants.items():
            if not name.startswith(module + ".") or set(reasons) != {"en", "fr"}:
                raise MutationError(f"{path.name}: {name} needs its module's name, en and fr")
    return listed


def score(mutants: int, killed: int, equivalent: int) -> Fraction:
    """The share of mutants killed or listed as equivalent (1 for a module without mutants).

    >>> score(200, 170, 12)
    Fraction(91, 100)
    """
    return Fraction(killed + equivalent, mutants) if mutants else Fraction(1)


def percent(value: Fraction) -> str:
    """A score as the page prints it, rounded down to the tenth so that 89.96 % is not 90.0 %.

    >>> percent(Fraction(8996, 10000)), percent(Fraction(1))
    ('89.9', '100.0')
    """
    tenths = value.numerator * 1000 // value.denominator
    return f"{tenths // 10}.{tenths % 10}"


def tests_by_module(stats: Path) -> dict[str, list[str]]:
    """The test files that call each module's functions, from mutmut's ``mutmut-stats.json``."""
    data = json.loads(stats.read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}
    for function, tests in data["tests_by_mangled_function_name"].items():
        # "cantine_rules.rules.booking.x_decide" or "….xǁBookingRulesǁdecide": the module is what
        # comes before the mangled function's name.
        module = function.rsplit(".", 1)[0]
        files = found.setdefault(module, set())
        files.update(test.split("::", 1)[0] for test in tests)
    return {module: sorted(files) for module, files in found.items()}


def tally(
    codes: Mapping[str, int | None], listed: Mapping[str, Mapping[str, str]]
) -> dict[str, Any]:
    """One module's counts: mutants, killed, equivalent, its survivors and stale equivalents."""
    killed = [name for name, code in codes.items() if code in KILLED_CODES]
    survivors = sorted(name for name, code in codes.items() if code not in KILLED_CODES)
    equivalent = [name for name in survivors if name in listed]
    return {
        "mutants": len(codes),
        "killed": len(killed),
        "equivalent": len(equivalent),
        "survivors": [name for name in survivors if name not in listed],
        # Listed but killed or gone: the list no longer matches the code.
        "stale": sorted(set(listed) - set(equivalent)),
    }


def report(mutants: Path, output: Path) -> int:
    """Record each module's score from the last ``mutmut run``; print the table."""
    found = results(mutants)
    listed = equivalents()
    tests = tests_by_module(mutants / "mutmut-stats.json")
    modules: dict[str, Any] = {}
    stale: list[str] = []
    for module, codes in sorted(found.items()):
        counts = tally(codes, listed.get(module, {}))
        stale += counts.pop("stale")
        value = score(counts["mutants"], counts["killed"], counts["equivalent"])
        modules[module] = counts | {"score": percent(value), "tests": tests.get(module, [])}
    unknown = sorted(set(listed) - set(found))
    if stale or unknown:
        raise MutationError(
            "mutation-equivalents.toml lists mutants that are not survivors: "
            + ", ".join(stale + unknown)
        )
    totals = {
        key: sum(module[key] for module in modules.values())
        for key in ("mutants", "killed", "equivalent")
    }
    total = score(totals["mutants"], totals["killed"], totals["equivalent"])
    recorded = {
        "tool": "mutmut 3.8.1",
        "totals": totals | {"score": percent(total)},
        "modules": modules,
    }
    output.write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n", "utf-8")
    for module, counts in modules.items():
        below = "  below 90 %" if Fraction(counts["score"]) < FLOOR * 100 else ""
        print(
            f"{module:48} {counts['mutants']:5} {counts['killed']:5} "
            f"{counts['equivalent']:4} {counts['score']:>6} %{below}"
        )
    print(
        f"{'all':48} {totals['mutants']:5} {totals['killed']:5} {totals['equivalent']:4} "
        f"{percent(total):>6} %"
    )
    return 0


def touched(base: str) -> dict[str, int]:
    """The modules a change touches since *base*, with their numbers of changed lines.

    A clone without *base* (a shallow one, or the first commit) has no change to compare: none.
    """
    known = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
    )
    if known.returncode != 0:
        print(f"no revision {base}: no change to compare")
        return {}
    diff = subprocess.run(
        ["git", "diff", "--numstat", base, "--", str(SOURCE / PACKAGE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    changed: dict[str, int] = {}
    for line in diff.splitlines():
        added, removed, path = line.split("\t", 2)
        if path.endswith(".py") and added != "-":
            module = ".".join(Path(path).relative_to(SOURCE).with_suffix("").parts)
            changed[module] = int(added) + int(removed)
    return changed


def chosen(recorded: Mapping[str, Any], changed: Mapping[str, int], most: int) -> list[str]:
    """The modules to check: the touched ones in scope, most changed first, at most *most*.

    When the change touches no module in scope, the smallest recorded one is checked, so that
    the check runs on every change.

    >>> recorded = {"a": {"mutants": 40}, "b": {"mutants": 9}, "c": {"mutants": 70}}
    >>> chosen(recorded, {"c": 3, "a": 12, "z": 50}, 1), chosen(recorded, {"z": 5}, 2)
    (['a'], ['b'])
    """
    inside = sorted((m for m in changed if m in recorded), key=lambda m: (-changed[m], m))
    if inside:
        return inside[:most]
    return [min(recorded, key=lambda m: (recorded[m]["mutants"], m))]


def narrowed_config(pyproject: str, modules: Sequence[str], tests: Iterable[str]) -> str:
    """*pyproject* whose ``[tool.mutmut]`` mutates only *modules* and runs only *tests*."""
    section = re.search(r"^\[tool\.mutmut\]\n(?:(?!^\[).*\n?)*", pyproject, re.MULTILINE)
    if section is None:
        raise MutationError("pyproject.toml has no [tool.mutmut] section")
    config = tomllib.loads(section.group(0))["tool"]["mutmut"]
    files = [str(SOURCE / Path(*module.split("."))) + ".py" for module in modules]
    config["only_mutate"] = files
    config["pytest_add_cli_args_test_selection"] = sorted(set(tests))
    lines = ["[tool.mutmut]"] + [f"{key} = {json.dumps(value)}" for key, value in config.items()]
    return pyproject[: section.start()] + "\n".join(lines) + "\n" + pyproject[section.end() :]


def check(base: str, most: int) -> int:
    """Re-run the mutants of the modules the change since *base* touches; 1 if a score fell."""
    recorded = json.loads(SCORES.read_text(encoding="utf-8"))["modules"]
    changed = touched(base)
    new = sorted(m for m in changed if m not in recorded and _in_scope(m))
    if new:
        raise MutationError(
            f"no recorded score for {', '.join(new)}: run mutmut, then tools/mutation.py report"
        )
    modules = chosen(recorded, changed, most)
    tests = [test for module in modules for test in recorded[module]["tests"]]
    print(f"mutation check of {', '.join(modules)} ({len(set(tests))} test files)")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder)
        files = (
            subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
            .stdout.decode()
            .split("\0")
        )
        for name in filter(None, files):
            target = copy / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target)
        pyproject = copy / "pyproject.toml"
        pyproject.write_text(
            narrowed_config(pyproject.read_text("utf-8"), modules, tests), encoding="utf-8"
        )
        mutmut = Path(sys.executable).with_name("mutmut")
        run = subprocess.run([str(mutmut), "run"], cwd=copy, capture_output=True, text=True)
        if run.returncode != 0:
            raise MutationError(f"mutmut run failed: {run.stdout[-500:]}{run.stderr[-500:]}")
        found = results(copy / "mutants")
    listed = equivalents()
    failed = 0
    for module in modules:
        counts = tally(found.get(module, {}), listed.get(module, {}))
        value = score(counts["mutants"], counts["killed"], counts["equivalent"])
        before = recorded[module]["score"]
        fell = Fraction(percent(value)) < Fraction(before)
        failed += fell
        print(
            f"{module}: {percent(value)} % ({counts['killed']} killed, {counts['equivalent']} "
            f"equivalent of {counts['mutants']}); recorded {before} %"
            + (f"; survivors: {', '.join(counts['survivors'])}" if fell else "")
        )
    return 1 if failed else 0


def _in_scope(module: str) -> bool:
    # The scope is the configuration's: its globs, read from pyproject.toml.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    path = str(SOURCE / Path(*module.split("."))) + ".py"
    return any(Path(path).match(pattern) for pattern in config["only_mutate"])


def main(argv: Sequence[str] | None = None) -> int:
    """The command: ``report`` or ``check``; 0 when all is well, 1 when a score fell, 2 on error."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    recording = commands.add_parser("report", help="record the scores of the last mutmut run")
    recording.add_argument("--mutants", type=Path, default=ROOT / "mutants")
    checking = commands.add_parser("check", help="re-run the modules a change touches")
    checking.add_argument("--base", default="HEAD~1", help="the revision the change starts from")
    checking.add_argument("--max-modules", type=int, default=2)
    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "report":
            return report(arguments.mutants, SCORES)
        return check(arguments.base, arguments.max_modules)
    except (MutationError, subprocess.CalledProcessError) as error:
        print(f"tools/mutation.py: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
