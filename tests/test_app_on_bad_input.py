"""The app opened on each bad-input case: it shows the located problems in the
error panel, keeps whatever loaded, and stays usable."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from app_helpers import wait_loaded

from timeline_tui.app import TimelineApp
from timeline_tui.ui.error_panel import ErrorPanel
from timeline_tui.ui.timeline_view import TimelineView

BAD = Path(__file__).parent / "data" / "bad"
MANIFEST = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))


def _expected_problems(name: str) -> list[tuple[int, int, str]]:
    """Each expected problem's line, column and severity."""
    expected = MANIFEST[name]
    problems = expected if isinstance(expected, list) else expected.get("problems", [])
    return [(problem["line"], problem["column"], problem.get("severity", "error"))
            for problem in problems]


def _case_path(name: str) -> Path:
    directory = BAD / name
    return directory if directory.is_dir() else BAD / f"{name}.yaml"


@pytest.mark.parametrize("name", sorted(MANIFEST))
async def test_the_app_shows_each_case_and_stays_usable(name: str) -> None:
    app = TimelineApp([str(_case_path(name))], watch=False, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        errors = app.screen.query_one(ErrorPanel)
        expected = _expected_problems(name)
        # Shown for errors; shown for warnings too, which most cases have (their
        # events cite no source).
        assert errors.display == bool(expected or app.screen.timeline.problems)
        shown = "\n".join(errors.rows)
        for line, column, severity in expected:
            assert f":{line}:{column}: {severity}:" in shown
        # Usable: every pane answers keys, and nothing the file holds acts on the app.
        await pilot.press("j", "G", "g", "slash", "x", "escape", "a", "space", "escape",
                          "tab", "question_mark", "escape")
        assert app.is_running
        # Nothing that loaded is hidden: with the filters cleared, every event shows.
        assert app.screen.event_filter.actor_ids == frozenset()
        assert len(app.screen.shown_indexes) == len(app.screen.timeline.events)
        view = app.screen.query_one(TimelineView)
        assert (view.row_count > 0) == bool(app.screen.timeline.events)
