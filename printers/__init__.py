"""Output: PDF, plain text for dot-matrix printers, ESC/POS receipts, labels, Excel.

Takes plain data, never queries the database.
"""
