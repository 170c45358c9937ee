"""Gamma: a multi-company business-management system with a character-mode interface.

The core knows no screen: nothing under `gamma` (but `gamma.cli.tui`, imported lazily)
imports Textual or `screens`.
"""

__version__ = "0.1.0"
