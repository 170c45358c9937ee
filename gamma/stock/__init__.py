"""Warehouse services: stock movements, availability, balance checks and the modules built on them."""
