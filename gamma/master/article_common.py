"""Articles: the code rule and finding an article by code, shared by the article modules.

Numeric-code alignment: a purely numeric code is zero-padded on the left to
`settings.articles.numeric_code_width` digits when it is above 0 (so `123` and
`0000123` are the same article); at 0 (the default) codes are kept as typed. Codes are stored upper case, at most 20 characters.
"""

from __future__ import annotations

from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from models.article import Article

CODE_LENGTH = 20


def numeric_code_width(ctx: Context) -> int:
    """Digits a numeric code is right-aligned to (0: left as typed)."""
    width = ctx.settings.articles.numeric_code_width if ctx is not None else 0
    return max(0, min(width, CODE_LENGTH))


def normalize_code(ctx: Context, code: str | None, field: str = "code",
                   label: str = "Codice articolo") -> str:
    """The article code as stored: trimmed, upper case, numeric codes aligned."""
    code = (code or "").strip().upper()
    if not code:
        raise ValidationError(field, "obbligatorio", label)
    width = numeric_code_width(ctx)
    if code.isdigit() and width and len(code) < width:
        code = code.zfill(width)
    if len(code) > CODE_LENGTH:
        raise ValidationError(field, f"al massimo {CODE_LENGTH} caratteri", label)
    return code


def find_article(ctx: Context, code: str, field: str = "code",
                 label: str = "Codice articolo") -> Article:
    """The article of the context's company with that code; NotFound otherwise."""
    code = normalize_code(ctx, code, field, label)
    article = Article.get_or_none(Article.company == ctx.company, Article.code == code)
    if article is None:
        raise NotFound(f"Articolo {code} inesistente")
    return article


def get_article(ctx: Context, article: Article | str) -> Article:
    return article if isinstance(article, Article) else find_article(ctx, article)


COST_FIELDS = ("cost_last", "cost_average", "cost_standard")
PRICE_FIELDS = tuple(f"price{n}" for n in range(1, 9))


def unseen_fields(ctx: Context) -> set[str]:
    """Article fields the operator may not see (sensitive data: costs, prices); they are
    left out of masks, shows and exports, and kept as stored when the article is saved."""
    from gamma.access import permissions
    rights = permissions.sensitive_data(ctx.operator)
    out: set[str] = set()
    if not rights.costs:
        out.update(COST_FIELDS)
    if not rights.prices:
        out.update(PRICE_FIELDS)
    return out


def require_prices(ctx: Context) -> None:
    """Prices are sensitive data: changing or reading the price lists needs the right."""
    from gamma.access import permissions
    from gamma.errors import PermissionDenied
    if not permissions.sensitive_data(ctx.operator).prices:
        raise PermissionDenied(f"Prezzi non visibili all'operatore {ctx.operator.display}")
