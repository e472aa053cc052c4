"""Tariffs, quotient familial brackets, invoices, baskets, wallets, ledgers and custody.

Two public modules:

- [`cantine_rules.pricing.tariffs`][] — unit prices, bracket grids by quotient familial, taux
  d'effort, modifiers, tariffs versioned by effective date, the quotient familial rules, the
  registration dossier and the checks on a tariff grid;
- [`cantine_rules.pricing.accounts`][] — payment modes, invoicing after the fact, the
  pay-at-booking basket, the prepaid wallet, the ledger and account statement, and alternating
  custody.
"""
