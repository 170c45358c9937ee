"""The masks of the reorder, pre-order, open-order and order-report screens, and what
their values do, as lines of text the screens show (the CLI calls the same services)."""

from __future__ import annotations

from typing import Any

from gamma import forms
from gamma.context import Context
from gamma.forms import FieldDef, Form
from gamma.orders import open_orders, preorders, reorder, reorder_proposal, reports, rolling
from gamma.orders.shown import made, money, qty

YN = dict(kind="bool", width=1)
SUPPLIER = FieldDef("supplier", "Fornitore", "code", 20, upper=True, lookup="party",
                    help="vuoto = tutti")

BELOW_MINIMUM = forms.register(Form("below_minimum", "Articoli sotto scorta", (SUPPLIER,)))

REORDER = forms.register(Form("reorder_proposal", "Proposte di riordino", (
    SUPPLIER,
    FieldDef("proposal", "N. proposta", "integer", 8, help="vuoto = nuova proposta"),
    FieldDef("article", "Articolo da variare", "code", 20, upper=True, lookup="article"),
    FieldDef("qty", "Quantità da ordinare", "decimal", 14, decimals=3),
    FieldDef("line_supplier", "Fornitore della riga", "code", 20, upper=True, lookup="party"),
    FieldDef("confirm", "Conferma in ordini", **YN, default="N"),
)))

PREORDERS = forms.register(Form("preorders", "Preordini", (
    FieldDef("article", "Articolo", "code", 20, upper=True, lookup="article",
             help="con la quantità: nuovo preordine"),
    FieldDef("qty", "Quantità", "decimal", 14, decimals=3),
    FieldDef("customer", "Cliente", "code", 20, upper=True, lookup="party"),
    FieldDef("convert", "Converti i preordini n.", "text", 40, help="es. 1,2,5"),
    FieldDef("target", "In ordini a", "choice", 8,
             choices=(("supplier", "fornitore"), ("customer", "cliente")),
             default="supplier"),
)))

SCHEDULE = forms.register(Form("open_order_schedule", "Ordini aperti", (
    FieldDef("order", "Id ordine", "integer", 8, required=True),
    FieldDef("position", "Riga", "integer", 4),
    FieldDef("deliveries", "Consegne", "text", 60,
             help="GG/MM/AAAA:QTÀ:F|P, …  (F consolidata, P previsionale)"),
)))

ROLLING = forms.register(Form("rolling_availability", "Disponibilità a scalare", (
    FieldDef("article", "Articolo", "code", 20, required=True, upper=True, lookup="article"),
)))

ORDER_BOOK = forms.register(Form("order_book", "Portafoglio ordini", (
    FieldDef("kind", "Ordini", "choice", 8,
             choices=(("customer", "clienti"), ("supplier", "fornitori")), default="customer"),
    FieldDef("by", "Raggruppati per", "choice", 8,
             choices=(("customer", "cliente"), ("article", "articolo"), ("date", "data")),
             default="customer"),
    FieldDef("party", "Cliente/fornitore", "code", 20, upper=True, lookup="party"),
    FieldDef("article", "Articolo", "code", 20, upper=True, lookup="article"),
)))

ORDER_FILTER = forms.register(Form("order_report_filter", "Ordini clienti", (
    FieldDef("party", "Cliente/fornitore", "code", 20, upper=True, lookup="party"),
    FieldDef("due_to", "Consegna entro", "date", 10, help="vuoto = tutte"),
)))

LATE = forms.register(Form("supplier_reminders", "Solleciti fornitori", (
    SUPPLIER,
    FieldDef("at", "In ritardo alla data", "date", 10, help="vuoto = oggi"),
    FieldDef("pdf", "Lettere in PDF (file)", "text", 60, help="vuoto = solo elenco"),
)))


def below_minimum_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    found = reorder.below_minimum(ctx, values.get("supplier") or None)
    head = (f"{'Articolo':14} {'Forn.':8} {'Giacenza':>9} {'Impegn.':>9} {'Ordinato':>9} "
            f"{'Disp.':>9} {'Minima':>8} {'Ordinare':>8}")
    return [head] + [
        f"{n.code[:14]:14} {n.supplier_code[:8]:8} {qty(n.on_hand):>9} {qty(n.committed):>9} "
        f"{qty(n.on_order):>9} {qty(n.available):>9} {qty(n.min_stock):>8} "
        f"{qty(n.proposed):>8}" for n in found] + ([] if found else ["Nessun articolo sotto "
                                                                       "scorta"])


def proposal_lines(proposal) -> list[str]:
    out = [f"Proposta di riordino {proposal.id} del {proposal.date:%d/%m/%Y} ("
           f"{'confermata' if proposal.status == 'confirmed' else 'aperta'})"]
    for group in reorder_proposal.groups(proposal):
        out.append(group.label)
        out += [f"  {line.article.code[:14]:14} {line.article.description[:28]:28} "
                f"disp. {qty(line.on_hand - line.committed + line.on_order):>7} "
                f"ordinare {qty(line.qty):>8}" for line in group.lines]
    return out


def reorder_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    """New proposal (no number), a line changed, the proposal shown, or confirmed."""
    number = values.get("proposal")
    if not number:
        return proposal_lines(reorder_proposal.propose(ctx, values.get("supplier") or None))
    if values.get("confirm"):
        orders = reorder_proposal.confirm(ctx, number)
        return [f"Proposta {number} confermata:"] + [f"  {made(doc)}" for doc in orders]
    if values.get("article"):
        reorder_proposal.change_line(ctx, number, values["article"], qty=values.get("qty"),
                                     supplier=values.get("line_supplier") or None)
    return proposal_lines(reorder_proposal.get(ctx, number))


def preorder_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    """A pre-order added, or some converted; then the open ones."""
    out = []
    if values.get("article") and values.get("qty"):
        pre = preorders.add(ctx, values["article"], values["qty"],
                            customer=values.get("customer") or None)
        out.append(f"Preordine {pre.id} registrato")
    wanted = [int(p) for p in (values.get("convert") or "").replace(" ", "").split(",") if p]
    if wanted:
        out += [made(doc) for doc in preorders.convert(ctx, wanted,
                                                       values.get("target") or "supplier")]
    found = preorders.listing(ctx)
    out.append(f"{'N.':>5} {'Data':10} {'Articolo':14} {'Quantità':>9} {'Cliente':10} "
               f"{'Fornitore':10}")
    out += [f"{p.id:>5} {p.date:%d/%m/%Y} {p.article.code[:14]:14} {qty(p.qty):>9} "
            f"{(p.customer.code if p.customer_id else '')[:10]:10} "
            f"{(p.supplier.code if p.supplier_id else '')[:10]:10}" for p in found]
    return out + ([] if found else ["Nessun preordine aperto"])


def schedule_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    order_id = values["order"]
    if values.get("position"):
        open_orders.set_schedule(ctx, order_id, values["position"], open_orders.parse(
            values.get("deliveries") or "", ctx.today()))
    found = open_orders.schedule(ctx, order_id)
    return [f"{'Riga':>4} {'Articolo':14} {'Consegna':10} {'Quantità':>9} {'Tipo':12} "
            f"{'Consegnata':>10} {'Residua':>9}"] + [
        f"{s.position:>4} {s.article[:14]:14} {s.day:%d/%m/%Y} {qty(s.qty):>9} "
        f"{'consolidata' if s.firm else 'previsionale':12} {qty(s.delivered):>10} "
        f"{qty(s.left):>9}" for s in found] + ([] if found else ["Nessuna consegna "
                                                                 "programmata"])


def rolling_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    found = rolling.rolling(ctx, values["article"])
    out = [f"{found.article} {found.description}"[:79],
           f"{'Data':10} {'Movimento':32} {'Entrate':>9} {'Uscite':>9} {'Disponibile':>11}",
           f"{'':10} {'Giacenza':32} {'':>9} {'':>9} {qty(found.on_hand):>11}"]
    for s in found.steps:
        what = s.what + ("" if s.firm else " (prev.)")
        out.append(f"{s.day:%d/%m/%Y} {what[:32]:32} {qty(s.incoming) if s.incoming else '':>9} "
                   f"{qty(s.outgoing) if s.outgoing else '':>9} {qty(s.available):>11}")
    return out


def book_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    groups = reports.order_book(ctx, values.get("kind") or "customer",
                                values.get("by") or "customer",
                                party=values.get("party") or None,
                                article=values.get("article") or None)
    out = []
    for g in groups:
        out.append(f"{g.label[:50]:50} {qty(g.residual):>12} {money(g.value):>14}")
        out += [f"  {line.order[:20]:20} {line.party[:8]:8} {line.article[:14]:14} "
                f"{line.due:%d/%m/%Y} {qty(line.residual):>9} {money(line.value):>11}"
                for line in g.lines]
    return out or ["Nessun ordine da evadere"]


def fulfilability_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    found = reports.fulfilability(ctx, party=values.get("party") or None,
                                  due_to=values.get("due_to"))
    return [f"{'Pr':2} {'Ordine':20} {'Cliente':8} {'Articolo':14} {'Residuo':>9} "
            f"{'Evadibile':>9} {'Manca':>9}"] + [
        f"{a.line.priority:2} {a.line.order[:20]:20} {a.line.party[:8]:8} "
        f"{a.line.article[:14]:14} {qty(a.line.residual):>9} {qty(a.can_ship):>9} "
        f"{qty(a.short):>9}" for a in found]


def late_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    out = []
    if values.get("pdf"):
        from gamma.orders import order_prints
        written = order_prints.reminders_pdf(ctx, values["pdf"], values.get("at"),
                                             values.get("supplier") or None)
        out.append(f"Lettere di sollecito scritte in {written}")
    for g in reports.late_deliveries(ctx, values.get("at"), values.get("supplier") or None):
        out.append(f"{g.supplier} {g.supplier_name}"[:79])
        out += [f"  {line.order[:20]:20} {line.article[:14]:14} consegna "
                f"{line.due:%d/%m/%Y} da ricevere {qty(line.residual):>9}" for line in g.lines]
    return out or ["Nessuna consegna in ritardo"]


def picking_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    found = reports.picking_list(ctx, party=values.get("party") or None,
                                 due_to=values.get("due_to"))
    return [f"{'Ubicazione':12} {'Articolo':14} {'Descrizione':22} {'Ordine':18} "
            f"{'Quantità':>9}"] + [
        f"{line.location[:12]:12} {line.article[:14]:14} {line.description[:22]:22} "
        f"{line.order[:18]:18} {qty(line.residual):>9}" for line in found]
