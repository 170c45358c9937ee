"""Master data: standard tables (VAT codes, payment terms, units, depots, stock reasons,
agents, banks, currencies and rates, countries, code tables), parties with destinations,
articles with texts, dated prices, barcodes, party codes and links."""
from peewee import *

def up(migrator, db):
    class Company(Model):
        class Meta:
            database = db
            table_name = 'company'

    class Agent(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        code = CharField(max_length=10)
        name = CharField(max_length=60)
        commission = BigIntegerField(default=0)
        email = CharField(max_length=100, default='')
        active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'agent'
            indexes = ((('company', 'code'), True),)
    db.create_tables([Agent])

    class Unit(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        code = CharField(max_length=10)
        description = CharField(max_length=60)
        decimals = SmallIntegerField(default=0, constraints=[Check('decimals BETWEEN 0 AND 3')])
        class Meta:
            database = db
            table_name = 'unit'
            indexes = ((('company', 'code'), True),)
    db.create_tables([Unit])

    class TableEntry(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        kind = CharField(max_length=20)
        code = CharField(max_length=10)
        description = CharField(max_length=60)
        notes = TextField(default='')
        active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'table_entry'
            indexes = ((('company', 'kind', 'code'), True),)
    db.create_tables([TableEntry])

    class VatCode(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        code = CharField(max_length=10)
        description = CharField(max_length=60)
        rate = BigIntegerField(default=0)
        nature = CharField(max_length=5, default='')
        law_reference = CharField(max_length=100, default='')
        active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'vat_code'
            indexes = ((('company', 'code'), True),)
    db.create_tables([VatCode])

    class Article(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        code = CharField(max_length=20)
        description = CharField(max_length=72)
        long_text = TextField(default='')
        unit = ForeignKeyField(Unit, null=True, on_delete='RESTRICT')
        unit2 = ForeignKeyField(Unit, null=True, on_delete='RESTRICT')
        conversion = BigIntegerField(null=True)
        pieces_per_package = BigIntegerField(null=True)
        family = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        subfamily = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        product_group = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        subgroup = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        grouping1 = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        grouping2 = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        grouping3 = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        grouping4 = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        grouping5 = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        grouping6 = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        vat_code = ForeignKeyField(VatCode, null=True, on_delete='RESTRICT')
        cost_last = BigIntegerField(null=True)
        cost_average = BigIntegerField(null=True)
        cost_standard = BigIntegerField(null=True)
        min_stock = BigIntegerField(null=True)
        reorder_lot = BigIntegerField(null=True)
        lot_tracked = BooleanField(default=False)
        serial_tracked = BooleanField(default=False)
        is_kit = BooleanField(default=False)
        obsolete = BooleanField(default=False)
        active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'article'
            indexes = ((('company', 'code'), True), (('company', 'description'), False))
    db.create_tables([Article])

    class ArticleLink(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        article = ForeignKeyField(Article, on_delete='CASCADE')
        other = ForeignKeyField(Article, on_delete='CASCADE')
        kind = CharField(max_length=12)
        position = SmallIntegerField(default=0)
        class Meta:
            database = db
            table_name = 'article_link'
            indexes = ((('article', 'other', 'kind'), True),)
    db.create_tables([ArticleLink])

    class ArticlePrice(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        article = ForeignKeyField(Article, on_delete='CASCADE')
        list_number = SmallIntegerField(constraints=[Check('list_number BETWEEN 1 AND 8')])
        valid_from = DateField()
        price = BigIntegerField()
        discounts = CharField(max_length=30, default='')
        markup = BigIntegerField(null=True)
        divisor = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'article_price'
            indexes = ((('article', 'list_number', 'valid_from'), True),)
    db.create_tables([ArticlePrice])

    class ArticleText(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        article = ForeignKeyField(Article, on_delete='CASCADE')
        language = CharField(max_length=2)
        description = CharField(max_length=72)
        class Meta:
            database = db
            table_name = 'article_text'
            indexes = ((('article', 'language'), True),)
    db.create_tables([ArticleText])

    class Bank(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        code = CharField(max_length=10)
        name = CharField(max_length=60)
        iban = CharField(max_length=34, default='')
        abi = CharField(max_length=5, default='')
        cab = CharField(max_length=5, default='')
        bic = CharField(max_length=11, default='')
        active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'bank'
            indexes = ((('company', 'code'), True),)
    db.create_tables([Bank])

    class Barcode(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        article = ForeignKeyField(Article, on_delete='CASCADE')
        code = CharField(max_length=32)
        kind = CharField(max_length=10)
        quantity = BigIntegerField(default=1)
        class Meta:
            database = db
            table_name = 'barcode'
            indexes = ((('company', 'code'), True),)
    db.create_tables([Barcode])

    class Country(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        code = CharField(max_length=2)
        name = CharField(max_length=60)
        eu = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'country'
            indexes = ((('company', 'code'), True),)
    db.create_tables([Country])

    class Currency(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        code = CharField(max_length=3)
        description = CharField(max_length=60)
        decimals = SmallIntegerField(default=2)
        class Meta:
            database = db
            table_name = 'currency'
            indexes = ((('company', 'code'), True),)
    db.create_tables([Currency])

    class Depot(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        code = CharField(max_length=10)
        description = CharField(max_length=60)
        address = CharField(max_length=120, default='')
        active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'depot'
            indexes = ((('company', 'code'), True),)
    db.create_tables([Depot])

    class PaymentTerm(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        code = CharField(max_length=10)
        description = CharField(max_length=60)
        method = CharField(max_length=4, default='MP05')
        days = CharField(max_length=60, default='0')
        end_of_month = BooleanField(default=False)
        fixed_day = SmallIntegerField(default=0)
        excluded_months = CharField(max_length=20, default='')
        excluded_to_day = SmallIntegerField(default=0)
        vat_in_first = BooleanField(default=False)
        active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'payment_term'
            indexes = ((('company', 'code'), True),)
    db.create_tables([PaymentTerm])

    class Party(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        code = CharField(max_length=20)
        name = CharField(max_length=60)
        name2 = CharField(max_length=60, default='')
        address = CharField(max_length=60, default='')
        zip = CharField(max_length=10, default='')
        city = CharField(max_length=60, default='')
        province = CharField(max_length=2, default='')
        country = CharField(max_length=2, default='IT')
        vat_number = CharField(index=True, max_length=20, default='')
        tax_code = CharField(max_length=16, default='')
        sdi_code = CharField(max_length=7, default='')
        pec = CharField(max_length=100, default='')
        email = CharField(max_length=100, default='')
        phone = CharField(max_length=30, default='')
        is_customer = BooleanField(default=True)
        is_supplier = BooleanField(default=False)
        payment_term = ForeignKeyField(PaymentTerm, null=True, on_delete='RESTRICT')
        iban = CharField(max_length=34, default='')
        abi = CharField(max_length=5, default='')
        cab = CharField(max_length=5, default='')
        our_bank = ForeignKeyField(Bank, null=True, on_delete='RESTRICT')
        price_list = SmallIntegerField(default=1)
        discounts = CharField(max_length=30, default='')
        agent = ForeignKeyField(Agent, null=True, on_delete='RESTRICT')
        agent2 = ForeignKeyField(Agent, null=True, on_delete='RESTRICT')
        zone = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        area = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        category = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        grouping1 = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        grouping2 = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        grouping3 = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        grouping4 = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        grouping5 = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        grouping6 = ForeignKeyField(TableEntry, null=True, on_delete='RESTRICT')
        language = CharField(max_length=2, default='it')
        currency = ForeignKeyField(Currency, null=True, on_delete='RESTRICT')
        credit_limit = BigIntegerField(null=True)
        sales_block = BooleanField(default=False)
        block_reason = CharField(max_length=60, default='')
        active = BooleanField(default=True)
        replaced_by = ForeignKeyField('self', null=True, on_delete='SET NULL')
        notes = TextField(default='')
        class Meta:
            database = db
            table_name = 'party'
            indexes = ((('company', 'code'), True), (('company', 'name'), False))
    db.create_tables([Party])

    class Destination(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        party = ForeignKeyField(Party, on_delete='CASCADE')
        number = SmallIntegerField()
        name = CharField(max_length=60)
        address = CharField(max_length=60, default='')
        zip = CharField(max_length=10, default='')
        city = CharField(max_length=60, default='')
        province = CharField(max_length=2, default='')
        country = CharField(max_length=2, default='IT')
        class Meta:
            database = db
            table_name = 'destination'
            indexes = ((('party', 'number'), True),)
    db.create_tables([Destination])

    class ExchangeRate(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        currency = ForeignKeyField(Currency, on_delete='CASCADE')
        day = DateField()
        rate = BigIntegerField()
        class Meta:
            database = db
            table_name = 'exchange_rate'
            indexes = ((('currency', 'day'), True),)
    db.create_tables([ExchangeRate])

    class PartyArticleCode(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        article = ForeignKeyField(Article, on_delete='CASCADE')
        party = ForeignKeyField(Party, on_delete='CASCADE')
        code = CharField(max_length=30)
        description = CharField(max_length=72, default='')
        class Meta:
            database = db
            table_name = 'party_article_code'
            indexes = ((('party', 'code'), True),)
    db.create_tables([PartyArticleCode])

    class StockReason(Model):
        version = IntegerField(default=1)
        company = ForeignKeyField(Company, field=Company.id, on_delete='RESTRICT')
        code = CharField(max_length=10)
        description = CharField(max_length=60)
        on_hand = SmallIntegerField(default=0)
        committed = SmallIntegerField(default=0)
        on_order = SmallIntegerField(default=0)
        value = SmallIntegerField(default=0)
        paired_reason = CharField(max_length=10, default='')
        active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'stock_reason'
            indexes = ((('company', 'code'), True),)
    db.create_tables([StockReason])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('stock_reason'))
    migrator.migrate(migrator.drop_table('party_article_code'))
    migrator.migrate(migrator.drop_table('exchange_rate'))
    migrator.migrate(migrator.drop_table('destination'))
    migrator.migrate(migrator.drop_table('party'))
    migrator.migrate(migrator.drop_table('payment_term'))
    migrator.migrate(migrator.drop_table('depot'))
    migrator.migrate(migrator.drop_table('currency'))
    migrator.migrate(migrator.drop_table('country'))
    migrator.migrate(migrator.drop_table('barcode'))
    migrator.migrate(migrator.drop_table('bank'))
    migrator.migrate(migrator.drop_table('article_text'))
    migrator.migrate(migrator.drop_table('article_price'))
    migrator.migrate(migrator.drop_table('article_link'))
    migrator.migrate(migrator.drop_table('article'))
    migrator.migrate(migrator.drop_table('vat_code'))
    migrator.migrate(migrator.drop_table('table_entry'))
    migrator.migrate(migrator.drop_table('unit'))
    migrator.migrate(migrator.drop_table('agent'))
