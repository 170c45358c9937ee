"""The `gamma` command line: a thin face over the services."""
