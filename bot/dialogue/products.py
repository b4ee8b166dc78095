"""Which product a request names, and whether two requests name the same one: the slots of a
request for one product are never applied to another ("aggiungi 2 licenze a GoToAssist e passa
GoTo Webinar all'annuale" once became one GoTo Webinar order)."""

from __future__ import annotations

from bot.dialogue.flows.step import PRODUCT_FAMILY
from bot.dialogue.state import SlotValue
from intents.slots import family


def target(values: dict[str, str | int] | dict[str, SlotValue]) -> tuple[str, str] | None:
    """The product a request names ("product", id), or its family ("family", id); None."""
    if values.get("product") is not None:
        return "product", str(values["product"])
    if values.get(PRODUCT_FAMILY) is not None:
        return "family", str(values[PRODUCT_FAMILY])
    return None


def same_product(one: tuple[str, str] | None, other: tuple[str, str] | None) -> bool:
    """Both name the same product (a product and its family count as the same)."""
    if one is None or other is None:
        return one is other
    if one[0] == other[0]:
        return one[1] == other[1]
    product, named = (one[1], other[1]) if one[0] == "product" else (other[1], one[1])
    line = family(named)
    return line is not None and product in line.products
