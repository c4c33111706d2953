"""Narrowing a timeline: by actor, and by text search."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .model import Actor, Event, Timeline

__all__ = ["EventFilter", "SearchIndex", "actor_event_counts", "match_actors", "search_terms"]

_TERM_RE = re.compile(r'"([^"]+)"?|([^\s"]+)')


def search_terms(query: str) -> tuple[str, ...]:
    """Split a query into casefolded terms; "double quotes" keep a phrase together,
    and an unclosed quote runs to the end, so a phrase narrows while it is typed."""
    return tuple((phrase or word).casefold() for phrase, word in _TERM_RE.findall(query))


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What the user has narrowed the timeline to. Empty parts match everything."""

    actor_ids: frozenset[str] = frozenset()
    query: str = ""

    def narrows(self, wider: EventFilter) -> bool:
        """Whether every event this filter keeps, `wider` keeps too: then this
        filter need only look among wider's results (typing one more letter)."""
        if wider.actor_ids and not (self.actor_ids and self.actor_ids <= wider.actor_ids):
            return False
        terms = search_terms(self.query)
        return all(any(old in new for new in terms) for old in search_terms(wider.query))


class SearchIndex:
    """Casefolded searchable text of every event, built once per timeline."""

    __slots__ = ("timeline", "_haystacks", "_participants")

    def __init__(self, timeline: Timeline, previous: SearchIndex | None = None) -> None:
        """`previous`: the index of the timeline before a reload. Events it indexed
        that are still there (the same objects, among the same actors) are not
        indexed again."""
        self.timeline = timeline
        known: dict[int, tuple[str, frozenset[str]]] = {}
        if previous is not None and previous.timeline.actors == timeline.actors:
            known = {id(event): entry for event, entry in zip(
                previous.timeline.events, zip(previous._haystacks, previous._participants))}
        entries = [known.get(id(event)) or (_haystack(event, timeline.actors),
                                            frozenset(event.participant_ids))
                   for event in timeline.events]
        self._haystacks = [haystack for haystack, _ in entries]
        self._participants = [participants for _, participants in entries]

    def apply(self, event_filter: EventFilter,
              within: Sequence[int] | None = None) -> tuple[int, ...]:
        """Indexes into `timeline.events` of the events the filter keeps, in order;
        only among `within` (the result of a filter it narrows) when given."""
        candidates: Iterable[int] = range(len(self.timeline.events)) if within is None else within
        if event_filter.actor_ids:
            wanted, participants = event_filter.actor_ids, self._participants
            candidates = [i for i in candidates if not wanted.isdisjoint(participants[i])]
        haystacks = self._haystacks
        for term in search_terms(event_filter.query):  # one pass a term: no generator per event
            candidates = [i for i in candidates if term in haystacks[i]]
        return tuple(candidates)


def _haystack(event: Event, actors: Mapping[str, Actor]) -> str:
    parts = [event.title, event.summary, event.location, *event.tags]
    parts.extend(quote.text for quote in event.quotes)
    for actor_id in event.participant_ids:
        actor = actors.get(actor_id)
        if actor is not None:
            parts.extend(actor.names)
    return "\n".join(parts).casefold()


def actor_event_counts(timeline: Timeline) -> Counter[str]:
    """How many events each actor takes part in (listed, or quoted)."""
    counts: Counter[str] = Counter()
    for event in timeline.events:
        counts.update(event.participant_ids)
    return counts


def match_actors(actors: Iterable[Actor], text: str) -> list[Actor]:
    """Actors whose id, name or an alias contains every word of `text`."""
    terms = search_terms(text)
    if not terms:
        return list(actors)
    return [actor for actor in actors
            if all(any(term in name.casefold() for name in actor.names) for term in terms)]
