"""Periodic invoicing from contracts: billing items, transitory movements, invoices."""
