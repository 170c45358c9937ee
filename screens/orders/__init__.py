"""The orders area's screens: order lists and entry (401-404), fulfilment (411)."""
