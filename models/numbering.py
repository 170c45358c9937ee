"""Numbering series (sezionali): the last number given per company, kind, series and year."""

from __future__ import annotations

from peewee import CharField, IntegerField, SmallIntegerField

from models.company import CompanyModel


class NumberCounter(CompanyModel):
    LABEL = "numeratore"

    kind = CharField(max_length=30)  # what is numbered, e.g. invoice, delivery_note
    series = CharField(max_length=10, default="")
    year = SmallIntegerField()
    last_number = IntegerField(default=0)

    class Meta:
        indexes = ((("company", "kind", "series", "year"), True),)
