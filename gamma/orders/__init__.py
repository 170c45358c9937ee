"""Orders: customer and supplier orders, reorder, pre-orders, open orders and order reports."""
