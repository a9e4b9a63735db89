"""Prometheus metrics of one instance, served on a loopback port of their own
(`clinicbot run --webhook --metrics-port 9464`), never on the webhook's: updates handled by
kind, how long an update took from arriving to its replies sent, what waits in the outbox and
how much of it is due, 429s Telegram answered, instances alive on the database, and updates
taken over from an instance that died. Counts only: no text, id or name of anyone.

The backlog and the instances are counted from the database every `REFRESH` seconds, by this
process's event loop; the exporter's thread only reads the values."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server
from telegram import Update

from bot.flows import Services

log = logging.getLogger(__name__)
REFRESH = 15.0  # seconds between two counts of the backlog and the instances
KINDS = ("message", "edited_message", "callback_query", "my_chat_member")


def kind_of(update: Update) -> str:
    return next((name for name in KINDS if getattr(update, name) is not None), "other")


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.updates = Counter("clinicbot_updates", "Updates handled, by kind", ["kind"],
                               registry=r)
        self.reply = Histogram(
            "clinicbot_reply_seconds", "From an update's arrival to its replies sent",
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0), registry=r)
        self.outbox = Gauge("clinicbot_outbox_waiting", "Messages waiting in the outbox",
                            registry=r)
        self.due = Gauge("clinicbot_outbox_due", "Outbox messages due now and not sent",
                         registry=r)
        self.too_many = Counter("clinicbot_telegram_429", "429 (retry after) answers",
                                registry=r)
        self.instances = Gauge("clinicbot_instances_alive",
                               "Instances on this database that beat recently", registry=r)
        self.taken_over = Counter("clinicbot_updates_taken_over",
                                  "Updates taken over from an instance that died", registry=r)

    def handled(self, update: Update, started: float) -> None:
        self.updates.labels(kind_of(update)).inc()
        self.reply.observe(time.perf_counter() - started)

    def serve(self, port: int) -> WSGIServer:
        """The exporter, on the loopback interface only, in a thread of its own."""
        server, _ = start_http_server(port, addr="127.0.0.1", registry=self.registry)
        return server

    async def refresh(self, services: Services) -> None:
        """Count the backlog and the instances alive now."""
        stores, now = services.stores, services.clock.now()
        waiting, due = await stores.outbox.backlog(now)
        self.outbox.set(waiting)
        self.due.set(due)
        alive = now - timedelta(seconds=services.settings.claim_seconds)
        self.instances.set(await stores.heartbeats.instances_alive(alive))

    async def keep_fresh(self, services: Services) -> None:
        while True:
            try:
                await self.refresh(services)
            except Exception:
                log.warning("could not count the backlog for the metrics", exc_info=True)
            await asyncio.sleep(REFRESH)
