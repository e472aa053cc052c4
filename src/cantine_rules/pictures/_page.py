"""A commune's page: its rules, its tariff grids as tables and plots, a week of each service."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from cantine_rules.errors import InvalidTypeError
from cantine_rules.pictures._deadline_week import deadline_week
from cantine_rules.pictures._messages import say
from cantine_rules.pictures._tariff_plot import tariff_step_plot
from cantine_rules.policies import _messages as explained
from cantine_rules.policies.commune import CommunePolicy, describe_bounds, describe_tariff
from cantine_rules.pricing._schedule import TariffVersion
from cantine_rules.pricing._tariffs import BracketGrid
from cantine_rules.sources import Source, SourceKind

__all__ = ["commune_page", "figure"]

#: How many weeks after the first one asked for a service that runs on few days (the holidays'
#: centre) is looked for.
_WEEKS_LOOKED_AT: Final = 26


def _cell(words: str) -> str:
    """*words* fit for one cell of a Markdown table: one line, no column bar, no raw HTML."""
    return words.replace("\n", " ").replace("|", "\\|").replace("<", "&lt;")


def _source(source: Source | None, lang: str) -> str:
    """A source as the explanations write it, a default in bold."""
    if source is None:
        return explained.say(lang, "source.none")
    kind = explained.say(lang, f"source.kind.{source.kind.value}")
    if source.kind is SourceKind.DEFAULT:
        kind = f"**{kind}**"
    return explained.say(lang, "source.default", kind=kind, reference=source.reference)


def figure(svg: str) -> str:
    """An SVG picture as a block of raw HTML, which Markdown leaves as it is."""
    return f'<figure class="cantine-picture">\n{svg}\n</figure>'


def _rules(policy: CommunePolicy, lang: str) -> list[str]:
    lines = [
        f"## {say(lang, 'page.rules')}",
        "",
        f"| {say(lang, 'page.topic')} | {say(lang, 'page.rule')} | {say(lang, 'page.source')} |",
        "|---|---|---|",
    ]
    for rule in policy.explain(lang):
        if rule.topic.startswith("tariff."):  # each version has its own section below
            continue
        source = _cell(_source(rule.source, lang))
        lines.append(f"| `{rule.topic}` | {_cell(rule.text)} | {source} |")
    return lines


def _grid(grid: BracketGrid, version: Source, label: str, lang: str) -> list[str]:
    """A grid as a table (bounds as written, price, source) and its step plot.

    The sources are numbered notes under the table, the version's own first.
    """
    not_given = say(lang, "page.not_given")
    references: list[Source] = [version]
    lines = [
        say(lang, "page.version_source", source="[1]"),
        "",
        "| "
        + " | ".join(say(lang, key) for key in ("page.bracket", "page.qf", "page.price"))
        + f" | {say(lang, 'page.source')} |",
        "|---|---|---|---|",
    ]
    for bracket in grid.brackets:
        bounds = not_given if bracket.lower is None else describe_bounds(bracket, lang)
        price = (
            not_given if bracket.unit_price is None else explained.money(lang, bracket.unit_price)
        )
        if bracket.source not in references:
            references.append(bracket.source)
        kind = explained.say(lang, f"source.kind.{bracket.source.kind.value}")
        note = references.index(bracket.source) + 1
        lines.append(f"| {_cell(bracket.name)} | {_cell(bounds)} | {price} | {kind} [{note}] |")
    lines += ["", say(lang, "page.default_bracket", name=grid.default_bracket), ""]
    for note, source in enumerate(references, start=1):
        lines.append(f"{note}. {_cell(_source(source, lang))}")
    lines += ["", figure(tariff_step_plot(grid, lang, label=label))]
    return lines


def _version(version: TariffVersion, label: str, lang: str) -> list[str]:
    if version.ends_on is None:
        period = explained.say(lang, "tariff.from", since=version.effective_from)
    else:
        period = explained.say(
            lang, "tariff.from_to", since=version.effective_from, until=version.ends_on
        )
    lines = [f"### « {label} », {period}", ""]
    if isinstance(version.tariff, BracketGrid):
        return lines + _grid(version.tariff, version.source, label, lang)
    return [
        *lines,
        say(lang, "page.version_source", source=_cell(_source(version.source, lang))),
        "",
        _cell(describe_tariff(version.tariff, lang)),
    ]


def _week_of(policy: CommunePolicy, code: str, first: date) -> date:
    """The Monday of the first week from *first* on in which the service runs at least once."""
    monday = first - timedelta(days=first.weekday())
    for weeks in range(_WEEKS_LOOKED_AT):
        start = monday + timedelta(weeks=weeks)
        days = (start + timedelta(days=offset) for offset in range(7))
        if any(policy.booking.day_windows(code, day).add is not None for day in days):
            return start
    return monday


def commune_page(policy: CommunePolicy, lang: str = "fr", *, week: date) -> str:
    """The generated part of a commune's documentation page, in Markdown with inline SVG.

    Three sections, all from the policy itself: its rules (each line of
    [`explain`][cantine_rules.policies.commune.CommunePolicy.explain] with its source, the
    tariffs aside), each version of each tariff (a bracket grid as a table of its brackets,
    their bounds as the règlement writes them, prices and numbered sources, with its
    [`tariff_step_plot`][cantine_rules.pictures.tariff_step_plot]; any other tariff in words),
    and each service's [`deadline_week`][cantine_rules.pictures.deadline_week], drawn for the
    first week from *week* on in which the service runs.

    The documentation of this project builds its commune pages with it; a commune's developer
    can build the page of their own policy the same way.

    Args:
        policy: the commune.
        lang: ``"fr"`` or ``"en"``.
        week: a day of the first week to draw.

    Raises:
        InvalidValueError: *lang* is not ``"fr"`` nor ``"en"`` (field ``lang``).

    Examples:
        >>> from datetime import date
        >>> from cantine_rules import policies
        >>> page = commune_page(policies.get("paris"), "en", week=date(2024, 9, 30))
        >>> "| tarif 2 | from QF 235 | €0.85 |" in page
        True
    """
    if not isinstance(policy, CommunePolicy):
        raise InvalidTypeError("policy", policy, "must be a CommunePolicy")
    explained.check_lang(lang)
    lines = _rules(policy, lang)
    if policy.tariffs:
        lines += ["", f"## {say(lang, 'page.tariffs')}"]
        for schedule in policy.tariffs:
            label = policy.service(schedule.service_code).label
            for version in schedule.versions:
                lines += ["", *_version(version, label, lang)]
    lines += ["", f"## {say(lang, 'page.weeks')}", "", say(lang, "page.weeks.intro")]
    for service in policy.services:
        monday = _week_of(policy, service.code, week)
        svg = deadline_week(policy, service.code, monday, lang)
        lines += ["", f"### « {service.label} »", "", figure(svg)]
    lines += [
        "",
        say(lang, "page.command"),
        "",
        "```sh",
        f"cantine-rules explain {policy.slug}{say(lang, 'page.command.lang')}",
        "```",
        "",
    ]
    return "\n".join(lines)
