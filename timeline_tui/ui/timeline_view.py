"""The timeline pane: one row per event under month or year headings.

Only the rows in view are rendered (Textual's Line API), and each rendered row is
cached, so a timeline of 100,000 events scrolls as quickly as one of ten.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import compress, islice
from operator import ne
from collections.abc import Iterable, Sequence

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..core.dates import EventDate, PartialDate
from ..core.model import Event, Timeline
from ..core.origins import independent_origins
from ..core.text import one_line

__all__ = ["TimelineView"]


UNDATED_HEADING = "Undated or invalid"
"""The heading of the events whose date is unusable, after every dated one."""


def _gutter_width(dates: Iterable[EventDate], zone: str) -> int:
    """The widest date a row shows, measuring one date of each shape (a day's
    second digit allowed for)."""
    return max((len(_shown(date, zone).within_period()) + _day_slack(date, zone)
                for date in dates), default=0)


def _day_slack(date: EventDate, zone: str) -> int:
    """1 when a date of the same shape may show one more digit of its day."""
    if zone:  # converting may move it to any day
        return 1
    return int(isinstance(date, PartialDate) and date.day is not None and date.day < 10)


def _shown(date: EventDate, zone: str) -> EventDate:
    """The date as the view shows it: in `zone`, or as written."""
    return date.in_zone(zone) if zone else date


@dataclass(frozen=True, slots=True)
class _Columns:
    """What every row of a timeline shares, worked out once per timeline: where
    each heading's run of events starts, and column widths that stay put as
    filters change."""

    run_starts: list[int]
    """The index of the first event of each run of events with equal period keys
    (one heading each, when every event is shown), then len(events)."""
    run_keys: list[int]
    """The period key of each run."""
    gutter_width: int
    count_widths: tuple[int, int, int]

    @classmethod
    def of(cls, timeline: Timeline, zone: str) -> _Columns:
        facts, keys = timeline.facts, timeline.period_keys
        # Keys are in date order but not always monotonic (a zoned time sorts by
        # its moment, under the month it was written in; the undated come last).
        run_starts = [0, *compress(range(1, len(keys)), map(ne, islice(keys, 1, None), keys))] \
            if keys else []
        # Sources: the sources cited bound the origins among them, which are counted
        # only for the rows drawn.
        return cls([*run_starts, len(keys)], [keys[i] for i in run_starts],
                   _gutter_width(facts.date_shapes.values(), zone),
                   (len(str(facts.most_participants)), len(str(facts.most_quotes)),
                    len(str(facts.most_sources))))


class _Layout(Sequence[int]):
    """The rows of the shown events, with their month or year headings: as a
    sequence, each row's event index into timeline.events, or -1 - n for the n-th
    heading.

    Nothing is laid out per event: a heading starts where the period key changes
    between consecutive shown events, which can only be at the start of a run of
    equal keys (`_Columns`), so a query costs a binary search per run; a row,
    a heading and an event's row are then found by binary search too."""

    __slots__ = ("visible", "_events", "_group_positions", "_group_rows")

    def __init__(self, timeline: Timeline, columns: _Columns, visible: Sequence[int]) -> None:
        self.visible = visible
        """Indexes into timeline.events of the events shown, in order."""
        self._events = timeline.events
        positions: list[int] = []
        """Under each heading: the position in `visible` of its first event."""
        previous_key = None
        start = 0
        for key, run_end in zip(columns.run_keys, columns.run_starts[1:]):
            end = bisect_left(visible, run_end, start)
            if end > start:  # some of the run is shown
                if key != previous_key:  # not under the heading of the run shown before
                    positions.append(start)
                previous_key = key
            start = end
        self._group_positions = positions
        self._group_rows = [position + number for number, position in enumerate(positions)]
        """The row of each heading: the events and headings above it."""

    def __len__(self) -> int:
        return len(self.visible) + len(self._group_positions)

    def __getitem__(self, row):  # an int: Sequence's other methods need no more
        if row < 0:
            row += len(self)
        if not 0 <= row < len(self):
            raise IndexError(row)
        heading = bisect_right(self._group_rows, row) - 1
        if self._group_rows[heading] == row:
            return -1 - heading
        return self.visible[row - heading - 1]

    def heading(self, number: int) -> str:
        """The text of the `number`-th heading: the period of its first event."""
        date = self._events[self.visible[self._group_positions[number]]].date
        return UNDATED_HEADING if date is None else date.period()

    def heading_of(self, row: int) -> int:
        """The number of the heading `row` falls under."""
        return max(bisect_right(self._group_rows, row) - 1, 0)

    def row_at(self, position: int) -> int:
        """The row of the event at `position` in `visible`."""
        return position + bisect_right(self._group_positions, position)

    def row_of(self, index: int) -> int | None:
        """The row of the event at `index` into timeline.events, if it is shown."""
        position = bisect_left(self.visible, index)
        if position < len(self.visible) and self.visible[position] == index:
            return self.row_at(position)
        return None


class TimelineView(ScrollView, can_focus=True):
    """Every event the filters keep, in date order, with a selected row."""

    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False),
        Binding("k,up", "move(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("g,home", "jump(0)", "First", show=False),
        Binding("G,end", "jump(-1)", "Last", show=False),
        Binding("escape", "escape", "Clear the query, then actors", show=False),
    ]

    COMPONENT_CLASSES = {
        "timeline--heading",
        "timeline--date",
        "timeline--marks",
        "timeline--unsourced",
        "timeline--single-origin",
        "timeline--disputed",
        "timeline--cursor",
        "timeline--cursor-blurred",
        "timeline--stale",
    }

    class Escaped(Message):
        """Escape in the timeline: the screen clears the query, then the actors."""

    class Highlighted(Message):
        """The selected event changed (None: nothing is shown)."""

        def __init__(self, event_id: str | None) -> None:
            super().__init__()
            self.event_id = event_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timeline = Timeline()
        self._zone = ""
        """The zone times are shown in; "" for each as written."""
        self._columns = (self._timeline, _Columns.of(self._timeline, self._zone))
        self._layout = _Layout(self._timeline, self._columns[1], ())
        self._cursor_row: int | None = None
        self._stale_paths: frozenset[str] = frozenset()
        # A few screens of rows: each cached Strip holds caches of its own, which
        # every full garbage collection walks.
        self._cache: LRUCache[tuple, Strip] = LRUCache(256)

    # Data

    def show(self, timeline: Timeline, visible: Sequence[int], selected_id: str | None,
             stale_paths: frozenset[str] = frozenset(), zone: str = "") -> None:
        """Show `visible` (indexes into timeline.events) and select `selected_id`,
        or failing that the nearest event that is shown; times in `zone`, or as
        written."""
        previous = self.selected_index
        if self._columns[0] is not timeline or zone != self._zone \
                or stale_paths != self._stale_paths:
            self._cache.clear()  # Rows drawn before stay good while only the query changes.
        self._timeline = timeline
        self._stale_paths = stale_paths
        if self._columns[0] is not timeline or zone != self._zone:
            self._zone = zone
            self._columns = (timeline, _Columns.of(timeline, zone))
        self._layout = _Layout(timeline, self._columns[1], visible)
        self.virtual_size = Size(0, len(self._layout))  # never wider: no sideways scrolling
        self._cursor_row = self._row_for(selected_id, previous, visible)
        self.refresh()
        self._scroll_cursor_into_view()
        self.post_message(self.Highlighted(self.selected_id))

    def _row_for(self, selected_id: str | None, previous: int | None,
                 visible: Sequence[int]) -> int | None:
        if not visible:
            return None
        layout = self._layout
        index = self._timeline.event_index(selected_id) if selected_id else None
        row = layout.row_of(index) if index is not None else None
        if row is not None:
            return row
        if previous is not None:  # Keep the place: the first shown event after it.
            return layout.row_at(min(bisect_left(visible, previous), len(visible) - 1))
        return layout.row_at(0)

    def select_event(self, event_id: str) -> bool:
        """Select the event `event_id` if it is shown; whether it is."""
        index = self._timeline.event_index(event_id)
        row = self._layout.row_of(index) if index is not None else None
        if row is None:
            return False
        self._select_row(row)
        return True

    @property
    def shown_indexes(self) -> Sequence[int]:
        """Indexes into timeline.events of the events shown, in order."""
        return self._layout.visible

    @property
    def timeline(self) -> Timeline:
        return self._timeline

    @property
    def row_count(self) -> int:
        """Rows in the view: events and their headings."""
        return len(self._layout)

    @property
    def cursor_row(self) -> int | None:
        return self._cursor_row

    @property
    def selected_index(self) -> int | None:
        if self._cursor_row is None or self._cursor_row >= len(self._layout):
            return None
        row = self._layout[self._cursor_row]
        return row if row >= 0 else None

    @property
    def selected_id(self) -> str | None:
        index = self.selected_index
        return None if index is None else self._timeline.events[index].id

    # Movement

    def _select_row(self, row: int | None) -> None:
        if row is None or row == self._cursor_row:
            return
        self._cursor_row = row
        self.refresh()  # Cached rows stay good: their key says whether they are selected.
        self._scroll_cursor_into_view()
        self.post_message(self.Highlighted(self.selected_id))

    def _step(self, start: int, direction: int) -> int | None:
        """The nearest event row from `start` going in `direction`, start included."""
        row = start
        while 0 <= row < len(self._layout):
            if self._layout[row] >= 0:
                return row
            row += direction
        return None

    def action_move(self, delta: int) -> None:
        if self._cursor_row is None:
            return
        direction = 1 if delta > 0 else -1
        self._select_row(self._step(self._cursor_row + direction, direction))

    def action_page(self, direction: int) -> None:
        if self._cursor_row is None:
            return
        target = self._cursor_row + direction * max(1, self.scrollable_content_region.height - 1)
        target = min(max(target, 0), len(self._layout) - 1)
        self._select_row(self._step(target, direction) or self._step(target, -direction))

    def action_escape(self) -> None:
        self.post_message(self.Escaped())

    def action_jump(self, where: int) -> None:
        if not self._layout:
            return
        if where == 0:
            self._select_row(self._step(0, 1))
            self.scroll_to(y=0, animate=False)
        else:
            self._select_row(self._step(len(self._layout) - 1, -1))

    def _scroll_cursor_into_view(self) -> None:
        if self._cursor_row is None:
            return
        # The top line shows the row above the cursor: its heading, or the heading
        # pinned over it (see render_line).
        top = max(0, self._cursor_row - 1)
        height = self.scrollable_content_region.height
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False)
        elif self._cursor_row >= self.scroll_offset.y + height:
            self.scroll_to(y=self._cursor_row - height + 1, animate=False)

    def on_click(self, event: events.Click) -> None:
        row = event.y + self.scroll_offset.y
        if event.y == 0 and self._pinned_heading(row) is not None:
            return  # the pinned heading covers this row
        if 0 <= row < len(self._layout) and self._layout[row] >= 0:
            self._select_row(row)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, len(self._layout))
        self._cache.clear()
        self._scroll_cursor_into_view()

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    on_blur = on_focus

    # Rendering

    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if row >= len(self._layout):
            return Strip.blank(width, self.rich_style)
        pinned = self._pinned_heading(row) if y == 0 else None
        if pinned is not None:  # The period of the top row stays in view.
            return self._render_row(-1 - pinned, row, width)
        entry = self._layout[row]
        # Keyed by what the row shows, not where: a query that keeps it moves it.
        key = (entry if entry >= 0 else self._layout.heading(-1 - entry), width,
               row == self._cursor_row, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(entry, row, width)
            self._cache[key] = strip
        return strip

    def _pinned_heading(self, row: int) -> int | None:
        """The heading (its number) pinned over `row` at the top of the view: that
        of the event at `row` (which it covers, as sticky headings do), or None
        when `row` is a heading itself."""
        if not 0 <= row < len(self._layout) or self._layout[row] < 0:
            return None
        return self._layout.heading_of(row)

    def _render_row(self, entry: int, row: int, width: int) -> Strip:
        base = self.rich_style
        if entry < 0:
            style = self.get_component_rich_style("timeline--heading")
            text = Text(f"── {self._layout.heading(-1 - entry)} ", style=style, no_wrap=True)
            text.append("─" * max(0, width - text.cell_len), style=style)
        else:
            text = self._event_text(self._timeline.events[entry], width)
            if row == self._cursor_row:
                text.stylize(self.get_component_rich_style(
                    "timeline--cursor" if self.has_focus else "timeline--cursor-blurred"))
        text.truncate(width, pad=True)
        segments = list(text.render(self.app.console))
        return Strip(Segment.apply_style(segments, base), width)

    def _event_text(self, event: Event, width: int) -> Text:
        date = "" if event.date is None else _shown(event.date, self._zone).within_period()
        gutter = date.ljust(self._columns[1].gutter_width)
        actors, quotes, sources = self._columns[1].count_widths
        marks = f"@{len(event.participant_ids):<{actors}} \u275d{len(event.quotes):<{quotes}} "
        origins = len(independent_origins(event, self._timeline.origin_of))  # drawn rows only
        origins_mark = f"§{origins}"
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {gutter} ", self.get_component_rich_style("timeline--date"))
        title_width = max(4, width - len(gutter) - len(marks) - sources - 8)
        title_text = Text(one_line(event.title) or f"({one_line(event.id)})", no_wrap=True,
                          overflow="ellipsis")
        # From a file's last good version, or with problems of its own.
        if event.problems or event.position.path in self._stale_paths:
            title_text = Text.assemble("⚠ ", title_text, no_wrap=True, overflow="ellipsis",
                                       style=self.get_component_rich_style("timeline--stale"))
        title_text.truncate(title_width, overflow="ellipsis", pad=True)
        text.append_text(title_text)
        marks_style = self.get_component_rich_style("timeline--marks")
        text.append(f" {marks}", marks_style)
        text.append(origins_mark, self.get_component_rich_style(
            "timeline--unsourced" if origins == 0 else
            "timeline--single-origin" if origins == 1 else "timeline--marks"))
        # The tag covers the mark alone; the column is as wide as the widest count.
        text.append(" " * (1 + sources + 1 - len(origins_mark)), marks_style)
        text.append("≠" if event.disputes else " ", self.get_component_rich_style("timeline--disputed"))
        text.append(" ", marks_style)
        return text

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
