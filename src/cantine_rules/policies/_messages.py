r"""The words of a commune's explanations: one message table per language.

[`CommunePolicy.explain`][cantine_rules.policies.commune.CommunePolicy.explain],
[`ExplainedRule.render`][cantine_rules.policies.commune.ExplainedRule.render] and
[`describe_tariff`][cantine_rules.policies.commune.describe_tariff] say everything through these
tables. Each key names one sentence or one word, every language has the same keys, and
``{placeholders}`` take the values, amounts and decimals formatted by babel in the language's
locale. The code that fills them never branches on the language: adding one is adding a table
and its locale.

Keys ending in an enum's value (``payment.mode.card``) name that member's word.

Examples:
    >>> say("en", "tariff.unit_price", amount=money("en", Money.euros("3.60")))
    '€3.60 per unit'
    >>> print(say("fr", "tariff.unit_price", amount=money("fr", Money.euros("3.60"))))
    3,60 € à l'unité
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Final

from cantine_rules.errors import InvalidValueError
from cantine_rules.money import Money

__all__ = ["LOCALES", "MESSAGES", "check_lang", "money", "number", "say"]

LOCALES: Final[Mapping[str, str]] = {"fr": "fr_FR", "en": "en"}
"""The babel locale of each language."""

_FR: Final[Mapping[str, str]] = {
    # ExplainedRule.render: the rule, then where it comes from. French typography puts a space
    # before a colon or a semicolon; English does not.
    "rule": "{text} [{source}]",
    "source.none": "sans source",
    "source.default": "{kind} : {reference}",
    "source.cited": "{kind} : « {reference} »",
    "source.kind.seed": "guide de la commune",
    "source.kind.public": "source publique",
    "source.kind.example": "exemple d'une autre commune",
    "source.kind.default": "valeur par défaut",
    # The calendar.
    "calendar": "Vacances scolaires de la zone {zone} ; {holidays}{closures}.",
    "calendar.week": "Semaine scolaire : {week}.",
    "calendar.holidays": "jours fériés nationaux",
    "calendar.holidays.alsace_moselle": "jours fériés nationaux et d'Alsace-Moselle",
    "calendar.week.four_days": "4 jours, pas de classe le mercredi",
    "calendar.week.four_and_a_half_days": "4 jours et demi, classe le mercredi matin",
    "calendar.week.weekdays": "classe le {days}",
    "calendar.closures": " ; fermetures : {closures}",
    "calendar.closure": "{day} ({label})",
    # A service.
    "service": "« {label} » ({kind}) : {times}, {unit}, {days}.",
    "service.kind.meal": "repas",
    "service.kind.morning_care": "accueil du matin",
    "service.kind.evening_care": "accueil du soir",
    "service.kind.study": "étude",
    "service.kind.wednesday_centre": "centre de loisirs du mercredi",
    "service.kind.holiday_centre": "centre de loisirs des vacances",
    "service.unit.session": "à l'unité",
    "service.unit.half_day": "à la demi-journée",
    "service.unit.day": "à la journée",
    "service.unit.hour": "à l'heure",
    "service.days.school_days": "jours d'école",
    "service.days.wednesdays": "mercredis sans école",
    "service.days.school_holidays": "jours de vacances scolaires",
    # A service's deadlines and late handling.
    "rules": (
        "« {label} » : délai d'ajout : {add} ; délai d'annulation : {cancel}. Hors délai, un "
        "ajout est {late_add} ; une annulation est {late_cancel}."
    ),
    "late": "en ligne {online}, au guichet {office}",
    "outcome.refused": "refusé",
    "outcome.refused_contact": "refusé, contacter {contact}",
    "outcome.surcharged": "accepté, {surcharge}",
    "outcome.still_charged": "accepté, le service reste facturé",
    "outcome.still_charged_unless_certificate": (
        "accepté, le service reste facturé sauf certificat médical (après {waiting} jour(s) de "
        "carence)"
    ),
    "outcome.free": "accepté sans frais",
    # Who may book.
    "requirements": "Pour réserver : {needs} ; {validation}.",
    "requirements.account_validated": "compte famille validé par la mairie",
    "requirements.child_registered": "enfant ajouté à la famille et inscrit au service",
    "requirements.dossier_validated": "dossier d'inscription validé",
    "requirements.nothing": "aucune condition",
    "requirements.validated_at_once": "les demandes sont validées aussitôt",
    "requirements.wait_for_validation": "les demandes attendent la validation de la commune",
    # Tariffs.
    "tariff": "Tarif « {label} » ({period}) : {tariff}",
    "tariff.from": "du {since}",
    "tariff.from_to": "du {since} au {until}",
    "tariff.unit_price": "{amount} à l'unité",
    "tariff.grid": "grille par quotient familial : {brackets} ; sans QF valide : {default}",
    "tariff.bracket": "{name} {bounds} : {price}",
    "tariff.bound.threshold": "dès QF {lower}",
    "tariff.bound.written": "QF {bounds}",
    "tariff.bound.from": "de {value}",
    "tariff.bound.above": "supérieur à {value}",
    "tariff.bound.to": "à {value} inclus",
    "tariff.bound.below": "à moins de {value}",
    "tariff.bound.up_to": "jusqu'à {value} inclus",
    "tariff.bound.under": "inférieur à {value}",
    "tariff.bound.then": " ",
    "tariff.bound.and": " et ",
    "tariff.by_children_count": "selon le nombre d'enfants de la famille : {columns}",
    "tariff.by_sibling_rank": "selon le rang de l'enfant dans la fratrie : {columns}",
    "tariff.count_column": "« {label} » (dès {start}) : {tariff}",
    "tariff.column_separator": " | ",
    "tariff.by_residence": "résidents : {resident} ; « {label} » (hors commune) : {non_resident}",
    "tariff.bracket_separator": " ; ",
    "tariff.unknown": "?",
    "tariff.effort_rate": "taux d'effort {percent} % du QF, entre {low} et {high}",
    "tariff.modified": "{tariff} ({modifiers})",
    "modifier.sibling_reduction": "réduction fratrie : {ranks}",
    "modifier.sibling_rank": "rang {rank} et suivants × {factor}",
    "modifier.non_resident": "supplément non-résidents + {percent} %",
    "modifier.medical_meal_factor": "repas fourni dans le cadre d'un PAI × {factor}",
    "modifier.medical_meal_flat_price": "repas fourni dans le cadre d'un PAI : {amount}",
    "modifier.sibling_floor": "{reduction}, sans descendre sous {floor}",
    "modifier.site_supplement": "supplément par site : {sites}",
    "modifier.site": "{site} + {amount}",
    # Payment, wallet, quotient familial, dossier.
    "payment": "{scheme} ; modes de paiement : {modes}",
    "payment.scheme.postfacturation": "Facturation après service (postfacturation)",
    "payment.scheme.immediate": (
        "Paiement immédiat : les réservations ne comptent qu'une fois payées"
    ),
    "payment.scheme.prepaid": "Porte-monnaie prépayé, toujours créditeur",
    "payment.mode.card": "carte bancaire",
    "payment.mode.cheque": "chèque",
    "payment.mode.transfer": "virement",
    "payment.mode.direct_debit": "prélèvement automatique",
    "payment.mode.payfip": "PayFiP",
    "payment.mode.cash": "espèces",
    "payment.mode.tickets": "tickets cantine",
    "wallet": (
        "La famille est relancée quand le solde du porte-monnaie atteint {amount} ou moins ; un "
        "solde négatif est transmis au service comptable."
    ),
    "quotient": (
        "Quotient familial : attestation de moins de {months} mois ; après le {deadline}, le "
        "tarif par défaut s'applique jusqu'à la régularisation du dossier, sans effet rétroactif."
    ),
    "quotient.any_age": (
        "Quotient familial : après le {deadline}, le tarif par défaut s'applique jusqu'à la "
        "régularisation du dossier, sans effet rétroactif."
    ),
    "quotient.no_deadline": (
        "Quotient familial : un quotient reçu ne compte qu'à partir de sa prise d'effet, sans "
        "effet rétroactif ; sans quotient en vigueur, le tarif par défaut s'applique."
    ),
    "quotient.no_deadline.aged": (
        "Quotient familial : attestation de moins de {months} mois ; un quotient reçu ne compte "
        "qu'à partir de sa prise d'effet, sans effet rétroactif ; sans quotient en vigueur, le "
        "tarif par défaut s'applique."
    ),
    "quotient.effect.next_month": (
        "Un nouveau quotient familial prend effet le 1er du mois suivant sa réception, sans "
        "rétroactivité."
    ),
    "quotient.zero": (
        "Un quotient familial de 0 (non calculable par la CAF) vaut quotient inconnu : le tarif "
        "par défaut s'applique, jamais la tranche la plus basse."
    ),
    "quotient.reference": (
        "Le quotient familial de référence d'une année scolaire est celui du {day} précédant la "
        "rentrée : une attestation antérieure ne compte pas pour cette année, le tarif par "
        "défaut s'applique."
    ),
    "payment.default.payment_scheme": (
        "le règlement ne dit pas quand payer : facturation après service, ce que décrivent la "
        "plupart des règlements"
    ),
    "payment.default.payment_modes": (
        "le règlement ne nomme aucun mode : PayFiP (paiement en ligne des créances publiques) "
        "et chèque"
    ),
    "payment.default.separator": " ; ",
    "payment.service": "« {label} » : {scheme}",
    "payment.prepayment": (
        " ; paiement anticipé de {percent} % avant la clôture des réservations ({deadline})"
    ),
    "top_up.per_child": "Porte-monnaie : rechargement minimum de {amount} par enfant.",
    "top_up.per_family": "Porte-monnaie : rechargement minimum de {amount} par famille.",
    "credit.carry_forward": "Un avoir est déduit de ce que la famille paie ensuite.",
    "credit.refund": "Un avoir est remboursé à {percent} % de son montant.",
    "direct_debit": (
        "Prélèvement automatique : la famille est prévenue du montant au moins {days} jours "
        "calendaires avant le prélèvement."
    ),
    "direct_debit.fee": " Un prélèvement rejeté est facturé {amount} de frais.",
    "direct_debit.default": (
        "le règlement ne fixe aucun délai : la pré-notification au moins 14 jours calendaires "
        "avant l'échéance du recueil des règles SEPA (SDD Core)"
    ),
    "dossier": "Pièce : {label}",
    # Fees of attendance nobody booked.
    "unbooked": "« {label} » pris sans réservation : {charge}{repeated}{counted}.",
    "unbooked.repeated": " ; dès la {occurrence}e fois {period} : {charge}",
    "unbooked.counted.child": " (fois comptées par enfant)",
    "unbooked.counted.family": " (fois comptées par famille)",
    "repetition.period.month": "dans le mois",
    "repetition.period.school_year": "dans l'année scolaire",
    "late_pickup": ("« {label} » : retard à la sortie après {end} : {bands} ; {per} ; {boundary}."),
    "late_pickup.band": "de {starts} à {ends} : {fee}{repeated}",
    "late_pickup.band_open.earlier": "au-delà de {starts} : {fee}{repeated}",
    "late_pickup.band_open.later": "à partir de {starts} : {fee}{repeated}",
    "late_pickup.band_separator": " ; ",
    "late_pickup.repeated": ", {fee} dès la {occurrence}e fois {period}",
    "late_pickup.per.child": "par enfant",
    "late_pickup.per.family": "par famille",
    "late_pickup.boundary.earlier": "une heure limite compte dans la tranche qu'elle termine",
    "late_pickup.boundary.later": "une heure limite compte dans la tranche qu'elle ouvre",
    # Absences judged by the notice, and the days the commune declares non-billable.
    "absences": "Absences « {label} » : {rule}.",
    "absences.separator": " ; ",
    "absences.notice": "gratuite si signalée avant : {rule}",
    "absences.no_notice_rule": "aucun délai de prévenance",
    "absences.waiting": (
        "{days} jour(s) de carence ({unit}) comptés depuis le jour du signalement, facturés"
    ),
    "absences.count.service_days": "jours de service",
    "absences.count.calendar_days": "jours calendaires",
    "absences.charge": "sinon facturée {charge}",
    "absences.booked_price": "au prix du service",
    "absences.certificate.unsaid": "un certificat médical n'y change rien",
    "absences.certificate.not_accepted": "les certificats médicaux ne sont pas acceptés",
    "absences.certificate.within": (
        "un certificat médical remis sous {hours} h (comptées depuis le début du premier jour "
        "d'absence) exonère l'absence"
    ),
    "absences.certificate.waiting": " après {waiting} jour(s) de carence",
    "absences.certificate.late_ignored": ", plus tard il n'est pas pris en compte",
    "absences.certificate.late": ", plus tard après {waiting} jour(s) de carence",
    "absences.certificate.late_until": (
        ", plus tard après {waiting} jour(s) de carence, au-delà de {latest} h il n'est pas "
        "pris en compte"
    ),
    "absences.run.free": (
        "les {days} premier(s) jour(s) d'absence sont pris en charge par la commune"
    ),
    "absences.run.then_charged": "puis {days} jour(s) au plus facturable(s), les suivants gratuits",
    "absences.run.first_charged": (
        "seul(s) le(s) {days} premier(s) jour(s) d'absence facturable(s), les suivants gratuits"
    ),
    "absences.documents": "gratuite avec un justificatif ({kinds}) remis pour l'année scolaire",
    "absences.document.medical": "médical",
    "absences.document.employer": "de l'employeur",
    "non_billable": (
        "{day} ({label}) : non facturé, {services}, {sites} ; aucune démarche de la famille"
    ),
    "non_billable.all_services": "tous les services",
    "non_billable.all_sites": "tous les sites",
    # Attendance regimes and monthly flat fees.
    "regime.fixed_days": (
        "« {service} », {label} : {days} jours fixes par semaine{among}, chaque jour de service "
        "de ces jours réservé sans délai{price}."
    ),
    "regime.among": " parmi : {weekdays}",
    "regime.changes": "« {service} », {label} : {effect}{notice}{commune}.",
    "regime.days.range": "de {low} à {high}",
    "regime.days.exact": "{count}",
    "regime.changes.next_month": "un changement des jours prend effet le 1er d'un mois suivant",
    "regime.changes.next_period": (
        "un changement des jours prend effet à la reprise après les prochaines vacances"
    ),
    "regime.changes.next_school_year": (
        "inscription annuelle : un changement des jours prend effet à la rentrée suivante"
    ),
    "regime.notice": " (demandé au moins {days} jours avant)",
    "regime.through_commune": " ; la commune peut les changer à tout moment",
    "regime.price": " ; prix du jour : {amount}",
    "regime.occasional": (
        "« {service} », {label} : réservation jour par jour, dans les délais du service{price}."
    ),
    "fee": "« {service} », {label} : {amount} {period} {per}{by_children}, {month} ; {refund}.",
    "fee.period.month": "par mois",
    "fee.period.term": "pour le trimestre {first}–{last}",
    "fee.term": "dû une fois si le trimestre compte au moins un jour réservé",
    "fee.per.child": "par enfant",
    "fee.per.family": "par famille",
    "fee.by_children": " ({amounts})",
    "fee.children_amount": "{amount} à partir de {children} enfants",
    "fee.refund": "chaque jour d'absence réservé est remboursé {amount}, sans descendre sous zéro",
    "fee.no_refund": "non remboursable",
    "fee.month": "dû pour chaque mois qui compte au moins un jour réservé",
}

_EN: Final[Mapping[str, str]] = {
    "rule": "{text} [{source}]",
    "source.none": "no source",
    "source.default": "{kind}: {reference}",
    "source.cited": "{kind}: « {reference} »",
    "source.kind.seed": "commune's guide",
    "source.kind.public": "public source",
    "source.kind.example": "example from another commune",
    "source.kind.default": "default",
    "calendar": "School holidays of zone {zone}; {holidays}{closures}.",
    "calendar.week": "School week: {week}.",
    "calendar.holidays": "national public holidays",
    "calendar.holidays.alsace_moselle": "national public holidays and Alsace-Moselle's",
    "calendar.week.four_days": "4 days, no class on Wednesday",
    "calendar.week.four_and_a_half_days": "4.5 days, class on Wednesday morning",
    "calendar.week.weekdays": "school on {days}",
    "calendar.closures": "; closures: {closures}",
    "calendar.closure": "{day} ({label})",
    "service": "« {label} » ({kind}): {times}, {unit}, {days}.",
    "service.kind.meal": "meal",
    "service.kind.morning_care": "morning care",
    "service.kind.evening_care": "evening care",
    "service.kind.study": "study",
    "service.kind.wednesday_centre": "Wednesday centre",
    "service.kind.holiday_centre": "holiday centre",
    "service.unit.session": "per session",
    "service.unit.half_day": "per half-day",
    "service.unit.day": "per day",
    "service.unit.hour": "per hour",
    "service.days.school_days": "school days",
    "service.days.wednesdays": "Wednesdays without school",
    "service.days.school_holidays": "school-holiday weekdays",
    "rules": (
        "« {label} »: deadline to add: {add}; to cancel: {cancel}. Past it, an add is "
        "{late_add}; a cancellation is {late_cancel}."
    ),
    "late": "online {online}, at the office {office}",
    "outcome.refused": "refused",
    "outcome.refused_contact": "refused, contact {contact}",
    "outcome.surcharged": "accepted, {surcharge}",
    "outcome.still_charged": "accepted, the service still charged",
    "outcome.still_charged_unless_certificate": (
        "accepted, the service still charged unless a medical certificate (after {waiting} "
        "waiting day(s))"
    ),
    "outcome.free": "accepted free of charge",
    "requirements": "To book: {needs}; {validation}.",
    "requirements.account_validated": "family account validated by the commune",
    "requirements.child_registered": "child added to the family and registered for the service",
    "requirements.dossier_validated": "registration dossier validated",
    "requirements.nothing": "nothing",
    "requirements.validated_at_once": "requests are validated at once",
    "requirements.wait_for_validation": "requests wait for the commune's validation",
    "tariff": "Tariff « {label} » ({period}): {tariff}",
    "tariff.from": "from {since}",
    "tariff.from_to": "from {since} to {until}",
    "tariff.unit_price": "{amount} per unit",
    "tariff.grid": "grid by quotient familial: {brackets}; without a valid QF: {default}",
    "tariff.bracket": "{name} {bounds}: {price}",
    "tariff.bound.threshold": "from QF {lower}",
    "tariff.bound.written": "QF {bounds}",
    "tariff.bound.from": "from {value}",
    "tariff.bound.above": "above {value}",
    "tariff.bound.to": "to {value} included",
    "tariff.bound.below": "to below {value}",
    "tariff.bound.up_to": "up to {value} included",
    "tariff.bound.under": "below {value}",
    "tariff.bound.then": " ",
    "tariff.bound.and": " and ",
    "tariff.by_children_count": "by the number of children in the family: {columns}",
    "tariff.by_sibling_rank": "by the child's rank among its siblings: {columns}",
    "tariff.count_column": "« {label} » (from {start}): {tariff}",
    "tariff.column_separator": " | ",
    "tariff.by_residence": (
        "residents: {resident}; « {label} » (outside the commune): {non_resident}"
    ),
    "tariff.bracket_separator": "; ",
    "tariff.unknown": "?",
    "tariff.effort_rate": "taux d'effort {percent}% of the QF, between {low} and {high}",
    "tariff.modified": "{tariff} ({modifiers})",
    "modifier.sibling_reduction": "sibling reduction {ranks}",
    "modifier.sibling_rank": "rank {rank}+ × {factor}",
    "modifier.non_resident": "non-resident supplement + {percent} %",
    "modifier.medical_meal_factor": "medical meal (PAI) × {factor}",
    "modifier.medical_meal_flat_price": "medical meal (PAI) {amount}",
    "modifier.sibling_floor": "{reduction}, never below {floor}",
    "modifier.site_supplement": "supplement by site: {sites}",
    "modifier.site": "{site} + {amount}",
    "payment": "{scheme}; payment modes: {modes}",
    "payment.scheme.postfacturation": "Billed after the fact (postfacturation)",
    "payment.scheme.immediate": "Paid at booking: bookings count only once paid",
    "payment.scheme.prepaid": "Prepaid wallet, always in credit",
    "payment.mode.card": "card",
    "payment.mode.cheque": "cheque",
    "payment.mode.transfer": "transfer",
    "payment.mode.direct_debit": "direct debit",
    "payment.mode.payfip": "PayFiP",
    "payment.mode.cash": "cash",
    "payment.mode.tickets": "canteen tickets",
    "wallet": (
        "The family is reminded when the wallet balance is {amount} or less; a negative balance "
        "is escalated."
    ),
    "quotient": (
        "Quotient familial: attestation under {months} months; after {deadline} the default "
        "tariff applies until the dossier is regularised, with no retroactive reduction."
    ),
    "quotient.any_age": (
        "Quotient familial: after {deadline} the default tariff applies until the dossier is "
        "regularised, with no retroactive reduction."
    ),
    "quotient.no_deadline": (
        "Quotient familial: a quotient received counts only once it takes effect, with no "
        "retroactive reduction; without a quotient in force the default tariff applies."
    ),
    "quotient.no_deadline.aged": (
        "Quotient familial: attestation under {months} months; a quotient received counts only "
        "once it takes effect, with no retroactive reduction; without a quotient in force the "
        "default tariff applies."
    ),
    "quotient.effect.next_month": (
        "A new quotient familial takes effect on the 1st of the month after it is received, "
        "never backdated."
    ),
    "quotient.zero": (
        "A quotient familial of 0 (the CAF could not compute it) counts as unknown: the default "
        "tariff applies, never the lowest bracket."
    ),
    "quotient.reference": (
        "The reference quotient familial of a school year is the one of {day} before the "
        "school year starts: an earlier attestation does not count that year, the default "
        "tariff applies."
    ),
    "payment.default.payment_scheme": (
        "the règlement does not say when to pay: billed after the fact, as most règlements do"
    ),
    "payment.default.payment_modes": (
        "the règlement names no mode: PayFiP (online payment of public debts) and cheque"
    ),
    "payment.default.separator": "; ",
    "payment.service": "« {label} »: {scheme}",
    "payment.prepayment": "; {percent} % paid in advance before bookings close ({deadline})",
    "top_up.per_child": "Wallet: a top-up is at least {amount} per child.",
    "top_up.per_family": "Wallet: a top-up is at least {amount} per family.",
    "credit.carry_forward": "A credit is deducted from what the family pays next.",
    "credit.refund": "A credit is refunded at {percent} % of its amount.",
    "direct_debit": (
        "Direct debit: the family is told the amount at least {days} calendar days before "
        "the debit."
    ),
    "direct_debit.fee": " A returned debit costs a fee of {amount}.",
    "direct_debit.default": (
        "the règlement states no delay: the SEPA Core rulebook's pre-notification at least "
        "14 calendar days before the due date"
    ),
    "dossier": "Document: {label}",
    "unbooked": "« {label} » taken without booking: {charge}{repeated}{counted}.",
    "unbooked.repeated": "; from occurrence {occurrence} {period}: {charge}",
    "unbooked.counted.child": " (occurrences counted per child)",
    "unbooked.counted.family": " (occurrences counted per family)",
    "repetition.period.month": "in the month",
    "repetition.period.school_year": "in the school year",
    "late_pickup": "« {label} »: late pick-up after {end}: {bands}; {per}; {boundary}.",
    "late_pickup.band": "from {starts} to {ends}: {fee}{repeated}",
    "late_pickup.band_open.earlier": "after {starts}: {fee}{repeated}",
    "late_pickup.band_open.later": "from {starts}: {fee}{repeated}",
    "late_pickup.band_separator": "; ",
    "late_pickup.repeated": ", {fee} from occurrence {occurrence} {period}",
    "late_pickup.per.child": "per child",
    "late_pickup.per.family": "per family",
    "late_pickup.boundary.earlier": "a boundary time belongs to the band it ends",
    "late_pickup.boundary.later": "a boundary time belongs to the band it starts",
    "absences": "Absences from « {label} »: {rule}.",
    "absences.separator": "; ",
    "absences.notice": "free with notice before {rule}",
    "absences.no_notice_rule": "no notice deadline",
    "absences.waiting": "{days} waiting day(s) ({unit}) counted from the notice day, charged",
    "absences.count.service_days": "service days",
    "absences.count.calendar_days": "calendar days",
    "absences.charge": "otherwise charged {charge}",
    "absences.booked_price": "the service's price",
    "absences.certificate.unsaid": "a medical certificate changes nothing",
    "absences.certificate.not_accepted": "medical certificates are not accepted",
    "absences.certificate.within": (
        "a medical certificate handed in within {hours} h (from the start of the first absent "
        "day) waives the charge"
    ),
    "absences.certificate.waiting": " after {waiting} waiting day(s)",
    "absences.certificate.late_ignored": ", later it is not taken",
    "absences.certificate.late": ", later after {waiting} waiting day(s)",
    "absences.certificate.late_until": (
        ", later after {waiting} waiting day(s), and past {latest} h it is not taken"
    ),
    "absences.run.free": "the first {days} absent day(s) are paid by the commune",
    "absences.run.then_charged": "then at most {days} day(s) may be charged, later days are free",
    "absences.run.first_charged": (
        "only the first {days} absent day(s) may be charged, later days are free"
    ),
    "absences.documents": "free with a standing document ({kinds}) handed in for the school year",
    "absences.document.medical": "medical",
    "absences.document.employer": "employer's",
    "non_billable": (
        "{day} ({label}): not charged, {services}, {sites}; the family has nothing to do"
    ),
    "non_billable.all_services": "every service",
    "non_billable.all_sites": "every site",
    # Attendance regimes and monthly flat fees.
    "regime.fixed_days": (
        "« {service} », {label}: {days} fixed days a week{among}, each service day on those "
        "weekdays booked with no deadline{price}."
    ),
    "regime.among": " among: {weekdays}",
    "regime.changes": "« {service} », {label}: {effect}{notice}{commune}.",
    "regime.days.range": "from {low} to {high}",
    "regime.days.exact": "{count}",
    "regime.changes.next_month": "a change of days takes effect on the 1st of a later month",
    "regime.changes.next_period": (
        "a change of days takes effect when classes resume after the next holidays"
    ),
    "regime.changes.next_school_year": (
        "annual registration: a change of days takes effect at the next school year"
    ),
    "regime.notice": " (asked at least {days} days before)",
    "regime.through_commune": "; the commune may change them at any time",
    "regime.price": "; price of a day: {amount}",
    "regime.occasional": (
        "« {service} », {label}: days booked one by one, within the service's deadlines{price}."
    ),
    "fee": "« {service} », {label}: {amount} {period} {per}{by_children}, {month}; {refund}.",
    "fee.period.month": "a month",
    "fee.period.term": "for the term {first}–{last}",
    "fee.term": "due once if the term has at least one booked day",
    "fee.per.child": "per child",
    "fee.per.family": "per family",
    "fee.by_children": " ({amounts})",
    "fee.children_amount": "{amount} from {children} children",
    "fee.refund": "each booked day of absence is refunded {amount}, never below zero",
    "fee.no_refund": "not refundable",
    "fee.month": "due for each month with at least one booked day",
}

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {"fr": _FR, "en": _EN}
"""The message table of each language, by key; every table has the same keys."""


def check_lang(lang: object) -> str:
    """*lang* if a message table speaks it.

    Raises:
        InvalidValueError: no table for *lang* (field ``lang``).

    Examples:
        >>> check_lang("en")
        'en'
    """
    if not isinstance(lang, str) or lang not in MESSAGES:
        known = " or ".join(repr(known) for known in MESSAGES)
        raise InvalidValueError("lang", lang, f"must be {known}")
    return lang


def say(lang: str, key: str, **fields: object) -> str:
    """The message *key* in *lang*, its placeholders filled with *fields*.

    Raises:
        InvalidValueError: no table for *lang* (field ``lang``).
    """
    return MESSAGES[check_lang(lang)][key].format(**fields)


def money(lang: str, amount: Money) -> str:
    """*amount* as the language writes it (``3,60 €``, ``€3.60``)."""
    return amount.format(LOCALES[check_lang(lang)])


def number(lang: str, value: Decimal) -> str:
    """An exact decimal as the language writes it, every digit kept, no grouping (``0,36``)."""
    # babel is imported where it is first used: a process that only decides never loads it.
    from babel.numbers import format_decimal

    return format_decimal(
        value, locale=LOCALES[check_lang(lang)], decimal_quantization=False, group_separator=False
    )


def month_day(lang: str, month: int, day: int) -> str:
    """A day of the year with no year, as the language writes it (``31 mars``, ``March 31``).

    >>> month_day("fr", 3, 31), month_day("en", 3, 31)
    ('31 mars', 'March 31')
    """
    from babel.dates import format_skeleton  # see `number`

    # Any year without a 29 February reads the same for every other day.
    return format_skeleton("MMMMd", date(2023, month, day), locale=LOCALES[check_lang(lang)])


def month_name(lang: str, month: int) -> str:
    """The name of *month* as the language writes it alone (``septembre``, ``September``).

    >>> month_name("fr", 9), month_name("en", 12)
    ('septembre', 'December')
    """
    from babel.dates import get_month_names  # see `number`

    return str(get_month_names("wide", "stand-alone", locale=LOCALES[check_lang(lang)])[month])
