"""A small list to choose which of an event's web addresses to open."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..core.model import Source
from ..core.text import one_line, web_address
from .detail_panel import shorten_middle

__all__ = ["SourceChooser", "web_addresses"]

_ADDRESS_WIDTH = 74
"""The list's width (80 in app.tcss) less its border and padding: an address on one line."""


def web_addresses(sources: Iterable[Source]) -> list[tuple[str, str]]:
    """(label, address) of each source's URL and archived copy that a browser may
    open, in order."""
    choices = []
    for source in sources:
        for suffix, url in (("", source.url), (" (archived copy)", source.archived_url)):
            address = web_address(url)
            if address:
                choices.append((one_line(source.label) + suffix, address))
    return choices


class SourceChooser(ModalScreen[str | None]):
    """Offers (label, address) pairs; dismisses with the address chosen, or None."""

    BINDINGS = [Binding("escape,q", "dismiss(None)", "Cancel")]

    def __init__(self, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self._choices = choices

    def compose(self) -> ComposeResult:
        # Labels are the user's text: Content, never markup.
        options = [Option(Content.assemble(
                       label, "\n", shorten_middle(Content.styled(address, "$text-muted"),
                                                   _ADDRESS_WIDTH)), id=str(n))
                   for n, (label, address) in enumerate(self._choices)]
        chooser = OptionList(*options, id="source-choices")
        chooser.border_title = Content("Open which source?")
        chooser.border_subtitle = Content("Enter opens · Esc cancels")
        yield chooser

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(self._choices[int(message.option.id or 0)][1])
