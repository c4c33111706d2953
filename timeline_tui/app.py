"""The Textual app: a thin shell around the main screen."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import App, SystemCommand
from textual.screen import Screen

from .core.cache import ParseCache
from .core.workspace import Workspace
from .ui.main_screen import MainScreen

__all__ = ["TimelineApp"]


class TimelineApp(App[None]):
    """Browse the timeline in `paths` (YAML files or directories)."""

    CSS_PATH = "app.tcss"
    TITLE = "timeline-tui"

    def __init__(self, paths: Sequence[str], *, watch: bool = True,
                 cursor_blink: bool = True) -> None:
        """`watch`: reload when files change; `cursor_blink`: off for stable snapshots."""
        super().__init__()
        self.workspace = Workspace(paths, cache=ParseCache())
        self._screen_options = {"watch": watch, "cursor_blink": cursor_blink}

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.workspace, **self._screen_options))

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
            yield SystemCommand("Keys", "Show every key", screen.action_help)
