"""First start: the schema, company 1, the administrator, and the optional demo company."""

from __future__ import annotations

from dataclasses import dataclass, field

from peewee import Database

from gamma import companies, db, schema
from gamma.access import operators
from gamma.context import Clock, Context
from gamma.errors import ValidationError
from gamma.master import demo_data
from gamma.sales import demo_documents
from gamma.settings import Settings
from models import Company, Operator

ADMIN_LOGIN = "admin"
FIRST_COMPANY = 1
DEMO_COMPANY = 99
DEMO_NAME = "Gamma Demo S.r.l."
DEMO_VAT_NUMBER = "12345670017"  # a well-formed, fictitious partita IVA


@dataclass
class InitReport:
    applied_migrations: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def needs_init() -> bool:
    """True when the database has no operator yet."""
    return not Operator.select().exists()


def init(settings: Settings, database: Database, admin_password: str | None, *,
         company_name: str = "La mia azienda", demo: bool = False,
         clock: Clock | None = None) -> InitReport:
    """Bring an empty (or partly set up) database to a usable state; safe to repeat."""
    report = InitReport(applied_migrations=schema.upgrade(database))
    ctx = Context(settings, operator=None, clock=clock or Clock())
    with db.transaction():
        wanted = [(FIRST_COMPANY, company_name, "")]
        if demo:
            wanted.append((DEMO_COMPANY, DEMO_NAME, DEMO_VAT_NUMBER))
        for code, name, vat in wanted:
            if Company.select().where(Company.code == code).exists():
                report.existing.append(f"ditta {code}")
            else:
                company = companies.add(ctx, code, name, vat_number=vat)
                if code == DEMO_COMPANY:  # its parties and articles, for trying every function
                    demo_data.load(ctx.with_company(company))
                    demo_documents.load(ctx.with_company(company))
                report.created.append(f"ditta {code} «{name}»")
        if Operator.select().where(Operator.login == ADMIN_LOGIN).exists():
            report.existing.append(f"operatore {ADMIN_LOGIN}")
        else:
            if not admin_password:
                raise ValidationError("password", "obbligatoria per creare l'amministratore",
                                      "Password dell'amministratore")
            operators.add(ctx, ADMIN_LOGIN, admin_password, name="Amministratore",
                          is_admin=True)
            report.created.append(f"operatore {ADMIN_LOGIN} (amministratore)")
    return report
