"""The app as the user sees it: every assertion reads the rows the timeline draws, the
detail panel's text or the messages shown, against expectations written here (titles
and counts of the bundled timeline in events/, or of small files written in tmp_path)."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from timeline_tui.app import TimelineApp
from timeline_tui.ui.timeline_view import TimelineView

from app_helpers import (counts_text, detail_lines, detail_text, drawn_event_rows, drawn_line_of, drawn_rows,
                         notifications, rows_with, selected_row, wait_loaded, wait_until)

WIDE = (220, 50)  # every bundled title fits on its row

# The bundled timeline's events in date order.
FIRST = "Russia invades Ukraine"
MEDINSKY_EVENTS = [  # every event Vladimir Medinsky takes part in
    "Putin refuses to go to the talks and sends officials instead",
    "Russian and Ukrainian officials hold direct talks in Turkey",
    "Medinsky reportedly says Russia is ready to fight for as long as it takes",
    "Medinsky reportedly warns negotiators they may lose more loved ones",
]
BAIER_EVENTS = ["Fox News anchor Bret Baier presses Trump on pressuring Putin"]
ZELENSKYY_ACCEPTS = "Zelenskyy accepts the call to meet"


def _app(*paths: str | Path, watch: bool = False) -> TimelineApp:
    return TimelineApp([str(path) for path in paths], watch=watch, cursor_blink=False)


def _write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _recording_editor(directory: Path, log: Path) -> str:
    """An $EDITOR that writes the arguments it was given to `log`."""
    script = directory / "editor.py"
    script.write_text(f"import pathlib, sys\npathlib.Path({str(log)!r}).write_text(' '.join(sys.argv[1:]))\n",
                      encoding="utf-8")
    return f"{sys.executable} {script}"


async def _press_until_selected(pilot, title: str) -> None:
    """Move down the timeline until the cursor's row shows `title`."""
    await pilot.press("g")
    for _ in range(40):
        if title in (selected_row(pilot.app) or ""):
            return
        await pilot.press("j")
    raise AssertionError(f"no row shows {title!r}: {drawn_rows(pilot.app)}")


async def _run_command(pilot, name: str, help_text: str = "") -> None:
    """Run the command palette's command `name` (the one whose help holds `help_text`:
    Textual has a "Keys" command of its own)."""
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await pilot.press(*name)
    commands = pilot.app.screen.query_one(CommandList)

    def wanted(index: int) -> bool:
        prompt = str(commands.get_option_at_index(index).prompt)
        return prompt.startswith(name) and help_text in prompt

    await wait_until(pilot, lambda: any(wanted(i) for i in range(commands.option_count)))
    await pilot.pause(0.2)  # every provider has answered
    [index] = [i for i in range(commands.option_count) if wanted(i)]
    commands.highlighted = index
    await pilot.press("enter")
    await wait_until(pilot, lambda: not isinstance(pilot.app.screen, CommandPalette))


# Filtering and search, read from the drawn rows


async def test_the_whole_bundled_timeline_is_drawn(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        rows = drawn_event_rows(app)
        assert len(rows) == 19
        assert FIRST in rows[0]
        assert "Sky News publishes analysis of the talks and Trump’s response" in rows[-1]
        assert [row.strip()[:7] for row in drawn_rows(app) if row.lstrip().startswith("─")] == [
            "── Febr", "── Marc", "── 2022", "── May "]
        assert counts_text(app) == "19 of 19 events"
        assert FIRST in selected_row(app)
        assert detail_lines(app)[0] == FIRST


async def test_actor_filter_draws_only_that_actors_events(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("a", *"medin", "space")
        rows = drawn_event_rows(app)
        assert len(rows) == 4
        assert rows_with(rows, *MEDINSKY_EVENTS) == MEDINSKY_EVENTS
        assert counts_text(app) == "4 of 19 events"
        assert "Vladimir Medinsky" in str(app.screen.query_one("#timeline-pane").border_title)
        await pilot.press("escape", *"baier", "space")  # a second actor: either one's events
        rows = drawn_event_rows(app)
        assert rows_with(rows, *MEDINSKY_EVENTS, *BAIER_EVENTS) == MEDINSKY_EVENTS + BAIER_EVENTS
        assert len(rows) == 5
        await pilot.press("escape", "escape")  # the typed text, then the chosen actors
        assert len(drawn_event_rows(app)) == 19
        assert counts_text(app) == "19 of 19 events"


async def test_search_draws_only_the_matching_rows(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"swed")  # in a quote of Medinsky's
        rows = drawn_event_rows(app)
        assert len(rows) == 1 and MEDINSKY_EVENTS[2] in rows[0]
        assert counts_text(app) == "1 of 19 events"
        await pilot.press("enter")
        assert "We fought Sweden for 21 years." in detail_text(app)
        await pilot.press("slash", "escape")
        assert len(drawn_event_rows(app)) == 19


async def test_search_and_actor_filter_combine(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("a", *"medin", "space", "tab")
        await pilot.press("slash", *"loved", "enter")
        rows = drawn_event_rows(app)
        assert len(rows) == 1 and MEDINSKY_EVENTS[3] in rows[0]
        assert counts_text(app) == "1 of 19 events"


async def test_search_for_nothing_draws_no_row_and_says_so(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"zzzz")
        assert drawn_rows(app) == []
        assert counts_text(app) == "0 of 19 events"
        assert "No event matches" in detail_text(app)


async def test_search_matches_a_misspelt_alias(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"mednisky")  # an alias of Medinsky's, as the article spells it
        assert rows_with(drawn_event_rows(app), *MEDINSKY_EVENTS) == MEDINSKY_EVENTS
        assert len(drawn_event_rows(app)) == 4


SEARCHED = """\
    actors:
      - {id: speaker, name: Quinn Speakerton, aliases: [Qspeak]}
    sources:
      - {id: s, title: A source}
    events:
      - {id: t, date: "2025-01-01", title: Titleword here, sources: [s]}
      - {id: u, date: "2025-01-02", title: Second, summary: a summaryword inside, sources: [s]}
      - {id: l, date: "2025-01-03", title: Third, location: Locationville, sources: [s]}
      - {id: g, date: "2025-01-04", title: Fourth, tags: [tagword], sources: [s]}
      - id: q
        date: "2025-01-05"
        title: Fifth
        sources: [s]
        quotes: [{text: a quoteword said, speaker: speaker}]
      - {id: a, date: "2025-01-06", title: Sixth, actors: [speaker], sources: [s]}
      - {id: n, date: "2025-01-07", title: Seventh, notes: a notesword, sources: [s]}
    """

# Each field the README says search covers, a word found only there, and the
# titles of the events drawn when searching for it.
SEARCH_FIELDS = {
    "titles": ("titleword", ["Titleword here"]),
    "summaries": ("summaryword", ["Second"]),
    "locations": ("locationville", ["Third"]),
    "tags": ("tagword", ["Fourth"]),
    "quotes": ("quoteword", ["Fifth"]),
    "actor names": ("speakerton", ["Fifth", "Sixth"]),  # the quote's speaker takes part
    "aliases": ("qspeak", ["Fifth", "Sixth"]),
}


async def test_search_looks_in_every_field_the_readme_names(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "t.yaml", SEARCHED)
    app = _app("t.yaml")
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        assert len(drawn_event_rows(app)) == 7
        for field, (word, titles) in SEARCH_FIELDS.items():
            await pilot.press("slash", *word)
            rows = drawn_event_rows(app)
            assert len(rows) == len(titles), (field, rows)
            assert rows_with(rows, *titles) == titles, (field, rows)
            await pilot.press("escape")
        await pilot.press("slash", *"notesword")  # notes are searched too
        assert rows_with(drawn_event_rows(app), "Seventh") == ["Seventh"]


def test_the_readme_names_every_field_search_covers() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    [search_row] = [line for line in readme.splitlines()
                    if line.startswith('| `word`, `"a phrase"` |')]
    for field in (*SEARCH_FIELDS, "notes"):
        assert field in search_row, field


# Selection


async def test_selection_is_kept_when_a_filter_still_shows_it(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await _press_until_selected(pilot, MEDINSKY_EVENTS[3])  # not the first match
        await pilot.press("a", *"medin", "space")
        assert MEDINSKY_EVENTS[3] in selected_row(app)
        assert detail_lines(app)[0] == MEDINSKY_EVENTS[3]
        await pilot.press("escape", "escape")  # and when the filter is cleared
        assert len(drawn_event_rows(app)) == 19
        assert MEDINSKY_EVENTS[3] in selected_row(app)
        assert detail_lines(app)[0] == MEDINSKY_EVENTS[3]


async def test_a_filter_that_hides_the_selection_selects_the_next_shown_event(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await _press_until_selected(pilot, ZELENSKYY_ACCEPTS)  # before every Medinsky event
        await pilot.press("a", *"medin", "space")
        assert MEDINSKY_EVENTS[0] in selected_row(app)
        assert detail_lines(app)[0] == MEDINSKY_EVENTS[0]


async def test_selection_is_kept_across_a_reload_under_a_search(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"medinsky", "enter")
        matches = len(drawn_event_rows(app))
        await _press_until_selected(pilot, MEDINSKY_EVENTS[2])  # not the first match
        path = timeline_dir / "2025-05-istanbul-talks.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "Russian and Ukrainian officials hold direct talks in Turkey",
            "Officials hold talks (renamed)"), encoding="utf-8")
        app.screen.loaded = False
        await pilot.press("r")
        await wait_loaded(pilot)
        rows = drawn_event_rows(app)
        assert len(rows) == matches and rows_with(rows, "Officials hold talks (renamed)")
        assert MEDINSKY_EVENTS[2] in selected_row(app)
        assert detail_lines(app)[0] == MEDINSKY_EVENTS[2]


async def test_keys_move_the_cursor_row_and_the_detail_follows(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("j", "down")
        assert "Max, a relative of Sergiy Kyslytsya" in selected_row(app)
        assert detail_lines(app)[0] == "Max, a relative of Sergiy Kyslytsya, killed fighting the Russians"
        await pilot.press("k")
        assert "Last direct Russia-Ukraine talks before May 2025" in selected_row(app)
        await pilot.press("G")
        assert "Sky News publishes analysis" in selected_row(app)
        await pilot.press("g")
        assert FIRST in selected_row(app)


async def test_click_selects_the_row_clicked(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        line = drawn_line_of(app, ZELENSKYY_ACCEPTS)
        await pilot.click(TimelineView, offset=(10, line))
        assert ZELENSKYY_ACCEPTS in selected_row(app)
        assert detail_lines(app)[0] == ZELENSKYY_ACCEPTS
        await pilot.click(TimelineView, offset=(10, 0))  # a heading: the selection stays
        assert ZELENSKYY_ACCEPTS in selected_row(app)


# Reload and marks


async def test_an_actor_removed_while_chosen_leaves_the_filter(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("a", *"baier", "space", "tab")
        assert len(drawn_event_rows(app)) == 1
        actors = timeline_dir / "actors.yaml"
        lines = actors.read_text(encoding="utf-8").splitlines(keepends=True)
        start = next(i for i, line in enumerate(lines) if "id: bret-baier" in line)
        end = next(i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("- id:"))
        actors.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
        talks = timeline_dir / "2025-05-istanbul-talks.yaml"
        talks.write_text(talks.read_text(encoding="utf-8").replace("bret-baier, ", "")
                         .replace(", bret-baier", ""), encoding="utf-8")
        app.screen.loaded = False
        await pilot.press("r")
        await wait_loaded(pilot)
        assert app.is_running
        assert "Baier" not in str(app.screen.query_one("#timeline-pane").border_title)
        assert counts_text(app) == "19 of 19 events"
        assert len(drawn_event_rows(app)) == 19


async def test_rows_of_a_broken_file_are_marked_stale(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        assert not any("⚠" in row for row in drawn_rows(app))
        history = timeline_dir / "history.yaml"
        history.write_text(history.read_text(encoding="utf-8").replace(
            "    title:", "    title: [unclosed", 1), encoding="utf-8")
        app.screen.loaded = False
        await pilot.press("r")
        await wait_loaded(pilot)
        marked = [row for row in drawn_event_rows(app) if "⚠" in row]
        assert len(marked) == 3  # the three events of history.yaml, as last good
        assert rows_with(marked, FIRST, "Last direct Russia-Ukraine talks",
                         "Max, a relative of Sergiy Kyslytsya") == [
            FIRST, "Last direct Russia-Ukraine talks", "Max, a relative of Sergiy Kyslytsya"]
        assert counts_text(app) == "19 of 19 events · ⚠ last good of broken file"


UNSOURCED = """\
    sources:
      - {id: s, outlet: Daily Example}
    events:
      - {id: a, date: "2025-01-01", title: Sourced event, sources: [s]}
      - {id: b, date: "2025-01-02", title: Unsourced event}
    """


def _segment_colour(app, title: str, mark: str) -> object:
    """The colour the timeline draws `mark` in, on the row of `title`."""
    view = app.screen.query_one(TimelineView)
    for y in range(view.scrollable_content_region.height):
        strip = view.render_line(y)
        if title in strip.text:
            for segment in strip:
                if mark in segment.text:
                    return segment.style.color
    raise AssertionError(f"no {mark!r} on the row of {title!r}")


async def test_an_unsourced_event_says_so_in_the_detail_and_its_mark(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "t.yaml", UNSOURCED)
    app = _app("t.yaml")
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        assert "Sourced event" in selected_row(app)
        assert "No source cited." not in detail_text(app)
        assert "Daily Example" in detail_text(app)
        await pilot.press("j")
        assert "Unsourced event" in selected_row(app)
        assert "Sources No source cited." in detail_text(app)
        await pilot.press("k")  # move the cursor off, so the row is drawn in its own colours
        [sourced, unsourced] = drawn_event_rows(app)
        assert "§1" in sourced and "§0" in unsourced
        red = app.screen.query_one(TimelineView).get_component_rich_style("timeline--unsourced").color
        assert _segment_colour(app, "Unsourced event", "§0") == red
        assert _segment_colour(app, "Sourced event", "§1") != red


# Commands


async def test_every_palette_command_does_what_it_says(timeline_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    log = tmp_path / "opened.txt"
    monkeypatch.setenv("EDITOR", _recording_editor(tmp_path, log))
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await _run_command(pilot, "Search")
        await pilot.press(*"swed")
        assert len(drawn_event_rows(app)) == 1
        await pilot.press("enter")
        await _run_command(pilot, "Actor filter")
        await pilot.press(*"medin", "space")
        assert counts_text(app) == "1 of 19 events"
        await _run_command(pilot, "Clear filters")
        assert len(drawn_event_rows(app)) == 19
        assert counts_text(app) == "19 of 19 events"
        assert str(app.screen.query_one("#timeline-pane").border_title) == "Timeline"
        assert MEDINSKY_EVENTS[2] in selected_row(app)  # the selection stays put
        await _run_command(pilot, "Edit event")
        await wait_until(pilot, log.exists)
        assert log.read_text().endswith("events/2025-05-istanbul-talks.yaml")
        history = timeline_dir / "history.yaml"
        history.write_text(history.read_text(encoding="utf-8").replace(FIRST, "Reloaded title"),
                           encoding="utf-8")
        app.screen.loaded = False
        await _run_command(pilot, "Reload")
        await wait_until(pilot, lambda: any("Reloaded title" in row for row in drawn_rows(app)))
        await _run_command(pilot, "Keys", "Show every key")
        assert type(app.screen).__name__ == "HelpScreen"


async def test_clear_filters_clears_the_search_bar_and_the_actors(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"talks", "enter", "a", *"medin", "space")
        assert len(drawn_event_rows(app)) == 4
        app.screen.action_clear_filters()
        await pilot.pause()
        assert len(drawn_event_rows(app)) == 19
        assert not app.screen.query_one("#search").display
        assert "●" not in str(app.screen.query_one("#actor-list").render_line(0).text)


# The editor


async def test_e_with_no_event_shown_says_so(timeline_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    log = tmp_path / "opened.txt"
    monkeypatch.setenv("EDITOR", _recording_editor(tmp_path, log))
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"zzzz", "enter", "e")  # every event hidden by the search
        assert notifications(app) == ["No event is shown: nothing to edit."]
        assert not log.exists()


async def test_e_with_no_event_loaded_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EDITOR", "true")
    _write(tmp_path / "t.yaml", "actors: []\n")
    app = _app("t.yaml")
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        assert detail_text(app) == "No events loaded."
        await pilot.press("e")
        assert notifications(app) == ["No event is shown: nothing to edit."]


async def test_e_with_no_editor_says_how_to_set_one(timeline_dir: Path) -> None:
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("e")
        assert notifications(app) == ["Set $VISUAL or $EDITOR to edit events."]


async def test_e_with_an_editor_that_does_not_start_says_so(timeline_dir: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "/nonexistent/editor --flag")
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: notifications(app))
        [message] = notifications(app)
        assert message.startswith("Could not start the editor /nonexistent/editor: ")
        assert "No such file or directory" in message
        assert app.is_running


async def test_visual_is_used_before_editor(timeline_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    log = tmp_path / "which.txt"
    for name in ("visual", "editor"):
        (tmp_path / f"{name}.py").write_text(
            f"import pathlib\npathlib.Path({str(log)!r}).write_text({name!r})\n", encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {tmp_path / 'visual.py'}")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {tmp_path / 'editor.py'}")
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("e")
        await wait_until(pilot, log.exists)
        assert log.read_text() == "visual"
        assert notifications(app) == []


# Watching


async def test_a_single_opened_file_is_watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "t.yaml", UNSOURCED)
    _write(tmp_path / "other.yaml", """\
        events:
          - {id: o, date: "2025-01-03", title: Not opened}
        """)
    app = _app("t.yaml", watch=True)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        assert len(drawn_event_rows(app)) == 2
        _write(tmp_path / "t.yaml", UNSOURCED.replace("Unsourced event", "Edited on disk"))
        await wait_until(pilot, lambda: any("Edited on disk" in row for row in drawn_rows(app)))
        rows = drawn_event_rows(app)
        assert len(rows) == 2 and not any("Not opened" in row for row in rows)


async def test_the_app_starts_in_the_timeline_without_a_moment_in_the_actor_pane(
        timeline_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The footer shows the focused pane's keys: a focus on the actor list first
    # flashed the actor pane's keys before the timeline's.
    from textual.screen import Screen

    focused: list[str | None] = []
    set_focus = Screen.set_focus

    def recording_set_focus(self, widget, *args, **kwargs):
        focused.append(None if widget is None else widget.id)
        return set_focus(self, widget, *args, **kwargs)

    monkeypatch.setattr(Screen, "set_focus", recording_set_focus)
    app = _app(timeline_dir)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        assert [widget_id for widget_id in focused if widget_id is not None][:1] == ["timeline"]
        assert "actor-list" not in focused
