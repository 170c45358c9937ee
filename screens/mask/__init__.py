"""The mask engine: entry screens built from form definitions (gamma.forms)."""
