"""Source kind and based_on, event disputes: read, resolved, and located when wrong."""

from __future__ import annotations

import pytest

from timeline_tui.core.model import Dispute, DisputeVersion, Position, Problem, Source, warning_count
from timeline_tui.core.origins import independent_origins

from helpers_core import only_problem, timeline, where

SOURCES = """\
sources:
  - {id: reuters, outlet: Reuters, kind: report}
  - {id: guardian, outlet: The Guardian, based_on: [reuters]}
  - {id: kremlin, title: Transcript, kind: primary}
"""


def with_sources(events: str):
    """A timeline of SOURCES (sources.yaml) and one events file (e.yaml)."""
    return timeline(("sources.yaml", SOURCES), ("e.yaml", events))


# Source kind


@pytest.mark.parametrize("kind", ["primary", "report", "analysis", "other"])
def test_each_source_kind_is_read(kind):
    built = timeline(f"sources:\n  - {{id: s, outlet: X, kind: {kind}}}\n")
    assert built.problems == ()
    assert built.sources["s"].kind == kind


def test_a_source_without_kind_has_none():
    assert timeline("sources:\n  - {id: s, outlet: X}\n").sources["s"].kind == ""


def test_an_unknown_kind_is_located_with_a_suggestion_and_the_source_kept():
    built = timeline("""\
        sources:
          - id: s
            outlet: X
            kind: Primery
        """)
    problem = only_problem(built.problems)
    assert where(problem) == (4, 11)
    assert problem.message == ("unknown kind 'Primery' (did you mean 'primary'?); "
                               "expected one of primary, report, analysis, other")
    assert built.sources["s"].kind == ""


# based_on


def test_based_on_is_read_across_files():
    built = timeline(("a.yaml", "sources:\n  - {id: copy, outlet: Paper, based_on: [wire]}\n"),
                     ("b.yaml", "sources:\n  - {id: wire, outlet: Wire}\n"))
    assert built.problems == ()
    assert built.sources["copy"].based_on == ("wire",)


def test_unknown_based_on_id_is_located_with_a_suggestion():
    built = timeline("""\
        sources:
          - {id: reuters, outlet: Reuters}
          - id: copy
            outlet: Paper
            based_on: [reuters, reutres]
        """)
    problem = only_problem(built.problems)
    assert where(problem) == (5, 25)
    assert problem.message == "based_on: unknown source 'reutres' (did you mean 'reuters'?)"
    assert built.sources["copy"].based_on == ("reuters",)


def test_based_on_must_be_a_list_of_ids():
    problem = only_problem(timeline("sources:\n  - {id: s, outlet: X, based_on: wire}\n").problems)
    assert where(problem) == (2, 34)
    assert problem.message == "based_on must be a list, found 'wire'"


def test_a_based_on_cycle_names_every_source_in_it():
    built = timeline("""\
        sources:
          - {id: a, outlet: A, based_on: [b]}
          - {id: b, outlet: B, based_on: [c]}
          - {id: c, outlet: C, based_on: [a]}
          - {id: d, outlet: D, based_on: [a]}
        """)
    problem = only_problem(built.problems)
    assert where(problem) == (4, 35)  # the reference that closes it
    assert problem.message == ("based_on goes round in a cycle: 'a' → 'b' → 'c' → 'a'; "
                               "a source cannot come from itself")


def test_a_source_based_on_itself_is_a_cycle():
    problem = only_problem(timeline("sources:\n  - {id: a, outlet: A, based_on: [a]}\n").problems)
    assert where(problem) == (2, 35)
    assert problem.message.startswith("based_on goes round in a cycle: 'a' → 'a'")


def test_a_shared_ancestor_is_not_a_cycle():
    built = timeline("""\
        sources:
          - {id: wire, outlet: W}
          - {id: a, outlet: A, based_on: [wire]}
          - {id: b, outlet: B, based_on: [wire, a]}
        """)
    assert built.problems == ()


# Disputes

DISPUTED = """\
events:
  - id: toll
    date: 2025-05-16
    title: Toll reported
    sources: [reuters]
    disputes:
      - about: the number of prisoners
        versions:
          - says: "490"
            sources: [reuters, guardian]
          - says: more than 700
            sources: [kremlin]
        resolution: The ministry's list gives 490.
"""


def test_a_dispute_is_read_with_its_versions_sources_and_resolution():
    built = with_sources(DISPUTED)
    assert built.problems == ()
    [event] = built.events
    assert event.disputes == (Dispute(
        about="the number of prisoners",
        versions=(DisputeVersion("490", ("reuters", "guardian"), Position("e.yaml", 9, 13)),
                  DisputeVersion("more than 700", ("kremlin",), Position("e.yaml", 11, 13))),
        position=Position("e.yaml", 7, 9),
        resolution="The ministry's list gives 490."),)
    # A version's sources are cited by the event: reuters and guardian are one origin.
    assert event.cited_source_ids == ("reuters", "guardian", "kremlin")
    assert len(independent_origins(event, built.origin_of)) == 2


def test_a_dispute_with_one_version_is_located_at_its_versions():
    built = with_sources(DISPUTED.replace(
        "          - says: more than 700\n            sources: [kremlin]\n", ""))
    problem = only_problem(built.problems)
    assert where(problem) == (9, 11)
    assert problem.message == "a dispute needs at least two versions, found 1"


def test_a_dispute_without_about_or_versions_names_what_is_missing():
    problem = only_problem(with_sources("""\
        events:
          - id: e
            date: 2025
            title: E
            sources: [reuters]
            disputes:
              - resolution: settled
        """).problems)
    assert where(problem) == (7, 9)
    assert problem.message == "dispute is missing required fields about, versions"


def test_a_version_without_sources_is_located():
    built = with_sources(DISPUTED.replace("sources: [kremlin]", "sources: []"))
    problem = only_problem(built.problems)
    assert where(problem) == (12, 22)
    assert problem.message == "a version needs at least one source id"


def test_a_misspelt_says_is_located_with_a_suggestion():
    built = with_sources(DISPUTED.replace('says: "490"', 'sayz: "490"'))
    assert [(where(p), p.message) for p in built.problems] == [
        ((9, 13), "unknown key 'sayz' (did you mean 'says'?)"),
        ((9, 13), "version is missing required field says"),
    ]


def test_an_unknown_source_in_a_version_is_located_with_a_suggestion():
    built = with_sources(DISPUTED.replace("sources: [kremlin]", "sources: [kremln]"))
    problem = only_problem(built.problems)
    assert where(problem) == (12, 23)
    assert problem.message == "unknown source 'kremln' (did you mean 'kremlin'?)"
    assert built.events[0].disputes[0].versions[1].source_ids == ()


def test_an_unknown_key_in_a_dispute_suggests_the_closest():
    problem = only_problem(with_sources(DISPUTED.replace("resolution:", "resolutoin:")).problems)
    assert where(problem) == (13, 9)
    assert problem.message == "unknown key 'resolutoin' (did you mean 'resolution'?)"


# Warnings


def test_an_event_citing_no_source_is_a_warning_at_the_event():
    built = with_sources("events:\n  - {id: e, date: 2025, title: E}\n")
    problem = only_problem(built.problems)
    assert (problem.position, problem.severity) == (Position("e.yaml", 2, 5), "warning")
    assert problem.message == "event cites no source: add sources: [<id>]"
    assert [event.id for event in built.events] == ["e"]


def test_an_event_citing_only_through_a_quote_or_dispute_has_no_warning():
    built = timeline(
        ("sources.yaml", SOURCES + "actors:\n  - {id: p, name: P}\n"),
        ("e.yaml", "events:\n  - id: e\n    date: 2025\n    title: E\n"
                   "    quotes: [{text: hi, speaker: p, source: kremlin}]\n"))
    assert built.problems == ()
    assert with_sources(DISPUTED.replace("    sources: [reuters]\n", "")).problems == ()


@pytest.mark.parametrize(("fields", "label"), [
    ({"outlet": "Sky News", "title": "Talks end", "url": "https://sky.example/1"},
     "Sky News — Talks end"),
    ({"outlet": "Sky News", "url": "https://sky.example/1"}, "Sky News"),
    ({"title": "Talks end", "url": "https://sky.example/1"}, "Talks end"),
    ({"url": "https://sky.example/1"}, "https://sky.example/1"),
])
def test_a_sources_label_is_its_outlet_and_title_or_else_its_url(fields, label):
    assert Source("s", Position("t.yaml", 1, 1), **fields).label == label


def test_a_problem_reads_as_its_place_severity_and_message():
    problem = Problem(Position("events/a.yaml", 12, 5), "unknown source 'x'")
    assert str(problem) == "events/a.yaml:12:5: error: unknown source 'x'"
    assert str(Problem(problem.position, "no source", "warning")) == \
        "events/a.yaml:12:5: warning: no source"
    assert warning_count([problem, Problem(problem.position, "a", "warning")]) == 1
