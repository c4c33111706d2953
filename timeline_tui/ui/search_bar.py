"""The search bar above the timeline: narrows it as you type."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

__all__ = ["SearchBar"]


class SearchBar(Input):
    BINDINGS = [
        Binding("escape", "dismiss", "Clear search", show=False),
        Binding("enter,down", "done", "Back to the timeline", show=False),
    ]

    class Dismissed(Message):
        """Escape: the search is cleared."""

    class Done(Message):
        """Enter: keep the search, go back to the timeline."""

    def __init__(self, *, id: str | None = None, cursor_blink: bool = True) -> None:
        super().__init__(placeholder="search titles, summaries, quotes, actors…", id=id)
        self.cursor_blink = cursor_blink

    def action_dismiss(self) -> None:
        self.post_message(self.Dismissed())

    def action_done(self) -> None:
        self.post_message(self.Done())
