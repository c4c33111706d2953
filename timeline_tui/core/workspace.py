"""The files behind a timeline, read again only when they change.

A `Workspace` remembers each file's last parse and its last good parse. When a file
breaks, the timeline keeps that file's last good events (and says the file is
stale) while every other file's changes still apply.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from . import flat
from .cache import ParseCache
from .collector import collector_paused
from .discover import discover_files
from .drafts import FileDraft
from .flat import EventsGone
from .merge import MergeMemo, build_timeline
from .model import Timeline
from .parse_workers import parse_in_workers, worker_count
from .parts import joined, parse_jobs
from .resolved import StoreKey
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
        self._stored = None if cache is None else _StoredResolutions(cache)
        self._merge_memo = MergeMemo(self._stored)
        self._parsed: dict[str, tuple[_Signature, _Keyed]] = {}
        self._last_good: dict[str, _Keyed] = {}

    def load(self, progress: Callable[[int, int], None] | None = None) -> LoadResult:
        """Read what changed since the last load and merge everything.

        `progress(files_done, files)` is called as files are read, from this thread.
        """
        try:
            return self._load(progress, from_cache=True)
        except EventsGone:
            # Cache entries whose drafts were in use (their events unread) were
            # deleted: read every file again, the cache aside. A file shown from
            # its last good text is then shown as it is now.
            self._parsed.clear()
            self._last_good.clear()
            self._merge_memo = MergeMemo(self._stored)
            return self._load(progress, from_cache=False)

    def _load(self, progress: Callable[[int, int], None] | None, from_cache: bool) -> LoadResult:
        files, problems = discover_files(self.paths)
        signatures = {path: _signature(path) for path in files}
        changed = [path for path in files if not self._unchanged(path, signatures[path])]
        read = self._read(changed, from_cache, lambda done: progress and progress(
            len(files) - len(changed) + done, len(files)))
        drafts: list[FileDraft] = []
        used: dict[str, _Keyed] = {}
        stale: set[str] = set()
        partial: set[str] = set()
        for path in files:
            if path in read:
                keyed = read[path]
                if signatures[path] is not None:
                    self._parsed[path] = (signatures[path], keyed)
            else:
                keyed = self._parsed[path][1]
            draft = keyed[0]
            if draft.problems and path in self._last_good:
                stale.add(path)
                problems.extend(draft.problems)
                keyed = self._last_good[path]
            elif not draft.problems:
                self._last_good[path] = keyed
            elif draft.broken and (draft.actors or draft.sources or draft.events):
                partial.add(path)
            used[path] = keyed
            drafts.append(keyed[0])
        self._forget_all_but(files)
        if self._stored is not None:
            self._stored.keys = used
        timeline = build_timeline(drafts, problems, self._merge_memo)
        return LoadResult(timeline, frozenset(stale), tuple(changed), frozenset(partial))

    def store_resolved(self, go_on: Callable[[], bool] | None = None) -> None:
        """Keep what the loads so far resolved in the cache, for the next run's
        start (see `merge.MergeMemo.store_resolved`). Safe beside a load."""
        self._merge_memo.store_resolved(go_on)

    def _unchanged(self, path: str, signature: _Signature | None) -> bool:
        cached = self._parsed.get(path)
        return cached is not None and signature is not None and cached[0] == signature \
            and not _is_racy(signature)

    def _read(self, paths: Sequence[str], from_cache: bool,
              progress: Callable[[int], None]) -> dict[str, _Keyed]:
        """Each file's draft and cache key: from the parse cache (unless not
        `from_cache`), or parsed (in worker processes when there is much to
        parse). `progress(files_done)` once a file, before its draft is made."""
        drafts: dict[str, _Keyed] = {}
        to_parse: list[tuple[str, bytes]] = []
        keys: list[str | None] = []
        for path in paths:
            data = read_bytes(path)
            if isinstance(data, FileDraft):  # not read: what went wrong
                progress(len(drafts))
                drafts[path] = (data, None)
                continue
            key = None if self.cache is None else self.cache.key(path, data)
            draft = None if key is None or not from_cache else self.cache.get(path, key)
            if draft is None:
                to_parse.append((path, data))
                keys.append(key)
            else:
                progress(len(drafts))
                drafts[path] = (draft, key)
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
                drafts[path] = (self._joined(path, data, keys[index], sorted(parts.pop(index))),
                                keys[index])
        else:
            for (path, data), key in zip(to_parse, keys):
                progress(len(drafts))
                drafts[path] = (parse_file(path, data), key)
                if key is not None:
                    self.cache.put(key, flat.dumps(drafts[path][0]))
        return drafts

    def _joined(self, path: str, data: bytes, key: str | None,
                parts: list[tuple[int, bytes]]) -> FileDraft:
        """A file's draft from the flat drafts of its parts (see `parts`), stored
        in the cache under `key`; parsed whole when a part has a problem."""
        if len(parts) == 1:
            flat_draft = parts[0][1]
        else:
            flat_draft = flat.dumps(joined(path, [flat.loads(part) for _, part in parts])
                                    or parse_file(path, data))
        if key is not None:
            self.cache.put(key, flat_draft)
            # Held as the entry just written, its events read again only when
            # they are resolved: not all of them in memory at once.
            stored = self.cache.get(path, key)
            if stored is not None:
                return stored
        return flat.loads(flat_draft)

    def _forget_all_but(self, files: Iterable[str]) -> None:
        keep = set(files)
        for cache in (self._parsed, self._last_good):
            for path in [path for path in cache if path not in keep]:
                del cache[path]


_Keyed = tuple[FileDraft, "str | None"]
"""A file's draft and the parse cache's key of the text it was read from (None:
none, as when there is no cache)."""


class _StoredResolutions:
    """The merge's store of resolved files (`merge.ResolvedStore`), in the parse
    cache, keyed by the texts of the drafts this load merges."""

    def __init__(self, cache: ParseCache) -> None:
        self.cache = cache
        self.keys: dict[str, _Keyed] = {}
        """Path -> the draft this load merges for it, and its key."""

    def content_key(self, draft: FileDraft) -> str | None:
        keyed = self.keys.get(draft.path)
        return keyed[1] if keyed is not None and keyed[0] is draft else None

    def get(self, key: StoreKey) -> bytes | None:
        try:
            return self.cache.read(_resolved_entry(key))
        except OSError:
            return None

    def put(self, key: StoreKey, data: bytes) -> None:
        """Store an entry, and remove the text's others: each change of the actors
        or sources would leave another set of entries as large as the timeline."""
        entry = _resolved_entry(key)
        self.cache.write(entry, data)
        try:
            with os.scandir(self.cache.directory / key[0]) as others:
                for other in others:
                    if other.name.endswith(".resolved") and other.name != os.path.basename(entry):
                        os.unlink(other.path)
        except OSError:
            pass  # another instance removed it first, or the cache is read-only


def _resolved_entry(key: StoreKey) -> str:
    """A text's resolved files are kept in a directory named by its key."""
    return f"{key[0]}/{key[1]}.resolved"


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
