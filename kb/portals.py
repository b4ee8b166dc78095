"""The two billing portals: the one place their names and current addresses are defined.

The help articles mix old LogMeIn addresses with the GoTo ones; every answer uses these.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

PortalKey = Literal["billing_center", "corporate"]


class Portal(NamedTuple):
    name: str
    url: str


PORTALS: dict[PortalKey, Portal] = {
    "billing_center": Portal("Centro fatturazione", "https://billing.goto.com"),
    "corporate": Portal("Corporate Billing Portal", "https://link.goto.com/corp-billing"),
}
