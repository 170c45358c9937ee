"""Sales screens: documents list (201), document entry (202), counter sale (203)."""
