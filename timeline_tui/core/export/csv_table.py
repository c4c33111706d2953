"""CSV: one row per event (RFC 4180, header row), to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..model import Event, Timeline
from ..origins import independent_origins
from .when import span

__all__ = ["CSV_COLUMNS", "csv_table"]

CSV_COLUMNS = ("id", "date", "start", "end", "precision", "qualifier", "title", "summary",
               "actors", "tags", "sources", "independent_origins", "disputed", "file", "line")

_LIST_SEPARATOR = "; "


def _row(event: Event, timeline: Timeline) -> tuple[object, ...]:
    date, (start, end) = event.date, span(event)
    return (
        event.id,
        date.text if date else "",
        start.iso() if start else "",
        end.iso() if end else "",
        date.precision.name.lower() if date else "",
        date.anchor.qualifier_word if date else "",
        event.title,
        event.summary,
        _LIST_SEPARATOR.join(timeline.actors[a].name for a in event.participant_ids),
        _LIST_SEPARATOR.join(event.tags),
        _LIST_SEPARATOR.join(event.cited_source_ids),
        _LIST_SEPARATOR.join(independent_origins(event, timeline.origin_of)),
        "true" if event.disputes else "false",
        event.position.path,
        event.position.line,
    )


def csv_table(timeline: Timeline, indexes: Sequence[int]) -> str:
    """The chosen events, a row each, with CRLF line ends as RFC 4180 has them (the
    csv module's default)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_row(timeline.events[i], timeline) for i in indexes)
    return out.getvalue()
