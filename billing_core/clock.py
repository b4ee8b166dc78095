"""Injectable time: every "now" and "today" of billing_core comes from a Clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

BILLING_TIMEZONE = ZoneInfo("Europe/Rome")
"""Billing days are days in Italy: "today" is the date in Europe/Rome."""


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still until moved (tests, demos)."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")
        self._at = at.astimezone(UTC)

    def now(self) -> datetime:
        return self._at

    def set(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")
        self._at = at.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        self._at = self._at + delta


def billing_today(clock: Clock) -> date:
    """The billing date of the current instant (the calendar day in Europe/Rome)."""
    return clock.now().astimezone(BILLING_TIMEZONE).date()
