"""Stages 2 and 3 for one large file on several cores: its `events:` list cut into
runs of whole records, each run parsed on its own, and the drafts joined.

A file is cut only where a cut cannot change what it reads: one block-style
`events:` list at the top level, no anchor (an alias could reach across a cut), no
`timezone:` (it applies to every event), no bound left to check (see
`yaml_read`), and every line break a "\\n". Each part keeps its lines where they
are in the file (the other parts' lines are left empty), so every position is the
file's own. When any part has a problem, the file is parsed whole instead: what
is reported is then exactly what parsing it whole reports.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise

from . import flat
from .drafts import FileDraft
from .yaml_read import needs_bounds_check

__all__ = ["MIN_PART_BYTES", "joined", "parse_jobs", "split_events"]

MIN_PART_BYTES = 1024 * 1024
"""A part is never smaller than this: each costs a round trip to a worker."""

_EVENTS_KEY = re.compile(r"^events:[ \t]*(?:#.*)?$", re.MULTILINE)
_FIRST_ITEM = re.compile(r"\n(?:[ ]*(?:#[^\n]*)?\n)*( *)-(?: |$)", re.MULTILINE)
"""From the end of the `events:` line: blank lines and comments, then an item."""
_TIMEZONE_KEY = re.compile(r"^timezone[ \t]*:", re.MULTILINE)
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def parse_jobs(files: Sequence[tuple[str, bytes]],
               cores: int) -> tuple[list[tuple[str, bytes]], list[int]]:
    """What to parse for `files` (path, bytes): each file whole, but a file of two
    or more even shares of the work for `cores` (half a core's) in that many
    parts; and for each job, the index into `files` of the file it is (part of)."""
    share = max(MIN_PART_BYTES, sum(len(data) for _, data in files) // (2 * cores))
    jobs: list[tuple[str, bytes]] = []
    file_of: list[int] = []
    for index, (path, data) in enumerate(files):
        parts = split_events(data, len(data) // share) if cores > 1 else None
        for part in parts or [data]:
            jobs.append((path, part))
            file_of.append(index)
    return jobs, file_of


def split_events(data: bytes, parts: int) -> list[bytes] | None:
    """The file's text as up to `parts` texts, each with a run of its events (the
    first with everything that is not an event too); None when the file cannot
    be cut safely (see the module's doc). Regular expressions find the lines:
    a file cut in parts has hundreds of thousands."""
    if parts < 2:
        return None
    try:
        text = data.decode()
    except UnicodeDecodeError:
        return None
    if text.startswith("\ufeff") or any(map(text.__contains__, _OTHER_BREAKS)) \
            or _TIMEZONE_KEY.search(text) or needs_bounds_check(text):
        return None
    key = _EVENTS_KEY.search(text)
    if key is None or _EVENTS_KEY.search(text, key.end()) is not None:
        return None
    first_item = _FIRST_ITEM.match(text, key.end())
    if first_item is None:
        return None
    indent = len(first_item[1])
    list_start = first_item.start(1)
    # The list ends at the first line indented less than its items (at the top
    # level: a line that is not an item), but for blank lines and comments.
    after = re.compile(rf"^ {{0,{indent - 1}}}[^ \n#]" if indent else r"^(?:[^ \n#-]|-[^ \n])",
                       re.MULTILINE).search(text, list_start)
    list_end = after.start() if after else len(text)
    starts = [item.start() for item in re.compile(rf"^ {{{indent}}}-(?: |$)", re.MULTILINE)
              .finditer(text, list_start, list_end)]
    # Cut at the items nearest to even shares of the list's length.
    cuts = [list_start]
    for number in range(1, parts):
        at = bisect_left(starts, list_start + (list_end - list_start) * number // parts)
        if at < len(starts) and starts[at] > cuts[-1]:
            cuts.append(starts[at])
    if len(cuts) < 2:
        return None
    cuts.append(list_end)
    texts = [text[:cuts[1]] + "\n" * text.count("\n", cuts[1], list_end) + text[list_end:]]
    above = "\n" * text[: key.start()].count("\n") + key[0]
    for start, stop in pairwise(cuts[1:]):
        texts.append(above + "\n" * text.count("\n", key.end(), start) + text[start:stop])
    return [part.encode() for part in texts]


def joined(path: str, drafts: Sequence[FileDraft]) -> FileDraft | None:
    """The draft of the whole file from its parts' drafts, in order; None when a
    part has a problem (the file is then parsed whole)."""
    if any(draft.problems or draft.broken for draft in drafts):
        return None
    first = drafts[0]
    return FileDraft(path, first.actors, first.sources,
                     flat.concatenated([draft.events for draft in drafts], path))
