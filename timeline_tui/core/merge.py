"""Stage 4 of a load: every file's drafts merged into one sorted Timeline.

Ids are checked across files, references resolved against every file's actors,
sources and events (an unknown one gets a "did you mean"), sources' `based_on`
checked for cycles, and events put in date order. Events that cite no source, and
quotes whose source is left open, are warnings. `MergeMemo` keeps each file's
resolved events, so that a reload after one file of many changes resolves only
that file's; with a `ResolvedStore` it also keeps them between runs, so that a
warm start resolves (and decodes the drafts of) only the files whose text, or
whose actors and sources, changed.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from operator import attrgetter
from types import MappingProxyType

from .collector import collector_paused
from .dates import EventDate
from .drafts import DisputeDraft, EventDraft, FileDraft, Ref, SourceDraft
from .model import (
    Actor,
    Dispute,
    DisputeVersion,
    Event,
    EventFacts,
    Position,
    Problem,
    Quote,
    Source,
    Timeline,
    period_key,
)
from .origins import origin_map
from .resolved import (
    ResolvedFile,
    ResolvedStore,
    StoreKey,
    from_stored,
    store_keys,
    stored,
)

__all__ = ["MergeMemo", "build_timeline"]

MAX_SUGGESTION_COMPARISONS = 100_000
"""Bound on the names compared to suggest "did you mean": each comparison costs
microseconds, and a file of broken references against a large timeline would take
minutes to suggest for."""


class _Merger:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.actors: dict[str, Actor] = {}
        self.sources: dict[str, Source] = {}
        self.actor_keys: dict[str, str] = {}
        """Every casefolded id, name and alias -> actor id."""
        self.actor_spellings: dict[str, str] = {}
        """Casefolded spelling -> the spelling as written, for suggestions."""
        self.suggestions: dict[tuple[str, str], str] = {}
        """(kind, unknown name) -> its suggestion: a renamed id is often used many times."""
        self.comparisons_left = MAX_SUGGESTION_COMPARISONS
        self.unchecked = False
        """Whether a file could not be read in full: a reference to an unknown
        record may be to one of its records, so it is not reported."""
        self.skipped = 0
        """References not reported because `unchecked`."""

    def error(self, position: Position, message: str) -> None:
        self.problems.append(Problem(position, message))

    def warning(self, position: Position, message: str) -> None:
        self.problems.append(Problem(position, message, "warning"))

    def unknown(self, position: Position, message: str) -> None:
        """A reference to a record no file defines, unless a broken file might."""
        if self.unchecked:
            self.skipped += 1
        else:
            self.error(position, message)

    def add_actor(self, actor: Actor) -> None:
        if actor.id in self.actors:
            first = self.actors[actor.id]
            self.error(actor.position, f"duplicate actor id {actor.id!r} (first at {first.position})")
            return
        self.actors[actor.id] = actor
        for spelling in dict.fromkeys(actor.names):
            key = spelling.casefold()
            owner = self.actor_keys.get(key)
            if owner is not None and owner != actor.id:
                self.error(actor.position, f"{spelling!r} already refers to actor {owner!r} "
                                           f"(at {self.actors[owner].position})")
                continue
            self.actor_keys[key] = actor.id
            self.actor_spellings[key] = spelling

    def add_source(self, source: Source) -> bool:
        """Register a source; False (and an error) when its id is taken."""
        if source.id in self.sources:
            first = self.sources[source.id]
            self.error(source.position, f"duplicate source id {source.id!r} (first at {first.position})")
            return False
        self.sources[source.id] = source
        return True

    def resolve_based_on(self, drafts: Iterable[SourceDraft]) -> None:
        """Give each source its `based_on` ids, once every source is known; an
        unknown id is an error with a suggestion, and so is each cycle."""
        based_on: dict[str, list[Ref]] = {}
        for draft in drafts:
            refs = [ref for ref in draft.based_on if self.source(ref, "based_on: ")]
            based_on[draft.source.id] = refs
            self.sources[draft.source.id] = replace(
                draft.source, based_on=tuple(dict.fromkeys(ref.text for ref in refs)))
        self.report_cycles(based_on)

    def report_cycles(self, based_on: dict[str, list[Ref]]) -> None:
        """An error for each cycle of `based_on`, at the reference that closes it."""
        on_path: dict[str, int] = {}
        """Source id -> its place in `path`, for the sources being followed."""
        done: set[str] = set()
        for start in based_on:
            if start in done:
                continue
            path, pending = [start], [iter(based_on[start])]
            on_path[start] = 0
            while pending:  # depth first, without recursion: chains can be long
                ref = next(pending[-1], None)
                if ref is None:
                    finished = path.pop()
                    del on_path[finished]
                    done.add(finished)
                    pending.pop()
                elif ref.text in on_path:
                    cycle = [*path[on_path[ref.text]:], ref.text]
                    self.error(ref.position, "based_on goes round in a cycle: "
                                             f"{' → '.join(map(repr, cycle))}; "
                                             "a source cannot come from itself")
                elif ref.text not in done:
                    on_path[ref.text] = len(path)
                    path.append(ref.text)
                    pending.append(iter(based_on.get(ref.text, ())))

    def suggest(self, kind: str, word: str, candidates: Collection[str]) -> str:
        """A "did you mean" for an unknown name, once the candidates of its kind are
        all known; nothing once MAX_SUGGESTION_COMPARISONS are spent."""
        key = (kind, word)
        if key not in self.suggestions:
            if len(candidates) > self.comparisons_left:
                return ""
            self.comparisons_left -= len(candidates)
            self.suggestions[key] = _closest(word, candidates)
        return self.suggestions[key]

    def actor(self, ref: Ref, what: str) -> str | None:
        actor_id = self.actor_keys.get(ref.text.casefold())
        if actor_id is None:
            spellings = self.actor_spellings.values()
            self.unknown(ref.position, f"{what} {ref.text!r} is not a known actor"
                                       f"{self.suggest('actor', ref.text, spellings)}")
        return actor_id

    def source(self, ref: Ref, what: str = "") -> str | None:
        if ref.text in self.sources:
            return ref.text
        self.unknown(ref.position, f"{what}unknown source {ref.text!r}"
                                   f"{self.suggest('source', ref.text, self.sources)}")
        return None

    def source_ids(self, refs: Iterable[Ref]) -> tuple[str, ...]:
        """The known ones among `refs`, each once (an error for each unknown one)."""
        return tuple(dict.fromkeys(s for s in map(self.source, refs) if s is not None))

    def event(self, draft: EventDraft, order: tuple[int, int],
              placement: EventDate | None = None) -> Event:
        actor_ids = [self.actor(ref, "actor") for ref in draft.actors]
        source_ids = [self.source(ref) for ref in draft.sources]
        if not (draft.sources or any(quote.source for quote in draft.quotes) or draft.disputes):
            self.warning(draft.position, "event cites no source: add sources: [<id>]")
        quotes = []
        for quote in draft.quotes:
            speaker_id = self.actor(quote.speaker, "speaker")
            if quote.source is not None:
                source_id = self.source(quote.source)
            elif len(draft.sources) == 1:
                source_id = source_ids[0]
            else:
                source_id = None
                self.warning(quote.position, f"quote names no source and the event lists "
                                             f"{len(draft.sources)}: add source: <id>")
            if speaker_id is not None:
                quotes.append(Quote(text=quote.text, speaker_id=speaker_id,
                                    position=quote.position, source_id=source_id,
                                    reported=quote.reported, context=quote.context))
        return Event(
            id=draft.id, date=draft.date, title=draft.title, position=draft.position,
            order=order, end=draft.end, summary=draft.summary,
            actor_ids=_known_once(actor_ids), location=draft.location, tags=draft.tags,
            source_ids=_known_once(source_ids), quotes=tuple(quotes),
            related=tuple([ref.text for ref in draft.related]) if draft.related else (),
            notes=draft.notes, extras=draft.extras, problems=draft.problems,
            placement=placement,
            disputes=tuple(map(self.dispute, draft.disputes)) if draft.disputes else (),
        )

    def dispute(self, draft: DisputeDraft) -> Dispute:
        return Dispute(about=draft.about, position=draft.position, resolution=draft.resolution,
                       versions=tuple(DisputeVersion(version.says, self.source_ids(version.sources),
                                                     version.position)
                                      for version in draft.versions))


def _known_once(ids: list[str | None]) -> tuple[str, ...]:
    """The ids that resolved (not None), each once, in order."""
    unique = dict.fromkeys(ids)
    unique.pop(None, None)
    return tuple(unique)


@dataclass(frozen=True, slots=True)
class _Merged:
    """Every file's events in one order, and the columns kept beside it."""

    files: list[ResolvedFile]
    events: tuple[Event, ...]
    sort_keys: tuple[tuple, ...]
    period_keys: tuple[int, ...]
    by_id: dict[str, Event]
    facts: EventFacts
    spliceable: bool
    """No duplicate id, no related event unknown, no file broken: a change to some
    files can be spliced into this order (see `_spliced`)."""


class MergeMemo:
    """What `build_timeline` resolved for each file, reused while neither that file
    nor any file's actors and sources changed, and the last merge: a reload after
    one file of many changes resolves only that file's events, and splices them
    into the last order instead of sorting every event again. With a `store`,
    resolved files are also kept there, and found there by the next run."""

    def __init__(self, store: ResolvedStore | None = None) -> None:
        self.store = store
        self._files: dict[str, ResolvedFile] = {}
        self._unstored: dict[StoreKey, ResolvedFile] = {}
        """Key in the store -> a file resolved since `store_resolved`."""
        self.last: _Merged | None = None

    def resolved(self, draft: FileDraft, file_index: int, registry: tuple[tuple, ...],
                 merger: _Merger, stored_as: StoreKey | None = None) -> ResolvedFile:
        """`stored_as`: the file's key in the store (see `resolved.store_keys`)."""
        cached = self._files.get(draft.path)
        if cached is not None and cached.draft is draft and cached.file_index == file_index \
                and _same(cached.registry, registry):
            return cached
        resolved = None
        if stored_as is not None and self.store is not None:
            resolved = from_stored(self.store.get(stored_as), draft, file_index, registry)
        if resolved is None:
            resolved = _resolve_file(draft, file_index, registry, merger)
            if stored_as is not None and self.store is not None:
                self._unstored[stored_as] = resolved
        self._files[draft.path] = resolved
        return resolved

    def store_resolved(self, go_on: Callable[[], bool] | None = None) -> None:
        """Put the files resolved since the last call in the store: apart from the
        merge, so that writing them does not delay the timeline it makes.
        `go_on()`, before each file, may wait (for the user to be idle) and says
        whether to go on; the files left are stored by the next call."""
        while self.store is not None and self._unstored and (go_on is None or go_on()):
            try:  # popped whole, so that two threads storing take a file each
                key, resolved = self._unstored.popitem()
            except KeyError:
                return
            with collector_paused():
                self.store.put(key, stored(resolved))

    def keep_only(self, paths: Iterable[str]) -> None:
        keep = set(paths)
        for path in [path for path in self._files if path not in keep]:
            del self._files[path]


def _same(registry: tuple[tuple, ...], other: tuple[tuple, ...]) -> bool:
    return len(registry) == len(other) and all(a is b for a, b in zip(registry, other))


_SORT_KEY = attrgetter("sort_key")


def _resolve_file(draft: FileDraft, file_index: int, registry: tuple[tuple, ...],
                  merger: _Merger) -> ResolvedFile:
    first_problem, first_skipped = len(merger.problems), merger.skipped
    event_drafts = tuple(draft.events)  # decoded once, when held flat
    in_file_order: list[Event] = []
    # Within a day, the writer's order places a date without a time: after the
    # timed event of that day written last before it in the file, if any.
    last_timed: dict[tuple, EventDate] = {}
    """A day as written (year, month, day) -> the date of the timed event of that
    day written last so far."""
    for index, event_draft in enumerate(event_drafts):
        placement = None
        date = event_draft.date
        if date is not None:
            anchor = date.anchor
            if anchor.hour is not None:
                last_timed[(anchor.year, anchor.month, anchor.day)] = date
            elif anchor.day is not None:
                placement = last_timed.get((anchor.year, anchor.month, anchor.day))
        in_file_order.append(merger.event(event_draft, (file_index, index), placement))
    problems = merger.problems[first_problem:]
    del merger.problems[first_problem:]
    in_date_order = sorted(in_file_order, key=_SORT_KEY)
    related_refs = {index: event_draft.related for index, event_draft in enumerate(event_drafts)
                    if event_draft.related}
    return ResolvedFile(draft, file_index, registry, tuple(in_file_order), in_date_order,
                         tuple(event_draft.id_position.place for event_draft in event_drafts),
                         related_refs, problems, merger.skipped - first_skipped,
                         EventFacts.of(in_date_order),
                         frozenset(ref.text for refs in related_refs.values() for ref in refs))


def build_timeline(drafts: Sequence[FileDraft], extra_problems: Sequence[Problem] = (),
                   memo: MergeMemo | None = None) -> Timeline:
    """Merge file drafts, in the given order, into one sorted, resolved Timeline.

    With a `memo` from the previous build, files whose drafts are the same objects
    as then, among the same actors and sources, are not resolved again.
    """
    merger = _Merger()
    broken = [draft for draft in drafts if draft.broken]
    merger.unchecked = bool(broken)
    with_based_on: list[SourceDraft] = []
    for draft in drafts:
        for actor in draft.actors:
            merger.add_actor(actor)
        for source in draft.sources:
            if merger.add_source(source.source) and source.based_on:
                with_based_on.append(source)
    merger.resolve_based_on(with_based_on)
    # The actors and sources every reference is resolved against, by identity,
    # and whether unknown references are reported.
    registry = (*(part for draft in drafts for part in (draft.actors, draft.sources)),
                merger.unchecked)
    memo = memo if memo is not None else MergeMemo()
    stored_as = store_keys(drafts, merger.unchecked, memo.store)
    files = [memo.resolved(draft, index, registry, merger, key)
             for index, (draft, key) in enumerate(zip(drafts, stored_as))]
    memo.keep_only(draft.path for draft in drafts)
    merged = memo.last and _spliced(memo.last, files)
    if merged is None:
        merged = _merged_in_full(files, merger)
    memo.last = merged

    problems = [*extra_problems]
    for draft, resolved in zip(drafts, files):
        problems.extend(draft.problems)
        problems.extend(resolved.problems)
    problems.extend(merger.problems)
    if merger.skipped or any(resolved.skipped for resolved in files):
        problems.extend(_unchecked_references(broken))
    problems.sort(key=lambda problem: (problem.position.path, problem.position.line,
                                       problem.position.column))
    return Timeline(
        events=merged.events,
        by_id=MappingProxyType(merged.by_id),
        sort_keys=merged.sort_keys,
        period_keys=merged.period_keys,
        facts=merged.facts,
        actors=MappingProxyType(merger.actors),
        sources=MappingProxyType(merger.sources),
        origin_of=origin_map(merger.sources.values()),
        problems=tuple(problems),
        files=tuple(draft.path for draft in drafts),
    )


def _merged_in_full(files: list[ResolvedFile], merger: _Merger) -> _Merged:
    """Every file's events sorted together; duplicate ids and related events that
    name no event reported."""
    first_problem = len(merger.problems)
    events: dict[str, Event] = {}
    for resolved in files:
        for event in resolved.in_file_order:
            if event.id in events:
                first = events[event.id]
                merger.error(resolved.id_position(event),
                             f"duplicate event id {event.id!r} (first at {first.position})")
            else:
                events[event.id] = event
    duplicates = len(merger.problems) > first_problem
    by_date = [event for resolved in files for event in resolved.in_date_order]
    by_date.sort(key=_SORT_KEY)  # runs already sorted per file: a merge
    ordered: list[Event] = []
    for event in by_date:
        if events.get(event.id) is not event:
            continue  # a duplicate, reported above
        if event.related:
            _check_related(files[event.order[0]].related_refs[event.order[1]], events, merger)
        ordered.append(event)
    facts = EventFacts.of(ordered) if duplicates else \
        EventFacts.combined(resolved.facts for resolved in files)
    spliceable = len(merger.problems) == first_problem and not merger.unchecked
    return _Merged(files, tuple(ordered), tuple(map(_SORT_KEY, ordered)),
                   tuple(map(period_key, ordered)), events, facts, spliceable)


def _spliced(last: _Merged, files: list[ResolvedFile]) -> _Merged | None:
    """The last merge with the events of the files that changed since taken out
    and their new events put in place, in proportion to the change; None when
    that could differ from a merge in full (a duplicate id, an unknown related
    event, other files or other actors and sources), which then reports it."""
    if not last.spliceable or len(files) != len(last.files):
        return None
    changed = [index for index, (now, then) in enumerate(zip(files, last.files)) if now is not then]
    if any(files[index].draft.path != last.files[index].draft.path
           or not _same(files[index].registry, last.files[index].registry)
           for index in changed):
        return None
    if not changed:
        return last
    by_id = dict(last.by_id)
    gone: list[Event] = []
    for index in changed:
        for event in last.files[index].in_file_order:
            del by_id[event.id]
            gone.append(event)
    came: list[Event] = []
    for index in changed:
        for event in files[index].in_file_order:
            if event.id in by_id:
                return None
            by_id[event.id] = event
            came.append(event)
    # Every file's related ids, not only the changed files': an id that went away
    # may have been another file's related event.
    if not all(by_id.keys() >= resolved.related_ids for resolved in files):
        return None
    out = sorted(bisect_left(last.sort_keys, event.sort_key) for event in gone)
    came.sort(key=_SORT_KEY)
    new_keys = list(map(_SORT_KEY, came))
    kept_keys = _without(last.sort_keys, out)
    into = [bisect_left(kept_keys, key) for key in new_keys]
    return _Merged(files, _with(_without(last.events, out), into, came),
                   _with(kept_keys, into, new_keys),
                   _with(_without(last.period_keys, out), into, list(map(period_key, came))),
                   by_id, EventFacts.combined(resolved.facts for resolved in files), True)


def _without(items: Sequence, positions: list[int]) -> list:
    """`items` but those at `positions` (ascending), copied a stretch at a time."""
    kept: list = []
    for before, position in pairwise([-1, *positions, len(items)]):
        kept += items[before + 1:position]
    return kept


def _with(items: list, positions: list[int], new_items: list) -> tuple:
    """`items` with each of `new_items` put before the item at its position in
    `positions` (ascending)."""
    result: list = []
    for start, stop, item in zip([0, *positions], positions, new_items):
        result += items[start:stop]
        result.append(item)
    result += items[positions[-1] if positions else 0:]
    return tuple(result)


def _check_related(related: tuple[Ref, ...], events: dict[str, Event], merger: _Merger) -> None:
    """Report related ids that name no event. They stay in the event: the detail
    shows them as missing (their file may be broken), not as if never written."""
    for ref in related:
        if ref.text not in events:
            merger.unknown(ref.position, f"unknown related event {ref.text!r}"
                                         f"{merger.suggest('event', ref.text, events)}")


def _unchecked_references(broken: Sequence[FileDraft]) -> list[Problem]:
    """Said once per file that could not be read in full, where what stopped the
    reading is (its last problem: the records kept are above it), when some
    reference was not checked."""
    return [Problem(draft.problems[-1].position if draft.problems else Position(draft.path, 1, 1),
                    "references to actors, sources and events are not checked while this "
                    "file cannot be read in full: it may define them", severity="warning")
            for draft in broken]


def _closest(word: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(candidates))  # three at most
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""

