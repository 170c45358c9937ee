"""Screens of the statistics (501, 502)."""
