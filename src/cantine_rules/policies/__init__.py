"""Booking deadline and late-change rules, and the reference communes."""
