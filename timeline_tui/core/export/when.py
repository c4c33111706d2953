"""An event's dates as the exports give them: in words, and as the single dates
its span runs between (an interval's ends, a set's first and last members)."""

from __future__ import annotations

from ..dates import DateInterval, DateSet, EventDate, PartialDate
from ..model import Event

__all__ = ["UNDATED", "describe_when", "span"]

UNDATED = "Undated or invalid"
"""Where an event whose date could not be read is listed, as in the app."""


def describe_when(event: Event) -> str:
    """"Fri 16 May 2025", "May 2025 – June 2025?", or UNDATED."""
    if event.date is None:
        return UNDATED
    return event.date.describe() + (f" – {event.end.describe()}" if event.end else "")


def _first(date: EventDate) -> PartialDate | None:
    if isinstance(date, DateInterval):
        return date.start
    return date.members[0] if isinstance(date, DateSet) else date


def _last(date: EventDate) -> PartialDate | None:
    if isinstance(date, DateInterval):
        return date.end
    return date.members[-1] if isinstance(date, DateSet) else date


def span(event: Event) -> tuple[PartialDate | None, PartialDate | None]:
    """(start, end): the single dates the event runs between. The end is None for
    an event on one single date; either is None for an unknown or open end, both
    for an undated event."""
    if event.date is None:
        return None, None
    start = _first(event.date)
    end = _last(event.end) if event.end is not None else _last(event.date)
    return start, (None if end is start else end)
