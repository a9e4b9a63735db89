"""The only place with SQL. Each table (or group of tables that only make sense together) has
its store in its own module, with its record types; `Stores` holds them all on one database,
and the rest of the bot imports only from here.

Rows become records here: stored times come out as aware datetimes, stored days as dates.
Schema changes are new files in `migrations/` (`NNNN_what.sql`), applied in order at start.
"""

from bot.storage.aftercare import DueMessage, Plan, PlanMessage
from bot.storage.base import (
    Database,
    DatabaseUnavailable,
    MalformedDatabaseUrl,
    file_identity,
    iso,
    read_only_uri,
    storage_trouble,
)
from bot.storage.chat_states import ChatState
from bot.storage.clients import Client
from bot.storage.courses import Course
from bot.storage.leads import Lead, StatusChange
from bot.storage.outbox import OutboxEntry
from bot.storage.privacy import Erased, PersonalData
from bot.storage.relay import RelayThread
from bot.storage.reminders import Reminder
from bot.storage.screening import ScreeningRecord
from bot.storage.stores import Stores

__all__ = ["ChatState", "Client", "Course", "Database", "DatabaseUnavailable",
           "MalformedDatabaseUrl", "DueMessage", "Erased", "Lead", "OutboxEntry",
           "PersonalData", "Plan", "PlanMessage", "Reminder", "RelayThread",
           "ScreeningRecord", "StatusChange", "Stores", "file_identity", "iso", "read_only_uri",
           "storage_trouble"]
