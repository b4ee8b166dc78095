"""What every use case of the service runs with: the database, the clock, the catalog and how
long a preview stays valid (wired once by BillingService)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from billing_core.catalog import Catalog
from billing_core.clock import Clock, billing_today
from billing_core.db import Database
from billing_core.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Context:
    database: Database
    clock: Clock
    catalog: Catalog
    preview_ttl: timedelta

    def work(self) -> UnitOfWork:
        """A new transaction (`with ctx.work() as uow:`)."""
        return UnitOfWork(self.database, self.clock, self.catalog)

    def reads(self) -> UnitOfWork:
        """A read (`with ctx.reads() as uow:`): no lock taken; refusals audited as it ends."""
        return UnitOfWork(self.database, self.clock, self.catalog, read_only=True)

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        """The billing day (the date in Europe/Rome)."""
        return billing_today(self.clock)
