"""Recurring customer orders: templates per customer and their generation for a date."""
