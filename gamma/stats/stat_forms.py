"""Forms (masks) of the statistics."""
