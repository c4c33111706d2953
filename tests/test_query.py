"""Narrowing a timeline: the actor filter and the text search."""

from __future__ import annotations

import dataclasses
import os

import pytest

from timeline_tui.core.query import (
    EventFilter,
    SearchIndex,
    match_actors,
    search_terms,
)

from helpers_core import timeline

TIMELINE = timeline("""\
    actors:
      - {id: putin, name: Vladimir Putin, aliases: [President Putin]}
      - {id: trump, name: Donald Trump, aliases: [POTUS]}
      - {id: zelenskyy, name: Volodymyr Zelenskyy}
      - {id: medinsky, name: Vladimir Medinsky, aliases: [Mednisky]}
      - {id: baier, name: Bret Baier}
    sources:
      - {id: sky, outlet: Sky News}
    events:
      - id: ceasefire
        date: 2025-05-10
        title: Allies demand a ceasefire
        summary: A 30-day unconditional ceasefire is demanded of Putin.
        actors: [putin]
        sources: [sky]
      - id: post
        date: 2025-05-11
        title: Trump posts
        actors: [trump]
        sources: [sky]
        quotes:
          - text: Ukraine should agree to this, IMMEDIATELY.
            speaker: trump
      - id: talks
        date: 2025-05-15~
        title: Talks in Istanbul
        actors: [zelenskyy]
        sources: [sky]
        quotes:
          - text: We fought Sweden for 21 years.
            speaker: Medinsky
            reported: true
      - id: interview
        date: 2025-05-16
        title: Fox News interview
        summary: The anchor asks ten times about pressure.
        actors: [baier, trump]
        sources: [sky]
    """)
INDEX = SearchIndex(TIMELINE)


def kept(actor_ids=(), query=""):
    """Ids of the events the filter keeps, in timeline order (an index built here, not
    at import, so that what it reads is the code under test now)."""
    indexes = SearchIndex(TIMELINE).apply(EventFilter(frozenset(actor_ids), query))
    return [TIMELINE.events[i].id for i in indexes]


def test_the_shared_timeline_loads_cleanly():
    assert TIMELINE.problems == ()
    assert [event.id for event in TIMELINE.events] == ["ceasefire", "post", "talks", "interview"]


# search_terms


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("", ()),
        ("   ", ()),
        ("Putin", ("putin",)),
        ("putin  TRUMP", ("putin", "trump")),
        ('"ready to fight" Medinsky', ("ready to fight", "medinsky")),
        ('ceasefire "30-DAY unconditional"', ("ceasefire", "30-day unconditional")),
        ("Straße", ("strasse",)),
        ('"ready to fi', ("ready to fi",)),  # a phrase still being typed
        ('x"y', ("x", "y")),
    ],
)
def test_search_terms(query, terms):
    assert search_terms(query) == terms


# EventFilter


def test_an_empty_filter_keeps_everything():
    assert kept() == ["ceasefire", "post", "talks", "interview"]
    assert INDEX.apply(EventFilter(query="   ")) == INDEX.apply(EventFilter())


# Actor filter


def test_actor_filter_keeps_events_with_any_selected_actor():
    assert kept({"putin"}) == ["ceasefire"]
    assert kept({"putin", "baier"}) == ["ceasefire", "interview"]


def test_actor_filter_includes_quoted_speakers_not_listed_as_actors():
    assert kept({"medinsky"}) == ["talks"]


def test_actor_filter_counts_listed_and_quoted_alike():
    assert kept({"trump"}) == ["post", "interview"]


def test_actor_filter_with_an_actor_in_no_event_keeps_nothing():
    assert kept({"nobody"}) == []


# Search


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("istanbul", ["talks"]),                      # title
        ("UNCONDITIONAL", ["ceasefire"]),            # summary, any case
        ("immediately", ["post"]),                   # quote text
        ("sweden", ["talks"]),                       # quote text
        ("Volodymyr", ["talks"]),                    # a listed actor's name
        ("potus", ["post", "interview"]),            # an alias
        ("mednisky", ["talks"]),                     # a quoted speaker's alias
        ("vladimir", ["ceasefire", "talks"]),        # names of two actors
        ('"fought sweden"', ["talks"]),              # a phrase
        ('"sweden fought"', []),                     # a phrase is kept in order
        ("zzz", []),
    ],
)
def test_search_matches_title_summary_quotes_and_actor_names(query, ids):
    assert kept(query=query) == ids


def test_search_needs_every_term_to_match():
    assert kept(query="trump fox") == ["interview"]
    assert kept(query="trump istanbul") == []


def test_search_does_not_match_actors_of_other_events():
    assert kept(query="baier") == ["interview"]


def test_actor_filter_and_search_combine():
    assert kept({"trump"}, "interview") == ["interview"]
    assert kept({"trump"}, "sweden") == []
    assert kept({"putin", "medinsky"}, "vladimir") == ["ceasefire", "talks"]
    assert kept({"putin", "medinsky"}, "sweden") == ["talks"]


def test_apply_returns_indexes_in_timeline_order():
    indexes = INDEX.apply(EventFilter(query="trump"))
    assert indexes == (1, 3)
    assert [TIMELINE.events[i].id for i in indexes] == ["post", "interview"]


# Counts and actor matching


def test_actor_event_counts_include_quoted_speakers():
    counts = TIMELINE.facts.participant_counts
    assert counts == {"putin": 1, "trump": 2, "zelenskyy": 1, "medinsky": 1, "baier": 1}


def test_actor_event_counts_count_an_event_once_per_actor():
    # Trump is both listed and quoted in "post": it counts once.
    assert TIMELINE.facts.participant_counts["trump"] == 2


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("", ["putin", "trump", "zelenskyy", "medinsky", "baier"]),
        ("vlad", ["putin", "medinsky"]),
        ("VLAD med", ["medinsky"]),
        ("mednisky", ["medinsky"]),     # by alias
        ("potus", ["trump"]),           # by alias
        ("zelenskyy", ["zelenskyy"]),   # by id
        ("xyz", []),
    ],
)
def test_match_actors_by_id_name_or_alias(text, ids):
    assert [actor.id for actor in match_actors(TIMELINE.actors.values(), text)] == ids


def test_searching_within_a_narrowed_result_gives_the_full_result():
    index = SearchIndex(TIMELINE)
    wider = EventFilter(query="t")
    narrower = EventFilter(query="talks")
    assert index.narrows(narrower, wider)
    assert index.apply(narrower, index.apply(wider)) == index.apply(narrower)


def test_an_index_built_on_the_previous_one_matches_a_fresh_one(tmp_path):
    from timeline_tui.core.workspace import Workspace

    (tmp_path / "a.yaml").write_text(
        "actors: [{id: p, name: Putin}]\n"
        "events: [{id: a, date: '2025', title: Alpha, actors: [p]}]\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "events: [{id: b, date: '2024', title: Beta}]\n", encoding="utf-8")
    space = Workspace([str(tmp_path)])
    first = SearchIndex(space.load().timeline)
    (tmp_path / "b.yaml").write_text(
        "events: [{id: b, date: '2024', title: Gamma}]\n", encoding="utf-8")
    timeline = space.load().timeline
    rebuilt = SearchIndex(timeline, previous=first)
    for query in ("alpha", "putin", "gamma", "beta"):
        assert rebuilt.apply(EventFilter(query=query)) == SearchIndex(timeline).apply(
            EventFilter(query=query))
    assert rebuilt.apply(EventFilter(query="gamma")) == (0,)


def test_search_does_not_match_between_fields():
    """The fields are kept apart by a line break: no stray text joins them."""
    assert kept(query="xx") == []
    assert kept(query='"istanbul we fought"') == []


def test_an_index_built_on_the_previous_one_sees_a_changed_alias(tmp_path):
    from timeline_tui.core.workspace import Workspace

    (tmp_path / "a.yaml").write_text(
        "actors: [{id: p, name: Putin, aliases: [Vova]}]\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "events: [{id: a, date: '2025', title: Alpha, actors: [p]}]\n", encoding="utf-8")
    for path in tmp_path.iterdir():  # settled files: an unchanged reload keeps its events
        os.utime(path, (1_600_000_000, 1_600_000_000))
    space = Workspace([str(tmp_path)])
    first = SearchIndex(space.load().timeline)
    assert first.apply(EventFilter(query="vova")) == (0,)
    unchanged = space.load().timeline  # the same events, the same actors: reused
    assert unchanged.events[0] is first.timeline.events[0]
    assert SearchIndex(unchanged, previous=first).apply(EventFilter(query="vova")) == (0,)
    (tmp_path / "a.yaml").write_text(
        "actors: [{id: p, name: Putin, aliases: [Volodya]}]\n", encoding="utf-8")
    renamed = space.load().timeline
    rebuilt = SearchIndex(renamed, previous=first)
    assert rebuilt.apply(EventFilter(query="volodya")) == (0,)
    assert rebuilt.apply(EventFilter(query="vova")) == ()


def test_search_finds_a_name_or_title_that_no_event_cites_without_failing():
    """An actor in no event, a source no event cites: their text matches, no event
    is theirs, and the events' own text is still searched."""
    unused = timeline("""\
        actors:
          - {id: roe, name: Jane Roe}
        sources:
          - {id: memo, outlet: Roe Memo Archive}
          - {id: wire, outlet: Wire}
        events:
          - {id: e, date: 2025-05-10, title: Roe v. Wade recalled, sources: [wire]}
          - {id: f, date: 2025-05-11, title: Talks, sources: [wire]}
        """)
    index = SearchIndex(unused)
    assert index.apply(EventFilter(query="roe")) == (0,)
    assert index.apply(EventFilter(query="-roe")) == (1,)


class _CountedEvents(tuple):
    """The timeline's events, counting each pass over them."""

    passes = 0

    def __iter__(self):
        type(self).passes += 1
        return super().__iter__()


def test_after_prepare_the_common_conditions_need_no_pass_over_the_events():
    """`prepare` runs once the timeline is on screen, so that the first key typed
    in a query is as quick as the next: no term below reads every event again."""
    prepared = timeline("""\
        actors:
          - {id: putin, name: Vladimir Putin}
        sources:
          - {id: tass, outlet: TASS}
        events:
          - id: quoted
            date: 2025-01-01
            title: One
            actors: [putin]
            tags: [talks]
            sources: [tass]
            quotes:
              - {text: We are ready., speaker: putin, reported: true}
        """, """\
        events:
          - id: disputed
            date: 2025-01-02
            title: Two
            disputes:
              - about: when
                versions: [{says: On the 2nd}, {says: On the 3rd}]
        """)
    stale = frozenset({prepared.events[1].position.path})
    index = SearchIndex(dataclasses.replace(prepared, events=_CountedEvents(prepared.events)),
                        stale_paths=stale)
    index.prepare()
    _CountedEvents.passes = 0
    expected = {"actor:putin": (0,), "tag:talks": (0,), "source:tass": (0,),
                "is:disputed": (1,), "is:unsourced": (1,), "is:quoted": (0,),
                "is:reported": (0,), "is:stale": (1,)}
    assert {query: index.apply(EventFilter(query=query)) for query in expected} == expected
    assert _CountedEvents.passes == 0


def test_an_index_built_on_the_previous_one_folds_only_the_new_events_text(monkeypatch):
    """A reload that keeps most events (the same objects) indexes only those it changed."""
    from timeline_tui.core import query

    folded: list[str] = []

    def counted_haystack(event):
        folded.append(event.id)
        return haystack(event)

    haystack = query._haystack
    monkeypatch.setattr(query, "_haystack", counted_haystack)
    first = SearchIndex(TIMELINE)
    assert folded == ["ceasefire", "post", "talks", "interview"]
    folded.clear()
    changed = dataclasses.replace(TIMELINE.events[2], title="Talks in Ankara")
    reloaded = dataclasses.replace(TIMELINE, events=(*TIMELINE.events[:2], changed,
                                                     TIMELINE.events[3]))
    index = SearchIndex(reloaded, previous=first)
    assert folded == ["talks"]
    assert index.apply(EventFilter(query="ankara")) == (2,)
    assert index.apply(EventFilter(query="fox")) == (3,)
