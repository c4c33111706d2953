"""The user's settings (the theme), kept across runs in a small JSON file in the
user's config directory (~/.config/timeline-tui on Linux; XDG_CONFIG_HOME moves it)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from platformdirs import user_config_dir

__all__ = ["load_settings", "save_settings", "settings_path"]


def settings_path() -> Path:
    return Path(user_config_dir("timeline-tui", appauthor=False)) / "settings.json"


def load_settings() -> tuple[dict[str, object], str | None]:
    """The settings, and a notice when the file is damaged (then it is ignored)."""
    path = settings_path()
    try:
        settings = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return {}, f"Ignored the settings file {path}: {_reason(error)}."
    if not isinstance(settings, dict):
        return {}, f"Ignored the settings file {path}: it does not hold a JSON object."
    return settings, None


def save_settings(settings: dict[str, object]) -> str | None:
    """Write the settings (atomically: a crash leaves the old file); a problem is
    returned as a message, never raised."""
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
        os.replace(partial, path)
    except OSError as error:
        return f"Could not save the settings to {path}: {_reason(error)}."
    return None


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return "it is not valid JSON"
