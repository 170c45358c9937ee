"""Sales, purchase and order statistics: the statistics journal, the SQL aggregation, stored statistics run incrementally."""
