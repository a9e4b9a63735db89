"""`Stores`: every store of the bot on one database, so they share its connection, its reader
and its write lock. Flows reach a table through the store named for it (`stores.leads`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Self

from bot.storage.aftercare import AftercareStore
from bot.storage.appointments import AppointmentStore
from bot.storage.base import Database
from bot.storage.booking_prompts import BookingPromptStore
from bot.storage.chat_states import ChatStateStore
from bot.storage.clients import ClientStore
from bot.storage.consents import ConsentStore
from bot.storage.courses import CourseStore
from bot.storage.funnel import FunnelStore
from bot.storage.heartbeats import HeartbeatStore
from bot.storage.inbox import InboxStore
from bot.storage.leads import LeadStore
from bot.storage.outbox import OutboxStore
from bot.storage.postgresql import PostgresDatabase
from bot.storage.privacy import PrivacyStore
from bot.storage.questions import QuestionStore
from bot.storage.relay import RelayStore
from bot.storage.reminders import ReminderStore
from bot.storage.screening import ScreeningStore
from bot.storage.send_slots import SendSlotStore
from bot.storage.slots import SlotStore
from bot.storage.sqlite import SqliteDatabase
from bot.storage.staff_members import StaffMemberStore
from bot.storage.staff_posts import StaffPostStore

# The tables whose rows are claimed before they are sent (or handled), what "not sent yet" is
# there, and their key.
CLAIMED = (("aftercare_messages", "status = 'pending'", "id"),
           ("reminders", "sent_at IS NULL", "id"),
           ("appointment_reminders", "sent_at IS NULL", "id"), ("outbox", "true", "id"),
           ("inbox", "handled_at IS NULL", "update_id"))


class Stores:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.clients = ClientStore(database)
        self.chat_states = ChatStateStore(database)
        self.consents = ConsentStore(database)
        self.screenings = ScreeningStore(database)
        self.leads = LeadStore(database)
        self.questions = QuestionStore(database)
        self.staff_members = StaffMemberStore(database)
        self.booking_prompts = BookingPromptStore(database)
        self.relays = RelayStore(database)
        self.reminders = ReminderStore(database)
        self.appointments = AppointmentStore(database)
        self.aftercare = AftercareStore(database)
        self.funnel = FunnelStore(database)
        self.courses = CourseStore(database)
        self.heartbeats = HeartbeatStore(database)
        self.outbox = OutboxStore(database)
        self.inbox = InboxStore(database)
        self.staff_posts = StaffPostStore(database)
        self.send_slots = SendSlotStore(database)
        self.slots = SlotStore(database)
        # Across tables: everything about one client (export, erasure) and retention.
        self.privacy = PrivacyStore(database)

    @classmethod
    async def open(cls, where: Path | str) -> Self:
        """Open and migrate the database: a PostgreSQL server by its URL, else the SQLite
        file at that path (created readable by its owner only)."""
        if _is_server(where):
            return cls(await PostgresDatabase.open(str(where)))
        return cls(await SqliteDatabase.open(Path(where)))

    @classmethod
    async def inspect(cls, where: Path | str) -> Self:
        """Open an existing database as it is: nothing is created or migrated."""
        if _is_server(where):
            return cls(await PostgresDatabase.inspect(str(where)))
        return cls(await SqliteDatabase.inspect(Path(where)))

    async def renew_claims(self, now: datetime, lease: timedelta) -> int:
        """Keep this process's claims on what it has yet to send (bot/telegram/scheduler.py)
        for `lease` more."""
        renewed = 0
        for table, unsent, key in CLAIMED:
            renewed += await self.database.renew(table, unsent, now, lease, key)
        return renewed

    async def release_claims(self) -> int:
        """At start on SQLite, which one process owns: whatever the last process claimed and
        did not finish (it was killed) is free at once, not after `claim_seconds`."""
        released = 0
        for table, unsent, _ in CLAIMED:
            released += await self.database.write(
                f"UPDATE {table} SET claimed_until = NULL, claimed_by = NULL"
                f" WHERE claimed_by IS NOT NULL AND {unsent}")
        return released

    async def close(self) -> None:
        await self.database.close()


def _is_server(where: Path | str) -> bool:
    return isinstance(where, str) and where.startswith(("postgresql://", "postgres://"))
