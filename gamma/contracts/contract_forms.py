"""Forms (masks) of contracts, billing items and periodic invoicing."""
