"""Kits and mix-and-match gifts in document lines: what the line resolver
(gamma.sales.lines) calls, so that every way into a document (masks, JSON, the CLI) gets
the same lines.

Explosion. A kit article whose explosion is automatic, or any kit whose line asks for it
(`"explode": true`, the mask's key), is followed by its first-level components:
- priced on the parent: the parent line stays as typed and each component becomes a
  descriptive line "» CODE × N UNIT description" (no value, no stock movement);
- priced on the components: the parent becomes the descriptive line "Kit CODE × N …"
  and each component an article line, priced by the pricing engine and moving stock.
When a document is saved again, the descriptive "»" lines following an exploded parent
are dropped and made again from its current quantity, so that they never go stale;
`"explode": false` keeps a line whole.

Mix-and-match. For each active rule (gamma.kits.mix_match) whose article the document
holds at least `buy_qty` of (paid lines), `gift_qty` of the gift article for every
`buy_qty` is added after the last line of the article, at the rule's discount (100: free).
Such lines, when they come back on a later save, are recognised (gift article with the
rule's discount) and made again, so they follow the quantities."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from typing import Any, Iterator

from gamma import functions
from gamma.errors import ValidationError
from gamma.kits.explosion import compute
from gamma.kits.structure import qty_text
from gamma.master.article_common import normalize_code
from gamma.sales import quantities, values
from gamma.service import operation
from models import Article, KitComponent, MixMatch

MARK = "» "
GIFT_SOURCE = "Omaggio mix/match"
ONE = Decimal(1)


def _has_kits(ctx) -> bool:
    return KitComponent.select().where(KitComponent.company == ctx.company).exists()


def _is_goods(data: Any) -> bool:
    return isinstance(data, dict) and "comment" not in data and "text" not in data and any(
        data.get(k) for k in ("article", "barcode", "customer_code", "supplier_code"))


def _code(ctx, data: dict) -> str | None:
    try:
        return normalize_code(ctx, values.code(data.get("article")), "article", "Articolo")
    except ValidationError:
        return None  # the resolver names the bad code in its own words


def _kits_named(ctx, items: list[tuple[int, Any]]) -> dict[str, Article]:
    """The kits among the articles the lines name by our code: one query for them all."""
    codes = {_code(ctx, d) for _, d in items if _is_goods(d) and d.get("article")} - {None}
    if not codes:
        return {}
    return {a.code: a for a in Article.select().where(
        Article.company == ctx.company, Article.code.in_(sorted(codes)), Article.is_kit)}


def _kit(resolver, data: dict, named: dict[str, Article]) -> Article | None:
    if data.get("article"):
        return named.get(_code(resolver.ctx, data) or "")
    try:  # a barcode or a customer's or supplier's code: the resolver's way
        article, _ = resolver.article(data)
    except ValidationError:
        return None
    return article if article is not None and article.is_kit else None


def _qty(data: dict, article: Article) -> Decimal | None:
    try:
        mode = values.text(data.get("qty_mode"), "qty_mode", "Modo quantità", 12) or "qty"
        if mode != "qty":
            return quantities.quantity(mode, data, article.pieces_per_package)[0]
        qty = values.decimal(data.get("qty"), 3, "qty", "Quantità")
    except ValidationError:
        return None
    return ONE if qty is None else qty


def _marked(data: Any) -> bool:
    return isinstance(data, dict) and str(data.get("comment") or "").startswith(MARK)


def _text(prefix: str, code: str, qty: Decimal, unit: str, description: str) -> str:
    """"» A22 × 6 NR Vite inox M6": code and quantity first, where a narrow column of the
    lines screen still shows them; within a comment's 72 characters."""
    amount = f"{qty_text(qty)} {unit}".rstrip()
    return f"{prefix}{code} × {amount} {description}"[:72].rstrip()


def expand(resolver, lines: list[Any]) -> Iterator[tuple[int, Any]]:
    """The lines to resolve, each with the number of the line it came from (errors in a
    component name its kit's line): kits exploded, earlier mix-and-match gifts left out."""
    items = _without_gifts(resolver, list(enumerate(lines, start=1)))
    if not items or not _has_kits(resolver.ctx):
        yield from items
        return
    named = _kits_named(resolver.ctx, items)
    index = 0
    while index < len(items):
        number, data = items[index]
        index += 1
        kit = _kit(resolver, data, named) if _is_goods(data) else None
        if kit is None:
            yield number, data
            continue
        stale = index
        while stale < len(items) and _marked(items[stale][1]):
            stale += 1
        asked = data.get("explode")
        # A line picked up from an order was exploded (or not) in the order already.
        wanted = asked if asked is not None else not data.get("origin") and (
            kit.kit_explosion == "automatic" or (kit.kit_explosion == "on_request"
                                                 and stale > index))
        line = {k: v for k, v in data.items() if k != "explode"}
        qty = _qty(data, kit) if wanted else None
        if not wanted or qty is None or qty == 0:
            yield number, line
            continue
        index = stale
        for piece in _exploded(resolver, kit, line, qty):
            yield number, piece


def _exploded(resolver, kit: Article, line: dict, qty: Decimal) -> list[dict]:
    sign = -1 if qty < 0 else 1
    tree = compute(resolver.ctx, kit, abs(qty), levels=1)
    unit = kit.unit.code if kit.unit_id else ""
    if kit.kit_pricing == "components":
        out: list[dict] = [{"comment": _text("Kit ", kit.code, qty, unit, kit.description)}]
        keep = {k: line[k] for k in ("depot", "gift") if line.get(k)}
        for row in tree.rows:
            out.append({"article": row.code, "qty": row.required * sign, **keep})
        return out
    out = [line]
    for row in tree.rows:
        out.append({"comment": _text(MARK, row.code, row.required * sign, row.unit,
                                     row.description)})
    return out


# -- mix-and-match --------------------------------------------------------------------------
def _rules(resolver) -> list[MixMatch]:
    """The rules in force on the document's date (read once per document save); none
    for the documents of a supplier."""
    cached = getattr(resolver, "mix_match_rules", None)
    if cached is None:
        cached = resolver.mix_match_rules = _in_force(resolver)
    return cached


def _in_force(resolver) -> list[MixMatch]:
    from gamma.sales import kinds
    kind = kinds.KINDS.get(resolver.doc.get("kind") or "")
    if kind is not None and kind.supplier:
        return []
    ctx, day = resolver.ctx, resolver.doc.get("date")
    found = list(MixMatch.select(MixMatch, Article)
                 .join(Article, on=MixMatch.gift == Article.id)
                 .where(MixMatch.company == ctx.company, MixMatch.active == True))  # noqa: E712
    return [r for r in found if (r.valid_from is None or day is None or r.valid_from <= day)
            and (r.valid_to is None or day is None or day <= r.valid_to)]


def chain(rule: MixMatch) -> str:
    """The discount chain of a rule's gift line as lines keep it: "100" for a free gift
    (a chain typed on a line stops below 100, so only a rule's gift line carries it)."""
    return format(rule.discount.normalize(), "f").replace(".", ",")


def _id(value: Any) -> int | None:
    return value.id if hasattr(value, "id") else value


def add_gifts(resolver, out) -> None:
    """Add the gift lines of the rules the resolved lines meet."""
    for rule in _rules(resolver):
        bought = sum((row["qty"] for row in out.rows
                      if row.get("line_kind") == "article" and not row.get("gift")
                      and _id(row.get("article")) == rule.article_id
                      and row.get("price_source") != GIFT_SOURCE), Decimal(0))
        times = (bought / rule.buy_qty).to_integral_value(ROUND_FLOOR) if bought > 0 else 0
        if times <= 0:
            continue
        data = {"article": rule.gift.code, "qty": rule.gift_qty * times}
        free = rule.discount >= 100
        if not free:
            data["discounts"] = chain(rule)
        try:
            rows = resolver._one(data, out)
        except ValidationError as exc:
            raise ValidationError(exc.field, exc.rule, f"Omaggio mix/match {rule.gift.code}"
                                  ) from None
        for row in rows:
            if free:
                row["discounts"], row["amount"] = chain(rule), Decimal("0.00")
            row["price_source"] = GIFT_SOURCE
        last = max(i for i, row in enumerate(out.rows)
                   if _id(row.get("article")) == rule.article_id)
        out.rows[last + 1:last + 1] = rows


def _without_gifts(resolver, items: list[tuple[int, Any]]) -> list[tuple[int, Any]]:
    """Leave out the gift lines a rule made at an earlier save (the gift article at the
    rule's discount): add_gifts makes them again from the current quantities."""
    rules = _rules(resolver) if items else []
    if not rules:
        return items
    marks = {(r.gift.code, chain(r)) for r in rules}
    return [(n, data) for n, data in items if not (
        isinstance(data, dict) and (values.code(data.get("article")),
                                    str(data.get("discounts") or "")) in marks)]


@operation(functions.DOCUMENT_EDIT)
def explode_line(ctx, document_id: int, position: int):
    """The mask's key: explode the kit on the draft's line at `position` (its components
    added as its mode says) and save the draft; the document is returned."""
    from gamma.sales import document_forms, documents
    doc = documents.find(ctx, document_id, for_update=True)
    inputs = document_forms.line_inputs(ctx, doc)
    target = next((i for i in inputs if position in i.get("_positions", ())), None)
    if target is None or not target.get("article"):
        raise ValidationError("line", f"la riga {position} non è di un articolo", "Riga")
    kit = Article.get_or_none(Article.company == ctx.company, Article.code == target["article"])
    if kit is None or not kit.is_kit:
        raise ValidationError("line", f"l'articolo {target['article']} non ha distinta base",
                              "Riga")
    target["explode"] = True
    lines = [document_forms.clean(i) for i in inputs]
    return documents.save_draft(ctx, {"lines": lines}, document_id).document
