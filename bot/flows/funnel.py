"""The anonymous funnel: each flow records the stage a client reaches, with the local day only.

Stages, in order: started (the eligibility check opened) → consented → screened (last answer
given) → suitable → lead (contact handed to staff) → booked → treated → finished aftercare.
`aftercare_problem` counts problems reported during the aftercare week, beside the funnel.
Aftercare records its own two stages with `record` and the constants below.
"""

from __future__ import annotations

from bot.content.i18n import N_
from bot.flows import Services

STARTED, CONSENTED, SCREENED, SUITABLE = "started", "consented", "screened", "suitable"
LEAD, BOOKED, TREATED = "lead", "booked", "treated"
AFTERCARE_FINISHED, AFTERCARE_PROBLEM = "aftercare_finished", "aftercare_problem"
REVIEWED, RATING = "reviewed", "rating_"  # a review given; `rating_4`: one rated 4 of 5

STAGES: tuple[str, ...] = (STARTED, CONSENTED, SCREENED, SUITABLE, LEAD, BOOKED, TREATED,
                           AFTERCARE_FINISHED, REVIEWED)
CHART: tuple[str, ...] = (STARTED, SCREENED, LEAD, BOOKED, TREATED, REVIEWED)  # the picture's
LABELS: dict[str, str] = {
    STARTED: N_("staff.funnel.started"), CONSENTED: N_("staff.funnel.consented"),
    SCREENED: N_("staff.funnel.screened"), SUITABLE: N_("staff.funnel.suitable"),
    LEAD: N_("staff.funnel.lead"), BOOKED: N_("staff.funnel.booked"),
    TREATED: N_("staff.funnel.treated"), AFTERCARE_FINISHED: N_("staff.funnel.aftercare_finished"),
    AFTERCARE_PROBLEM: N_("staff.funnel.aftercare_problem"), REVIEWED: N_("staff.funnel.reviewed"),
}


async def record(services: Services, stage: str) -> None:
    """Count one client reaching `stage` today (the clinic's local day); no one is named."""
    day = services.clock.now().astimezone(services.settings.timezone).date()
    await services.stores.funnel.record(stage, day)
