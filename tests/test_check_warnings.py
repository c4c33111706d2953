"""`timeline-tui check` reports warnings apart from errors, in every format, and
fails on them only with --strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_tui import cli

from helpers_core import write

TWO_WARNINGS = """\
sources:
  - {id: a, outlet: A}
  - {id: b, outlet: B}
actors:
  - {id: p, name: P}
events:
  - id: unsourced
    date: 2025
    title: Nobody says so
  - id: open-quote
    date: 2025
    title: Which one said it
    sources: [a, b]
    quotes:
      - {text: hi, speaker: p}
"""


@pytest.fixture
def warned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "t.yaml", TWO_WARNINGS)
    return "t.yaml"


def test_text_prints_warnings_located_and_counts_them_apart(warned, capsys):
    assert cli.main(["check", warned]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "t.yaml:7:5: warning: event cites no source: add sources: [<id>]",
        "t.yaml:15:9: warning: quote names no source and the event lists 2: add source: <id>",
        "1 file, 2 events, 1 actor, 2 sources, 1 quote, 0 problems, 2 warnings",
    ]


def test_strict_makes_a_warning_fail(warned, capsys):
    assert cli.main(["check", "--strict", warned]) == 1
    assert capsys.readouterr().out.splitlines()[-1].endswith("0 problems, 2 warnings")


def test_strict_passes_a_clean_timeline(tmp_path, capsys):
    write(tmp_path, "t.yaml", TWO_WARNINGS.replace("title: Nobody says so",
                                                   "title: Nobody says so\n    sources: [a]")
                                          .replace("speaker: p}", "speaker: p, source: a}"))
    assert cli.main(["check", "--strict", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1 file, 2 events, 1 actor, 2 sources, 1 quote, 0 problems, 0 warnings"]


def test_errors_and_warnings_are_counted_apart_and_errors_fail(tmp_path, capsys):
    write(tmp_path, "t.yaml", TWO_WARNINGS.replace("date: 2025\n    title: Which",
                                                   "date: 2025-13\n    title: Which"))
    assert cli.main(["check", str(tmp_path)]) == 1
    *lines, summary = capsys.readouterr().out.splitlines()
    # The event with the invalid date is kept, so its quote's warning stands.
    assert [line.split(": ")[1] for line in lines] == ["warning", "error", "warning"]
    assert summary.endswith("1 problem, 2 warnings")


def test_json_gives_each_severity_and_counts_them_apart(warned, capsys):
    assert cli.main(["check", "--format", "json", warned]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [(p["line"], p["column"], p["severity"]) for p in report["problems"]] == [
        (7, 5, "warning"), (15, 9, "warning")]
    assert (report["summary"]["problems"], report["summary"]["warnings"]) == (0, 2)
    assert cli.main(["check", "--format", "json", "--strict", warned]) == 1


def test_github_annotates_warnings_as_warnings(warned, capsys):
    assert cli.main(["check", "--format", "github", warned]) == 0
    *annotations, summary = capsys.readouterr().out.splitlines()
    assert annotations == [
        "::warning file=t.yaml,line=7,col=5::event cites no source: add sources: [<id>]",
        "::warning file=t.yaml,line=15,col=9::quote names no source and the event lists 2: "
        "add source: <id>",
    ]
    assert summary.endswith("0 problems, 2 warnings")
    assert cli.main(["check", "--format", "github", "--strict", warned]) == 1
