"""The main screen: it owns the state (timeline, filters, selection) and the panes
show it. Panes report what the user does with messages; the screen decides."""

from __future__ import annotations

import asyncio
import gc
import os
import shlex
import subprocess
import threading
import time
import webbrowser
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, ProgressBar, Static

from ..core.discover import YAML_SUFFIXES
from ..core.export import export, file_bytes, markdown_citation, quote_line, refusal
from ..core.model import Event, Position, Source, Timeline
from ..core.query import EventFilter, Query, QueryError, SearchIndex, parse_query
from ..core.text import counted, one_line
from ..core.workspace import LoadResult, Workspace, collector_paused
from .actor_filter import ActorFilter, ActorList
from .density_strip import DensityStrip
from .detail_panel import DetailPanel
from .error_panel import ErrorPanel
from .export_dialog import ExportDialog
from .help_screen import HelpScreen
from .search_bar import SearchBar
from .source_chooser import SourceChooser, web_addresses
from .timeline_view import TimelineView

__all__ = ["MainScreen", "editor_command"]

PROGRESS_AFTER = 0.5
"""Seconds a load runs before it shows a progress bar."""

PROGRESS_EVERY = 0.5
"""Seconds between updates of the progress bar: each update draws a frame, which
holds up the load for as long as it takes (a tenth of a second would cost a
100,000-event load a second in all)."""

STORE_WHEN_IDLE = 1.0
"""Seconds without a key or mouse event before a load's resolved events are
written to the cache: writing takes the UI thread's turn (8 ms for 1,000 events),
and written as soon as the timeline was shown they held up the keys pressed in
the seconds after a cold start (query key at 100k: 30 -> 65 ms)."""

STRIP_MIN_HEIGHT = 12
"""The timeline pane shows the density strip from this many rows (with its border)."""

NARROW_WIDTH = 110
"""Below this many columns the detail panel goes under the timeline, not beside it."""

_GUI_EDITORS = {"code", "code-insiders", "codium", "subl", "zed"}


def editor_command(editor: str, path: str, line: int) -> list[str]:
    """The command that opens `path` at `line` in `editor` (from $VISUAL or $EDITOR)."""
    words = shlex.split(editor)
    if Path(words[0]).name in _GUI_EDITORS:
        wait = [] if "--wait" in words or "-w" in words else ["--wait"]
        goto = ["--goto"] if Path(words[0]).name.startswith(("code", "codium")) else []
        return [*words, *wait, *goto, f"{path}:{line}"]
    return [*words, f"+{line}", path]


_LETTER_ACTIONS = frozenset({"search", "actors", "edit", "reload", "help", "quit", "back",
                             "toggle_strip", "copy", "open"})
"""Actions on keys that the actor list and the search bar take as typing."""

HISTORY_LIMIT = 100
"""How many links back Backspace can go."""


class MainScreen(Screen[None]):
    AUTO_FOCUS = "#timeline"  # the screen starts in the timeline, whatever comes first in the layout
    BINDINGS = [
        Binding("slash", "search", "Search"),
        Binding("a", "actors", "Actors"),
        Binding("e", "edit", "Edit"),
        Binding("y", "copy", "Copy"),
        Binding("o", "open", "Open source", show=False),
        Binding("r", "reload", "Reload"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
        Binding("backspace", "back", "Back along the links followed", show=False),
        Binding("d", "toggle_strip", "Density strip on or off", show=False),
    ]

    class Progress(Message):
        """A slow load has read `done` of `total` files."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Loaded(Message):
        """A load finished; its indexes are built off the UI thread too (the search
        index once the timeline is on screen)."""

        def __init__(self, result: LoadResult, search_index: _PendingIndex,
                     announce: bool) -> None:
            super().__init__()
            self.result = result
            self.search_index = search_index
            self.announce = announce
            """Say what the load did (it was asked for with `r`)."""

    def __init__(self, workspace: Workspace, *, watch: bool = True,
                 cursor_blink: bool = True, display_zone: str = "",
                 sample: bool = False) -> None:
        super().__init__()
        self.workspace = workspace
        self.display_zone = display_zone
        """The zone every time that has one is shown in; "" for each as written."""
        self.sample = sample
        """The bundled sample timeline is open: the app says so, and `e` explains."""
        self.watch_files = watch
        self.cursor_blink = cursor_blink
        self.timeline = Timeline()
        self._search_index = _PendingIndex.of(self.timeline)
        self.event_filter = EventFilter()
        self.shown_indexes: tuple[int, ...] = ()
        """Indexes into timeline.events of the events shown."""
        self.selected_id: str | None = None
        self.history: list[str] = []
        """Ids of the events links were followed from, the latest last."""
        self.stale_paths: frozenset[str] = frozenset()
        """Files shown as they last were when good."""
        self.partial_paths: frozenset[str] = frozenset()
        """Files shown as far as they could be read."""
        self.strip_wanted = True
        """The density strip is on (shown where the timeline pane is tall enough)."""
        self.loaded = False
        self._load_lock = threading.Lock()
        self._loads_started = 0

    @property
    def search_index(self) -> SearchIndex:
        """The current timeline's search index (waiting for it, if it is still being
        built)."""
        return self._search_index.get()

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield ActorFilter(id="actors")
            with Container(id="center"):
                with Vertical(id="timeline-pane"):
                    yield SearchBar(lambda: self.search_index, self.apply_query, id="search",
                                    cursor_blink=self.cursor_blink)
                    yield Static(id="search-message")
                    yield ProgressBar(id="progress", show_eta=False)
                    yield TimelineView(id="timeline")
                    yield DensityStrip(id="strip")
                yield DetailPanel(id="detail")
        yield ErrorPanel(id="errors")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#actors").border_title = Content("Actors")
        self.query_one("#timeline-pane").border_title = Content("Timeline")
        self.query_one("#detail").border_title = Content("Detail")
        self.query_one("#timeline-pane").border_subtitle = Content("loading…")
        self.query_one(SearchBar).display = False
        self.query_one("#search-message").display = False
        self.query_one(ProgressBar).display = False
        self.query_one(ErrorPanel).display = False
        self.action_reload()
        if self.watch_files:
            self._watch()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW_WIDTH, "-narrow")
        self.call_after_refresh(self._fit_strip)

    def _fit_strip(self) -> None:
        pane = self.query_one("#timeline-pane")
        self.query_one(DensityStrip).display = \
            self.strip_wanted and pane.outer_size.height >= STRIP_MIN_HEIGHT

    # Loading

    def action_reload(self) -> None:
        self._load(announce=self.loaded)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letter keys type into the actor list and the search bar: there, the
        footer does not offer them."""
        if action in _LETTER_ACTIONS and isinstance(self.focused, (ActorList, Input)):
            return False
        return True

    def on_descendant_focus(self) -> None:
        if self.loaded and self.query_one(TimelineView).selected_id is None:
            self._show_detail(None)

    @work(thread=True, group="load")
    def _load(self, announce: bool = False) -> None:
        started = time.monotonic()
        last_report = [started]

        def progress(done: int, total: int) -> None:
            # A bar for a load that takes a while, updated now and then.
            now = time.monotonic()
            if now - started > PROGRESS_AFTER and now - last_report[0] > PROGRESS_EVERY:
                last_report[0] = now
                self.post_message(self.Progress(done, total))

        with self._load_lock:  # The workspace reads one load at a time.
            self._loads_started += 1
            with collector_paused():
                result = self.workspace.load(progress)
                # What the load made lives until the next load: keep the collector
                # from walking it again and again (a pause of a second at 100,000
                # events), starting with the collection it would run as soon as it
                # is enabled.
                gc.freeze()
            search_index = _PendingIndex(result.timeline,
                                         result.stale_paths | result.partial_paths,
                                         previous=self._search_index)
            self.post_message(self.Loaded(result, search_index, announce))
            search_index.build()  # its text is strings, which the collector does not walk
        # For the next start: once this one is shown, while the user is idle, and
        # until another load starts (which stores after itself). What is left when
        # the app exits is written then (see `cli`).
        load_number = self._loads_started
        self.workspace.store_resolved(lambda: self._idle_since_load(load_number))

    def _idle_since_load(self, load_number: int) -> bool:
        """Wait until no key or mouse event came for STORE_WHEN_IDLE seconds; False
        when a load after load `load_number` started meanwhile, or the app ends."""
        while self._loads_started == load_number and self.app.is_running:
            idle = time.monotonic() - self.app.last_input  # type: ignore[attr-defined]
            if idle >= STORE_WHEN_IDLE:
                return True
            # In short steps: the app's exit waits for this thread.
            time.sleep(min(0.1, STORE_WHEN_IDLE - idle))
        return False

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=message.total, progress=message.done)
        self.query_one("#timeline-pane").border_subtitle = Content(
            f"reading file {message.done + 1} of {message.total}…")

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.query_one(ProgressBar).display = False
        result = message.result
        self.timeline = result.timeline
        self.stale_paths = result.stale_paths
        self.partial_paths = result.partial_paths
        self._search_index = message.search_index
        known = self.event_filter.actor_ids & self.timeline.actors.keys()
        if known != self.event_filter.actor_ids:
            self.event_filter = EventFilter(frozenset(known), self.event_filter.query)
        self.loaded = True
        self._show_actors()
        self.query_one(ErrorPanel).show(self.timeline.problems, self.stale_paths,
                                        self.partial_paths)
        self._show_events()
        self.call_after_refresh(message.search_index.needed)
        if message.announce:
            self.notify(_reload_summary(result), markup=False)

    def _watch_roots(self) -> list[str]:
        """The directories to watch: each opened directory, and each opened file's
        directory (an editor may replace the file by renaming another onto it)."""
        roots = set()
        for given in map(Path, self.workspace.paths):
            root = given if given.is_dir() or not given.suffix else given.parent
            if root.is_dir():
                roots.add(str(root))
        return sorted(roots)

    @work(group="watch", exclusive=True, exit_on_error=False)
    async def _watch(self) -> None:
        """Reload whenever a YAML file under the opened paths changes, appears or goes.

        A watched directory that is removed and made again is watched anew: every
        half second without changes the roots are checked.
        """
        from watchfiles import awatch

        def relevant(_change: object, path: str) -> bool:
            name = Path(path).name
            return not name.startswith(".") and (name.endswith(YAML_SUFFIXES) or "." not in name)

        watched: list[str] | None = None
        while True:
            roots = self._watch_roots()
            if watched is not None and roots != watched:
                self._load()  # A root came or went: what it holds did too.
            watched = roots
            if not roots:
                await asyncio.sleep(0.5)
                continue
            try:
                async for changes in awatch(*roots, watch_filter=relevant, debounce=200,
                                            step=50, rust_timeout=500, yield_on_timeout=True,
                                            ignore_permission_denied=True):
                    if self._watch_roots() != roots:
                        break
                    if changes:
                        self._load()  # silently: only `r` says what it reloaded
            except OSError:  # A root went away while the watch was being set up.
                await asyncio.sleep(0.5)

    # Showing the state

    def _show_events(self, previous: tuple[EventFilter, tuple[int, ...]] | None = None) -> None:
        """Show the events the filter keeps; `previous` is the last filter and what it
        kept, searched alone when the new filter narrows it."""
        if self.event_filter == EventFilter():
            visible = tuple(range(len(self.timeline.events)))  # no index needed
        else:
            within = previous[1] if previous and self.search_index.narrows(
                self.event_filter, previous[0]) else None
            visible = self.search_index.apply(self.event_filter, within)
        self.shown_indexes = visible
        view = self.query_one(TimelineView)
        view.show(self.timeline, visible, self.selected_id,
                  self.stale_paths | self.partial_paths, self.display_zone)
        self.query_one(DensityStrip).show(self.timeline, visible, view.selected_index)
        total = len(self.timeline.events)
        subtitle = f"{len(visible)} of {counted(total, 'event')}"
        if self.display_zone:
            subtitle += f" · times in {self.display_zone}"
        if self.stale_paths:
            subtitle += " · ⚠ last good of broken file"
        if self.partial_paths:
            subtitle += " · ⚠ some read only up to an error"
        self.query_one("#timeline-pane").border_subtitle = Content(subtitle)
        self.query_one("#timeline-pane").border_title = Content(self._filter_summary())

    def _filter_summary(self) -> str:
        parts = ["Timeline: the bundled sample" if self.sample else "Timeline"]
        if self.event_filter.actor_ids:
            names = sorted(self.timeline.actors[a].name for a in self.event_filter.actor_ids)
            parts.append("actors: " + ", ".join(names))
        query = parse_query(self.event_filter.query)
        if isinstance(query, Query) and query:
            parts.append(f"query: {query}")
        return " · ".join(parts)

    def _show_actors(self) -> None:
        self.query_one(ActorFilter).show(self.timeline.actors, self.timeline.facts.participant_counts,
                                         self.event_filter.actor_ids)

    def _set_filter(self, event_filter: EventFilter) -> None:
        if event_filter == self.event_filter:
            return
        previous = (self.event_filter, self.shown_indexes)
        self.event_filter = event_filter
        self._show_events(previous)

    @on(TimelineView.Highlighted)
    def _highlighted(self, message: TimelineView.Highlighted) -> None:
        self.selected_id = message.event_id or self.selected_id
        self._show_detail(message.event_id)
        view = self.query_one(TimelineView)
        self.query_one(DensityStrip).show(self.timeline, view.shown_indexes, view.selected_index)

    def _show_detail(self, event_id: str | None) -> None:
        index = self.timeline.event_index(event_id) if event_id else None
        event = None if index is None else self.timeline.events[index]
        self.query_one(DetailPanel).show(event, self.timeline, self._empty_message(),
                                         self.display_zone)

    def _empty_message(self) -> str:
        """What the detail says when no event is shown, naming keys that work where
        the focus is."""
        if not self.loaded:
            return "Loading…"
        if not self.timeline.events:
            return "No events loaded."
        query, actors = bool(self.event_filter.query.strip()), bool(self.event_filter.actor_ids)
        if isinstance(self.focused, ActorList):
            how = "Esc clears the typed text, then the chosen actors" if actors else \
                "Tab to the timeline, then Esc clears the query"
        elif isinstance(self.focused, Input):
            how = "Esc clears the query" if query else "Esc, then Esc in the actor list, clears the actors"
        else:
            how = ("Esc clears the query" + (", then the actors" if actors else "")) if query \
                else "Esc clears the chosen actors"
        return f"No event matches. {how}."

    @on(ActorFilter.Left)
    def _actors_left(self) -> None:
        self.query_one(TimelineView).focus()

    @on(ActorFilter.Changed)
    def _actors_changed(self, message: ActorFilter.Changed) -> None:
        self._set_filter(EventFilter(message.actor_ids, self.event_filter.query))
        self._show_actors()

    # Search

    def action_search(self) -> None:
        search = self.query_one(SearchBar)
        search.display = True
        search.focus()

    def apply_query(self, text: str) -> QueryError | None:
        """Narrow the timeline to the events `text` keeps (with the actor filter);
        a query that does not parse leaves the last valid one in place and is
        returned. What the search bar calls on each keystroke."""
        parsed = parse_query(text)
        message = self.query_one("#search-message", Static)
        if message.display != isinstance(parsed, QueryError):  # a change of layout: only when needed
            message.display = isinstance(parsed, QueryError)
        if isinstance(parsed, QueryError):
            message.update(Content.assemble(("⚠ ", "$text-error"), parsed.message))
            return parsed
        self._set_filter(EventFilter(self.event_filter.actor_ids, text))
        return None

    @on(SearchBar.Dismissed)
    def _search_dismissed(self) -> None:
        self._clear_query()
        self.query_one(TimelineView).focus()

    def _clear_query(self) -> None:
        search = self.query_one(SearchBar)
        search.value = ""
        search.display = False
        self.query_one("#search-message").display = False
        self._set_filter(EventFilter(self.event_filter.actor_ids, ""))

    @on(SearchBar.Done)
    def _search_done(self) -> None:
        search = self.query_one(SearchBar)
        if search.value != self.event_filter.query:  # Enter on a bad query: back to the valid one
            search.value = self.event_filter.query
        search.display = bool(search.value)
        self.query_one(TimelineView).focus()

    @on(TimelineView.Escaped)
    def _timeline_escaped(self) -> None:
        """Escape in the timeline clears the query, and then the chosen actors."""
        if self.event_filter.query:
            self._clear_query()
        elif self.event_filter.actor_ids:
            self._actors_changed(ActorFilter.Changed(frozenset()))

    # Links and history

    @on(DetailPanel.ItemChosen)
    def _item_chosen(self, message: DetailPanel.ItemChosen) -> None:
        if message.item.kind == "related":
            self.follow(str(message.item.key))
        elif message.item.kind == "source":
            self.open_source(str(message.item.key))

    def follow(self, event_id: str) -> bool:
        """Select the event `event_id` (a related event), remembering where we were
        for Backspace. Filters that hide it are cleared, with a notice. False when
        there is no such event."""
        came_from = self.query_one(TimelineView).selected_id
        if not self._go_to(event_id):
            return False
        if came_from and came_from != event_id:
            self.history = [*self.history, came_from][-HISTORY_LIMIT:]
        return True

    def action_back(self) -> None:
        """Back to the event the last link was followed from (Backspace)."""
        while self.history:
            event_id, self.history = self.history[-1], self.history[:-1]
            if self._go_to(event_id):
                return
        self.notify("No earlier event to go back to: Backspace returns along the links "
                    "followed with Enter.", markup=False)

    def _go_to(self, event_id: str) -> bool:
        index = self.timeline.event_index(event_id)
        if index is None:
            self.notify(f"No event {event_id!r} in the timeline: its file may be broken "
                        "(see the problems).", severity="warning", markup=False)
            return False
        view = self.query_one(TimelineView)
        if not view.select_event(event_id):
            hidden_by = [part for part, active in (("the query", self.event_filter.query),
                                                   ("the actor filter", self.event_filter.actor_ids))
                         if active]
            self.selected_id = event_id
            self._clear_query()
            self._set_filter(EventFilter())
            self._show_actors()
            self.notify(f"Cleared {' and '.join(hidden_by)} to show the linked event.",
                        markup=False)
            view.select_event(event_id)
        return True

    # Other actions

    def action_toggle_strip(self) -> None:
        self.strip_wanted = not self.strip_wanted
        self._fit_strip()
        strip = self.query_one(DensityStrip)
        if self.strip_wanted and not strip.display:
            self.notify("The density strip shows when the timeline pane is taller.", markup=False)

    def action_clear_filters(self) -> None:
        self._clear_query()
        self._actors_changed(ActorFilter.Changed(frozenset()))

    def action_actors(self) -> None:
        self.query_one(ActorFilter).focus_list()

    def action_quit(self) -> None:
        self.app.exit()

    def action_help(self) -> None:
        everywhere = [*self.BINDINGS, *Screen.BINDINGS[:2],
                      Binding("ctrl+p", "command_palette", "Command palette")]
        typing = [Binding("backspace", "", "Delete the last letter typed"),
                  Binding("a-z", "", "Letters narrow the list")]
        self.app.push_screen(HelpScreen([
            ("Timeline, detail and error panes", everywhere),
            ("Timeline", TimelineView.BINDINGS),
            ("Detail", DetailPanel.BINDINGS),
            ("Actor filter (letters type here)", [*ActorList.BINDINGS, *typing]),
            ("Search bar (letters type here)", SearchBar.BINDINGS),
            ("Error panel", [Binding("up,down", "", "Move to a problem"),
                             Binding("enter,e", "", "Open the file at the problem's line")]),
        ]))

    def show_times_in(self, zone: str) -> None:
        """Show every time that has a zone in `zone` ("" for each as written)."""
        self.display_zone = zone
        if self.loaded:
            self._show_events()

    def _selected_event(self, doing: str) -> Event | None:
        """The event the cursor is on; when none is shown, the user is told so.
        Asked of the view: `selected_id` outlives a filter that hides the event,
        and a key typed right after a move comes before the view's Highlighted
        message that updates it."""
        index = self.query_one(TimelineView).selected_index
        if index is None:
            self.notify(f"No event is shown: nothing to {doing}.", severity="warning")
            return None
        return self.timeline.events[index]

    def action_edit(self) -> None:
        event = self._selected_event("edit")
        if event is None:
            return
        if self.sample:
            self.notify("This is the sample timeline bundled with timeline-tui, which is "
                        "not yours to edit. Run 'timeline-tui init DIR' to start a timeline "
                        "of your own, then 'timeline-tui DIR'.", title="Bundled sample",
                        markup=False, timeout=10)
            return
        self._edit_at(event.position)

    @on(ErrorPanel.EditRequested)
    def _edit_problem(self, message: ErrorPanel.EditRequested) -> None:
        self._edit_at(message.position)

    def _edit_at(self, position: Position) -> None:
        """Open the file at the position's line in $VISUAL or $EDITOR, then reload."""
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.notify("Set $VISUAL or $EDITOR to edit events.", severity="warning")
            return
        command = editor_command(editor, position.path, position.line)
        try:
            with self.app.suspend():
                failure = _run_editor(command)
        except SuspendNotSupported:  # No terminal to hand over, as under a test.
            failure = _run_editor(command)
        if failure:
            self.notify(failure, severity="error", markup=False)
        self._load()


    # Copying, opening sources, exporting

    def action_copy(self) -> None:
        """The selected event as a Markdown citation block, to the clipboard; or, on a
        quote item of the focused detail panel, that quote on one line."""
        detail = self.query_one(DetailPanel)
        item = detail.current_item if detail.has_focus else None
        if item is not None and item.kind == "quote":
            self.copy_quote(int(item.key))
            return
        event = self._selected_event("copy")
        if event is not None:
            self._copy(markdown_citation(event, self.timeline),
                       f"Copied “{one_line(event.title)}” as a Markdown citation.")

    def copy_quote(self, quote_index: int) -> None:
        """One quote of the selected event, on one line with its attribution."""
        event = self._selected_event("copy")
        if event is not None:
            quote = event.quotes[quote_index]
            speaker = self.timeline.actors[quote.speaker_id].name
            self._copy(quote_line(quote, event, self.timeline),
                       f"Copied the quote of {one_line(speaker)}.")

    def _copy(self, text: str, done: str) -> None:
        self.app.copy_to_clipboard(text)  # OSC 52: the terminal's clipboard
        self.notify(done, markup=False)

    def action_open(self) -> None:
        """Open the selected event's source in the browser; ask which if several."""
        event = self._selected_event("open")
        if event is not None:
            self._choose_and_open([self.timeline.sources[s] for s in event.cited_source_ids],
                                  "No source of this event gives a web address.")

    def open_source(self, source_id: str) -> None:
        """Open one source (its URL, or its archived copy: asked when it has both)."""
        self._choose_and_open([self.timeline.sources[source_id]],
                              "This source gives no web address.")

    def _choose_and_open(self, sources: list[Source], none_message: str) -> None:
        choices = web_addresses(sources)
        if not choices:
            self.notify(none_message, severity="warning")
        elif len(choices) == 1:
            self.open_address(choices[0][1])
        else:
            self.app.push_screen(SourceChooser(choices),
                                 callback=lambda address: address and self.open_address(address))

    def open_address(self, address: str) -> None:
        """Open a web address with Python's webbrowser, which honours $BROWSER. A
        browser that runs in the terminal (or an unknown $BROWSER command, waited
        for) gets the terminal while it runs. Without a browser the address is
        copied instead."""
        try:
            browser = webbrowser.get()
        except webbrowser.Error:
            browser = None
        opened = False
        if browser is not None and type(browser) is webbrowser.GenericBrowser:
            try:
                with self.app.suspend():
                    opened = browser.open(address)
            except SuspendNotSupported:  # No terminal to hand over, as under a test.
                opened = browser.open(address)
        elif browser is not None:
            opened = browser.open(address)
        if opened:
            self.notify(f"Opened {address}", markup=False)
        else:
            self.app.copy_to_clipboard(address)
            self.notify(f"No browser could open {address}; copied it instead.",
                        severity="warning", markup=False)

    def action_export(self) -> None:
        """Write the events shown, in a chosen format, to a path the user types."""
        def refuse(path: Path) -> str | None:
            return refusal(path, self.workspace.paths, self.timeline.files)

        def chosen(choice: tuple[str, Path] | None) -> None:
            if choice is not None:
                self._write_export(*choice, self.timeline, self.shown_indexes)

        self.app.push_screen(ExportDialog(len(self.shown_indexes), refuse), callback=chosen)

    @work(thread=True, group="export")
    def _write_export(self, output_format: str, path: Path, timeline: Timeline,
                      indexes: tuple[int, ...]) -> None:
        try:
            path.write_bytes(file_bytes(export(timeline, indexes, output_format), output_format))
        except OSError as error:
            self.app.call_from_thread(self.notify, f"Could not write {path}: "
                                      f"{error.strerror or error}", severity="error",
                                      markup=False)
            return
        self.app.call_from_thread(self.notify, f"Wrote {counted(len(indexes), 'event')} to "
                                  f"{path} ({output_format}).",
                                  markup=False)

def _reload_summary(result: LoadResult) -> str:
    """What `r` did, in a line: "Reloaded: 1 file changed"."""
    changed = len(result.parsed_paths)
    summary = f"Reloaded: {'no' if not changed else changed} file{'s' if changed != 1 else ''} changed"
    broken = len(result.stale_paths | result.partial_paths)
    if broken:
        summary += f"; {counted(broken, 'file')} broken"
    return summary


class _PendingIndex:
    """A timeline's search index, built in the load's thread once the timeline is
    on screen (its first frame need not wait for it), or at once when it is needed
    sooner."""

    def __init__(self, timeline: Timeline, stale_paths: frozenset[str] = frozenset(),
                 previous: _PendingIndex | None = None) -> None:
        self._timeline = timeline
        self._stale_paths = stale_paths
        """Files shown from their last good version or read up to an error (`is:stale`)."""
        self._previous = previous
        self._index: SearchIndex | None = None
        self._needed = threading.Event()
        self._built = threading.Event()

    def needed(self) -> None:
        self._needed.set()

    def build(self, wait: float = 5.0) -> None:
        """Build the index once it is needed, or after `wait` seconds (from the
        load's thread)."""
        self._needed.wait(wait)
        try:
            previous = self._previous._index if self._previous is not None else None
            index = SearchIndex(self._timeline, previous=previous, stale_paths=self._stale_paths)
            index.prepare()
            self._index = index
            self._previous = None
        finally:
            self._built.set()

    @classmethod
    def of(cls, timeline: Timeline) -> _PendingIndex:
        """The index of `timeline`, built now."""
        pending = cls(timeline)
        pending.build(wait=0)
        return pending

    def get(self) -> SearchIndex:
        self._needed.set()
        self._built.wait()
        if self._index is None:  # its build failed: try once more here
            self._index = SearchIndex(self._timeline, stale_paths=self._stale_paths)
        return self._index


def _run_editor(command: list[str]) -> str | None:
    try:
        subprocess.run(command, check=False)
    except OSError as error:
        return f"Could not start the editor {command[0]}: {error.strerror or error}"
    return None
