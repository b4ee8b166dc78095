"""Products, tiers and prices, loaded from catalog.yaml and validated with pydantic."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

CATALOG_FILE = Path(__file__).with_name("catalog.yaml")

Frequency = Literal["monthly", "annual"]
FREQUENCIES: tuple[Frequency, ...] = ("monthly", "annual")


def _price(value: Decimal) -> Decimal:
    if value <= 0 or value != value.quantize(Decimal("0.01")):
        raise ValueError(f"a price must be positive with at most two decimals, not {value}")
    return value.quantize(Decimal("0.01"))


class Tier(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    monthly: Decimal
    annual: Decimal

    _check_monthly = field_validator("monthly")(_price)
    _check_annual = field_validator("annual")(_price)

    def price(self, frequency: Frequency) -> Decimal:
        """List price of one license for one full period of `frequency`."""
        return self.monthly if frequency == "monthly" else self.annual


class Product(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    tiers: tuple[Tier, ...]
    """In upgrade order."""

    @model_validator(mode="after")
    def _tiers_unique(self) -> Product:
        ids = [tier.id for tier in self.tiers]
        if not ids or len(set(ids)) != len(ids):
            raise ValueError(f"{self.id}: tiers must be present and unique")
        return self

    def tier(self, tier_id: str) -> Tier | None:
        for tier in self.tiers:
            if tier.id == tier_id:
                return tier
        return None

    def rank(self, tier_id: str) -> int:
        """Position in the upgrade order (KeyError for an unknown tier)."""
        for index, tier in enumerate(self.tiers):
            if tier.id == tier_id:
                return index
        raise KeyError(tier_id)


class Catalog(BaseModel):
    model_config = ConfigDict(frozen=True)

    currency: str
    vat_rates: dict[str, Decimal]
    products: tuple[Product, ...]

    @field_validator("vat_rates")
    @classmethod
    def _rates(cls, rates: dict[str, Decimal]) -> dict[str, Decimal]:
        for country, rate in rates.items():
            if not (len(country) == 2 and country.isupper()) or not (0 <= rate < 1):
                raise ValueError(f"bad VAT rate {country}: {rate}")
        return rates

    @model_validator(mode="after")
    def _products_unique(self) -> Catalog:
        ids = [product.id for product in self.products]
        if len(set(ids)) != len(ids):
            raise ValueError("product ids must be unique")
        return self

    def product(self, product_id: str) -> Product | None:
        for product in self.products:
            if product.id == product_id:
                return product
        return None

    def require(self, product_id: str) -> Product:
        product = self.product(product_id)
        if product is None:
            raise KeyError(f"unknown product {product_id!r}")
        return product

    def vat_rate(self, country: str) -> Decimal:
        """VAT rate for an account in `country` (0 where the catalog has none)."""
        return self.vat_rates.get(country, Decimal("0"))


def parse_catalog(text: str) -> Catalog:
    return Catalog.model_validate(yaml.safe_load(text))


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The catalog shipped with the package (read once)."""
    return parse_catalog(CATALOG_FILE.read_text(encoding="utf-8"))
