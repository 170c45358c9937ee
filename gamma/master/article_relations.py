"""What surrounds an article: descriptions in other languages (up to 5), supplier and
customer article codes, alternative / substitute / competitor articles."""

from __future__ import annotations

from gamma import functions, lookups, records
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.master.article_common import find_article, get_article
from gamma.service import operation
from models.article import Article, ArticleLink, ArticleText, PartyArticleCode
from models.party import Party

MAX_LANGUAGES = 5
LINK_KINDS = {"alternative": "alternativo", "substitute": "sostitutivo",
              "competitor": "concorrente"}


@operation(functions.ARTICLE_EDIT)
def set_text(ctx: Context, article: Article | str, language: str,
             description: str | None) -> ArticleText | None:
    """Set (or, with an empty description, remove) the description in a language."""
    article = get_article(ctx, article)
    language = (language or "").strip().lower()
    if len(language) != 2 or not language.isalpha():
        raise ValidationError("language", "codice lingua di 2 lettere (en, de, fr…)", "Lingua")
    description = (description or "").strip()
    if len(description) > 72:
        raise ValidationError("description", "al massimo 72 caratteri", "Descrizione in lingua")
    row = ArticleText.get_or_none(ArticleText.article == article,
                                  ArticleText.language == language)
    if not description:
        if row is not None:
            records.delete(ctx, row)
        return None
    if row is not None:
        return records.update(ctx, row, description=description)
    if article.texts.count() >= MAX_LANGUAGES:
        raise ValidationError("language", f"al massimo {MAX_LANGUAGES} lingue per articolo",
                              "Lingua")
    return records.insert(ctx, ArticleText, company=ctx.company, article=article,
                          language=language, description=description)


def _party(ctx: Context, party: Party | str) -> Party:
    if isinstance(party, Party):
        return party
    found = Party.get_or_none(Party.company == ctx.company,
                              Party.code == (party or "").strip().upper())
    if found is None:
        found = Party.get_or_none(Party.company == ctx.company, Party.code == (party or "").strip())
    if found is None:
        raise ValidationError("party", f"anagrafica {party} inesistente", "Cliente/fornitore")
    return found


@operation(functions.ARTICLE_EDIT)
def set_party_code(ctx: Context, article: Article | str, party: Party | str, code: str,
                   description: str = "") -> PartyArticleCode:
    """The supplier's or customer's own code of the article (one article per code)."""
    article = get_article(ctx, article)
    party = _party(ctx, party)
    code = (code or "").strip()
    if not code or len(code) > 30:
        raise ValidationError("party_code", "da 1 a 30 caratteri", "Codice articolo del "
                              "cliente/fornitore")
    row = PartyArticleCode.get_or_none(PartyArticleCode.party == party,
                                       PartyArticleCode.code == code)
    if row is not None and row.article_id != article.id:
        raise ValidationError("party_code", f"{code} di {party.code} già assegnato "
                              f"all'articolo {row.article.code}",
                              "Codice articolo del cliente/fornitore")
    if row is not None:
        return records.update(ctx, row, description=(description or "").strip()[:72])
    return records.insert(ctx, PartyArticleCode, company=ctx.company, article=article,
                          party=party, code=code, description=(description or "").strip()[:72])


def get_party_code(ctx: Context, article: Article | str, party: Party | str,
                   code: str) -> PartyArticleCode:
    """The article's row for that party's code; NotFound otherwise."""
    article = get_article(ctx, article)
    party = _party(ctx, party)
    row = PartyArticleCode.get_or_none(PartyArticleCode.article == article,
                                       PartyArticleCode.party == party,
                                       PartyArticleCode.code == (code or "").strip())
    if row is None:
        raise NotFound(f"Codice {code} di {party.code} inesistente per l'articolo "
                       f"{article.code}")
    return row


def party_code_form_values(row: PartyArticleCode) -> dict:
    return {"party": row.party.code, "party_code": row.code, "description": row.description}


@operation(functions.ARTICLE_EDIT)
def remove_party_code(ctx: Context, article: Article | str, party: Party | str,
                      code: str) -> None:
    """Forget a supplier's or customer's code of the article."""
    records.delete(ctx, get_party_code(ctx, article, party, code))


@operation(functions.ARTICLE_LIST, write=False)
def find_by_party_code(ctx: Context, party: Party | str, code: str) -> Article:
    """The article a supplier or customer calls `code`; NotFound otherwise."""
    party = _party(ctx, party)
    row = PartyArticleCode.get_or_none(PartyArticleCode.party == party,
                                       PartyArticleCode.code == (code or "").strip())
    if row is None:
        raise NotFound(f"Nessun articolo con codice {code} per {party.code}")
    return row.article


@operation(functions.ARTICLE_EDIT)
def link(ctx: Context, article: Article | str, other: Article | str, kind: str) -> ArticleLink:
    """Relate `other` to the article as an alternative, substitute or competitor."""
    article = get_article(ctx, article)
    kind = (kind or "").strip().lower()
    if kind not in LINK_KINDS:
        raise ValidationError("link_kind", "ammessi: " + ", ".join(LINK_KINDS),
                              "Tipo di collegamento")
    try:
        other = get_article(ctx, other)
    except NotFound as exc:
        raise ValidationError("other", exc.message, "Articolo collegato") from None
    if other.id == article.id:
        raise ValidationError("other", "un articolo non si collega a se stesso",
                              "Articolo collegato")
    row = ArticleLink.get_or_none(ArticleLink.article == article, ArticleLink.other == other,
                                  ArticleLink.kind == kind)
    if row is not None:
        return row
    position = article.links.count() + 1
    return records.insert(ctx, ArticleLink, company=ctx.company, article=article, other=other,
                          kind=kind, position=position)


@operation(functions.ARTICLE_EDIT)
def unlink(ctx: Context, article: Article | str, other: Article | str, kind: str) -> None:
    article = get_article(ctx, article)
    other = find_article(ctx, other) if not isinstance(other, Article) else other
    row = ArticleLink.get_or_none(ArticleLink.article == article, ArticleLink.other == other,
                                  ArticleLink.kind == (kind or "").strip().lower())
    if row is None:
        raise NotFound("Collegamento inesistente")
    records.delete(ctx, row)


def links_of(article: Article, kind: str | None = None) -> list[ArticleLink]:
    q = article.links.order_by(ArticleLink.kind, ArticleLink.position)
    if kind:
        q = q.where(ArticleLink.kind == kind)
    return list(q)


def texts_form_values(article: Article) -> dict:
    """The languages sub-mask: the article's descriptions by language."""
    values: dict = {}
    for n, row in enumerate(article.texts.order_by(ArticleText.id), 1):
        values[f"language{n}"] = row.language
        values[f"text{n}"] = row.description
    return values


@operation(functions.ARTICLE_EDIT)
def save_texts(ctx: Context, article: Article | str, values: dict) -> list[ArticleText]:
    """Make the article's descriptions in other languages those of the sub-mask."""
    article = get_article(ctx, article)
    wanted: dict[str, tuple[int, str]] = {}
    for n in range(1, MAX_LANGUAGES + 1):
        language = (values.get(f"language{n}") or "").strip().lower()
        text = (values.get(f"text{n}") or "").strip()
        if not language and not text:
            continue
        if len(language) != 2 or not language.isalpha():
            raise ValidationError(f"language{n}", "codice lingua di 2 lettere (en, de, fr…)",
                                  f"Lingua {n}")
        if language in wanted:
            raise ValidationError(f"language{n}", f"lingua {language} già indicata",
                                  f"Lingua {n}")
        if not text:
            raise ValidationError(f"text{n}", "obbligatoria con la lingua", f"Descrizione {n}")
        wanted[language] = (n, text)
    for row in list(article.texts):
        if row.language not in wanted:
            records.delete(ctx, row)
    for language, (n, text) in wanted.items():
        try:
            set_text(ctx, article, language, text)
        except ValidationError as exc:
            raise ValidationError(f"text{n}", exc.rule, f"Descrizione {n}") from None
    return list(article.texts.order_by(ArticleText.id))


# The lists opened from the article mask: the article is named by the filter `article`.

def _filtered_article(ctx: Context, filters: dict) -> Article | None:
    code = (filters.get("article") or "").strip()
    if ctx.company is None or not code:
        return None
    return Article.get_or_none(Article.company == ctx.company, Article.code == code.upper())


def _party_codes(ctx: Context, typed: str, filters: dict, limit: int) -> list[dict]:
    """The article's supplier and customer codes, by party; `typed` narrows by party or
    code prefix, or a piece of the party's name."""
    article = _filtered_article(ctx, filters)
    if article is None:
        return []
    text = (typed or "").lower()
    rows = [{"party": pc.party.code, "name": pc.party.name, "party_code": pc.code,
             "description": pc.description}
            for pc in (PartyArticleCode.select(PartyArticleCode, Party).join(Party)
                       .where(PartyArticleCode.article == article)
                       .order_by(Party.code, PartyArticleCode.code))]
    return [r for r in rows if not text or r["party"].lower().startswith(text)
            or r["party_code"].lower().startswith(text) or text in r["name"].lower()][:limit]


def _links(ctx: Context, typed: str, filters: dict, limit: int) -> list[dict]:
    """The article's linked articles with the kind of link (`kind` the stored name)."""
    article = _filtered_article(ctx, filters)
    if article is None:
        return []
    text = (typed or "").lower()
    rows = [{"kind_label": LINK_KINDS.get(ln.kind, ln.kind), "kind": ln.kind,
             "code": ln.other.code, "description": ln.other.description}
            for ln in links_of(article)]
    return [r for r in rows if not text or r["code"].lower().startswith(text)
            or r["kind_label"].startswith(text) or text in r["description"].lower()][:limit]


# 80 columns: 12 + 22 + 24 + 18 and three spaces; 12 + 20 + 46 and two spaces.
lookups.register(lookups.Source("article_party_code", "Codici clienti/fornitori", (
    lookups.Column("party", "Cli/for", 12), lookups.Column("name", "Ragione sociale", 22),
    lookups.Column("party_code", "Suo codice", 24),
    lookups.Column("description", "Sua descrizione", 18)), "party_code", _party_codes))
lookups.register(lookups.Source("article_link", "Articoli collegati", (
    lookups.Column("kind_label", "Tipo", 12), lookups.Column("code", "Articolo", 20),
    lookups.Column("description", "Descrizione", 46)), "code", _links))
