"""Kits (bills of materials, "distinte base"): structure (structure), explosion and
implosion (explosion), buildable quantity (buildable), fulfilability of kit orders
(fulfilability), cost roll-up (valuation), production loads (production), explosion and
mix-and-match gifts in document lines (document_lines, mix_match)."""
