"""The funnel and the week's ratings as one PNG picture, for `/stats` and the Monday digest.

matplotlib draws with its Agg backend through the object API (`Figure`, no pyplot), so no
global state or display is involved and a drawing can run in a worker thread: callers render
with `asyncio.to_thread`, off the event loop (a chart takes a few hundred milliseconds).
matplotlib is imported at the first drawing, not when the bot starts: it takes most of a second
and wants a writable cache directory, which a service user may not have."""

from __future__ import annotations

from io import BytesIO

FUNNEL_COLOUR, RATING_COLOUR = "#5b8fa8", "#e0a030"


def funnel_chart(steps: list[tuple[str, int]], ratings: list[int],
                 titles: tuple[str, str]) -> bytes:
    """`steps`: (label, count) from the first stage down; `ratings`: how many gave 1…5 stars."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10, 4), dpi=100)
    FigureCanvasAgg(figure)
    funnel, stars = figure.subplots(1, 2, width_ratios=[3, 2])
    counts = [count for _, count in steps]
    funnel.barh(range(len(steps)), counts, color=FUNNEL_COLOUR)
    funnel.set_yticks(range(len(steps)), [label for label, _ in steps])
    funnel.invert_yaxis()
    funnel.set_xlim(0, max([*counts, 1]) * 1.2)
    for row, count in enumerate(counts):
        funnel.text(count, row, f" {count}", va="center")
    funnel.set_title(titles[0])
    stars.bar(range(1, 6), ratings, color=RATING_COLOUR)
    stars.set_xticks(range(1, 6), [str(n) for n in range(1, 6)])
    stars.set_ylim(0, max([*ratings, 1]) * 1.2)
    stars.yaxis.get_major_locator().set_params(integer=True)
    stars.set_title(titles[1])
    for spine in (*funnel.spines.values(), *stars.spines.values()):
        spine.set_visible(False)
    figure.subplots_adjust(left=0.26, right=0.98, bottom=0.1, top=0.9, wspace=0.2)
    picture = BytesIO()
    figure.savefig(picture, format="png")
    return picture.getvalue()
