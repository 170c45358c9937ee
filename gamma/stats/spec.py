"""What a statistic computes: sources, elements (the hierarchy), measures, period and
year comparison, filters by ranges, and the options of the classic statistics (agent of
the card or of the movement, unmoved items, funnel, price bands, gifts, campaigns, cost).

`to_params`/`from_params` turn a spec into a JSON object and back, for presets; `validate`
raises a ValidationError in Italian naming the field and the rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from gamma.errors import ValidationError
from gamma.stats import elements, measures

SOURCES = ("sales", "purchases", "orders", "supplier_orders")
AGENT_FROM = ("movement", "customer")
ARTICLE_COSTS = ("line", "standard", "last", "average")  # "last"/"average": the card's
MAX_RANGES = 6
MAX_YEARS = 6
MAX_ELEMENTS = 8

LABELS = {"sources": "Provenienza", "elements": "Elementi", "measures": "Misure",
          "page_breaks": "Salto pagina", "date_from": "Dalla data", "date_to": "Alla data",
          "compare_years": "Anni a confronto", "filters": "Limiti",
          "agent_from": "Agente da", "funnel": "Imbuto %", "funnel_measure": "Misura imbuto",
          "price_bands": "Fasce di prezzo", "cost": "Valorizzazione costo",
          "include_unmoved": "Non movimentati"}

Range = tuple[str, str]


@dataclass(frozen=True)
class StatSpec:
    elements: tuple[str, ...] = ("customer",)
    measures: tuple[str, ...] = ("qty", "revenue")
    sources: tuple[str, ...] = ("sales",)
    date_from: date | None = None
    date_to: date | None = None
    compare_years: int = 1  # >1: the period is within the year, a column set per year
    filters: dict[str, tuple[Range, ...]] = field(default_factory=dict)
    page_breaks: tuple[str, ...] = ()
    agent_from: str = "movement"  # movement: the historical agent; customer: the card's
    include_unmoved: bool = False
    funnel: Decimal | None = None  # top items of the first level up to this cumulative %
    funnel_measure: str = "revenue"
    price_bands: tuple[Decimal, ...] = ()  # edges of the bands of the net unit price
    gifts: bool = True
    campaigns: bool = True
    cost: str = "line"  # line, standard, last, average or a stock valuation method
    title: str = ""

    @property
    def period(self) -> str | None:
        return next((e for e in self.elements if e in elements.PERIODS), None)

    def years(self) -> list[tuple[int, date, date]]:
        """The compared years, oldest first: (label year, from, to); the last is the
        spec's own range, each earlier one a year before."""
        if self.compare_years <= 1 or not self.date_from or not self.date_to:
            return []
        out = []
        for back in range(self.compare_years - 1, -1, -1):
            out.append((self.date_to.year - back, _years_back(self.date_from, back),
                        _years_back(self.date_to, back)))
        return out

    def validate(self) -> "StatSpec":
        _validate(self)
        return self

    def to_params(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "elements": list(self.elements), "measures": list(self.measures),
            "sources": list(self.sources),
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "compare_years": self.compare_years,
            "filters": {k: [list(r) for r in v] for k, v in self.filters.items()},
            "page_breaks": list(self.page_breaks), "agent_from": self.agent_from,
            "include_unmoved": self.include_unmoved,
            "funnel": str(self.funnel) if self.funnel is not None else None,
            "funnel_measure": self.funnel_measure,
            "price_bands": [str(b) for b in self.price_bands], "gifts": self.gifts,
            "campaigns": self.campaigns, "cost": self.cost, "title": self.title}
        return out

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> "StatSpec":
        """A spec from a JSON object (a preset); unknown keys are refused."""
        unknown = set(params) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValidationError(sorted(unknown)[0], "parametro sconosciuto", "Parametri")
        p = dict(params)
        for key in ("elements", "measures", "sources", "page_breaks"):
            if key in p:
                p[key] = tuple(_names(p[key], key))
        for key in ("date_from", "date_to"):
            if p.get(key):
                p[key] = _day(p[key], key)
        if "filters" in p:
            p["filters"] = {k: tuple(parse_ranges(v, k) if isinstance(v, str)
                                     else (tuple(map(str, r)) for r in v))
                            for k, v in (p["filters"] or {}).items()}
        if p.get("funnel") not in (None, ""):
            p["funnel"] = _decimal(p["funnel"], "funnel")
        else:
            p["funnel"] = None
        if "price_bands" in p:
            p["price_bands"] = tuple(_decimal(b, "price_bands") for b in
                                     _names(p["price_bands"], "price_bands"))
        if "compare_years" in p:
            try:
                p["compare_years"] = int(p["compare_years"] or 1)
            except (TypeError, ValueError):
                raise ValidationError("compare_years", "numero intero da 1 a 6",
                                      LABELS["compare_years"]) from None
        return replace(cls(), **p).validate()


def _names(value: Any, key: str) -> list[str]:
    if isinstance(value, str):
        return [v.strip().lower() for v in value.split(",") if v.strip()]
    if isinstance(value, (list, tuple)):
        return [str(v).strip().lower() for v in value]
    raise ValidationError(key, "elenco di nomi separati da virgola", LABELS.get(key, key))


def _day(value: Any, key: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(key, "data non valida (aaaa-mm-gg)", LABELS[key]) from None


def _decimal(value: Any, key: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(key, "numero non valido", LABELS[key]) from None
    if not number.is_finite():
        raise ValidationError(key, "numero non valido", LABELS[key])
    return number


def _years_back(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def parse_ranges(text: str, key: str = "filters") -> tuple[Range, ...]:
    """"5-10,15-29,50-999" → (("5","10"), ("15","29"), ("50","999")); a single code is a
    range of one; "A..B" for codes that contain a dash."""
    out = []
    for part in (p.strip().upper() for p in text.split(",")):
        if not part:
            continue
        if ".." in part:
            low, _, high = part.partition("..")
        elif part.count("-") == 1:
            low, _, high = part.partition("-")
        else:
            low = high = part
        out.append((low.strip(), high.strip()))
    if not out:
        raise ValidationError(key, "indicare almeno un codice o un intervallo (es. 5-10)",
                              LABELS["filters"])
    return tuple(out)


def _fail(key: str, rule: str) -> None:
    raise ValidationError(key, rule, LABELS.get(key, key))


def _validate(spec: StatSpec) -> None:
    if not spec.sources or any(s not in SOURCES for s in spec.sources):
        _fail("sources", "una o più tra " + ", ".join(SOURCES))
    if not spec.elements:
        _fail("elements", "indicare almeno un elemento")
    for name in spec.elements:
        if name not in elements.ELEMENTS:
            _fail("elements", f"«{name}» sconosciuto; ammessi: " + ", ".join(elements.NAMES))
    if len(set(spec.elements)) != len(spec.elements) or len(spec.elements) > MAX_ELEMENTS:
        _fail("elements", f"al massimo {MAX_ELEMENTS}, senza ripetizioni")
    if any(p not in spec.elements for p in spec.page_breaks):
        _fail("page_breaks", "solo elementi scelti")
    if not spec.measures:
        _fail("measures", "indicare almeno una misura")
    for name in spec.measures:
        if name not in measures.MEASURES:
            _fail("measures", f"«{name}» sconosciuta; ammesse: " + ", ".join(measures.NAMES))
    if spec.date_from and spec.date_to and spec.date_from > spec.date_to:
        _fail("date_to", "non può precedere la data iniziale")
    if not 1 <= spec.compare_years <= MAX_YEARS:
        _fail("compare_years", f"da 1 a {MAX_YEARS}")
    if spec.compare_years > 1:
        if not spec.date_from or not spec.date_to:
            _fail("compare_years", "servono la data iniziale e la finale")
        if _years_back(spec.date_to, 1) >= spec.date_from:
            _fail("compare_years", "il periodo non può superare un anno")
        if "year" in spec.elements:
            _fail("compare_years", "con il confronto il periodo è entro l'anno: non «year»")
    for key, ranges in spec.filters.items():
        if key not in elements.FILTERABLE:
            _fail("filters", f"«{key}» non limitabile; ammessi: "
                  + ", ".join(elements.FILTERABLE))
        if not 1 <= len(ranges) <= MAX_RANGES:
            _fail("filters", f"{key}: da 1 a {MAX_RANGES} intervalli")
        for low, high in ranges:
            numeric = low.isdigit() and high.isdigit()
            if (int(low) > int(high)) if numeric else low > high:
                _fail("filters", f"{key}: intervallo {low}-{high} al contrario")
    if spec.agent_from not in AGENT_FROM:
        _fail("agent_from", "«movement» (agente del movimento) o «customer» (della scheda)")
    if spec.funnel is not None:
        if not 0 < spec.funnel <= 100:
            _fail("funnel", "percentuale oltre 0 e fino a 100")
        if spec.funnel_measure not in measures.BASE:
            _fail("funnel_measure", "una misura di base: " + ", ".join(measures.BASE))
    if list(spec.price_bands) != sorted(set(spec.price_bands)) or any(
            b <= 0 for b in spec.price_bands):
        _fail("price_bands", "importi positivi crescenti (es. 10,50,100)")
    if "price_band" in spec.elements and not spec.price_bands:
        _fail("price_bands", "obbligatorie con l'elemento «price_band»")
    if spec.include_unmoved and not elements.get(spec.elements[0]).has_master:
        _fail("include_unmoved", "il primo elemento deve essere un'anagrafica o una tabella")
    if spec.cost not in ARTICLE_COSTS:
        from gamma.stock.valuation import parse_method
        try:
            parse_method(spec.cost)
        except ValidationError:
            _fail("cost", "line, standard, last, average o un metodo di valorizzazione "
                  "(fifo, lifo, moving-average…)")
