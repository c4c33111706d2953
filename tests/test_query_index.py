"""The search index's look-ups (the events of each actor, tag, source and `is:`
state) keep what a plain test of each event keeps, from every event or from the
result of a query being narrowed."""

from __future__ import annotations

import pytest

from benchmarks.generate import generate
from helpers_core import timeline
from timeline_tui.core.loader import load_paths
from timeline_tui.core.query import EventFilter, SearchIndex, fold

SMALL = timeline("""\
    actors:
      - {id: putin, name: Vladimir Putin}
      - {id: peskov, name: Dmitry Peskov}
    sources:
      - {id: tass, outlet: TASS, title: Kremlin statement}
    events:
      - id: listed-and-quoted
        date: 2025-01-01
        title: One
        actors: [putin]
        tags: [talks, talks]
        sources: [tass]
        quotes:
          - {text: We are ready., speaker: putin, reported: true}
      - {id: quiet, date: 2025-01-02, title: Two, actors: [peskov], tags: [war]}
      - {id: both, date: 2025-01-03, title: Three, actors: [putin, peskov], tags: [talks],
         sources: [tass]}
    """)
SMALL_INDEX = SearchIndex(SMALL)


def small(query: str, within: tuple[int, ...] | None = None, actors=()) -> list[str]:
    return [SMALL.events[i].id for i in SMALL_INDEX.apply(EventFilter(frozenset(actors), query),
                                                          within)]


def test_an_event_listing_a_value_twice_is_kept_once():
    assert small("actor:putin") == ["listed-and-quoted", "both"]
    assert small("tag:talks") == ["listed-and-quoted", "both"]
    assert small("", actors={"putin", "peskov"}) == ["listed-and-quoted", "quiet", "both"]


@pytest.mark.parametrize(
    ("query", "within", "ids"),
    [
        ("is:quoted", (1, 2), []),
        ("is:quoted", (0, 2), ["listed-and-quoted"]),
        ("-is:quoted", (0, 2), ["both"]),
        ("-is:unsourced", (0, 1), ["listed-and-quoted"]),
        ("actor:peskov", (0, 2), ["both"]),
        ("-actor:peskov", (1, 2), []),
        ("tag:war", (0, 2), []),
        ("-tag:war", (1, 2), ["both"]),
        ("source:tass", (1, 2), ["both"]),
        ("three", (0, 2), ["both"]),
        ("-three", (0, 2), ["listed-and-quoted"]),
        # An actor's name and a source's title are searched in the events that cite them.
        ("putin", (0, 2), ["listed-and-quoted", "both"]),
        ("putin", (1, 2), ["both"]),
        ("-putin", (1, 2), ["quiet"]),
        ("kremlin", (0, 1), ["listed-and-quoted"]),
        ("-kremlin", (0, 1), ["quiet"]),
        ("is:reported", (), []),
    ],
)
def test_within_a_narrower_result_only_its_events_are_kept(query, within, ids):
    assert small(query, within) == ids


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("is:quoted", ["listed-and-quoted"]),
        ("-is:quoted", ["quiet", "both"]),
        ("is:unsourced", ["quiet"]),
        ("-actor:putin", ["quiet"]),
        ("-source:tass", ["quiet"]),
        ("actor:nobody", []),
        ("-actor:nobody", ["listed-and-quoted", "quiet", "both"]),
        ("is:reported -tag:war actor:putin", ["listed-and-quoted"]),
        ("putin", ["listed-and-quoted", "both"]),
        ("dmitry", ["quiet", "both"]),
        ("-dmitry", ["listed-and-quoted"]),
        ("ready", ["listed-and-quoted"]),  # the quote's text
    ],
)
def test_from_every_event(query, ids):
    assert small(query) == ids


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, events=600, files=6, seed=3)
    loaded = load_paths([str(folder)])
    assert not loaded.problems and len(loaded.events) == 600
    assert not any(event.disputes or event.extras for event in loaded.events)
    return loaded


def _plain_test(timeline, field: str, value: str):
    """Whether an event matches `field:value`, tested on the event alone."""
    if field == "is":
        return {"quoted": lambda e: bool(e.quotes),
                "reported": lambda e: any(q.reported for q in e.quotes)}[value]
    if field == "":  # the generated events have no disputes and no x- fields
        actors, sources = timeline.actors, timeline.sources

        def lines(e):
            yield from (e.title, e.summary, e.location, e.notes, *e.tags)
            for quote in e.quotes:
                yield from (quote.text, quote.context)
            for actor in e.participant_ids:
                yield from actors[actor].names
            for source in e.cited_source_ids:
                yield from (sources[source].outlet, sources[source].title, sources[source].author)
        return lambda e: any(value in fold(line) for line in lines(e))
    if field == "actor":  # an id: no other actor is named or aliased so
        return lambda e: value in e.participant_ids
    if field == "tag":
        return lambda e: value in map(fold, e.tags)
    sources = timeline.sources
    return lambda e: any(value in fold(text) for source in e.cited_source_ids
                         for text in (source, sources[source].outlet, sources[source].title))


def test_generated_data_keeps_what_a_test_of_each_event_keeps(generated):
    index = SearchIndex(generated)
    events = generated.events
    busiest = max(generated.actors, key=lambda a: sum(a in e.participant_ids for e in events))
    tag = events[0].tags[0]
    source = events[0].cited_source_ids[0]
    terms = [("is", "quoted"), ("is", "reported"),  # every event is sourced, none disputed
             ("actor", busiest), ("tag", tag), ("source", source),
             # in most events' own text; in an actor's name; in sources' titles
             ("", "p"), ("", fold(generated.actors[busiest].names[-1].split()[-1])), ("", "report")]
    for field, value in terms:
        test = _plain_test(generated, field, value)
        for negated in (False, True):
            query = f"{'-' if negated else ''}{field}{':' if field else ''}{value}"
            expected = [i for i, event in enumerate(events) if test(event) is not negated]
            assert 0 < len(expected) < len(events), query  # the term keeps some, not all
            assert list(index.apply(EventFilter(query=query))) == expected, query
            # Typed after a wider query ("the"): only among what that kept.
            wider = index.apply(EventFilter(query="the"))
            narrowed = index.apply(EventFilter(query=f"the {query}"), within=wider)
            assert list(narrowed) == [i for i in wider if test(events[i]) is not negated], query
