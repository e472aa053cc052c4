"""Reading the tariffs with columns and the site supplement.

The loaders of [`ByChildrenCount`][cantine_rules.pricing.tariffs.ByChildrenCount],
[`BySiblingRank`][cantine_rules.pricing.tariffs.BySiblingRank],
[`ByResidence`][cantine_rules.pricing.tariffs.ByResidence] and
[`SiteSupplement`][cantine_rules.pricing.tariffs.SiteSupplement], added to the policy
reader's tag tables by :mod:`cantine_rules.plain._load`. A column holds a whole tariff, read by
the policy reader's own tariff parser.
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

__all__ = ["MODIFIER_LOADERS", "TARIFF_LOADERS"]

TariffLoader = Callable[[Reader, Table, Source | None], Tariff]
ModifierLoader = Callable[[Reader, Table, Source | None], Modifier]

_START: Final = integer(minimum=1)


# The policy reader imports this module to build its tag tables, so its parsers are imported
# where they are first used.


def _tariff(inherited: Source | None) -> Parser[Tariff]:
    from cantine_rules.plain._load import _tariff as tariff  # it imports this module

    return tariff(inherited)


def _inherited_source(table: Table, inherited: Source | None) -> Source:
    from cantine_rules.plain._load import _inherited_source as source  # it imports this module

    return source(table, inherited)


def _column(inherited: Source | None) -> Parser[CountColumn]:
    def read(reader: Reader, value: object, path: str) -> CountColumn:
        table = Table(reader, value, path)
        start = table.required("start", _START)
        label = table.required("label", ident)
        priced = table.required("tariff", _tariff(inherited))
        table.close()
        return reader.build(
            path,
            same_names("start", "label", "tariff"),
            lambda: CountColumn(start, label, priced),
        )

    return read


def _columns(table: Table, inherited: Source | None) -> tuple[CountColumn, ...]:
    columns = table.required("columns", list_of(_column(inherited), non_empty=True))
    table.close()
    return columns


def _by_children_count(reader: Reader, table: Table, inherited: Source | None) -> Tariff:
    columns = _columns(table, inherited)
    return reader.build(table.path, same_names("columns"), lambda: ByChildrenCount(columns))


def _by_sibling_rank(reader: Reader, table: Table, inherited: Source | None) -> Tariff:
    columns = _columns(table, inherited)
    return reader.build(table.path, same_names("columns"), lambda: BySiblingRank(columns))


def _by_residence(reader: Reader, table: Table, inherited: Source | None) -> Tariff:
    resident = table.required("resident", _tariff(inherited))
    non_resident = table.required("non_resident", _tariff(inherited))
    label = table.required("label", ident)
    table.close()
    return reader.build(
        table.path,
        same_names("resident", "non_resident", "label"),
        lambda: ByResidence(resident, non_resident, label),
    )


#: The loaders of the tariffs with columns, by tag.
TARIFF_LOADERS: Final[Mapping[str, TariffLoader]] = {
    TARIFF_TAGS[ByChildrenCount]: _by_children_count,
    TARIFF_TAGS[BySiblingRank]: _by_sibling_rank,
    TARIFF_TAGS[ByResidence]: _by_residence,
}


def _site_amount(reader: Reader, value: object, path: str) -> tuple[str, Money]:
    table = Table(reader, value, path)
    site = table.required("site", ident)
    amount = table.required("amount", money)
    table.close()
    return site, amount


def _site_supplement(reader: Reader, table: Table, inherited: Source | None) -> Modifier:
    amounts = table.required("amounts", list_of(_site_amount, non_empty=True))
    source = _inherited_source(table, inherited)
    if table.ok:
        where = join(table.path, "amounts")
        sites = ((join(index_path(where, i), "site"), site) for i, (site, _) in enumerate(amounts))
        if not unique(reader, sites, "site"):
            table.ok = False
    table.close()
    return reader.build(
        table.path,
        same_names("amounts", "source"),
        lambda: SiteSupplement(dict(amounts), source),
    )


#: The loader of the site supplement, by tag.
MODIFIER_LOADERS: Final[Mapping[str, ModifierLoader]] = {
    MODIFIER_TAGS[SiteSupplement]: _site_supplement,
}
