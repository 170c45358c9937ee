"""Field types shared by every table.

Money and quantities are stored as scaled integers: exact on SQLite (whose NUMERIC is a
float) and on PostgreSQL alike, and summable in SQL. Timestamps are stored as naive UTC
and read back as aware UTC datetimes.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal

from peewee import BigIntegerField, DateTimeField


class ScaledDecimalField(BigIntegerField):
    """A Decimal with a fixed number of places, stored as an integer of its smallest unit."""

    def __init__(self, places: int, *args, **kwargs):
        self.places = places
        self._unit = Decimal(1).scaleb(-places)
        self._factor = 10 ** places
        super().__init__(*args, **kwargs)

    def db_value(self, value):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            if isinstance(value, float):
                raise TypeError(f"{self.name}: float non ammesso, usare Decimal")
            value = Decimal(value)
        return int(value.quantize(self._unit, rounding=ROUND_HALF_UP) * self._factor)

    def python_value(self, value):
        if value is None:
            return None
        return (Decimal(int(value)) / self._factor).quantize(self._unit)


class MoneyField(ScaledDecimalField):
    """Amounts in euro (or document currency): 2 places."""

    def __init__(self, *args, **kwargs):
        super().__init__(2, *args, **kwargs)


class PriceField(ScaledDecimalField):
    """Unit prices: up to 6 places."""

    def __init__(self, *args, **kwargs):
        super().__init__(6, *args, **kwargs)


class QuantityField(ScaledDecimalField):
    """Quantities: up to 3 places."""

    def __init__(self, *args, **kwargs):
        super().__init__(3, *args, **kwargs)


class TimestampField(DateTimeField):
    """An instant: naive UTC in the database, aware UTC in Python."""

    def db_value(self, value):
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return super().db_value(value)

    def python_value(self, value):
        value = super().python_value(value)
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class RateField(ScaledDecimalField):
    """Percentages (VAT rates, commissions, markups): 2 places."""

    def __init__(self, *args, **kwargs):
        super().__init__(2, *args, **kwargs)


class ExchangeRateField(ScaledDecimalField):
    """Exchange rates against the euro: 6 places."""

    def __init__(self, *args, **kwargs):
        super().__init__(6, *args, **kwargs)
