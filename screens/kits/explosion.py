"""342 a kit explored: explosion level by level with the sums per component, implosion
(every kit an article is in), the buildable quantity from availability, or the open
customer orders for the kit that could ship."""

from __future__ import annotations

from gamma import functions
from gamma.kits import kit_forms
from screens.kits import KitPage
from screens.registry import opens


@opens(functions.KIT_QUERY)
class KitQuery(KitPage):
    FORM = kit_forms.QUERY
    ANSWER = staticmethod(kit_forms.query_lines)
