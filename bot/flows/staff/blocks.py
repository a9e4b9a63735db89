"""`/block`, `/unblock`, `/blocks`: times staff close for booking (a training, a day off, a
device in repair). No free slot overlaps a block; appointments already made stay.

`/block 24.12` closes a day, `/block 24.12 10:00-14:00` part of it; the day is typed as for a
booking (bot/flows/staff/when.py)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from bot.content.i18n import N_, format_when
from bot.flows import Reply, Turn
from bot.flows.staff import LARGEST, Desk
from bot.flows.staff.when import parse_when
from bot.flows.statuses import OPEN

if TYPE_CHECKING:
    from bot.flows.router import DeskRouter

_RANGE = re.compile(r"(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$")


def _span(desk: Desk, text: str) -> tuple[datetime, datetime] | None:
    """The block `text` names, in UTC; None when it cannot be read for sure."""
    found = _RANGE.search(text)
    hours = [int(found[i]) for i in range(1, 5)] if found else [0, 0, 0, 0]
    if found and not (hours[0] < 24 and hours[2] < 24 and hours[1] < 60 and hours[3] < 60):
        return None
    day_text = text[:found.start()] if found else text
    start = parse_when(f"{day_text.strip()} {hours[0]}:{hours[1]:02d}", desk.now,
                       desk.settings.timezone)
    if start is None:
        return None
    end = datetime.combine(start.date(), time(hours[2], hours[3]), tzinfo=start.tzinfo) \
        if found else start + timedelta(days=1)
    return (start.astimezone(UTC), end.astimezone(UTC)) if end > start else None


def _when(desk: Desk, at: datetime) -> str:
    return format_when(at, desk.language, desk.settings.timezone)


async def block(desk: Desk, args: list[str]) -> Turn:
    """The block made, with the visits already inside it, which it does not move: reception
    calls those clients."""
    span = _span(desk, " ".join(args)) if args else None
    if span is None:
        return Turn([Reply(desk.tr("staff.block.usage"))])
    if span[1] <= desk.now:
        return Turn([Reply(desk.tr("staff.block.past"))])
    same = next((b for b in await desk.stores.slots.blocks(desk.now)
                 if (b.starts_at, b.ends_at) == span), None)
    if same is not None:  # "/block tomorrow" twice: one block, said so
        return Turn([Reply(desk.tr("staff.block.exists", id=same.id))])
    block_id = await desk.stores.slots.block(*span, desk.member.user_id, desk.now)
    lines = [desk.tr("staff.block.done", id=block_id, start=_when(desk, span[0]),
                     end=_when(desk, span[1]))]
    for lead_id in await desk.stores.appointments.on_day(*span):
        lead = await desk.stores.leads.get(lead_id)
        if lead is not None and lead.status in OPEN and lead.appointment_at is not None:
            lines.append(desk.tr("staff.block.inside", id=lead.id, name=lead.client.full_name,
                                 when=_when(desk, lead.appointment_at)))
    return Turn([Reply("\n".join(lines))])


async def blocks(desk: Desk, args: list[str]) -> Turn:
    found = await desk.stores.slots.blocks(desk.now)
    if not found:
        return Turn([Reply(desk.tr("staff.blocks.none"))])
    lines = [desk.tr("staff.blocks.title")] + [
        desk.tr("staff.blocks.line", id=b.id, start=_when(desk, b.starts_at),
                end=_when(desk, b.ends_at)) for b in found]
    return Turn([Reply("\n".join(lines))])


async def unblock(desk: Desk, args: list[str]) -> Turn:
    if len(args) != 1 or not args[0].lstrip("#").isdecimal():
        return Turn([Reply(desk.tr("staff.unblock.usage"))])
    block_id = int(args[0].lstrip("#"))
    if block_id > LARGEST or not await desk.stores.slots.unblock(block_id):
        return Turn([Reply(desk.tr("staff.unblock.unknown", id=block_id))])
    return Turn([Reply(desk.tr("staff.unblock.done", id=block_id))])


def register(desk: DeskRouter) -> None:
    desk.command("block", N_("staff.command.block"))(block)
    desk.command("unblock", N_("staff.command.unblock"))(unblock)
    desk.command("blocks", N_("staff.command.blocks"))(blocks)
