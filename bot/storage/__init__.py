"""The only place with SQL. Each concern keeps its queries in its own module; `Storage` is all of
them on one connection, and the rest of the bot imports only from here.

Schema changes are new files in `migrations/` (`NNNN_what.sql`), applied in order at start.
"""

from bot.storage.aftercare import AftercareStore, DueMessage, Plan
from bot.storage.base import iso, read_only_uri
from bot.storage.clients import ChatState, Client, ClientStore
from bot.storage.funnel import FunnelStore
from bot.storage.leads import Lead, LeadStore
from bot.storage.operations import OperationsStore
from bot.storage.privacy import Erased, PersonalData, PrivacyStore
from bot.storage.relay import OpenRelay, RelayStore, RelayThread
from bot.storage.reminders import Reminder, ReminderStore
from bot.storage.screening import ScreeningRecord, ScreeningStore
from bot.storage.staff import LeadDetails, StaffStore, StatusChange


class Storage(ClientStore, ScreeningStore, LeadStore, ReminderStore, AftercareStore,
              OperationsStore, PrivacyStore, StaffStore, RelayStore, FunnelStore):
    pass


__all__ = ["ChatState", "Client", "DueMessage", "Erased", "Lead", "LeadDetails", "OpenRelay",
           "PersonalData", "Plan", "Reminder", "RelayThread", "ScreeningRecord", "StatusChange",
           "Storage", "iso", "read_only_uri"]
