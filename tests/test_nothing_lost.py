"""Nothing the app does writes, moves or deletes a user's file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from app_helpers import wait_loaded

from timeline_tui.app import TimelineApp


def _fingerprint(directory: Path) -> dict[str, tuple[str, int]]:
    """Every file below `directory`: its checksum and modification time (and, by
    the keys, that no file was added, moved or deleted)."""
    return {
        str(path.relative_to(directory)): (hashlib.sha256(path.read_bytes()).hexdigest(),
                                           path.stat().st_mtime_ns)
        for path in sorted(directory.rglob("*")) if path.is_file()
    }


async def test_every_key_and_command_leaves_the_files_as_they_were(
        timeline_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "true")  # an editor that changes nothing
    root = timeline_dir.resolve().parent
    before = _fingerprint(root)
    app = TimelineApp([str(timeline_dir)], cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("j", "k", "down", "up", "pagedown", "pageup", "G", "g", "end", "home")
        await pilot.press("tab", "tab", "tab", "shift+tab", "shift+tab", "shift+tab")
        await pilot.press("slash", *"talks", "backspace", "enter", "slash", "escape")
        await pilot.press("a", *"putin", "space", "enter", "backspace", "escape", "escape", "escape")
        await pilot.press("r", "e", "y", "o")
        await pilot.press("question_mark", "escape")
        for command in ("Reload", "Clear filters", "Search", "Actor filter", "Edit event", "Keys",
                        "Export view"):
            await pilot.press("ctrl+p", *command, "enter")
            await pilot.pause()
            await pilot.press("escape", "escape")
        await wait_loaded(pilot)
        assert app.is_running
        await pilot.press("q")
    assert not app.is_running
    assert _fingerprint(root) == before
    assert not any(name.startswith(".") for name in os.listdir(timeline_dir))
    # What the app keeps for itself, its parse cache, is in the user's cache directory.
    assert [entry for entry in Path(os.environ["XDG_CACHE_HOME"]).rglob("*") if entry.is_file()]
