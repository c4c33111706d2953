"""The command line, exact: `--version`, usage errors, exit codes, messages, paths, and
`check`'s output in each format: what scripts and CI rely on."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import BUNDLED_EVENTS

from timeline_tui import __version__, cli
from timeline_tui.core.model import Position, Problem

CLEAN = """\
actors:
  - {id: putin, name: Vladimir Putin}
sources:
  - {id: sky, outlet: Sky News}
events:
  - id: talks
    date: 2025-05-16
    title: Talks
    sources: [sky]
    quotes:
      - {text: We are ready, speaker: putin}
"""


def _run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command in a child with no terminal: standard input and output are pipes."""
    return subprocess.run([sys.executable, "-m", "timeline_tui", *args], capture_output=True,
                          text=True, timeout=30, cwd=cwd, stdin=subprocess.DEVNULL,
                          env={**os.environ, "PYTHONPATH": str(Path(cli.__file__).parents[1]),
                               **(env or {})})


@pytest.mark.parametrize("command", [["check"], []], ids=["check", "app"])
def test_a_path_that_does_not_exist_is_a_usage_error(command, tmp_path):
    result = _run(*command, "nowhere.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "timeline-tui: no such file or directory: nowhere.yaml\n"
    assert ":1:1" not in result.stdout + result.stderr


def test_the_app_without_a_terminal_exits_at_once_with_a_clear_message(tmp_path):
    # As in a script: `timeline-tui schema` reads "schema" as a PATH; here a real one.
    (tmp_path / "t.yaml").write_text(CLEAN, encoding="utf-8")
    result = _run("t.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr and "timeline-tui check" in result.stderr


@pytest.mark.parametrize("layout", ["empty", "no-yaml"])
def test_no_timeline_files_found_fails_naming_the_path(layout, tmp_path):
    directory = tmp_path / "events"
    directory.mkdir()
    if layout == "no-yaml":
        (directory / "notes.txt").write_text("events: []\n", encoding="utf-8")
    result = _run("check", "events", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "timeline-tui: no timeline files (*.yaml, *.yml) found in events\n"


def test_the_summary_says_one_of_each_in_the_singular(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("t.yaml").write_text(CLEAN, encoding="utf-8")
    assert cli.main(["check", "t.yaml"]) == 0
    assert capsys.readouterr().out == \
        "1 file, 1 event, 1 actor, 1 source, 1 quote, 0 problems, 0 warnings\n"
    Path("u.yaml").write_text("events:\n  - {id: b, date: 2025-02-30, title: B}\n", encoding="utf-8")
    assert cli.main(["check", "."]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == \
        "2 files, 2 events, 1 actor, 1 source, 1 quote, 1 problem, 1 warning"


def _annotation_path(output: str) -> str:
    first = output.splitlines()[0]
    return first.split("file=", 1)[1].split(",", 1)[0]


def test_github_annotations_name_the_file_relative_to_the_workspace(tmp_path, monkeypatch, capsys):
    workspace = tmp_path / "repo"
    (workspace / "events").mkdir(parents=True)
    (workspace / "events" / "bad.yaml").write_text("events: [\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(workspace))
    monkeypatch.chdir(tmp_path)  # not the workspace: the workspace still decides
    cli.main(["check", "--format", "github", str(workspace / "events")])
    assert _annotation_path(capsys.readouterr().out) == "events/bad.yaml"


def test_github_annotations_fall_back_to_the_current_directory(tmp_path, monkeypatch, capsys):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "bad.yaml").write_text("events: [\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "elsewhere"))
    monkeypatch.chdir(tmp_path)
    cli.main(["check", "--format", "github", str(tmp_path / "events")])
    assert _annotation_path(capsys.readouterr().out) == "events/bad.yaml"


def test_json_keeps_the_yaml_librarys_words_as_detail(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("t.yaml").write_text("events:\n  - id: a\n    title: Talks: day one\n", encoding="utf-8")
    assert cli.main(["check", "--format", "json", "t.yaml"]) == 1
    (record,) = json.loads(capsys.readouterr().out)["problems"]
    assert record["message"].startswith('this value contains ": "')
    assert record["detail"] == "mapping values are not allowed in this context"
    assert (record["line"], record["column"], record["severity"]) == (3, 17, "error")


def test_an_unknown_zone_for_tz_is_a_usage_error(tmp_path):
    result = _run("--tz", "Europe/Istambul", cwd=tmp_path)
    assert result.returncode == 2
    assert "did you mean 'Europe/Istanbul'" in result.stderr


EVENTS = Path(__file__).resolve().parent.parent / "events"

# The bundled timeline, counted by hand: 4 files, 19 events, 16 actors, 41 sources,
# the article's 6 quoted passages and 4 more from other sources.
BUNDLED_SUMMARY = "4 files, 19 events, 16 actors, 41 sources, 10 quotes, 0 problems, 0 warnings"


def _write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_check_prints_the_exact_summary_of_the_bundled_timeline(capsys) -> None:
    assert cli.main(["check", str(EVENTS)]) == 0
    assert capsys.readouterr().out == BUNDLED_SUMMARY + "\n"


def test_the_readme_gives_the_same_summary() -> None:
    readme = (EVENTS.parent / "README.md").read_text(encoding="utf-8")
    assert f"`{BUNDLED_SUMMARY}`" in readme


def test_check_counts_each_kind_separately(tmp_path: Path, capsys) -> None:
    """Different numbers for every count, so no count can stand in for another."""
    _write(tmp_path / "a.yaml", """\
        actors:
          - {id: p, name: P}
          - {id: q, name: Q}
          - {id: r, name: R}
        sources:
          - {id: s1, title: One}
          - {id: s2, title: Two}
          - {id: s3, title: Three}
          - {id: s4, title: Four}
        events:
          - id: e1
            date: "2025"
            title: One
            sources: [s1]
            quotes:
              - {text: a, speaker: p}
              - {text: b, speaker: q}
              - {text: c, speaker: r}
              - {text: d, speaker: p}
              - {text: e, speaker: q}
          - {id: e2, date: "2025-02-30", title: Broken date, sources: [s2]}
        """)
    _write(tmp_path / "b.yaml", """\
        actors:
          - {id: s, name: S}
          - {id: t, name: T}
          - {id: u, name: U}
        events:
          - {id: e3, date: "2024", title: Three, actors: [nobody]}
        """)
    assert cli.main(["check", str(tmp_path)]) == 1
    *problems, summary = capsys.readouterr().out.splitlines()
    # e2 is kept, with its bad date; e3 cites no source (the warning).
    assert summary == "2 files, 3 events, 6 actors, 4 sources, 5 quotes, 2 problems, 1 warning"
    assert len(problems) == 3
    assert cli.main(["check", "--format", "json", str(tmp_path)]) == 1
    assert json.loads(capsys.readouterr().out)["summary"] == {
        "files": 2, "events": 3, "actors": 6, "sources": 4, "quotes": 5, "problems": 2,
        "warnings": 1}


def test_check_text_format_names_file_line_and_column(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path / "a.yaml", """\
        sources:
          - {id: s, title: S}
        events:
          - id: e
            date: "2025-02-30"
            title: t
            sources: [s]
        """)
    assert cli.main(["check", str(path)]) == 1
    first, summary = capsys.readouterr().out.splitlines()
    assert first.startswith(f"{path}:5:11: error: ")
    assert "2025-02-30" in first
    assert summary == "1 file, 1 event, 0 actors, 1 source, 0 quotes, 1 problem, 0 warnings"


def test_github_annotation_escapes_percent_comma_colon_and_newlines() -> None:
    problem = Problem(Position("dir,x/a:b%c.yaml", 7, 3), "100% wrong,\nsee: here\r")
    assert cli._github_annotation(problem) == (
        "::error file=dir%2Cx/a%3Ab%25c.yaml,line=7,col=3::100%25 wrong,%0Asee: here%0D")


def test_check_github_format_escapes_a_file_name_and_a_message(tmp_path: Path, monkeypatch,
                                                               capsys) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "a,b:c%.yaml", """\
        events:
          - id: e
            date: "2025"
            title: t
            "50%,x: y": 1
            sources: [s]
        sources:
          - {id: s, title: S}
        """)
    assert cli.main(["check", "--format", "github", "."]) == 1
    annotation, summary = capsys.readouterr().out.splitlines()
    assert annotation.startswith("::error file=a%2Cb%3Ac%25.yaml,line=5,col=5::unknown key '50%25,x: y'")
    assert summary == "1 file, 1 event, 0 actors, 1 source, 0 quotes, 1 problem, 0 warnings"


def test_a_clean_check_in_every_format_exits_zero(capsys) -> None:
    assert cli.main(["check", "--format", "github", str(EVENTS)]) == 0
    assert capsys.readouterr().out == BUNDLED_SUMMARY + "\n"
    assert cli.main(["check", "--format", "json", str(EVENTS)]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "summary": {"files": 4, "events": 19, "actors": 16, "sources": 41, "quotes": 10,
                    "problems": 0, "warnings": 0},
        "problems": []}


def test_json_problem_record(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path / "a.yaml", """\
        events:
          - {id: e, date: "2025", title: t, actors: [ghost]}
        """)
    assert cli.main(["check", "--format", "json", str(path)]) == 1
    no_source, record = json.loads(capsys.readouterr().out)["problems"]  # in file order
    assert (no_source["severity"], no_source["line"]) == ("warning", 2)
    assert {key: record[key] for key in ("path", "line", "column", "severity")} == {
        "path": str(path), "line": 2, "column": 46, "severity": "error"}
    assert "ghost" in record["message"]


@pytest.mark.parametrize("argv", [["--version"], ["check", "--version"]])
def test_version(argv: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip().endswith(f" {__version__}")


@pytest.mark.parametrize("argv", [["check", "--format", "xml"], ["--no-such-option"],
                                  ["check", "--format"]])
def test_a_usage_error_exits_2_with_a_message(argv: list[str], capsys, monkeypatch) -> None:
    from timeline_tui.app import TimelineApp

    def no_app(self) -> None:
        raise AssertionError("a usage error started the app")

    monkeypatch.setattr(TimelineApp, "run", no_app)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_the_installed_command_version_and_usage_error(tmp_path: Path) -> None:
    version = subprocess.run([sys.executable, "-m", "timeline_tui", "--version"],
                             capture_output=True, text=True, cwd=tmp_path)
    assert (version.returncode, version.stdout) == (0, f"timeline-tui {__version__}\n")
    usage = subprocess.run([sys.executable, "-m", "timeline_tui", "check", "--format", "xml"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert usage.returncode == 2
    assert "invalid choice: 'xml'" in usage.stderr


def test_check_with_no_path_reads_events_in_the_working_directory(tmp_path: Path, monkeypatch,
                                                                   capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "events").mkdir()
    _write(tmp_path / "events" / "a.yaml", """\
        events:
          - {id: e, date: "2025", title: t, sources: [s]}
        sources:
          - {id: s, title: S}
        """)
    assert cli.main(["check"]) == 0
    assert capsys.readouterr().out == (
        "1 file, 1 event, 0 actors, 1 source, 0 quotes, 0 problems, 0 warnings\n")


def test_default_paths_fall_back_to_the_bundled_timeline(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    [path] = cli.default_paths()
    assert Path(path).name in {"events", "sample_events"}
    assert sorted(p.name for p in Path(path).iterdir()) == sorted(p.name for p in EVENTS.iterdir())


def _help(argv: list[str], capsys, monkeypatch) -> str:
    monkeypatch.setenv("COLUMNS", "200")  # one line per option: sentences are not wrapped
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 0
    return capsys.readouterr().out


FORMAT_HELP_LINES = (
    "A timeline is one or more YAML files, each a mapping with any of the keys\n"
    "actors, sources and events. 'timeline-tui help format' prints the format,\n"
    "'timeline-tui schema' a JSON Schema of it for editors, and 'timeline-tui init'\n"
    "writes a starter timeline.\n")
"""The epilog of the app's, check's and export's help, its lines as written."""


def test_help_of_the_app(capsys, monkeypatch) -> None:
    text = _help(["--help"], capsys, monkeypatch)
    assert text.startswith("usage: timeline-tui [-h] [--version] [--tz ZONE] [PATH ...]\n\n"
                           "Browse a sourced chronology in the terminal.\n")
    assert ("YAML files or directories (read recursively); default: ./events, "
            "or the bundled sample timeline") in text
    assert ("  --tz ZONE   show every time that has a zone in ZONE (an IANA name such as "
            "Europe/Istanbul, or UTC); default: each as written\n") in text
    assert ("\nOther commands (each takes --help):\n"
            "  timeline-tui check    validate timelines, no UI\n"
            "  timeline-tui export   Markdown with citations, CSV, JSON or TimelineJS\n"
            "  timeline-tui init     write a starter timeline\n"
            "  timeline-tui schema   print the JSON Schema of the format\n"
            "  timeline-tui help format   print the format reference\n\n"
            + FORMAT_HELP_LINES) in text


def test_help_of_check_states_the_exit_codes_and_formats(capsys, monkeypatch) -> None:
    text = _help(["check", "--help"], capsys, monkeypatch)
    assert text.startswith("usage: timeline-tui check [-h] [--version] "
                           "[--format {text,json,github}] [--strict] [PATH ...]\n\n")
    assert ("\nValidate timelines: print each problem as path:line:col: error: message (or "
            "warning: for something worth a look that does not stop the data being used), then a "
            "summary. Exit 0 when there is no error, 1 when there are errors (or, with --strict, "
            "warnings), 2 for a usage error.\n") in text
    assert ("\n  --format {text,json,github}\n                        text (default); json for "
            "tools; github for GitHub Actions annotations\n") in text
    assert "  --strict              exit 1 when there are warnings, as for errors\n" in text
    assert "default: ./events, or the bundled sample timeline" in text
    assert text.endswith("\n" + FORMAT_HELP_LINES)


def test_check_prints_text_by_default(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path / "a.yaml", "events: [{id: e, date: '2025-13', title: t}]\n")
    assert cli.main(["check", str(path)]) == 1
    [error] = [line for line in capsys.readouterr().out.splitlines() if ": error: " in line]
    assert error.startswith(f"{path}:1:")


def test_check_escapes_what_the_terminal_cannot_print(tmp_path: Path, monkeypatch) -> None:
    """An ASCII terminal gets the unknown key 'café' escaped, not a traceback."""
    path = _write(tmp_path / "a.yaml", "events: [{id: e, date: '2025', title: t, café: 1, "
                                       "sources: [s]}]\nsources: [{id: s, title: S}]\n")
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stream)
    assert cli.check([str(path)], "text", False) == 1
    stream.flush()
    output = stream.buffer.getvalue().decode("ascii")
    assert "unknown key 'caf\\xe9'" in output
    assert output.endswith("1 file, 1 event, 0 actors, 1 source, 0 quotes, 1 problem, 0 warnings\n")


def test_the_app_opens_the_paths_given_or_the_default(tmp_path: Path, monkeypatch) -> None:
    from timeline_tui.app import TimelineApp

    opened: list[tuple[str, ...]] = []
    monkeypatch.setattr(TimelineApp, "run", lambda self: opened.append(self.workspace.paths))
    for stream in (sys.stdin, sys.stdout):  # as in a terminal
        monkeypatch.setattr(stream, "isatty", lambda: True, raising=False)
    monkeypatch.chdir(tmp_path)
    for directory in ("events", "two"):
        (tmp_path / directory).mkdir()
    for name in ("one.yaml", "three.yaml"):
        (tmp_path / name).write_text("events: []\n", encoding="utf-8")
    assert cli.main(["one.yaml", "two"]) == 0
    assert cli.main([]) == 0
    monkeypatch.setattr(sys, "argv", ["timeline-tui", "three.yaml"])
    assert cli.main() == 0
    assert opened == [("one.yaml", "two"), ("events",), ("three.yaml",)]


def test_check_reads_its_arguments_from_the_command_line(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["timeline-tui", "check", str(EVENTS)])
    assert cli.main() == 0
    assert capsys.readouterr().out == BUNDLED_SUMMARY + "\n"


def test_default_paths_of_an_installed_package(tmp_path: Path, monkeypatch) -> None:
    """Installed, the sample timeline sits in the package as sample_events; with
    neither it nor ./events, the app is sent to ./events (and says it is missing)."""
    package = tmp_path / "site" / "timeline_tui"
    package.mkdir(parents=True)
    monkeypatch.setattr(cli, "__file__", str(package / "cli.py"))
    monkeypatch.chdir(tmp_path)
    assert cli.default_paths() == ["events"]
    (package / "sample_events").mkdir()
    assert cli.default_paths() == [str(package / "sample_events")]
    (tmp_path / "events").mkdir()
    assert cli.default_paths() == ["events"]


def test_json_keeps_non_ascii_text_and_is_indented(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path / "a.yaml", "events: [{id: e, date: '2025', title: t, café: 1, "
                                       "sources: [s]}]\nsources: [{id: s, title: S}]\n")
    assert cli.main(["check", "--format", "json", str(path)]) == 1
    output = capsys.readouterr().out
    assert output.startswith('{\n  "summary": {\n    "files": 1,\n')
    assert "unknown key 'café'" in output


def test_check_prints_to_a_stream_that_cannot_be_reconfigured(tmp_path: Path, monkeypatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    assert cli.check([str(EVENTS)], "text", False) == 0
    assert stream.getvalue() == BUNDLED_SUMMARY + "\n"


FORMAT_HELP = ("A timeline is one or more YAML files, each a mapping with any of the keys actors, "
               "sources and events. 'timeline-tui help format' prints the format, 'timeline-tui "
               "schema' a JSON Schema of it for editors, and 'timeline-tui init' writes a "
               "starter timeline.")


@pytest.mark.parametrize(("argv", "words"), [
    (["export", "--help"],
     "usage: timeline-tui export [-h] [--version] [--format {markdown,csv,json,timelinejs}] "
     "[--query Q] [--group-by {none,actor-group,tag}] [-o FILE] [PATH ...] "
     "Write the timeline's events as a Markdown chronology with numbered citations, a CSV "
     "table, JSON, or TimelineJS JSON. Exit 0 when written, 1 when written but the timeline "
     "has problems (the export has what could be read: run 'timeline-tui check'), 2 for a "
     "usage error. "
     "positional arguments: PATH YAML files or directories (read recursively); default: "
     "./events, or the bundled sample timeline "
     "options: -h, --help show this help message and exit --version show program's version "
     "number and exit --format {markdown,csv,json,timelinejs} markdown (default), csv, json "
     "or timelinejs --query Q only the events that query Q finds: the app's query language "
     "(/), e.g. 'actor:medinsky is:reported from:2025-05' --group-by {none,actor-group,tag} "
     "timelinejs only: what sets each slide's group (default: none) -o FILE, --output FILE "
     "write to FILE (never one of the timeline's own files) instead of standard output "
     + FORMAT_HELP),
    (["schema", "--help"],
     "usage: timeline-tui schema [-h] Print the JSON Schema (draft 2020-12) of a timeline "
     "file, for editors: save it and point yaml-language-server at it (see 'timeline-tui "
     "init', which does). 'timeline-tui check' remains the authority on what a schema cannot "
     "say: references, duplicate ids, real calendar days. "
     "options: -h, --help show this help message and exit"),
    (["init", "--help"],
     "usage: timeline-tui init [-h] [DIR] Write a starter timeline into DIR: actors.yaml, "
     "sources.yaml and events.yaml, each with a worked example and comments, and "
     "timeline.schema.json, which the files name for editors. Never overwrites a file. "
     "positional arguments: DIR where to write (default: the current directory) "
     "options: -h, --help show this help message and exit"),
    (["help", "--help"],
     "usage: timeline-tui help [-h] {format} Print a reference. positional arguments: "
     "{format} format: the timeline format options: -h, --help show this help message and exit"),
])
def test_help_of_the_other_commands_word_for_word(argv, words, capsys, monkeypatch) -> None:
    assert " ".join(_help(argv, capsys, monkeypatch).split()) == words


def test_help_of_export_keeps_the_lines_of_its_description_and_format_paragraph(
        capsys, monkeypatch) -> None:
    text = _help(["export", "--help"], capsys, monkeypatch)
    assert ("\n\nWrite the timeline's events as a Markdown chronology with numbered citations, "
            "a CSV table, JSON, or TimelineJS JSON. Exit 0 when written, 1 when written but the "
            "timeline has problems (the export has what could be read: run 'timeline-tui "
            "check'), 2 for a usage error.\n\n") in text
    assert text.endswith("\n\n" + FORMAT_HELP_LINES)


@pytest.mark.parametrize(("argv", "error"), [
    ([], "the following arguments are required: topic"),
    (["formats"], "argument topic: invalid choice: 'formats' (choose from 'format')"),
])
def test_help_without_a_known_topic_is_a_usage_error_naming_the_topic(argv, error, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["help", *argv])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == (
        f"usage: timeline-tui help [-h] {{format}}\ntimeline-tui help: error: {error}\n")


def test_the_schema_is_printed_indented_by_two_with_its_characters_as_they_are(
        capsysbinary) -> None:
    """As `init` writes it beside the user's files: readable, and a small diff."""
    assert cli.main(["schema"]) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert lines[:2] == ["{", '  "$schema": "https://json-schema.org/draft/2020-12/schema",']
    assert any("[Z|±HH:MM]" in line for line in lines)


def test_tz_takes_a_zone_and_refuses_an_unknown_one(tmp_path: Path, monkeypatch, capsys) -> None:
    from timeline_tui.app import TimelineApp

    zones: list[str] = []
    monkeypatch.setattr(TimelineApp, "run",
                        lambda self: zones.append(self._screen_options["display_zone"]))
    for stream in (sys.stdin, sys.stdout):  # as in a terminal
        monkeypatch.setattr(stream, "isatty", lambda: True, raising=False)
    path = _write(tmp_path / "a.yaml", CLEAN)
    assert cli.main(["--tz", "Europe/Istanbul", str(path)]) == 0
    assert zones == ["Europe/Istanbul"]
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--tz", "Mars/Base", str(path)])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(
        "timeline-tui: error: argument --tz: unknown time zone 'Mars/Base': write an IANA "
        "name such as Europe/Istanbul, America/Los_Angeles or UTC\n")
    assert zones == ["Europe/Istanbul"]


def test_export_refuses_an_unknown_format(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["export", "--format", "xml"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(
        "timeline-tui export: error: argument --format: invalid choice: 'xml' (choose from "
        "'markdown', 'csv', 'json', 'timelinejs')\n")


def _installed_readme(tmp_path: Path, monkeypatch, readme: str | None) -> None:
    """The package as installed: its README (if any) inside it, none beside it."""
    package = tmp_path / "site" / "timeline_tui"
    package.mkdir(parents=True)
    if readme is not None:
        (package / "README.md").write_text(readme, encoding="utf-8")
    monkeypatch.setattr(cli, "_PACKAGE", package)


def test_help_format_of_an_installed_package_reads_its_own_readme(tmp_path: Path,
                                                                  monkeypatch) -> None:
    _installed_readme(tmp_path, monkeypatch, "# T\n\n## The timeline format\n\nKeys.\n\n\n"
                                             "## Next\n\nOther.\n")
    assert cli.format_reference() == "## The timeline format\n\nKeys.\n"


def test_help_format_when_the_format_is_the_last_section(tmp_path: Path, monkeypatch) -> None:
    _installed_readme(tmp_path, monkeypatch, "# T\n\n## The timeline format\n\nKeys.")
    assert cli.format_reference() == "## The timeline format\n\nKeys.\n"


def test_help_format_says_when_the_readme_is_missing(tmp_path: Path, monkeypatch,
                                                     capsysbinary) -> None:
    _installed_readme(tmp_path, monkeypatch, None)
    assert cli.main(["help", "format"]) == 0
    assert capsysbinary.readouterr().out == \
        b"The format reference is missing from this installation.\n"


# The same usage errors in-process, where mutation testing reaches them (the tests
# above run the command in a child interpreter)

@pytest.mark.parametrize("command", [["check"], []], ids=["check", "app"])
def test_a_missing_path_among_others_is_named(command, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "here.yaml", CLEAN)
    assert cli.main([*command, "here.yaml", "nowhere.yaml", "gone.yaml"]) == 2
    assert capsys.readouterr().err == "timeline-tui: no such file or directory: nowhere.yaml\n"


def test_the_app_outside_a_terminal_says_what_to_run_instead(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    assert cli.main([str(_write(tmp_path / "t.yaml", CLEAN))]) == 2
    assert capsys.readouterr().err == (
        "timeline-tui: the app needs a terminal, and standard input or output is not one; "
        "to validate timelines in a script or CI, run: timeline-tui check [PATH ...]\n")


def test_check_of_a_directory_without_timeline_files_fails(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("events: []\n", encoding="utf-8")
    assert cli.main(["check", str(tmp_path), str(tmp_path)]) == 1
    assert capsys.readouterr().err == \
        f"timeline-tui: no timeline files (*.yaml, *.yml) found in {tmp_path}, {tmp_path}\n"


def test_what_the_app_resolved_and_had_not_stored_is_stored_when_it_exits(
        tmp_path: Path, monkeypatch) -> None:
    from timeline_tui.app import TimelineApp

    cache = Path(os.environ["XDG_CACHE_HOME"]) / "timeline-tui" / "parse"
    stored_when_the_app_ended: list[int] = []

    def a_session(self) -> None:  # a load, and an exit before it was stored
        self.workspace.load()
        stored_when_the_app_ended.append(len(list(cache.rglob("*.resolved"))))

    monkeypatch.setattr(TimelineApp, "run", a_session)
    for stream in (sys.stdin, sys.stdout):  # as in a terminal
        monkeypatch.setattr(stream, "isatty", lambda: True, raising=False)
    shutil.copytree(BUNDLED_EVENTS, tmp_path / "events")
    assert cli.main([str(tmp_path / "events")]) == 0
    assert stored_when_the_app_ended == [0]
    assert len(list(cache.rglob("*.resolved"))) == 4


@pytest.mark.parametrize("terminal", ["stdin", "stdout"])
def test_the_app_with_only_one_of_its_streams_a_terminal_says_what_to_run_instead(
        terminal, tmp_path, monkeypatch, capsys):
    from timeline_tui.app import TimelineApp

    def no_app(self) -> None:
        raise AssertionError("the app started without a terminal to draw on")

    monkeypatch.setattr(TimelineApp, "run", no_app)
    for name in ("stdin", "stdout"):
        monkeypatch.setattr(getattr(sys, name), "isatty", lambda tty=name == terminal: tty,
                            raising=False)
    assert cli.main([str(_write(tmp_path / "t.yaml", CLEAN))]) == 2
    assert "the app needs a terminal" in capsys.readouterr().err


def test_the_app_is_told_when_it_shows_the_sample_and_in_which_zone(tmp_path: Path,
                                                                   monkeypatch) -> None:
    """The sample only when no path was given and there is no ./events; the times
    as written unless --tz names a zone."""
    from timeline_tui.app import TimelineApp

    started: list[tuple[bool, str]] = []
    monkeypatch.setattr(TimelineApp, "run", lambda self: started.append(
        (self._screen_options["sample"], self._screen_options["display_zone"])))
    for stream in (sys.stdin, sys.stdout):  # as in a terminal
        monkeypatch.setattr(stream, "isatty", lambda: True, raising=False)
    monkeypatch.chdir(tmp_path)
    assert cli.main([]) == 0  # no ./events: the sample
    assert cli.main([cli.bundled_sample()]) == 0  # the sample's folder, given
    (tmp_path / "events").mkdir()
    assert cli.main([]) == 0
    assert cli.main(["--tz", "UTC"]) == 0
    assert started == [(True, ""), (False, ""), (False, ""), (False, "UTC")]
