"""Deliveries already handled (a Slack event id, a click's message and action), so that any
worker drops a retry of one another worker took: one row per id, written with an insert that
does nothing on a conflict (atomic across processes on SQLite and PostgreSQL); ids older than
their time to live are purged as new ones arrive."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from billing_core.db import Database
from billing_core.models import SeenDelivery
from billing_core.unit_of_work import unit_of_work

MAX_DELIVERY_ID = 200


class DeliveryLog:
    def __init__(self, database: Database) -> None:
        self._db = database

    def seen_delivery(self, delivery_id: str, now: datetime, ttl: timedelta) -> bool:
        """Record `delivery_id` as seen at `now`. True the first time any worker records it
        (handle the delivery), False for every later call within `ttl` (a retry: drop it).
        Ids older than `ttl` are purged first, so a very late one counts as new."""
        if not delivery_id or len(delivery_id) > MAX_DELIVERY_ID:
            raise ValueError(f"a delivery id is 1 to {MAX_DELIVERY_ID} characters")
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        insert = (postgresql_insert if self._db.engine.dialect.name == "postgresql"
                  else sqlite_insert)
        with unit_of_work(self._db) as session:
            session.execute(delete(SeenDelivery).where(SeenDelivery.seen_at < now - ttl))
            recorded = session.scalar(
                insert(SeenDelivery).values(delivery_id=delivery_id, seen_at=now)
                .on_conflict_do_nothing(index_elements=[SeenDelivery.delivery_id])
                .returning(SeenDelivery.delivery_id))
            return recorded is not None
