"""Kit screens: 341 components, 342 explosion and implosion, 343 production load."""
