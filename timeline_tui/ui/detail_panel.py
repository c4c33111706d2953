"""The detail panel: everything known about the selected event, and its sources."""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..core.model import Actor, Event, Source, Timeline
from ..core.text import one_line, printable

__all__ = ["DetailPanel", "event_detail"]

_HEADING = "bold $accent"
_LABEL = "$text-muted"
_REPORTED = "bold $warning"
_DIRECT = "bold $success"

Part = str | tuple[str, str]


def _section(title: str) -> list[Part]:
    return ["\n", (title, _HEADING), "\n"]


def _actor_line(actor: Actor) -> list[Part]:
    parts: list[Part] = ["  ", (one_line(actor.name), "bold")]
    details = ", ".join(one_line(part) for part in (actor.role, actor.group) if part)
    if details:
        parts.append(f" — {details}")
    return [*parts, "\n"]


def _source_lines(number: int, source: Source) -> list[Part]:
    parts: list[Part] = [(f"  [{number}] ", _LABEL)]
    parts.append((one_line(source.outlet or source.title or source.url), "bold"))
    if source.outlet and source.title:
        parts.append(f" — {one_line(source.title)}")
    parts.append("\n")
    for label, value in (
        ("author", source.author),
        ("published", source.published.describe() if source.published else ""),
        ("url", source.url),
        ("archived", source.archived_url),
        ("accessed", source.accessed.describe() if source.accessed else ""),
        ("notes", source.notes),
    ):
        if value:
            parts.extend([(f"      {label}: ", _LABEL), printable(value), "\n"])
    parts.extend(_extras(source.extras, indent="      "))
    return parts


def _extras(extras: Iterable[tuple[str, object]], indent: str = "") -> list[Part]:
    parts: list[Part] = []
    for key, value in extras:
        parts.extend([(f"{indent}{printable(key)}: ", _LABEL), printable(_plain(value)), "\n"])
    return parts


def _plain(value: object) -> str:
    """A user's x- field as compact text: lists joined, mappings as key: value."""
    if isinstance(value, tuple):
        if all(isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)
               for item in value) and value:
            return "; ".join(f"{key}: {_plain(item)}" for key, item in value)
        return ", ".join(_plain(item) for item in value)
    return str(value)


def event_detail(event: Event, timeline: Timeline) -> Content:
    """The detail of one event as styled text. Everything from the file is literal."""
    actors, sources = timeline.actors, timeline.sources
    parts: list[Part] = [(printable(event.title), "bold"), "\n"]
    when = event.date.describe()
    if event.end is not None:
        when += f" – {event.end.describe()}"
    parts.extend([(when, "$accent"), (f"  ({event.date.describe_precision()})", _LABEL), "\n"])
    facts = [(label, value) for label, value in
             (("Location", event.location), ("Tags", ", ".join(event.tags))) if value]
    for number, (label, value) in enumerate(facts):
        parts.extend([(" · " if number else "", _LABEL), (f"{label}: ", _LABEL), one_line(value)])
    if facts:
        parts.append("\n")
    if event.summary:
        parts.extend([*_section("Summary"), printable(event.summary.strip()), "\n"])
    if event.participant_ids:
        parts.extend(_section("Actors"))
        for actor_id in event.participant_ids:
            parts.extend(_actor_line(actors[actor_id]))
    source_numbers = {source_id: n for n, source_id in enumerate(event.cited_source_ids, 1)}
    if event.quotes:
        parts.extend(_section(f"Quotes ({len(event.quotes)})"))
        for quote in event.quotes:
            parts.extend(["  ", ("“", _HEADING), printable(quote.text.strip()), ("”", _HEADING),
                          "\n", "    — ", (one_line(actors[quote.speaker_id].name), "bold"), "  "])
            if quote.reported:
                parts.append((" REPORTED ", f"{_REPORTED} reverse"))
                parts.append((" second-hand", _LABEL))
            else:
                parts.append((" DIRECT ", f"{_DIRECT} reverse"))
            if quote.source_id:
                parts.append((f"  [{source_numbers[quote.source_id]}] ", _LABEL))
                parts.append(one_line(sources[quote.source_id].label))
            parts.append("\n")
            if quote.context:
                parts.extend([("    context: ", _LABEL), printable(quote.context.strip()), "\n"])
    if source_numbers:
        parts.extend(_section(f"Sources ({len(source_numbers)})"))
        for source_id, number in source_numbers.items():
            parts.extend(_source_lines(number, sources[source_id]))
    else:
        parts.extend([*_section("Sources"), ("  No source cited.", "bold $error"), "\n"])
    related = [timeline.events[i] for i in
               (timeline.event_index(event_id) for event_id in event.related) if i is not None]
    if related:
        parts.extend(_section("Related"))
        for other in related:
            parts.extend([("  → ", _LABEL), (other.date.describe(), "$accent"), "  ",
                          one_line(other.title), "\n"])
    if event.notes:
        parts.extend([*_section("Notes"), printable(event.notes.strip()), "\n"])
    if event.extras:
        parts.extend([*_section("Your fields"), *_extras(event.extras)])
    parts.extend(["\n", (f"{printable(event.id)} · {event.position}", _LABEL)])
    return Content.assemble(*parts)


class DetailPanel(VerticalScroll, can_focus=True):
    """Scrollable detail of the selected event."""

    def compose(self):
        yield Static(id="detail-body")

    def show(self, event: Event | None, timeline: Timeline, empty_message: str) -> None:
        body = self.query_one("#detail-body", Static)
        if event is None:
            body.update(Content.styled(empty_message, _LABEL))
        else:
            body.update(event_detail(event, timeline))
        self.scroll_home(animate=False)
