"""Warehouse screens: movements list and entry, availability."""
