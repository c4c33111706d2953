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

from . import flat
from .cache import ParseCache
from .discover import discover_files
from .drafts import FileDraft
from .merge import MergeMemo, build_timeline
from .model import Timeline
from .parse_workers import parse_in_workers, worker_count
from .parts import joined, parse_jobs
from .validate import parse_file
from .yaml_read import read_bytes

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
        signatures = {path: _signature(path) for path in files}
        changed = [path for path in files if not self._unchanged(path, signatures[path])]
        read = self._read(changed, lambda done: progress and progress(
            len(files) - len(changed) + done, len(files)))
        drafts: list[FileDraft] = []
        stale: set[str] = set()
        partial: set[str] = set()
        for path in files:
            if path in read:
                draft = read[path]
                if signatures[path] is not None:
                    self._parsed[path] = (signatures[path], draft)
            else:
                draft = self._parsed[path][1]
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
        return LoadResult(timeline, frozenset(stale), tuple(changed), frozenset(partial))

    def _unchanged(self, path: str, signature: _Signature | None) -> bool:
        cached = self._parsed.get(path)
        return cached is not None and signature is not None and cached[0] == signature \
            and not _is_racy(signature)

    def _read(self, paths: Sequence[str], progress: Callable[[int], None]) -> dict[str, FileDraft]:
        """Each file's draft: from the parse cache, or parsed (in worker processes
        when there is much to parse). `progress(files_done)` once a file, before
        its draft is made."""
        drafts: dict[str, FileDraft] = {}
        to_parse: list[tuple[str, bytes]] = []
        for path in paths:
            data = read_bytes(path)
            draft = data if isinstance(data, FileDraft) else \
                self.cache.get(path, data) if self.cache is not None else None
            if draft is None:
                to_parse.append((path, data))
            else:
                progress(len(drafts))
                drafts[path] = draft
        jobs, file_of = parse_jobs(to_parse, os.cpu_count() or 1)
        workers = worker_count(jobs)
        if workers:
            parts: dict[int, list[tuple[int, bytes]]] = {}
            for job, flat_draft in parse_in_workers(jobs, workers, _parse_flat):
                index = file_of[job]
                parts.setdefault(index, []).append((job, flat_draft))
                if len(parts[index]) < file_of.count(index):
                    continue  # the file's other parts are still being parsed
                path, data = to_parse[index]
                progress(len(drafts))
                drafts[path] = self._joined(path, data, sorted(parts.pop(index)))
        else:
            for path, data in to_parse:
                progress(len(drafts))
                drafts[path] = parse_file(path, data)
                if self.cache is not None:
                    self.cache.put(path, data, drafts[path])
        return drafts

    def _joined(self, path: str, data: bytes, parts: list[tuple[int, bytes]]) -> FileDraft:
        """A file's draft from the flat drafts of its parts (see `parts`), stored
        in the cache; parsed whole when a part has a problem."""
        if len(parts) == 1:
            if self.cache is not None:
                self.cache.put_flat(path, data, parts[0][1])
            return flat.loads(parts[0][1])
        draft = joined(path, [flat.loads(part) for _, part in parts]) or parse_file(path, data)
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


def _parse_flat(path: str, data: bytes) -> bytes:
    """A file a worker could not parse, parsed here, in the workers' answer's form."""
    return flat.dumps(parse_file(path, data))


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
