"""Master data: standard tables, parties, articles (services, forms, lookup sources).

Every module of this package is imported when forms or lookup sources are first asked
for (gamma.registry_loading), so each registers its own forms and sources.
"""
