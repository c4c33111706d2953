"""A reload splices the changed files' events into the last merge (`merge._spliced`)
instead of sorting every event again: whatever the edits, the timeline it gives
must be the one a merge from scratch gives.

Examples are derandomized so that CI runs the same inputs every time.
"""

from __future__ import annotations

import hashlib

from helpers_core import errors, parse
from hypothesis import given, settings
from hypothesis import strategies as st
from test_loader_properties import MUTATION_RUN

from timeline_tui.core import flat, merge
from timeline_tui.core.loader import build_timeline
from timeline_tui.core.merge import MergeMemo
from timeline_tui.core.model import Timeline

ACTORS = parse("""\
    actors:
      - {id: putin, name: Vladimir Putin}
      - {id: trump, name: Donald Trump}
    sources:
      - {id: sky, url: "https://example.org/sky"}
    events:
      - {id: r0, date: 2025-05-16, title: R0, sources: [sky]}
      - {id: r1, date: 2025-05, title: R1, sources: [sky]}
    """, "actors.yaml")

_DATES = ["2025-05-16", "2025-05-16T10:00", "2025-05-16T09:00+03:00", "2025-05", "2025",
          "2025-05-16~", "2024-12-31T23:30-05:00", "2025-05-15/2025-05-17", "[2025-05-16,2025-05-17]",
          "2025-21", "202X", "2025-13-40"]
_IDS = ["a", "b", "c", "d", "e", "f"]
"""Ids within a file (`_draft` names them after it); "shared" is every file's."""


@st.composite
def _event_file(draw: st.DrawFn) -> list[str]:
    """The event lines of one file: ids from a small pool (so that duplicates
    happen now and then), related ids that mostly name an event, quotes, missing
    sources."""
    lines = []
    for id_ in draw(st.lists(st.sampled_from([*_IDS, 'shared']), max_size=5,
                              unique=draw(st.sampled_from([True] * 9 + [False])))):
        fields = [f"id: {id_}", f'date: "{draw(st.sampled_from(_DATES))}"', "title: T"]
        if draw(st.booleans()):
            fields.append("sources: [sky]")
        fields.append(f"actors: [{draw(st.sampled_from(['putin', 'trump', 'putin, trump']))}]")
        if draw(st.booleans()):
            fields.append(f"related: [{draw(st.sampled_from(['r0', 'r1'] * 4 + ['1-a', 'nowhere']))}]")
        if draw(st.booleans()):
            fields.append('quotes: [{text: "Q", speaker: trump, source: sky}]')
        lines.append("  - {" + ", ".join(fields) + "}")
    return lines


def _draft(index: int, lines: list[str]):
    lines = [line.replace("{id: ", f"{{id: {index}-").replace(f"{index}-shared", "shared")
             for line in lines]
    return parse("events:\n" + "\n".join(lines) + "\n" if lines else "events: []\n",
                 f"events-{index}.yaml")


def _seen(timeline: Timeline) -> tuple:
    """Everything a merge decides, as plain values."""
    facts = timeline.facts
    return ([(event.id, event.order) for event in timeline.events],
            [str(problem) for problem in timeline.problems],
            list(timeline.sort_keys) == [event.sort_key for event in timeline.events],
            timeline.period_keys,
            {id_: timeline.event_index(id_) for id_ in timeline.by_id},
            sorted(timeline.by_id),
            (dict(facts.participant_counts), facts.quote_count, facts.most_participants,
             facts.most_quotes, facts.most_sources, sorted(map(str, facts.date_shapes.values()))))


@settings(max_examples=15 if MUTATION_RUN else 150, deadline=None, derandomize=True,
          database=None)
@given(st.lists(_event_file(), min_size=1, max_size=3),
       st.lists(st.tuples(st.integers(0, 2), _event_file()), min_size=1, max_size=4))
def test_reloads_give_the_timeline_a_full_merge_gives(files, edits):
    drafts = [ACTORS, *(_draft(index, lines) for index, lines in enumerate(files))]
    memo = MergeMemo()
    build_timeline(drafts, memo=memo)
    for file_number, lines in edits:
        index = 1 + file_number % len(files)
        drafts[index] = _draft(index, lines)
        assert _seen(build_timeline(drafts, memo=memo)) == _seen(build_timeline(drafts))


class _StoreInMemory:
    """A `merge.ResolvedStore` in a dictionary, keyed by what a draft holds."""

    def __init__(self) -> None:
        self.entries: dict[str, bytes] = {}
        self.found = 0

    def content_key(self, draft) -> str:
        return hashlib.blake2b(repr(flat.to_flat(draft)).encode()).hexdigest()

    def get(self, key: str) -> bytes | None:
        self.found += key in self.entries
        return self.entries.get(key)

    def put(self, key: str, data: bytes) -> None:
        self.entries[key] = data


@settings(max_examples=10 if MUTATION_RUN else 100, deadline=None, derandomize=True,
          database=None)
@given(st.lists(_event_file(), min_size=1, max_size=3),
       st.lists(st.tuples(st.integers(0, 2), _event_file()), min_size=1, max_size=4))
def test_each_run_on_stored_resolutions_gives_the_timeline_a_full_merge_gives(files, edits):
    """Each edit as a new run (a new memo) on the store the earlier runs filled."""
    drafts = [ACTORS, *(_draft(index, lines) for index, lines in enumerate(files))]
    store = _StoreInMemory()

    def run() -> Timeline:
        memo = MergeMemo(store)
        timeline = build_timeline(drafts, memo=memo)
        memo.store_resolved()
        return timeline

    run()
    for file_number, lines in edits:
        index = 1 + file_number % len(files)
        drafts[index] = _draft(index, lines)
        assert _seen(run()) == _seen(build_timeline(drafts))
    assert store.found >= len(edits) * len(files)  # the files not edited, at least


def _file(index: int, *events: str):
    return parse("events:\n" + "".join(f"  - {{{event}, sources: [sky]}}\n" for event in events),
                 f"events-{index}.yaml")


def _full_merges(monkeypatch) -> list:
    """Records each merge in full from now on (the others are splices)."""
    calls = []
    merged_in_full = merge._merged_in_full
    monkeypatch.setattr(merge, "_merged_in_full",
                        lambda *args: calls.append(args) or merged_in_full(*args))
    return calls


def test_changes_to_one_file_of_a_clean_timeline_are_spliced_in(monkeypatch):
    drafts = [ACTORS, _file(1, "id: a, date: 2025-05-16, title: A", "id: b, date: 2025-05-18, title: B"),
              _file(2, "id: c, date: 2025-05-17, title: C, related: [a]")]
    memo = MergeMemo()
    build_timeline(drafts, memo=memo)
    full_merges = _full_merges(monkeypatch)
    drafts[1] = _file(1, "id: a, date: 2025-05-19, title: A", "id: b, date: 2025-05-18, title: B")
    rebuilt = build_timeline(drafts, memo=memo)
    assert [event.id for event in rebuilt.events] == ["r1", "r0", "c", "b", "a"]
    assert rebuilt.event_index("a") == 4 and errors(rebuilt.problems) == ()
    drafts[2] = _file(2, "id: c, date: 2025-05-20, title: C, related: [a]")
    assert [event.id for event in build_timeline(drafts, memo=memo).events] == \
        ["r1", "r0", "b", "a", "c"]
    assert full_merges == []


def test_a_change_of_actors_is_merged_in_full(monkeypatch):
    drafts = [ACTORS, _file(1, "id: a, date: 2025-05-16, title: A, actors: [trump]")]
    memo = MergeMemo()
    build_timeline(drafts, memo=memo)
    full_merges = _full_merges(monkeypatch)
    drafts[0] = parse("actors:\n  - {id: trump, name: Donald J. Trump}\n"
                      "sources:\n  - {id: sky, url: s}\n", "actors.yaml")
    assert [event.id for event in build_timeline(drafts, memo=memo).events] == ["a"]
    assert len(full_merges) == 1


def test_a_related_event_removed_by_a_reload_is_reported_in_the_file_that_names_it():
    drafts = [ACTORS, _file(1, "id: a, date: 2025-05-16, title: A"),
              _file(2, "id: c, date: 2025-05-17, title: C, related: [a]")]
    memo = MergeMemo()
    build_timeline(drafts, memo=memo)
    drafts[1] = _file(1, "id: b, date: 2025-05-16, title: B")
    problems = [str(problem) for problem in build_timeline(drafts, memo=memo).problems]
    assert problems == ["events-2.yaml:2:51: error: unknown related event 'a'"]
