"""The search bar above the timeline: a query that narrows it as you type."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input

from ..core.query import QueryError, SearchIndex, complete_query

__all__ = ["QuerySuggester", "SearchBar"]


class QuerySuggester(Suggester):
    """Completes the word being typed: a field name, or a value of its field
    (actor names, tags, source ids, is: states) from the timeline shown."""

    def __init__(self, index: Callable[[], SearchIndex]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._index = index

    async def get_suggestion(self, value: str) -> str | None:
        return complete_query(value, self._index())


class SearchBar(Input):
    BINDINGS = [
        Binding("escape", "dismiss", "Clear the query", key_display="Esc"),
        Binding("enter", "done", "Keep the query", key_display="Enter"),
        Binding("down", "done", "Keep the query", show=False),
        Binding("right", "cursor_right", "Complete", key_display="→"),
    ]

    class Dismissed(Message):
        """Escape: the search is cleared."""

    class Done(Message):
        """Enter: keep the search, go back to the timeline."""

    def __init__(self, index: Callable[[], SearchIndex],
                 apply: Callable[[str], QueryError | None], *, id: str | None = None,
                 cursor_blink: bool = True) -> None:
        """`apply`: narrows the timeline to a query, at each change of the text."""
        super().__init__(placeholder='words, "a phrase", actor: tag: source: from: to: is: -not',
                         suggester=QuerySuggester(index), id=id)
        self.cursor_blink = cursor_blink
        self._apply = apply

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        # At once, not through a Changed message: the frame that shows the letter
        # typed then shows what it matches too, rather than a frame before it.
        self._apply(value)

    def action_dismiss(self) -> None:
        self.post_message(self.Dismissed())

    def action_done(self) -> None:
        self.post_message(self.Done())
