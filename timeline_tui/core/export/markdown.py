"""Markdown: a chronology to paste into an article or a wiki, and the citation
block of one event (what `y` copies in the app).

The output is CommonMark. Every piece of the user's text is escaped, so that it
reads as the text it is: never emphasis, a link, a heading or HTML.
"""

from __future__ import annotations

import re
from itertools import groupby
from collections.abc import Iterable, Mapping, Sequence

from ..model import Event, Quote, Source, Timeline
from ..text import counted, web_address
from .when import UNDATED, describe_when

__all__ = ["escape", "markdown_chronology", "markdown_citation"]

# ASCII punctuation that can start or end markup anywhere in a line; CommonMark lets
# a backslash escape any ASCII punctuation. `~` and `|` mean something in GFM.
_INLINE_RE = re.compile(r"([\\`*_\[\]<>&!~|])")
# What makes a line a heading, list item, setext underline or thematic break.
_LINE_START_RE = re.compile(r"^([#+=-])|^([0-9]+)([.)])")


def escape(text: str) -> str:
    """One line of the user's text as literal CommonMark: white space runs (line
    breaks too) become one space, and markup characters are backslash-escaped."""
    line = _INLINE_RE.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START_RE.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line)


def _paragraphs(text: str) -> list[str]:
    """The user's paragraphs (separated by blank lines), each escaped on one line."""
    return [escape(part) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


def _url(url: str) -> str:
    """A URL as an autolink when it is one, otherwise as literal text."""
    address = web_address(url)
    return f"<{address}>" if address else escape(url)


def _markers(source_ids: Iterable[str | None], numbers: Mapping[str, int]) -> str:
    # "[1]" is literal text in CommonMark: the output defines no link references.
    return "".join(f" [{numbers[source_id]}]" for source_id in source_ids
                   if source_id in numbers)


def _quote_block(quote: Quote, timeline: Timeline, numbers: Mapping[str, int]) -> str:
    paragraphs = _paragraphs(quote.text)
    paragraphs[0] = "“" + paragraphs[0]
    paragraphs[-1] += "”"
    speaker = timeline.actors[quote.speaker_id]
    attribution = f"— **{escape(speaker.name)}**"
    attribution += ", reported (second-hand)" if quote.reported else ""
    attribution += _markers([quote.source_id], numbers)  # none for a quote without one
    parts = [*paragraphs, attribution]
    if quote.context.strip():
        parts.append(f"*Context:* {escape(quote.context)}")
    return "\n>\n".join(f"> {part}" for part in parts)


def _event_lines(event: Event, timeline: Timeline, numbers: Mapping[str, int]) -> list[str]:
    """One event: date and title, summary, quotes, disputes; sources as markers."""
    lines = [f"**{escape(describe_when(event))}** · {escape(event.title or f'({event.id})')}"
             + _markers(event.source_ids, numbers)]
    if event.location.strip():
        lines.append(f"*{escape(event.location)}*")
    for paragraph in _paragraphs(event.summary):
        lines.extend(["", paragraph])
    for quote in event.quotes:
        lines.extend(["", _quote_block(quote, timeline, numbers)])
    for dispute in event.disputes:
        lines.extend(["", f"*Disputed:* {escape(dispute.about)}", ""])
        lines.extend(f"- {escape(version.says)}{_markers(version.source_ids, numbers)}"
                     for version in dispute.versions)
        if dispute.resolution.strip():
            lines.extend(["", f"*Resolution:* {escape(dispute.resolution)}"])
    return lines


def _source_entry(source: Source) -> str:
    parts = [escape(part) for part in (source.outlet, source.title and f"“{source.title}”",
                                       source.author) if part.strip()]
    if source.published:
        parts.append(f"published {escape(source.published.describe())}")
    if source.url.strip():
        parts.append(_url(source.url))
    if source.archived_url.strip():
        parts.append(f"archived {_url(source.archived_url)}")
    return ", ".join(parts)


def _source_numbers(events: Iterable[Event]) -> dict[str, int]:
    """Each cited source's footnote number, in order of first citation."""
    cited = dict.fromkeys(source_id for event in events for source_id in event.cited_source_ids)
    return {source_id: number for number, source_id in enumerate(cited, 1)}


def _source_list(numbers: Mapping[str, int], timeline: Timeline) -> list[str]:
    return [f"{number}. {_source_entry(timeline.sources[source_id])}"
            for source_id, number in numbers.items()]


def markdown_citation(event: Event, timeline: Timeline) -> str:
    """One event with its own numbered sources: a block to paste into an article."""
    numbers = _source_numbers([event])
    lines = _event_lines(event, timeline, numbers)
    if numbers:
        lines.extend(["", "Sources:", "", *_source_list(numbers, timeline)])
    return "\n".join(lines) + "\n"


def _period(event: Event) -> str:
    return event.date.period() if event.date else UNDATED


def markdown_chronology(timeline: Timeline, indexes: Sequence[int]) -> str:
    """The chosen events under a heading for each month (or year), then every
    source cited, numbered in the order the events first cite them."""
    events = [timeline.events[i] for i in indexes]
    numbers = _source_numbers(events)
    lines = ["# Chronology", "", f"{counted(len(events), 'event')}."]
    for period, in_period in groupby(events, _period):
        lines.extend(["", f"## {escape(period)}"])
        for event in in_period:
            lines.extend(["", *_event_lines(event, timeline, numbers)])
    if numbers:
        lines.extend(["", "## Sources", "", *_source_list(numbers, timeline)])
    return "\n".join(lines) + "\n"
