"""YAML files to a Timeline, with a located Problem for everything wrong.

A load runs in four stages, each a module that reads top to bottom:

1. `discover`: the paths given -> the YAML files, in order.
2. `yaml_read`: one file's bytes -> its YAML node tree, within bounds.
3. `validate`: one node tree -> a `FileDraft` (`drafts`): its records as written,
   references not yet resolved, and the file's problems.
4. `merge`: every file's drafts -> one `Timeline`.

Stages 2 and 3 see one file alone, so a changed file is parsed again by itself
(and its draft cached); only stage 4 looks across files. This module names the
whole load and re-exports what callers use.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from .discover import YAML_SUFFIXES, discover_files
from .drafts import EventDraft, FileDraft, QuoteDraft, Ref
from .merge import MergeMemo, build_timeline
from .model import Timeline
from .validate import (ACTOR_KEYS, DISPUTE_KEYS, EVENT_KEYS, KIND_KEYS, QUOTE_KEYS, SOURCE_KEYS,
                       SOURCE_KINDS, VERSION_KEYS, parse_file, read_file)
from .yaml_read import MAX_FILE_BYTES, read_bytes

__all__ = [
    "ACTOR_KEYS", "DISPUTE_KEYS", "EVENT_KEYS", "KIND_KEYS", "MAX_FILE_BYTES", "QUOTE_KEYS",
    "SOURCE_KEYS", "SOURCE_KINDS", "VERSION_KEYS", "YAML_SUFFIXES", "EventDraft", "FileDraft", "MergeMemo", "QuoteDraft", "Ref",
    "build_timeline", "discover_files", "load_paths", "parse_file", "read_bytes", "read_file",
]


def load_paths(paths: Iterable[str | os.PathLike]) -> Timeline:
    """Discover, read, parse and merge: the whole load, for `check` and tests."""
    files, problems = discover_files(paths)
    return build_timeline([read_file(path) for path in files], problems)
