"""The help screen: every key, gathered from the bindings themselves, and the marks
of the timeline's rows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

__all__ = ["HelpScreen"]

_KEY_NAMES = {"slash": "/", "question_mark": "?", "space": "space", "pagedown": "PgDn",
              "pageup": "PgUp", "home": "Home", "end": "End", "escape": "Esc",
              "enter": "Enter", "down": "↓", "up": "↑", "tab": "Tab", "ctrl+p": "Ctrl+P",
              "ctrl+q": "Ctrl+Q", "shift+tab": "Shift+Tab",
              "backspace": "Backspace"}


def key_names(binding: Binding) -> str:
    return " / ".join(_KEY_NAMES.get(key, key) for key in binding.key.split(","))


MARKS: list[tuple[str, str, str]] = [
    # (mark, its style in the timeline, what it means)
    ("@3", "bold", "actors: listed, or quoted"),
    ("\u275d2", "bold", "quotes"),
    ("§2", "bold", "independent origins among the sources cited"),
    ("§1", "bold $text-warning reverse", "a single origin: one account, however many copies"),
    ("§0", "bold $text-error reverse", "no source cited"),
    ("≠", "bold $text-warning", "sources disagree: the detail shows each version"),
    ("⚠", "$text-warning", "with problems, or kept from a broken file"),
]

CORROBORATION = (
    "An event cites the sources it lists and those its quotes and dispute versions "
    "name. Sources joined by based_on (either way, through any chain) or sharing an "
    "outlet (ignoring case and spaces) are one origin; § counts the origins."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help")]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self._sections = sections

    def compose(self) -> ComposeResult:
        parts: list = []
        for title, bindings in self._sections:
            parts.extend([(title, "bold $accent"), "\n"])
            for binding in bindings:
                parts.extend([(f"  {key_names(binding):<18}", "bold"), binding.description, "\n"])
            parts.append("\n")
        parts.extend([("Marks in the timeline", "bold $accent"), "\n"])
        for mark, style, meaning in MARKS:
            parts.extend(["  ", (mark, style), " " * (6 - len(mark)), meaning, "\n"])
        parts.extend(["\n", CORROBORATION, "\n\n"])
        parts.append(("Esc, q or ? closes this help.", "$text-muted"))
        with VerticalScroll(id="help-body") as body:
            body.border_title = Content("Keys")
            yield Static(Content.assemble(*parts))
