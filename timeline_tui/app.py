"""The Textual app: a thin shell around the main screen."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterable, Sequence
from functools import lru_cache, partial
from zoneinfo import available_timezones

from textual import events
from textual.app import App, SystemCommand
from textual.command import Hit, Provider
from textual.screen import Screen
from textual.theme import Theme

from .core.cache import ParseCache
from .core.workspace import Workspace
from .settings import load_settings, save_settings
from .ui.main_screen import MainScreen

__all__ = ["TimelineApp"]


class TimeZoneCommands(Provider):
    """"Times in ZONE" for every IANA zone, and "Times as written": type a city."""

    async def search(self, query: str) -> AsyncIterator[Hit]:
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        matcher = self.matcher(query)
        choices = [("Times as written", ""), ("Times in UTC", "UTC")]
        choices += [(f"Times in {zone}", zone) for zone in _zone_names()]
        for title, zone in choices:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(screen.show_times_in, zone),
                          help="Show every time that has a zone in this one"
                               if zone else "Show every time as it is written")


@lru_cache(maxsize=1)
def _zone_names() -> tuple[str, ...]:
    """Every IANA zone of a region ("Europe/Istanbul"): read from disk once."""
    return tuple(sorted(zone for zone in available_timezones() if "/" in zone))


class TimelineApp(App[None]):
    """Browse the timeline in `paths` (YAML files or directories)."""

    CSS_PATH = "app.tcss"
    TITLE = "timeline-tui"
    COMMANDS = App.COMMANDS | {TimeZoneCommands}

    def __init__(self, paths: Sequence[str], *, watch: bool = True,
                 cursor_blink: bool = True, display_zone: str = "",
                 sample: bool = False) -> None:
        """`watch`: reload when files change; `cursor_blink`: off for stable snapshots;
        `display_zone`: the zone every time is shown in ("": each as written);
        `sample`: `paths` is the bundled sample timeline, opened for want of another."""
        super().__init__()
        self.workspace = Workspace(paths, cache=ParseCache())
        self.last_input = 0.0
        """When the last key or mouse event came (`time.monotonic`): the cache is
        written while the user is idle."""
        self._screen_options = {"watch": watch, "cursor_blink": cursor_blink,
                                "display_zone": display_zone, "sample": sample}

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.last_input = time.monotonic()
        await super().on_event(event)

    def on_mount(self) -> None:
        self._restore_theme()
        self.push_screen(MainScreen(self.workspace, **self._screen_options))

    def _restore_theme(self) -> None:
        """The theme chosen last time; from then on, each theme chosen is saved."""
        settings, notice = load_settings()
        theme = settings.get("theme")
        if notice is None and theme is not None:
            if isinstance(theme, str) and theme in self.available_themes:
                self.theme = theme
            else:
                notice = f"Ignored the saved theme {theme!r}: there is no such theme."
        if notice:
            self.notify(notice, severity="warning", markup=False, timeout=8)
        self.theme_changed_signal.subscribe(self, self._save_theme)

    def _save_theme(self, theme: Theme) -> None:
        settings, _ = load_settings()
        problem = save_settings({**settings, "theme": theme.name})
        if problem:
            self.notify(problem, severity="warning", markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own "Keys" (its key panel) would sit beside ours under the same name.
        yield from (command for command in super().get_system_commands(screen)
                    if command.title != "Keys")
        if isinstance(screen, MainScreen):
            yield SystemCommand("Reload", "Read changed timeline files again", screen.action_reload)
            yield SystemCommand("Search", "Narrow the timeline by text", screen.action_search)
            yield SystemCommand("Actor filter", "Show events of chosen actors", screen.action_actors)
            yield SystemCommand("Edit event", "Open the selected event in $VISUAL or $EDITOR",
                                screen.action_edit)
            yield SystemCommand("Clear filters", "Show every event",
                                screen.action_clear_filters)
            yield SystemCommand("Export view…", "Write the events shown as Markdown, CSV, "
                                "JSON or TimelineJS", screen.action_export)
            yield SystemCommand("Keys", "Show every key", screen.action_help)
