"""The query language of `/` and `--query`: parsing, every term kind, negation,
folding, errors with suggestions, and narrowing within the last result."""

from __future__ import annotations

from dataclasses import replace

import pytest

from timeline_tui.core.model import Dispute, DisputeVersion
from timeline_tui.core.query import (
    EventFilter,
    Query,
    QueryError,
    SearchIndex,
    Term,
    complete_query,
    fold,
    parse_query,
    select_events,
)

from helpers_core import timeline

BASE = timeline("""\
    actors:
      - {id: putin, name: Vladimir Putin, aliases: [President Putin]}
      - {id: medinsky, name: Vladimir Medinsky, aliases: [Medinskiy]}
      - {id: zelenskyy, name: Volodymyr Zelenskyy, role: Président}
      - {id: peskov, name: Dmitry Peskov}
    sources:
      - {id: sky, outlet: Sky News, title: Analysis of the talks, author: Ana Lys}
      - {id: sky-2, outlet: sky news, title: Follow-up}
      - {id: tass, outlet: TASS, title: Kremlin statement}
    events:
      - id: invasion
        date: "2022"
        end: "2022-02"
        title: Full-scale invasion
        tags: [war]
        sources: [tass]
      - id: year
        date: "2025"
        title: A year of talks
        tags: [Talks, diplomacy]
        notes: Napoleon’s retreat is recalled
      - id: ceasefire
        date: 2025-05-10
        title: Allies demand a ceasefire
        summary: A 30-day ceasefire — unconditional — is demanded.
        actors: [putin]
        sources: [sky, sky-2]
        x-verified-by: Jo Café
      - id: talks
        date: 2025-05-15~
        end: 2025-05-16
        title: Talks in Istanbul
        location: İstanbul
        actors: [zelenskyy]
        sources: [sky, tass]
        tags: [talks]
        quotes:
          - text: “We fought Sweden for 21 years.”
            speaker: Medinsky
            source: sky
            reported: true
            context: said to the Ukrainian delegation
      - id: statement
        date: 2025-06-02
        title: Kremlin statement on the talks
        summary: It's too early, Peskov says.
        actors: [peskov]
    """)
_talks = BASE.by_id["talks"]
TIMELINE = replace(BASE, events=tuple(
    replace(event, disputes=(Dispute(
        "who asked for the talks",
        (DisputeVersion("Kyiv asked", ("sky",), event.position),
         DisputeVersion("Moscow asked", ("tass",), event.position)),
        event.position),)) if event is _talks else event
    for event in BASE.events))
STALE = frozenset({TIMELINE.events[0].position.path})
INDEX = SearchIndex(TIMELINE, stale_paths=frozenset())


def kept(query: str, actor_ids=()) -> list[str]:
    parsed = parse_query(query)
    assert isinstance(parsed, Query), parsed
    indexes = INDEX.apply(EventFilter(frozenset(actor_ids), query))
    return [TIMELINE.events[i].id for i in indexes]


def test_the_timeline_loads_cleanly():
    assert [p for p in BASE.problems if p.severity == "error"] == []  # unsourced: warnings
    assert [e.id for e in TIMELINE.events] == ["invasion", "year", "ceasefire", "talks", "statement"]


# Parsing


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("", ()),
        ("  ", ()),
        ("Putin", (Term("", "putin"),)),
        ('"Ready to  FIGHT" x', (Term("", "ready to fight"), Term("", "x"))),
        ("-war", (Term("", "war", negated=True),)),
        ('-"a b"', (Term("", "a b", negated=True),)),
        ("actor:Putin tag:war", (Term("actor", "putin"), Term("tag", "war"))),
        ('actor:"Vladimir Putin"', (Term("actor", "vladimir putin"),)),
        ("-is:quoted", (Term("is", "quoted", negated=True),)),
        ("FROM:2025-05 To:2025", (Term("from", "2025-05"), Term("to", "2025"))),
        ("10:30", (Term("", "10:30"),)),                  # not a field: starts with a digit
        ("“quoted phrase”", (Term("", "quoted phrase"),)),  # curly quotes make a phrase too
        # Terms still being typed are left out, not refused.
        ("- actor: putin", (Term("", "putin"),)),
        ('"unclosed phr', (Term("", "unclosed phr"),)),
    ],
)
def test_parse_query_gives_its_terms(text, terms):
    query = parse_query(text)
    assert query == Query(text, terms)


def test_a_query_reads_back_as_its_terms():
    assert str(parse_query('-Tag:War actor:"Vladimir  Putin" is:stale Talks -"in  Istanbul"')) == \
        '-tag:war actor:"vladimir putin" is:stale talks -"in istanbul"'


def test_a_query_of_no_terms_yet_narrows_nothing():
    assert not parse_query(" - actor: ")
    assert parse_query("talks")


@pytest.mark.parametrize(
    ("text", "message", "suggestion", "span"),
    [
        ("form:2025", "unknown field 'form:': did you mean 'from:'?", "from:2025", (0, 5)),
        ("putin -acter:x", "unknown field 'acter:': did you mean 'actor:'?", "putin -actor:x",
         (6, 13)),
        ("TAGS:war", "unknown field 'tags:': did you mean 'tag:'?", "tag:war", (0, 5)),
        ("tg:war", "unknown field 'tg:': did you mean 'tag:'?", "tag:war", (0, 3)),
        ("is:disputd", "unknown is: value 'disputd': did you mean 'disputed'?", "is:disputed",
         (3, 10)),
        ("-is:disputd x", "unknown is: value 'disputd': did you mean 'disputed'?",
         "-is:disputed x", (4, 11)),
        ("is:single", "unknown is: value 'single': did you mean 'single-source'?",
         "is:single-source", (3, 9)),
        ("is:-quoted", "unknown is: value '-quoted': did you mean 'quoted'?", "is:quoted", (3, 10)),
        # Half alike: a field named for what it looks in, or a state's verb.
        ("outlet:bbc", "unknown field 'outlet:': did you mean 'source:'?", "source:bbc", (0, 7)),
        ("has:quoted", "unknown field 'has:': did you mean 'is:'?", "is:quoted", (0, 4)),
    ],
)
def test_a_mistyped_field_or_value_is_an_error_with_a_suggestion(text, message, suggestion, span):
    error = parse_query(text)
    assert isinstance(error, QueryError)
    assert error.message == message
    assert error.suggestion == suggestion
    assert (error.start, error.end) == span
    assert isinstance(parse_query(error.suggestion), Query)


def test_an_unknown_field_with_no_close_match_lists_the_fields():
    error = parse_query("https://example.org")
    assert error == QueryError("unknown field 'https:': use one of actor:, tag:, source:, from:, "
                               "to:, is: (put text with a colon in quotes)", 0, 6)
    assert isinstance(parse_query('"https://example.org"'), Query)


def test_an_unknown_is_value_with_no_close_match_lists_the_values():
    assert parse_query("talks is:xyz") == QueryError(
        "unknown is: value 'xyz': use one of disputed, single-source, unsourced, quoted, "
        "reported, stale", 9, 12)


@pytest.mark.parametrize("text", ["from:2025-13", "to:yesterday", "from:2025-02-30"])
def test_a_bad_date_is_an_error_that_names_the_field(text):
    error = parse_query(text)
    assert isinstance(error, QueryError)
    assert error.message.startswith(text.split(":")[0] + ": invalid date")
    assert (error.start, error.end) == (0, len(text))


# Folding


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Putin", "putin"),
        ("Café Zürich", "cafe zurich"),
        ("İstanbul", "istanbul"),
        ("Straße", "strasse"),
        ("Łódź", "lodz"),
        ("it’s ‘so’ 'so'", "it's 'so' 'so'"),
        ("“a” \"b\"", '"a" "b"'),
        ("a–b—c-d", "a-b-c-d"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("napoleon's", ["year"]),                  # ’ in the file, ' typed
        ('"we fought sweden"', ["talks"]),         # “ ” in the file, typed inside a phrase
        ("30-day ceasefire - unconditional", ["ceasefire"]),  # – and — typed as -
        ("istanbul", ["talks"]),                   # İ
        ("cafe", ["ceasefire"]),                   # é in an x- field
        ("PRÉSIDENT PUTIN", ["ceasefire"]),        # an alias
        ("IT’S TOO", ["statement"]),               # ' in the file, ’ typed
    ],
)
def test_matching_ignores_case_accents_and_typographic_variants(query, ids):
    assert kept(query) == ids


# Every term kind


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("istanbul", ["talks"]),                   # title … and location
        ("unconditional", ["ceasefire"]),          # summary
        ("sweden", ["talks"]),                     # quote text
        ("ukrainian delegation", ["talks"]),       # quote context
        ("recalled", ["year"]),                    # notes
        ("jo", ["ceasefire"]),                     # x- field value
        ("diplomacy", ["year"]),                   # tag
        ("medinskiy", ["talks"]),                  # alias of a quoted speaker
        ("analysis", ["ceasefire", "talks"]),      # source title
        ("lys", ["ceasefire", "talks"]),           # source author
        ("tass", ["invasion", "talks"]),           # source outlet
        ("moscow asked", ["talks"]),               # dispute version
        ("who asked", ["talks"]),                  # what the dispute is about
        ("kremlin statement", ["invasion", "talks", "statement"]),  # a title, a source's title
    ],
)
def test_a_word_matches_anything_the_detail_panel_shows(query, ids):
    assert kept(query) == ids


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("actor:putin", ["ceasefire"]),                     # id
        ("actor:\"Vladimir Medinsky\"", ["talks"]),         # name, as a quoted speaker
        ("actor:medinskiy", ["talks"]),                     # alias
        ("actor:MEDINSKIY", ["talks"]),                     # any case
        ("actor:vladimir", ["ceasefire", "talks"]),         # no exact name: names containing it
        ("actor:nobody", []),
    ],
)
def test_actor_resolves_as_references_do_then_by_substring(query, ids):
    assert kept(query) == ids


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("tag:talks", ["year", "talks"]),      # "Talks" and "talks" are one tag
        ("tag:war", ["invasion"]),
        ("tag:dipl", ["year"]),                # no such tag: tags containing it
        ("source:sky", ["ceasefire", "talks"]),        # id
        ("source:\"sky news\"", ["ceasefire", "talks"]),  # outlet
        ("source:kremlin", ["invasion", "talks"]),     # title; a dispute version cites tass
        ("source:follow", ["ceasefire"]),
    ],
)
def test_tag_and_source(query, ids):
    assert kept(query) == ids


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        # An event's span runs from the first moment its date can mean to the
        # last its end (or date) can mean; from:/to: keep the spans that overlap.
        ("from:2025-05", ["year", "ceasefire", "talks", "statement"]),  # "2025" reaches May
        ("from:2025-05-16", ["year", "talks", "statement"]),           # talks end on the 16th
        ("from:2025-05-17", ["year", "statement"]),
        ("from:2022-02-10", ["invasion", "year", "ceasefire", "talks", "statement"]),  # by its end
        ("from:2022-03", ["year", "ceasefire", "talks", "statement"]),
        ("to:2025-05-10", ["invasion", "year", "ceasefire"]),
        ("to:2024", ["invasion"]),
        ("from:2025-05-11 to:2025-05-31", ["year", "talks"]),
        ("from:2025-05-15T12:00Z to:2025-05-15T13:00Z", ["year", "talks"]),
        ("from:2026", []),
        ("-from:2025-06", ["invasion", "ceasefire", "talks"]),
    ],
)
def test_from_and_to_keep_events_whose_span_overlaps(query, ids):
    assert kept(query) == ids


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("is:disputed", ["talks"]),
        ("is:quoted", ["talks"]),
        ("is:reported", ["talks"]),
        ("is:unsourced", ["year", "statement"]),
        # ceasefire cites two sources with one outlet: one origin.
        ("is:single-source", ["invasion", "ceasefire"]),
        ("-is:single-source", ["year", "talks", "statement"]),
    ],
)
def test_is_states(query, ids):
    assert kept(query) == ids


def test_is_stale_keeps_events_from_a_file_shown_from_its_last_good_version():
    path = TIMELINE.events[0].position.path
    stale = {TIMELINE.events[i].id for i in select_events(
        TIMELINE, parse_query("is:stale"), stale_paths=frozenset({path}))}
    assert stale == {e.id for e in TIMELINE.events if e.position.path == path}
    assert select_events(TIMELINE, parse_query("is:stale")) == ()


# Negation and combination


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("-talks", ["invasion"]),  # ceasefire cites "Analysis of the talks"
        ("-actor:putin", ["invasion", "year", "talks", "statement"]),
        ("-tag:talks -tag:war", ["ceasefire", "statement"]),
        ("-source:sky", ["invasion", "year", "statement"]),
        ("-is:quoted -is:unsourced", ["invasion", "ceasefire"]),
        ('-"a year"', ["invasion", "ceasefire", "talks", "statement"]),
        ("talks -is:disputed from:2025-06", ["year", "statement"]),
    ],
)
def test_minus_negates_any_term(query, ids):
    assert kept(query) == ids


def test_the_query_and_the_actor_filter_combine():
    assert kept("talks", actor_ids={"zelenskyy", "peskov"}) == ["talks", "statement"]
    assert kept("-is:disputed", actor_ids={"zelenskyy", "peskov"}) == ["statement"]


# Narrowing: typing one more character searches only within the last result


@pytest.mark.parametrize(
    ("wider", "narrower", "narrows"),
    [
        ("tal", "talk", True),
        ("talk", "tal", False),
        ("talk", "talk is:quoted", True),
        ("-talks", "-talk", True),
        ("-talk", "-talks", False),
        ("actor:vladimir", "actor:medinsky", True),
        ("actor:medinsky", "actor:vladimir", False),
        ("tag:ta", "tag:talks", True),
        ("from:2025", "from:2025-05", True),
        ("from:2025-05", "from:2025", False),
        ("to:2025-05", "to:2025", False),
        ("to:2025", "to:2025-05", True),
        ("is:quoted", "is:quoted talks", True),
        ("is:quoted", "-is:quoted", False),
        ("tag:war", "tag:talks", False),
        ("source:sky", "source:tass", False),
        ("-source:sky", "-source:s", True),      # s: every source here; none is kept
        ("-source:s", "-source:sky", False),
        ("-tag:talks", "-tag:talks x", True),
        ("from:2025", "from:2025 x", True),
        ("-from:2025", "-from:2025 x", True),
        ("-from:2025-05", "-from:2025", True),   # ending before 2025 ends before May
        ("-from:2025", "-from:2025-05", False),
        ("to:2025", "to:2025 x", True),
        ("-to:2025", "-to:2025 x", True),
        ("-to:2025-05", "-to:2025", True),       # starting after 2025 starts after May
        ("-to:2025", "-to:2025-05", False),
    ],
)
def test_narrowing_is_recognised_only_when_it_keeps_a_subset(wider, narrower, narrows):
    old, new = EventFilter(query=wider), EventFilter(query=narrower)
    assert INDEX.narrows(new, old) is narrows
    if narrows:
        assert INDEX.apply(new, INDEX.apply(old)) == INDEX.apply(new)


def test_an_actor_filter_narrows_only_a_wider_actor_filter():
    one, two = EventFilter(frozenset({"putin"})), EventFilter(frozenset({"putin", "peskov"}))
    assert INDEX.narrows(one, two)
    assert not INDEX.narrows(two, one)
    assert not INDEX.narrows(EventFilter(), one)
    assert INDEX.narrows(one, EventFilter())


def test_a_query_that_does_not_parse_filters_nothing_in_the_index():
    # The app keeps the last valid query; the index never raises on a bad one.
    assert INDEX.apply(EventFilter(query="form:2025")) == tuple(range(len(TIMELINE.events)))


# Completion


@pytest.mark.parametrize(
    ("text", "completed"),
    [
        ("a", "actor:"),
        ("putin -i", "putin -is:"),
        ("t", "tag:"),
        ("to", "to:"),
        ("x", None),
        ("actor:", "actor:Medinskiy"),           # the first value, in order
        ("actor:pes", "actor:peskov"),
        ("actor:Vlad", None),                    # only names of one word
        ("tag:dip", "tag:diplomacy"),
        ("tag:TA", "tag:TAlks"),                 # what was typed is kept
        ("-source:ta", "-source:tass"),
        ("is:si", "is:single-source"),
        ("from:20", None),
        ("from:", None),                         # dates are not completed
        ("tag:war", None),                       # nothing to add
        ("Xtag:dip", None),                      # no such field
        ("tag:", "tag:diplomacy"),               # in order ignoring case
        ("nothing:", None),
        ("putin ", None),
        ("", None),
    ],
)
def test_complete_query_completes_field_names_and_values(text, completed):
    assert complete_query(text, INDEX) == completed


EXTENDED = timeline("""\
    events:
      - {id: span, date: "2020/2022", title: An interval}
      - {id: decade, date: "201X", title: A decade}
      - {id: season, date: "2019-24", title: A winter}
      - {id: broken, date: "2025-02-30", title: An impossible day}
    """)


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("from:2021", ["span"]),                     # inside the interval
        ("to:2019-06", ["decade"]),                  # 201X starts in 2010, winter 2019 later
        ("from:2019", ["decade", "season", "span"]),  # 201X reaches 2019
        ("from:2020-01-15", ["season", "span"]),     # winter 2019 runs into 2020, 201X not
        ("-to:2030", ["broken"]),                    # no usable date: no span at all
        ("impossible", ["broken"]),                  # but its text is searched
    ],
)
def test_dates_of_every_form_and_undated_events(query, ids):
    index = SearchIndex(EXTENDED)
    assert [EXTENDED.events[i].id for i in index.apply(EventFilter(query=query))] == ids


def test_completion_goes_past_a_colon_in_a_value():
    index = SearchIndex(timeline("""\
        events:
          - {id: a, date: "2025", title: t, tags: ["source:leak", war]}
        """))
    assert complete_query("tag:source:l", index) == "tag:source:leak"
    assert complete_query("tag:w", index) == "tag:war"


def test_from_and_to_keep_an_event_at_exactly_their_moment():
    built = timeline("""\
        events:
          - {id: a, date: "2025-05-15T12:00:00Z", title: t}
          - {id: b, date: "2025-05-15T12:00:01Z", title: u}
        """)
    index = SearchIndex(built)
    assert index.apply(EventFilter(query="to:2025-05-15T12:00:00Z")) == (0,)
    assert index.apply(EventFilter(query="from:2025-05-15T12:00:01Z")) == (1,)
    assert index.apply(EventFilter(query="-to:2025-05-15T12:00:00Z")) == (1,)
    assert index.apply(EventFilter(query="to:2025-05-15T12:00Z")) == (0, 1)  # to 12:00:59
    assert index.apply(EventFilter(query="from:2025-05-15T12:00:00Z")) == (0, 1)


def test_from_keeps_an_event_that_began_years_before_and_reaches_it():
    built = timeline("""\
        events:
          - {id: ended, date: "2020", end: "2025-06", title: Began in 2020, ended in June 2025}
          - {id: span, date: "2020/2023", title: An interval of four years}
          - {id: century, date: "20XX", title: A century}
          - {id: year, date: "2020", title: A year}
        """)
    index = SearchIndex(built)
    kept_from = [built.events[i].id for i in index.apply(EventFilter(query="from:2023-06"))]
    assert sorted(kept_from) == ["century", "ended", "span"]
    kept_from = [built.events[i].id for i in index.apply(EventFilter(query="from:2025-06-30"))]
    assert sorted(kept_from) == ["century", "ended"]


def test_a_new_index_finds_x_values_tags_single_sourced_events_and_completions():
    built = timeline("""\
        sources:
          - {id: a, outlet: A}
          - {id: b, outlet: B}
        events:
          - {id: one, date: "2025", title: t, tags: [war], sources: [a], x-checked-by: Jo}
          - {id: two, date: "2026", title: u, tags: [peace], sources: [a, b]}
        """)
    index = SearchIndex(built)
    assert index.apply(EventFilter(query="jo")) == (0,)
    assert index.apply(EventFilter(query="is:single-source")) == (0,)
    assert index.apply(EventFilter(query="tag:peace")) == (1,)
    assert index.completions("tag") == ["peace", "war"]


def test_an_index_built_on_the_previous_one_reads_changed_actors_and_sources_again():
    """The same event objects, among renamed actors or sources (the merge makes new
    events then; the index does not count on it)."""
    first = timeline("""\
        actors: [{id: p, name: Putin}]
        sources: [{id: s, outlet: Sky}]
        events: [{id: e, date: "2025", title: t, actors: [p], sources: [s]}]
        """)
    index = SearchIndex(first)
    renamed_actor = replace(first, actors={"p": replace(first.actors["p"], name="Vladimir")})
    assert SearchIndex(renamed_actor, previous=index).apply(EventFilter(query="vladimir")) == (0,)
    renamed_source = replace(first, sources={"s": replace(first.sources["s"], outlet="TASS")})
    assert SearchIndex(renamed_source, previous=index).apply(EventFilter(query="tass")) == (0,)


@pytest.mark.parametrize(("records", "field"), [
    ("actors: [{id: ann, name: Ann Lee}, {id: anna, name: Anna Berg}]\n"
     "events: [{id: a, date: '2025', title: t, actors: [ann]},"
     " {id: b, date: '2025', title: u, actors: [anna]}]\n", "actor:ann"),
    ("events: [{id: a, date: '2025', title: t, tags: [ann]},"
     " {id: b, date: '2025', title: u, tags: [annals]}]\n", "tag:ann"),
])
def test_a_name_or_tag_given_exactly_wins_over_those_that_contain_it(records, field):
    index = SearchIndex(timeline(records))
    assert index.apply(EventFilter(query=field)) == (0,)
    assert index.apply(EventFilter(query=field[:-1])) == (0, 1)  # "an": both contain it