"""The words of the pictures: one message table per language, with the same keys."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from cantine_rules.policies._messages import check_lang

__all__ = ["say"]

_FR: Final[Mapping[str, str]] = {
    "plot.title": "« {label} » : prix selon le quotient familial",
    "plot.title.plain": "Prix selon le quotient familial",
    "plot.x_axis": "Quotient familial (€)",
    "plot.y_axis": "Prix unitaire",
    "plot.unknown": "prix non donné",
    "plot.default": "sans QF valide : {name}, {price}",
    "plot.default.unknown": "sans QF valide : {name}, prix non donné",
    "plot.open_above": "et au-delà",
    "plot.bracket": "{name}, {bounds} : {price}",
    "plot.not_given": "non donné",
    "plot.description": "{brackets}. Sans QF valide : {default}.",
    "plot.legend": "● borne incluse   ○ borne exclue",
    "week.title": "« {label} » : délais de la semaine du {monday}",
    "week.summary": "{days}. {late}",
    "week.day.summary": "{day} : ajout avant {add}, annulation avant {cancel}",
    "week.day.closed": "{day} : pas de service",
    "week.day.closed.reason": "{day} : pas de service ({reason})",
    "week.no_service": "pas de service",
    "week.starts": "service à {time}",
    "week.add": "Ajout avant",
    "week.cancel": "Annulation avant",
    "week.no_deadline": "sans délai",
    "week.late.add": "ajout — en ligne : {online} ; au guichet : {office}",
    "week.late.cancel": "annulation — en ligne : {online} ; au guichet : {office}",
    "week.late.day": "Une demande faite à l'heure limite, pour le {day} :",
    "week.none_runs": "Aucun jour de service cette semaine.",
    "outcome.refused": "refusé",
    "outcome.refused.contact": "refusé, s'adresser à {contact}",
    "outcome.surcharge": "accepté, facturé {charge}",
    "outcome.still_charged": "accepté, toujours facturé {charge}",
    "outcome.waived": "accepté, non facturé",
    "outcome.accepted": "accepté sans frais",
    "outcome.unknown_amount": "accepté, montant non donné par les sources",
    "page.rules": "Règles",
    "page.topic": "sujet",
    "page.rule": "règle",
    "page.source": "source",
    "page.tariffs": "Tarifs",
    "page.bracket": "tranche",
    "page.qf": "quotient familial, tel qu'écrit",
    "page.price": "prix unitaire",
    "page.not_given": "non donné par les sources",
    "page.default_bracket": "Sans quotient familial valide : {name}.",
    "page.version_source": "Source de cette version : {source}.",
    "page.weeks": "Délais sur une semaine",
    "page.weeks.intro": (
        "Pour chaque service, une semaine où il a lieu : l'heure à laquelle ferme, pour chaque "
        "jour, l'ajout et l'annulation (une demande est à temps strictement avant), et ce "
        "qu'une demande hors délai devient en ligne et au guichet."
    ),
    "page.command": "Les mêmes règles en ligne de commande :",
    "page.command.lang": "",
}

_EN: Final[Mapping[str, str]] = {
    "plot.title": "« {label} »: price by quotient familial",
    "plot.title.plain": "Price by quotient familial",
    "plot.x_axis": "Quotient familial (€)",
    "plot.y_axis": "Unit price",
    "plot.unknown": "price not given",
    "plot.default": "without a valid QF: {name}, {price}",
    "plot.default.unknown": "without a valid QF: {name}, price not given",
    "plot.open_above": "and above",
    "plot.bracket": "{name}, {bounds}: {price}",
    "plot.not_given": "not given",
    "plot.description": "{brackets}. Without a valid QF: {default}.",
    "plot.legend": "● bound included   ○ bound excluded",
    "week.title": "« {label} »: deadlines of the week of {monday}",
    "week.summary": "{days}. {late}",
    "week.day.summary": "{day}: add before {add}, cancel before {cancel}",
    "week.day.closed": "{day}: no service",
    "week.day.closed.reason": "{day}: no service ({reason})",
    "week.no_service": "no service",
    "week.starts": "service at {time}",
    "week.add": "Add before",
    "week.cancel": "Cancel before",
    "week.no_deadline": "no deadline",
    "week.late.add": "add — online: {online}; at the office: {office}",
    "week.late.cancel": "cancellation — online: {online}; at the office: {office}",
    "week.late.day": "A change made at the closing instant, for {day}:",
    "week.none_runs": "No service day this week.",
    "outcome.refused": "refused",
    "outcome.refused.contact": "refused, contact {contact}",
    "outcome.surcharge": "accepted, billed {charge}",
    "outcome.still_charged": "accepted, still billed {charge}",
    "outcome.waived": "accepted, not billed",
    "outcome.accepted": "accepted at no charge",
    "outcome.unknown_amount": "accepted, amount not given by the sources",
    "page.rules": "Rules",
    "page.topic": "topic",
    "page.rule": "rule",
    "page.source": "source",
    "page.tariffs": "Tariffs",
    "page.bracket": "bracket",
    "page.qf": "quotient familial, as written",
    "page.price": "unit price",
    "page.not_given": "not given by the sources",
    "page.default_bracket": "Without a valid quotient familial: {name}.",
    "page.version_source": "Source of this version: {source}.",
    "page.weeks": "Deadlines over a week",
    "page.weeks.intro": (
        "For each service, a week in which it runs: when adding and cancelling close for each "
        "day (a change is on time strictly before), and what becomes of a late change online "
        "and at the office."
    ),
    "page.command": "The same rules from the command line:",
    "page.command.lang": " --lang en",
}

_MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {"fr": _FR, "en": _EN}


def say(lang: str, key: str, **fields: object) -> str:
    """The message *key* in *lang*, its placeholders filled with *fields*.

    Raises:
        InvalidValueError: no table for *lang* (field ``lang``).
    """
    return _MESSAGES[check_lang(lang)][key].format(**fields)
