"""Resolved events kept in the parse cache: a warm start resolves (and decodes the
drafts of) only the files whose text, or whose actors and sources, changed, and
gives the timeline a cold start gives, problems and order included."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from app_helpers import counts_text, detail_text, drawn_event_rows, wait_loaded, wait_until

from timeline_tui.app import TimelineApp
from timeline_tui.core import merge
from timeline_tui.core.cache import ParseCache
from timeline_tui.core.flat import FlatEvents
from timeline_tui.core.workspace import Workspace

ACTORS = """\
actors:
  - id: putin
    name: Vladimir Putin
  - id: zelensky
    name: Volodymyr Zelensky
sources:
  - id: kremlin
    url: https://example.org/kremlin
"""

EVENTS = """\
events:
  - id: talks
    date: 2025-05-16T10:00+03:00
    title: Talks open
    actors: [putin]
    sources: [kremlin]
    quotes:
      - text: We are ready.
        speaker: putin
  - id: after
    date: 2025-05-16
    title: Statement after the talks
    actors: [zelensky]
    sources: [kremlin]
    related: [talks, nowhere]
  - id: early
    date: 2025-05-15
    title: Before the talks
    actors: [zelenksy]
    sources: [kremlin]
"""

OTHER = """\
events:
  - id: talks
    date: 2025-06-01
    title: A second event under a taken id
    sources: [kremlin]
"""


def _files(tmp_path: Path) -> list[str]:
    files = {"actors.yaml": ACTORS, "events.yaml": EVENTS, "other.yaml": OTHER}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path / name) for name in files]


def _shown(timeline) -> tuple:
    """What a user sees of a timeline: every event's fields in order, and every problem."""
    return ([(event.id, event.title, event.actor_ids, event.participant_ids, event.quotes,
              event.related, event.sort_key, event.position) for event in timeline.events],
            [str(problem) for problem in timeline.problems],
            dict(timeline.facts.participant_counts), timeline.facts.quote_count,
            sorted(map(str, timeline.facts.date_shapes.values())))


def _first_run(tmp_path: Path):
    """A run that loads the files and stores what it resolved, as the app does once
    the timeline is shown; its timeline."""
    space = Workspace([str(tmp_path)], ParseCache(tmp_path / "cache"))
    timeline = space.load().timeline
    space.store_resolved()
    return timeline


def _no_resolving(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    resolved: list[str] = []
    real = merge._resolve_file

    def counting(draft, *args):
        resolved.append(Path(draft.path).name)
        return real(draft, *args)

    monkeypatch.setattr(merge, "_resolve_file", counting)
    return resolved


def test_a_warm_start_resolves_nothing_and_shows_what_a_cold_start_shows(tmp_path, monkeypatch):
    paths = _files(tmp_path)
    cold = _first_run(tmp_path)
    # What the cold start shows, written out: the untimed statement placed after the
    # timed talks of its day, the misspelt actor, the unknown related event and the
    # duplicate id each reported where they are written.
    assert [event.title for event in cold.events] == [
        "Before the talks", "Talks open", "Statement after the talks"]
    assert [str(problem) for problem in cold.problems if problem.severity == "error"] == [
        f"{paths[1]}:15:22: error: unknown related event 'nowhere'",
        f"{paths[1]}:19:14: error: actor 'zelenksy' is not a known actor (did you mean 'zelensky'?)",
        f"{paths[2]}:2:9: error: duplicate event id 'talks' (first at {paths[1]}:2:5)",
    ]
    resolved = _no_resolving(monkeypatch)
    warm_load = Workspace([str(tmp_path)], ParseCache(tmp_path / "cache")).load()
    assert resolved == []
    assert _shown(warm_load.timeline) == _shown(cold)


def test_nothing_is_stored_until_asked(tmp_path):
    _files(tmp_path)
    space = Workspace([str(tmp_path)], ParseCache(tmp_path / "cache"))
    space.load()
    assert list((tmp_path / "cache").rglob("*.resolved")) == []
    space.store_resolved()
    assert len(list((tmp_path / "cache").rglob("*.resolved"))) == 3


def test_a_warm_start_decodes_no_event_draft(tmp_path, monkeypatch):
    _files(tmp_path)
    _first_run(tmp_path)
    decoded: list[str] = []
    monkeypatch.setattr(FlatEvents, "decoded", lambda self: decoded.append(self.path))
    _first_run(tmp_path)
    assert decoded == []


@pytest.mark.parametrize("sources_apart", [False, True])
def test_changed_actors_resolve_every_file_again(tmp_path, monkeypatch, sources_apart):
    """Also when the file of actors holds no sources."""
    paths = _files(tmp_path)
    actors = ACTORS
    if sources_apart:
        actors, sources = ACTORS.split("sources:\n")
        Path(paths[0]).write_text(actors, encoding="utf-8")
        (tmp_path / "sources.yaml").write_text("sources:\n" + sources, encoding="utf-8")
    _first_run(tmp_path)
    Path(paths[0]).write_text(actors.replace("name: Volodymyr Zelensky",
                                             "name: Volodymyr Zelensky\n    aliases: [zelenksy]"),
                              encoding="utf-8")
    resolved = _no_resolving(monkeypatch)
    timeline = Workspace([str(tmp_path)], ParseCache(tmp_path / "cache")).load().timeline
    assert sorted(resolved) == ["actors.yaml", "events.yaml", "other.yaml",
                                *(["sources.yaml"] if sources_apart else [])]
    assert [event.actor_ids for event in timeline.events] == [("zelensky",), ("putin",),
                                                              ("zelensky",)]
    assert not any("not a known actor" in problem.message for problem in timeline.problems)


def test_a_changed_events_file_alone_is_resolved_again(tmp_path, monkeypatch):
    paths = _files(tmp_path)
    _first_run(tmp_path)
    Path(paths[2]).write_text(OTHER.replace("id: talks", "id: second"), encoding="utf-8")
    resolved = _no_resolving(monkeypatch)
    timeline = Workspace([str(tmp_path)], ParseCache(tmp_path / "cache")).load().timeline
    assert resolved == ["other.yaml"]
    assert [event.id for event in timeline.events] == ["early", "talks", "after", "second"]
    assert not any("duplicate" in problem.message for problem in timeline.problems)


def test_a_file_added_before_others_moves_their_tie_break_and_they_resolve_again(
        tmp_path, monkeypatch):
    _files(tmp_path)
    _first_run(tmp_path)
    (tmp_path / "a-first.yaml").write_text(OTHER.replace("id: talks", "id: first"),
                                           encoding="utf-8")
    resolved = _no_resolving(monkeypatch)
    timeline = Workspace([str(tmp_path)], ParseCache(tmp_path / "cache")).load().timeline
    assert sorted(resolved) == ["a-first.yaml", "actors.yaml", "events.yaml", "other.yaml"]
    # other.yaml's "talks" is the duplicate now, in fourth place, and left out.
    assert [event.order for event in timeline.events] == [(2, 2), (2, 0), (2, 1), (0, 0)]


def test_a_damaged_resolved_entry_only_costs_resolving_again(tmp_path, monkeypatch):
    _files(tmp_path)
    cold = _first_run(tmp_path)
    for entry in (tmp_path / "cache").rglob("*.resolved"):
        entry.write_bytes(entry.read_bytes()[:-9])
    resolved = _no_resolving(monkeypatch)
    warm = Workspace([str(tmp_path)], ParseCache(tmp_path / "cache")).load().timeline
    assert sorted(resolved) == ["actors.yaml", "events.yaml", "other.yaml"]
    assert _shown(warm) == _shown(cold)


def test_a_stale_file_resolves_from_its_last_good_text(tmp_path):
    paths = _files(tmp_path)
    space = Workspace([str(tmp_path)], ParseCache(tmp_path / "cache"))
    space.load()
    Path(paths[1]).write_text(EVENTS + "  - [broken\n", encoding="utf-8")
    result = space.load()
    assert result.stale_paths == {paths[1]}
    assert [event.title for event in result.timeline.events] == [
        "Before the talks", "Talks open", "Statement after the talks"]


async def test_the_app_stores_what_it_resolved_and_its_next_start_resolves_nothing(
        timeline_dir, monkeypatch):
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "timeline-tui" / "parse"
    app = TimelineApp([str(timeline_dir)], cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await wait_until(pilot, lambda: len(list(cache.rglob("*.resolved"))) == 4)
        first_rows = drawn_event_rows(app)
        first_detail = detail_text(app)
    resolved = _no_resolving(monkeypatch)
    app = TimelineApp([str(timeline_dir)], cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        assert resolved == []
        assert counts_text(app).startswith("19 of 19 events")
        assert drawn_event_rows(app) == first_rows
        assert detail_text(app) == first_detail


@pytest.mark.parametrize("mishap", ["deleted", "damaged", "events cut short"])
def test_a_cache_entry_lost_while_its_draft_is_in_use_costs_reading_the_files_again(
        tmp_path, monkeypatch, mishap):
    paths = _files(tmp_path)
    for path in paths:  # written long ago: not read again while unchanged
        os.utime(path, ns=(1_600_000_000_000_000_000,) * 2)
    _first_run(tmp_path)
    space = Workspace([str(tmp_path)], ParseCache(tmp_path / "cache"))
    space.load()  # its drafts' events are left in the cache, unread
    for entry in (tmp_path / "cache").glob("*.flat"):
        if mishap == "deleted":
            entry.unlink()
        elif mishap == "damaged":
            entry.write_bytes(entry.read_bytes()[:40])
        else:  # its head still read, its events not: it is no use read again either
            entry.write_bytes(entry.read_bytes()[:-9])
    # New actors: every file's events must be resolved again, from their drafts.
    Path(paths[0]).write_text(ACTORS.replace("name: Volodymyr Zelensky",
                                             "name: Volodymyr Zelensky\n    aliases: [zelenksy]"),
                              encoding="utf-8")
    told: list[tuple[int, int]] = []
    result = space.load(lambda done, files: told.append((done, files)))
    assert [event.actor_ids for event in result.timeline.events] == [
        ("zelensky",), ("putin",), ("zelensky",)]
    assert sorted(map(Path, result.parsed_paths)) == sorted(map(Path, paths))
    assert told[-3:] == [(0, 3), (1, 3), (2, 3)]  # the reading again is told too
    # What it resolved again is stored, and the next start resolves nothing.
    space.store_resolved()
    resolved = _no_resolving(monkeypatch)
    assert _shown(Workspace([str(tmp_path)], ParseCache(tmp_path / "cache")).load().timeline) \
        == _shown(result.timeline)
    assert resolved == []


def test_each_text_keeps_one_resolved_entry_however_often_the_actors_change(tmp_path):
    paths = _files(tmp_path)
    _first_run(tmp_path)
    for number in range(3):
        Path(paths[0]).write_text(ACTORS + f"  - id: added-{number}\n    url: u\n",
                                  encoding="utf-8")
        _first_run(tmp_path)
    entries = list((tmp_path / "cache").rglob("*.resolved"))
    # One for each text of the events files, and one for each of the four texts
    # of the actors file (they are never shown again, but their keys differ).
    assert len(entries) == 2 + 4
    assert len({entry.parent for entry in entries}) == 6


def test_storing_stops_when_told_and_the_next_call_stores_the_files_left(tmp_path):
    _files(tmp_path)
    space = Workspace([str(tmp_path)], ParseCache(tmp_path / "cache"))
    space.load()
    answers = iter([True, False])  # the user pressed a key after the first file
    space.store_resolved(lambda: next(answers))
    assert len(list((tmp_path / "cache").rglob("*.resolved"))) == 1
    space.store_resolved()
    assert len(list((tmp_path / "cache").rglob("*.resolved"))) == 3


def test_a_related_event_gone_after_a_warm_start_is_reported_where_it_is_named(
        tmp_path, monkeypatch):
    naming = tmp_path / "a.yaml"
    naming.write_text("events:\n  - id: x\n    date: 2025-05-01\n    title: X\n"
                      "    related: [y]\n", encoding="utf-8")
    named = tmp_path / "b.yaml"
    named.write_text("events:\n  - {id: y, date: 2025-05-02, title: Y}\n", encoding="utf-8")
    for path in (naming, named):
        os.utime(path, ns=(1_600_000_000_000_000_000,) * 2)
    _first_run(tmp_path)
    space = Workspace([str(tmp_path)], ParseCache(tmp_path / "cache"))
    space.load()  # a.yaml as stored
    entries_read: list[str] = []
    real_read = ParseCache.read
    monkeypatch.setattr(ParseCache, "read",
                        lambda self, name: entries_read.append(name) or real_read(self, name))
    named.write_text("events:\n  - {id: z, date: 2025-05-02, title: Z}\n", encoding="utf-8")
    timeline = space.load().timeline
    assert [str(problem) for problem in timeline.problems if problem.severity == "error"] == [
        f"{naming}:5:15: error: unknown related event 'y'"]
    # a.yaml, unchanged, is reused from memory: not read from the cache again.
    naming_key = ParseCache(tmp_path / "cache").key(str(naming), naming.read_bytes())
    assert entries_read and not any(name.startswith(naming_key) for name in entries_read)


def test_references_left_unchecked_beside_a_broken_file_are_checked_once_it_is_fixed(
        tmp_path):
    (tmp_path / "actors.yaml").write_text(ACTORS, encoding="utf-8")
    # Its one unknown reference is to an actor (one to an event is checked at each merge).
    (tmp_path / "events.yaml").write_text(EVENTS.replace("[talks, nowhere]", "[talks]"),
                                          encoding="utf-8")
    broken = tmp_path / "z-broken.yaml"
    broken.write_text('events:\n  - id: "cut short\n', encoding="utf-8")
    cold = _first_run(tmp_path)
    warning = ("references to actors, sources and events are not checked while this "
               "file cannot be read in full: it may define them")
    assert [problem.message for problem in cold.problems if problem.severity == "warning"
            and problem.position.path == str(broken)] == [warning]
    assert not any("not a known actor" in problem.message for problem in cold.problems)
    warm = Workspace([str(tmp_path)], ParseCache(tmp_path / "cache")).load().timeline
    assert _shown(warm) == _shown(cold)
    broken.write_text("events: []\n", encoding="utf-8")
    fixed = _first_run(tmp_path)
    assert any("actor 'zelenksy' is not a known actor" in problem.message
               for problem in fixed.problems)
    assert not any(problem.message == warning for problem in fixed.problems)

