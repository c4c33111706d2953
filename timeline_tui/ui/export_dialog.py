"""The "Export view…" dialog: a format and a path for the events shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..core.export import FORMATS, SUFFIXES
from ..core.text import counted

__all__ = ["ExportDialog"]

_FORMAT_LABELS = {"markdown": "Markdown: a chronology with numbered citations",
                  "csv": "CSV: one row per event, for a spreadsheet",
                  "json": "JSON: the resolved timeline",
                  "timelinejs": "TimelineJS: slides for Knight Lab's TimelineJS"}


class ExportDialog(ModalScreen[tuple[str, Path] | None]):
    """Choose a format (Enter), type a path (Enter). Refuses the timeline's own
    files (`refuse(path)` says why) and asks, by a second Enter, before writing
    over an existing file. Dismisses with (format, path), or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, event_count: int, refuse: Callable[[Path], str | None]) -> None:
        super().__init__()
        self._event_count = event_count
        self._refuse = refuse
        self._format = FORMATS[0]
        self._confirming: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = Content(f"Export the {counted(self._event_count, 'event')} shown")
            dialog.border_subtitle = Content("Enter chooses · Tab moves · Esc cancels")
            yield OptionList(*(Option(_FORMAT_LABELS[name], id=name) for name in FORMATS),
                             id="export-format")
            yield Input(value=self._default_name(), id="export-path",
                        placeholder="file to write")
            yield Static(id="export-message")

    def _default_name(self) -> str:
        return f"timeline-export{SUFFIXES[self._format]}"

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        path_input = self.query_one(Input)
        name_follows_format = path_input.value == self._default_name()
        self._format = message.option.id or FORMATS[0]
        if name_follows_format:
            path_input.value = self._default_name()
        path_input.focus()

    def on_input_changed(self) -> None:
        self._confirming = None
        self._say("")

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if not message.value.strip():
            self._say("Type the path of the file to write.")
            return
        path = Path(message.value.strip()).expanduser()
        reason = self._refuse(path)
        if reason:
            self._say(f"Will not write there: {reason}.")
            return
        if path.exists() and self._confirming != path:
            self._confirming = path
            self._say(f"{path} exists. Enter again to overwrite it; Esc cancels.")
            return
        self.dismiss((self._format, path))

    def _say(self, text: str) -> None:
        self.query_one("#export-message", Static).update(Content(text))
