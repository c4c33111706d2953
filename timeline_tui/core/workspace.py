"""The files behind a timeline, read again only when they change.

A `Workspace` remembers each file's last parse and its last good parse. When a file
breaks, the timeline keeps that file's last good events (and says the file is
stale) while every other file's changes still apply.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from .cache import ParseCache
from .discover import discover_files
from .drafts import FileDraft
from .merge import MergeMemo, build_timeline
from .validate import parse_file
from .yaml_read import read_bytes
from .model import Timeline

__all__ = ["LoadResult", "Workspace", "collector_paused"]

_RACY_NS = 2_000_000_000
_Signature = tuple[int, int, int]
"""(inode, size, mtime in ns): a changed file changes at least one of them."""


@dataclass(frozen=True, slots=True)
class LoadResult:
    timeline: Timeline
    stale_paths: frozenset[str]
    """Files whose current text is broken, shown as they last were when good."""
    parsed_paths: tuple[str, ...]
    """Files read and parsed for this load (the others were unchanged)."""
    partial_paths: frozenset[str] = frozenset()
    """Files never good yet that show the records before their syntax error."""


class Workspace:
    """The paths a user opened, and what each of their files last held.

    Not thread-safe: one load at a time (the app runs loads in one exclusive worker).
    """

    def __init__(self, paths: Sequence[str | os.PathLike],
                 cache: ParseCache | None = None) -> None:
        """`cache`: where parses persist between runs (None: nowhere)."""
        self.paths = tuple(str(path) for path in paths)
        self.cache = cache
        self._merge_memo = MergeMemo()
        self._parsed: dict[str, tuple[_Signature, FileDraft]] = {}
        self._last_good: dict[str, FileDraft] = {}

    def load(self, progress: Callable[[int, int], None] | None = None) -> LoadResult:
        """Read what changed since the last load and merge everything.

        `progress(files_done, files)` is called as files are read, from this thread.
        """
        files, problems = discover_files(self.paths)
        parsed_paths = []
        drafts: list[FileDraft] = []
        stale: set[str] = set()
        partial: set[str] = set()
        for done, path in enumerate(files):
            if progress is not None:
                progress(done, len(files))
            signature = _signature(path)
            cached = self._parsed.get(path)
            if cached is not None and signature is not None and cached[0] == signature \
                    and not _is_racy(signature):
                draft = cached[1]
            else:
                draft = self._read(path)
                parsed_paths.append(path)
                if signature is not None:
                    self._parsed[path] = (signature, draft)
            if draft.problems and path in self._last_good:
                stale.add(path)
                problems.extend(draft.problems)
                draft = self._last_good[path]
            elif not draft.problems:
                self._last_good[path] = draft
            elif draft.broken and (draft.actors or draft.sources or draft.events):
                partial.add(path)
            drafts.append(draft)
        self._forget_all_but(files)
        timeline = build_timeline(drafts, problems, self._merge_memo)
        return LoadResult(timeline, frozenset(stale), tuple(parsed_paths), frozenset(partial))

    def _read(self, path: str) -> FileDraft:
        data = read_bytes(path)
        if isinstance(data, FileDraft):
            return data
        draft = self.cache.get(path, data) if self.cache is not None else None
        if draft is None:
            draft = parse_file(path, data)
            if self.cache is not None:
                self.cache.put(path, data, draft)
        return draft

    def _forget_all_but(self, files: Iterable[str]) -> None:
        keep = set(files)
        for cache in (self._parsed, self._last_good):
            for path in [path for path in cache if path not in keep]:
                del cache[path]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a timeline is built.

    A large timeline is millions of small objects, none in a cycle; every few
    thousand allocations the collector walked all of them again, which was two
    thirds of the time of a 100,000-event load. Reference counting still frees
    everything the load throws away.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _is_racy(signature: _Signature) -> bool:
    """Whether the file changed so recently that a second write could keep its
    size and modification time (filesystems with coarse timestamps); such a file
    is read again, as git does with "racily clean" entries."""
    return time.time_ns() - signature[2] < _RACY_NS


def _signature(path: str) -> _Signature | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)
