"""The command line: `timeline-tui [PATH ...]` and `timeline-tui check [PATH ...]`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.export import FORMATS, GROUP_BY, export, file_bytes, refusal
from .core.dates import DateError, check_zone
from .core.loader import load_paths
from .core.model import Problem, Timeline, warning_count
from .core.query import QueryError, parse_query, select_events
from .core.schema import SCHEMA_FILE_NAME, timeline_schema
from .core.text import counted

__all__ = ["default_paths", "main"]

_FORMAT_HELP = """\
A timeline is one or more YAML files, each a mapping with any of the keys
actors, sources and events. 'timeline-tui help format' prints the format,
'timeline-tui schema' a JSON Schema of it for editors, and 'timeline-tui init'
writes a starter timeline."""


def default_paths() -> list[str]:
    """./events when it exists, otherwise the sample timeline shipped with the package."""
    if Path("events").is_dir():
        return ["events"]
    sample = bundled_sample()
    return [sample] if sample else ["events"]


def bundled_sample() -> str | None:
    """The sample timeline: in the wheel, or beside the package in a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "sample_events", package.parent / "events"):
        if candidate.is_dir():
            return str(candidate)
    return None


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-tui",
        description="Browse a sourced chronology in the terminal.",
        epilog="Other commands (each takes --help):\n"
               "  timeline-tui check    validate timelines, no UI\n"
               "  timeline-tui export   Markdown with citations, CSV, JSON or TimelineJS\n"
               "  timeline-tui init     write a starter timeline\n"
               "  timeline-tui schema   print the JSON Schema of the format\n"
               "  timeline-tui help format   print the format reference\n\n"
               + _FORMAT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(parser)
    parser.add_argument(
        "--tz", metavar="ZONE", type=_zone,
        help="show every time that has a zone in ZONE (an IANA name such as "
             "Europe/Istanbul, or UTC); default: each as written",
    )
    return parser


def _zone(name: str) -> str:
    try:
        return check_zone(name)
    except DateError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-tui check",
        description="Validate timelines: print each problem as path:line:col: error: "
                    "message (or warning: for something worth a look that does not "
                    "stop the data being used), then a summary. Exit 0 when there is "
                    "no error, 1 when there are errors (or, with --strict, warnings), "
                    "2 for a usage error.",
        epilog=_FORMAT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(parser)
    parser.add_argument(
        "--format", choices=("text", "json", "github"), default="text",
        help="%(default)s (default); json for tools; github for GitHub Actions annotations",
    )
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when there are warnings, as for errors")
    return parser


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="YAML files or directories (read recursively); default: ./events, "
             "or the bundled sample timeline",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["check"]:
        options = _check_parser().parse_args(args[1:])
        return check(options.paths or default_paths(), options.format, options.strict)
    if args[:1] == ["export"]:
        return export_command(args[1:])
    if args[:1] == ["schema"]:
        return schema_command(args[1:])
    if args[:1] == ["init"]:
        return init_command(args[1:])
    if args[:1] == ["help"]:
        return help_command(args[1:])
    options = _app_parser().parse_args(args)
    paths = options.paths or default_paths()
    missing = _missing(paths)
    if missing:
        return missing
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Textual would wait for a terminal that never answers.
        print("timeline-tui: the app needs a terminal, and standard input or output is "
              "not one; to validate timelines in a script or CI, run: timeline-tui check "
              "[PATH ...]", file=sys.stderr)
        return 2
    from .app import TimelineApp  # Textual loads only when the UI is wanted.

    app = TimelineApp(paths, display_zone=options.tz or "",
                      sample=not options.paths and paths == [bundled_sample()])
    app.run()
    # What the session resolved and had not yet written to the cache (it is written
    # slowly, in the background), for the next start.
    app.workspace.store_resolved()
    return 0


def _missing(paths: Sequence[str]) -> int:
    """2, after saying so, when a path given does not exist; 0 when all do."""
    for path in paths:
        if not os.path.lexists(path):
            print(f"timeline-tui: no such file or directory: {path}", file=sys.stderr)
            return 2
    return 0


def check(paths: Sequence[str], output_format: str, strict: bool) -> int:
    # A file name that is not UTF-8, or a quoted key in a script the terminal's
    # encoding lacks, is printed escaped rather than ending the check in a traceback.
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")
    missing = _missing(paths)
    if missing:
        return missing
    timeline = load_paths(paths)
    if not timeline.files:
        # A CI job pointed at the wrong directory must not pass for want of files.
        print(f"timeline-tui: no timeline files (*.yaml, *.yml) found in "
              f"{', '.join(paths)}", file=sys.stderr)
        return 1
    summary = _summary(timeline)
    if output_format == "json":
        print(json.dumps({"summary": summary,
                          "problems": [_problem_record(p) for p in timeline.problems]},
                         indent=2, ensure_ascii=False))
    else:
        for problem in timeline.problems:
            print(_github_annotation(problem) if output_format == "github" else problem)
        print(", ".join(counted(count, name[:-1]) for name, count in summary.items()))
    return 1 if summary["problems"] or (strict and summary["warnings"]) else 0


def _summary(timeline: Timeline) -> dict[str, int]:
    warnings = warning_count(timeline.problems)
    return {
        "files": len(timeline.files),
        "events": len(timeline.events),
        "actors": len(timeline.actors),
        "sources": len(timeline.sources),
        "quotes": timeline.quote_count,
        "problems": len(timeline.problems) - warnings,
        "warnings": warnings,
    }


def _problem_record(problem: Problem) -> dict[str, object]:
    position = problem.position
    record: dict[str, object] = {"path": position.path, "line": position.line,
                                 "column": position.column, "severity": problem.severity,
                                 "message": problem.message}
    if problem.detail:
        record["detail"] = problem.detail  # the YAML library's own words
    return record


def _github_annotation(problem: Problem) -> str:
    # GitHub workflow commands escape %, CR and LF in the message, and also : and , in properties.
    def escape(value: str, in_property: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if in_property else value

    position = problem.position
    return (f"::{problem.severity} file={escape(_workspace_relative(position.path), True)},"
            f"line={position.line},col={position.column}::{escape(problem.message)}")


def _workspace_relative(path: str) -> str:
    """The path as GitHub attaches annotations to files: relative to
    $GITHUB_WORKSPACE when the file is below it, otherwise to the current
    directory when below that, otherwise as given."""
    absolute = Path(os.path.abspath(path))
    for root in (os.environ.get("GITHUB_WORKSPACE"), os.getcwd()):
        if root:
            try:
                return absolute.relative_to(os.path.abspath(root)).as_posix()
            except ValueError:
                continue
    return path


# timeline-tui export

def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-tui export",
        description="Write the timeline's events as a Markdown chronology with numbered "
                    "citations, a CSV table, JSON, or TimelineJS JSON. Exit 0 when "
                    "written, 1 when written but the timeline has problems (the export "
                    "has what could be read: run 'timeline-tui check'), 2 for a usage "
                    "error.",
        epilog=_FORMAT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(parser)
    parser.add_argument("--format", choices=FORMATS, default="markdown",
                        help="markdown (default), csv, json or timelinejs")
    parser.add_argument("--query", metavar="Q",
                        help="only the events that query Q finds: the app's query language (/), "
                             "e.g. 'actor:medinsky is:reported from:2025-05'")
    parser.add_argument("--group-by", choices=GROUP_BY, default="none",
                        help="timelinejs only: what sets each slide's group "
                             "(default: none)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE (never one of the timeline's own files) "
                             "instead of standard output")
    return parser


def export_command(argv: Sequence[str]) -> int:
    parser = _export_parser()
    options = parser.parse_args(argv)
    if options.group_by != "none" and options.format != "timelinejs":
        parser.error("--group-by is for --format timelinejs")
    paths = options.paths or default_paths()
    timeline = load_paths(paths)
    if options.output is not None:
        reason = refusal(options.output, paths, timeline.files)
        if reason:
            parser.error(f"will not write the export there: {reason}")
    indexes: Sequence[int] = range(len(timeline.events))
    if options.query:
        query = parse_query(options.query)
        if isinstance(query, QueryError):
            hint = f"; try --query '{query.suggestion}'" if query.suggestion else ""
            parser.error(f"--query: {query.message}{hint}")
        indexes = select_events(timeline, query)
    text = export(timeline, indexes, options.format, options.group_by)
    if options.output is None:
        sys.stdout.buffer.write(text.encode())
        sys.stdout.flush()
    else:
        try:
            Path(options.output).write_bytes(file_bytes(text, options.format))
        except OSError as error:
            parser.error(f"cannot write {options.output}: {error.strerror or error}")
    errors = len(timeline.problems) - warning_count(timeline.problems)
    if errors:
        print(f"timeline-tui export: {counted(errors, 'problem')} in the timeline: the "
              "export has what could be read (run 'timeline-tui check')", file=sys.stderr)
        return 1
    return 0


# timeline-tui schema, init, help format: the format for editors and new users

_PACKAGE = Path(__file__).resolve().parent


def _schema_text() -> str:
    return json.dumps(timeline_schema(), indent=2, ensure_ascii=False) + "\n"


def schema_command(argv: Sequence[str]) -> int:
    argparse.ArgumentParser(
        prog="timeline-tui schema",
        description="Print the JSON Schema (draft 2020-12) of a timeline file, for "
                    "editors: save it and point yaml-language-server at it (see "
                    "'timeline-tui init', which does). 'timeline-tui check' remains the "
                    "authority on what a schema cannot say: references, duplicate ids, "
                    "real calendar days.",
    ).parse_args(argv)
    sys.stdout.buffer.write(_schema_text().encode())
    sys.stdout.flush()
    return 0


def init_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="timeline-tui init",
        description=f"Write a starter timeline into DIR: actors.yaml, sources.yaml and "
                    f"events.yaml, each with a worked example and comments, and "
                    f"{SCHEMA_FILE_NAME}, which the files name for editors. Never "
                    f"overwrites a file.",
    )
    parser.add_argument("directory", nargs="?", default=".", metavar="DIR",
                        help="where to write (default: the current directory)")
    directory = Path(parser.parse_args(argv).directory)
    files = {path.name: path.read_bytes()
             for path in sorted((_PACKAGE / "starter").glob("*.yaml"))}
    files[SCHEMA_FILE_NAME] = _schema_text().encode()
    existing = [name for name in files if os.path.lexists(directory / name)]
    if existing:
        parser.error(f"{directory} already has {', '.join(existing)}; nothing was written")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            with open(directory / name, "xb") as file:  # "x": never over a file
                file.write(data)
    except OSError as error:
        parser.error(f"cannot write in {directory}: {error.strerror or error}")
    print(f"Wrote {', '.join(files)} in {directory}.\n"
          f"Open it: timeline-tui {directory}\n"
          f"Validate it: timeline-tui check {directory}")
    return 0


def help_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="timeline-tui help",
                                     description="Print a reference.")
    parser.add_argument("topic", choices=("format",), help="format: the timeline format")
    parser.parse_args(argv)
    sys.stdout.buffer.write(format_reference().encode())
    sys.stdout.flush()
    return 0


def format_reference() -> str:
    """The README's section on the format: the README ships inside the package
    (an installed wheel has no other copy), or is beside it in a checkout."""
    for readme in (_PACKAGE / "README.md", _PACKAGE.parent / "README.md"):
        if readme.is_file():
            text = readme.read_bytes().decode()  # UTF-8, whatever the locale
            start = text.index(_FORMAT_HEADING)
            end = text.find("\n## ", start + len(_FORMAT_HEADING))
            return text[start:end if end != -1 else None].rstrip() + "\n"
    return "The format reference is missing from this installation.\n"


_FORMAT_HEADING = "## The timeline format"
