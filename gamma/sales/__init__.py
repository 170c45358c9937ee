"""Sales documents: kinds, pricing, totals, confirmation, pick-up, printing, interchange."""
