"""Pictures of a commune's rules, as SVG text: a tariff grid's steps, a week of deadlines.

The functions are pure: they take the library's values and return text, in French or English,
that a portal can inline in a page or write to a file. Each picture is accessible
(``<title>``, ``<desc>``, ``role="img"``, ``aria-label``) and carries the figures it draws as
``data-`` attributes.

* [`tariff_step_plot`][cantine_rules.pictures.tariff_step_plot]: the unit price against the
  quotient familial, one step per bracket, bounds included or excluded as written.
* [`deadline_week`][cantine_rules.pictures.deadline_week]: a week of one service, the instant
  each day's add and cancel windows close, and what a late change costs online and at the
  office, from the commune's own decisions.
* [`commune_page`][cantine_rules.pictures.commune_page]: a commune's rules, tariff grids (as
  tables, with their plots) and weeks, as Markdown with the pictures inline; the commune pages
  of this documentation are built with it.

Examples:
    >>> from datetime import date
    >>> from cantine_rules import policies
    >>> svg = deadline_week(policies.get("saint-just-d-avray"), "repas", date(2024, 9, 23), "en")
    >>> 'data-add-closes-at="2024-09-19T17:00:00+02:00"' in svg
    True
"""

from cantine_rules.pictures._deadline_week import deadline_week
from cantine_rules.pictures._page import commune_page
from cantine_rules.pictures._tariff_plot import tariff_step_plot

__all__ = ["commune_page", "deadline_week", "tariff_step_plot"]
