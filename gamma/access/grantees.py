"""A grantee (operator or group) as the masks name it: `LOGIN` or `gruppo:CODE`.

The CLI's `operator:LOGIN` / `group:CODE` are accepted too, and a bare code that is no
operator's login names the group with that code. An empty text means
"everybody" where the caller allows it (field rules, user masks).
"""

from __future__ import annotations

from gamma.access.grants import Grantee
from gamma.errors import NotFound, ValidationError

GROUP_PREFIXES = ("gruppo:", "group:", "g:")
OPERATOR_PREFIXES = ("operatore:", "operator:", "o:")


def parse(text: str | None, field: str = "grantee", label: str = "Operatore o gruppo",
          required: bool = False) -> Grantee | None:
    """The grantee named by `text`; None for an empty text (unless required)."""
    text = (text or "").strip()
    if not text:
        if required:
            raise ValidationError(field, "obbligatorio (codice operatore o gruppo:CODICE)",
                                  label)
        return None
    lowered = text.lower()
    for prefix in GROUP_PREFIXES:
        if lowered.startswith(prefix):
            code = text[len(prefix):].strip()
            try:
                return Grantee.of_group(code)
            except NotFound:
                raise ValidationError(field, f"gruppo {code.lower()} inesistente",
                                      label) from None
    bare = True
    for prefix in OPERATOR_PREFIXES:
        if lowered.startswith(prefix):
            text, bare = text[len(prefix):].strip(), False
            break
    try:
        return Grantee.of_operator(text)
    except NotFound:
        pass
    if bare:  # a bare code that is no operator's login: a group's, if there is one
        try:
            return Grantee.of_group(text)
        except NotFound:
            pass
    what = "operatore o gruppo" if bare else "operatore"
    raise ValidationError(field, f"{what} {text.upper()} inesistente", label)


def exists(text: str | None) -> bool:
    try:
        return parse(text) is not None
    except ValidationError:
        return False


def name(grantee: Grantee | None) -> str:
    """How the masks show a grantee: the login, `gruppo:CODE`, or "" for everybody."""
    if grantee is None:
        return ""
    if grantee.operator is not None:
        return grantee.operator.login
    return f"gruppo:{grantee.group.code}"


def of_row(row) -> Grantee | None:
    """The grantee of a row with operator and group foreign keys (None: everybody)."""
    if row.operator_id is not None:
        return Grantee(operator=row.operator)
    if row.group_id is not None:
        return Grantee(group=row.group)
    return None


def shown(row) -> str:
    """Who a rule or a layout is for, in words."""
    if row.operator_id is not None:
        return row.operator.login
    if row.group_id is not None:
        return f"gruppo:{row.group.code}"
    return "tutti"


def canonical(text: str | None) -> str:
    """The grantee as the masks name it: a login, gruppo:CODE, or "" (everybody)."""
    return name(parse(text))
