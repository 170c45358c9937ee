"""The kit structure print (stampa distinta base): the explosion of a quantity of a kit,
every level indented and the components summed at the leaves, as a PDF file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gamma.context import Context
from gamma.kits import explosion
from models import Article, Company
from printers import kit_structure


def print_structure(ctx: Context, parent: str | Article, path: str | Path, qty: Any = 1,
                    levels: int = explosion.MAX_LEVELS) -> explosion.Explosion:
    """Write the structure of `qty` of the kit `parent` down to `levels` to `path`."""
    result = explosion.explode(ctx, parent, qty, levels)
    data = {**result.as_json(), "company": Company.get_by_id(ctx.company.id).name}
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(kit_structure.render_pdf(data))
    return result
