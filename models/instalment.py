"""Instalments (scadenze) of confirmed documents: the receivables portfolio's rows."""

from __future__ import annotations

from peewee import CharField, DateField, ForeignKeyField, SmallIntegerField

from models.company import CompanyModel
from models.document import Document
from models.fields import MoneyField
from models.party import Party
from models.tables import Bank


class Instalment(CompanyModel):
    LABEL = "scadenza"

    document = ForeignKeyField(Document, null=True, on_delete="RESTRICT", backref="instalments")
    party = ForeignKeyField(Party, on_delete="RESTRICT", backref="instalments")
    number = SmallIntegerField(default=1)
    due_date = DateField()
    amount = MoneyField()
    collection_charge = MoneyField(default=0)  # spese d'incasso billed with this one
    method = CharField(max_length=4, default="MP05")  # FatturaPA ModalitaPagamento
    bank = ForeignKeyField(Bank, null=True, on_delete="RESTRICT")
    iban = CharField(max_length=34, default="")
    status = CharField(max_length=10, default="open")  # open, presented, paid, unpaid

    class Meta:
        indexes = ((("company", "due_date"), False), (("company", "party", "status"), False))
