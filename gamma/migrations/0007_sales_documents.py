"""Sales documents: documents, lines, VAT summaries, stock movements and balances,
instalments, pricing rules, last prices, charge rules; the party's VAT regime,
declaration of intent and withholding; collection charges on payment terms; an article's
rate prevailing over a declaration of intent."""
from peewee import *

def up(migrator, db):
    class Agent(Model):
        class Meta:
            database = db
            table_name = 'agent'

    class Article(Model):
        class Meta:
            database = db
            table_name = 'article'

    class Bank(Model):
        class Meta:
            database = db
            table_name = 'bank'

    class Company(Model):
        class Meta:
            database = db
            table_name = 'company'

    class Currency(Model):
        class Meta:
            database = db
            table_name = 'currency'

    class Depot(Model):
        class Meta:
            database = db
            table_name = 'depot'

    class Destination(Model):
        class Meta:
            database = db
            table_name = 'destination'

    class Party(Model):
        class Meta:
            database = db
            table_name = 'party'

    class PaymentTerm(Model):
        class Meta:
            database = db
            table_name = 'payment_term'

    class StockReason(Model):
        class Meta:
            database = db
            table_name = 'stock_reason'

    class TableEntry(Model):
        class Meta:
            database = db
            table_name = 'table_entry'

    class VatCode(Model):
        class Meta:
            database = db
            table_name = 'vat_code'

    class ChargeRule(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        code = CharField(max_length=10)
        description = CharField(max_length=60)
        kinds = CharField(max_length=120, default='')
        freight_terms = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        basis = CharField(max_length=10, default='amount')
        mode = CharField(max_length=8, default='fixed')
        value = BigIntegerField(default=0)
        rate = BigIntegerField(null=True)
        tiers = TextField(default='')
        vat_code = ForeignKeyField(VatCode, null=True, on_delete='RESTRICT')
        active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'charge_rule'
            indexes = ((('company', 'code'), True),)
    db.create_tables([ChargeRule])

    class Document(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        kind = CharField(max_length=20)
        subkind = CharField(max_length=12, default='')
        register = CharField(max_length=20)
        series = CharField(max_length=10, default='')
        year = SmallIntegerField()
        number = IntegerField(null=True)
        date = DateField()
        status = CharField(max_length=10, default='draft')
        party = ForeignKeyField(Party, null=True, on_delete='RESTRICT')
        destination = ForeignKeyField(Destination, null=True, on_delete='RESTRICT')
        payment_term = ForeignKeyField(PaymentTerm, null=True, on_delete='RESTRICT')
        bank = ForeignKeyField(Bank, null=True, on_delete='RESTRICT')
        iban = CharField(max_length=34, default='')
        agent = ForeignKeyField(Agent, null=True, on_delete='RESTRICT')
        agent2 = ForeignKeyField(Agent, null=True, on_delete='RESTRICT')
        price_list = SmallIntegerField(default=1)
        discounts = CharField(max_length=30, default='')
        carrier = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        transport_reason = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        freight_terms = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        packages = IntegerField(default=0)
        gross_weight = BigIntegerField(null=True)
        net_weight = BigIntegerField(null=True)
        transport_start = DateTimeField(null=True)
        vat_regime = CharField(max_length=16, default='ordinary')
        intent_vat_code = ForeignKeyField(VatCode, null=True, on_delete='RESTRICT')
        intent_reference = CharField(max_length=60, default='')
        currency = ForeignKeyField(Currency, null=True, on_delete='RESTRICT')
        exchange_rate = BigIntegerField(null=True)
        withholding_rate = BigIntegerField(null=True)
        language = CharField(max_length=2, default='it')
        notes = TextField(default='')
        goods = BigIntegerField(default=0)
        charges = BigIntegerField(default=0)
        taxable = BigIntegerField(default=0)
        vat = BigIntegerField(default=0)
        stamp_duty = BigIntegerField(default=0)
        withholding = BigIntegerField(default=0)
        total = BigIntegerField(default=0)
        due = BigIntegerField(default=0)
        total_euro = BigIntegerField(null=True)
        created_by = CharField(max_length=30, default='')
        confirmed_at = DateTimeField(null=True)
        printed_at = DateTimeField(null=True)
        credit_override_by = CharField(max_length=30, default='')
        class Meta:
            database = db
            table_name = 'document'
            indexes = ((('company', 'register', 'series', 'year', 'number'), True), (('company', 'kind', 'date'), False), (('company', 'party', 'date'), False))
    db.create_tables([Document])

    class DocumentLine(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        document = ForeignKeyField(Document, on_delete='CASCADE')
        position = IntegerField()
        line_kind = CharField(max_length=8, default='article')
        article = ForeignKeyField(Article, null=True, on_delete='RESTRICT')
        code = CharField(max_length=30, default='')
        description = CharField(max_length=72, default='')
        long_text = TextField(default='')
        unit = CharField(max_length=10, default='')
        qty = BigIntegerField(null=True)
        qty_entry = CharField(max_length=120, default='')
        price = BigIntegerField(null=True)
        discounts = CharField(max_length=30, default='')
        amount = BigIntegerField(null=True)
        vat_code = ForeignKeyField(VatCode, null=True, on_delete='RESTRICT')
        keeps_vat = BooleanField(default=False)
        gift = CharField(max_length=8, default='')
        depot = ForeignKeyField(Depot, null=True, on_delete='RESTRICT')
        price_source = CharField(max_length=60, default='')
        cost = BigIntegerField(null=True)
        withholding = BooleanField(default=False)
        origin = ForeignKeyField('self', null=True, on_delete='RESTRICT')
        picked_qty = BigIntegerField(default=0)
        closed = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'document_line'
            indexes = ((('document', 'position'), True),)
    db.create_tables([DocumentLine])

    class DocumentVat(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        document = ForeignKeyField(Document, on_delete='CASCADE')
        vat_code = ForeignKeyField(VatCode, on_delete='RESTRICT')
        rate = BigIntegerField(default=0)
        nature = CharField(max_length=5, default='')
        taxable = BigIntegerField(default=0)
        vat = BigIntegerField(default=0)
        split_payment = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'document_vat'
            indexes = ((('document', 'vat_code'), True),)
    db.create_tables([DocumentVat])

    class Instalment(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        document = ForeignKeyField(Document, null=True, on_delete='RESTRICT')
        party = ForeignKeyField(Party, on_delete='RESTRICT')
        number = SmallIntegerField(default=1)
        due_date = DateField()
        amount = BigIntegerField()
        collection_charge = BigIntegerField(default=0)
        method = CharField(max_length=4, default='MP05')
        bank = ForeignKeyField(Bank, null=True, on_delete='RESTRICT')
        iban = CharField(max_length=34, default='')
        status = CharField(max_length=10, default='open')
        class Meta:
            database = db
            table_name = 'instalment'
            indexes = ((('company', 'due_date'), False), (('company', 'party', 'status'), False))
    db.create_tables([Instalment])

    class LastPrice(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        party = ForeignKeyField(Party, on_delete='CASCADE')
        article = ForeignKeyField(Article, on_delete='CASCADE')
        date = DateField()
        price = BigIntegerField()
        discounts = CharField(max_length=30, default='')
        qty = BigIntegerField(null=True)
        document = ForeignKeyField(Document, null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'last_price'
            indexes = ((('party', 'article'), True),)
    db.create_tables([LastPrice])

    class PriceRule(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        kind = CharField(max_length=16)
        description = CharField(max_length=60, default='')
        party = ForeignKeyField(Party, null=True, on_delete='CASCADE')
        article = ForeignKeyField(Article, null=True, on_delete='CASCADE')
        family = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        category = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        zone = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        freight_terms = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        agent = ForeignKeyField(Agent, null=True, on_delete='CASCADE')
        payment_term = ForeignKeyField(PaymentTerm, null=True, on_delete='CASCADE')
        valid_from = DateField(null=True)
        valid_to = DateField(null=True)
        min_qty = BigIntegerField(null=True)
        price = BigIntegerField(null=True)
        price_list = SmallIntegerField(null=True)
        discounts = CharField(max_length=30, default='')
        buy_qty = SmallIntegerField(null=True)
        pay_qty = SmallIntegerField(null=True)
        priority = SmallIntegerField(default=0)
        active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'price_rule'
            indexes = ((('company', 'kind', 'article'), False), (('company', 'party'), False))
    db.create_tables([PriceRule])

    class StockBalance(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        article = ForeignKeyField(Article, on_delete='CASCADE')
        depot = ForeignKeyField(Depot, on_delete='RESTRICT')
        on_hand = BigIntegerField(default=0)
        committed = BigIntegerField(default=0)
        on_order = BigIntegerField(default=0)
        class Meta:
            database = db
            table_name = 'stock_balance'
            indexes = ((('article', 'depot'), True),)
    db.create_tables([StockBalance])

    class StockMovement(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        article = ForeignKeyField(Article, on_delete='RESTRICT')
        depot = ForeignKeyField(Depot, on_delete='RESTRICT')
        reason = ForeignKeyField(StockReason, on_delete='RESTRICT')
        date = DateField()
        qty = BigIntegerField()
        on_hand = BigIntegerField(default=0)
        committed = BigIntegerField(default=0)
        on_order = BigIntegerField(default=0)
        unit_value = BigIntegerField(null=True)
        party = ForeignKeyField(Party, null=True, on_delete='RESTRICT')
        document = ForeignKeyField(Document, null=True, on_delete='RESTRICT')
        line = ForeignKeyField(DocumentLine, null=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'stock_movement'
            indexes = ((('company', 'article', 'depot', 'date'), False), (('company', 'date'), False))
    db.create_tables([StockMovement])


    migrator.migrate(
        migrator.add_column('party', 'vat_regime', CharField(max_length=16, default='ordinary')),
        migrator.add_column('party', 'intent_vat_code_id', ForeignKeyField(
            VatCode, field=VatCode.id, null=True, on_delete='RESTRICT')),
        migrator.add_column('party', 'intent_reference', CharField(max_length=60, default='')),
        migrator.add_column('party', 'intent_valid_to', DateField(null=True)),
        migrator.add_column('party', 'withholding', BooleanField(default=False)),
        migrator.add_column('payment_term', 'collection_charge', BigIntegerField(default=0)),
        migrator.add_column('article', 'keeps_vat', BooleanField(default=False)),
        migrator.add_column('article', 'location', CharField(max_length=20, default='')),
        migrator.add_column('company', 'address', CharField(max_length=60, default='')),
        migrator.add_column('company', 'zip', CharField(max_length=10, default='')),
        migrator.add_column('company', 'city', CharField(max_length=60, default='')),
        migrator.add_column('company', 'province', CharField(max_length=2, default='')),
        migrator.add_column('company', 'country', CharField(max_length=2, default='IT')),
        migrator.add_column('company', 'phone', CharField(max_length=30, default='')),
        migrator.add_column('company', 'email', CharField(max_length=100, default='')),
        migrator.add_column('company', 'pec', CharField(max_length=100, default='')),
        migrator.add_column('company', 'tax_regime', CharField(max_length=4, default='RF01')),
        migrator.add_column('company', 'rea_office', CharField(max_length=2, default='')),
        migrator.add_column('company', 'rea_number', CharField(max_length=20, default='')),
        migrator.add_column('company', 'share_capital', BigIntegerField(null=True)),
        migrator.add_column('company', 'sole_shareholder', CharField(max_length=2, default='')),
        migrator.add_column('company', 'liquidation', CharField(max_length=2, default='LN')),
    )


def down(migrator, db):
    migrator.migrate(*(migrator.drop_column('company', name) for name in (
        'liquidation', 'sole_shareholder', 'share_capital', 'rea_number', 'rea_office',
        'tax_regime', 'pec', 'email', 'phone', 'country', 'province', 'city', 'zip',
        'address')))
    migrator.migrate(
        migrator.drop_column('article', 'location'),
        migrator.drop_column('article', 'keeps_vat'),
        migrator.drop_column('payment_term', 'collection_charge'),
        migrator.drop_column('party', 'withholding'),
        migrator.drop_column('party', 'intent_valid_to'),
        migrator.drop_column('party', 'intent_reference'),
        migrator.drop_index('party', 'party_intent_vat_code_id'),
        migrator.drop_column('party', 'intent_vat_code_id'),
        migrator.drop_column('party', 'vat_regime'),
    )
    migrator.migrate(migrator.drop_table('stock_movement'))
    migrator.migrate(migrator.drop_table('stock_balance'))
    migrator.migrate(migrator.drop_table('price_rule'))
    migrator.migrate(migrator.drop_table('last_price'))
    migrator.migrate(migrator.drop_table('instalment'))
    migrator.migrate(migrator.drop_table('document_vat'))
    migrator.migrate(migrator.drop_table('document_line'))
    migrator.migrate(migrator.drop_table('document'))
    migrator.migrate(migrator.drop_table('charge_rule'))
