"""Forms (masks) of the recurring order templates and their generation."""
