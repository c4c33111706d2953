"""Stage 1 of a load: the timeline's YAML files, from the paths the user gave.

Directories are walked recursively in sorted order, hidden entries skipped; a path
that does not exist is a Problem, not an exception, and a directory linked to again
(a symlink back to one already read) is skipped with a warning.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .model import Position, Problem

__all__ = ["YAML_SUFFIXES", "discover_files", "os_message"]

YAML_SUFFIXES = (".yaml", ".yml")


def discover_files(paths: Iterable[str | os.PathLike]) -> tuple[list[str], list[Problem]]:
    """Expand files and directories to YAML files: directories recursively, sorted.

    A path that does not exist is a Problem rather than an exception; a directory
    already read is skipped with a warning (each file is read once).
    """
    found: list[str] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(_walk(path, problems))
        elif os.path.lexists(path):  # a file, or something read_file will explain
            found.append(str(path))
        else:
            problems.append(Problem(Position(str(path), 1, 1), "no such file or directory"))
    return list(dict.fromkeys(found)), problems


def _walk(top: Path, problems: list[Problem]) -> list[str]:
    # A stack of open listings rather than recursion: a tree can be thousands deep.
    found: list[str] = []
    visited: set[tuple[int, int]] = set()

    def listing(directory: Path) -> Iterator[os.DirEntry]:
        try:
            status = directory.stat()
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            problems.append(Problem(Position(str(directory), 1, 1), os_message(error)))
            return iter(())
        if (status.st_dev, status.st_ino) in visited:
            # A harmless layout (its files are read once), but worth knowing about.
            problems.append(Problem(Position(str(directory), 1, 1),
                                    "directory links back to one already read; skipped",
                                    "warning"))
            return iter(())
        visited.add((status.st_dev, status.st_ino))
        return iter(entries)

    pending = [(top, listing(top))]
    while pending:
        directory, entries = pending[-1]
        entry = next(entries, None)
        if entry is None:
            pending.pop()
            continue
        if entry.name.startswith("."):
            continue
        entry_path = directory / entry.name
        if _is_directory(entry):
            pending.append((entry_path, listing(entry_path)))
        elif entry.name.endswith(YAML_SUFFIXES) and (entry.is_symlink() or entry.is_file()):
            found.append(str(entry_path))
    return found


def _is_directory(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symlink loop; read_file reports it when it is a YAML file
        return False


def os_message(error: OSError) -> str:
    return f"cannot read: {error.strerror or error}"

