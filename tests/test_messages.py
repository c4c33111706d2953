"""Problem messages word for word: what a user reads in the error panel and in `check`.
Other tests look for a phrase; these pin the whole message at its boundaries."""

from __future__ import annotations

import pytest
import yaml

from timeline_tui.core.dates import DateError, parse_date

from helpers_core import errors, parse, timeline

FORMATS = ("write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]; a season "
           "YYYY-21 to YYYY-24 (spring, summer, autumn, winter); X for unknown digits (202X, "
           "2023-XX, 2023-11-XX); an interval A/B (A/.. open, A/ unknown end); or one of a set "
           "[A,B]; each date optionally followed by ~ (approximate), ? (uncertain) or % (both)")
MONTHS = "(months are 01 to 12; 21 to 24 are the seasons spring, summer, autumn and winter)"


def _messages(*files: str) -> list[str]:
    """The errors, word for word (the events here cite no source: a warning each)."""
    return [str(problem) for problem in errors(timeline(*files).problems)]


@pytest.mark.parametrize(("text", "message"), [
    ("2025-1-5", f"invalid date '2025-1-5': {FORMATS}"),
    ("0000", "invalid date '0000': years start at 0001"),
    ("2025-00", f"invalid date '2025-00': there is no month 0 {MONTHS}"),
    ("2025-13", f"invalid date '2025-13': there is no month 13 {MONTHS}"),
    ("2025-02-29", "invalid date '2025-02-29': February 2025 has 28 days"),
    ("2025-05-16T24:00", "invalid date '2025-05-16T24:00': no such time of day"),
    ("2025-05-16T10:60", "invalid date '2025-05-16T10:60': no such time of day"),
    ("2025-05-16T10:00:60", "invalid date '2025-05-16T10:00:60': no such time of day"),
])
def test_invalid_dates_say_why(text, message):
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert str(error.value) == message


@pytest.mark.parametrize(("text", "described"), [
    ("0001", "1"),
    ("2025-01", "January 2025"),
    ("2025-12", "December 2025"),
    ("2024-02-29", "Thu 29 Feb 2024"),
    ("2025-05-16T23:59:59", "Fri 16 May 2025 23:59:59 (no time zone)"),
    ("2025-05-16T00:00", "Fri 16 May 2025 00:00 (no time zone)"),
    ("2025-05-16T10:00+14:00", "Fri 16 May 2025 10:00 UTC+14:00"),
    ("2025-05-16T10:00-05:59", "Fri 16 May 2025 10:00 UTC-05:59"),
])
def test_dates_at_the_edges_of_the_valid_range(text, described):
    assert parse_date(text).describe() == described


def test_a_tab_in_the_indentation_is_named():
    [problem] = parse("events:\n  - id: e\n\tdate: x\n").problems
    assert str(problem) == ("t.yaml:3:1: error: a tab in the indentation: YAML allows only "
                            "spaces there; replace the tab with spaces")


def test_an_unknown_key_suggests_the_nearest_or_lists_them_all():
    draft = parse('events:\n  - id: e\n    date: "2025"\n    title: t\n    qoutes: 1\n    zzzzzz: 2\n')
    assert [str(problem) for problem in draft.problems] == [
        "t.yaml:5:5: error: unknown key 'qoutes' (did you mean 'quotes'?); name your own fields x-…",
        "t.yaml:6:5: error: unknown key 'zzzzzz'; expected one of id, date, title, end, summary, "
        "actors, location, tags, sources, quotes, disputes, related, notes; name your own fields x-…",
    ]


def test_a_long_value_is_cut_to_forty_characters_in_a_message():
    [exact] = parse("events: " + "a" * 40 + "\n").problems
    assert str(exact) == f"t.yaml:1:9: error: events must be a list, found '{'a' * 40}'"
    [cut] = parse("events: " + "b" * 41 + "\n").problems
    assert str(cut) == f"t.yaml:1:9: error: events must be a list, found '{'b' * 37}...'"


def test_an_unknown_reference_suggests_at_most_three_names():
    assert _messages("""\
        actors:
          - {id: abcd1, name: A1}
          - {id: abcd2, name: A2}
          - {id: abcd3, name: A3}
          - {id: abcd4, name: A4}
        events:
          - {id: e, date: "2025", title: t, actors: [abcd], related: [f]}
          - {id: f1, date: "2025", title: t}
        """) == [
        "f0.yaml:7:46: error: actor 'abcd' is not a known actor "
        "(did you mean 'abcd4' or 'abcd3' or 'abcd2'?)",
        "f0.yaml:7:63: error: unknown related event 'f' (did you mean 'f1'?)",
    ]


def test_an_unknown_related_event_is_kept_as_written_with_the_others():
    [event, other] = timeline("""\
        events:
          - {id: e, date: "2025", title: t, related: [nope, f]}
          - {id: f, date: "2025", title: u}
        """).events
    assert event.related == ("nope", "f")  # the detail shows "nope" as missing
    assert other.related == ()


def test_empty_required_texts_are_refused_where_they_stand():
    draft = parse("""\
        actors:
          - {id: a, name: A, aliases: [""]}
        sources:
          - {id: "", title: T}
        events:
          - id: e
            date: "2025"
            title: t
            tags: [ok, ""]
            actors: [a, ""]
            quotes:
              - {text: "", speaker: a}
              - {text: said, speaker: ""}
              - {text: said, speaker: a, source: ""}
              - {text: said, speaker: a, x-mine: 1}
        """)
    assert sorted(str(problem) for problem in draft.problems) == sorted([
        "t.yaml:2:32: error: each of aliases must not be empty",
        "t.yaml:4:10: error: id must not be empty",
        "t.yaml:10:17: error: each of actors must not be empty",
        "t.yaml:9:16: error: each of tags must not be empty",
        "t.yaml:12:16: error: text must not be empty",
        "t.yaml:13:31: error: speaker must not be empty",
        "t.yaml:14:42: error: source must not be empty",
        # a quote has no fields of the user's own
        "t.yaml:15:34: error: unknown key 'x-mine'; expected one of text, speaker, source, "
        "reported, context",
    ])
    [event] = draft.events
    assert event.tags == ("ok",)


def test_suggestions_stop_when_their_budget_is_spent(monkeypatch):
    from timeline_tui.core import merge as loader

    monkeypatch.setattr(loader, "MAX_SUGGESTION_COMPARISONS", 4)
    messages = _messages("""\
        actors:
          - {id: abcd1, name: A1}
          - {id: abcd2, name: A2}
        events:
          - {id: e, date: "2025", title: t, actors: [abcd, abcd]}
          - {id: f, date: "2025", title: t, actors: [abce]}
        """)
    # Four spellings (two ids, two names): the first unknown word spends the budget,
    # the same word again reuses its answer, a new word gets none.
    assert messages == [
        "f0.yaml:5:46: error: actor 'abcd' is not a known actor (did you mean 'abcd2' or 'abcd1'?)",
        "f0.yaml:5:52: error: actor 'abcd' is not a known actor (did you mean 'abcd2' or 'abcd1'?)",
        "f0.yaml:6:46: error: actor 'abce' is not a known actor",
    ]


def test_an_empty_actor_name_or_event_id_is_refused():
    draft = parse("""\
        actors:
          - {id: a, name: " "}
        events:
          - {id: "", date: "2025", title: t}
        """)
    assert [str(problem) for problem in draft.problems] == [
        "t.yaml:2:19: error: name must not be empty",
        "t.yaml:4:10: error: id must not be empty",
    ]
    assert draft.events == () and draft.actors == ()


def test_an_end_at_the_same_second_as_the_date_is_allowed():
    draft = parse("""\
        events:
          - {id: e, date: "2025-05-16T10:00:00", end: "2025-05-16T10:00:00", title: t}
          - {id: f, date: "2025-05-16T10:00:01", end: "2025-05-16T10:00:00", title: u}
        """)
    assert [str(problem) for problem in draft.problems] == [
        "t.yaml:3:47: error: end 2025-05-16T10:00:00 is before date 2025-05-16T10:00:01"]
    [same, before] = draft.events  # the event stays, without its end
    assert same.end is not None and same.end.text == "2025-05-16T10:00:00"
    assert before.end is None


def test_a_tab_elsewhere_on_the_line_is_not_blamed():
    [problem] = parse('events:\n  - id: e\n    date: "2025"\n    title: a\tb: c: d\n').problems
    assert str(problem).startswith('t.yaml:4:15: error: this value contains ": "')
    assert "tab" not in problem.message
    assert problem.detail == "mapping values are not allowed in this context"


def test_a_tab_at_the_start_of_a_line_is_named_even_when_the_parser_does_not():
    [problem] = parse("events:\n\t- id: e\n").problems
    assert str(problem) == ("t.yaml:2:1: error: a tab in the indentation: YAML allows only "
                            "spaces there; replace the tab with spaces")


def test_a_duplicate_event_id_drops_only_the_duplicate():
    built = timeline(
        ("a.yaml", """\
            events:
              - {id: e, date: "2025-01-01", title: First}
            """),
        ("b.yaml", """\
            events:
              - {id: e, date: "2024-01-01", title: Earlier duplicate}
              - {id: f, date: "2025-06-01", title: Later}
            """))
    assert [event.title for event in built.events] == ["First", "Later"]
    assert [str(problem) for problem in errors(built.problems)] == [
        "b.yaml:2:10: error: duplicate event id 'e' (first at a.yaml:2:5)"]


def test_disputes_and_versions_that_cannot_be_read_say_why_where_they_stand():
    draft = parse("""\
        sources:
          - {id: s, title: S}
        events:
          - id: e
            date: "2025"
            title: t
            sources: [s]
            disputes:
              - {about: "", versions: [{says: a, sources: [s]}, {says: b, sources: [s]}]}
              - {about: Empty, versions: }
              - {about: Text, versions: two}
              - about: Versions
                versions:
                  - {says: " ", sources: [s]}
                  - {says: b, sources: }
                  - {says: c, sources: [""]}
                  - {says: d, sources: [s], x-mine: 1}
        """)
    assert [str(problem) for problem in draft.problems] == [
        "t.yaml:9:17: error: about must not be empty",
        "t.yaml:10:34: error: a dispute needs at least two versions, found 0",
        "t.yaml:11:33: error: versions must be a list, found 'two'",
        "t.yaml:14:20: error: says must not be empty",
        "t.yaml:15:32: error: a version needs at least one source id",
        "t.yaml:16:33: error: each of sources must not be empty",
        # a dispute's records have no fields of the user's own
        "t.yaml:17:37: error: unknown key 'x-mine'; expected one of says, sources",
    ]
    [event] = draft.events
    # A dispute without an about is left out; a version without says too.
    assert [(dispute.about, [version.says for version in dispute.versions])
            for dispute in event.disputes] == [("Empty", []), ("Text", []),
                                               ("Versions", ["b", "c", "d"])]


def test_a_source_kind_must_be_one_of_the_four():
    # (A near miss gets a suggestion: test_sources_and_disputes.py.)
    draft = parse("""\
        sources:
          - {id: b, title: B, kind: zzz}
          - {id: c, title: C, kind: ""}
          - {id: d, title: D, kind: [report]}
          - {id: e, title: E, kind: " analysis "}
        """)
    assert [str(problem) for problem in draft.problems] == [
        "t.yaml:2:29: error: unknown kind 'zzz'; expected one of primary, report, analysis, "
        "other",
        "t.yaml:3:29: error: kind must not be empty",
        "t.yaml:4:29: error: kind must be text, found a list",
    ]
    assert [(draft.source.id, draft.source.kind) for draft in draft.sources] == \
        [("b", ""), ("c", ""), ("d", ""), ("e", "analysis")]


def test_a_yaml_1_1_boolean_is_explained():
    [problem] = parse("""\
        events:
          - id: e
            date: "2025"
            title: t
            quotes: [{text: said, speaker: a, reported: yes}]
        """).problems
    assert str(problem) == ("t.yaml:5:49: error: reported must be true or false; 'yes' is "
                            "YAML 1.1 for a boolean and other tools read it differently")


@pytest.mark.parametrize(("zone", "message"), [
    ('""', "t.yaml:1:11: error: timezone must not be empty"),
    ("[UTC]", "t.yaml:1:11: error: timezone must be text, found a list"),
])
def test_a_timezone_that_cannot_be_read_leaves_the_files_times_without_a_zone(zone, message):
    draft = parse(f'timezone: {zone}\nevents: [{{id: e, date: "2025-05-16T09:00", title: t}}]\n')
    assert [str(problem) for problem in draft.problems] == [message]
    [event] = draft.events
    assert event.date.utc_offset_minutes is None


CLOSED_BY = "with a comma between its values (and quote a value that holds a comma or a colon)"


@pytest.mark.parametrize(("text", "message"), [
    ('events:\n  - {id: e, date: "2025", title: "Talks\n',
     '2:34: error: this " opens a quoted value that is never closed: add the closing " at '
     'the end of the value'),
    ("events:\n  - {id: e, date: '2025', title: 'Talks\n",
     "2:34: error: this ' opens a quoted value that is never closed: add the closing ' at "
     "the end of the value"),
    ('events:\n  - {id: e, date: "2025", title: t\n',
     f"2:5: error: this {{ is never closed: end the record with }}, {CLOSED_BY}"),
    ("events:\n  - id: e\n    tags: [a, b\n",
     f"3:11: error: this [ is never closed: end the list with ], {CLOSED_BY}"),
    # The file ends without a line break: libyaml then marks a line below its last.
    ("events:\n  - id: e\n    tags: [a, b",
     f"3:11: error: this [ is never closed: end the list with ], {CLOSED_BY}"),
    ("events:\n  - id: e\n    tags: [a, b # c\n",
     f'3:11: error: this [ is never closed: end the list with ], {CLOSED_BY}; the " #" on '
     "its line starts a comment, which hides the rest of the line, ] included: quote the "
     "value that holds it"),
    ('events:\n  - id: e\n    title: He said "no": twice \\ more\n',
     '3:24: error: this value contains ": " (a colon and a space), which YAML reads as the '
     'start of another key: put the whole value in double quotes, as in '
     'title: "He said \\"no\\": twice \\\\ more"'),
    ("events:\n  - id: e\n    title: t\n      date: 2025: x\n",
     "4:11: error: this line is indented more than the key above it, so YAML reads it as "
     "part of that key's value: indent it like the other keys of its record"),
    ('events:\n  - id: e\n    title: "t" x\n',
     '3:16: error: text after the closing quote: put all of the value inside the quotes '
     '(inside double quotes write a quote as \\")'),
    ("events:\n  - id: e\n    title: 't' x\n",
     '3:16: error: text after the closing quote: put all of the value inside the quotes '
     '(inside double quotes write a quote as \\")'),
    ("actors: []\n events: []\n",
     "2:2: error: this line's indentation does not match the keys around it: indent it like "
     "the other keys of its record"),
    ("events:\n  - id: e\n - id: f\n",
     "3:2: error: a list item (- …) where a key (name: value) was expected: make it a key, "
     "or indent it under a key that holds a list"),
    ("events:\n  - id: e\n  title: t\n",
     '3:3: error: a key (name: value) where a list item was expected: start a new record '
     'with "- ", or indent the key under the record above it'),
    ("events:\n  - id: e\n    title: t\n   date: x\n",
     "4:4: error: this line's indentation does not match the lines around it: a list item "
     'starts with "- " under the one above, a record\'s keys line up'),
    ("events:\n  - id: e\n    title: t\n\tdate: x\n",
     "4:1: error: a tab in the indentation: YAML allows only spaces there; replace the tab "
     "with spaces"),
    # An item without the space after its "-" is one, not a key.
    ("events:\n  - id: e\n  -x: b\n",
     "3:3: error: this line's indentation does not match the lines around it: a list item "
     'starts with "- " under the one above, a record\'s keys line up'),
    # A tab YAML allows (inside a quoted value) is not blamed for a mistake after it.
    ('events:\n  - id: e\n    title: "Talks\n\t in Istanbul" x\n',
     '4:16: error: text after the closing quote: put all of the value inside the quotes '
     '(inside double quotes write a quote as \\")'),
    # No plain words for these: the parser's own.
    ("a: *nope\n", "1:4: error: found undefined alias"),
    ("--- a\n--- b\n",
     "2:1: error: expected a single document in the stream: but found another document"),
])
def test_syntax_errors_in_plain_words_word_for_word(text, message):
    [problem] = parse(text.encode()).problems
    assert str(problem) == f"t.yaml:{message}"


def test_a_file_with_an_anchor_gets_the_same_words_for_a_syntax_error():
    # A file with an anchor is read once more, to count its values, before its nodes
    # are built: that read is the one that meets the error.
    plain = parse(b"events:\n  - id: e\n    title: @t\n")
    anchored = parse(b"events:\n  - id: &e e\n    title: @t\n")
    assert [str(problem) for problem in anchored.problems] == \
        [str(problem) for problem in plain.problems] == \
        ["t.yaml:3:12: error: while scanning for the next token: found character that cannot "
         "start any token"]


@pytest.mark.parametrize(("error", "message"), [
    (yaml.YAMLError("the library's own words"), "YAML error: the library's own words"),
    (RecursionError(), "nesting is too deep"),
])
def test_a_failure_of_the_yaml_library_without_a_place_is_said_at_the_start(
        monkeypatch, error, message):
    # Neither is raised today: PyYAML's errors have a place (tested above), and the
    # nesting bound stops the pure-Python composer's recursion first. Should one
    # come, it is said, not raised.
    from timeline_tui.core import yaml_read

    def fail(text):
        raise error

    monkeypatch.setattr(yaml_read, "_compose", fail)
    draft = parse(b"events: []\n")
    assert [str(problem) for problem in draft.problems] == [f"t.yaml:1:1: error: {message}"]
    assert draft.broken


@pytest.mark.parametrize(("data", "message", "broken"), [
    (b"\xff\xfeh\x00", "1:1: error: the file is UTF-16 or UTF-32 text (it starts with that "
                       "byte order mark); save it as UTF-8", True),
    (b"\xfe\xff\x00h", "1:1: error: the file is UTF-16 or UTF-32 text (it starts with that "
                       "byte order mark); save it as UTF-8", True),
    (b"\x00\x00\xfe\xff", "1:1: error: the file is UTF-16 or UTF-32 text (it starts with that "
                          "byte order mark); save it as UTF-8", True),
    (b"events:\n  - x\x00y\n", "2:6: error: binary data (a NUL byte), not YAML text", True),
    # Columns count characters, after a byte order mark, and an undecodable byte as one.
    (b"\xef\xbb\xbfab\x00", "1:3: error: binary data (a NUL byte), not YAML text", True),
    (b"a\xff\x00", "1:3: error: binary data (a NUL byte), not YAML text", True),
    ("x: \u00e9\u0007\n".encode(), '1:5: error: character U+0007 is not allowed in YAML text; '
                                  'in a double-quoted string write it as "\\u0007"', True),
    ("\u0007events: []\n".encode(), '1:1: error: character U+0007 is not allowed in YAML '
                                   'text; in a double-quoted string write it as "\\u0007"', True),
    (b"events: \xc3(\n", "1:9: error: not valid UTF-8 (byte 0xc3)", True),
    ("events: [\u0007]\n".encode(), '1:10: error: character U+0007 is not allowed in YAML '
                                    'text; in a double-quoted string write it as "\\u0007"',
     True),
    # Empty: not broken, so that a new, empty file is no worse than a missing one.
    (b"", "1:1: error: empty file: expected a mapping with actors, sources or events", False),
    (b"  \n", "1:1: error: empty file: expected a mapping with actors, sources or events", False),
    (b"# only a comment\n",
     "1:1: error: empty file: expected a mapping with actors, sources or events", False),
])
def test_files_that_are_not_yaml_text_word_for_word(data, message, broken):
    draft = parse(data)
    assert [str(problem) for problem in draft.problems] == [f"t.yaml:{message}"]
    assert draft.broken is broken


@pytest.mark.parametrize(("text", "message"), [
    ("- a\n", "1:1: error: expected a mapping with actors, sources or events, found a list"),
    ("? [a]\n: 1\nevents: []\n", "1:3: error: expected a key, found a list"),
    ("events: []\nevents: []\n", "2:1: error: duplicate key 'events' (first at line 1, column 1)"),
    ("<<: {events: []}\n", "1:1: error: merge keys (<<) are not supported; write the fields out"),
    # The top level takes no fields of the user's own.
    ("event: []\n", "1:1: error: unknown key 'event' (did you mean 'events'?)"),
    ("timezone: Mars/Base\n", "1:11: error: timezone: unknown time zone 'Mars/Base': write an "
                              "IANA name such as Europe/Istanbul, America/Los_Angeles or UTC"),
    ("actors: {a: b}\n", "1:9: error: actors must be a list, found a mapping"),
    ("events:\n  -\n", "2:4: error: expected a mapping, found nothing"),
    ("events:\n  - [a]\n", "2:5: error: expected a mapping, found a list"),
    ('events: [{id: e, date: "2025", title: {a: b}}]\n',
     "1:39: error: title must be text, found a mapping"),
])
def test_file_level_mistakes_word_for_word(text, message):
    assert [str(problem) for problem in parse(text.encode()).problems] == [f"t.yaml:{message}"]


def test_record_level_mistakes_word_for_word():
    draft = parse("""\
        actors:
          - {id: a, name: [A]}
          - {id: b}
          - {name: C}
        sources:
          - {id: s, notes: n}
        events:
          - {id: e}
          - {id: f, date: [2023-11-17,2023-11-18], title: F}
          - {id: g, date: "2025", title: G, quotes: [{text: t}]}
          - {id: h, date: 2025-05-16/2025-05-18, end: 2025-05-20, title: H}
          - id: i
            date: 2025
            title: Talks #1 open""")
    assert [str(problem) for problem in draft.problems] == [
        "t.yaml:2:19: error: name must be text, found a list",
        "t.yaml:3:5: error: actor is missing required field name",
        "t.yaml:4:5: error: actor is missing required field id",
        "t.yaml:6:5: error: source needs at least one of title, outlet or url",
        "t.yaml:8:5: error: event is missing required fields date, title",
        't.yaml:9:19: error: date must be text, found a list; for one of several dates, quote '
        'it: date: "[2023-11-17,2023-11-18]"',
        "t.yaml:10:46: error: quote is missing required field speaker",
        "t.yaml:11:47: error: the date 2025-05-16/2025-05-18 is an interval, which has its own "
        "end: give either the interval or end, not both",
        # At the end of the file, without a line end: the comment runs to the end.
        "t.yaml:14:18: warning: title: YAML reads '#1 open' as a comment and drops it: put the "
        "whole value in quotes to keep it, as in \"Talks #1 open\"",
    ]
    # Events whose id can be read are kept, with what could be read of them.
    assert [(event.id, event.title) for event in draft.events] == \
        [("e", ""), ("f", "F"), ("g", "G"), ("h", "H"), ("i", "Talks")]
    assert draft.events[3].end is None


@pytest.mark.parametrize(("text", "kept", "where"), [
    # The records before the one with the error are kept...
    ('events:\n  - id: a\n    date: "2025"\n    title: A\n  - id: b\n    date: "2025"\n'
     '    title: B: c\n', ["a"], "7:13"),
    # ...with any line break YAML knows,
    ('events:\r  - id: a\r    date: "2025"\r    title: A\r  - id: b\r    title: B: c\r',
     ["a"], "6:13"),
    # and before a quote left open, which the parser reports at the end of the file.
    ('events:\n  - id: a\n    date: "2025"\n    title: A\n  - id: b\n    date: "2025"\n'
     '    title: "B\n    summary: s\n', ["a"], "7:12"),
    # A top-level key starts a record too.
    ('events:\n  - id: a\n    date: "2025"\n    title: A\nactors:\n  - {id: x, name: "X}\n',
     ["a"], "6:19"),
    # The record with the error goes, whatever depth the error is at.
    ('events:\n  - id: a\n    date: "2025"\n    title: A\n    tags:\n      - x\n'
     '      - y: z: w\n', [], "7:13"),
    ('events:\n  - id: a\n    date: "2025"\n    title: A: c\n  - id: b\n    date: "2025"\n'
     '    title: B\n', [], "4:13"),
    # A top-level key of one letter too (an unknown key: an error of its own).
    ('events:\n  - {id: a, date: "2025", title: A}\nx: 1\ny: "open\n', ["a"], "4:4"),
    # What is left must be a mapping.
    ("- a\n- b: c: d\n", [], "2:7"),
    # A flow-style file has no record lines to cut at.
    ('events: [{id: a, date: "2025", title: A}, {id: b, date: "2025", title: "B}]\n', [],
     "1:72"),
])
def test_a_syntax_error_keeps_the_records_before_it(text, kept, where):
    draft = parse(text.encode())
    assert [event.id for event in draft.events] == kept
    assert draft.broken
    [problem] = [problem for problem in errors(draft.problems) if problem.detail]
    assert str(problem).startswith(f"t.yaml:{where}: error: ")
    assert [p for p in errors(draft.problems) if not p.detail] == \
        [p for p in errors(draft.problems) if p.message.startswith("unknown key 'x'")]


@pytest.mark.parametrize(("line", "warnings", "title"), [
    ("title: Talks #1", ["t.yaml:4:18: warning: title: YAML reads '#1' as a comment and drops it: "
                         "put the whole value in quotes to keep it, as in \"Talks #1\""], "Talks"),
    ("title: Talks #1 open\r\n", ["t.yaml:4:18: warning: title: YAML reads '#1 open' as a comment "
                                  "and drops it: put the whole value in quotes to keep it, as in "
                                  "\"Talks #1 open\""], "Talks"),
    # A comment as meant: " # " or " #" then a tab or the line's end; or after a quote.
    ("title: Talks # a comment", [], "Talks"),
    ("title: Talks #", [], "Talks"),
    ("title: Talks #\tx", [], "Talks"),
    ('title: "Talks" #1', [], "Talks"),
    # In a block scalar "#" is text.
    ("title: |\n      Talks #1", [], "Talks #1\n"),
])
def test_a_value_cut_short_by_a_comment_is_warned_of(line, warnings, title):
    draft = parse(f'events:\n  - id: e\n    date: "2025"\n    {line}\n'.encode())
    assert [str(problem) for problem in draft.problems] == warnings
    assert [event.title for event in draft.events] == [title]


def test_after_a_bad_key_the_rest_of_the_mapping_is_read():
    draft = parse("""\
        ? [a]
        : 1
        events: []
        events: [{id: x, date: "2025", title: X}]
        <<: {}
        actors: [{id: a, name: A, nmae: B, name: C, role: R}]
        """)
    assert [str(problem) for problem in draft.problems] == [
        "t.yaml:1:3: error: expected a key, found a list",
        "t.yaml:4:1: error: duplicate key 'events' (first at line 3, column 1)",
        "t.yaml:5:1: error: merge keys (<<) are not supported; write the fields out",
        "t.yaml:6:27: error: unknown key 'nmae' (did you mean 'name'?); name your own fields x-…",
        "t.yaml:6:36: error: duplicate key 'name' (first at line 6, column 18)",
    ]
    assert [(actor.name, actor.role) for actor in draft.actors] == [("A", "R")]
    assert draft.events == ()  # the first `events` is the one read


def test_plain_values_are_text_but_for_yaml_nulls_and_true_or_false():
    draft = parse("""\
        events:
          - id: e
            date: "2025"
            title: t
            summary: Null
            location: NULL
            notes: "null"
            tags: [~, yes, No, ON, off, y, N, nULL, Yes]
            quotes:
              - {text: a, speaker: s, reported: True}
              - {text: b, speaker: s, reported: FALSE}
              - {text: c, speaker: s, reported: "true"}
              - {text: d, speaker: s, reported: Off}
        """)
    assert [str(problem) for problem in draft.problems] == [
        "t.yaml:8:12: error: each of tags must not be empty",
        "t.yaml:12:41: error: reported must be true or false, found 'true'",
        "t.yaml:13:41: error: reported must be true or false; 'Off' is YAML 1.1 for a boolean "
        "and other tools read it differently",
    ]
    [event] = draft.events
    assert (event.summary, event.location, event.notes) == ("", "", "null")
    assert event.tags == ("yes", "No", "ON", "off", "y", "N", "nULL", "Yes")
    assert [quote.reported for quote in event.quotes] == [True, False, False, False]


def test_an_x_field_that_cannot_be_read_is_left_out_and_its_record_kept():
    draft = parse("""\
        actors:
          - {id: a, name: A, x-ok: 1, x-bad: !!set {b}}
        events:
          - id: e
            date: "2025"
            title: t
            x-bad: !!binary aGk=
            x-ok: [1, {k: v}]
        """)
    assert [str(problem) for problem in draft.problems] == [
        "t.yaml:2:38: error: the tag !!set is not allowed: timelines hold plain data",
        "t.yaml:7:12: error: the tag !!binary is not allowed: timelines hold plain data",
    ]
    assert [(actor.id, actor.extras) for actor in draft.actors] == [("a", (("x-ok", "1"),))]
    assert [(event.id, event.extras) for event in draft.events] == \
        [("e", (("x-ok", ("1", (("k", "v"),))),))]
    [event] = draft.events
    assert [str(problem) for problem in event.problems] == [str(draft.problems[1])]


def test_an_end_is_kept_when_the_date_cannot_be_read():
    draft = parse('events: [{id: e, date: "2025-13", end: "2025-05-01", title: t}]\n')
    assert [str(problem) for problem in draft.problems] == [
        "t.yaml:1:24: error: date: invalid date '2025-13': there is no month 13 " + MONTHS]
    [event] = draft.events
    assert event.date is None and event.end.text == "2025-05-01"


def test_an_event_holds_its_own_problems_in_line_order_and_where_its_id_is():
    draft = parse("""\
        events:
          - {id: a, date: "2025", title: A, qq: 1}
          - id: b
            date: "2025-13"
            title: B
            zzz: 1
        """)
    unknown = ("unknown key '{}'; expected one of id, date, title, end, summary, actors, "
               "location, tags, sources, quotes, disputes, related, notes; name your own "
               "fields x-…")
    first, second = draft.events
    assert [str(problem) for problem in first.problems] == \
        ["t.yaml:2:37: error: " + unknown.format("qq")]
    # The unknown key is read first, but the detail lists the problems as the file does.
    assert [str(problem) for problem in second.problems] == [
        "t.yaml:4:11: error: date: invalid date '2025-13': there is no month 13 " + MONTHS,
        "t.yaml:6:5: error: " + unknown.format("zzz"),
    ]
    assert [(str(event.position), str(event.id_position)) for event in draft.events] == \
        [("t.yaml:2:5", "t.yaml:2:10"), ("t.yaml:3:5", "t.yaml:3:9")]


def test_a_quotes_speaker_and_source_are_located_and_read_trimmed():
    built = timeline("""\
        actors: [{id: al, name: Al}]
        sources: [{id: s, title: S}]
        events:
          - id: e
            date: "2025"
            title: t
            sources: [s]
            quotes:
              - {text: one, speaker: zed, source: s}
              - {text: two, speaker: al, source: nope}
              - {text: three, speaker: " al ", source: " s "}
        """)
    assert [str(problem) for problem in built.problems] == [
        "f0.yaml:9:30: error: speaker 'zed' is not a known actor",
        "f0.yaml:10:42: error: unknown source 'nope'",
    ]
    # A quote whose speaker is unknown is left out; one whose source is, kept without it.
    assert [(quote.text, quote.speaker_id, quote.source_id)
            for quote in built.events[0].quotes] == [("two", "al", None), ("three", "al", "s")]


def test_a_source_with_only_a_url_and_a_timezone_written_last():
    draft = parse("""\
        sources: [{id: u, url: "https://example.org/a"}]
        events: [{id: e, date: "2025-05-16T09:00", title: t, sources: [u]}]
        timezone: America/Los_Angeles
        """)
    assert draft.problems == ()
    assert [source.source.url for source in draft.sources] == ["https://example.org/a"]
    [event] = draft.events
    assert event.date.utc_offset_minutes == -7 * 60  # the file's zone, wherever it is written
