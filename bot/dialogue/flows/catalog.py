"""Product and tier names from billing_core's catalog, for questions and buttons.

Only names: which change is allowed and what it costs is decided by billing_core (a downgrade
picked from the buttons is refused there, with the reason).
"""

from __future__ import annotations

from billing_core.catalog import load_catalog


def tiers_of(product: str) -> list[tuple[str, str]]:
    """(tier id, name shown) of a product, in upgrade order."""
    found = load_catalog().product(product)
    return [(tier.id, tier.name) for tier in found.tiers] if found is not None else []
