"""Master-data screens: tables, parties, articles. Every module registers its screens."""
