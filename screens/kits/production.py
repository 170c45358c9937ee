"""343 the production load: the kit made and its quantity; F10 loads it and unloads the
components (every level, or the first only) in one transaction, and lists the
movements written."""

from __future__ import annotations

from gamma import functions
from gamma.kits import kit_forms
from screens.kits import KitPage, keys
from screens.registry import opens


@opens(functions.PRODUCTION_LOAD)
class ProductionLoad(KitPage):
    FORM = kit_forms.PRODUCTION
    ANSWER = staticmethod(kit_forms.production_lines)
    BINDINGS = keys("Carica")
