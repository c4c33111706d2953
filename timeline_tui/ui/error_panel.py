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


_SEVERITY_STYLES = {"error": "bold $text-error", "warning": "$text-warning"}


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


class ErrorPanel(VerticalScroll, can_focus=True):
    """Lists problems, errors and warnings apart; hidden when there are none."""

    def compose(self) -> ComposeResult:
        yield Static(id="error-body")

    def show(self, problems: Sequence[Problem], stale_paths: frozenset[str]) -> None:
        self.display = bool(problems)
        warnings = sum(problem.severity == "warning" for problem in problems)
        errors = len(problems) - warnings
        # Only warnings: the panel says so in its border's colour too.
        self.set_class(errors == 0, "-warnings-only")
        parts = [_counted(errors, "problem")] if errors or not warnings else []
        if warnings:
            parts.append(_counted(warnings, "warning"))
        if stale_paths:
            parts.append(f"showing the last good version of {_counted(len(stale_paths), 'file')}")
        self.border_title = Content(" · ".join(parts))
        lines = []
        for problem in problems:
            lines.append(Content.assemble(
                (str(problem.position), "bold"),
                (f": {problem.severity}: ", _SEVERITY_STYLES.get(problem.severity, "")),
                printable(problem.message),
            ))
        self.query_one("#error-body", Static).update(Content("\n").join(lines))
