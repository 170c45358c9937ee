"""Administration screens: operators, groups, grants, field rules, presets, audit, sessions.

Importing the package registers every screen with screens.registry.
"""

from screens.admin import operators  # noqa: F401
from screens.admin import (audit, companies, field_rules, grants, groups,  # noqa: F401
                           mask_layouts, presets, sessions)
from screens import favourites  # noqa: F401,E402
