"""The loader: every kind of mistake is a Problem at the exact line and column."""

from __future__ import annotations

import os

import pytest

from timeline_tui.core.dates import parse_date
from timeline_tui.core.loader import build_timeline, discover_files, load_paths, parse_file
from timeline_tui.core.model import Position, Problem

from helpers_core import errors, only_problem, parse, timeline, where, write

# A tiny cast shared by the reference tests.
CAST = """\
actors:
  - id: putin
    name: Vladimir Putin
    aliases: [President Putin]
  - id: medinsky
    name: Vladimir Medinsky
    aliases: [Medinsky, Mednisky]
sources:
  - id: sky-analysis
    outlet: Sky News
  - id: sky-headline
    title: First direct talks since 2022
"""


def events_only(*texts):
    """A timeline of the cast plus event files; problems are from the event files."""
    return timeline(("cast.yaml", CAST), *((f"e{n}.yaml", t) for n, t in enumerate(texts)))


# YAML itself


def test_yaml_syntax_error_points_at_the_offending_character():
    problem = only_problem(parse("""\
        events:
          - id: a
            title: Talks: day one
        """).problems)
    assert problem.position == Position("t.yaml", 3, 17)
    assert 'put the whole value in double quotes, as in title: "Talks: day one"' \
        in problem.message
    assert problem.detail == "mapping values are not allowed in this context"


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"events:\n\t- id: a\n", 2),
        (b"events:\n  - id: a\n\t  date: 2025\n", 3),
    ],
    ids=["tab-before-dash", "tab-in-mapping"],
)
def test_tab_indentation_is_explained(data, line):
    problem = only_problem(parse(data).problems)
    assert where(problem) == (line, 1)
    assert "tab" in problem.message.lower()


def test_top_level_list_is_refused():
    problem = only_problem(parse("""\
        - id: a
          date: 2025
        """).problems)
    assert where(problem) == (1, 1)
    assert "expected a mapping with actors, sources or events, found a list" in problem.message


def test_top_level_scalar_is_refused():
    problem = only_problem(parse("just some notes\n").problems)
    assert where(problem) == (1, 1)
    assert "expected a mapping" in problem.message
    assert "'just some notes'" in problem.message


@pytest.mark.parametrize("data", [b"", b"\n\n", b"# only a comment\n"])
def test_empty_file_is_a_problem(data):
    problem = only_problem(parse(data).problems)
    assert where(problem) == (1, 1)
    assert "empty file" in problem.message


# Fields


def test_title_given_as_a_list():
    problem = only_problem(parse("""\
        events:
          - id: a
            date: 2025
            title: [Talks, day one]
        """).problems)
    assert where(problem) == (4, 12)
    assert problem.message == "title must be text, found a list"


def test_tags_given_as_a_string():
    draft = parse("""\
        events:
          - id: a
            date: 2025
            title: Talks
            tags: war
        """)
    problem = only_problem(draft.problems)
    assert where(problem) == (5, 11)
    assert problem.message == "tags must be a list, found 'war'"
    assert [event.tags for event in draft.events] == [()]  # the event itself is kept


def test_quotes_given_as_a_mapping():
    problem = only_problem(parse("""\
        events:
          - id: a
            date: 2025
            title: Talks
            quotes:
              text: hello
              speaker: putin
        """).problems)
    assert where(problem) == (6, 7)
    assert problem.message == "quotes must be a list, found a mapping"


def test_event_without_date():
    draft = parse("""\
        events:
          - id: a
            title: Talks
        """)
    problem = only_problem(draft.problems)
    assert where(problem) == (2, 5)
    assert problem.message == "event is missing required field date"
    # Kept, so it can be found and fixed: listed after the dated events.
    (event,) = draft.events
    assert (event.id, event.date, event.title, event.problems) == ("a", None, "Talks", (problem,))


def test_event_missing_several_fields_names_them_all():
    problem = only_problem(parse("""\
        events:
          - summary: Something happened
        """).problems)
    assert where(problem) == (2, 5)
    assert problem.message == "event is missing required fields id, date, title"


def test_actor_without_name():
    draft = parse("""\
        actors:
          - id: putin
            role: president
        """)
    problem = only_problem(draft.problems)
    assert where(problem) == (2, 5)
    assert problem.message == "actor is missing required field name"
    assert draft.actors == ()


def test_quote_without_speaker():
    draft = parse("""\
        events:
          - id: a
            date: 2025
            title: Talks
            quotes:
              - text: We are ready to fight
        """)
    problem = only_problem(draft.problems)
    assert where(problem) == (6, 9)
    assert problem.message == "quote is missing required field speaker"


def test_empty_required_text_is_a_problem():
    problem = only_problem(parse("""\
        events:
          - id: a
            date: 2025
            title: ""
        """).problems)
    assert where(problem) == (4, 12)
    assert problem.message == "title must not be empty"


def test_source_with_none_of_title_outlet_url():
    draft = parse("""\
        sources:
          - id: notebook
            author: Me
            notes: Heard it somewhere
        """)
    problem = only_problem(draft.problems)
    assert where(problem) == (2, 5)
    assert problem.message == "source needs at least one of title, outlet or url"
    assert draft.sources == ()


@pytest.mark.parametrize("field", ["title", "outlet", "url"])
def test_source_with_any_one_of_title_outlet_url_is_enough(field):
    draft = parse(f"""\
        sources:
          - id: s
            {field}: something
        """)
    assert draft.problems == ()
    assert [source.source.id for source in draft.sources] == ["s"]


def test_unknown_key_suggests_the_closest():
    draft = parse("""\
        events:
          - id: a
            date: 2025
            title: Talks
            qoutes: []
        """)
    problem = only_problem(draft.problems)
    assert where(problem) == (5, 5)
    assert "unknown key 'qoutes' (did you mean 'quotes'?)" in problem.message
    assert "x-" in problem.message  # and says how to add fields of one's own
    assert [event.id for event in draft.events] == ["a"]


def test_unknown_key_without_a_close_match_lists_the_keys():
    problem = only_problem(parse("""\
        actors:
          - id: putin
            name: Vladimir Putin
            nationality: Russian
        """).problems)
    assert where(problem) == (4, 5)
    assert "unknown key 'nationality'" in problem.message
    assert "id, name, aliases, role, group, description" in problem.message


def test_unknown_top_level_key_suggests_the_closest():
    problem = only_problem(parse("""\
        event:
          - id: a
        """).problems)
    assert where(problem) == (1, 1)
    assert "unknown key 'event' (did you mean 'events'?)" in problem.message


def test_duplicate_key_in_one_mapping_names_the_first():
    draft = parse("""\
        events:
          - id: a
            date: 2025
            title: Talks
            title: Talks again
        """)
    problem = only_problem(draft.problems)
    assert where(problem) == (5, 5)
    assert problem.message == "duplicate key 'title' (first at line 4, column 5)"
    assert draft.events[0].title == "Talks"


# Ids


def test_duplicate_ids_within_a_file_name_the_first_place():
    built = timeline(("a.yaml", """\
        actors:
          - id: putin
            name: Vladimir Putin
          - id: putin
            name: Someone Else
        sources:
          - {id: sky, outlet: Sky News}
          - {id: sky, outlet: Sky News again}
        events:
          - id: talks
            date: 2025
            title: Talks
          - id: talks
            date: 2026
            title: More talks
        """))
    assert [(where(p), p.message) for p in errors(built.problems)] == [
        ((4, 5), "duplicate actor id 'putin' (first at a.yaml:2:5)"),
        ((8, 5), "duplicate source id 'sky' (first at a.yaml:7:5)"),
        ((13, 9), "duplicate event id 'talks' (first at a.yaml:10:5)"),
    ]
    assert built.actors["putin"].name == "Vladimir Putin"
    assert [event.title for event in built.events] == ["Talks"]


def test_duplicate_event_id_across_files_names_the_first_file():
    event = """\
        events:
          - id: talks
            date: 2025
            title: Talks
        """
    built = timeline(("a.yaml", event), ("b.yaml", event))
    problem = only_problem(errors(built.problems))
    assert problem.position == Position("b.yaml", 2, 9)
    assert problem.message == "duplicate event id 'talks' (first at a.yaml:2:5)"
    assert len(built.events) == 1


def test_duplicate_actor_id_across_files_names_the_first_file():
    actor = """\
        actors:
          - id: putin
            name: Vladimir Putin
        """
    problem = only_problem(timeline(("a.yaml", actor), ("b.yaml", actor)).problems)
    assert problem.position == Position("b.yaml", 2, 5)
    assert problem.message == "duplicate actor id 'putin' (first at a.yaml:2:5)"


def test_one_spelling_for_two_actors_is_a_problem():
    problem = only_problem(timeline("""\
        actors:
          - id: trump
            name: Donald Trump
            aliases: [President]
          - id: putin
            name: Vladimir Putin
            aliases: [president]
        """).problems)
    assert where(problem) == (5, 5)
    assert "'president' already refers to actor 'trump'" in problem.message


# References


def test_unknown_actor_suggests_the_closest():
    problem = only_problem(events_only("""\
        events:
          - id: a
            date: 2025
            title: Talks
            sources: [sky-analysis]
            actors: [putin, puttin]
        """).problems)
    assert problem.position == Position("e0.yaml", 6, 21)
    assert problem.message == "actor 'puttin' is not a known actor (did you mean 'putin'?)"


def test_unknown_speaker_suggests_the_closest_spelling():
    built = events_only("""\
        events:
          - id: a
            date: 2025
            title: Talks
            sources: [sky-analysis]
            quotes:
              - text: We are ready
                speaker: Vladimir Medinksy
        """)
    problem = only_problem(built.problems)
    assert problem.position == Position("e0.yaml", 8, 18)
    assert problem.message.startswith(
        "speaker 'Vladimir Medinksy' is not a known actor (did you mean 'Vladimir Medinsky'")


def test_unknown_source_suggests_the_closest():
    problem = only_problem(events_only("""\
        events:
          - id: a
            date: 2025
            title: Talks
            sources: [sky-analisys]
        """).problems)
    assert problem.position == Position("e0.yaml", 5, 15)
    assert problem.message == "unknown source 'sky-analisys' (did you mean 'sky-analysis'?)"


def test_unknown_quote_source_suggests_the_closest():
    problem = only_problem(events_only("""\
        events:
          - id: a
            date: 2025
            title: Talks
            quotes:
              - text: We are ready
                speaker: medinsky
                source: sky-headlin
        """).problems)
    assert problem.position == Position("e0.yaml", 8, 17)
    assert problem.message == "unknown source 'sky-headlin' (did you mean 'sky-headline'?)"


def test_unknown_related_event_suggests_the_closest():
    built = events_only("""\
        events:
          - id: istanbul-talks
            date: 2025
            title: Talks
            sources: [sky-analysis]
          - id: threat
            date: 2025
            title: Threat
            sources: [sky-analysis]
            related: [istanbul-talks, istanbul-talk]
        """)
    problem = only_problem(built.problems)
    assert problem.position == Position("e0.yaml", 10, 31)
    assert problem.message == ("unknown related event 'istanbul-talk' "
                               "(did you mean 'istanbul-talks'?)")
    # Kept as written: the detail shows it as missing rather than hiding it.
    assert built.events[built.event_index("threat")].related == ("istanbul-talks", "istanbul-talk")


def test_unknown_reference_without_anything_close_has_no_suggestion():
    problem = only_problem(events_only("""\
        events:
          - id: a
            date: 2025
            title: Talks
            sources: [reuters]
        """).problems)
    assert problem.message == "unknown source 'reuters'"


def test_related_event_may_be_in_another_file():
    built = timeline("""\
        events:
          - {id: a, date: 2025, title: A, related: [b]}
        """, """\
        events:
          - {id: b, date: 2024, title: B}
        """)
    assert errors(built.problems) == ()
    assert built.events[built.event_index("a")].related == ("b",)


@pytest.mark.parametrize(("sources", "count"), [("[]", 0), ("[sky-analysis, sky-headline]", 2)])
def test_quote_without_source_is_a_warning_unless_the_event_has_exactly_one(sources, count):
    built = events_only(f"""\
        events:
          - id: a
            date: 2025
            title: Talks
            sources: {sources}
            quotes:
              - text: We are ready
                speaker: medinsky
        """)
    assert errors(built.problems) == ()
    problem = built.problems[-1]
    assert (problem.position, problem.severity) == (Position("e0.yaml", 7, 9), "warning")
    assert problem.message == f"quote names no source and the event lists {count}: add source: <id>"
    assert built.events[0].quotes[0].source_id is None  # the quote is kept


# Values


def test_invalid_date_is_reported_at_the_date():
    draft = parse("""\
        events:
          - id: a
            date: 2025-02-30
            title: Talks
        """)
    problem = only_problem(draft.problems)
    assert where(problem) == (3, 11)
    assert problem.message == "date: invalid date '2025-02-30': February 2025 has 28 days"
    (event,) = draft.events
    assert (event.id, event.date, event.problems) == ("a", None, (problem,))


def test_invalid_source_date_is_reported_at_the_date():
    problem = only_problem(parse("""\
        sources:
          - id: s
            outlet: Sky News
            published: 17 May 2025
        """).problems)
    assert where(problem) == (4, 16)
    assert problem.message.startswith("published: invalid date '17 May 2025'")


def test_end_before_date():
    draft = parse("""\
        events:
          - id: a
            date: 2025-05-16
            title: Talks
            end: 2025-05-15
        """)
    problem = only_problem(draft.problems)
    assert where(problem) == (5, 10)
    assert problem.message == "end 2025-05-15 is before date 2025-05-16"
    assert draft.events[0].end is None


def test_end_in_a_coarser_precision_that_covers_the_date_is_fine():
    draft = parse("""\
        events:
          - id: a
            date: 2025-05-16
            title: Talks
            end: 2025-05
        """)
    assert draft.problems == ()
    assert draft.events[0].end == parse_date("2025-05")


def test_reported_yes_is_rejected_with_an_explanation():
    problem = only_problem(events_only("""\
        events:
          - id: a
            date: 2025
            title: Talks
            sources: [sky-analysis]
            quotes:
              - text: We are ready
                speaker: medinsky
                reported: yes
        """).problems)
    assert problem.position == Position("e0.yaml", 9, 19)
    assert "reported must be true or false" in problem.message
    assert "'yes'" in problem.message and "YAML 1.1" in problem.message


@pytest.mark.parametrize(("written", "value"), [("true", True), ("false", False), ("True", True)])
def test_reported_true_and_false_are_accepted(written, value):
    built = events_only(f"""\
        events:
          - id: a
            date: 2025
            title: Talks
            sources: [sky-analysis]
            quotes:
              - text: We are ready
                speaker: medinsky
                reported: {written}
        """)
    assert built.problems == ()
    assert built.events[0].quotes[0].reported is value


def test_reported_as_a_string_is_rejected():
    problem = only_problem(events_only("""\
        events:
          - id: a
            date: 2025
            title: Talks
            sources: [sky-analysis]
            quotes:
              - {text: We are ready, speaker: medinsky, reported: "true"}
        """).problems)
    assert problem.position == Position("e0.yaml", 7, 59)
    assert problem.message == "reported must be true or false, found 'true'"


@pytest.mark.parametrize(
    ("text", "at", "tag"),
    [
        ("events:\n  - id: a\n    date: 2025\n    title: !!python/object:os.system ls\n",
         (4, 12), "!!python/object:os.system"),
        ("events: !!python/object/apply:os.system [ls]\n", (1, 9), "!!python/object/apply:os.system"),
        ("actors:\n  - !custom\n    id: a\n    name: A\n", (2, 5), "!custom"),
    ],
    ids=["on-a-field", "on-a-section", "local-tag"],
)
def test_custom_tags_are_refused(text, at, tag):
    draft = parse(text.encode())
    problem = only_problem(draft.problems)
    assert where(problem) == at
    assert problem.message == f"the tag {tag} is not allowed: timelines hold plain data"
    # Nothing is made of the tagged value (an event whose id was read is kept).
    assert [event.title for event in draft.events] in ([], [""]) and draft.actors == ()


def test_non_utf8_byte_is_located():
    problem = only_problem(parse(b"events:\n  - id: a\n    title: caf\xe9 talks\n").problems)
    assert where(problem) == (3, 15)
    assert problem.message == "not valid UTF-8 (byte 0xe9)"


def test_non_utf8_column_counts_characters_like_other_problems():
    # “ is three bytes but one column, as every YAML problem and editor counts it.
    problem = only_problem(parse("events:\n  - id: a\n    title: “caf".encode() + b"\xe9\n").problems)
    assert where(problem) == (3, 16)


def test_nul_byte_is_located():
    problem = only_problem(parse(b"events:\n  - id: a\n    title: ab\x00cd\n").problems)
    assert where(problem) == (3, 14)
    assert "NUL" in problem.message


def test_utf8_byte_order_mark_is_accepted():
    draft = parse(b"\xef\xbb\xbfevents:\n  - {id: a, date: 2025, title: T}\n")
    assert draft.problems == ()
    assert [event.id for event in draft.events] == ["a"]


# Reading values as written


def test_unquoted_date_equals_quoted_date():
    built = timeline("""\
        events:
          - {id: a, date: 2025-05-16, title: A}
          - {id: b, date: "2025-05-16", title: B}
          - {id: c, date: 2025-05-16 10:30, title: C}
          - {id: d, date: 2025, title: D}
        """)
    assert errors(built.problems) == ()
    dates = {event.id: event.date for event in built.events}
    assert dates["a"] == dates["b"] == parse_date("2025-05-16")
    assert dates["c"] == parse_date("2025-05-16 10:30")
    assert dates["d"] == parse_date("2025")


def test_yaml_11_implicit_types_do_not_change_titles_or_ids():
    built = timeline("""\
        actors:
          - {id: no, name: Off, aliases: [1e3]}
        events:
          - id: 1:30
            date: 2025
            title: NO
            summary: 0x10
            tags: [yes, 010]
            actors: [no]
        """)
    assert errors(built.problems) == ()
    [event] = built.events
    assert (event.id, event.title, event.summary) == ("1:30", "NO", "0x10")
    assert event.actor_ids == ("no",)
    assert built.actors["no"].aliases == ("1e3",)


def test_yaml_null_tag_is_refused_as_empty_not_read_as_text():
    problem = only_problem(parse("""\
        events:
          - {id: a, date: 2025, title: ~}
        """).problems)
    assert problem.message == "title must not be empty"


def test_actor_references_match_id_name_and_alias_case_insensitively():
    built = events_only("""\
        events:
          - id: a
            date: 2025
            title: Talks
            sources: [sky-analysis]
            actors: [PUTIN, vladimir medinsky, president putin]
            quotes:
              - text: Maybe some of those sitting here will lose more
                speaker: mednisky
        """)
    assert built.problems == ()
    [event] = built.events
    assert event.actor_ids == ("putin", "medinsky")
    assert event.quotes[0].speaker_id == "medinsky"


def test_quote_without_source_inherits_the_events_single_source():
    built = events_only("""\
        events:
          - id: a
            date: 2025
            title: Talks
            sources: [sky-headline]
            quotes:
              - text: We are ready
                speaker: medinsky
              - text: How long are you ready to fight?
                speaker: medinsky
                source: sky-analysis
        """)
    assert built.problems == ()
    assert [quote.source_id for quote in built.events[0].quotes] == ["sky-headline", "sky-analysis"]
    assert built.events[0].cited_source_ids == ("sky-headline", "sky-analysis")


def test_quote_fields_are_kept():
    built = events_only("""\
        events:
          - id: a
            date: 2025
            title: Talks
            sources: [sky-analysis]
            quotes:
              - text: "We fought Sweden for 21 years."
                speaker: Medinsky
                reported: true
                context: is reported to have said
        """)
    [quote] = built.events[0].quotes
    assert (quote.text, quote.speaker_id, quote.reported, quote.context) == (
        "We fought Sweden for 21 years.", "medinsky", True, "is reported to have said")
    assert quote.position == Position("e0.yaml", 7, 9)


def test_x_fields_are_kept_in_order_as_written():
    built = timeline("""\
        actors:
          - {id: p, name: P, x-wikidata: Q7747}
        sources:
          - {id: s, url: "https://example.org", x-paywall: true}
        events:
          - id: a
            date: 2025
            title: Talks
            x-zeta: last letter
            x-alpha: [1, two]
            x-map: {k: v}
        """)
    assert errors(built.problems) == ()
    assert built.events[0].extras == (
        ("x-zeta", "last letter"), ("x-alpha", ("1", "two")), ("x-map", (("k", "v"),)))
    assert built.actors["p"].extras == (("x-wikidata", "Q7747"),)
    assert built.sources["s"].extras == (("x-paywall", "true"),)


def test_x_fields_are_not_allowed_in_quotes():
    problem = only_problem(parse("""\
        events:
          - id: a
            date: 2025
            title: Talks
            quotes:
              - {text: hi, speaker: p, x-note: mine}
        """).problems)
    assert where(problem) == (6, 32)
    assert "unknown key 'x-note'" in problem.message


def test_events_sort_by_date_then_precision_then_file_order():
    built = timeline(("a.yaml", """\
        events:
          - {id: a-day-2, date: 2025-05-16, title: t}
          - {id: a-month, date: 2025-05?, title: t}
          - {id: a-day-1, date: 2025-05-16, title: t}
          - {id: a-earlier, date: 2025-05-15T23:59, title: t}
        """), ("b.yaml", """\
        events:
          - {id: b-year, date: 2025, title: t}
          - {id: b-day, date: 2025-05-16~, title: t}
          - {id: b-minute, date: 2025-05-16T00:00, title: t}
        """))
    assert errors(built.problems) == ()
    assert [event.id for event in built.events] == [
        "b-year", "a-month", "a-earlier", "a-day-2", "a-day-1", "b-day", "b-minute"]
    assert [built.event_index(event.id) for event in built.events] == list(range(7))
    assert built.event_index("no-such-event") is None


def test_a_bad_event_does_not_hide_the_good_ones():
    built = timeline("""\
        events:
          - {id: good-1, date: 2025-05-10, title: First}
          - {id: bad, date: 2025-13-01, title: Broken}
          - {id: good-2, date: 2025-05-11, title: Second}
          - not even a mapping
          - {id: good-3, date: 2025-05-12, title: Third}
        """)
    # The event with a bad date is kept, after the dated ones, with its problem.
    assert [event.id for event in built.events] == ["good-1", "good-2", "good-3", "bad"]
    assert [where(problem) for problem in errors(built.problems)] == [(3, 21), (5, 5)]
    assert [where(problem) for problem in built.events[-1].problems] == [(3, 21)]


def test_a_bad_section_does_not_hide_the_others():
    built = timeline("""\
        actors: putin
        events:
          - {id: a, date: 2025, title: Talks}
        """)
    assert [where(problem) for problem in errors(built.problems)] == [(1, 9)]
    assert [event.id for event in built.events] == ["a"]


def test_problem_prints_like_a_compiler_error():
    problem = Problem(Position("events/a.yaml", 3, 11), "date: invalid date")
    assert str(problem) == "events/a.yaml:3:11: error: date: invalid date"


# Files and directories


def test_discover_files_recurses_sorted_yaml_and_yml_skipping_hidden(tmp_path):
    for name in ["b.yaml", "a.yml", "sub/c.yaml", "sub/deeper/d.yml", "notes.txt", "README.md",
                 ".hidden.yaml", ".git/e.yaml", "sub/.draft/f.yaml", "a.yaml.bak"]:
        write(tmp_path, name, "events: []\n")
    files, problems = discover_files([tmp_path])
    assert problems == []
    assert [os.path.relpath(path, tmp_path) for path in files] == [
        "a.yml", "b.yaml", os.path.join("sub", "c.yaml"), os.path.join("sub", "deeper", "d.yml")]


def test_discover_files_keeps_the_order_paths_are_given_and_each_file_once(tmp_path):
    first = write(tmp_path, "z.yaml", "events: []\n")
    second = write(tmp_path, "a.yaml", "events: []\n")
    files, problems = discover_files([first, tmp_path, second])
    assert problems == []
    assert files == [str(first), str(second)]


def test_discover_files_takes_an_explicit_file_whatever_its_name(tmp_path):
    path = write(tmp_path, "timeline.txt", "events: []\n")
    assert discover_files([path]) == ([str(path)], [])


def test_missing_path_is_a_problem_not_an_exception(tmp_path):
    missing = tmp_path / "nope"
    files, problems = discover_files([missing])
    assert files == []
    assert problems == [Problem(Position(str(missing), 1, 1), "no such file or directory")]


def test_load_paths_merges_files_and_reports_missing_paths(tmp_path):
    write(tmp_path, "events/actors.yaml", """\
        actors:
          - {id: putin, name: Vladimir Putin}
        sources:
          - {id: s, outlet: Sky News}
        """)
    write(tmp_path, "events/2025/talks.yaml", """\
        events:
          - id: talks
            date: 2025-05-15~
            title: Talks
            actors: [Putin]
            sources: [s]
        """)
    built = load_paths([tmp_path / "events", tmp_path / "missing.yaml"])
    assert [str(problem) for problem in built.problems] == [
        f"{tmp_path / 'missing.yaml'}:1:1: error: no such file or directory"]
    assert [event.actor_ids for event in built.events] == [("putin",)]
    assert built.files == (str(tmp_path / "events" / "2025" / "talks.yaml"),
                           str(tmp_path / "events" / "actors.yaml"))


def test_load_paths_reports_problems_with_the_files_path(tmp_path):
    path = write(tmp_path, "bad.yaml", """\
        events:
          - id: a
            date: 2025-02-30
            title: Talks
        """)
    problem = only_problem(errors(load_paths([path]).problems))
    assert problem.position == Position(str(path), 3, 11)


def test_build_timeline_of_nothing_is_empty():
    built = build_timeline([])
    assert (built.events, dict(built.actors), built.problems) == ((), {}, ())


def test_parse_file_never_raises_on_deep_nesting():
    draft = parse_file("deep.yaml", b"events: " + b"[" * 5000 + b"]" * 5000 + b"\n")
    assert len(draft.problems) >= 1
    assert draft.events == ()


# One mistake, one message


def test_references_into_a_broken_file_are_not_reported_but_said_once():
    built = timeline(("actors.yaml", """\
        actors:
          - {id: putin, name: Vladimir Putin}
          - id: zelenskyy
            name: "Volodymyr Zelenskyy
        """), ("events.yaml", """\
        events:
          - {id: a, date: 2025-05-16, title: A, actors: [putin, zelenskyy], sources: [sky]}
          - {id: b, date: 2025-05-17, title: B, related: [nowhere], sources: [sky]}
        """))
    # putin, before the error, is kept and resolves; zelenskyy, sky and nowhere may
    # be defined in what could not be read.
    assert built.events[0].actor_ids == ("putin",)
    assert [(problem.position.path, problem.severity) for problem in built.problems] == [
        ("actors.yaml", "error"), ("actors.yaml", "warning")]
    assert "not checked" in built.problems[1].message


def test_a_broken_file_with_nothing_unresolved_adds_no_note():
    built = timeline(("a.yaml", "events:\n  - {id: a, date: 2025, title: A\n"),
                     ("b.yaml", "events:\n  - {id: b, date: 2025, title: B}\n"))
    assert [problem.severity for problem in errors(built.problems)] == ["error"]
    assert not any("not checked" in problem.message for problem in built.problems)


def test_an_event_kept_with_a_bad_field_is_known_to_references():
    built = events_only("""\
        events:
          - {id: a, date: 2025-05-16, title: A, related: [b]}
          - {id: b, date: "17 May 2025", title: B}
        """)
    assert [where(problem) for problem in errors(built.problems)] == [(3, 19)]
    assert built.events[0].related == ("b",)
    assert [event.id for event in built.events] == ["a", "b"]  # b undated: last
    assert built.events[1].date is None and built.events[1].problems == errors(built.problems)


def test_an_interval_date_and_an_end_are_not_both_taken():
    problem = only_problem(parse("""\
        events:
          - {id: a, date: 2025-05-16/2025-05-18, end: 2025-05-20, title: A}
        """).problems)
    assert where(problem) == (2, 47)
    assert "either the interval or end, not both" in problem.message


def test_a_files_timezone_applies_to_its_zoneless_times_only():
    built = timeline(("la.yaml", """\
        timezone: America/Los_Angeles
        events:
          - {id: la, date: "2025-05-16T09:00", title: LA}
        """), ("other.yaml", """\
        events:
          - {id: here, date: "2025-05-16T09:00", title: Somewhere}
          - {id: utc, date: "2025-05-16T15:00Z", title: UTC}
        """))
    by_id = {event.id: event for event in built.events}
    assert by_id["la"].date.utc_offset_minutes == -7 * 60
    assert by_id["here"].date.utc_offset_minutes is None
    # 09:00 in Los Angeles is 16:00 UTC: after 15:00Z. The zone-less time stays
    # with its day's start, never taken as 09:00 UTC.
    assert [event.id for event in built.events] == ["here", "utc", "la"]


# Within a day, the writer's order places an event without a time


def test_a_day_without_a_time_follows_the_timed_event_written_before_it():
    built = timeline("""\
        events:
          - {id: morning, date: "2025-05-16T09:00Z", title: Morning}
          - {id: untimed-after, date: 2025-05-16, title: Written after the morning}
          - {id: evening, date: "2025-05-16T20:00Z", title: Evening}
          - {id: untimed-last, date: 2025-05-16, title: Written after the evening}
          - {id: next-day, date: 2025-05-17, title: Next day}
        """)
    assert [event.id for event in built.events] == [
        "morning", "untimed-after", "evening", "untimed-last", "next-day"]


def test_a_day_without_a_time_written_first_opens_its_day():
    built = timeline("""\
        events:
          - {id: evening, date: "2025-05-16T20:00", title: Evening}
          - {id: other-day, date: "2025-05-18T08:00", title: Other day}
          - {id: untimed, date: 2025-05-17, title: No timed event of its day before it}
          - {id: morning, date: "2025-05-17T09:00", title: Morning}
        """)
    assert [event.id for event in built.events] == ["evening", "untimed", "morning", "other-day"]


def test_the_order_is_total_and_the_same_on_every_load():
    files = [("a.yaml", """\
        events:
          - {id: a1, date: "2025-05-16T12:00", title: A noon}
          - {id: a2, date: 2025-05-16, title: A day}
        """), ("b.yaml", """\
        events:
          - {id: b1, date: 2025-05-16, title: B day}
          - {id: b2, date: "2025-05-16T12:00", title: B noon}
          - {id: b3, date: 2025-05-16, title: B day after noon}
        """)]
    first = [event.id for event in timeline(*files).events]
    assert first == [event.id for event in timeline(*files).events]
    assert first == ["b1", "a1", "a2", "b2", "b3"]


def test_an_unquoted_set_of_dates_says_to_quote_it():
    problem = only_problem(parse("""\
        events:
          - {id: a, date: [2023-11-17, 2023-11-18], title: A}
        """).problems)
    assert where(problem) == (2, 19)
    assert 'quote it: date: "[2023-11-17,2023-11-18]"' in problem.message


def test_a_bracket_hidden_by_a_comment_says_so():
    problem = only_problem(parse(b"events:\n  - {id: a, date: 2025, title: Talks #1 open}\n").problems)
    assert where(problem) == (2, 5)
    assert "this { is never closed" in problem.message
    assert 'the " #" on its line starts a comment, which hides the rest of the line, } included' \
        in problem.message


def test_records_before_a_syntax_error_are_kept_with_windows_line_ends():
    draft = parse(b"events:\r\n  - {id: a, date: 2025, title: A}\r\n  - id: b\r\n"
                  b"    date: 2025\r\n    title: B #2\r\n  - id: c\r\n    title: x: y\r\n")
    assert [event.id for event in draft.events] == ["a", "b"]
    assert draft.broken
    assert [(where(problem), problem.severity) for problem in draft.problems] == [
        ((5, 14), "warning"), ((7, 13), "error")]


# Files that must not be read whole


def test_a_fifo_is_refused_without_being_opened(tmp_path):
    from timeline_tui.core.loader import read_file

    os.mkfifo(tmp_path / "fifo.yaml")  # opening it would block until someone writes
    draft = read_file(str(tmp_path / "fifo.yaml"))
    assert [str(p) for p in draft.problems] == [f"{tmp_path / 'fifo.yaml'}:1:1: error: not a regular file"]


def test_the_size_limit_is_inclusive(tmp_path, monkeypatch):
    from timeline_tui.core import yaml_read as loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 40)
    at_limit = tmp_path / "at.yaml"
    at_limit.write_bytes(b"events: []" + b" " * 29 + b"\n")
    assert len(at_limit.read_bytes()) == 40
    assert loader.read_bytes(str(at_limit)) == at_limit.read_bytes()
    over = tmp_path / "over.yaml"
    over.write_bytes(b"events: []" + b" " * 30 + b"\n")
    [problem] = loader.read_bytes(str(over)).problems
    assert str(problem) == f"{over}:1:1: error: file is 41 bytes; the limit is 40"


def test_a_file_that_grows_after_it_was_measured_is_cut_at_the_limit(tmp_path, monkeypatch):
    from timeline_tui.core import yaml_read as loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 40)
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"events: []\n")
    small = os.stat(path)
    path.write_bytes(b"events: []" + b" " * 100 + b"\n")  # grew between stat and read
    monkeypatch.setattr(loader.os, "stat", lambda _path: small)
    [problem] = loader.read_bytes(str(path)).problems
    assert str(problem) == f"{path}:1:1: error: file is over the limit of 40 bytes"
    path.write_bytes(b"events: []" + b" " * 29 + b"\n")  # exactly at the limit: read
    assert loader.read_bytes(str(path)) == path.read_bytes()


def test_a_file_that_never_stops_growing_is_read_only_to_the_limit(tmp_path, monkeypatch):
    from timeline_tui.core import yaml_read as loader

    class Endless:
        """A file still being written, faster than it is read."""

        def __enter__(self):
            return self

        def __exit__(self, *_):
            return False

        def read(self, size=-1):
            assert size is not None and size >= 0, "read to the end of a file that has none"
            return b" " * size

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 40)
    path = tmp_path / "log.yaml"
    path.write_bytes(b"events: []\n")
    monkeypatch.setattr(loader, "open", lambda *_: Endless(), raising=False)
    [problem] = loader.read_bytes(str(path)).problems
    assert str(problem) == f"{path}:1:1: error: file is over the limit of 40 bytes"


def _with_extra(value: str) -> str:
    return f'events:\n  - id: e\n    date: "2025"\n    title: t\n    x-mine: {value}\n'


def test_an_x_field_may_nest_fifty_levels_and_no_more():
    def nested(levels: int, inner: str) -> str:
        return "[" * levels + inner + "]" * levels

    for levels, inner, innermost in ((50, "1", "1"), (50, "~", ""), (49, "{k: v}", (("k", "v"),))):
        [event] = parse(_with_extra(nested(levels, inner))).events
        value = dict(event.extras)["x-mine"]
        for _ in range(levels):
            [value] = value
        assert value == innermost
    draft = parse(_with_extra(nested(51, "1")))
    assert [event.extras for event in draft.events] == [()]  # the event kept, without it
    assert [str(p) for p in draft.problems] == [
        "t.yaml:5:13: error: this x- field is too large or too deeply nested"]
    draft = parse(_with_extra("{a: " * 51 + "1" + "}" * 51))  # mappings count alike
    assert [str(p) for p in draft.problems] == [
        "t.yaml:5:13: error: this x- field is too large or too deeply nested"]
    assert not parse(_with_extra("{a: " * 50 + "1" + "}" * 50)).problems


def test_an_x_field_may_hold_a_bounded_number_of_nodes(monkeypatch):
    from timeline_tui.core import validate as loader

    monkeypatch.setattr(loader, "MAX_EXTRA_NODES", 5)
    [event] = parse(_with_extra("[a, b, c, d]")).events  # the list and four items
    assert dict(event.extras)["x-mine"] == ("a", "b", "c", "d")
    draft = parse(_with_extra("[a, b, c, d, e]"))
    assert [str(p) for p in draft.problems] == [
        "t.yaml:5:13: error: this x- field is too large or too deeply nested"]


_FACTS_A = ("a.yaml", """\
    actors:
      - {id: p, name: Putin}
      - {id: z, name: Zelenskyy}
      - {id: t, name: Trump}
    sources: [{id: s1, outlet: A}, {id: s2, outlet: B}, {id: s3, outlet: C}]
    events:
      - id: e1
        date: 2025-05-16
        title: Three take part, two quotes, two sources
        actors: [p, z]
        sources: [s1]
        quotes:
          - {text: x, speaker: t, source: s2}
          - {text: y, speaker: p}
      - {id: e2, date: 2025-05-03, title: Three sources, actors: [p], sources: [s1, s2, s3]}
    """)


def test_a_timelines_facts_add_up_every_files_events():
    built = timeline(_FACTS_A, ("b.yaml", """\
        events:
          - {id: e3, date: 2025-05-01, title: Earliest day, actors: [z], sources: [s1]}
          - {id: e4, date: "2024", title: A year, sources: [s1]}
        """))
    assert errors(built.problems) == ()
    facts = built.facts
    assert dict(facts.participant_counts) == {"p": 2, "z": 2, "t": 1}
    assert (facts.quote_count, facts.most_participants, facts.most_quotes, facts.most_sources) \
        == (2, 3, 2, 3)
    # one date of each shape, the first file's: the view measures the date column with them
    assert sorted(date.text for date in facts.date_shapes.values()) == ["2024", "2025-05-03"]


def test_a_duplicate_events_facts_are_not_counted():
    built = timeline(_FACTS_A, ("b.yaml", """\
        events:
          - {id: e1, date: 2025-05-01, title: A duplicate, actors: [t, z], sources: [s1]}
        """))
    assert dict(built.facts.participant_counts) == {"p": 2, "z": 1, "t": 1}
    assert sorted(date.text for date in built.facts.date_shapes.values()) == ["2025-05-03"]


def test_an_actor_name_taken_by_another_does_not_stop_its_later_names():
    built = timeline("""\
        actors:
          - {id: a, name: Shared}
          - {id: b, name: Bee, aliases: [Shared, Bumble]}
        sources: [{id: s, outlet: S}]
        events:
          - {id: e, date: "2025", title: t, actors: [Bumble], sources: [s]}
        """)
    assert [problem.message for problem in errors(built.problems)] == [
        "'Shared' already refers to actor 'a' (at f0.yaml:2:5)"]
    assert built.events[0].actor_ids == ("b",)


def test_a_duplicate_source_id_keeps_the_first_source_and_its_based_on():
    built = timeline("""\
        sources:
          - {id: wire, outlet: Wire}
          - {id: copy, outlet: Paper, based_on: [wire]}
          - {id: copy, outlet: Other, based_on: [copy]}
        """)
    assert built.sources["copy"].outlet == "Paper"
    assert built.sources["copy"].based_on == ("wire",)
