"""Reading the tariffs with columns and the site supplement.

The loaders of [`ByChildrenCount`][cantine_rules.pricing.tariffs.ByChildrenCount],
[`BySiblingRank`][cantine_rules.pricing.tariffs.BySiblingRank],
[`ByResidence`][cantine_rules.pricing.tariffs.ByResidence] and
[`SiteSupplement`][cantine_rules.pricing.tariffs.SiteSupplement], added to the policy
reader's tag tables by :mod:`cantine_rules.plain._load`. A column holds a whole tariff, read by
the policy reader's own tariff parser, which is handed in (it is defined there).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from cantine_rules.money import Money
from cantine_rules.plain._read import (
    Parser,
    Reader,
    Table,
    ident,
    index_path,
    integer,
    join,
    list_of,
    money,
    same_names,
    unique,
)
from cantine_rules.plain._schema import MODIFIER_TAGS, TARIFF_TAGS
from cantine_rules.pricing.tariffs import (
    ByChildrenCount,
    ByResidence,
    BySiblingRank,
    CountColumn,
    Modifier,
    SiteSupplement,
    Tariff,
)
from cantine_rules.sources import Source

__all__ = ["modifier_loaders", "tariff_loaders"]

#: The policy reader's tariff parser, for a tariff inheriting a version's source.
TariffParser = Callable[[Source | None], Parser[Tariff]]
#: The policy reader's ``source`` of a value, or the version's when it gives none.
InheritedSource = Callable[[Table, Source | None], Source]
TariffLoader = Callable[[Reader, Table, Source | None], Tariff]
ModifierLoader = Callable[[Reader, Table, Source | None], Modifier]

_START: Final = integer(minimum=1)


def _column(tariff: TariffParser, inherited: Source | None) -> Parser[CountColumn]:
    def read(reader: Reader, value: object, path: str) -> CountColumn:
        table = Table(reader, value, path)
        start = table.required("start", _START)
        label = table.required("label", ident)
        priced = table.required("tariff", tariff(inherited))
        table.close()
        return reader.build(
            path,
            same_names("start", "label", "tariff"),
            lambda: CountColumn(start, label, priced),
        )

    return read


def _columns(
    table: Table, tariff: TariffParser, inherited: Source | None
) -> tuple[CountColumn, ...]:
    columns = table.required("columns", list_of(_column(tariff, inherited), non_empty=True))
    table.close()
    return columns


def tariff_loaders(tariff: TariffParser) -> dict[str, TariffLoader]:
    """The loaders of the tariffs with columns, by tag, reading columns with *tariff*."""

    def by_children_count(reader: Reader, table: Table, inherited: Source | None) -> Tariff:
        columns = _columns(table, tariff, inherited)
        return reader.build(table.path, same_names("columns"), lambda: ByChildrenCount(columns))

    def by_sibling_rank(reader: Reader, table: Table, inherited: Source | None) -> Tariff:
        columns = _columns(table, tariff, inherited)
        return reader.build(table.path, same_names("columns"), lambda: BySiblingRank(columns))

    def by_residence(reader: Reader, table: Table, inherited: Source | None) -> Tariff:
        resident = table.required("resident", tariff(inherited))
        non_resident = table.required("non_resident", tariff(inherited))
        label = table.required("label", ident)
        table.close()
        return reader.build(
            table.path,
            same_names("resident", "non_resident", "label"),
            lambda: ByResidence(resident, non_resident, label),
        )

    return {
        TARIFF_TAGS[ByChildrenCount]: by_children_count,
        TARIFF_TAGS[BySiblingRank]: by_sibling_rank,
        TARIFF_TAGS[ByResidence]: by_residence,
    }


def _site_amount(reader: Reader, value: object, path: str) -> tuple[str, Money]:
    table = Table(reader, value, path)
    site = table.required("site", ident)
    amount = table.required("amount", money)
    table.close()
    return site, amount


def modifier_loaders(inherited_source: InheritedSource) -> Mapping[str, ModifierLoader]:
    """The loader of the site supplement, by tag."""

    def site_supplement(reader: Reader, table: Table, inherited: Source | None) -> Modifier:
        amounts = table.required("amounts", list_of(_site_amount, non_empty=True))
        source = inherited_source(table, inherited)
        if table.ok:
            where = join(table.path, "amounts")
            sites = (
                (join(index_path(where, i), "site"), site) for i, (site, _) in enumerate(amounts)
            )
            if not unique(reader, sites, "site"):
                table.ok = False
        table.close()
        return reader.build(
            table.path,
            same_names("amounts", "source"),
            lambda: SiteSupplement(dict(amounts), source),
        )

    return {MODIFIER_TAGS[SiteSupplement]: site_supplement}
