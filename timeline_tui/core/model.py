"""The timeline's immutable data: actors, sources, events and their quotes."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from operator import attrgetter
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from .dates import EventDate

__all__ = ["COLUMN_BITS", "UNDATED_PERIOD", "Actor", "Dispute", "DisputeVersion", "Event", "EventFacts", "Position",
           "Problem", "Quote", "Source", "Timeline", "period_key", "warning_count"]


COLUMN_BITS = 32
"""A position in a file packed as one integer is `line << COLUMN_BITS | column`."""


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a file; line and column count from 1, as editors do."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    @property
    def place(self) -> int:
        """Line and column packed as one integer (`COLUMN_BITS`)."""
        return self.line << COLUMN_BITS | self.column

    @classmethod
    def at(cls, path: str, place: int) -> Position:
        """The position `place` (see `place`) packs, in `path`."""
        return cls(path, place >> COLUMN_BITS, place & _COLUMN_MASK)


_COLUMN_MASK = (1 << COLUMN_BITS) - 1


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the input, and where it is."""

    position: Position
    message: str
    severity: str = "error"
    """"error", or "warning": worth a look, but the data is usable as it is."""
    detail: str = ""
    """The YAML library's own wording of a syntax error, for tools (`check
    --format json`); `message` says it in plain words."""

    def __str__(self) -> str:
        return f"{self.position}: {self.severity}: {self.message}"


def warning_count(problems: Iterable[Problem]) -> int:
    """How many of `problems` are warnings; the rest are errors."""
    return sum(problem.severity == "warning" for problem in problems)


Extras = tuple[tuple[str, object], ...]
"""The user's own `x-` fields, in the order written."""


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    position: Position
    aliases: tuple[str, ...] = ()
    role: str = ""
    group: str = ""
    description: str = ""
    extras: Extras = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling that refers to this actor."""
        return (self.id, self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    position: Position
    title: str = ""
    outlet: str = ""
    url: str = ""
    author: str = ""
    published: EventDate | None = None
    accessed: EventDate | None = None
    archived_url: str = ""
    notes: str = ""
    extras: Extras = ()
    kind: str = ""
    """"primary", "report", "analysis", "other", or "" when not given."""
    based_on: tuple[str, ...] = ()
    """Ids of the sources this one's content comes from (syndication, relaying)."""

    @property
    def label(self) -> str:
        """A short name for the source: its outlet and title, or its URL."""
        return " — ".join(part for part in (self.outlet, self.title) if part) or self.url


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    speaker_id: str
    position: Position
    source_id: str | None = None
    reported: bool = False
    context: str = ""


@dataclass(frozen=True, slots=True)
class DisputeVersion:
    """One side's account of a contested point, and the sources that give it."""

    says: str
    source_ids: tuple[str, ...]
    position: Position


@dataclass(frozen=True, slots=True)
class Dispute:
    """A point on which sources disagree, each version kept as its sources put it."""

    about: str
    versions: tuple[DisputeVersion, ...]
    position: Position
    resolution: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: EventDate | None
    """None when the date written is unusable: the event is listed after the dated ones."""
    title: str
    position: Position
    order: tuple[int, int]
    """(file index, index in file): the tie-break when dates sort equal."""
    end: EventDate | None = None
    summary: str = ""
    actor_ids: tuple[str, ...] = ()
    location: str = ""
    tags: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    related: tuple[str, ...] = ()
    """Event ids as written; one may name no event (reported as a problem)."""
    notes: str = ""
    extras: Extras = ()
    disputes: tuple[Dispute, ...] = ()
    problems: tuple[Problem, ...] = ()
    """What is wrong in the event's own record: it is kept, marked, and shows them."""
    placement: EventDate | None = field(default=None, repr=False, compare=False)
    """When the writer's order places a day without a time after a timed event of
    that day (see `merge`): that event's date, whose sort key this one takes."""
    # Derived once, when the event is made: filtering and rendering ask for them
    # for every row.
    participant_ids: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """Listed actors, then quoted speakers not listed, each once."""
    cited_source_ids: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """Listed sources, then sources named only by a quote, then only by a dispute
    version, each once."""
    sort_key: tuple = field(init=False, repr=False, compare=False)
    """The date's sort key (see `dates.PartialDate.sort_key`) or `placement`'s, then
    file order; an event with no usable date sorts after every dated one."""

    def __post_init__(self) -> None:
        # Every event of a timeline passes here at every start: loops over dicts
        # and the slots' own setters, not generators and object.__setattr__.
        if self.quotes or self.disputes:
            participants = dict.fromkeys(self.actor_ids)
            cited = dict.fromkeys(self.source_ids)
            for quote in self.quotes:
                participants[quote.speaker_id] = None
                if quote.source_id:
                    cited[quote.source_id] = None
            for dispute in self.disputes:
                for version in dispute.versions:
                    cited.update(dict.fromkeys(version.source_ids))
            _SET_PARTICIPANTS(self, tuple(participants))
            _SET_CITED(self, tuple(cited))
        else:
            _SET_PARTICIPANTS(self, tuple(dict.fromkeys(self.actor_ids)))
            _SET_CITED(self, tuple(dict.fromkeys(self.source_ids)))
        if self.placement is not None:
            date_key = self.placement.sort_key
        elif self.date is not None:
            date_key = self.date.sort_key
        else:
            date_key = _UNDATED
        _SET_SORT_KEY(self, (*date_key, self.order))


_SET_PARTICIPANTS = Event.participant_ids.__set__  # type: ignore[attr-defined]
_SET_CITED = Event.cited_source_ids.__set__  # type: ignore[attr-defined]
_SET_SORT_KEY = Event.sort_key.__set__  # type: ignore[attr-defined]
_UNDATED = (datetime.max, 0, 0, 0)
"""After every date's sort key."""


def _frozen(mapping: Mapping | None = None) -> Mapping:
    return MappingProxyType(dict(mapping or {}))


UNDATED_PERIOD = -1
"""The period key of an event with no usable date: its own heading, after the rest."""


def period_key(event: Event) -> int:
    """The heading `event` falls under: equal for events under the same one."""
    return UNDATED_PERIOD if event.date is None else event.date.period_key


_PARTICIPANTS = attrgetter("participant_ids")
_QUOTES = attrgetter("quotes")
_CITED = attrgetter("cited_source_ids")
_DATE = attrgetter("date")


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What the rows of a set of events need to know of them all (the actor
    filter's counts, column widths), worked out once per file and added up, so
    that a reload of one file does not go over every event again."""

    participant_counts: Mapping[str, int] = field(default_factory=_frozen)
    """Actor id -> how many events it takes part in (listed, or quoted)."""
    quote_count: int = 0
    most_participants: int = 0
    most_quotes: int = 0
    most_sources: int = 0
    """The most cited sources of any one event."""
    date_shapes: Mapping[tuple, EventDate] = field(default_factory=_frozen)
    """`EventDate.shape` -> a date of that shape (all of a shape are as wide)."""

    @classmethod
    def of(cls, events: Sequence[Event]) -> EventFacts:
        """The facts of `events`, given in date order."""
        # Counted with builtins over the whole list: this runs for every event of
        # every file at start-up.
        participants = list(map(_PARTICIPANTS, events))
        quote_counts = list(map(len, map(_QUOTES, events)))
        shapes: dict[tuple, EventDate] = {}
        for date in filter(None, map(_DATE, events)):
            shapes.setdefault(date.shape, date)
        return cls(MappingProxyType(Counter(chain.from_iterable(participants))),
                   sum(quote_counts), max(map(len, participants), default=0),
                   max(quote_counts, default=0),
                   max(map(len, map(_CITED, events)), default=0), MappingProxyType(shapes))

    @classmethod
    def combined(cls, parts: Iterable[EventFacts]) -> EventFacts:
        """The facts of several sets of events together."""
        counts: Counter[str] = Counter()
        shapes: dict[tuple, EventDate] = {}
        quotes = most_participants = most_quotes = most_sources = 0
        for part in reversed(list(parts)):  # the first part's date of a shape is kept
            counts.update(part.participant_counts)
            quotes += part.quote_count
            most_participants = max(most_participants, part.most_participants)
            most_quotes = max(most_quotes, part.most_quotes)
            most_sources = max(most_sources, part.most_sources)
            shapes.update(part.date_shapes)
        return cls(MappingProxyType(dict(counts)), quotes, most_participants, most_quotes,
                   most_sources, MappingProxyType(shapes))


@dataclass(frozen=True, slots=True)
class Timeline:
    """Every file's data merged: events in date order, actors and sources by id."""

    events: tuple[Event, ...] = ()
    actors: Mapping[str, Actor] = field(default_factory=_frozen)
    sources: Mapping[str, Source] = field(default_factory=_frozen)
    problems: tuple[Problem, ...] = ()
    files: tuple[str, ...] = ()
    by_id: Mapping[str, Event] = field(default_factory=_frozen)
    """Event id -> the event kept under it (a duplicate id is reported, not kept)."""
    sort_keys: tuple[tuple, ...] = ()
    """Each event's `sort_key`, in order: where an event or a moment falls, by
    binary search."""
    period_keys: tuple[int, ...] = ()
    """Each event's `period_key`, in order."""
    facts: EventFacts = EventFacts()
    origin_of: Mapping[str, str] = field(default_factory=_frozen)
    """Source id -> the id of its independent origin (see `origins`)."""

    @property
    def quote_count(self) -> int:
        return self.facts.quote_count

    def event_index(self, event_id: str) -> int | None:
        """Where the event with this id sits in `events`, if it is there."""
        event = self.by_id.get(event_id)
        return None if event is None else bisect_left(self.sort_keys, event.sort_key)
