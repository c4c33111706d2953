"""The app driven by keyboard, as a user would, on a copy of the bundled timeline."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from timeline_tui.app import TimelineApp
from timeline_tui.ui.detail_panel import DetailPanel
from timeline_tui.ui.error_panel import ErrorPanel
from timeline_tui.ui.main_screen import editor_command
from timeline_tui.ui.timeline_view import TimelineView

from app_helpers import drawn_event_rows, drawn_rows, selected_row, wait_loaded, wait_until


def _view(app: TimelineApp) -> TimelineView:
    return app.screen.query_one(TimelineView)


def _counts(app: TimelineApp) -> str:
    return str(app.screen.query_one("#timeline-pane").border_subtitle)


def _detail_text(app: TimelineApp) -> str:
    """The detail panel's text with its wrapping undone."""
    return " ".join(str(app.screen.query_one("#detail-body").render()).split())


def _errors_text(app: TimelineApp) -> str:
    return "\n".join(app.screen.query_one(ErrorPanel).rows)


async def test_keys_move_the_selection_and_the_detail_follows(timeline_dir: Path) -> None:
    app = TimelineApp([str(timeline_dir)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        events = app.screen.timeline.events
        assert _view(app).selected_id == events[0].id
        await pilot.press("j", "down")
        assert _view(app).selected_id == events[2].id
        assert events[2].title in _detail_text(app)
        await pilot.press("k")
        assert _view(app).selected_id == events[1].id
        await pilot.press("G")
        assert _view(app).selected_id == events[-1].id
        await pilot.press("g")
        assert _view(app).selected_id == events[0].id
        await pilot.press("end", "home", "pagedown")
        assert _view(app).selected_index > 1
        await pilot.press("pageup")
        assert _view(app).selected_id == events[0].id


async def test_filter_to_medinsky_shows_his_reported_quotes(timeline_dir: Path) -> None:
    app = TimelineApp([str(timeline_dir)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("a", *"medin", "space")
        assert _counts(app) == "4 of 19 events"
        assert len(drawn_event_rows(app)) == 4
        await pilot.press("tab")  # to the timeline
        assert _view(app).has_focus
        await pilot.press("g")
        while "Sweden" not in _detail_text(app):
            before = selected_row(app)
            await pilot.press("j")
            assert selected_row(app) != before, "no shown event quotes Sweden"
        assert "REPORTED" in _detail_text(app)
        assert "DIRECT" not in _detail_text(app)


async def test_editing_a_file_on_disk_reloads_without_a_key(timeline_dir: Path) -> None:
    app = TimelineApp([str(timeline_dir)], watch=True, cursor_blink=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("a", *"trump", "space", "tab")
        assert _counts(app) == "5 of 19 events"
        await pilot.press("j")
        assert "Trump calls on Russia and Ukraine to meet" in selected_row(app)
        path = timeline_dir / "2025-05-istanbul-talks.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Trump’s Gulf tour", "Trump tours the Gulf"), encoding="utf-8")
        await wait_until(pilot, lambda: any("Trump tours the Gulf" in row for row in drawn_rows(app)))
        assert _counts(app) == "5 of 19 events"  # the actor filter stays on
        assert "Trump calls on Russia and Ukraine to meet" in selected_row(app)  # and the selection


async def test_an_editor_that_saves_by_rename_is_seen(timeline_dir: Path) -> None:
    app = TimelineApp([str(timeline_dir)], watch=True, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        path = timeline_dir / "history.yaml"
        for title in ("First rename", "Second rename"):  # the second save is the one a file watch misses
            temporary = timeline_dir / ".history.yaml.tmp"
            temporary.write_text(path.read_text(encoding="utf-8").replace(
                "Russia invades Ukraine" if title == "First rename" else "First rename", title),
                encoding="utf-8")
            temporary.replace(path)
            await wait_until(pilot, lambda: any(title in row for row in drawn_rows(app)))


async def test_a_broken_file_keeps_the_last_good_data_until_fixed(timeline_dir: Path) -> None:
    app = TimelineApp([str(timeline_dir)], watch=True, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        errors = app.screen.query_one(ErrorPanel)
        assert not errors.display
        titles_before = [e.title for e in app.screen.timeline.events]
        path = timeline_dir / "history.yaml"
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace("    title:", "    title: [unclosed", 1), encoding="utf-8")
        await wait_until(pilot, lambda: errors.display)
        assert "events/history.yaml:" in _errors_text(app)
        assert "last good version of 1 file" in str(errors.border_title)
        assert [e.title for e in app.screen.timeline.events] == titles_before
        assert "some from the last good version" in _counts(app)
        path.write_text(good, encoding="utf-8")
        await wait_until(pilot, lambda: not errors.display)
        assert [e.title for e in app.screen.timeline.events] == titles_before


async def test_e_opens_the_event_in_the_editor_and_reloads(timeline_dir: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    script = tmp_path / "fake_editor.py"
    log = tmp_path / "editor_args.txt"
    script.write_text(textwrap.dedent(f"""
        import sys, pathlib
        pathlib.Path({str(log)!r}).write_text(" ".join(sys.argv[1:]))
        path = pathlib.Path(sys.argv[2])
        path.write_text(path.read_text(encoding="utf-8").replace("Russia invades Ukraine", "Edited title"), encoding="utf-8")
    """), encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    app = TimelineApp([str(timeline_dir)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        first = app.screen.timeline.events[0]  # the selected row: the earliest event
        assert Path(first.position.path).name == "history.yaml"  # as is the invasion, edited below
        await pilot.press("e")
        await wait_until(pilot, lambda: "Edited title" in (selected_row(app) or ""))
        assert log.read_text() == f"+{first.position.line} {first.position.path}"


def test_editor_command_opens_at_the_line() -> None:
    assert editor_command("vim", "a.yaml", 12) == ["vim", "+12", "a.yaml"]
    assert editor_command("emacs -nw", "a.yaml", 3) == ["emacs", "-nw", "+3", "a.yaml"]
    assert editor_command("code", "a.yaml", 7) == ["code", "--wait", "--goto", "a.yaml:7"]
    assert editor_command("/usr/bin/subl -w", "a.yaml", 7) == ["/usr/bin/subl", "-w", "a.yaml:7"]


async def test_text_from_yaml_is_never_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("t.yaml").write_text(textwrap.dedent("""\
        actors:
          - {id: a, name: "[bold]Bold[/bold] [@click=app.quit]x[/]"}
        sources:
          - {id: s, title: "[link=http://x]t[/link]"}
        events:
          - id: e
            date: "2025"
            title: "[sic] and [/] and \\e[31mred"
            actors: [a]
            sources: [s]
            quotes: [{text: "[b]said[/b]", speaker: a}]
            "[@click=app.quit]x": 1
    """), encoding="utf-8")
    app = TimelineApp(["t.yaml"], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        assert app.is_running
        detail = _detail_text(app)
        assert "[sic] and [/] and ␛[31mred" in detail
        assert "[bold]Bold[/bold] [@click=app.quit]x[/]" in detail
        assert "[b]said[/b]" in detail
        assert "[link=http://x]t[/link]" in detail
        row = _view(app).render_line(1).text
        assert "[sic] and [/] and ␛[31mred" in row
        assert "'[@click=app.quit]x'" in _errors_text(app)  # the unknown key, literally
        actor_row = app.screen.query_one("#actor-list").render_line(0).text
        assert "[bold]Bold[/bold]" in actor_row
        await pilot.press("a", "space")
        await pilot.click("#errors")
        assert app.is_running


async def test_help_lists_every_key(timeline_dir: Path) -> None:
    app = TimelineApp([str(timeline_dir)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("question_mark")
        text = str(app.screen.query_one("#help-body Static").render())
        for key, meaning in [("/", "Search"), ("a", "Actors"), ("e", "Edit"), ("r", "Reload"),
                             ("j / ↓", "Down"), ("G / End", "Last"), ("space / Enter", "Toggle"),
                             ("Esc", "Clear search"), ("Tab", "Focus Next"), ("q", "Quit")]:
            assert key in text and meaning in text
        await pilot.press("escape")
        assert isinstance(app.screen.query_one(DetailPanel), DetailPanel)
