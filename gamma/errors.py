"""Domain errors. Each carries an Italian message for the operator; faces show it as is."""

from __future__ import annotations


class GammaError(Exception):
    """Base of every error an operator may see. `str(exc)` is the Italian message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(GammaError):
    """A record named by the caller does not exist."""


class ValidationError(GammaError):
    """Bad input: names the field and the rule that was broken."""

    def __init__(self, field: str, rule: str, label: str | None = None):
        super().__init__(f"{label or field}: {rule}")
        self.field = field
        self.rule = rule


class PermissionDenied(GammaError):
    """The operator lacks a right. `function` is the function code when one applies."""

    def __init__(self, message: str, function: str | None = None):
        super().__init__(message)
        self.function = function
        self.recorded = False  # set once the denial is in the audit log


class AuthenticationError(GammaError):
    """Login refused: wrong credentials, operator locked or deactivated."""


class RecordLocked(GammaError):
    """Another session is editing the record."""

    def __init__(self, message: str, holder: str, since):
        super().__init__(message)
        self.holder = holder
        self.since = since


class StaleRecord(GammaError):
    """The record changed after it was read: the save is refused, never merged."""


class ConfigError(GammaError):
    """A configuration file or variable is wrong."""


class DatabaseError(GammaError):
    """The database cannot be reached, upgraded, backed up or restored."""
