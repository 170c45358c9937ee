"""Data interchange: reading and writing rows as CSV, Excel and fixed-width records, and
importing them all-or-nothing with a report of every rejected row."""
