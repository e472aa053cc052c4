"""Wherever a command takes a commune, it also takes the path of a policy file."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from cantine_rules.cli import main
from cantine_rules.cli._policies import PolicyLoader, is_policy_path
from cantine_rules.errors import InvalidValueError, PolicyError, UnknownCommuneError
from cantine_rules.plain import load_toml

ROOT = Path(__file__).resolve().parents[2]
MA_COMMUNE = ROOT / "examples" / "communes" / "ma-commune.toml"

DECIDE = ("--service", "repas", "--day", "2025-03-20", "--action", "add")


def answer(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main([*args, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


@pytest.mark.parametrize(
    "args",
    [
        ("explain",),
        ("calendar", "--from", "2025-03-17", "--to", "2025-03-21"),
        ("decide", *DECIDE, "--at", "2025-03-13T09:59:59+01:00"),
        ("planning", "--service", "repas", "--month", "2025-03", "--at", "2025-03-01T10:00"),
        ("price", "--service", "repas", "--qf", "700", "--day", "2025-03-20"),
    ],
)
def test_a_policy_file_answers_like_the_same_policy_by_name(
    args: tuple[str, ...], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The file's answer is the answer of the policy it holds, as the library gives it.
    command, *options = args
    code, by_file = answer(capsys, command, str(MA_COMMUNE), *options)
    assert code == 0
    policy = load_toml(MA_COMMUNE)
    monkeypatch.setattr("cantine_rules.cli._policies.get", lambda _name: policy)
    code, by_name = answer(capsys, command, "ma-commune", *options)
    assert code == 0
    assert by_file == by_name


def test_decide_with_a_relative_policy_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(MA_COMMUNE, tmp_path / "ma-commune.toml")
    monkeypatch.chdir(tmp_path)
    # « add: weekday_before thursday 10:00 »: the Thursday before at 09:59:59 is on time.
    code, data = answer(capsys, "decide", "./ma-commune.toml", *DECIDE, "--at", "2025-03-13T09:59")
    assert code == 0
    assert data["status"] == "accepted"
    code, data = answer(capsys, "decide", "./ma-commune.toml", *DECIDE, "--at", "2025-03-13T10:00")
    assert data["status"] == "refused"


def test_a_missing_or_broken_policy_file_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data = answer(capsys, "explain", str(tmp_path / "absent.toml"))
    assert code == 2
    assert data["error"]["kind"] == "InvalidValueError"
    assert data["error"]["field"] == "commune"
    broken = tmp_path / "broken.toml"
    broken.write_text(MA_COMMUNE.read_text(encoding="utf-8").replace('"11:45"', '"11h45"'))
    code, data = answer(capsys, "explain", str(broken))
    assert code == 2
    assert data["error"]["kind"] == "PolicyError"
    assert data["error"]["field"] == "services[0].start"


def test_a_name_is_a_commune_and_a_path_is_a_file() -> None:
    assert not is_policy_path("saint-just-d-avray")
    assert not is_policy_path("St-Just-d'Avray")
    for path in ("ma-commune.toml", "./communes/ville", "COMMUNE.TOML", f"a{os.sep}b"):
        assert is_policy_path(path)
    with pytest.raises(UnknownCommuneError):
        PolicyLoader().get("montcuq")


def test_the_loader_reads_a_file_once_and_again_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "commune.toml"
    path.write_text(MA_COMMUNE.read_text(encoding="utf-8"), encoding="utf-8")
    loader = PolicyLoader()
    first = loader.get(str(path))
    assert loader.get(str(path)) is first
    path.write_text(
        MA_COMMUNE.read_text(encoding="utf-8").replace('name = "Ma Commune"', 'name = "Ma Ville"'),
        encoding="utf-8",
    )
    stamp = path.stat()
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
    again = loader.get(str(path))
    assert again.name == "Ma Ville"
    path.unlink()
    with pytest.raises(InvalidValueError, match="commune: cannot be read"):
        loader.get(str(path))
    path.write_text("slug = 3\n", encoding="utf-8")
    with pytest.raises(PolicyError):
        loader.get(str(path))
