"""The density strip: how the timeline's events spread over its span, at a glance.

The upper row counts every event, the lower row the events the filters show, in
the same scale; the selected event's place is marked. Each column is an equal
stretch of time from the first event's start to the last one's. Counting needs no
work per event: events are in date order, so a column's count is the distance
between two binary searches.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import datetime

from textual.content import Content
from textual.widget import Widget

from ..core.model import Timeline

__all__ = ["DensityStrip", "column_counts"]

BLOCKS = " ▁▂▃▄▅▆▇█"

_UNDATED = datetime.max
"""The sort key moment of an event with no usable date (see `Event.sort_key`)."""


def column_counts(timeline: Timeline, shown: Sequence[int],
                  columns: int) -> tuple[list[int], list[int], list[datetime]]:
    """Per column: how many events start in it, how many of those are shown, and
    when it starts (as sort keys put it). `shown`: indexes into timeline.events,
    in order. Undated events (sorted after the rest) have no place in it."""
    events = timeline.events
    dated = bisect_left(events, _UNDATED, key=_start)
    if not dated or columns < 1:
        return [], [], []
    first, last = events[0].sort_key[0], events[dated - 1].sort_key[0]
    step = (last - first) / columns
    starts = [first + step * column for column in range(columns)]
    # The event index where each column starts; the last column takes the rest.
    bounds = [0, *(bisect_left(events, start, 0, dated, key=_start) for start in starts[1:]),
              dated]
    shown_bounds = [bisect_left(shown, bound) for bound in bounds]
    return ([b - a for a, b in zip(bounds, bounds[1:])],
            [b - a for a, b in zip(shown_bounds, shown_bounds[1:])], starts)


def _start(event) -> datetime:
    return event.sort_key[0]


def _bar(count: int, most: int) -> str:
    if not count:
        return " "
    return BLOCKS[max(1, round(count / most * (len(BLOCKS) - 1)))]


class DensityStrip(Widget):
    """Two rows of block characters under the timeline: all events, then those shown."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timeline = Timeline()
        self._shown: Sequence[int] = ()
        self._selected: int | None = None

    def show(self, timeline: Timeline, shown: Sequence[int], selected: int | None) -> None:
        self._timeline, self._shown, self._selected = timeline, shown, selected
        self.refresh()

    def render(self) -> Content:
        width = self.size.width
        everything, shown, starts = column_counts(self._timeline, self._shown, width)
        if not everything:
            return Content("")
        most = max(everything)
        marked = None
        if self._selected is not None and self._timeline.events[self._selected].date is not None:
            moment = _start(self._timeline.events[self._selected])
            marked = min(max(bisect_right(starts, moment) - 1, 0), len(starts) - 1)
        top = Content.styled("".join(_bar(count, most) for count in everything), "$text-muted")
        bottom = Content.assemble(*(
            (_bar(count, most), "$warning reverse" if column == marked else "$accent")
            for column, count in enumerate(shown)))
        return Content("\n").join([top, bottom])
