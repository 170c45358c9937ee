"""Selections for bulk changes: which articles or parties a change applies to.

A selection is a code range (from..to, both included) and, per selectable field, a list of
codes (any of them matches); fields combine with AND. Codes are those the masks show
(family FER, zone NORD, agent A01, supplier F001).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gamma.context import Context
from gamma.errors import ValidationError
from gamma.master.article_form import GROUPING_KINDS
from gamma.master.party_form import TABLE_FIELDS
from models import Agent, Party, PaymentTerm, TableEntry
from models.article import Article, PartyArticleCode
from models.tables import Unit, VatCode

# selectable field -> Italian label
ARTICLE_FIELDS = {"family": "Famiglia", "subfamily": "Sottofamiglia",
                  "product_group": "Gruppo", "subgroup": "Sottogruppo",
                  **{f"grouping{n}": f"Raggruppamento {n}" for n in range(1, 7)},
                  "vat_code": "Codice IVA", "unit": "Unità di misura",
                  "supplier": "Fornitore"}
PARTY_FIELDS = {"zone": "Zona", "area": "Area", "category": "Categoria",
                **{f"grouping{n}": f"Raggruppamento {n}" for n in range(1, 7)},
                "agent": "Agente", "payment_term": "Pagamento", "province": "Provincia",
                "country": "Nazione", "role": "Ruolo (C/F)"}
ALIASES = {"group": "product_group"}


@dataclass
class Selection:
    """Code range and, per field, the codes accepted."""

    code_from: str = ""
    code_to: str = ""
    values: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, *codes: str) -> "Selection":
        name = ALIASES.get(name, name)
        wanted = [c.strip().upper() for text in codes for c in str(text).split(",")
                  if c.strip()]
        if wanted:
            self.values.setdefault(name, []).extend(wanted)
        return self

    def is_empty(self) -> bool:
        return not (self.code_from or self.code_to or self.values)


def _entries(ctx: Context, kind: str, codes: list[str]):
    return TableEntry.select(TableEntry.id).where(
        TableEntry.company == ctx.company, TableEntry.kind == kind, TableEntry.code.in_(codes))


def _coded(ctx: Context, model, codes: list[str]):
    return model.select(model.id).where(model.company == ctx.company, model.code.in_(codes))


def _range(model, selection: Selection) -> list:
    where = []
    if selection.code_from:
        where.append(model.code >= selection.code_from.strip().upper())
    if selection.code_to:
        where.append(model.code <= selection.code_to.strip().upper())
    return where


def _unknown(name: str, allowed: dict) -> ValidationError:
    return ValidationError("selection", f"campo {name} non selezionabile (ammessi: "
                           f"{', '.join(allowed)})", "Selezione")


def articles(ctx: Context, selection: Selection) -> list[Article]:
    """The articles of the context's company in the selection, by code."""
    ctx.require_company()
    where = [Article.company == ctx.company, *_range(Article, selection)]
    for name, codes in selection.values.items():
        if name in GROUPING_KINDS:
            where.append(getattr(Article, name).in_(_entries(ctx, GROUPING_KINDS[name], codes)))
        elif name == "vat_code":
            where.append(Article.vat_code.in_(_coded(ctx, VatCode, codes)))
        elif name == "unit":
            where.append(Article.unit.in_(_coded(ctx, Unit, codes)))
        elif name == "supplier":
            where.append(Article.id.in_(
                PartyArticleCode.select(PartyArticleCode.article)
                .where(PartyArticleCode.party.in_(_coded(ctx, Party, codes)))))
        else:
            raise _unknown(name, ARTICLE_FIELDS)
    return list(Article.select().where(*where).order_by(Article.code))


def parties(ctx: Context, selection: Selection) -> list[Party]:
    """The parties of the context's company in the selection, by code."""
    ctx.require_company()
    where = [Party.company == ctx.company, *_range(Party, selection)]
    for name, codes in selection.values.items():
        if name in TABLE_FIELDS:
            where.append(getattr(Party, name).in_(_entries(ctx, TABLE_FIELDS[name], codes)))
        elif name == "agent":
            agents = _coded(ctx, Agent, codes)
            where.append(Party.agent.in_(agents) | Party.agent2.in_(agents))
        elif name == "payment_term":
            where.append(Party.payment_term.in_(_coded(ctx, PaymentTerm, codes)))
        elif name in ("province", "country"):
            where.append(getattr(Party, name).in_(codes))
        elif name == "role":
            role = []
            if any("C" in c for c in codes):
                role.append(Party.is_customer == True)  # noqa: E712
            if any("F" in c for c in codes):
                role.append(Party.is_supplier == True)  # noqa: E712
            if not role:
                raise ValidationError("role", "C (clienti) o F (fornitori)", "Ruolo")
            where.append(role[0] if len(role) == 1 else role[0] | role[1])
        else:
            raise _unknown(name, PARTY_FIELDS)
    return list(Party.select().where(*where).order_by(Party.code))
