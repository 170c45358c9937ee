"""Importing every module of a package, so that each registers what it defines (forms,
lookup sources, screens, commands) without a shared list to edit."""

from __future__ import annotations

import importlib
import pkgutil


# Modules of other areas that register into the same registries as a package's (forms,
# lookup sources, screens): loaded with it. A name ending in ".*" is a whole package.
ALSO = {"gamma.master": ("gamma.sales.document_forms", "gamma.sales.sales_forms",
                         "gamma.stock.stock_forms", "gamma.orders.order_forms",
                         "gamma.kits.kit_forms", "gamma.stats.stat_forms",
                         "gamma.recurring.recurring_forms", "gamma.contracts.contract_forms"),
        "screens.master": ("screens.sales.*", "screens.stock.*", "screens.orders.*",
                           "screens.kits.*", "screens.stats.*", "screens.recurring.*",
                           "screens.contracts.*")}


def import_all(package_name: str, suffix: str = "") -> list:
    """Import the package's modules (names ending with `suffix`), sorted by name, then
    the modules ALSO names for it."""
    package = importlib.import_module(package_name)
    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__)
                   if m.name.endswith(suffix))
    modules = [importlib.import_module(f"{package_name}.{name}") for name in names]
    for extra in ALSO.get(package_name, ()):
        if extra.endswith(".*"):
            modules += import_all(extra[:-2])
        else:
            modules.append(importlib.import_module(extra))
    return modules
