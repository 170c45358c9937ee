"""Demo data: a realistic, deterministic set of parties and articles for the demo company.

Built from config/demo/demo.toml (names, places, products) with a fixed seed, and written
through the services (tables, parties, articles), so that every row passes the same checks
as an operator's: partite IVA, codici fiscali, EU VAT numbers, IBANs and EAN-13 codes are
computed with their check characters (python-stdnum) and validated again on the way in.

What it makes: agents, banks, article families and subfamilies; about 50 parties (Italian
customers and suppliers, sole traders with a personal codice fiscale, EU customers, one
deactivated with its replacement, one with sales blocked); about 300 articles with an
EAN-13 barcode, unit, VAT code (22 mostly, 10 and 4 for food and books), prices on lists
1-3, costs, minimum stock and reorder lot.
"""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Iterator

from stdnum import ean, iban, luhn
from stdnum.eu import vat as eu_vat
from stdnum.it import codicefiscale

from gamma import companies_form
from gamma.context import Context
from gamma.master import articles, parties, tables

DEMO_FILE = Path(__file__).resolve().parents[2] / "config" / "demo" / "demo.toml"
SEED = 1999
GS1_PREFIX = "8012345"  # a fictitious Italian GS1 company prefix (EAN-13 starting 80)
CENT = Decimal("0.01")
_MONTHS = "ABCDEHLMPRST"  # codice fiscale month letters
_VOWELS = set("AEIOU")


@dataclass(frozen=True)
class DemoCounts:
    parties: int
    articles: int


# -- identifiers (check characters computed by python-stdnum) --------------------------

def partita_iva(serial: int, office: str) -> str:
    """An 11-digit partita IVA: 7-digit serial, 3-digit provincial office, check digit."""
    body = f"{serial:07d}{office}"
    return body + luhn.calc_check_digit(body)  # the rule stdnum.it.iva verifies


def _letters(text: str) -> tuple[list[str], list[str]]:
    text = "".join(c for c in text.upper() if c.isalpha())
    return [c for c in text if c not in _VOWELS], [c for c in text if c in _VOWELS]


def _surname_code(surname: str) -> str:
    cons, vows = _letters(surname)
    return ("".join(cons + vows) + "XXX")[:3]


def _name_code(name: str) -> str:
    cons, vows = _letters(name)
    if len(cons) >= 4:
        return cons[0] + cons[2] + cons[3]
    return ("".join(cons + vows) + "XXX")[:3]


def codice_fiscale(surname: str, name: str, sex: str, born: date, place: str) -> str:
    """A person's codice fiscale from name, birth date and Belfiore code of the place."""
    day = born.day + (40 if sex == "F" else 0)
    body = (_surname_code(surname) + _name_code(name) + f"{born.year % 100:02d}"
            + _MONTHS[born.month - 1] + f"{day:02d}" + place)
    return body + codicefiscale.calc_check_digit(body)


def eu_vat_number(country: str, body: str) -> str:
    """An EU VAT number: `body` completed with the check digits its country's rule wants
    (one digit, two for Belgium; the Dutch B01 after it), found by trying each against
    python-stdnum."""
    width = 2 if country == "BE" else 1
    suffix = "B01" if country == "NL" else ""
    for n in range(10 ** width):
        candidate = f"{country}{body}{n:0{width}d}{suffix}"
        if eu_vat.is_valid(candidate):
            return candidate
    raise ValueError(f"no check digit makes {country}{body} valid")


def italian_iban(abi: str, cab: str, account: int) -> str:
    """An Italian IBAN: the CIN letter and the IBAN check digits computed."""
    for cin in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        bban = f"{cin}{abi}{cab}{account:012d}"
        number = "IT" + iban.calc_check_digits("IT00" + bban) + bban
        if iban.is_valid(number):
            return number
    raise ValueError("no CIN makes the IBAN valid")


def ean13(serial: int) -> str:
    """An EAN-13 under the demo GS1 prefix: 5-digit item reference and check digit."""
    body = f"{GS1_PREFIX}{serial:05d}"
    return body + ean.calc_check_digit(body)


# -- the set ---------------------------------------------------------------------------

def read(path: Path = DEMO_FILE) -> dict[str, Any]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _sdi(rng: random.Random) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(7))


def party_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The parties as the party form's values, in the order they are written."""
    rng = random.Random(SEED)
    places, streets, roots = data["places"], data["streets"], list(data["name_roots"])
    rng.shuffle(roots)
    terms_c = ["RB30", "RB60", "RB306090", "BB30", "BB30FM", "RD", "SDD"]
    terms_s = ["BB30FM", "RB60", "RB90", "RB6090AD"]
    rows: list[dict[str, Any]] = []
    serial = 1234500

    def company(code: str, name: str, place: list[str], customer: bool, supplier: bool):
        nonlocal serial
        city, zip_, province, zone, area, _, office = place
        serial += rng.randint(7, 997)
        vat = partita_iva(serial, office)
        with_pec = rng.random() < 0.3
        slug = "".join(c for c in name.split()[0].lower() if c.isalpha())
        row = {"code": code, "name": name, "address": f"{rng.choice(streets)}, "
               f"{rng.randint(1, 180)}", "zip": zip_, "city": city, "province": province,
               "country": "IT", "vat_number": vat, "tax_code": vat,
               "sdi_code": "0000000" if with_pec else _sdi(rng),
               "pec": f"{slug}{code[-2:]}@pec.it" if with_pec else "",
               "email": f"info@{slug}{code[-2:].lower()}.it",
               "phone": f"0{rng.randint(10, 99)} {rng.randint(100000, 9999999)}",
               "is_customer": customer, "is_supplier": supplier,
               "payment_term": rng.choice(terms_s if supplier and not customer else terms_c),
               "zone": zone, "area": area,
               "agent": data["zone_agents"][zone] if customer else None,
               "category": rng.choice(["DET", "ING"]) if customer else None,
               "price_list": rng.choice([1, 1, 1, 2, 3]) if customer else 1,
               "iban": italian_iban(*rng.choice([("03069", "09606"), ("05034", "11701"),
                                                 ("02008", "01664"), ("08327", "03239")]),
                                    rng.randint(1000, 99999999)),
               "credit_limit": Decimal(rng.choice([5000, 10000, 20000, 50000])) if customer
               else None}
        if customer and rng.random() < 0.25:
            row["discounts"] = rng.choice(["5", "10", "10+5", "3"])
        rows.append(row)
        return row

    for n in range(30):  # Italian customers: companies
        trade = data["customer_trades"][n % len(data["customer_trades"])]
        name = f"{trade} {roots[n % len(roots)]} {data['legal_forms'][n % 5]}"
        company(f"C{n + 1:04d}", name[:60], places[n % len(places)], True, False)
    for n, (surname, first, sex, born) in enumerate(data["persons"]):  # sole traders
        place = places[(n * 7 + 3) % len(places)]
        trade = data["customer_trades"][(n + 3) % len(data["customer_trades"])]
        row = company(f"C{n + 31:04d}", f"{trade} di {first} {surname}", place, True, False)
        row["tax_code"] = codice_fiscale(surname, first, sex, date.fromisoformat(born),
                                         place[5])
        row["category"] = "DET"
    for n, (country, name, city, postcode, street, body) in enumerate(data["foreign"]):
        rows.append({"code": f"C{n + 36:04d}", "name": name, "address": street,
                     "zip": postcode, "city": city, "country": country,
                     "vat_number": eu_vat_number(country, body), "is_customer": True,
                     "payment_term": "BB30", "zone": "EX", "category": "ING",
                     "language": "de" if country in ("DE", "AT") else "en",
                     "email": f"office@{name.split()[0].lower()}.eu"})
    for n in range(11):  # suppliers (two also customers)
        trade = data["supplier_trades"][n % len(data["supplier_trades"])]
        root = roots[(n + 11) % len(roots)]
        company(f"F{n + 1:04d}", f"{trade} {root} {data['legal_forms'][(n + 1) % 5]}"[:60],
                places[(n * 3 + 1) % len(places)], n >= 9, True)
    # One customer closed and replaced by another, one blocked for unpaid invoices.
    replaced = next(r for r in rows if r["code"] == "C0007")
    replaced.update(active=False, replaced_by="C0008",
                    notes="Attività ceduta: usare il cliente C0008")
    blocked = next(r for r in rows if r["code"] == "C0012")
    blocked.update(sales_block=True, block_reason="Insoluti RiBa da recuperare")
    return rows


def article_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The articles as the article form's values, families and subfamilies by code."""
    rng = random.Random(SEED + 1)
    serial = 0
    for family in data["families"]:
        for sub_code, _, products in family["subfamilies"]:
            number = 0
            for product in products:
                noun, variants, cost = product[0], product[1], Decimal(product[2])
                vat = product[3] if len(product) > 3 else family["vat"]
                for index, variant in enumerate(variants):
                    unit_cost = cost * (1 + Decimal(index) / 4)
                    packs = [(f"{noun} {variant}", family["unit"], unit_cost, None)]
                    if unit_cost < 2:  # small items are also sold by the box
                        per_box = 100 if unit_cost < Decimal("0.3") else 10
                        packs.append((f"{noun} {variant} conf. {per_box} pz", "CF",
                                      unit_cost * per_box * Decimal("0.9"), per_box))
                    for description, unit, unit_cost_, per_box in packs:
                        number += 1
                        serial += 1
                        cost_last = _money(unit_cost_ * Decimal(rng.randint(95, 105)) / 100)
                        price1 = _money(cost_last * Decimal(rng.choice([160, 175, 180, 200]))
                                        / 100)
                        yield {"code": f"{sub_code}{number:03d}", "description": description,
                               "unit": unit, "vat_code": vat, "family": family["code"],
                               "subfamily": sub_code, "pieces_per_package": per_box,
                               "cost_last": cost_last, "cost_standard": _money(unit_cost_),
                               "min_stock": Decimal(rng.choice([0, 5, 10, 20, 50])),
                               "reorder_lot": Decimal(rng.choice([10, 20, 50, 100])),
                               "barcode": ean13(serial), "price1": price1,
                               "price2": _money(price1 * Decimal("0.90")),
                               "price3": _money(price1 * Decimal("0.85"))}


def _tables(ctx: Context, data: dict[str, Any]) -> None:
    for agent in data["agents"]:
        tables.save(ctx, "agent", {**agent, "commission": Decimal(agent["commission"])})
    for n, bank in enumerate(data["banks"]):
        tables.save(ctx, "bank", {"code": bank["code"], "name": bank["name"],
                                  "iban": italian_iban(bank["abi"], bank["cab"], 4711 + n)})
    for family in data["families"]:
        tables.save(ctx, "family", {"code": family["code"],
                                    "description": family["description"]})
        for sub_code, description, _ in family["subfamilies"]:
            tables.save(ctx, "subfamily", {"code": sub_code, "description": description})


def _company(ctx: Context, data: dict[str, Any]) -> None:
    """The company's registered office, contacts and fiscal data (the [company] table)."""
    values = dict(data.get("company", {}))
    if "share_capital" in values:
        values["share_capital"] = Decimal(values["share_capital"])
    companies_form.save_from_form(ctx, values, ctx.company.code)


def load(ctx: Context, path: Path = DEMO_FILE) -> DemoCounts:
    """Fill the context's company with the demo set (its own address and fiscal data,
    agents, banks, families, parties, articles), each row through its service. Meant for
    a company just created."""
    data = read(path)
    _company(ctx, data)
    _tables(ctx, data)
    party_list = party_rows(data)
    later = []
    for row in party_list:
        if row.get("replaced_by"):  # written once its replacement exists
            later.append(row)
            continue
        parties.save_from_form(ctx, row)
    for row in later:
        parties.save_from_form(ctx, row)
    count = 0
    for row in article_rows(data):
        articles.save_from_form(ctx, row)
        count += 1
    return DemoCounts(parties=len(party_list), articles=count)
