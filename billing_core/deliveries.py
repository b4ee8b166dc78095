"""Deliveries already handled (a Slack event id, a click's message and action), so that any
worker drops a retry of one another worker took: one row per id, written with an insert that
does nothing on a conflict (atomic across processes on SQLite and PostgreSQL), or takes over an
id older than its time to live. Ids past their time to live are purged at most once a minute
per process (housekeeping: the insert alone decides what is new).

The log is state, not money: on PostgreSQL its commits do not wait for the disk
(`state_unit_of_work`), so a crash of the database server could forget the last fraction of a
second of ids, and a retry of one of those would be answered a second time (an answer, never
an order: orders are confirmed through billing_core's single-use previews)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from billing_core.db import Database
from billing_core.models import SeenDelivery
from billing_core.unit_of_work import state_unit_of_work

MAX_DELIVERY_ID = 200
PURGE_EVERY = timedelta(minutes=1)


class DeliveryLog:
    def __init__(self, database: Database) -> None:
        self._db = database
        self._purged_at: datetime | None = None

    def seen_delivery(self, delivery_id: str, now: datetime, ttl: timedelta) -> bool:
        """Record `delivery_id` as seen at `now`. True the first time any worker records it
        (handle the delivery), False for every later call within `ttl` (a retry: drop it).
        An id recorded more than `ttl` ago counts as new."""
        if not delivery_id or len(delivery_id) > MAX_DELIVERY_ID:
            raise ValueError(f"a delivery id is 1 to {MAX_DELIVERY_ID} characters")
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        insert = (postgresql_insert if self._db.engine.dialect.name == "postgresql"
                  else sqlite_insert)
        expired = now - ttl
        purge = self._purged_at is None or not (
            self._purged_at <= now < self._purged_at + PURGE_EVERY)
        with state_unit_of_work(self._db) as session:
            if purge:
                session.execute(delete(SeenDelivery).where(SeenDelivery.seen_at < expired))
            statement = insert(SeenDelivery).values(delivery_id=delivery_id, seen_at=now)
            recorded = session.scalar(
                statement.on_conflict_do_update(
                    index_elements=[SeenDelivery.delivery_id],
                    set_={"seen_at": statement.excluded.seen_at},
                    where=SeenDelivery.seen_at < expired)
                .returning(SeenDelivery.delivery_id))
        if purge:
            self._purged_at = now
        return recorded is not None
