"""The actor filter: every actor with its event count; type to narrow, space to pick."""

from __future__ import annotations

from collections.abc import Mapping

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..core.model import Actor
from ..core.query import match_actors
from ..core.text import one_line

__all__ = ["ActorFilter", "ActorList"]


class ActorList(OptionList):
    """The list of actors. Letters typed here narrow it rather than run commands."""

    BINDINGS = [
        Binding("space,enter", "select", "Toggle actor", key_display="space"),
        Binding("escape", "clear", "Clear, then back", key_display="Esc"),
    ]

    class TypedText(Message):
        """The user typed into the list: the filter text should change."""

        def __init__(self, character: str | None) -> None:
            super().__init__()
            self.character = character  # None: delete the last character.

    class Cleared(Message):
        pass

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "backspace":
            self.post_message(self.TypedText(None))
        elif event.is_printable and event.character not in (None, " "):
            self.post_message(self.TypedText(event.character))
        else:
            return
        event.stop()
        event.prevent_default()

    def action_clear(self) -> None:
        self.post_message(self.Cleared())


class ActorFilter(Vertical):
    """The actor pane. It shows state the screen owns and reports what the user does."""

    class Left(Message):
        """Escape with nothing to clear: back to the timeline."""

    class Changed(Message):
        """The user turned actors on or off."""

        def __init__(self, actor_ids: frozenset[str]) -> None:
            super().__init__()
            self.actor_ids = actor_ids

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._actors: list[Actor] = []
        self._counts: Mapping[str, int] = {}
        self._selected: frozenset[str] = frozenset()
        self._typed = ""

    def compose(self) -> ComposeResult:
        yield Static(id="actor-typed")
        yield ActorList(id="actor-list")

    def on_mount(self) -> None:
        self._show_typed()

    def show(self, actors: Mapping[str, Actor], counts: Mapping[str, int],
             selected: frozenset[str]) -> None:
        ordered = sorted(actors.values(), key=lambda a: (-counts.get(a.id, 0), a.name.casefold()))
        if (ordered, counts, selected) == (self._actors, self._counts, self._selected):
            return  # a reload that changed no actor and no count: nothing to lay out again
        self._actors = ordered
        self._counts = counts
        self._selected = selected
        self._refresh_options()

    def _refresh_options(self) -> None:
        option_list = self.query_one(ActorList)
        highlighted = option_list.highlighted_option.id if option_list.highlighted_option else None
        shown = match_actors(self._actors, self._typed)
        width = option_list.scrollable_content_region.width or 24
        option_list.set_options(Option(self._prompt(actor, width), id=actor.id) for actor in shown)
        ids = [actor.id for actor in shown]
        if highlighted in ids:
            option_list.highlighted = ids.index(highlighted)
        elif ids:
            option_list.highlighted = 0
        option_list.border_subtitle = Content(f"{len(self._selected)} on" if self._selected else "")

    def _prompt(self, actor: Actor, width: int) -> Content:
        """One line: a mark, the name (cut to fit), and the event count at the right."""
        selected = actor.id in self._selected
        count = str(self._counts.get(actor.id, 0))
        name = Content.styled(one_line(actor.name), "bold" if selected else "")
        name = name.truncate(max(1, width - len(count) - 3), ellipsis=True, pad=True)
        return Content.assemble(
            ("● " if selected else "○ ", "$accent" if selected else "$text-muted"),
            name, " ", (count, "$text-muted"),
        )

    def on_resize(self) -> None:
        if self._actors:
            self._refresh_options()

    def _show_typed(self) -> None:
        label = self.query_one("#actor-typed", Static)
        if self._typed:
            label.update(Content.assemble(("filter: ", "$text-muted"), self._typed, ("▏", "$accent")))
        else:
            label.update(Content.styled("type to narrow", "$text-muted italic"))

    def focus_list(self) -> None:
        self.query_one(ActorList).focus()

    @on(ActorList.TypedText)
    def _typed_text(self, message: ActorList.TypedText) -> None:
        self._typed = self._typed[:-1] if message.character is None else self._typed + message.character
        self._show_typed()
        self._refresh_options()

    @on(ActorList.Cleared)
    def _cleared(self, message: ActorList.Cleared) -> None:
        """Escape clears the typed text first, then the chosen actors, then leaves."""
        message.stop()
        if self._typed:
            self._typed = ""
            self._show_typed()
            self._refresh_options()
        elif self._selected:
            self.post_message(self.Changed(frozenset()))
        else:
            self.post_message(self.Left())

    @on(OptionList.OptionSelected)
    def _toggled(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option.id is not None:
            self.post_message(self.Changed(self._selected ^ {message.option.id}))
