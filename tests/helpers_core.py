"""Small helpers for the data-core tests (kept out of conftest.py on purpose)."""

from __future__ import annotations

import os
import textwrap
import time
from pathlib import Path

from timeline_tui.core.loader import FileDraft, build_timeline, parse_file
from timeline_tui.core.model import Problem, Timeline


def yaml_text(text: str) -> str:
    """Dedented YAML; write it as '''\\ so that line 1 is the first line shown."""
    return textwrap.dedent(text)


def parse(text: str | bytes, path: str = "t.yaml") -> FileDraft:
    """Parse one file's text (dedented) or raw bytes."""
    data = text if isinstance(text, bytes) else yaml_text(text).encode("utf-8")
    return parse_file(path, data)


def timeline(*files: str | tuple[str, str]) -> Timeline:
    """Build a timeline from texts, or (path, text) pairs, in the given order."""
    drafts = []
    for number, item in enumerate(files):
        path, text = item if isinstance(item, tuple) else (f"f{number}.yaml", item)
        drafts.append(parse(text, path))
    return build_timeline(drafts)


def only_problem(problems: tuple[Problem, ...] | list[Problem]) -> Problem:
    """The single problem reported; fails listing them all if there is not exactly one."""
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]


def errors(problems: tuple[Problem, ...] | list[Problem]) -> tuple[Problem, ...]:
    """The errors among `problems`: what tests of other mistakes look at, since most of
    their events cite no source (a warning)."""
    return tuple(problem for problem in problems if problem.severity == "error")


def where(problem: Problem) -> tuple[int, int]:
    return (problem.position.line, problem.position.column)


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml_text(text), encoding="utf-8")
    return path


def make_old(path: Path, seconds: float = 60) -> None:
    """Set a file's modification time into the past, out of the racy window."""
    then = time.time() - seconds
    os.utime(path, (then, then))
