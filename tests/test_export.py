"""Each export format parsed back with a real parser and checked against the timeline,
with markup and HTML in the data arriving as text."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from timeline_tui.cli import main
from timeline_tui.core.export import export, file_bytes, markdown_citation, quote_line, refusal
from timeline_tui.core.export.markdown import escape
from timeline_tui.core.model import Dispute, DisputeVersion, Position, Timeline

from helpers_core import timeline as build

TRICKY_TITLE = "*not emphasis* <b>bold</b> [a link](https://evil.example) & &amp; `code`"
TRICKY_SUMMARY = ("# not a heading\n- not a list\n1. not a list\n> not a quote\n"
                  "<script>alert(1)</script>\n\n=== second paragraph ~~struck~~ |a|b| _x_\\")
TRICKY_QUOTE = "We said \"<i>no</i>\" and ![img](x.png) ---"
TRICKY_NAME = "<u>Al</u> _Underscore_ [Smith]"

TRICKY = build("""\
    actors:
      - id: al
        name: "<u>Al</u> _Underscore_ [Smith]"
        group: "<b>Side</b> & co"
      - id: bo
        name: Bo
        group: Other
    sources:
      - id: web
        outlet: "Outlet *One*"
        title: "A <title> & more"
        author: "J. [Doe]"
        published: "2025-05-17?"
        url: "https://example.org/a?b=1&c=2"
        archived_url: "https://archive.example/b"
      - id: bad-url
        outlet: Two
        url: "javascript:alert(1)"
      - id: relay
        outlet: "OUTLET  *one*"
        title: Relayed
    events:
      - id: e-year
        date: "2022~"
        title: A year event
        actors: [bo]
        tags: [history]
        sources: [bad-url]
      - id: e-tricky
        date: "2025-05-16?"
        end: "2025-05-18"
        title: "*not emphasis* <b>bold</b> [a link](https://evil.example) & &amp; `code`"
        summary: |-
          # not a heading
          - not a list
          1. not a list
          > not a quote
          <script>alert(1)</script>

          === second paragraph ~~struck~~ |a|b| _x_\\
        actors: [al]
        location: "<Istanbul>"
        tags: [talks, "<tag>"]
        sources: [web, relay]
        quotes:
          - text: "We said \\"<i>no</i>\\" and ![img](x.png) ---"
            speaker: al
            source: web
            reported: true
            context: "*aside*"
      - id: e-time
        date: "2025-05-20T14:30+03:00"
        title: Timed
        actors: [bo]
        sources: [web]
""")


def _with_dispute(timeline: Timeline) -> Timeline:
    """The tricky event with a dispute (built as model objects: the loader reads
    disputes in another branch)."""
    here = Position("f0.yaml", 1, 1)
    dispute = Dispute("Who <b>spoke</b> first", (
        DisputeVersion("Al spoke *first*", ("web",), here),
        DisputeVersion("Bo spoke first", ("bad-url",), here)), here, resolution="Unresolved & open")
    index = timeline.event_index("e-tricky")
    events = list(timeline.events)
    events[index] = replace(events[index], disputes=(dispute,))
    return replace(timeline, events=tuple(events))


TIMELINE = _with_dispute(TRICKY)
ALL = range(len(TIMELINE.events))


class _HTML(HTMLParser):
    """Tags, link targets and text of an HTML fragment."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.chunks: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs.extend(value or "" for name, value in attrs if name == "href")

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())


def _words(text: str) -> str:
    return " ".join(text.split())


def test_tricky_data_loads_cleanly() -> None:
    assert TRICKY.problems == ()
    assert TIMELINE.events[1].title == TRICKY_TITLE


# Markdown

def _commonmark(markdown: str) -> _HTML:
    return _HTML(MarkdownIt("commonmark").render(markdown))


def test_markdown_is_commonmark_whose_user_text_arrives_as_text() -> None:
    html = _commonmark(export(TIMELINE, ALL, "markdown"))
    for text in (TRICKY_TITLE, TRICKY_NAME, "<Istanbul>", "*aside*", "Who <b>spoke</b> first",
                 "Al spoke *first*", "Unresolved & open", "Outlet *One*", "A <title> & more",
                 "J. [Doe]", "javascript:alert(1)", *TRICKY_SUMMARY.split("\n\n")):
        assert _words(text) in html.text
    assert f"“{TRICKY_QUOTE}”" in html.text
    # Only the structure the export writes: no tag, list or emphasis from the data.
    assert set(html.tags) == {"h1", "h2", "p", "strong", "em", "blockquote", "ul", "ol",
                              "li", "a"}
    assert html.tags.count("h2") == 3  # 2022, May 2025, Sources
    assert html.tags.count("ul") == 1  # the dispute's versions
    assert html.hrefs == ["https://example.org/a?b=1&c=2", "https://archive.example/b"]


def test_markdown_headings_by_period_and_numbered_citations() -> None:
    markdown = export(TIMELINE, ALL, "markdown")
    lines = markdown.splitlines()
    assert [line for line in lines if line.startswith("## ")] == \
        ["## 2022", "## May 2025", "## Sources"]
    assert "**2022\\~** · A year event [1]" in lines
    assert "> — **\\<u\\>Al\\</u\\> \\_Underscore\\_ \\[Smith\\]**, reported (second-hand) [2]" \
        in lines
    sources = lines[lines.index("## Sources") + 2:]
    assert sources == [
        "1. Two, javascript:alert(1)",
        "2. Outlet \\*One\\*, “A \\<title\\> \\& more”, J. \\[Doe\\], published Sat 17 May 2025?, "
        "<https://example.org/a?b=1&c=2>, archived <https://archive.example/b>",
        "3. OUTLET \\*one\\*, “Relayed”",
    ]


def test_markdown_citation_numbers_its_own_sources() -> None:
    event = TIMELINE.events[TIMELINE.event_index("e-time")]
    assert markdown_citation(event, TIMELINE) == (
        "**Tue 20 May 2025 14:30 UTC+03:00** · Timed [1]\n\nSources:\n\n"
        "1. Outlet \\*One\\*, “A \\<title\\> \\& more”, J. \\[Doe\\], "
        "published Sat 17 May 2025?, <https://example.org/a?b=1&c=2>, "
        "archived <https://archive.example/b>\n")


# CSV

def test_csv_has_a_row_per_event_with_the_data_as_written() -> None:
    text = export(TIMELINE, ALL, "csv")
    assert text.endswith("\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["id"] for row in rows] == ["e-year", "e-tricky", "e-time"]
    year, tricky, timed = rows
    assert (year["date"], year["start"], year["end"], year["precision"], year["qualifier"]) == \
        ("2022~", "2022", "", "year", "approximate")
    assert (tricky["start"], tricky["end"], tricky["precision"]) == \
        ("2025-05-16", "2025-05-18", "day")
    assert timed["start"] == "2025-05-20T14:30+03:00"
    assert tricky["title"] == TRICKY_TITLE
    assert tricky["summary"] == TRICKY_SUMMARY
    assert tricky["actors"] == TRICKY_NAME
    assert tricky["tags"] == "talks; <tag>"
    assert tricky["sources"] == "web; relay; bad-url"  # the dispute cites bad-url
    assert tricky["independent_origins"] == "relay; bad-url"  # web and relay: one outlet
    assert (tricky["disputed"], year["disputed"]) == ("true", "false")
    assert (tricky["file"], tricky["line"]) == ("f0.yaml", "29")


# JSON

def test_json_is_the_resolved_timeline() -> None:
    document = json.loads(export(TIMELINE, ALL, "json"))
    assert document["format_version"] == 1
    assert [actor["name"] for actor in document["actors"]] == [TRICKY_NAME, "Bo"]
    assert [source["id"] for source in document["sources"]] == ["web", "bad-url", "relay"]
    tricky = document["events"][1]
    assert tricky["title"] == TRICKY_TITLE and tricky["summary"] == TRICKY_SUMMARY
    assert tricky["date"] == {"kind": "single", "text": "2025-05-16?", "iso": "2025-05-16",
                              "precision": "day",
                              "qualifier": "?", "earliest": "2025-05-16T00:00:00Z",
                              "latest": "2025-05-16T23:59:59Z"}
    assert tricky["end"]["iso"] == "2025-05-18"
    assert tricky["quotes"] == [{"text": TRICKY_QUOTE, "speaker": "al", "source": "web",
                                 "reported": True, "context": "*aside*"}]
    assert tricky["disputes"][0]["versions"][1] == {"says": "Bo spoke first",
                                                    "sources": ["bad-url"]}
    assert document["events"][0]["date"]["latest"] == "2022-12-31T23:59:59Z"


def test_json_of_some_events_holds_what_they_refer_to() -> None:
    document = json.loads(export(TIMELINE, [TIMELINE.event_index("e-time")], "json"))
    assert [event["id"] for event in document["events"]] == ["e-time"]
    assert [actor["id"] for actor in document["actors"]] == ["bo"]
    # relay is web's origin (the same outlet): the document names it, so holds it.
    assert [source["id"] for source in document["sources"]] == ["web", "relay"]
    assert document["sources"][0]["origin"] == "relay"


# TimelineJS

def test_timelinejs_dates_only_to_their_precision() -> None:
    slides = json.loads(export(TIMELINE, ALL, "timelinejs"))["events"]
    year, tricky, timed = slides
    assert year["start_date"] == {"year": "2022"}
    assert year["display_date"] == "2022~"
    assert tricky["start_date"] == {"year": "2025", "month": "5", "day": "16"}
    assert tricky["end_date"] == {"year": "2025", "month": "5", "day": "18"}
    assert tricky["display_date"] == "Fri 16 May 2025? – Sun 18 May 2025"
    assert timed["start_date"] == {"year": "2025", "month": "5", "day": "20", "hour": "14",
                                   "minute": "30"}
    assert [slide["unique_id"] for slide in slides] == ["e-year", "e-tricky", "e-time"]
    assert all("group" not in slide for slide in slides)


def test_timelinejs_text_is_escaped_html() -> None:
    tricky = json.loads(export(TIMELINE, ALL, "timelinejs"))["events"][1]
    headline = _HTML(tricky["text"]["headline"])
    assert headline.tags == [] and headline.text == TRICKY_TITLE
    body = _HTML(tricky["text"]["text"])
    assert set(body.tags) == {"p", "blockquote", "br", "ul", "li", "a"}
    assert _words(TRICKY_SUMMARY) in body.text
    assert f"“{TRICKY_QUOTE}”— {TRICKY_NAME} (reported)" in body.text  # a <br> between
    assert body.hrefs == ["https://example.org/a?b=1&c=2", "https://archive.example/b"]


@pytest.mark.parametrize(("group_by", "groups"), [
    ("actor-group", ["Other", "<b>Side</b> & co", "Other"]),
    ("tag", ["history", "talks", None]),
])
def test_timelinejs_group_by(group_by: str, groups: list[str | None]) -> None:
    slides = json.loads(export(TIMELINE, ALL, "timelinejs", group_by))["events"]
    # TimelineJS reads `group` as HTML and keeps its text.
    assert [_HTML(slide["group"]).text if "group" in slide else None for slide in slides] == groups


# The command

def test_export_command_writes_each_format(tmp_path: Path, capsysbinary) -> None:
    source = tmp_path / "t" / "timeline.yaml"
    source.parent.mkdir()
    source.write_text("events:\n  - {id: a, date: '2025', title: 'Über <b>'}\n", encoding="utf-8")
    assert main(["export", str(source.parent)]) == 0
    assert "**2025** · Über \\<b\\>" in capsysbinary.readouterr().out.decode("utf-8")
    out = tmp_path / "out.csv"
    assert main(["export", "--format", "csv", "-o", str(out), str(source)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a spreadsheet reads it as UTF-8
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))[1][6] == "Über <b>"


def test_export_query_keeps_the_events_it_finds(tmp_path: Path, capsysbinary) -> None:
    source = tmp_path / "timeline.yaml"
    source.write_text("events:\n"
                      "  - {id: a, date: '2025-01', title: The bridge opens}\n"
                      "  - {id: b, date: '2025-02', title: A road closes}\n"
                      "  - {id: c, date: '2025-03', title: Toll, summary: On the Bridge}\n",
                      encoding="utf-8")
    assert main(["export", "--format", "json", "--query", "bridge", str(source)]) == 0
    assert [e["id"] for e in json.loads(capsysbinary.readouterr().out)["events"]] == ["a", "c"]
    assert main(["export", "--format", "json", "--query", 'from:2025-02 -"road"', str(source)]) == 0
    assert [e["id"] for e in json.loads(capsysbinary.readouterr().out)["events"]] == ["c"]


def test_export_refuses_a_mistyped_query_with_the_corrected_one(tmp_path: Path, capsys) -> None:
    source = tmp_path / "timeline.yaml"
    source.write_text("events: [{id: a, date: '2025', title: A}]\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--query", "form:2025", str(source)])
    assert exit_.value.code == 2
    assert "did you mean 'from:'?; try --query 'from:2025'" in capsys.readouterr().err


def test_export_refuses_a_query_it_cannot_correct(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--query", "is:nothing", str(tmp_path)])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(
        "timeline-tui export: error: --query: unknown is: value 'nothing': use one of disputed, "
        "single-source, unsourced, quoted, reported, stale\n")


def test_group_by_is_for_timelinejs_only(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--format", "csv", "--group-by", "tag"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(
        "timeline-tui export: error: --group-by is for --format timelinejs\n")


@pytest.mark.parametrize("target", ["t/timeline.yaml", "t/new.yml", "t"])
def test_export_refuses_to_write_over_the_timeline(tmp_path: Path, target: str, capsys) -> None:
    source = tmp_path / "t" / "timeline.yaml"
    source.parent.mkdir()
    original = "events:\n  - {id: a, date: '2025', title: A}\n"
    source.write_text(original, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["export", "-o", str(tmp_path / target), str(source.parent)])
    assert exit_.value.code == 2
    assert "will not write the export there" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == original
    assert sorted(p.name for p in source.parent.iterdir()) == ["timeline.yaml"]


def test_export_of_a_timeline_with_problems_says_so(tmp_path: Path, capsysbinary) -> None:
    source = tmp_path / "timeline.yaml"
    source.write_text("events:\n  - {id: a, date: '2025', title: A}\n"
                      "  - {id: b, date: '2025-02-30', title: B}\n", encoding="utf-8")
    assert main(["export", "--format", "json", str(source)]) == 1
    captured = capsysbinary.readouterr()
    events = json.loads(captured.out)["events"]
    assert [(e["id"], e["date"] and e["date"]["text"]) for e in events] == \
        [("a", "2025"), ("b", None)]  # kept, as the app keeps it, without its date
    assert captured.err == (b"timeline-tui export: 1 problem in the timeline: the export has "
                            b"what could be read (run 'timeline-tui check')\n")


def test_export_of_a_timeline_with_warnings_only_exits_zero(tmp_path: Path, capsysbinary) -> None:
    source = tmp_path / "timeline.yaml"
    source.write_text("events:\n  - {id: a, date: '2025', title: A, tags: [talks]}\n",
                      encoding="utf-8")
    assert main(["export", "--format", "timelinejs", "--group-by", "tag", str(source)]) == 0
    captured = capsysbinary.readouterr()
    assert [(slide["unique_id"], slide["group"]) for slide in json.loads(captured.out)["events"]] \
        == [("a", "talks")]
    assert captured.err == b""


def test_export_that_cannot_be_written_says_why(tmp_path: Path, capsys) -> None:
    source = tmp_path / "timeline.yaml"
    source.write_text("events:\n  - {id: a, date: '2025', title: A}\n", encoding="utf-8")
    target = tmp_path / "missing" / "out.md"
    with pytest.raises(SystemExit) as exit_:
        main(["export", "-o", str(target), str(source)])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(
        f"timeline-tui export: error: cannot write {target}: No such file or directory\n")


OTHER_DATES = build("""\
    events:
      - {id: season, date: "2023-21?", title: Spring}
      - {id: decade, date: "202X", title: Decade}
      - {id: interval, date: "2025-05-16/2025-05-18", title: Interval}
      - {id: open, date: "2025-06/..", title: Open}
      - {id: set, date: "[2025-07-01,2025-07-03]", title: Set}
      - {id: bad, date: "2025-02-30", title: Bad}
""")
OTHER = range(len(OTHER_DATES.events))


def test_seasons_intervals_sets_and_undated_events_in_csv() -> None:
    rows = list(csv.DictReader(io.StringIO(export(OTHER_DATES, OTHER, "csv"), newline="")))
    assert [(row["id"], row["date"], row["start"], row["end"], row["precision"])
            for row in rows] == [
        ("decade", "202X", "202X", "", "year"),
        ("season", "2023-21?", "2023-21", "", "season"),
        ("interval", "2025-05-16/2025-05-18", "2025-05-16", "2025-05-18", "day"),
        ("open", "2025-06/..", "2025-06", "", "month"),
        ("set", "[2025-07-01,2025-07-03]", "2025-07-01", "2025-07-03", "day"),
        ("bad", "", "", "", ""),
    ]
    assert [row["qualifier"] for row in rows] == ["", "uncertain", "", "", "", ""]


def test_seasons_intervals_sets_and_undated_events_in_json_and_timelinejs() -> None:
    events = {e["id"]: e for e in json.loads(export(OTHER_DATES, OTHER, "json"))["events"]}
    assert events["bad"]["date"] is None
    assert events["interval"]["date"]["kind"] == "interval"
    assert events["interval"]["date"]["end"]["iso"] == "2025-05-18"
    assert events["open"]["date"]["open_end"] is True and events["open"]["date"]["end"] is None
    assert [m["iso"] for m in events["set"]["date"]["members"]] == ["2025-07-01", "2025-07-03"]
    slides = {s["unique_id"]: s for s in json.loads(export(OTHER_DATES, OTHER, "timelinejs"))["events"]}
    assert "bad" not in slides  # TimelineJS cannot place an undated event
    assert slides["season"]["start_date"] == {"year": "2023"}
    assert slides["season"]["display_date"] == "Spring 2023?"
    assert slides["decade"]["start_date"] == {"year": "2020"}
    assert (slides["interval"]["start_date"], slides["interval"]["end_date"]) == \
        ({"year": "2025", "month": "5", "day": "16"}, {"year": "2025", "month": "5", "day": "18"})
    assert "end_date" not in slides["open"]


def test_markdown_lists_undated_events_last_under_their_own_heading() -> None:
    lines = export(OTHER_DATES, OTHER, "markdown").splitlines()
    assert [line for line in lines if line.startswith("## ")] == \
        ["## the 2020s", "## 2023", "## May 2025", "## June 2025", "## July 2025",
         "## Undated or invalid"]
    assert lines[-1] == "**Undated or invalid** · Bad"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 9.)\n\t#*_-+=>!<&;[](){}`~|\\:/\"'éx")),
               max_size=40))
def test_any_escaped_text_reads_back_as_itself(text: str) -> None:
    """Whatever the user wrote, escaped, CommonMark shows exactly (white space
    collapsed: escape puts text on one line) and makes nothing of it."""
    expected = " ".join(text.split())
    html = _commonmark(escape(text))
    assert html.text == expected
    assert set(html.tags) <= {"p"}


# Each format word for word, on a timeline that uses every field once

COUNCIL = build("""\
    actors:
      - id: ana
        name: Ana Díaz
        aliases: [A. Díaz]
        role: mayor
        group: City
        description: Elected in 2020.
        x-born: 1970
      - id: bo
        name: Bo
    sources:
      - id: wire
        title: Original
        outlet: Wire
        url: https://wire.example/1
        author: R. Roe
        published: 2025-05-02
        accessed: 2025-05-03~
        archived_url: https://archive.example/1
        notes: Paywalled.
        kind: report
        x-desk: {city: Madrid, words: [ab, cd], none: []}
      - id: relay
        outlet: Relay
        based_on: [wire]
      - id: blog
        title: A blog
        based_on: [relay]
    events:
      - id: vote
        date: 2025-05-01/2025-05-02
        title: Vote
        summary: |-
          The council votes.

          The mayor   wins.
        actors: [ana]
        location: Town hall
        tags: [council]
        sources: [relay, wire]
        quotes:
          - {text: "We won.", speaker: ana, source: relay, context: After the count}
          - {text: "Not   yet.", speaker: bo, reported: true}
          - {text: "Counted\\ntwice.", speaker: ana, source: wire}
        disputes:
          - about: The count
            resolution: Recounted
            versions:
              - {says: 51 votes, sources: [relay]}
              - {says: 49 votes, sources: [wire]}
        related: [later]
        notes: Checked.
        x-ref: [1, 2]
      - id: later
        date: "[2025-06-01,2025-06-03,2025-06-05]"
        title: Later
        actors: [bo]
        sources: [wire]
      - id: post
        date: ../2025-07-04
        title: Post
        sources: [blog]
        quotes:
          - {text: Told you., speaker: bo}
""")
VOTE, LATER, POST = range(3)


def _day(text: str, qualifier: str = "") -> dict[str, str]:
    """A single day's date as the JSON export writes it (`text` is YYYY-MM-DD and
    a qualifier)."""
    iso = text.rstrip("~?%")
    return {"text": text, "iso": iso, "precision": "day", "qualifier": qualifier,
            "earliest": f"{iso}T00:00:00Z", "latest": f"{iso}T23:59:59Z"}


def test_council_timeline_loads_with_only_the_unsourced_quote_warned() -> None:
    assert [str(problem) for problem in COUNCIL.problems] == [
        "f0.yaml:43:9: warning: quote names no source and the event lists 2: add source: <id>"]
    assert [event.id for event in COUNCIL.events] == ["vote", "later", "post"]


def test_json_document_word_for_word() -> None:
    text = export(COUNCIL, [VOTE, LATER], "json")
    # Indented by two, non-ASCII as itself, one line end at the end.
    assert text.startswith('{\n  "format_version": 1,\n  "actors": [\n    {\n'
                           '      "id": "ana",\n      "name": "Ana Díaz",\n')
    assert text.endswith("\n  ]\n}\n")
    assert json.loads(text) == {
        "format_version": 1,
        "actors": [
            {"id": "ana", "name": "Ana Díaz", "aliases": ["A. Díaz"], "role": "mayor",
             "group": "City", "description": "Elected in 2020.", "extras": {"x-born": "1970"}},
            {"id": "bo", "name": "Bo", "aliases": [], "role": "", "group": "",
             "description": "", "extras": {}},
        ],
        # relay and wire are cited; blog is their origin (the smallest id of the group).
        "sources": [
            {"id": "relay", "kind": "", "title": "", "outlet": "Relay", "url": "", "author": "",
             "published": None, "accessed": None, "archived_url": "", "notes": "",
             "based_on": ["wire"], "origin": "blog", "extras": {}},
            {"id": "wire", "kind": "report", "title": "Original", "outlet": "Wire",
             "url": "https://wire.example/1", "author": "R. Roe",
             "published": {"kind": "single", **_day("2025-05-02")},
             "accessed": {"kind": "single", **_day("2025-05-03~", "~")},
             "archived_url": "https://archive.example/1", "notes": "Paywalled.",
             "based_on": [], "origin": "blog",
             "extras": {"x-desk": {"city": "Madrid", "words": ["ab", "cd"], "none": []}}},
            {"id": "blog", "kind": "", "title": "A blog", "outlet": "", "url": "",
             "author": "", "published": None, "accessed": None, "archived_url": "",
             "notes": "", "based_on": ["relay"], "origin": "blog", "extras": {}},
        ],
        "events": [
            {"id": "vote",
             "date": {"kind": "interval", "text": "2025-05-01/2025-05-02",
                      "start": _day("2025-05-01"), "end": _day("2025-05-02"),
                      "open_start": False, "open_end": False,
                      "earliest": "2025-05-01T00:00:00Z", "latest": "2025-05-02T23:59:59Z"},
             "end": None, "title": "Vote",
             "summary": "The council votes.\n\nThe mayor   wins.", "actors": ["ana"],
             "location": "Town hall", "tags": ["council"], "sources": ["relay", "wire"],
             "quotes": [
                 {"text": "We won.", "speaker": "ana", "source": "relay", "reported": False,
                  "context": "After the count"},
                 {"text": "Not   yet.", "speaker": "bo", "source": None, "reported": True,
                  "context": ""},
                 {"text": "Counted\ntwice.", "speaker": "ana", "source": "wire",
                  "reported": False, "context": ""},
             ],
             "disputes": [{"about": "The count", "resolution": "Recounted",
                           "versions": [{"says": "51 votes", "sources": ["relay"]},
                                        {"says": "49 votes", "sources": ["wire"]}]}],
             "related": ["later"], "notes": "Checked.", "independent_origins": ["blog"],
             "file": "f0.yaml", "line": 30, "extras": {"x-ref": ["1", "2"]}},
            {"id": "later",
             "date": {"kind": "set", "text": "[2025-06-01,2025-06-03,2025-06-05]",
                      "members": [_day("2025-06-01"), _day("2025-06-03"), _day("2025-06-05")],
                      "earliest": "2025-06-01T00:00:00Z", "latest": "2025-06-05T23:59:59Z"},
             "end": None, "title": "Later", "summary": "", "actors": ["bo"], "location": "",
             "tags": [], "sources": ["wire"], "quotes": [], "disputes": [], "related": [],
             "notes": "", "independent_origins": ["blog"], "file": "f0.yaml", "line": 54,
             "extras": {}},
        ],
    }


def test_json_of_one_event_holds_the_sources_its_sources_are_based_on() -> None:
    document = json.loads(export(COUNCIL, [POST], "json"))
    # post cites blog, based on relay, based on wire.
    assert [source["id"] for source in document["sources"]] == ["blog", "relay", "wire"]


def test_json_of_a_timeline_without_origins_names_each_source_its_own_origin() -> None:
    document = json.loads(export(replace(COUNCIL, origin_of={}), [POST], "json"))
    assert [(source["id"], source["origin"]) for source in document["sources"]] == \
        [("blog", "blog"), ("relay", "relay"), ("wire", "wire")]
    assert document["events"][0]["independent_origins"] == ["blog"]


def test_markdown_chronology_word_for_word() -> None:
    assert export(COUNCIL, range(3), "markdown") == """\
# Chronology

3 events.

## May 2025

**Thu 1 May 2025 to Fri 2 May 2025** · Vote [1] [2]
*Town hall*

The council votes.

The mayor wins.

> “We won.”
>
> — **Ana Díaz** [1]
>
> *Context:* After the count

> “Not yet.”
>
> — **Bo**, reported (second-hand)

> “Counted twice.”
>
> — **Ana Díaz** [2]

*Disputed:* The count

- 51 votes [1]
- 49 votes [2]

*Resolution:* Recounted

## June 2025

**Sun 1 or Tue 3 or Thu 5 Jun 2025** · Later [2]

## July 2025

**until Fri 4 Jul 2025** · Post [3]

> “Told you.”
>
> — **Bo** [3]

## Sources

1. Relay
2. Wire, “Original”, R. Roe, published Fri 2 May 2025, <https://wire.example/1>, \
archived <https://archive.example/1>
3. “A blog”
"""


def test_markdown_citation_of_an_event_with_quotes_word_for_word() -> None:
    citation = markdown_citation(COUNCIL.events[POST], COUNCIL)
    assert citation == ("**until Fri 4 Jul 2025** · Post [1]\n\n"
                        "> “Told you.”\n>\n> — **Bo** [1]\n\n"
                        "Sources:\n\n1. “A blog”\n")


@pytest.mark.parametrize(("text", "escaped"), [
    ("1. not a list", "1\\. not a list"),
    ("12) not a list", "12\\) not a list"),
    ("- not a list", "\\- not a list"),
    ("# not a heading", "\\# not a heading"),
    ("a *b*  c\n d", "a \\*b\\* c d"),
])
def test_markdown_escape_word_for_word(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_timelinejs_document_word_for_word() -> None:
    text = export(COUNCIL, range(3), "timelinejs", "actor-group")
    assert text.startswith('{\n  "events": [\n    {\n      "unique_id": "vote",\n')
    assert "<br>— Ana Díaz</blockquote>" in text  # non-ASCII as itself
    assert text.endswith("\n  ]\n}\n")
    wire = ('<li>Wire — Original (<a href="https://wire.example/1">link</a>) '
            '(<a href="https://archive.example/1">archived</a>)</li>')
    assert json.loads(text) == {"events": [
        {"unique_id": "vote", "start_date": {"year": "2025", "month": "5", "day": "1"},
         "display_date": "Thu 1 May 2025 to Fri 2 May 2025",
         "text": {"headline": "Vote",
                  "text": "<p>The council votes.\n\nThe mayor   wins.</p>"
                          "<blockquote>“We won.”<br>— Ana Díaz</blockquote>"
                          "<blockquote>“Not   yet.”<br>— Bo (reported)</blockquote>"
                          "<blockquote>“Counted\ntwice.”<br>— Ana Díaz</blockquote>"
                          f"<p>Sources:</p><ul><li>Relay</li>{wire}</ul>"},
         "end_date": {"year": "2025", "month": "5", "day": "2"},
         "group": "City"},
        # bo has no group: no group at all.
        {"unique_id": "later", "start_date": {"year": "2025", "month": "6", "day": "1"},
         "display_date": "Sun 1 or Tue 3 or Thu 5 Jun 2025",
         "text": {"headline": "Later", "text": f"<p>Sources:</p><ul>{wire}</ul>"},
         "end_date": {"year": "2025", "month": "6", "day": "5"}},
        # An open start: the slide sits at the end.
        {"unique_id": "post", "start_date": {"year": "2025", "month": "7", "day": "4"},
         "display_date": "until Fri 4 Jul 2025",
         "text": {"headline": "Post",
                  "text": "<blockquote>“Told you.”<br>— Bo</blockquote>"
                          "<p>Sources:</p><ul><li>A blog</li></ul>"},
         "end_date": {"year": "2025", "month": "7", "day": "4"}},
    ]}


def test_timelinejs_century_and_unknown_month_dates_to_the_year() -> None:
    timeline = build("""\
        events:
          - {id: century, date: 19XX, title: Century}
          - {id: month, date: 2023-XX, title: Some month}
        """)
    slides = json.loads(export(timeline, range(2), "timelinejs"))["events"]
    assert [slide["start_date"] for slide in slides] == [{"year": "1900"}, {"year": "2023"}]


def test_unknown_export_format_or_grouping_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match=r"^unknown export format 'xml'$"):
        export(COUNCIL, range(3), "xml")
    with pytest.raises(ValueError, match=r"^group_by must be one of none, actor-group, tag$"):
        export(COUNCIL, range(3), "timelinejs", "actor")


@pytest.mark.parametrize(("event", "quote", "line"), [
    # The source's outlet, and its date of publication over the event's.
    (VOTE, 2, "“Counted twice.” — Ana Díaz, Wire, Fri 2 May 2025, https://wire.example/1"),
    # A source without a date: the event's.
    (VOTE, 0, "“We won.” — Ana Díaz, Relay, Thu 1 May 2025 to Fri 2 May 2025"),
    # No source.
    (VOTE, 1, "“Not yet.” — Bo, Thu 1 May 2025 to Fri 2 May 2025"),
    # A source without an outlet: its title.
    (POST, 0, "“Told you.” — Bo, A blog, until Fri 4 Jul 2025"),
])
def test_quote_line_word_for_word(event: int, quote: int, line: str) -> None:
    chosen = COUNCIL.events[event]
    assert quote_line(chosen.quotes[quote], chosen, COUNCIL) == line


def test_an_export_may_be_written_as_yaml_outside_the_opened_directory(tmp_path: Path) -> None:
    opened = tmp_path / "t"
    opened.mkdir()
    assert refusal(tmp_path / "elsewhere" / "out.yaml", [opened], []) is None
    assert refusal(opened / "sub" / "out.yaml", [opened], []) == \
        f"{opened / 'sub' / 'out.yaml'} is a YAML file inside the timeline directory {opened}"


@pytest.mark.parametrize(("data", "message"), [
    (b"events:\x00", "binary data (a NUL byte), not YAML text"),
    (b"- events\n", "expected a mapping with actors, sources or events, found a list"),
    (b"!x\nevents: []\n", "the tag !x is not allowed: timelines hold plain data"),
    (b'events: "open\n', 'this " opens a quoted value that is never closed: add the closing " '
                         'at the end of the value'),
])
def test_a_timeline_file_that_could_not_be_read_is_not_written_over(
        tmp_path: Path, data: bytes, message: str) -> None:
    from timeline_tui.core.loader import load_paths

    # Linked into the opened directory from elsewhere, and not named as YAML: only the
    # timeline's list of its files says that it is one of them.
    elsewhere = tmp_path / "elsewhere" / "notes.txt"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(data)
    opened = tmp_path / "t"
    opened.mkdir()
    (opened / "notes.yaml").symlink_to(elsewhere)
    timeline = load_paths([opened])
    assert [problem.message for problem in timeline.problems] == [message]
    assert refusal(elsewhere, [opened], timeline.files) == \
        f"{elsewhere} is one of the timeline's own files"


def test_only_a_csv_file_starts_with_a_byte_order_mark() -> None:
    assert file_bytes("é", "csv") == b"\xef\xbb\xbf\xc3\xa9"
    assert file_bytes("é", "json") == b"\xc3\xa9"
