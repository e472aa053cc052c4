"""Write docs/communes/<slug>.en.md from each reference commune's own explain().

The pages are generated so that they never drift from the policies; a test regenerates them in
memory and compares. Run ``python tools/commune_pages.py`` after changing a commune.
"""

from __future__ import annotations

from pathlib import Path

from cantine_rules import policies
from cantine_rules.policies import CommunePolicy

PAGES = Path(__file__).resolve().parent.parent / "docs" / "communes"
_SEEDS = {
    "chantraine": "000",
    "lutins-gourmands": "001",
    "alsh-postfacturation": "002",
    "saint-just-d-avray": "003",
    "paris": "004",
}
_KINDS = {
    "seed": "the commune's guide",
    "public": "public source",
    "example": "example from another commune",
    "default": "**default** (no source gives it)",
}


def render(policy: CommunePolicy) -> str:
    """The page of one commune, in Markdown."""
    header = [
        f"# {policy.name}",
        "",
        f'`cantine_rules.policies.get("{policy.slug}")` — seed {_SEEDS[policy.slug]}, zone '
        f"{policy.calendar.zone.value}, {policy.payment_scheme.value}.",
        "",
        "Each rule below is the commune's own `explain()` output, with where it comes from. "
        "Figures marked **default** are not given by any source: they are placeholders to be "
        "replaced by the commune's own.",
        "",
        "| topic | rule (French) | source |",
        "|---|---|---|",
    ]
    rows = []
    for rule in policy.explain("fr"):
        source = rule.source
        where = "—" if source is None else f"{_KINDS[source.kind.value]}: {source.reference}"
        rows.append(f"| `{rule.topic}` | {_cell(rule.text)} | {_cell(where)} |")
    services = ", ".join(f"`{service.code}`" for service in policy.services)
    footer = [
        "",
        f"Services: {services}. Aliases: {', '.join(f'`{a}`' for a in policy.aliases)}.",
        "",
        "```sh",
        f"cantine-rules explain {policy.slug}",
        "```",
        "",
    ]
    return "\n".join(header + rows + footer)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main() -> None:
    """Write every commune's page."""
    PAGES.mkdir(parents=True, exist_ok=True)
    for slug in policies.names():
        (PAGES / f"{slug}.en.md").write_text(render(policies.get(slug)), encoding="utf-8")


if __name__ == "__main__":
    main()
