"""A per-file parse cache in the user's cache directory.

An entry is found by the file's path and a hash of its bytes (and this program's
cache format), so a changed file is never served stale, whatever its modification
time says. Entries are written to a temporary file and renamed into place, so two
instances can share the cache; deleting the directory only costs a parse.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from .. import __version__
from .drafts import FileDraft

__all__ = ["ParseCache", "default_cache_dir"]

CACHE_FORMAT = 4
"""Raise when FileDraft or what the loader reports changes shape or meaning."""


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("timeline-tui", appauthor=False)) / "parse"


class ParseCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else default_cache_dir()

    def _entry(self, path: str, data: bytes) -> Path:
        key = hashlib.blake2b(digest_size=20)
        key.update(f"{CACHE_FORMAT}\0{__version__}\0{os.path.abspath(path)}\0".encode(
            "utf-8", "surrogateescape"))
        key.update(data)
        return self.directory / f"{key.hexdigest()}.pickle"

    def get(self, path: str, data: bytes) -> FileDraft | None:
        """The draft cached for these bytes at this path, if any. A damaged entry
        (a crash mid-write elsewhere, a disk error) counts as none."""
        try:
            with open(self._entry(path, data), "rb") as stream:
                draft = pickle.load(stream)
        except Exception:  # noqa: BLE001 - any failure to read it means: parse again
            return None
        return draft if isinstance(draft, FileDraft) and draft.path == path else None

    def put(self, path: str, data: bytes, draft: FileDraft) -> None:
        """Store a draft; a cache that cannot be written is no reason to fail a load."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as stream:
                    pickle.dump(draft, stream, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, self._entry(path, data))
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            pass
