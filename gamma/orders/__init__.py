"""Customer and supplier orders: residuals and the stock they hold (committed, on order),
and their fulfilment into delivery notes, invoices and goods receipts."""
