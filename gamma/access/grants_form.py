"""The grants mask (923): what is granted directly to one operator or group, as text the
mask shows and takes back.

- companies: `1,2`
- functions: codes, mnemonics or prefixes with `*` (`911,912,92*`, `9*`, `*`); shown
  compressed the same way;
- document rights: one line per document type, `fattura=IMS`, letters I inserimento,
  M modifica, S stampa, T storico, V vede i documenti di altri, A modifica quelli di altri;
  `*` (or `all`) for every right; the CLI's names (`insert,modify`) are accepted too;
- sensitive data: S, N, or (operators only) empty to inherit from the groups.

Saving writes only the differences, through the grants service, in one transaction.
"""

from __future__ import annotations

from typing import Any

from gamma import companies, functions
from gamma.access import field_rules, grantees, grants, permissions
from gamma.access.forms import DOCUMENT_LINES, GRANTS
from gamma.access.grants import Grantee
from gamma.context import Context
from gamma.errors import NotFound, ValidationError
from gamma.service import operation
from models import CompanyAccess, DocumentRight, FunctionGrant

LETTERS = {"I": "insert", "M": "modify", "S": "print", "T": "history", "V": "view_others",
           "A": "modify_others"}
LEGEND = ("Documento N: tipo=diritti, per esempio fattura=IMS (* = tutti i diritti)\n"
          "I inserisce  M modifica  S stampa  T storico  V vede altrui  A modifica altrui")
FUNCTION_FIELDS = ("functions", "functions_more")


def _label(field: str) -> str:
    return GRANTS.field(field).label


# -- functions ------------------------------------------------------------------------
def expand_functions(text: str | None, field: str = "functions") -> list[str]:
    """The function codes meant by `911,DITTE,92*`; ValidationError naming the field."""
    codes: list[str] = []
    known = [f.code for f in functions.all_functions()]
    for item in filter(None, (p.strip().upper() for p in (text or "").split(","))):
        if item.endswith("*"):
            prefix = item[:-1]
            matched = [c for c in known if c.startswith(prefix)]
            if not matched:
                raise ValidationError(field, f"nessuna funzione inizia con {prefix}",
                                      _label(field))
        else:
            try:
                matched = [functions.get(item).code]
            except NotFound:
                raise ValidationError(field, f"funzione {item} inesistente",
                                      _label(field)) from None
        codes += [c for c in matched if c not in codes]
    return codes


def compress_functions(codes: set[str] | list[str]) -> list[str]:
    """Codes as few items as possible: a prefix with * when every function under it is in."""
    wanted = set(codes)
    known = [f.code for f in functions.all_functions()]
    extra = sorted(wanted - set(known))  # grants of functions no longer registered
    items: list[str] = []
    covered: set[str] = set()

    def under(prefix: str) -> list[str]:
        return [c for c in known if c.startswith(prefix)]

    if known and wanted >= set(known):
        return ["*"] + extra
    for code in known:
        if code not in wanted or code in covered:
            continue
        for size in range(1, len(code)):
            prefix = code[:size]
            group = under(prefix)
            if len(group) > 1 and wanted >= set(group):
                items.append(prefix + "*")
                covered.update(group)
                break
        else:
            items.append(code)
            covered.add(code)
    return items + extra


def _split(items: list[str], width: int) -> tuple[str, str]:
    """Comma-joined items over two lines of `width` characters."""
    first: list[str] = []
    for number, item in enumerate(items):
        if len(",".join(first + [item])) > width:
            return ",".join(first), ",".join(items[number:])
        first.append(item)
    return ",".join(first), ""


# -- document rights ------------------------------------------------------------------
def rights_text(rights: list[str] | set[str]) -> str:
    if set(rights) >= set(permissions.DOCUMENT_RIGHTS):
        return "*"
    return "".join(letter for letter, name in LETTERS.items() if name in rights)


def parse_document_line(text: str, field: str) -> tuple[str, set[str]] | None:
    """`fattura=IMS` → ("fattura", {"insert", "modify", "print"}); None for an empty line."""
    text = (text or "").strip()
    if not text:
        return None
    doc_type, equals, typed = text.partition("=")
    doc_type = doc_type.strip().lower()
    if not equals or not doc_type:
        raise ValidationError(field, "scrivere tipo=diritti, per esempio fattura=IMS",
                              _label(field))
    typed = typed.strip()
    if typed in ("*", "all"):
        return doc_type, set(permissions.DOCUMENT_RIGHTS)
    names = [p.strip().lower() for p in typed.split(",")]
    if "," in typed or (names and all(n in permissions.DOCUMENT_RIGHTS for n in names)):
        try:
            return doc_type, grants.parse_rights(names)
        except ValidationError as exc:
            raise ValidationError(field, exc.rule, _label(field)) from None
    rights = set()
    for letter in typed.upper().replace(" ", ""):
        if letter not in LETTERS:
            raise ValidationError(field, f"diritto {letter} sconosciuto (ammessi: "
                                  f"{''.join(LETTERS)} o *)", _label(field))
        rights.add(LETTERS[letter])
    return doc_type, rights


# -- reading --------------------------------------------------------------------------
def _granted(grantee: Grantee) -> grants.GrantSummary:
    """The rows granted directly to the grantee (as grants.summary, under 923)."""
    funcs = {g.function_code: g.allowed for g in FunctionGrant.select()
             .where(grantee.where(FunctionGrant)).order_by(FunctionGrant.function_code)}
    comps = sorted(a.company.code for a in CompanyAccess.select().where(
        grantee.where(CompanyAccess)))
    docs = {}
    for row in DocumentRight.select().where(grantee.where(DocumentRight)).order_by(
            DocumentRight.doc_type):
        docs[row.doc_type] = [n for n in permissions.DOCUMENT_RIGHTS if getattr(row, f"can_{n}")]
    return grants.GrantSummary(funcs, comps, docs)


def _tristate_text(value: bool | None) -> str:
    return "" if value is None else ("S" if value else "N")


@operation(functions.GRANTS, write=False)
def form_values(ctx: Context, grantee_text: str) -> dict[str, Any]:
    """The grants mask's values for an operator or a group."""
    grantee = grantees.parse(grantee_text, required=True)
    granted = _granted(grantee)
    width = GRANTS.field("functions").width
    allowed = compress_functions({c for c, ok in granted.functions.items() if ok})
    first, more = _split(allowed, width)
    denied = ",".join(sorted(c for c, ok in granted.functions.items() if not ok))
    target = grantee.operator or grantee.group
    values = {"grantee": grantees.name(grantee),
              "companies": ",".join(str(c) for c in granted.companies),
              "functions": first, "functions_more": more, "denied": denied,
              "see_costs": _tristate_text(target.see_costs),
              "see_margins": _tristate_text(target.see_margins),
              "see_prices": _tristate_text(target.see_prices)}
    for number, (doc_type, rights) in enumerate(sorted(granted.document_rights.items())[
            :DOCUMENT_LINES], start=1):
        values[f"doc_{number}"] = f"{doc_type}={rights_text(rights)}"
    return values


def hidden_documents(grantee_text: str) -> int:
    """How many document types the mask cannot show (beyond its lines)."""
    grantee = grantees.parse(grantee_text, required=True)
    count = DocumentRight.select().where(grantee.where(DocumentRight)).count()
    return max(0, count - DOCUMENT_LINES)


# -- writing --------------------------------------------------------------------------
def _companies(text: str | None) -> list[int]:
    codes = []
    for item in filter(None, (p.strip() for p in (text or "").split(","))):
        if not item.isdigit():
            raise ValidationError("companies", f"{item!r} non è un codice ditta",
                                  _label("companies"))
        try:
            companies.find(int(item))
        except NotFound:
            raise ValidationError("companies", f"ditta {item} inesistente",
                                  _label("companies")) from None
        if int(item) not in codes:
            codes.append(int(item))
    return codes


def _flag(grantee: Grantee, values: dict[str, Any], name: str) -> bool | None:
    field = f"see_{name}"
    value = values.get(field)
    if value in (None, ""):
        if grantee.group is not None:
            raise ValidationError(field, "un gruppo non eredita: indicare S o N",
                                  _label(field))
        return None
    return value in (True, "S")


@operation(functions.GRANTS)
def save_from_form(ctx: Context, values: dict[str, Any],
                   previous: dict[str, Any] | None = None) -> Grantee:
    """Make the grants of the mask's grantee what the mask says; `previous` are the values
    the mask was loaded with (document types it showed and the operator took away are
    removed; those it could not show are left alone)."""
    grantee = grantees.parse(values.get("grantee"), required=True)
    # Field rules of the form "grants" hold here as on screen (a read-only field keeps
    # what is stored).
    stored = form_values(ctx, grantees.name(grantee))
    values = field_rules.apply(ctx, GRANTS.name, {**stored, **values}, GRANTS.labels, stored)
    granted = _granted(grantee)

    allowed: list[str] = []
    for field in FUNCTION_FIELDS:
        allowed += [c for c in expand_functions(values.get(field), field) if c not in allowed]
    denied = expand_functions(values.get("denied"), "denied")
    if denied and grantee.group is not None:
        raise ValidationError("denied", "i divieti si danno ai singoli operatori",
                              _label("denied"))
    both = [c for c in denied if c in allowed]
    if both:
        raise ValidationError("denied", f"funzione {both[0]} sia concessa sia negata",
                              _label("denied"))
    documents: dict[str, set[str]] = {}
    for number in range(1, DOCUMENT_LINES + 1):
        field = f"doc_{number}"
        parsed = parse_document_line(values.get(field) or "", field)
        if parsed is None:
            continue
        if parsed[0] in documents:
            raise ValidationError(field, f"tipo documento {parsed[0]} ripetuto", _label(field))
        documents[parsed[0]] = parsed[1]
    wanted_companies = _companies(values.get("companies"))
    flags = {name: _flag(grantee, values, name) for name in grants.SENSITIVE}

    gone = [c for c in granted.functions if c not in allowed and c not in denied]
    if gone:
        grants.revoke_functions(ctx, grantee, gone)
    to_allow = [c for c in allowed if granted.functions.get(c) is not True]
    if to_allow:
        grants.grant_functions(ctx, grantee, to_allow)
    to_deny = [c for c in denied if granted.functions.get(c) is not False]
    if to_deny:
        grants.grant_functions(ctx, grantee, to_deny, allowed=False)

    for code in wanted_companies:
        if code not in granted.companies:
            grants.grant_company(ctx, grantee, code)
    for code in granted.companies:
        if code not in wanted_companies:
            grants.revoke_company(ctx, grantee, code)

    shown_before = set()
    for number in range(1, DOCUMENT_LINES + 1):
        parsed = parse_document_line((previous or {}).get(f"doc_{number}") or "",
                                     f"doc_{number}")
        if parsed is not None:
            shown_before.add(parsed[0])
    for doc_type, rights in documents.items():
        if set(granted.document_rights.get(doc_type, [])) != rights:
            grants.set_document_rights(ctx, grantee, doc_type, rights)
    for doc_type in shown_before - set(documents):
        if doc_type in granted.document_rights:
            grants.set_document_rights(ctx, grantee, doc_type, set())

    grants.set_sensitive(ctx, grantee, **flags)
    return grantee
