"""FatturaPA e-invoices: export of sales documents, SDI outcomes, import of supplier files."""
