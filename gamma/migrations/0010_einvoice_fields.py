"""E-invoice data: the professional's pension fund and the agent's ENASARCO share on the
company, deferred VAT on parties and documents, the customer's references (order, CIG, CUP,
contract, agreement) and the supplier invoice a self-invoice integrates."""
from peewee import *


def up(migrator, db):
    class ReceivedInvoice(Model):
        class Meta:
            database = db
            table_name = 'received_invoice'

    migrator.migrate(
        migrator.add_column('company', 'fund_type', CharField(max_length=4, default='')),
        migrator.add_column('company', 'fund_rate', BigIntegerField(null=True)),
        migrator.add_column('company', 'enasarco_rate', BigIntegerField(null=True)),
        migrator.add_column('company', 'withholding_reason', CharField(max_length=2, default='')),
        migrator.add_column('party', 'vat_deferred', BooleanField(default=False)),
        migrator.add_column('document', 'vat_deferred', BooleanField(default=False)),
        migrator.add_column('document', 'customer_reference', CharField(max_length=20, default='')),
        migrator.add_column('document', 'customer_reference_date', DateField(null=True)),
        migrator.add_column('document', 'cig', CharField(max_length=15, default='')),
        migrator.add_column('document', 'cup', CharField(max_length=15, default='')),
        migrator.add_column('document', 'contract_reference', CharField(max_length=20, default='')),
        migrator.add_column('document', 'contract_date', DateField(null=True)),
        migrator.add_column('document', 'agreement_reference', CharField(max_length=20, default='')),
        migrator.add_column('document', 'received_invoice_id', ForeignKeyField(
            ReceivedInvoice, field=ReceivedInvoice.id, null=True, on_delete='RESTRICT')),
    )


def down(migrator, db):
    migrator.migrate(
        *(migrator.drop_column('document', name) for name in (
            'received_invoice_id', 'agreement_reference', 'contract_date', 'contract_reference',
            'cup', 'cig', 'customer_reference_date', 'customer_reference', 'vat_deferred')),
        migrator.drop_column('party', 'vat_deferred'),
        *(migrator.drop_column('company', name) for name in (
            'withholding_reason', 'enasarco_rate', 'fund_rate', 'fund_type')),
    )
