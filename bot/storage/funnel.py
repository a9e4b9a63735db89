"""The anonymous funnel: a row per stage reached, with the clinic-local day and nothing else.

No user id is stored, so the counts survive the deletion of anyone's personal data.
"""

from __future__ import annotations

from datetime import date

from bot.storage.base import Store


class FunnelStore(Store):
    async def record(self, stage: str, day: date) -> None:
        await self.write("INSERT INTO funnel_events (stage, day) VALUES (?, ?)",
                         (stage, day.isoformat()))

    async def counts(self, since: date) -> dict[str, int]:
        """How many times each stage was reached on `since` or later."""
        rows = await self.all(
            "SELECT stage, count(*) FROM funnel_events WHERE day >= ? GROUP BY stage",
            (since.isoformat(),))
        return {str(r[0]): int(r[1]) for r in rows}
