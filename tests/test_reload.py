"""Reload under real editing: whatever the editor does, the app ends on what is on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

from app_helpers import wait_loaded, wait_until

from timeline_tui.app import TimelineApp
from timeline_tui.core.loader import load_paths
from timeline_tui.ui.error_panel import ErrorPanel


def _state(timeline) -> tuple[list[tuple[str, str]], list[str]]:
    return ([(event.id, event.title) for event in timeline.events],
            [str(problem) for problem in timeline.problems])


def _shown(app: TimelineApp) -> list[tuple[str, str]]:
    return _state(app.screen.timeline)[0]


async def _settles_on_disk(pilot, directory: Path) -> None:
    """The app shows exactly what a fresh load of the disk gives: the same events and
    the same problems, none left over from the writes before."""
    await wait_until(pilot, lambda: _state(pilot.app.screen.timeline)
                     == _state(load_paths([str(directory)])))
    errors = pilot.app.screen.query_one(ErrorPanel)
    assert errors.display == bool(pilot.app.screen.timeline.problems)
    ids = [event_id for event_id, _ in _shown(pilot.app)]
    assert len(ids) == len(set(ids))


async def test_a_write_that_arrives_in_pieces(timeline_dir: Path) -> None:
    app = TimelineApp([str(timeline_dir)], cursor_blink=False)
    async with app.run_test() as pilot:
        await wait_loaded(pilot)
        path = timeline_dir / "history.yaml"
        text = path.read_text(encoding="utf-8").replace("Russia invades Ukraine", "Pieces")
        path.write_text("", encoding="utf-8")  # VS Code truncates, then writes
        await pilot.pause(0.1)
        path.write_text(text[: len(text) // 2], encoding="utf-8")
        await pilot.pause(0.05)
        path.write_text(text, encoding="utf-8")
        await _settles_on_disk(pilot, timeline_dir)
        assert not app.screen.timeline.problems
        assert ("2022-russian-invasion-of-ukraine", "Pieces") in _shown(app)


async def test_files_deleted_renamed_and_added(timeline_dir: Path) -> None:
    app = TimelineApp([str(timeline_dir)], cursor_blink=False)
    async with app.run_test() as pilot:
        await wait_loaded(pilot)
        total = len(_shown(app))
        history = timeline_dir / "history.yaml"
        kept = history.read_text(encoding="utf-8")
        history.unlink()
        await _settles_on_disk(pilot, timeline_dir)
        assert len(_shown(app)) == total - 3
        assert app.screen.timeline.problems  # other files refer to its events
        (timeline_dir / "sub").mkdir()
        (timeline_dir / "sub" / "older.yml").write_text(kept, encoding="utf-8")
        await _settles_on_disk(pilot, timeline_dir)
        assert len(_shown(app)) == total
        assert not app.screen.timeline.problems
        (timeline_dir / "sub" / "older.yml").rename(timeline_dir / "renamed.yaml")
        await _settles_on_disk(pilot, timeline_dir)
        assert len(_shown(app)) == total


async def test_a_directory_removed_and_made_again(timeline_dir: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup"
    shutil.copytree(timeline_dir, backup)
    app = TimelineApp([str(timeline_dir)], cursor_blink=False)
    async with app.run_test() as pilot:
        await wait_loaded(pilot)
        total = len(_shown(app))
        shutil.rmtree(timeline_dir)
        await wait_until(pilot, lambda: app.screen.timeline.problems)
        assert "no such file or directory" in str(app.screen.timeline.problems[0])
        shutil.copytree(backup, timeline_dir)
        await _settles_on_disk(pilot, timeline_dir)
        assert len(_shown(app)) == total
        history = timeline_dir / "history.yaml"  # and the new directory is watched
        history.write_text(history.read_text(encoding="utf-8").replace(
            "Russia invades Ukraine", "Watched again"), encoding="utf-8")
        await _settles_on_disk(pilot, timeline_dir)
        assert ("2022-russian-invasion-of-ukraine", "Watched again") in _shown(app)
