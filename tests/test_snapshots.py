"""What the user sees, compared with committed SVG snapshots.

Stable from run to run: fixed terminal sizes, no file watcher, no cursor blink,
TEXTUAL_ settings removed (conftest), and relative paths in a fresh directory.
Update a snapshot only for a change you meant: `pytest --snapshot-update`, then look.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from app_helpers import wait_loaded

from timeline_tui.app import TimelineApp


def _app(paths: list[str]) -> TimelineApp:
    return TimelineApp(paths, watch=False, cursor_blink=False)


def test_opening_screen_80x24(snap_compare, timeline_dir: Path) -> None:
    assert snap_compare(_app(["events"]), terminal_size=(80, 24), run_before=wait_loaded)


def test_opening_screen_120x40(snap_compare, timeline_dir: Path) -> None:
    assert snap_compare(_app(["events"]), terminal_size=(120, 40), run_before=wait_loaded)


def test_actor_filter_applied(snap_compare, timeline_dir: Path) -> None:
    async def filter_to_medinsky(pilot) -> None:
        await wait_loaded(pilot)
        await pilot.press("a", *"medinsky", "space")

    assert snap_compare(_app(["events"]), terminal_size=(120, 40), run_before=filter_to_medinsky)


def test_detail_of_an_event_with_several_quotes(snap_compare, timeline_dir: Path) -> None:
    async def select_medinsky_event(pilot) -> None:
        await wait_loaded(pilot)
        await pilot.press("slash", *"sweden", "enter")

    assert snap_compare(_app(["events"]), terminal_size=(160, 50), run_before=select_medinsky_event)


def test_error_panel(snap_compare, timeline_dir: Path) -> None:
    path = timeline_dir / "history.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    title:", "    titel:", 1)
                    + "  - id: no-date\n    title: An event without a date\n",
                    encoding="utf-8")
    assert snap_compare(_app(["events"]), terminal_size=(120, 40), run_before=wait_loaded)


def test_help_screen(snap_compare, timeline_dir: Path) -> None:
    async def open_help(pilot) -> None:
        await wait_loaded(pilot)
        await pilot.press("question_mark")

    assert snap_compare(_app(["events"]), terminal_size=(100, 50), run_before=open_help)


def _long_timeline(directory: Path) -> None:
    """Eighty events over two years, every other one tagged talks: enough rows to scroll."""
    lines = ["sources: [{id: wire, outlet: The Wire}]", "events:"]
    for number in range(80):
        year, month, day = 2024 + number // 40, 1 + number % 40 * 12 // 40, 1 + number * 7 % 28
        tag = "talks" if number % 2 else "war"
        lines.append(f"  - {{id: e{number:02d}, date: '{year}-{month:02d}-{day:02d}', "
                     f"title: 'Event {number} of the {tag}', tags: [{tag}], sources: [wire]}}")
    (directory / "long.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _query_scrolled_to_the_end(pilot) -> None:
    async def run() -> None:
        await wait_loaded(pilot)
        await pilot.press("slash", *'tag:talks -"event 7"', "enter", "G", "k", "k")
    return run()


def test_query_with_pinned_heading_and_strip_80x24(snap_compare, tmp_path: Path,
                                                   monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _long_timeline(tmp_path)
    assert snap_compare(_app(["long.yaml"]), terminal_size=(80, 24),
                        run_before=_query_scrolled_to_the_end)


def test_query_with_pinned_heading_and_strip_160x50(snap_compare, tmp_path: Path,
                                                    monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _long_timeline(tmp_path)
    assert snap_compare(_app(["long.yaml"]), terminal_size=(160, 50),
                        run_before=_query_scrolled_to_the_end)


def test_actor_pane_footer_80x24(snap_compare, timeline_dir: Path) -> None:
    async def focus_actors(pilot) -> None:
        await wait_loaded(pilot)
        await pilot.press("a", *"vla")

    assert snap_compare(_app(["events"]), terminal_size=(80, 24), run_before=focus_actors)


def test_detail_of_a_disputed_event(snap_compare, tmp_path: Path, monkeypatch) -> None:
    # tests/data/disputed: sources of one origin, a based_on chain, a dispute.
    shutil.copytree(Path(__file__).parent / "data" / "disputed", tmp_path / "disputed")
    monkeypatch.chdir(tmp_path)

    async def select_disputed_event(pilot) -> None:
        await wait_loaded(pilot)
        await pilot.press("G")

    assert snap_compare(_app(["disputed"]), terminal_size=(160, 50),
                        run_before=select_disputed_event)
