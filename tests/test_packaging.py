"""The package as PyPI users get it: metadata, one version, the hypothesis entry point, and the
example files shipped, found the same way in a checkout and in an installed wheel.

The last tests build the sdist and the wheel with the build backend (hatchling, in the ``test``
extra), then run the command from the wheel's files in a folder of its own, as on a machine
without a checkout.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest

import cantine_rules
from cantine_rules import examples

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT: dict[str, Any] = PYPROJECT["project"]
HATCH: dict[str, Any] = PYPROJECT["tool"]["hatch"]

#: The Python versions CI runs the test suite with (.ci/run), the only ones the classifiers name.
TESTED_PYTHONS = ("3.11",)


def readme_commands() -> list[list[str]]:
    """The arguments of each ``cantine-rules`` line of the README's "command line" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The command line", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line)
            if words and words[0] == "cantine-rules":
                commands.append(words[1:])
    return commands


def _checkout_examples() -> list[str]:
    return sorted(
        f"{folder.name}/{path.name}"
        for folder in (ROOT / "examples").iterdir()
        if folder.is_dir()
        for path in folder.glob("*.toml")
    )


# Metadata --------------------------------------------------------------------------------------


def test_the_version_is_written_once_in_the_package() -> None:
    assert "version" not in PROJECT
    assert PROJECT["dynamic"] == ["version"]
    source = ROOT / HATCH["version"]["path"]
    assert source == Path(cantine_rules.__file__)
    written = re.findall(r'^__version__ = "([^"]+)"$', source.read_text(encoding="utf-8"), re.M)
    assert written == [cantine_rules.__version__]
    # A version PEP 440 reads: 0.1.0, 0.1.0.dev0, 1.2rc1.
    assert re.fullmatch(r"\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?", written[0])


def test_the_project_urls() -> None:
    urls = PROJECT["urls"]
    assert set(urls) >= {"Homepage", "Documentation", "Repository", "Issues", "Changelog"}
    assert all(url.startswith("https://") for url in urls.values())
    assert urls["Changelog"].endswith("/CHANGELOG.md")


def test_the_classifiers_name_the_python_versions_tested_and_no_other() -> None:
    named = {
        classifier.rsplit(" :: ", 1)[1]
        for classifier in PROJECT["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", classifier)
    }
    assert named == set(TESTED_PYTHONS)
    lowest = min(TESTED_PYTHONS, key=lambda version: tuple(map(int, version.split("."))))
    assert PROJECT["requires-python"] == f">={lowest}"


def test_the_hypothesis_entry_point_is_a_hook_of_the_testing_kit() -> None:
    (target,) = PROJECT["entry-points"]["hypothesis"].values()
    module_name, _, attribute = target.partition(":")
    # Outside cantine_rules.testing, which imports hypothesis first: a hook inside it would be
    # looked up on a half-built module when the testing kit is imported before hypothesis.
    assert module_name == "cantine_rules._hypothesis_hook"
    hook = getattr(importlib.import_module(module_name), attribute)
    assert callable(hook)
    hook()  # called again by hypothesis on its import: harmless


def test_every_folder_of_examples_ships_in_the_package() -> None:
    shipped = HATCH["build"]["targets"]["wheel"]["force-include"]
    folders = sorted(path.name for path in (ROOT / "examples").iterdir() if path.is_dir())
    assert sorted(shipped) == [f"examples/{folder}" for folder in folders]
    for source, target in shipped.items():
        assert target == "cantine_rules/" + source
    assert sorted(examples.KINDS) == folders


# The examples in a checkout ----------------------------------------------------------------------


def test_a_checkout_s_examples_are_its_examples_folder() -> None:
    assert examples.folder() == ROOT / "examples"
    assert sorted(examples.names()) == _checkout_examples()
    for example in examples.examples():
        assert example.path == ROOT / "examples" / example.name
        assert example.kind == examples.KINDS[example.name.split("/")[0]]


def test_a_copy_refuses_to_overwrite_another_text(tmp_path: Path) -> None:
    target = tmp_path / "mine.toml"
    target.write_text("# my own commune\n", encoding="utf-8")
    with pytest.raises(cantine_rules.InvalidValueError) as caught:
        examples.copy("communes/ma-commune.toml", target)
    assert caught.value.field == "DEST"
    assert target.read_text(encoding="utf-8") == "# my own commune\n"
    copied = examples.copy("communes/ma-commune.toml", target, replace=True)
    assert copied.written
    assert target.read_bytes() == (ROOT / "examples/communes/ma-commune.toml").read_bytes()


def test_a_copy_by_default_goes_where_the_documentation_expects_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    copied = examples.copy("scenarios/paris.toml")
    assert copied.destination == Path("examples/scenarios/paris.toml")
    assert (tmp_path / "examples/scenarios/paris.toml").read_bytes() == (
        ROOT / "examples/scenarios/paris.toml"
    ).read_bytes()


# The built distributions -----------------------------------------------------------------------

needs_hatchling = pytest.mark.skipif(
    importlib.util.find_spec("hatchling") is None,
    reason="hatchling, the build backend, is not installed (it is in the test extra)",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist and the wheel, built from the checkout by the build backend."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-t", "wheel", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return sdist, wheel


@pytest.fixture(scope="module")
def installed(built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel's files, laid out as an installer lays them out in site-packages."""
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(built[1]) as wheel:
        wheel.extractall(site)
    return site


@needs_hatchling
def test_the_distributions_hold_every_example_and_the_version(built: tuple[Path, Path]) -> None:
    sdist, wheel = built
    version = cantine_rules.__version__
    assert wheel.name == f"cantine_rules-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"cantine_rules-{version}.dist-info/METADATA").decode()
        entry_points = archive.read(f"cantine_rules-{version}.dist-info/entry_points.txt")
    shipped = sorted(
        name.removeprefix("cantine_rules/examples/")
        for name in names
        if name.startswith("cantine_rules/examples/") and name.endswith(".toml")
    )
    assert shipped == _checkout_examples()
    assert f"\nVersion: {version}\n" in metadata
    assert "[hypothesis]\ncantine-rules = cantine_rules._hypothesis_hook:setup" in (
        entry_points.decode()
    )
    with tarfile.open(sdist) as archive:
        in_sdist = sorted(
            name.split("/examples/", 1)[1]
            for name in archive.getnames()
            if "/examples/" in name and name.endswith(".toml")
        )
    assert in_sdist == _checkout_examples()


def _run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m cantine_rules ARGS`` with the installed wheel, far from the checkout."""
    environment = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-m", "cantine_rules", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@needs_hatchling
def test_the_installed_wheel_lists_copies_and_bills_its_examples(
    installed: Path, tmp_path: Path
) -> None:
    listed = _run_installed(installed, tmp_path, "examples", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    found = json.loads(listed.stdout)["examples"]
    assert sorted(example["name"] for example in found) == _checkout_examples()
    for example in found:
        assert Path(example["path"]).is_relative_to(installed / "cantine_rules" / "examples")
    # The README's commands, on a machine without a checkout.
    copied = _run_installed(installed, tmp_path, "examples", "copy", "scenarios/paris.toml")
    assert copied.returncode == 0, copied.stderr
    assert copied.stdout == "copié : examples/scenarios/paris.toml\n"
    billed = _run_installed(installed, tmp_path, "bill", "examples/scenarios/paris.toml")
    assert billed.returncode == 0, billed.stderr
    ma_commune = installed / "cantine_rules" / "examples" / "communes" / "ma-commune.toml"
    checked = _run_installed(installed, tmp_path, "check", str(ma_commune))
    assert checked.returncode == 0, checked.stderr


def _run_all(site: Path | None, cwd: Path, commands: list[list[str]]) -> list[int]:
    """The exit code of each command, run in turn by one process (start-up is paid once)."""
    code = (
        "import io, json, sys\n"
        "from cantine_rules.cli import main\n"
        "codes = [main(args, stdout=io.StringIO()) for args in json.loads(sys.argv[1])]\n"
        "print(json.dumps(codes))\n"
    )
    path = str(site) if site else str(Path(cantine_rules.__file__).parent.parent)
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(commands)],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    codes: list[int] = json.loads(done.stdout.splitlines()[-1])
    return codes


def test_the_readme_s_commands_work_in_a_checkout() -> None:
    commands = readme_commands()
    assert ["examples", "copy", "scenarios/saint-just-d-avray.toml"] in commands
    assert ["bill", "examples/scenarios/saint-just-d-avray.toml"] in commands
    assert _run_all(None, ROOT, commands) == [0] * len(commands)


@needs_hatchling
def test_the_readme_s_commands_work_from_the_wheel_in_an_empty_folder(
    installed: Path, tmp_path: Path
) -> None:
    commands = readme_commands()
    assert _run_all(installed, tmp_path, commands) == [0] * len(commands)
    assert (tmp_path / "examples" / "communes" / "ma-commune.toml").is_file()


def _python_with(installed: Path, code: str) -> subprocess.CompletedProcess[str]:
    """*code* run by a Python that finds the installed package (entry points included)."""
    environment = {**os.environ, "PYTHONPATH": str(installed)}
    environment.pop("HYPOTHESIS_NO_PLUGINS", None)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=installed.parent,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


_DRAWS_MONEY = (
    "from hypothesis import given, strategies as st\n"
    "from cantine_rules import Money\n"
    "seen = []\n"
    "@given(st.from_type(Money))\n"
    "def draw(amount): seen.append(amount)\n"
    "draw()\n"
    "assert seen and all(isinstance(amount, Money) for amount in seen)\n"
    "import cantine_rules\n"
    "print(cantine_rules.__file__)\n"
)


@needs_hatchling
def test_the_testing_kit_imports_before_hypothesis_when_installed(installed: Path) -> None:
    # The kit imports hypothesis, whose entry points then call the package's hook: the hook
    # must not need the kit, still half-built at that moment.
    done = _python_with(
        installed, "from cantine_rules.testing import month_of_work\n" + _DRAWS_MONEY
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).is_relative_to(installed)


@needs_hatchling
def test_hypothesis_registers_the_strategies_through_the_entry_point(installed: Path) -> None:
    # The test never imports cantine_rules.testing: hypothesis does, through the entry point.
    code = "import sys\nimport hypothesis\nassert 'cantine_rules.testing' in sys.modules\n"
    done = _python_with(installed, code + _DRAWS_MONEY)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).is_relative_to(installed)
    without = subprocess.run(
        [sys.executable, "-c", "import sys, hypothesis\nprint('cantine_rules' in sys.modules)"],
        cwd=installed.parent,
        env={**os.environ, "PYTHONPATH": str(installed), "HYPOTHESIS_NO_PLUGINS": "1"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert without.stdout.strip() == "False"
