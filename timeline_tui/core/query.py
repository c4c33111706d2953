"""Narrowing a timeline: the query language, the actor filter, and the search index.

A query is one line of terms, all of which an event must match:

- a word or "a phrase": text anywhere in what the detail panel shows;
- `actor:NAME`, `tag:T`, `source:S`, `from:DATE`, `to:DATE`;
- `is:disputed`, `is:single-source`, `is:unsourced`, `is:quoted`, `is:reported`, `is:stale`;
- `-` before any term negates it.

Text is compared folded (`fold`): case, accents and typographic variants of quotes
and dashes are ignored. `parse_query` turns the text into an immutable `Query`, or
a `QueryError` that says what is wrong and suggests a fix; `SearchIndex.apply` and
`select_events` give the indexes of the events a query keeps.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import compress, filterfalse, repeat
from operator import contains, not_

from .dates import DateError, PartialDate, parse_date_range
from .model import Actor, Event, Timeline
from .origins import independent_origins
from .text import plain_value

__all__ = ["EventFilter", "FIELDS", "Query", "QueryError", "STATES", "SearchIndex", "Term",
           "complete_query", "fold", "match_actors", "parse_query",
           "search_terms", "select_events"]

FIELDS = ("actor", "tag", "source", "from", "to", "is")
"""The field names a term may start with, as `field:value`."""

STATES = ("disputed", "single-source", "unsourced", "quoted", "reported", "stale")
"""The values of `is:`."""

# Typographic variants read as their plain form, and letters that carry a mark
# Unicode does not decompose.
_FOLD_TABLE = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u02bc\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "œ": "oe", "æ": "ae",
})
_MARKS_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Text as a query compares it: case, accents (é is e), and typographic
    variants (’ ‘ ' are one, “ ” " are one, – — - are one) ignored."""
    if text.isascii():  # most text: nothing but case to fold
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold())
    return _MARKS_RE.sub("", text).translate(_FOLD_TABLE)


@dataclass(frozen=True, slots=True)
class Term:
    """One condition of a query: `field` is "" for text, else one of FIELDS;
    `value` is folded (a date's text for from: and to:)."""

    field: str
    value: str
    negated: bool = False

    def __str__(self) -> str:
        value = f'"{self.value}"' if not self.value or " " in self.value else self.value
        return ("-" if self.negated else "") + (f"{self.field}:" if self.field else "") + value


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: every term must hold."""

    text: str
    terms: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms)

    def __str__(self) -> str:
        return " ".join(map(str, self.terms))


@dataclass(frozen=True, slots=True)
class QueryError:
    """Why a query cannot be used, where (offsets into its text), and the query
    corrected when a likely fix is known."""

    message: str
    start: int
    end: int
    suggestion: str | None = None

    def __str__(self) -> str:
        return self.message


_TERM_RE = re.compile(r"""
    (?P<negated>-)?
    (?:(?P<field>[^\W\d_][\w-]*):)?
    (?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]*))
    """, re.VERBOSE)


@lru_cache(maxsize=256)
def parse_query(text: str) -> Query | QueryError:
    """Parse a query. A term still being typed (`-`, `actor:`, an unclosed
    phrase) is left out or kept as typed rather than refused, so the result
    narrows as the user types; a wrong field or value is a QueryError."""
    folded = fold(text)
    terms: list[Term] = []
    position = 0
    while position < len(folded):
        if folded[position].isspace():
            position += 1
            continue
        match = _TERM_RE.match(folded, position)
        start, position = position, max(match.end(), position + 1)
        field, value = match["field"] or "", match["phrase"] if match["phrase"] is not None \
            else match["word"] or ""
        value = " ".join(value.split())
        if field and field not in FIELDS:
            return _unknown(text, start, start + len(field) + 1 + bool(match["negated"]),
                            f"{field}:", [f"{name}:" for name in FIELDS], "field")
        if not value:
            continue  # "-" or "actor:" alone: a term not typed yet
        if field == "is" and value not in STATES:
            value_start = position - len(match[0]) + match[0].index(":") + 1
            return _unknown(text, value_start, position, value, STATES, "is: value")
        if field in ("from", "to"):
            value = value.upper()  # folding lowered the T and Z of a time
            try:
                parse_date_range(value)
            except DateError as error:
                return QueryError(f"{field}: {error}", start, position)
        terms.append(Term(field, value, bool(match["negated"])))
    return Query(text, tuple(terms))


def _unknown(text: str, start: int, end: int, typed: str, known: Sequence[str],
             what: str) -> QueryError:
    close = difflib.get_close_matches(typed, known, cutoff=0.5)
    if close:
        prefix = text[start:end][:len(text[start:end]) - len(typed)]  # a negated field's "-"
        return QueryError(f"unknown {what} {typed!r}: did you mean {close[0]!r}?", start, end,
                          text[:start] + prefix + close[0] + text[end:])
    hint = " (put text with a colon in quotes)" if what == "field" else ""
    return QueryError(f"unknown {what} {typed!r}: use one of {', '.join(known)}{hint}",
                      start, end)


_WORD_RE = re.compile(r'"([^"]+)"?|([^\s"]+)')


def search_terms(text: str) -> tuple[str, ...]:
    """The folded words of `text`, for narrowing a list by name; "double quotes"
    keep a phrase together, and an unclosed quote runs to the end."""
    return tuple(phrase or word for phrase, word in _WORD_RE.findall(fold(text)))


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What the user has narrowed the timeline to: chosen actors (any of them) and
    the text of a query (the last valid one). Empty parts match everything."""

    actor_ids: frozenset[str] = frozenset()
    query: str = ""


_Resolved = tuple[str, object, bool]
"""A term made concrete for one timeline: (kind, what it matches, negated)."""

_YEAR = timedelta(days=367)
_DAY = timedelta(days=1)


class SearchIndex:
    """What searching a timeline needs: every event's folded text, built once per
    timeline (off the UI thread), the events of each actor, tag, source and `is:`
    state (on first use, or `prepare`), and what a query resolves to against them."""

    __slots__ = ("timeline", "stale_paths", "_haystacks", "_actor_text", "_source_text", "_tags",
                 "_postings_of", "_states", "_completions")

    def __init__(self, timeline: Timeline, previous: SearchIndex | None = None,
                 stale_paths: frozenset[str] = frozenset()) -> None:
        """`previous`: the index of the timeline before a reload. Events it indexed
        that are still there (the same objects) are not indexed again.
        `stale_paths`: files shown from their last good version (`is:stale`)."""
        self.timeline = timeline
        self.stale_paths = stale_paths
        self._tags: dict[str, list[str]] | None = None
        # Indexes are kept in tuples and bytes, which a full garbage collection
        # does not walk (it would walk a list of a million ints, at every keystroke
        # it lands in).
        self._postings_of: dict[str, dict[str, tuple[int, ...]]] = {}
        self._states: dict[str, tuple[tuple[int, ...], bytes]] = {}
        self._completions: dict[str, list[str]] = {}
        known: dict[int, str] = {}
        if previous is not None:
            known = dict(zip(map(id, previous.timeline.events), previous._haystacks))
        # An event's actors and sources are searched once each, not in every event
        # that names them: their text would be half of every haystack.
        self._actor_text = {actor_id: fold("\n".join(actor.names))
                            for actor_id, actor in timeline.actors.items()}
        self._source_text = {source_id: fold("\n".join((source.outlet, source.title,
                                                        source.author)))
                             for source_id, source in timeline.sources.items()}
        self._haystacks = tuple(known.get(id(event)) or _haystack(event)
                                for event in timeline.events)

    # Values the search bar completes

    def tag_names(self) -> dict[str, list[str]]:
        """Folded tag -> the tags as written that fold to it (worked out on first use)."""
        if self._tags is None:
            tags: dict[str, list[str]] = {}
            for written in dict.fromkeys(tag for event in self.timeline.events for tag in event.tags):
                tags.setdefault(fold(written), []).append(written)
            self._tags = tags
        return self._tags

    def completions(self, field: str) -> list[str]:
        """The values `field:` can take here, as written, one word each (names with
        spaces are left out: their id or a one-word alias completes instead)."""
        if field not in self._completions:
            if field == "actor":
                values = [name for actor in self.timeline.actors.values() for name in actor.names]
            elif field == "tag":
                values = [tag for tags in self.tag_names().values() for tag in tags]
            elif field == "source":
                values = list(self.timeline.sources)
            else:
                values = list(STATES) if field == "is" else []  # dates, or no such field
            self._completions[field] = sorted(
                {value for value in values if value and not any(c.isspace() for c in value)},
                key=lambda value: (fold(value), value))
        return self._completions[field]

    # Resolving a query against this timeline

    def _resolve(self, term: Term) -> _Resolved:
        value, field = term.value, term.field
        if field == "actor":
            return ("participants", _resolve_names(
                value, {actor_id: actor.names for actor_id, actor in self.timeline.actors.items()}),
                term.negated)
        if field == "tag":
            tags = self.tag_names()
            wanted = tags.get(value) or [t for key, ts in tags.items() if value in key for t in ts]
            return ("tags", frozenset(wanted), term.negated)
        if field == "source":
            ids = frozenset(source_id for source_id, source in self.timeline.sources.items()
                            if any(value in fold(text) for text in
                                   (source_id, source.outlet, source.title)))
            return ("sources", ids, term.negated)
        if field == "from":
            return ("from", parse_date_range(value)[0], term.negated)
        if field == "to":
            return ("to", parse_date_range(value)[1], term.negated)
        if field == "is":
            return (f"is:{value}", None, term.negated)
        return ("text", value, term.negated)

    def resolve(self, event_filter: EventFilter) -> tuple[_Resolved, ...]:
        """The filter's conditions, concrete for this timeline."""
        resolved = [("participants", event_filter.actor_ids, False)] if event_filter.actor_ids else []
        query = parse_query(event_filter.query)
        if isinstance(query, Query):
            resolved.extend(map(self._resolve, query.terms))
        return tuple(resolved)

    def narrows(self, narrower: EventFilter, wider: EventFilter) -> bool:
        """Whether every event `narrower` keeps, `wider` keeps too: then `narrower`
        need only look among wider's results (typing one more letter)."""
        conditions = self.resolve(narrower)
        return all(any(_implies(n, w) for n in conditions) for w in self.resolve(wider))

    # Filtering

    def apply(self, event_filter: EventFilter,
              within: Sequence[int] | None = None) -> tuple[int, ...]:
        """Indexes into `timeline.events` of the events the filter keeps, in order;
        only among `within` (the result of a filter it narrows) when given."""
        candidates: Sequence[int] = range(len(self.timeline.events)) if within is None else within
        for condition in self.resolve(event_filter):  # one pass a condition, no call per event
            candidates = self._select(condition, candidates)
        return tuple(candidates)

    def prepare(self) -> None:
        """Work out now what the common conditions look up (actors, tags, sources,
        and the cheap `is:` states), so that their first use is as quick as the
        next: for the load's thread, once the timeline is on screen."""
        self.tag_names()
        for kind in _EVENT_FIELD:
            self._postings(kind)
        for state in ("disputed", "unsourced", "quoted", "reported", "stale"):
            self._state_members(f"is:{state}")

    def _select(self, condition: _Resolved, candidates: Sequence[int]) -> Sequence[int]:
        kind, wanted, negated = condition
        events = self.timeline.events
        if kind == "text":
            return self._text_matches(wanted, candidates, negated)
        if kind in ("participants", "tags", "sources"):
            postings = self._postings(kind)
            lists = [postings[value] for value in wanted if value in postings]
            members = lists[0] if len(lists) == 1 else sorted(set().union(*lists))
            return _members_kept(members, None, candidates, negated, len(events))
        if kind == "from":  # the event's span ends at or after the moment
            naive = wanted.replace(tzinfo=None)  # as sort keys are
            return [i for i in candidates if _ends_after(events[i], wanted, naive) is not negated]
        if kind == "to":  # the event's span starts at or before the moment
            naive = wanted.replace(tzinfo=None)
            return [i for i in candidates
                    if _starts_before(events[i], wanted, naive) is not negated]
        return _members_kept(*self._state_members(kind), candidates, negated, len(events))

    def _text_matches(self, wanted: str, candidates: Sequence[int],
                      negated: bool) -> Sequence[int]:
        """The candidates whose own text contains `wanted`, or the names of an actor
        in them, or the outlet, title or author of a source they cite (or neither,
        when `negated`)."""
        haystacks = self._haystacks
        if len(candidates) == len(haystacks):  # every event: no index to look up
            found = bytearray(map(contains, haystacks, repeat(wanted)))
        else:
            found = bytearray(map(contains, map(haystacks.__getitem__, candidates), repeat(wanted)))
        actors = [a for a, text in self._actor_text.items() if wanted in text]
        sources = [s for s, text in self._source_text.items() if wanted in text]
        if actors or sources:
            missing = list(compress(range(len(candidates)), map(not_, found)))  # positions
            participants, cited = self._postings("participants"), self._postings("sources")
            lists = [participants.get(a, ()) for a in actors] + [cited.get(s, ()) for s in sources]
            if sum(map(len, lists)) < len(missing):  # few events name them: look those up
                named = set().union(*lists)
                hits = [p for p in missing if candidates[p] in named]
            else:  # few events left to look at
                events, actor_set, source_set = self.timeline.events, set(actors), set(sources)
                hits = [p for p in missing
                        if not actor_set.isdisjoint(events[candidates[p]].participant_ids)
                        or not source_set.isdisjoint(events[candidates[p]].cited_source_ids)]
            for position in hits:
                found[position] = True
        return list(compress(candidates, map(not_, found) if negated else found))

    def _postings(self, kind: str) -> dict[str, tuple[int, ...]]:
        """For "participants", "tags" or "sources": each value -> the indexes of the
        events that have it, in order (worked out on first use)."""
        postings = self._postings_of.get(kind)
        if postings is None:
            building: dict[str, list[int]] = {}
            for index, event in enumerate(self.timeline.events):
                for value in getattr(event, _EVENT_FIELD[kind]):
                    indexes = building.setdefault(value, [])
                    if not indexes or indexes[-1] != index:  # a value listed twice
                        indexes.append(index)
            postings = self._postings_of[kind] = {value: tuple(indexes)
                                                  for value, indexes in building.items()}
        return postings

    def _state_members(self, kind: str) -> tuple[tuple[int, ...], bytes]:
        """The indexes of the events in the `is:` state `kind`, in order, and a
        byte per event, 1 for those (worked out on first use)."""
        members = self._states.get(kind)
        if members is None:
            events = self.timeline.events
            if kind == "is:disputed":
                flags = bytes(bool(event.disputes) for event in events)
            elif kind == "is:unsourced":
                flags = bytes(not event.cited_source_ids for event in events)
            elif kind == "is:quoted":
                flags = bytes(bool(event.quotes) for event in events)
            elif kind == "is:reported":
                flags = bytes(any(quote.reported for quote in event.quotes) for event in events)
            elif kind == "is:stale":
                stale = self.stale_paths
                flags = bytes(event.position.path in stale for event in events)
            else:  # is:single-source
                origin_of = self.timeline.origin_of
                flags = bytes(len(event.cited_source_ids) == 1
                              or (bool(event.cited_source_ids)
                                  and len(independent_origins(event, origin_of)) == 1)
                              for event in events)
            members = self._states[kind] = (tuple(compress(range(len(events)), flags)), flags)
        return members


_EVENT_FIELD = {"participants": "participant_ids", "tags": "tags", "sources": "cited_source_ids"}
"""The Event attribute a value condition looks in."""


def _members_kept(members: Sequence[int], flags: bytes | None,
                  candidates: Sequence[int], negated: bool, every: int) -> Sequence[int]:
    """The candidates among `members` (sorted indexes; `flags` a byte per event, 1
    for the members, when at hand), or not among them when `negated`. `every`:
    how many events there are (candidates as many are all of them)."""
    if not negated and len(candidates) == every:
        return members
    contained = flags.__getitem__ if flags is not None else frozenset(members).__contains__
    return list((filterfalse if negated else filter)(contained, candidates))


def _ends_after(event: Event, moment: datetime, naive_moment: datetime) -> bool:
    """Whether the event's span (date to end, each at its precision) reaches
    `moment`. Decided from the sort key where it can be (the key is the date's
    start, give or take a day for times with no zone), so that most events cost
    no date arithmetic: a single date without X digits spans a year at most."""
    date = event.date
    if date is None:
        return False
    start = event.sort_key[0]  # naive: differences never overflow, sums might
    if start - naive_moment >= _DAY:
        return True
    if event.end is None and type(date) is PartialDate and naive_moment - start > _YEAR \
            and date.unspecified not in ("decade", "century"):
        return False
    return (event.end or date).latest >= moment


def _starts_before(event: Event, moment: datetime, naive_moment: datetime) -> bool:
    """Whether the event's span starts at or before `moment`."""
    if event.date is None:
        return False
    start = event.sort_key[0]
    if naive_moment - start >= _DAY:
        return True
    if start - naive_moment > _DAY:
        return False
    return event.date.earliest <= moment


def _implies(narrower: _Resolved, wider: _Resolved) -> bool:
    """Whether every event that meets `narrower` meets `wider`."""
    kind, wanted, negated = narrower
    if kind != wider[0] or negated != wider[2]:
        return False
    other = wider[1]
    if kind == "text":
        return (other in wanted) if not negated else (wanted in other)
    if kind in ("participants", "tags", "sources"):
        return wanted <= other if not negated else wanted >= other
    if kind == "from":
        return wanted >= other if not negated else wanted <= other
    if kind == "to":
        return wanted <= other if not negated else wanted >= other
    return True  # the same is: state


def _resolve_names(value: str, names_of: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """The ids whose id, name or an alias is `value` (folded), as references
    resolve; failing that, those where one contains it."""
    folded = {key: [fold(name) for name in names] for key, names in names_of.items()}
    exact = frozenset(key for key, names in folded.items() if value in names)
    return exact or frozenset(key for key, names in folded.items()
                              if any(value in name for name in names))


def _haystack(event: Event) -> str:
    """Everything the detail panel shows of the event but its actors' names and its
    sources, folded, one field a line."""
    parts = [event.title, event.summary, event.location, event.notes, *event.tags]
    for quote in event.quotes:
        parts.extend((quote.text, quote.context))
    for dispute in event.disputes:
        parts.extend((dispute.about, dispute.resolution, *(v.says for v in dispute.versions)))
    parts.extend(plain_value(value) for _, value in event.extras)
    return fold("\n".join(parts))


def complete_query(text: str, index: SearchIndex) -> str | None:
    """`text` with its last word completed: a field name (`ac` → `actor:`) or a
    value of the field it names (`tag:dip` → `tag:diplomacy`); None when there is
    nothing to add."""
    if not text or text[-1].isspace():
        return None
    word = text.split()[-1].lstrip("-")
    field, colon, partial = word.partition(":")  # a value may hold a colon: tag:a:b
    if colon:
        candidates = index.completions(fold(field))
    else:
        partial, candidates = word, [f"{name}:" for name in FIELDS]
    typed = fold(partial)
    if not typed and not colon:
        return None
    for candidate in candidates:
        if len(candidate) > len(partial) and fold(candidate).startswith(typed):
            return text + candidate[len(partial):]
    return None


def select_events(timeline: Timeline, query: Query,
                  stale_paths: frozenset[str] = frozenset()) -> tuple[int, ...]:
    """Indexes into `timeline.events` of the events `query` (from `parse_query`)
    keeps, in order; `stale_paths` as for SearchIndex."""
    return SearchIndex(timeline, stale_paths=stale_paths).apply(EventFilter(query=query.text))


def match_actors(actors: Iterable[Actor], text: str) -> list[Actor]:
    """Actors whose id, name or an alias contains every word of `text`."""
    terms = search_terms(text)
    if not terms:
        return list(actors)
    return [actor for actor in actors
            if all(any(term in fold(name) for name in actor.names) for term in terms)]
