"""The error panel: every problem with file:line:col, shown while any remain."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..core.model import Problem
from ..core.text import printable

__all__ = ["ErrorPanel"]


class ErrorPanel(VerticalScroll, can_focus=True):
    """Lists problems; hidden when there are none."""

    def compose(self) -> ComposeResult:
        yield Static(id="error-body")

    def show(self, problems: Sequence[Problem], stale_paths: frozenset[str]) -> None:
        self.display = bool(problems)
        count = len(problems)
        title = f"{count} problem{'s' if count != 1 else ''}"
        if stale_paths:
            title += (f" · showing the last good version of {len(stale_paths)} "
                      f"file{'s' if len(stale_paths) != 1 else ''}")
        self.border_title = Content(title)
        lines = []
        for problem in problems:
            lines.append(Content.assemble(
                (str(problem.position), "bold"), (": error: ", "$error"),
                printable(problem.message),
            ))
        self.query_one("#error-body", Static).update(Content("\n").join(lines))
