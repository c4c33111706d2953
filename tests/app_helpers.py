"""Helpers for driving the app in tests."""

from __future__ import annotations

import time
from collections.abc import Callable


async def wait_until(pilot, condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until `condition()` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {condition}")
        await pilot.pause(0.02)
    await pilot.pause()


async def wait_loaded(pilot) -> None:
    await wait_until(pilot, lambda: getattr(pilot.app.screen, "loaded", False))
