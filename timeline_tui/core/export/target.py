"""Where an export may be written: never over the timeline it comes from."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..discover import YAML_SUFFIXES

__all__ = ["file_bytes", "refusal"]


def refusal(target: str | os.PathLike, opened: Iterable[str | os.PathLike],
            files: Iterable[str]) -> str | None:
    """Why `target` must not be written, or None: it is one of the timeline's own
    files (`files`, or a path given in `opened`), or a YAML file inside an opened
    directory (the next load would read it)."""
    resolved = Path(target).resolve()
    if any(resolved == Path(path).resolve() for path in (*opened, *files)):
        return f"{target} is one of the timeline's own files"
    if resolved.suffix.lower() in YAML_SUFFIXES:
        for directory in map(Path, opened):
            if directory.is_dir() and resolved.is_relative_to(directory.resolve()):
                return f"{target} is a YAML file inside the timeline directory {directory}"
    if resolved.is_dir():
        return f"{target} is a directory"
    return None


def file_bytes(text: str, output_format: str) -> bytes:
    """An export as the bytes of a file: UTF-8; a CSV file starts with a byte-order
    mark, without which spreadsheets read it in the system's legacy encoding."""
    return (("\ufeff" if output_format == "csv" else "") + text).encode()
