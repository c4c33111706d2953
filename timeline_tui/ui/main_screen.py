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
from collections import Counter
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar

from ..core.discover import YAML_SUFFIXES
from ..core.export import export, file_bytes, markdown_citation, quote_line, refusal
from ..core.model import Event, Position, Source, Timeline
from ..core.query import EventFilter, SearchIndex, actor_event_counts
from ..core.text import counted, one_line
from ..core.workspace import LoadResult, Workspace, collector_paused
from .actor_filter import ActorFilter, ActorList
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


class MainScreen(Screen[None]):
    BINDINGS = [
        Binding("slash", "search", "Search"),
        Binding("a", "actors", "Actors"),
        Binding("e", "edit", "Edit"),
        Binding("y", "copy", "Copy"),
        Binding("o", "open", "Open source", show=False),
        Binding("r", "reload", "Reload"),
        Binding("question_mark", "help", "Help"),
    ]

    class Progress(Message):
        """A slow load has read `done` of `total` files."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Loaded(Message):
        """A load finished; its indexes were built off the UI thread too."""

        def __init__(self, result: LoadResult, search_index: SearchIndex,
                     actor_counts: Counter[str]) -> None:
            super().__init__()
            self.result = result
            self.search_index = search_index
            self.actor_counts = actor_counts

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
        self.search_index = SearchIndex(self.timeline)
        self.actor_counts: Counter[str] = Counter()
        self.event_filter = EventFilter()
        self.shown_indexes: tuple[int, ...] = ()
        """Indexes into timeline.events of the events shown."""
        self.selected_id: str | None = None
        self.stale_paths: frozenset[str] = frozenset()
        """Files shown as they last were when good."""
        self.partial_paths: frozenset[str] = frozenset()
        """Files shown as far as they could be read."""
        self.loaded = False
        self._load_lock = threading.Lock()

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield ActorFilter(id="actors")
            with Container(id="center"):
                with Vertical(id="timeline-pane"):
                    yield SearchBar(id="search", cursor_blink=self.cursor_blink)
                    yield ProgressBar(id="progress", show_eta=False)
                    yield TimelineView(id="timeline")
                yield DetailPanel(id="detail")
        yield ErrorPanel(id="errors")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#actors").border_title = Content("Actors")
        self.query_one("#timeline-pane").border_title = Content("Timeline")
        self.query_one("#detail").border_title = Content("Detail")
        self.query_one("#timeline-pane").border_subtitle = Content("loading…")
        self.query_one(SearchBar).display = False
        self.query_one(ProgressBar).display = False
        self.query_one(ErrorPanel).display = False
        self.query_one(TimelineView).focus()
        self.action_reload()
        if self.watch_files:
            self._watch()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW_WIDTH, "-narrow")

    # Loading

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, group="load")
    def _load(self) -> None:
        started = time.monotonic()
        last_report = [started]

        def progress(done: int, total: int) -> None:
            # A bar for a load that takes a while, updated ten times a second at most.
            now = time.monotonic()
            if now - started > PROGRESS_AFTER and now - last_report[0] > 0.1:
                last_report[0] = now
                self.post_message(self.Progress(done, total))

        with self._load_lock, collector_paused():  # The workspace reads one load at a time.
            result = self.workspace.load(progress)
            search_index = SearchIndex(result.timeline, previous=self.search_index)
            counts = actor_event_counts(result.timeline)
            # What the load made lives until the next load: keep the collector from
            # walking it again and again (a pause of a second at 100,000 events),
            # starting with the collection it would run as soon as it is enabled.
            gc.freeze()
        self.post_message(self.Loaded(result, search_index, counts))

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
        self.search_index = message.search_index
        self.actor_counts = message.actor_counts
        known = self.event_filter.actor_ids & self.timeline.actors.keys()
        if known != self.event_filter.actor_ids:
            self.event_filter = EventFilter(frozenset(known), self.event_filter.query)
        self.loaded = True
        self._show_actors()
        self.query_one(ErrorPanel).show(self.timeline.problems, self.stale_paths,
                                        self.partial_paths)
        self._show_events()

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
                self.action_reload()  # A root came or went: what it holds did too.
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
                        self.action_reload()
            except OSError:  # A root went away while the watch was being set up.
                await asyncio.sleep(0.5)

    # Showing the state

    def _show_events(self, previous: tuple[EventFilter, tuple[int, ...]] | None = None) -> None:
        """Show the events the filter keeps; `previous` is the last filter and what it
        kept, searched alone when the new filter narrows it."""
        within = previous[1] if previous and self.event_filter.narrows(previous[0]) else None
        visible = self.search_index.apply(self.event_filter, within)
        self.shown_indexes = visible
        self.query_one(TimelineView).show(self.timeline, visible, self.selected_id,
                                          self.stale_paths | self.partial_paths,
                                          self.display_zone)
        total = len(self.timeline.events)
        subtitle = f"{len(visible)} of {counted(total, 'event')}"
        if self.display_zone:
            subtitle += f" · times in {self.display_zone}"
        if self.stale_paths:
            subtitle += " · ⚠ some from the last good version"
        if self.partial_paths:
            subtitle += " · ⚠ some read only up to an error"
        self.query_one("#timeline-pane").border_subtitle = Content(subtitle)
        self.query_one("#timeline-pane").border_title = Content(self._filter_summary())

    def _filter_summary(self) -> str:
        parts = ["Timeline: the bundled sample" if self.sample else "Timeline"]
        if self.event_filter.actor_ids:
            names = sorted(self.timeline.actors[a].name for a in self.event_filter.actor_ids)
            parts.append("actors: " + ", ".join(names))
        if self.event_filter.query.strip():
            parts.append(f"search: {self.event_filter.query.strip()}")
        return " · ".join(parts)

    def _show_actors(self) -> None:
        self.query_one(ActorFilter).show(self.timeline.actors, self.actor_counts,
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
        index = self.timeline.event_index(message.event_id) if message.event_id else None
        event = None if index is None else self.timeline.events[index]
        if not self.loaded:
            empty = "Loading…"
        elif self.timeline.events:
            empty = "No event matches. Esc clears the search; Esc in the actor list clears actors."
        else:
            empty = "No events loaded."
        self.query_one(DetailPanel).show(event, self.timeline, empty, self.display_zone)

    @on(ActorFilter.Changed)
    def _actors_changed(self, message: ActorFilter.Changed) -> None:
        self._set_filter(EventFilter(message.actor_ids, self.event_filter.query))
        self._show_actors()

    # Search

    def action_search(self) -> None:
        search = self.query_one(SearchBar)
        search.display = True
        search.focus()

    @on(SearchBar.Changed)
    def _search_changed(self, message: SearchBar.Changed) -> None:
        self._set_filter(EventFilter(self.event_filter.actor_ids, message.value))

    @on(SearchBar.Dismissed)
    def _search_dismissed(self) -> None:
        search = self.query_one(SearchBar)
        search.value = ""
        search.display = False
        self._set_filter(EventFilter(self.event_filter.actor_ids, ""))
        self.query_one(TimelineView).focus()

    @on(SearchBar.Done)
    def _search_done(self) -> None:
        search = self.query_one(SearchBar)
        search.display = bool(search.value)
        self.query_one(TimelineView).focus()

    # Other actions

    def action_clear_filters(self) -> None:
        self._search_dismissed()
        self._actors_changed(ActorFilter.Changed(frozenset()))

    def action_actors(self) -> None:
        self.query_one(ActorFilter).focus_list()

    def action_help(self) -> None:
        everywhere = [*self.BINDINGS, *type(self.app).BINDINGS, *Screen.BINDINGS[:2],
                      Binding("ctrl+p", "command_palette", "Command palette")]
        typing = [Binding("backspace", "", "Delete the last letter typed"),
                  Binding("a-z", "", "Letters narrow the list by name or alias")]
        self.app.push_screen(HelpScreen([
            ("Everywhere", everywhere),
            ("Timeline", TimelineView.BINDINGS),
            ("Actor filter", [*ActorList.BINDINGS, *typing]),
            ("Search bar", SearchBar.BINDINGS),
            ("Error panel", [Binding("up,down", "", "Move to a problem"),
                             Binding("enter,e", "", "Open the file at the problem's line")]),
        ]))

    def show_times_in(self, zone: str) -> None:
        """Show every time that has a zone in `zone` ("" for each as written)."""
        self.display_zone = zone
        if self.loaded:
            self._show_events()

    def _selected_event(self) -> Event | None:
        """The event the cursor is on; when there is none, the user is told so.
        Asked of the view: `selected_id` outlives a filter that hides the event,
        and a key typed right after a move comes before the view's Highlighted
        message that updates it."""
        index = self.query_one(TimelineView).selected_index
        if index is None:
            self.notify("No event is selected.", severity="warning")
            return None
        return self.timeline.events[index]

    def action_edit(self) -> None:
        event = self._selected_event()
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
        self.action_reload()

    # Copying, opening sources, exporting

    def action_copy(self) -> None:
        """The selected event as a Markdown citation block, to the clipboard."""
        event = self._selected_event()
        if event is not None:
            self._copy(markdown_citation(event, self.timeline),
                       f"Copied “{one_line(event.title)}” as a Markdown citation.")

    def copy_quote(self, quote_index: int) -> None:
        """One quote of the selected event, on one line with its attribution."""
        event = self._selected_event()
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
        event = self._selected_event()
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


def _run_editor(command: list[str]) -> str | None:
    try:
        subprocess.run(command, check=False)
    except OSError as error:
        return f"Could not start the editor {command[0]}: {error.strerror or error}"
    return None
