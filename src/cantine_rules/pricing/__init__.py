"""Tariffs, quotient familial brackets, invoices, wallets and ledgers."""
