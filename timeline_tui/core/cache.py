"""A per-file parse cache in the user's cache directory.

An entry is found by the file's path and a hash of its bytes (and this program's
cache format), so a changed file is never served stale, whatever its modification
time says. Entries are written to a temporary file and renamed into place, so two
instances can share the cache; deleting the directory only costs a parse. An entry
is the draft's flat form (`flat`), read back by `marshal` in one call.

Beside the drafts, the merge stores each file's resolved events (`resolved.ResolvedStore`),
under the key of the file's text and of every file's actors and sources.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from .. import __version__
from . import flat
from .drafts import FileDraft

__all__ = ["ParseCache", "default_cache_dir"]

CACHE_FORMAT = 6
"""Raise when what the loader reports changes meaning (a change of the drafts'
fields changes the flat form's key by itself)."""


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("timeline-tui", appauthor=False)) / "parse"


class ParseCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else default_cache_dir()

    def key(self, path: str, data: bytes) -> str:
        """What a draft of these bytes at this path is stored under."""
        # sha256: OpenSSL's, on the SHA instructions of most CPUs, twice blake2b's speed.
        key = hashlib.sha256()
        key.update(f"{CACHE_FORMAT}\0{flat.FLAT_FORMAT}\0{flat.FIELDS}\0{__version__}\0"
                   f"{os.path.abspath(path)}\0".encode(errors="surrogateescape"))
        key.update(data)
        return key.hexdigest()[:40]

    def get(self, path: str, key: str) -> FileDraft | None:
        """The draft cached for the file at `path` under `key` (see `key`), if
        any. A damaged entry (a crash mid-write elsewhere, a disk error) counts
        as none."""
        name = f"{key}.flat"
        try:
            with open(self.directory / name, "rb") as stream:
                # The events are read again from the entry if they are needed.
                draft = flat.load_head(stream, lambda: self._read_again(name, path))
        except Exception:  # noqa: BLE001 - any failure to read it means: parse again
            return None
        return draft if isinstance(draft, FileDraft) and draft.path == path else None

    def _read_again(self, name: str, path: str) -> bytes:
        try:
            return self.read(name)
        except OSError as error:
            raise flat.EventsGone(path) from error

    def put(self, key: str, flat_draft: bytes) -> None:
        """Store a draft in its flat form (`flat.dumps`, as parsing workers send
        it) under `key`; a cache that cannot be written is no reason to fail a load."""
        self.write(f"{key}.flat", flat_draft)

    def read(self, name: str) -> bytes:
        """An entry's bytes; OSError when there is none."""
        with open(self.directory / name, "rb") as stream:
            return stream.read()

    def write(self, name: str, data: bytes) -> None:
        """Store an entry, atomically; a cache that cannot be written is no reason
        to fail a load."""
        path = self.directory / name  # `name` may hold one directory
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.replace(temporary, path)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            pass
