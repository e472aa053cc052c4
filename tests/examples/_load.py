"""Loading the example communes of ``examples/communes``."""

from __future__ import annotations

from pathlib import Path

from cantine_rules.plain import load_toml
from cantine_rules.policies import CommunePolicy

ROOT = Path(__file__).resolve().parents[2]


def example(slug: str) -> CommunePolicy:
    """The example commune *slug*, read from its file."""
    return load_toml(ROOT / "examples" / "communes" / f"{slug}.toml")
