"""billing_core: the rules, the money and the database of billing-bot.

It imports nothing of ours; SQLAlchemy sessions never leave it. See docs/internal-apis.md.
"""

from __future__ import annotations

from billing_core.clock import Clock, SystemClock, billing_today
from billing_core.db import Database, init_lock, migrate, open_database
from billing_core.demo import demo_present, load_demo
from billing_core.service import BillingService
from billing_core.unit_of_work import unit_of_work

__all__ = ["BillingService", "Database", "init_database", "open_database"]


def init_database(url: str, demo: bool = False, clock: Clock | None = None) -> bool:
    """Migrate the schema to the latest version and, with `demo`, load the demo data set if it
    is not there yet. Idempotent. Returns True when the demo data was loaded by this call."""
    clock = clock or SystemClock()
    database = open_database(url)
    try:
        with init_lock(database):
            migrate(database)
            if not demo:
                return False
            from billing_core.catalog import load_catalog

            with unit_of_work(database) as session:
                if demo_present(session):
                    return False
                load_demo(session, load_catalog(), billing_today(clock), clock.now())
            return True
    finally:
        database.dispose()
