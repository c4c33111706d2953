"""The app when something is wrong: the error panel as a list that opens the editor
at a problem, an event with an invalid date selectable and editable, and times
shown in one zone."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from timeline_tui.app import TimelineApp
from timeline_tui.core.loader import load_paths
from timeline_tui.ui.error_panel import ErrorPanel
from timeline_tui.ui.timeline_view import TimelineView

from app_helpers import wait_loaded, wait_until


def _fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$EDITOR as a script that records its arguments, one call a line."""
    script, log = tmp_path / "fake_editor.py", tmp_path / "editor_calls.txt"
    script.write_text(textwrap.dedent(f"""
        import sys, pathlib
        with open({str(log)!r}, "a") as calls:
            calls.write(" ".join(sys.argv[1:]) + "\\n")
    """), encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    return log


def _any_source(timeline_dir: Path) -> str:
    """The id of a source of the timeline, for added events to cite (one that cites
    none is a warning, which these tests do not look at)."""
    return next(iter(load_paths([timeline_dir]).sources))


def _drawn_rows(app: TimelineApp) -> list[str]:
    view = app.screen.query_one(TimelineView)
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


def _detail_text(app: TimelineApp) -> str:
    return " ".join(str(app.screen.query_one("#detail-body").render()).split())


async def test_enter_or_e_in_the_error_list_opens_the_editor_at_that_problem(
        timeline_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    log = _fake_editor(tmp_path, monkeypatch)
    path = timeline_dir / "history.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # Mistakes in one file: a misspelt key (so a missing title), and an unknown
    # actor further down.
    text = "".join(lines).replace("    title:", "    titel:", 1)
    first_event_line = 1 + next(n for n, line in enumerate(lines) if line.startswith("  - id:"))
    titel_line = 1 + next(n for n, line in enumerate(lines) if line.startswith("    title:"))
    text += (f"  - {{id: late, date: 2025-06-01, title: Late, actors: [nobody], "
             f"sources: [{_any_source(timeline_dir)}]}}\n")
    path.write_text(text, encoding="utf-8")
    app = TimelineApp([str(timeline_dir)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        errors = app.screen.query_one(ErrorPanel)
        assert errors.display and len(errors.rows) == 3
        first, second, third = errors.rows
        assert first == (f"events/history.yaml:{first_event_line}:5: error: "
                         "event is missing required field title")
        assert second.startswith(f"events/history.yaml:{titel_line}:5: error: unknown key 'titel'")
        assert ": error: actor 'nobody' is not a known actor" in third
        third_line = int(third.split(":")[1])
        errors.focus()
        await pilot.press("down", "down", "enter")
        await wait_until(pilot, lambda: log.exists() and len(log.read_text().splitlines()) == 1)
        await wait_loaded(pilot)
        assert log.read_text().splitlines()[0] == f"+{third_line} {path}"
        errors.focus()
        await pilot.press("up", "e")
        await wait_until(pilot, lambda: len(log.read_text().splitlines()) == 2)
        assert log.read_text().splitlines()[1] == f"+{titel_line} {path}"


async def test_an_event_with_an_invalid_date_is_listed_marked_and_editable(
        timeline_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    log = _fake_editor(tmp_path, monkeypatch)
    path = timeline_dir / "history.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    source = _any_source(timeline_dir)
    path.write_text(text + "  - id: undated\n    date: 17th May\n    title: Talks resume\n"
                    f"    sources: [{source}]\n"
                    f"  - {{id: refers, date: 2025-06-01, title: Refers, related: [undated], "
                    f"sources: [{source}]}}\n",
                    encoding="utf-8")
    app = TimelineApp([str(timeline_dir)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        # One problem: the date. The reference to the event holds.
        assert app.screen.query_one(ErrorPanel).rows == [
            f"events/history.yaml:{line + 1}:11: error: date: invalid date '17th May': "
            + app.screen.timeline.problems[0].message.split(": ", 2)[2]]
        await pilot.press("G")  # the last row: the undated section is last
        assert app.screen.selected_id == "undated"
        rows = [row.strip() for row in _drawn_rows(app) if row.strip()]
        assert rows[-2].startswith("── Undated or invalid")
        assert "⚠ Talks resume" in rows[-1]
        detail = _detail_text(app)
        assert "No usable date" in detail
        assert f"{line + 1}:11 date: invalid date '17th May'" in detail
        await pilot.press("e")
        await wait_until(pilot, lambda: log.exists())
        assert log.read_text().splitlines() == [f"+{line} {path}"]


ZONED = """\
events:
  - {id: talks, date: "2025-05-16T23:30-04:00", title: Late talks in New York}
  - {id: local, date: "2025-05-16T10:00", title: A time with no zone}
"""


async def test_times_show_in_the_zone_given_and_zoneless_ones_as_written(tmp_path: Path,
                                                                        monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("t.yaml").write_text(ZONED, encoding="utf-8")
    app = TimelineApp(["t.yaml"], watch=False, cursor_blink=False, display_zone="Asia/Tokyo")
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_loaded(pilot)
        rows = _drawn_rows(app)
        assert any("Fri 16 10:00*" in row and "A time with no zone" in row for row in rows)
        assert any("Sat 17 12:30+09:00" in row and "Late talks" in row for row in rows)
        assert "times in Asia/Tokyo" in str(app.screen.query_one("#timeline-pane").border_subtitle)


async def test_the_palette_shows_every_time_in_a_chosen_zone_and_back(tmp_path: Path,
                                                                      monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("t.yaml").write_text(ZONED, encoding="utf-8")
    app = TimelineApp(["t.yaml"], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_loaded(pilot)
        assert any("Fri 16 23:30-04:00" in row for row in _drawn_rows(app))
        await pilot.press("ctrl+p", *"Times in UTC")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.display_zone == "UTC")
        assert any("Sat 17 03:30+00:00" in row for row in _drawn_rows(app))
        await pilot.press("ctrl+p", *"Times as written")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.display_zone == "")
        assert any("Fri 16 23:30-04:00" in row for row in _drawn_rows(app))


async def test_a_file_broken_from_the_start_shows_its_records_before_the_error(
        timeline_dir: Path) -> None:
    path = timeline_dir / "actors.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    events_before = len(load_paths([timeline_dir]).events)
    # An unquoted colon in the role of an actor half-way down the file.
    roles = [number for number, line in enumerate(lines) if line.startswith("    role: ")]
    broken = roles[len(roles) // 2]
    lines[broken] = "    role: officials: sent instead\n"
    path.write_text("".join(lines), encoding="utf-8")
    actors_before = sum(line.startswith("  - id: ") for line in lines[:broken]) - 1
    app = TimelineApp([str(timeline_dir)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        errors = app.screen.query_one(ErrorPanel)
        # The syntax error, and one note instead of a false "not a known actor"
        # for every reference to an actor after it.
        assert [row.split(": ")[1] for row in errors.rows] == ["error", "warning"]
        assert errors.rows[0].startswith(f"events/actors.yaml:{broken + 1}:")
        assert "showing the records before the error in 1 file" in str(errors.border_title)
        assert len(app.screen.timeline.actors) == actors_before
        assert len(app.screen.timeline.events) == events_before
        assert "some read only up to an error" in str(
            app.screen.query_one("#timeline-pane").border_subtitle)
