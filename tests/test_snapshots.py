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


def test_detail_of_a_disputed_event(snap_compare, tmp_path: Path, monkeypatch) -> None:
    # tests/data/disputed: sources of one origin, a based_on chain, a dispute.
    shutil.copytree(Path(__file__).parent / "data" / "disputed", tmp_path / "disputed")
    monkeypatch.chdir(tmp_path)

    async def select_disputed_event(pilot) -> None:
        await wait_loaded(pilot)
        await pilot.press("G")

    assert snap_compare(_app(["disputed"]), terminal_size=(160, 50),
                        run_before=select_disputed_event)
