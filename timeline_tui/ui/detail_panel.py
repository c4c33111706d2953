"""The detail panel: everything known about the selected event, and its sources."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.style import Style
from textual.widget import Widget

from ..core.dates import EventDate
from ..core.model import Actor, Dispute, Event, Source, Timeline
from ..core.text import one_line, plain_value, printable, web_address

__all__ = ["Block", "DetailItem", "DetailPanel", "ItemSpan", "detail_blocks", "render_blocks",
           "shorten_middle", "wrap_blocks"]

_HEADING = "bold $accent"
_LABEL = "$text-muted"
_REPORTED = "bold $warning"
_DIRECT = "bold $success"
_DISPUTED = "bold $text-warning"
_SINGLE_ORIGIN = "bold $text-warning"

Part = str | tuple[str, str]


class DetailItem(NamedTuple):
    """Something in the detail that the user can act on: its kind ("quote",
    "source", "related", "version") and what it stands for (a quote's index, a
    source or event id, a dispute version's (dispute, version) indexes)."""

    kind: str
    key: object


class Block(NamedTuple):
    """A paragraph and its indent (wrapped lines keep it: a hanging indent), and
    the item it starts, if any."""

    indent: int
    content: Content
    item: DetailItem | None = None
    wraps: bool = True
    """False for a line that must stay whole (a URL): shortened in the middle instead."""


def _block(indent: int, *parts: Part, item: DetailItem | None = None) -> Block:
    return Block(indent, Content.assemble(*parts), item)


def _url_block(indent: int, label: str, url: str) -> Block:
    """A URL on one line; a link (the terminal's own, OSC 8) when it is a web address."""
    address = web_address(url)
    shown: Part = (one_line(url), Style(underline=True, link=address)) if address else one_line(url)
    return Block(indent, Content.assemble((f"{label}: ", _LABEL), shown), wraps=False)


def shorten_middle(content: Content, width: int) -> Content:
    """`content` cut to `width` cells by an ellipsis in the middle, so that both
    ends of a long URL stay readable."""
    if content.cell_length <= width:
        return content
    keep = max(width - 1, 2)
    head, tail = (keep + 1) // 2, keep // 2
    while True:
        shortened = Content.assemble(content[:head], "…", content[len(content) - tail:])
        if shortened.cell_length <= width or head + tail <= 2:
            return shortened
        head, tail = max(head - 1, 1), max(tail - 1, 1)


def _section(title: str) -> list[Block]:
    return [_block(0, ""), _block(0, (title, _HEADING))]


def _actor_block(actor: Actor) -> Block:
    details = ", ".join(one_line(part) for part in (actor.role, actor.group) if part)
    return _block(2, (one_line(actor.name), "bold"), f" — {details}" if details else "")


def _source_name(source: Source) -> str:
    return one_line(source.outlet or source.title or source.url)


def _source_blocks(number: int, source: Source, timeline: Timeline, indent: int) -> list[Block]:
    heading: list[Part] = [(f"[{number}] ", _LABEL), (_source_name(source), "bold")]
    if source.outlet and source.title:
        heading.append(f" — {one_line(source.title)}")
    about = [source.kind] if source.kind else []
    if source.based_on:
        about.append("via " + ", ".join(_source_name(timeline.sources[source_id])
                                        for source_id in source.based_on))
    if about:
        heading.append((f"  {' · '.join(about)}", "italic $text-accent"))
    blocks = [_block(indent, *heading, item=DetailItem("source", source.id))]
    for label, value in (
        ("author", source.author),
        ("published", source.published.describe() if source.published else ""),
        ("url", source.url),
        ("archived", source.archived_url),
        ("accessed", source.accessed.describe() if source.accessed else ""),
        ("notes", source.notes.strip()),
    ):
        if label in ("url", "archived") and value.strip():
            blocks.append(_url_block(indent + 4, label, value))
        elif value:
            blocks.append(_block(indent + 4, (f"{label}: ", _LABEL), printable(value)))
    return blocks + _extra_blocks(source.extras, indent=indent + 4)


def _by_origin(event: Event, timeline: Timeline) -> list[list[str]]:
    """The sources the event cites, grouped by independent origin, in citing order."""
    groups: dict[str, list[str]] = {}
    for source_id in event.cited_source_ids:
        groups.setdefault(timeline.origin_of.get(source_id, source_id), []).append(source_id)
    return list(groups.values())


def _sources_section(origins: list[list[str]], numbers: dict[str, int],
                     timeline: Timeline) -> list[Block]:
    if not origins:
        return [*_section("Sources"), _block(2, ("No source cited.", "bold $error"))]
    count = len(origins)
    blocks = [_block(0, ""), _block(0, (f"Sources ({len(numbers)})", _HEADING), "  ",
                                    ("single origin", _SINGLE_ORIGIN) if count == 1 else
                                    (f"{count} independent origins", _LABEL))]
    # Labelled only when it tells something: several origins, one of several sources.
    labelled = count > 1 and any(len(group) > 1 for group in origins)
    for index, group in enumerate(origins, 1):
        if labelled:
            blocks.append(_block(2, (f"origin {index} of {count}", _LABEL)))
        for source_id in group:
            blocks.extend(_source_blocks(numbers[source_id], timeline.sources[source_id],
                                         timeline, indent=4 if labelled else 2))
    return blocks


def _dispute_blocks(number: int, dispute: Dispute, numbers: dict[str, int],
                    timeline: Timeline) -> list[Block]:
    blocks = [_block(2, ("≠ ", _DISPUTED), (printable(dispute.about.strip()), "bold"))]
    for index, version in enumerate(dispute.versions):
        blocks.append(_block(4, (f"{index + 1}. ", _LABEL), printable(version.says.strip()),
                             item=DetailItem("version", (number, index))))
        names: list[Part] = []
        for source_id in version.source_ids:
            if names:
                names.append((" · ", _LABEL))
            names.extend([(f"[{numbers[source_id]}] ", _LABEL), _source_name(timeline.sources[source_id])])
        blocks.append(_block(7, *(names or [("no source named", "$text-error")])))
    if dispute.resolution:
        blocks.append(_block(4, ("resolution: ", _LABEL), printable(dispute.resolution.strip())))
    return blocks


def _extra_blocks(extras: Iterable[tuple[str, object]], indent: int = 0) -> list[Block]:
    return [_block(indent, (f"{printable(key)}: ", _LABEL), printable(plain_value(value)))
            for key, value in extras]


def _describe(date: EventDate | None, zone: str) -> str:
    """A date in words, in `zone` when one is chosen."""
    if date is None:
        return "no usable date"
    return (date.in_zone(zone) if zone else date).describe()


def _when_blocks(event: Event, zone: str) -> list[Block]:
    if event.date is None:
        return [_block(0, ("No usable date: listed under “Undated or invalid”", "bold $error"))]
    when = _describe(event.date, zone) + (f" – {_describe(event.end, zone)}" if event.end else "")
    return [_block(0, (when, "$accent"), (f"  ({event.date.describe_precision()})", _LABEL))]


def _problem_blocks(event: Event) -> list[Block]:
    """What is wrong in the event's record, each where it is: fix it with `e`."""
    if not event.problems:
        return []
    blocks = [_block(0, ""), _block(0, (f"⚠ Problems ({len(event.problems)})", "bold $warning"))]
    blocks.extend(_block(2, (f"{problem.position.line}:{problem.position.column} ", _LABEL),
                         printable(problem.message))
                  for problem in event.problems)
    return blocks


def detail_blocks(event: Event, timeline: Timeline, zone: str = "") -> list[Block]:
    """The detail of one event as indented paragraphs, times in `zone` when one is
    chosen. Everything from the file is literal."""
    actors, sources = timeline.actors, timeline.sources
    blocks = [
        _block(0, (printable(event.title) or f"({printable(event.id)})", "bold")),
        *_when_blocks(event, zone),
        *_problem_blocks(event),
    ]
    facts: list[Part] = []
    for label, value in (("Location", event.location), ("Tags", ", ".join(event.tags))):
        if value:
            facts.extend([(" · " if facts else "", _LABEL), (f"{label}: ", _LABEL), one_line(value)])
    if facts:
        blocks.append(_block(0, *facts))
    if event.summary:
        blocks.extend([*_section("Summary"), _block(0, printable(event.summary.strip()))])
    origins = _by_origin(event, timeline)
    source_numbers = {source_id: n for n, source_id in
                      enumerate((source_id for group in origins for source_id in group), 1)}
    if event.disputes:
        blocks.extend(_section(f"Disputed ({len(event.disputes)})"))
        for number, dispute in enumerate(event.disputes):
            if number:
                blocks.append(_block(0, ""))
            blocks.extend(_dispute_blocks(number, dispute, source_numbers, timeline))
    if event.participant_ids:
        blocks.extend(_section("Actors"))
        blocks.extend(_actor_block(actors[actor_id]) for actor_id in event.participant_ids)
    if event.quotes:
        blocks.extend(_section(f"Quotes ({len(event.quotes)})"))
        for number, quote in enumerate(event.quotes):
            if number:
                blocks.append(_block(0, ""))
            blocks.append(_block(2, ("“", _HEADING), printable(quote.text.strip()), ("”", _HEADING),
                                 item=DetailItem("quote", number)))
            attribution: list[Part] = ["— ", (one_line(actors[quote.speaker_id].name), "bold"), "  "]
            if quote.reported:
                attribution.extend([(" REPORTED ", f"{_REPORTED} reverse"), (" second-hand", _LABEL)])
            else:
                attribution.append((" DIRECT ", f"{_DIRECT} reverse"))
            if quote.source_id:
                attribution.extend([(f"  [{source_numbers[quote.source_id]}] ", _LABEL),
                                    one_line(sources[quote.source_id].label)])
            blocks.append(_block(4, *attribution))
            if quote.context:
                blocks.append(_block(4, ("context: ", _LABEL), printable(quote.context.strip())))
    blocks.extend(_sources_section(origins, source_numbers, timeline))
    if event.related:
        blocks.extend(_section("Related"))
        blocks.extend(_related_block(related_id, timeline, zone) for related_id in event.related)
    if event.notes:
        blocks.extend([*_section("Notes"), _block(0, printable(event.notes.strip()))])
    if event.extras:
        blocks.extend([*_section("Your fields"), *_extra_blocks(event.extras)])
    blocks.extend([_block(0, ""), _block(0, (f"{printable(event.id)} · {event.position}", _LABEL))])
    return blocks


def _related_block(event_id: str, timeline: Timeline, zone: str) -> Block:
    """A related event, or its id marked as missing (in a file that does not load)."""
    index = timeline.event_index(event_id)
    item = DetailItem("related", event_id)
    if index is None:
        return _block(4, ("→ ", _LABEL), (one_line(event_id), "bold"),
                      ("  not in the timeline (is its file broken?)", "$text-warning"), item=item)
    other = timeline.events[index]
    return _block(4, ("→ ", _LABEL), (_describe(other.date, zone), "$accent"), "  ",
                  one_line(other.title), item=item)


class ItemSpan(NamedTuple):
    """The lines an item takes once wrapped: its first block and those indented under it."""

    item: DetailItem
    first: int
    count: int


def wrap_blocks(blocks: Iterable[Block], width: int) -> tuple[list[Content], list[ItemSpan]]:
    """Wrap each block to `width`, indenting every line of it; and where each item is."""
    lines: list[Content] = []
    spans: list[ItemSpan] = []
    item_indent: int | None = None
    for indent, content, item, wraps in blocks:
        if item is not None:
            spans.append(ItemSpan(item, len(lines), 0))
            item_indent = indent
        elif item_indent is not None and indent <= item_indent:
            item_indent = None
        if not wraps:
            lines.append(shorten_middle(content, max(8, width - indent)).pad_left(indent))
        else:
            for paragraph in content.split("\n", allow_blank=True):
                wrapped = paragraph.wrap(max(8, width - indent)) or [Content("")]
                lines.extend(line.pad_left(indent) for line in wrapped)
        if item_indent is not None:
            spans[-1] = spans[-1]._replace(count=len(lines) - spans[-1].first)
    return lines, spans


def render_blocks(blocks: Iterable[Block], width: int) -> Content:
    """Wrap each block to `width`, indenting every line of it."""
    return Content("\n").join(wrap_blocks(blocks, width)[0])


class DetailBody(Widget):
    """Indented paragraphs, wrapped for the width the widget is given when drawn
    (never a width measured earlier, which a resize may have changed), with the
    current item highlighted."""

    DEFAULT_CSS = "DetailBody { height: auto; }"

    class Clicked(Message):
        def __init__(self, line: int) -> None:
            super().__init__()
            self.line = line

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._blocks: list[Block] = []
        self._wrapped: tuple[int, list[Content], list[ItemSpan]] | None = None
        self.current: int | None = None
        """The current item: an index into `spans()`."""
        self.highlight = False

    def update(self, blocks: list[Block]) -> None:
        self._blocks = blocks
        self._wrapped = None
        self.current = None
        self.refresh(layout=True)

    def _wrap(self, width: int) -> tuple[int, list[Content], list[ItemSpan]]:
        if self._wrapped is None or self._wrapped[0] != width:
            self._wrapped = (width, *wrap_blocks(self._blocks, width))
        return self._wrapped

    def spans(self) -> list[ItemSpan]:
        """Where each item is, at the width drawn."""
        return self._wrap(self.size.width or 80)[2]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrap(width)[1])

    def render(self) -> Content:
        _, lines, spans = self._wrap(self.size.width)
        if self.highlight and self.current is not None and self.current < len(spans):
            span = spans[self.current]
            lines = list(lines)
            for line in range(span.first, span.first + span.count):
                lines[line] = lines[line].stylize("reverse")
        return Content("\n").join(lines)

    def on_click(self, event: events.Click) -> None:
        self.post_message(self.Clicked(event.y))


class DetailPanel(VerticalScroll, can_focus=True):
    """Scrollable detail of the selected event, whose items (quotes, sources,
    related events, dispute versions) can be moved between and chosen."""

    BINDINGS = [
        Binding("j,down", "item(1)", "Next item (or scroll a line)", show=False),
        Binding("k,up", "item(-1)", "Previous item (or scroll a line)", show=False),
        Binding("space,pagedown", "page_down", "Scroll a page down", show=False),
        Binding("pageup", "page_up", "Scroll a page up", show=False),
        Binding("enter", "follow", "Follow link"),
        # Enter on any other item: the screen decides what it does.
        Binding("enter", "choose", "Act on the current item", show=False),
    ]

    class ItemChosen(Message):
        """Enter (or a click on a related event) on an item."""

        def __init__(self, item: DetailItem) -> None:
            super().__init__()
            self.item = item

    def compose(self) -> ComposeResult:
        yield DetailBody(id="detail-body")

    _shown: tuple[Event, Timeline, str] | None = None
    """The event shown, of which timeline, times in which zone."""

    def show(self, event: Event | None, timeline: Timeline, empty_message: str,
             zone: str = "") -> None:
        """Show `event`, or `empty_message` when there is none. The same event again
        (the selection kept as a query changes) is left as it is: laid out, scrolled
        and with its current item."""
        shown = self._shown
        if event is not None and shown is not None and shown[0] is event \
                and shown[1] is timeline and shown[2] == zone:
            return
        self._shown = None if event is None else (event, timeline, zone)
        if event is None:
            blocks = [_block(0, (empty_message, _LABEL))]
        else:
            blocks = detail_blocks(event, timeline, zone)
        self.query_one(DetailBody).update(blocks)
        self.scroll_home(animate=False)

    @property
    def current_item(self) -> DetailItem | None:
        body = self.query_one(DetailBody)
        spans = body.spans()
        return spans[body.current].item if body.current is not None and body.current < len(spans) \
            else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "follow":  # Offered on a related event only; other items fall to "choose".
            item = self.current_item
            return item is not None and item.kind == "related"
        return True

    def select_item(self, number: int | None) -> None:
        """Make item `number` (in the order shown) current and scroll it into view."""
        body = self.query_one(DetailBody)
        body.current = number
        body.refresh()
        self.refresh_bindings()
        if number is None:
            return
        span = body.spans()[number]
        top, height = round(self.scroll_y), self.scrollable_content_region.height
        if span.first < top:
            self.scroll_to(y=span.first, animate=False)
        elif span.first + span.count > top + height:
            self.scroll_to(y=min(span.first, span.first + span.count - height), animate=False)

    def action_item(self, direction: int) -> None:
        """The next item in `direction` when it is in view or a line away; else
        scroll a line, so text between items can be read."""
        body = self.query_one(DetailBody)
        spans = body.spans()
        top, height = round(self.scroll_y), self.scrollable_content_region.height
        if body.current is None:
            order = [n for n, span in enumerate(spans) if span.first >= top] if direction > 0 \
                else [n for n, span in enumerate(spans) if span.first < top + height][::-1]
        else:
            order = [body.current + direction] if 0 <= body.current + direction < len(spans) else []
        if order and top - 1 <= spans[order[0]].first <= top + height:
            self.select_item(order[0])
        elif direction > 0:
            self.scroll_down(animate=False)
        else:
            self.scroll_up(animate=False)

    def action_choose(self) -> None:
        item = self.current_item
        if item is not None:
            self.post_message(self.ItemChosen(item))

    action_follow = action_choose

    @on(DetailBody.Clicked)
    def _clicked(self, message: DetailBody.Clicked) -> None:
        for number, span in enumerate(self.query_one(DetailBody).spans()):
            if span.first <= message.line < span.first + span.count:
                self.focus()
                self.select_item(number)
                if span.item.kind == "related":
                    self.post_message(self.ItemChosen(span.item))
                return

    def on_focus(self) -> None:
        self.query_one(DetailBody).highlight = True
        self.query_one(DetailBody).refresh()

    def on_blur(self) -> None:
        self.query_one(DetailBody).highlight = False
        self.query_one(DetailBody).refresh()
