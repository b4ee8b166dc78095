"""Product ids of the intent contract and the names the answers use for them."""

from __future__ import annotations

from typing import Literal, get_args

ProductId = Literal["gotomeeting", "gotowebinar", "gototraining", "gotoassist_v4", "gotoassist_v5"]

ALL_PRODUCTS: tuple[ProductId, ...] = get_args(ProductId)

PRODUCT_NAMES: dict[str, str] = {
    "gotomeeting": "GoTo Meeting",
    "gotowebinar": "GoTo Webinar",
    "gototraining": "GoTo Training",
    "gotoassist_v4": "GoToAssist Supporto remoto v4",
    "gotoassist_v5": "GoToAssist v5",
}


def product_name(product: str | None) -> str | None:
    """The display name of a known product id; None when the product is unknown or absent."""
    return PRODUCT_NAMES.get(product) if product is not None else None
