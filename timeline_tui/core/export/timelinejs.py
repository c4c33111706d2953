"""TimelineJS: the JSON that Knight Lab's TimelineJS3 loads.

Read from TimelineJS3's own source (src/js/core/TimelineConfig.js, src/js/date/
TLDate.js): a date object takes year, month, day, hour, minute, second as digit
strings and picks its display format from the finest part present, so a date here
has only the parts that were written. `text.headline` and `text.text` are HTML
(sanitised by DOMPurify); `display_date` and `group` are read as HTML and reduced
to their text. Everything from the user is therefore HTML-escaped.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

from ..dates import PartialDate, Precision
from ..model import Event, Timeline
from ..text import web_address
from .when import describe_when, span

__all__ = ["GROUP_BY", "timelinejs_document"]

GROUP_BY = ("none", "actor-group", "tag")

_PARTS = ("year", "month", "day", "hour", "minute", "second")


def _date(date: PartialDate) -> dict[str, str]:
    parts = {part: getattr(date, part) for part in _PARTS}
    if date.precision is Precision.SEASON:  # TimelineJS has no seasons: the year
        parts["month"] = None
    return {part: str(value) for part, value in parts.items() if value is not None}


def _text(event: Event, timeline: Timeline) -> str:
    """The slide's body: summary, quotes with speakers, sources with links."""
    html: list[str] = []
    if event.summary.strip():
        html.append(f"<p>{escape(event.summary.strip())}</p>")
    for quote in event.quotes:
        speaker = escape(timeline.actors[quote.speaker_id].name)
        mark = " (reported)" if quote.reported else ""
        html.append(f"<blockquote>“{escape(quote.text.strip())}”"
                    f"<br>— {speaker}{mark}</blockquote>")
    items = []
    for source_id in event.cited_source_ids:
        source = timeline.sources[source_id]
        item = escape(source.label)
        for label, url in (("link", source.url), ("archived", source.archived_url)):
            address = web_address(url)
            if address:
                item += f' (<a href="{escape(address)}">{label}</a>)'
        items.append(f"<li>{item}</li>")
    if items:
        html.append(f"<p>Sources:</p><ul>{''.join(items)}</ul>")
    return "".join(html)


def _group(event: Event, timeline: Timeline, group_by: str) -> str:
    if group_by == "tag":
        return event.tags[0] if event.tags else ""
    if group_by == "actor-group":
        return next((timeline.actors[a].group for a in event.participant_ids
                     if timeline.actors[a].group), "")
    return ""


def _slide(event: Event, timeline: Timeline, group_by: str) -> dict[str, object]:
    start, end = span(event)
    slide: dict[str, object] = {
        "unique_id": event.id,
        "start_date": _date(start or event.date.anchor),  # an open start: where it sits
        "display_date": escape(describe_when(event)),
        "text": {"headline": escape(event.title), "text": _text(event, timeline)},
    }
    if end:
        slide["end_date"] = _date(end)
    group = _group(event, timeline, group_by)
    if group:
        slide["group"] = escape(group)
    return slide


def timelinejs_document(timeline: Timeline, indexes: Sequence[int], group_by: str) -> str:
    """The chosen events as TimelineJS slides (but for undated ones, which a
    timeline cannot place); `group_by` is one of GROUP_BY."""
    if group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {', '.join(GROUP_BY)}")
    events = [_slide(timeline.events[i], timeline, group_by) for i in indexes
              if timeline.events[i].date is not None]  # a slide needs a date
    return json.dumps({"events": events}, ensure_ascii=False, indent=2) + "\n"
