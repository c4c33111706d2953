"""Plain text for the clipboard: one quote on one line, with its attribution."""

from __future__ import annotations

from ..model import Event, Quote, Timeline

__all__ = ["quote_line"]


def quote_line(quote: Quote, event: Event, timeline: Timeline) -> str:
    """The quote verbatim on one line, then " — Speaker, Outlet, date, URL" (the
    source's outlet or title, its publication date or else the event's date)."""
    source = timeline.sources.get(quote.source_id)  # None when the quote names none
    date = source.published if source and source.published else event.date
    parts = [timeline.actors[quote.speaker_id].name,
             (source.outlet or source.title) if source else "", date.describe(),
             source.url if source else ""]
    attribution = ", ".join(" ".join(part.split()) for part in parts if part.strip())
    return f"“{' '.join(quote.text.split())}” — {attribution}"
