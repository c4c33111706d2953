"""Fixtures shared by the app tests: a stable environment and a copy of the bundled timeline."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BUNDLED_EVENTS = REPO / "events"


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject's addopts): two workers a core. The app's pilot tests
    spend about half their time asleep in Textual's waits for the app to be idle
    after each key; a second worker uses the core meanwhile."""
    return 2 * (os.cpu_count() or 1)


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch,
                        tmp_path_factory: pytest.TempPathFactory) -> None:
    """A user's TEXTUAL_THEME (or any TEXTUAL_ setting) must not change what tests see;
    the snapshot plugin's own TEXTUAL_SNAPSHOT_ variables stay. The parse cache, the
    settings (the remembered theme) and the editor are the test's own."""
    for name in list(os.environ):
        if name.startswith("TEXTUAL_") and not name.startswith("TEXTUAL_SNAPSHOT"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


@pytest.fixture
def timeline_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled timeline at ./events in a fresh working directory, so
    the paths the app shows are the same on every run."""
    shutil.copytree(BUNDLED_EVENTS, tmp_path / "events")
    monkeypatch.chdir(tmp_path)
    return Path("events")
