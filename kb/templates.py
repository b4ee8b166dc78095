"""The small placeholder language of the article data files.

- `{billing_center_url}` and `{corporate_portal_url}`: the current portal addresses (kb.portals).
- `[con {product_name}|senza prodotto]`: a product-dependent piece of text. The part before `|`
  is used when the product is known and must contain `{product_name}`; the part after `|` (which
  may be left out, e.g. `[ di {product_name}]`) is the wording when no product is known.

So "Ridurre le licenze utente[ di {product_name}]" reads "Ridurre le licenze utente di GoTo
Meeting" or "Ridurre le licenze utente", and one entry serves every product.
"""

from __future__ import annotations

import re

from kb.portals import PORTALS

PRODUCT = "{product_name}"
URL_PLACEHOLDERS: dict[str, str] = {
    "billing_center_url": PORTALS["billing_center"].url,
    "corporate_portal_url": PORTALS["corporate"].url,
}
_CHOICE = re.compile(r"\[([^\[\]|]*)(?:\|([^\[\]|]*))?\]")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_SPACES = re.compile(r" {2,}")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" +([,.;:)])")


def template_problems(text: str) -> list[str]:
    """What is wrong with `text` as a template; an empty list when it is well formed."""
    problems: list[str] = []

    def strip_choice(match: re.Match[str]) -> str:
        with_product, without_product = match.group(1), match.group(2) or ""
        if PRODUCT not in with_product:
            problems.append(f"in '{match.group(0)}' the part before '|' must contain {PRODUCT}")
        if PRODUCT in without_product:
            problems.append(f"in '{match.group(0)}' the part after '|' is the wording without "
                            f"a product and cannot contain {PRODUCT}")
        return f"{with_product.replace(PRODUCT, '')} {without_product}"

    rest = _CHOICE.sub(strip_choice, text)
    return [*problems, *_structure_problems(rest), *_literal_problems(text)]


def _structure_problems(rest: str) -> list[str]:
    """Brackets, braces and placeholders of a template once its product choices are taken out
    (`rest`)."""
    problems: list[str] = []
    if "[" in rest or "]" in rest:
        problems.append("unbalanced or nested '[ ]': write [con {product_name}|senza prodotto]")
    if PRODUCT in rest:
        problems.append(f"{PRODUCT} may only appear inside [con {PRODUCT}|senza prodotto], "
                        "so that the text reads well when no product is known")
    known = ", ".join("{" + name + "}" for name in (*URL_PLACEHOLDERS, "product_name"))
    for name in _PLACEHOLDER.findall(rest.replace(PRODUCT, "")):
        if name in URL_PLACEHOLDERS:
            continue
        problems.append(f"unknown placeholder {{{name}}}; known placeholders: {known}")
    if "{" in _PLACEHOLDER.sub("", rest) or "}" in _PLACEHOLDER.sub("", rest):
        problems.append("unbalanced '{ }'")
    return problems


def _literal_problems(text: str) -> list[str]:
    """What a template writes literally that it must not: addresses and Slack markup."""
    problems: list[str] = []
    lowered = text.lower()
    if "http" in lowered or "www." in lowered or ".com" in lowered:
        problems.append("write portal addresses as {billing_center_url} or "
                        "{corporate_portal_url}, never literally (one current address each)")
    if "<" in text or ">" in text:
        problems.append("'<' and '>' are Slack markup: say it in words (e.g. 'poi')")
    return problems


def fill(text: str, product_name: str | None) -> str:
    """The text with the product wording chosen and the portal addresses filled in."""

    def choose(match: re.Match[str]) -> str:
        if product_name is not None:
            return match.group(1).replace(PRODUCT, product_name)
        return match.group(2) or ""

    filled = _CHOICE.sub(choose, text)
    for name, url in URL_PLACEHOLDERS.items():
        filled = filled.replace("{" + name + "}", url)
    filled = _SPACES.sub(" ", filled)
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", filled).strip()
