"""Helpers for driving the app in tests."""

from __future__ import annotations

import time
from collections.abc import Callable


async def wait_until(pilot, condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until `condition()` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {condition}")
        await pilot.pause(0.02)
    await pilot.pause()


async def wait_loaded(pilot) -> None:
    await wait_until(pilot, lambda: getattr(pilot.app.screen, "loaded", False))


# Reading the screen: what the user sees, not what the code under test computes.

def _timeline_view(app):
    from timeline_tui.ui.timeline_view import TimelineView

    return app.screen.query_one(TimelineView)


def _drawn_lines(app) -> list[tuple[str, bool]]:
    """Each visible line of the timeline as drawn, and whether it carries the cursor."""
    view = _timeline_view(app)
    cursor_styles = {view.get_component_rich_style(name).bgcolor
                     for name in ("timeline--cursor", "timeline--cursor-blurred")}
    plain = view.rich_style.bgcolor
    lines = []
    for y in range(view.scrollable_content_region.height):
        strip = view.render_line(y)
        text = strip.text.rstrip()
        backgrounds = {segment.style.bgcolor for segment in strip if segment.style and segment.text.strip()}
        lines.append((text, bool(backgrounds & (cursor_styles - {plain}))))
    return lines


def drawn_rows(app) -> list[str]:
    """The timeline's visible rows as drawn (headings included), blank lines left out."""
    return [text for text, _ in _drawn_lines(app) if text.strip()]


def is_heading(row: str) -> bool:
    return row.lstrip().startswith("─")


def drawn_event_rows(app) -> list[str]:
    """The drawn rows that are events (not month or year headings)."""
    return [row for row in drawn_rows(app) if not is_heading(row)]


def selected_row(app) -> str | None:
    """The drawn row that shows the cursor, if one is in view."""
    selected = [text for text, cursor in _drawn_lines(app) if cursor and text.strip()]
    assert len(selected) <= 1, selected
    return selected[0] if selected else None


def rows_with(rows: list[str], *titles: str) -> list[str]:
    """Which of `titles` appear in the drawn rows, in the order drawn."""
    return [title for row in rows for title in titles if title in row]


def detail_text(app) -> str:
    """The detail panel's text as drawn, its wrapping undone (one space between words)."""
    return " ".join(str(app.screen.query_one("#detail-body").render()).split())


def detail_lines(app) -> list[str]:
    """The detail panel's lines as drawn."""
    return [line.rstrip() for line in str(app.screen.query_one("#detail-body").render()).splitlines()]


def counts_text(app) -> str:
    """The count under the timeline pane: "N of M events" and any note."""
    return str(app.screen.query_one("#timeline-pane").border_subtitle)


def notifications(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


def drawn_line_of(app, text: str) -> int:
    """The line of the timeline view (from its top) whose drawn row holds `text`."""
    for y, (line, _) in enumerate(_drawn_lines(app)):
        if text in line:
            return y
    raise AssertionError(f"{text!r} is not drawn: {drawn_rows(app)}")
