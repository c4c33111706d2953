"""A file's events as the merge resolved them (`ResolvedFile`), and their stored
form: kept between runs in a `ResolvedStore` (the parse cache's directory), under
the key of the file's text and of every file's actors and sources, so that a warm
start decodes no draft and resolves nothing (see `merge.MergeMemo`).

The events are stored in the flat form `flat` generates for Event; what else the
merge needs of the file's drafts (where ids are written, related references) and
its facts are stored beside them, orders and dates as indices of events.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

from . import flat
from .drafts import FileDraft, Ref
from .model import Event, EventFacts, Position, Problem

__all__ = ["RESOLVED_FORMAT", "ResolvedFile", "ResolvedStore", "StoreKey", "from_stored",
           "store_keys", "stored"]

RESOLVED_FORMAT = 1
"""Raise when what a file's resolved events mean changes (the records' fields are
in the parse cache's keys already)."""


@dataclass(frozen=True, slots=True)
class ResolvedFile:
    """One file's events resolved, and what the merge needs of their drafts."""

    draft: FileDraft
    file_index: int
    registry: tuple[tuple, ...]
    in_file_order: tuple[Event, ...]
    in_date_order: list[Event]
    id_places: tuple[int, ...]
    """Where each event's id is written (`Position.place`), in file order:
    for the error a duplicate id gets."""
    related_refs: Mapping[int, tuple[Ref, ...]]
    """An event's index in the file -> its related references, for the events that
    have any."""
    problems: list[Problem]
    skipped: int
    """References to unknown records not reported (see `merge`: not while a file is broken)."""
    facts: EventFacts
    related_ids: frozenset[str]
    """The ids its events name as related."""

    def id_position(self, event: Event) -> Position:
        return Position.at(self.draft.path, self.id_places[event.order[1]])


StoreKey = tuple[str, str]
"""A resolved file's key in a `ResolvedStore`: its text's key (`content_key`), and
what it was resolved among (every file's actors and sources, its place)."""


class ResolvedStore(Protocol):
    """Where resolved files are kept between runs (the parse cache's directory).
    It need keep only the last entry put for a text: a text is resolved among other
    actors and sources when they change, and seldom changes back."""

    def content_key(self, draft: FileDraft) -> str | None:
        """A key that changes with the text `draft` was read from; None: not stored."""

    def get(self, key: StoreKey) -> bytes | None: ...

    def put(self, key: StoreKey, data: bytes) -> None: ...


def stored(resolved: ResolvedFile) -> bytes:
    """A resolved file as `from_stored` reads it: events in their flat form, and
    the orders and dates the file's facts hold as indices of events."""
    path = resolved.draft.path
    events = resolved.in_file_order
    index_of = {id(event): index for index, event in enumerate(events)}
    date_owner = {id(event.date): index for index, event in enumerate(events)}
    facts = resolved.facts
    return marshal.dumps((
        RESOLVED_FORMAT, flat.records_to_flat(events, Event, path),
        [index_of[id(event)] for event in resolved.in_date_order], resolved.id_places,
        {index: flat.records_to_flat(refs, Ref, path)
         for index, refs in resolved.related_refs.items()},
        flat.records_to_flat(resolved.problems, Problem, path), resolved.skipped,
        (dict(facts.participant_counts), facts.quote_count, facts.most_participants,
         facts.most_quotes, facts.most_sources),
        [date_owner[id(date)] for date in facts.date_shapes.values()],
    ))


def from_stored(data: bytes | None, draft: FileDraft, file_index: int,
                registry: tuple[tuple, ...]) -> ResolvedFile | None:
    """The resolved file `stored` wrote; None for none, or a damaged one."""
    if data is None:
        return None
    path = draft.path
    try:
        (version, flat_events, date_order, id_places, related, problems, skipped,
         counts, shape_owners) = marshal.loads(data)
        if version != RESOLVED_FORMAT:
            return None
        events = flat.records_from_flat(flat_events, Event, path)
        participant_counts, quote_count, most_participants, most_quotes, most_sources = counts
        facts = EventFacts(MappingProxyType(participant_counts), quote_count, most_participants,
                           most_quotes, most_sources,
                           MappingProxyType({events[index].date.shape: events[index].date
                                             for index in shape_owners}))
        related_refs = {index: flat.records_from_flat(refs, Ref, path)
                        for index, refs in related.items()}
        return ResolvedFile(
            draft, file_index, registry, events, list(map(events.__getitem__, date_order)),
            id_places, related_refs, list(flat.records_from_flat(problems, Problem, path)),
            skipped, facts, frozenset(ref.text for refs in related_refs.values() for ref in refs))
    except Exception:  # noqa: BLE001 - a damaged entry means: resolve again
        return None


def store_keys(drafts: Sequence[FileDraft], unchecked: bool,
               store: ResolvedStore | None) -> list[StoreKey | None]:
    """Each file's key in the store: its text's, and that of every file's actors
    and sources (what its references are resolved against), and its place among
    the files (its events' tie-break). None where a file's text has no key."""
    keys = [None if store is None else store.content_key(draft) for draft in drafts]
    registry = hashlib.blake2b(f"{RESOLVED_FORMAT}\0{unchecked}".encode(), digest_size=16)
    for index, (draft, key) in enumerate(zip(drafts, keys)):
        if draft.actors or draft.sources:
            if key is None:
                return [None] * len(drafts)
            registry.update(f"\0{index}:{key}".encode())
    return [None if key is None else (key, f"{registry.hexdigest()}-{index}")
            for index, key in enumerate(keys)]
