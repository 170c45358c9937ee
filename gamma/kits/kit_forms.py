"""The masks of 341 (a kit's components added, changed or removed, and how it explodes in
documents), 342 (explosion, implosion, buildable quantity, open kit orders) and 343
(production load), and their answers as lines of text. The screens only show these;
`gamma kit` calls the same services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gamma import forms
from gamma.context import Context
from gamma.errors import ValidationError
from gamma.forms import FieldDef, Form
from gamma.kits import buildable, explosion, fulfilability, production, structure
from gamma.kits.structure import MAX_LEVELS
from gamma.kits.structure import qty_text as q
from gamma.numbers import format_decimal
from models import KitComponent

YN = dict(kind="bool", width=1, default="N")

COMPONENTS = forms.register(Form("kit_components", "Distinte base", (
    FieldDef("parent", "Kit (articolo padre)", "code", 20, required=True, upper=True,
             lookup="article"),
    FieldDef("component", "Componente", "code", 20, upper=True, lookup="article",
             help="vuoto: mostra la distinta"),
    FieldDef("qty", "Quantità", "decimal", 14, decimals=3, help="per un kit, 1ª unità"),
    FieldDef("scrap", "Sfrido %", "decimal", 6, decimals=2),
    FieldDef("qty2", "Quantità 2ª unità", "decimal", 14, decimals=3),
    FieldDef("alt_group", "Gruppo alternativi", "integer", 2,
             help="stesso gruppo: si sostituiscono"),
    FieldDef("priority", "Priorità", "integer", 2, help="la più bassa si usa per prima"),
    FieldDef("delete", "Elimina componente", **YN),
    FieldDef("explosion", "Esplosione nei doc.", "choice", 12, choices=(
        ("never", "Mai"), ("automatic", "Automatica"), ("on_request", "Su richiesta")),
        help="vuoto: invariata"),
    FieldDef("pricing", "Valorizzato", "choice", 12, choices=(
        ("parent", "Padre"), ("components", "Componenti")), help="vuoto: invariato"),
)))

QUERY = forms.register(Form("kit_query", "Esplosione e implosione", (
    FieldDef("article", "Articolo", "code", 20, required=True, upper=True, lookup="article"),
    FieldDef("view", "Vista", "choice", 14, default="E", choices=(
        ("E", "Esplosione"), ("I", "Implosione"), ("P", "Producibilità"),
        ("O", "Ordini kit")), help="E, I, P (producibili), O (ordini clienti)"),
    FieldDef("qty", "Quantità", "decimal", 14, decimals=3, default="1"),
    FieldDef("first_level", "Solo primo livello", **YN),
    FieldDef("depot", "Deposito", "code", 10, upper=True, lookup="depot",
             help="vuoto: tutti i depositi"),
)))

PRODUCTION = forms.register(Form("kit_production", "Carico di produzione", (
    FieldDef("parent", "Kit prodotto", "code", 20, required=True, upper=True,
             lookup="article"),
    FieldDef("qty", "Quantità", "decimal", 14, required=True, decimals=3),
    FieldDef("first_level", "Scarica solo 1° livello", **YN),
    FieldDef("depot", "Deposito", "code", 10, upper=True, lookup="depot",
             help="vuoto: deposito principale"),
    FieldDef("date", "Data", "date", 10, help="vuoto: oggi"),
)))


def _levels(values: dict[str, Any]) -> int:
    return 1 if values.get("first_level") else MAX_LEVELS


def component_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    """Apply what the mask asks (a component added, changed or removed; the explosion
    mode), then the kit's components."""
    parent = values["parent"]
    done = []
    code = values.get("component")
    given = {k: values[k] for k in ("qty", "scrap", "qty2", "alt_group", "priority")
             if values.get(k) is not None}
    if code:
        head = structure.article(ctx, parent, "parent")
        part = structure.article(ctx, code, "component")
        exists = KitComponent.select().where(KitComponent.parent == head,
                                             KitComponent.component == part).exists()
        if values.get("delete"):
            structure.remove(ctx, head, part)
            done.append(f"{part.code} tolto dalla distinta")
        elif exists:
            structure.update(ctx, head, part, **given)
            done.append(f"{part.code} modificato")
        else:
            if "qty" not in given:
                raise ValidationError("qty", "obbligatoria per un nuovo componente", "Quantità")
            structure.add(ctx, head, part, given.pop("qty"), **given)
            done.append(f"{part.code} aggiunto")
    if values.get("explosion") or values.get("pricing"):
        structure.set_mode(ctx, parent, values.get("explosion"), values.get("pricing"))
        done.append("modo di esplosione registrato")
    head = structure.article(ctx, parent, "parent")
    out = [f"{head.code} {head.description}"[:79],
           f"Esplosione nei documenti: {structure.EXPLOSIONS[head.kit_explosion].lower()}; "
           f"{structure.PRICINGS[head.kit_pricing].lower()}"]
    if done:
        said = "; ".join(done)
        out.insert(0, said[:1].upper() + said[1:])
    rows = structure.show(ctx, head)
    out.append(f"{'Pos':>4} {'Componente':20} {'UM':4} {'Quantità':>12} {'Sfrido':>7} "
               f"{'2ª UM':>10} {'Alt':>3} {'Pr':>2} Kit")
    out += [f"{r.position:>4} {r.code:20} {r.unit[:4]:4} {q(r.qty):>12} {q(r.scrap):>7} "
            f"{q(r.qty2):>10} {r.alt_group or '':>3} {r.priority:>2} "
            f"{'sì' if r.is_kit else ''}" for r in rows]
    return out if rows else out + ["(nessun componente)"]


def query_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    view = values.get("view") or "E"
    code, depot = values["article"], values.get("depot") or None
    if view == "I":
        uses = explosion.implode(ctx, code)
        out = [f"Impieghi di {code}", f"{'Liv':>3} {'Kit':20} {'Tramite':20} {'Q.tà':>10} "
               "Descrizione"]
        out += [f"{u.level:>3} {u.code:20} {u.via:20} {q(u.qty_per):>10} {u.description}"
                for u in uses]
        return out if uses else out + ["(in nessuna distinta)"]
    if view == "P":
        found = buildable.buildable(ctx, code, depot)
        out = [f"{found.code}: producibili {found.qty}"
               + (f" (limita {found.scarcest})" if found.scarcest else ""),
               f"{'Componente':20} {'Per kit':>10} {'Disponibile':>12} {'Kit poss.':>10} "
               "Alternativi"]
        out += [f"{b.code:20} {q(b.per_kit):>10} {q(b.available):>12} {b.allows:>10} "
                + " ".join(b.alternatives) for b in found.components]
        return out
    if view == "O":
        rows = fulfilability.simulate(ctx, code, depot)
        out = [f"{'Ordine':10} {'Consegna':10} {'Cliente':10} {'Residuo':>9} "
               f"{'Giacenza':>9} {'Produrre':>9} {'Manca':>9}"]
        out += [f"{r.order[:10]:10} {r.day:%d/%m/%Y} {r.customer[:10]:10} "
                f"{q(r.residual):>9} {q(r.from_stock):>9} {q(r.built):>9} {q(r.short):>9}"
                for r in rows]
        return out if rows else out + ["(nessun ordine cliente aperto)"]
    result = explosion.explode(ctx, code, values.get("qty") or Decimal(1), _levels(values))
    out = [f"Esplosione di {q(result.qty)} {result.code} {result.description}"[:79],
           f"{'Liv':>3} {'Componente':24} {'UM':4} {'Q.tà unit.':>11} {'Sfrido':>7} "
           f"{'Fabbisogno':>12}"]
    out += [f"{r.level:>3} {('  ' * (r.level - 1) + r.code)[:24]:24} {r.unit[:4]:4} "
            f"{q(r.qty_per):>11} {q(r.scrap):>7} {q(r.required):>12}" for r in result.rows]
    out += ["", "Totale per componente:"]
    out += [f"    {t.code:24} {t.unit[:4]:4} {q(t.required):>12} {t.description}"[:79]
            for t in result.totals]
    return out


def production_lines(ctx: Context, values: dict[str, Any]) -> list[str]:
    done = production.produce(ctx, values["parent"], values["qty"], _levels(values),
                              values.get("depot") or "", values.get("date"))
    out = [f"Caricati {q(done.explosion.qty)} {done.explosion.code} al costo unitario "
           f"{format_decimal(done.unit_cost, 2)}"]
    out += [f"Attenzione: {w}" for w in done.warnings]
    out.append(f"{'Causale':8} {'Articolo':20} {'Deposito':8} {'Quantità':>12}")
    out += [f"{m.reason.code:8} {m.article.code:20} {m.depot.code:8} {q(m.qty):>12}"
            for m in done.movements]
    return out
