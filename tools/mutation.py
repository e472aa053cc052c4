"""The mutation scores of the modules that hold rules, prices or accounts, recorded and kept.

    python tools/mutation.py report              # after `mutmut run`: record the scores
    python tools/mutation.py check --base HEAD~1 # CI: the functions a change touches, re-run

``report`` reads the results ``mutmut run`` left in ``mutants/`` (mutmut 3.8.1; several such
folders may be given, each module then read from the folder that ran most of its mutants),
counts each module's mutants, the mutants its tests kill and the survivors listed as equivalent
in ``tools/mutation-equivalents.toml`` (each with its reason in English and French), and writes
``tools/mutation-scores.json``: the score of each module and of each of its functions, its
survivors, the mutants not run yet, and the test files that reach each function. The
documentation's page "Mutation testing" is built from that file and the list.

``check`` re-runs the mutants of the functions a change touches (in at most ``--max-modules``
modules; when the change touches none, the smallest recorded function, so that the check itself
runs), in a copy of the project where mutmut mutates only their modules and runs only the test
files recorded for those functions. The module's score is then the recorded one with those
functions' results replaced; the check fails when it falls below the recorded score. It takes a
few minutes on two cores, where the whole run takes hours.

A score is ``(killed + equivalent) / mutants``: a mutant stopped by mutmut's time limit counts as
killed (a test did not finish); a mutant no test reaches, or not run yet, counts as a survivor;
a survivor counts as equivalent only when the list names it with its reason.
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
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
FLOOR = Fraction(9, 10)
"""The score every module in scope is held to."""

#: mutmut 3.8.1's exit codes (``mutmut.stats.status_by_exit_code``) that mean a test stopped
#: the mutant: a failure, pytest's internal error, or the time limit.
KILLED_CODES = frozenset({1, 3, 24, -24, 36, 152, 255})

#: mutmut's separator in the name of a method's mutants: ``xǁClassǁmethod__mutmut_3``.
SEPARATOR = "ǁ"


class MutationError(Exception):
    """What stops a report or a check, said in one line."""


def module_of(meta: Path, mutants: Path) -> str:
    """The dotted module name of a mutmut ``.meta`` file under *mutants*, as mutmut names it.

    >>> module_of(Path("m/src/cantine_rules/rules/booking.py.meta"), Path("m"))
    'cantine_rules.rules.booking'
    >>> module_of(Path("m/src/cantine_rules/billing/__init__.py.meta"), Path("m"))
    'cantine_rules.billing'
    """
    relative = meta.relative_to(mutants / SOURCE).with_suffix("").with_suffix("")
    return ".".join(relative.parts).removesuffix(".__init__")


def source_of(module: str, root: Path = ROOT) -> Path:
    """The source file of a module in scope, relative to *root*: a module, or a package's init.

    >>> str(source_of("cantine_rules.billing")), str(source_of("cantine_rules.money"))
    ('src/cantine_rules/billing/__init__.py', 'src/cantine_rules/money.py')
    """
    path = SOURCE / Path(*module.split("."))
    package = path / "__init__.py"
    return package if (root / package).exists() else path.with_suffix(".py")


def function_of(mutant: str) -> str:
    """The mangled function a mutant belongs to, as mutmut's statistics name it.

    >>> function_of("cantine_rules.rules.late.xǁLateHandlingǁfor_channel__mutmut_4")
    'cantine_rules.rules.late.xǁLateHandlingǁfor_channel'
    """
    return mutant.partition("__mutmut_")[0]


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


def merged_results(folders: Sequence[Path]) -> dict[str, dict[str, int | None]]:
    """Each module's results from the folder that ran most of its mutants (the first on a tie)."""
    merged: dict[str, dict[str, int | None]] = {}
    for folder in folders:
        for module, codes in results(folder).items():
            ran = sum(code is not None for code in codes.values())
            held = merged.get(module)
            if held is None or ran > sum(code is not None for code in held.values()):
                merged[module] = codes
    return merged


def equivalents() -> dict[str, dict[str, dict[str, str]]]:
    """The survivors judged equivalent, by module: ``{module: {mutant: {"en": …, "fr": …}}}``."""
    if not EQUIVALENTS.exists():
        return {}
    listed: dict[str, dict[str, dict[str, str]]] = tomllib.loads(
        EQUIVALENTS.read_text(encoding="utf-8")
    )
    for module, mutants in listed.items():
        for name, reasons in mutants.items():
            if not name.startswith(module + ".") or set(reasons) != {"en", "fr"}:
                raise MutationError(
                    f"{EQUIVALENTS.name}: {name} needs its module's name, en and fr"
                )
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


def tally(
    codes: Mapping[str, int | None], listed: Mapping[str, Mapping[str, str]]
) -> dict[str, Any]:
    """One module's counts: mutants, killed, equivalent, not run, survivors, stale equivalents.

    A mutant listed as equivalent counts so only if it survived; ``stale`` names the listed
    mutants that were killed or no longer exist (one not run yet is neither).
    """
    killed = [name for name, code in codes.items() if code in KILLED_CODES]
    not_run = [name for name, code in codes.items() if code is None]
    survivors = sorted(
        name for name, code in codes.items() if code not in KILLED_CODES and code is not None
    )
    equivalent = [name for name in survivors if name in listed]
    return {
        "mutants": len(codes),
        "killed": len(killed),
        "equivalent": len(equivalent),
        "not_run": len(not_run),
        "survivors": [name for name in survivors if name not in listed],
        "stale": sorted(set(listed) - set(equivalent) - set(not_run)),
    }


def by_function(
    codes: Mapping[str, int | None], listed: Mapping[str, object]
) -> dict[str, list[int]]:
    """Each function's mutants and those killed or listed as equivalent: ``[mutants, stopped]``."""
    counts: dict[str, list[int]] = {}
    for name, code in codes.items():
        pair = counts.setdefault(function_of(name), [0, 0])
        pair[0] += 1
        pair[1] += code in KILLED_CODES or (code is not None and name in listed)
    return counts


def present(module: str, codes: Mapping[str, int | None]) -> dict[str, int | None]:
    """The results of the mutants whose function the module's source still has.

    A function removed since the run (a validator replaced by a shared one) takes its mutants
    with it: they are no longer part of the module, and each is named on the way out.
    """
    source = (ROOT / source_of(module)).read_text(encoding="utf-8")
    functions = functions_in(source, module)
    gone = sorted({function_of(name) for name in codes} - set(functions))
    for function in gone:
        print(f"{function}: no longer in the source, its mutants are left out")
    return {name: code for name, code in codes.items() if function_of(name) in functions}


def tests_by_function(folders: Sequence[Path]) -> dict[str, set[str]]:
    """The test files that call each function, from mutmut's ``mutmut-stats.json`` files."""
    found: dict[str, set[str]] = {}
    for folder in folders:
        stats = folder / "mutmut-stats.json"
        if not stats.exists():
            continue
        data = json.loads(stats.read_text(encoding="utf-8"))
        for function, tests in data["tests_by_mangled_function_name"].items():
            found.setdefault(function, set()).update(test.split("::", 1)[0] for test in tests)
    return found


def report(folders: Sequence[Path], output: Path) -> dict[str, Any]:
    """Record each module's score from the results of *folders*; print the table."""
    found = merged_results(folders)
    listed = equivalents()
    tests = tests_by_function(folders)
    files = sorted({name for names in tests.values() for name in names})
    index = {name: position for position, name in enumerate(files)}
    modules: dict[str, Any] = {}
    stale: list[str] = []
    for module, codes in sorted(found.items()):
        codes = present(module, codes)
        mine = listed.get(module, {})
        counts = tally(codes, mine)
        stale += counts.pop("stale")
        value = score(counts["mutants"], counts["killed"], counts["equivalent"])
        functions = {
            function: [*pair, sorted(index[name] for name in tests.get(function, ()))]
            for function, pair in sorted(by_function(codes, mine).items())
        }
        modules[module] = counts | {"score": percent(value), "functions": functions}
    unknown = sorted(set(listed) - set(found))
    if stale or unknown:
        raise MutationError(
            "mutation-equivalents.toml lists mutants that are not survivors: "
            + ", ".join(stale + unknown)
        )
    totals = {
        key: sum(module[key] for module in modules.values())
        for key in ("mutants", "killed", "equivalent", "not_run")
    }
    total = score(totals["mutants"], totals["killed"], totals["equivalent"])
    recorded = {
        "tool": "mutmut 3.8.1",
        "totals": totals | {"score": percent(total)},
        "modules": modules,
        "test_files": files,
    }
    output.write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n", "utf-8")
    for module, counts in [*modules.items(), ("all", recorded["totals"])]:
        below = "  below 90 %" if Fraction(counts["score"]) < FLOOR * 100 else ""
        print(
            f"{module:48} {counts['mutants']:6} {counts['killed']:6} {counts['equivalent']:4}"
            f" {counts['not_run']:6} {counts['score']:>6} %{below}"
        )
    return recorded


def changed_lines(base: str) -> dict[str, set[int]]:
    """The lines a change since *base* adds or rewrites, by file of ``src/`` (none: no base).

    A clone without *base* (a shallow one, or the first commit) has no change to compare.
    """
    known = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if known.returncode != 0:
        print(f"no revision {base}: no change to compare")
        return {}
    diff = subprocess.run(
        ["git", "diff", "--unified=0", base, "--", str(SOURCE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines: dict[str, set[int]] = {}
    path = ""
    for line in diff.splitlines():
        if line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else ""
        elif line.startswith("@@") and path:
            hunk = re.match(r"@@ -\S+ \+(\d+)(?:,(\d+))? @@", line)
            if hunk:
                start, count = int(hunk[1]), int(hunk[2] or "1")
                # A hunk that only removes lines touches the line after them.
                lines.setdefault(path, set()).update(range(start, start + max(count, 1)))
    return lines


def functions_in(source: str, module: str) -> dict[str, range]:
    r"""The lines of each function mutmut mutates, by its mangled name.

    mutmut mutates module-level functions and the methods of module-level classes.

    >>> functions_in("def f():\n    pass\nclass C:\n    def m(self):\n        pass\n", "p.m")
    {'p.m.x_f': range(1, 3), 'p.m.xǁCǁm': range(4, 6)}
    """
    spans: dict[str, range] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            spans[f"{module}.x_{node.name}"] = _span(node)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    name = f"{module}.x{SEPARATOR}{node.name}{SEPARATOR}{item.name}"
                    spans[name] = _span(item)
    return spans


def _span(node: ast.FunctionDef | ast.AsyncFunctionDef) -> range:
    first = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
    return range(first, (node.end_lineno or node.lineno) + 1)


def touched_functions(recorded: Mapping[str, Any], base: str, most: int) -> dict[str, set[str]]:
    """The functions of the modules in scope a change touches, by module.

    At most *most* modules, the most touched first; when the change touches none, the smallest
    recorded function, so that the check runs on every change.
    """
    modules = {str(source_of(module)): module for module in recorded}
    touched: dict[str, set[str]] = {}
    for path, lines in changed_lines(base).items():
        module = modules.get(path) or _new_module(path)
        if module is None:
            continue
        spans = functions_in((ROOT / path).read_text(encoding="utf-8"), module)
        hit = {name for name, span in spans.items() if lines.intersection(span)}
        if hit:
            touched[module] = hit
    if touched:
        chosen = sorted(touched, key=lambda module: (-len(touched[module]), module))[:most]
        return {module: touched[module] for module in chosen}
    smallest = min(
        (pair[0], function, module)
        for module, counts in recorded.items()
        for function, pair in counts["functions"].items()
    )
    return {smallest[2]: {smallest[1]}}


def _new_module(path: str) -> str | None:
    """The module a file of ``src/`` is, if it is in scope (a module in scope not yet recorded)."""
    if not _in_scope(path):
        return None
    return ".".join(Path(path).relative_to(SOURCE).with_suffix("").parts).removesuffix(".__init__")


def _in_scope(path: str) -> bool:
    # The scope is the configuration's: its globs, read from pyproject.toml.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    return any(fnmatch.fnmatch(path, pattern) for pattern in config["only_mutate"])


def narrowed_config(pyproject: str, modules: Iterable[str], tests: Iterable[str]) -> str:
    """*pyproject* whose ``[tool.mutmut]`` mutates only *modules* and runs only *tests*."""
    section = re.search(r"^\[tool\.mutmut\]\n(?:(?!^\[).*\n?)*", pyproject, re.MULTILINE)
    if section is None:
        raise MutationError("pyproject.toml has no [tool.mutmut] section")
    config = tomllib.loads(section.group(0))["tool"]["mutmut"]
    config["only_mutate"] = sorted(str(source_of(module)) for module in modules)
    config["pytest_add_cli_args_test_selection"] = sorted(set(tests))
    lines = ["[tool.mutmut]"] + [f"{key} = {json.dumps(value)}" for key, value in config.items()]
    return pyproject[: section.start()] + "\n".join(lines) + "\n" + pyproject[section.end() :]


def rerun(functions: Mapping[str, set[str]], tests: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Run mutmut on *functions* alone in a copy of the project; their modules' results."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder)
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
        for name in filter(None, listed.split("\0")):
            if (ROOT / name).is_file():
                target = copy / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, target)
        pyproject = copy / "pyproject.toml"
        pyproject.write_text(
            narrowed_config(pyproject.read_text("utf-8"), functions, tests), encoding="utf-8"
        )
        mutmut = Path(sys.executable).with_name("mutmut")
        names = [f"{function}__mutmut_*" for names in functions.values() for function in names]
        run = subprocess.run(
            [str(mutmut), "run", *names], cwd=copy, capture_output=True, text=True, check=False
        )
        if "nothing matches" in run.stdout + run.stderr:
            # The functions touched hold nothing mutmut mutates (a docstring, a bare return).
            return {module: {} for module in functions}
        if run.returncode != 0:
            raise MutationError(f"mutmut run failed: {run.stdout[-400:]}{run.stderr[-400:]}")
        found = results(copy / "mutants")
    return {module: found.get(module, {}) for module in functions}


def check(base: str, most: int) -> int:
    """Re-run the mutants of the functions the change since *base* touches; 1 if a score fell."""
    recorded = json.loads(SCORES.read_text(encoding="utf-8"))
    modules = recorded["modules"]
    files = recorded["test_files"]
    functions = touched_functions(modules, base, most)
    tests: set[str] = set()
    for module, names in functions.items():
        known = modules.get(module, {}).get("functions", {})
        for name in names:
            if name in known:
                tests.update(files[position] for position in known[name][2])
            else:
                # A new function: every test file that reaches its module.
                tests.update(files[p] for pair in known.values() for p in pair[2])
    print(
        f"mutation check: {sum(map(len, functions.values()))} functions in "
        f"{', '.join(functions)}; {len(tests)} test files"
    )
    fresh = rerun(functions, tests) if tests else {module: {} for module in functions}
    listed = equivalents()
    fell = 0
    for module, names in functions.items():
        mine = listed.get(module, {})
        before = modules.get(module, {"mutants": 0, "killed": 0, "equivalent": 0, "score": "0.0"})
        known = before.get("functions", {})
        codes = {name: code for name, code in fresh[module].items() if function_of(name) in names}
        now = by_function(codes, mine)
        # The module's recorded counts, the touched functions' results replaced by the new ones.
        mutants = before["mutants"] - sum(known.get(f, [0, 0])[0] for f in names)
        stopped = (
            before["killed"] + before["equivalent"] - sum(known.get(f, [0, 0])[1] for f in names)
        )
        mutants += sum(pair[0] for pair in now.values())
        stopped += sum(pair[1] for pair in now.values())
        value = percent(score(mutants, stopped, 0))
        survivors = sorted(
            name for name, code in codes.items() if code not in KILLED_CODES and name not in mine
        )
        dropped = Fraction(value) < Fraction(before["score"])
        fell += dropped
        print(
            f"{module}: {value} % ({stopped} of {mutants} killed or equivalent), "
            f"recorded {before['score']} %"
            + (f"; survivors of the change: {', '.join(survivors)}" if dropped else "")
        )
    return 1 if fell else 0


def main(argv: Sequence[str] | None = None) -> int:
    """The command: ``report`` or ``check``; 0 when all is well, 1 when a score fell, 2 on error."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    recording = commands.add_parser("report", help="record the scores of mutmut's results")
    recording.add_argument(
        "--mutants", type=Path, action="append", help="a mutants/ folder (several allowed)"
    )
    checking = commands.add_parser("check", help="re-run the functions a change touches")
    checking.add_argument("--base", default="HEAD~1", help="the revision the change starts from")
    checking.add_argument("--max-modules", type=int, default=2)
    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "report":
            report(arguments.mutants or [ROOT / "mutants"], SCORES)
            return 0
        return check(arguments.base, arguments.max_modules)
    except (MutationError, subprocess.CalledProcessError) as error:
        print(f"tools/mutation.py: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
