"""Screens of the recurring customer orders (451-453)."""
