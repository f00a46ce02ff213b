"""Formatting for one language: figures, units, dates and interface strings."""
