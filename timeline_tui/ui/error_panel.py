"""The error panel: every problem with file:line:col, one a row, shown while any
remain. Moving to a problem and pressing Enter or `e` opens the editor there."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..core.model import Position, Problem, warning_count
from ..core.text import counted, printable

__all__ = ["ErrorPanel"]


class ErrorPanel(OptionList):
    """Lists problems, errors and warnings counted apart; hidden when there are none."""

    BINDINGS = [Binding("e", "edit", "Edit here")]

    class EditRequested(Message):
        """The user asked to edit the file at a problem's position."""

        def __init__(self, position: Position) -> None:
            super().__init__()
            self.position = position

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._problems: tuple[Problem, ...] = ()

    def show(self, problems: Sequence[Problem], stale_paths: frozenset[str],
             partial_paths: frozenset[str] = frozenset()) -> None:
        self.display = bool(problems)
        warnings = warning_count(problems)
        errors = len(problems) - warnings
        # Only warnings: the panel says so in its border's colour too.
        self.set_class(errors == 0, "-warnings-only")
        parts = [counted(errors, "problem")] if errors or not warnings else []
        if warnings:
            parts.append(counted(warnings, "warning"))
        if stale_paths:
            parts.append(f"showing the last good version of {counted(len(stale_paths), 'file')}")
        if partial_paths:
            parts.append(f"showing the records before the error in "
                         f"{counted(len(partial_paths), 'file')}")
        self.border_title = Content(" · ".join(parts))
        highlighted = self.highlighted
        self._problems = tuple(problems)
        self.clear_options()
        self.add_options(Option(_row(problem)) for problem in self._problems)
        if self._problems:
            self.highlighted = min(highlighted or 0, len(self._problems) - 1)

    @property
    def rows(self) -> list[str]:
        """The problems as shown, one a row."""
        return [_row(problem).plain for problem in self._problems]

    @property
    def highlighted_problem(self) -> Problem | None:
        index = self.highlighted
        return None if index is None or index >= len(self._problems) else self._problems[index]

    def action_edit(self) -> None:
        problem = self.highlighted_problem
        if problem is not None:
            self.post_message(self.EditRequested(problem.position))

    def _on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        self.action_edit()


def _row(problem: Problem) -> Content:
    style = "$text-warning" if problem.severity == "warning" else "$text-error"
    return Content.assemble((str(problem.position), "bold"), (f": {problem.severity}: ", style),
                            printable(problem.message))
