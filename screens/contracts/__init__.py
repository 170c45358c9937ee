"""Screens of periodic invoicing (241-243)."""
