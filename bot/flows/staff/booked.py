"""What a client gets when staff book or move their appointment: the confirmation (or the
notice that it moved, from when to when) with a calendar file, and the reminders planned for
the evening before and the morning of the visit."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.flows import ClientPost, Document, Services, Speaking, StaffPost
from bot.flows.dates import appointment_day
from bot.flows.staff import client_language
from bot.storage import Lead

MORNING_LEAD = timedelta(hours=1)  # the morning reminder comes at least this long before


def reminder_times(services: Services, appointment: datetime,
                   now: datetime) -> list[tuple[str, datetime]]:
    """When to remind, in the clinic's local hours: only the reminders still ahead."""
    booking, tz = services.content.booking, services.settings.timezone
    day = appointment.astimezone(tz).date()
    evening = datetime.combine(day - timedelta(days=1), time(booking.reminder_evening_hour),
                               tzinfo=tz)
    morning = min(datetime.combine(day, time(booking.reminder_morning_hour), tzinfo=tz),
                  appointment - MORNING_LEAD)
    return [(kind, due.astimezone(UTC)) for kind, due in (("eve", evening), ("morning", morning))
            if now < due < appointment]


def calendar_file(services: Services, lead: Lead, appointment: datetime,
                  language: str, *, cancelled: bool = False) -> Document:
    """A one-event iCalendar file (RFC 5545), so the client can add the visit to a calendar;
    `cancelled`, the same event marked so, which takes it out of the calendar again."""
    settings = services.settings
    rules = settings.booking
    end = appointment + timedelta(minutes=rules.minutes if rules else
                                  services.content.booking.appointment_minutes)

    def stamp(moment: datetime) -> str:
        return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    title = services.content.tr_button_label(language, "appointment.calendar",
                                             clinic=settings.clinic_name)
    # One event per lead: a moved visit's file, with a later SEQUENCE, updates the event the
    # client added before, rather than adding a second one beside it.
    now = services.clock.now()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//clinicbot//appointment//EN",
             "BEGIN:VEVENT", f"UID:lead-{lead.id}@clinicbot",
             f"SEQUENCE:{int(now.timestamp()) // 60}",
             f"DTSTAMP:{stamp(now)}", f"DTSTART:{stamp(appointment)}",
             f"DTEND:{stamp(end)}", f"SUMMARY:{_text(title)}",
             f"LOCATION:{_text(settings.address_for(language))}",
             *(["STATUS:CANCELLED"] if cancelled else []), "END:VEVENT", "END:VCALENDAR"]
    return Document("cancelled.ics" if cancelled else "appointment.ics",
                    "".join(_folded(line) + "\r\n" for line in lines).encode())


def _text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): `\\ ; ,` escaped and every kind of line break as `\\n`,
    so a detail from the configuration never starts a property of its own."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,").replace(
        "\n", r"\n")


def _folded(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545, 3.1), never inside a UTF-8 character:
    each continuation starts with a space, which counts."""
    parts: list[str] = []
    current = ""
    for char in line:
        if len((current + char).encode()) > (75 if not parts else 74):
            parts.append(current)
            current = char
        else:
            current += char
    return "\r\n ".join([*parts, current])


async def plan_held(desk: Speaking, lead_id: int, appointment: datetime) -> None:
    """A time the client picked, not yet confirmed: the evening before, the client hears it
    still waits (`held`), replaced by the usual reminders once staff confirm it."""
    await desk.stores.appointments.plan(lead_id, appointment, [
        ("held", due) for kind, due in reminder_times(desk.services, appointment, desk.now)
        if kind == "eve"])


async def notify_client(desk: Speaking, lead: Lead, appointment: datetime,
                        before: datetime | None) -> ClientPost:
    """Plan the reminders (none for a client who said /stop) and tell the client: confirmed,
    or moved from `before`, and which reminders will come. Staff, or the client's own pick
    when slots are confirmed at once."""
    services = desk.services
    stopped = await desk.stores.clients.stopped(lead.client.user_id)
    planned = [] if stopped else reminder_times(services, appointment, desk.now)
    await desk.stores.appointments.plan(lead.id, appointment, planned)
    language = client_language(services, lead.client)
    day, hour = appointment_day(services, appointment, language,
                                "accusative" if before else "nominative")
    moved = ", ".join(appointment_day(services, before, language, "genitive")) if before \
        else None
    text = services.content.render(language, "booking_confirmed.j2",
                                   clinic=services.settings.speaking(language),
                                   date=day, time=hour, moved_from=moved,
                                   reminders=[kind for kind, _ in planned])
    unreachable = StaffPost(services.content.tr_message(
        services.settings.default_language, "staff.client_unreachable", id=lead.id),
                            reply_to=lead.staff_message_id)
    return ClientPost(lead.client.chat_id, text, undeliverable=unreachable,
                      document=calendar_file(services, lead, appointment, language))
