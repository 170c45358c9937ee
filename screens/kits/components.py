"""341 the kit component editor: the kit's code, a component with its quantity, scrap,
second-unit quantity and alternative group; F10 adds it (or changes it, or removes it
with Elimina = S) and shows the kit's components under the mask. With no component F10
only shows them; the explosion mode in documents is set from the same mask."""

from __future__ import annotations

from gamma import functions
from gamma.kits import kit_forms
from screens.kits import KitPage, keys
from screens.registry import opens


@opens(functions.KIT_EDIT)
class KitComponents(KitPage):
    FORM = kit_forms.COMPONENTS
    ANSWER = staticmethod(kit_forms.component_lines)
    BINDINGS = keys("Registra")
