"""The timeline's rows as laid out for the events a query shows: headings where the
period changes between consecutive shown events, found without a pass over them."""

from __future__ import annotations

import pytest

from helpers_core import timeline
from timeline_tui.ui.timeline_view import _Columns, _Layout

# In date order: the years sort before their months; the late 31 March time, west
# of UTC, sorts by its moment (1 April) but sits under March, as written; the
# impossible date is undated and last.
TIMELINE = timeline("""\
    events:
      - {id: y2025, date: "2025", title: a}
      - {id: mar-10, date: "2025-03-10", title: a}
      - {id: mar-20, date: "2025-03-20", title: a}
      - {id: apr-01, date: "2025-04-01", title: a}
      - {id: mar-31-late, date: "2025-03-31T23:30-05:00", title: a}
      - {id: apr-02, date: "2025-04-02", title: a}
      - {id: apr-03, date: "2025-04-03", title: a}
      - {id: may-05, date: "2025-05-05", title: a}
      - {id: broken, date: "2025-02-30", title: a}
      - {id: y2024, date: "2024", title: a}
    """)
ORDER = ["y2024", "y2025", "mar-10", "mar-20", "apr-01", "mar-31-late", "apr-02", "apr-03",
         "may-05", "broken"]


def layout(*ids: str) -> _Layout:
    """The layout of the events `ids` (every event when none is given)."""
    events = TIMELINE.events
    shown = [i for i, event in enumerate(events) if not ids or event.id in ids]
    return _Layout(TIMELINE, _Columns.of(TIMELINE, ""), shown)


def drawn(rows: _Layout) -> list[str]:
    """Each row as its heading's text or its event's id."""
    return [rows.heading(-1 - row) if row < 0 else TIMELINE.events[row].id for row in rows]


def test_the_timeline_is_in_the_order_the_tests_assume():
    assert [event.id for event in TIMELINE.events] == ORDER


def test_every_event_under_a_heading_at_each_change_of_period():
    assert drawn(layout()) == [
        "2024", "y2024", "2025", "y2025", "March 2025", "mar-10", "mar-20",
        "April 2025", "apr-01", "March 2025", "mar-31-late", "April 2025", "apr-02", "apr-03",
        "May 2025", "may-05", "Undated or invalid", "broken"]


def test_runs_of_the_same_period_brought_together_by_a_filter_share_one_heading():
    assert drawn(layout("apr-01", "apr-03", "may-05")) == [
        "April 2025", "apr-01", "apr-03", "May 2025", "may-05"]
    assert drawn(layout("mar-20", "mar-31-late", "broken")) == [
        "March 2025", "mar-20", "mar-31-late", "Undated or invalid", "broken"]


def test_periods_a_filter_empties_get_no_heading():
    assert drawn(layout("y2024", "may-05", "broken")) == [
        "2024", "y2024", "May 2025", "may-05", "Undated or invalid", "broken"]
    assert drawn(layout("mar-31-late")) == ["March 2025", "mar-31-late"]


@pytest.mark.parametrize("rows", [layout("nothing"), _Layout(timeline(""), _Columns.of(timeline(""), ""), [])])
def test_nothing_shown_is_no_rows(rows):
    assert len(rows) == 0
    assert drawn(rows) == []


def test_an_events_row_and_the_heading_a_row_falls_under():
    rows = layout("mar-20", "apr-01", "mar-31-late", "apr-03")
    # 0 March, 1 mar-20, 2 April, 3 apr-01, 4 March, 5 mar-31-late, 6 April, 7 apr-03
    row_of = {event_id: rows.row_of(ORDER.index(event_id)) for event_id in ORDER}
    assert row_of == {"mar-20": 1, "apr-01": 3, "mar-31-late": 5, "apr-03": 7,
                      **{hidden: None for hidden in ("y2024", "y2025", "mar-10", "apr-02",
                                                     "may-05", "broken")}}
    assert [rows.row_at(position) for position in range(4)] == [1, 3, 5, 7]
    assert [rows.heading(rows.heading_of(row)) for row in range(8)] == [
        "March 2025", "March 2025", "April 2025", "April 2025", "March 2025", "March 2025",
        "April 2025", "April 2025"]
    assert rows[-1] == ORDER.index("apr-03")
    with pytest.raises(IndexError):
        rows[8]
