"""The command line: `timeline-tui [PATH ...]` and `timeline-tui check [PATH ...]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.export import FORMATS, GROUP_BY, export, file_bytes, refusal
from .core.loader import load_paths
from .core.model import Problem, Timeline
from .core.workspace import collector_paused

__all__ = ["default_paths", "main"]

_FORMAT_HELP = """\
A timeline is one or more YAML files, each a mapping with any of the keys
actors, sources and events. See README.md for the format."""


def default_paths() -> list[str]:
    """./events when it exists, otherwise the sample timeline shipped with the package."""
    if Path("events").is_dir():
        return ["events"]
    package = Path(__file__).resolve().parent
    for candidate in (package / "sample_events", package.parent / "events"):
        if candidate.is_dir():
            return [str(candidate)]
    return ["events"]


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-tui",
        description="Browse a sourced chronology in the terminal.",
        epilog="Run 'timeline-tui check --help' to validate timelines without the UI.\n\n"
               + _FORMAT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(parser)
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-tui check",
        description="Validate timelines: print each problem as path:line:col: error: "
                    "message, then a summary. Exit 0 when clean, 1 when there are "
                    "problems, 2 for a usage error.",
        epilog=_FORMAT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(parser)
    parser.add_argument(
        "--format", choices=("text", "json", "github"), default="text",
        help="text (default); json for tools; github for GitHub Actions annotations",
    )
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
        return check(options.paths or default_paths(), options.format)
    if args[:1] == ["export"]:
        return export_command(args[1:])
    options = _app_parser().parse_args(args)
    from .app import TimelineApp  # Textual loads only when the UI is wanted.

    TimelineApp(options.paths or default_paths()).run()
    return 0


def check(paths: Sequence[str], output_format: str = "text") -> int:
    # A file name that is not UTF-8, or a quoted key in a script the terminal's
    # encoding lacks, is printed escaped rather than ending the check in a traceback.
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")
    timeline = load_paths(paths)
    summary = _summary(timeline)
    if output_format == "json":
        print(json.dumps({"summary": summary,
                          "problems": [_problem_record(p) for p in timeline.problems]},
                         indent=2, ensure_ascii=False))
    else:
        for problem in timeline.problems:
            print(_github_annotation(problem) if output_format == "github" else problem)
        print(", ".join(f"{count} {name}" for name, count in summary.items()))
    return 1 if timeline.problems else 0


def _summary(timeline: Timeline) -> dict[str, int]:
    return {
        "files": len(timeline.files),
        "events": len(timeline.events),
        "actors": len(timeline.actors),
        "sources": len(timeline.sources),
        "quotes": timeline.quote_count,
        "problems": len(timeline.problems),
    }


def _problem_record(problem: Problem) -> dict[str, object]:
    position = problem.position
    return {"path": position.path, "line": position.line, "column": position.column,
            "severity": "error", "message": problem.message}


def _github_annotation(problem: Problem) -> str:
    # GitHub workflow commands escape %, CR and LF in the message, and also : and , in properties.
    def escape(value: str, in_property: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if in_property else value

    position = problem.position
    return (f"::error file={escape(position.path, True)},line={position.line},"
            f"col={position.column}::{escape(problem.message)}")


# timeline-tui export

def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-tui export",
        description="Write the timeline's events as a Markdown chronology with numbered "
                    "citations, a CSV table, JSON, or TimelineJS JSON. Exit 0 when "
                    "written, 1 when written but the timeline has problems (what could "
                    "not be read is left out: run 'timeline-tui check'), 2 for a usage "
                    "error.",
        epilog=_FORMAT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(parser)
    parser.add_argument("--format", choices=FORMATS, default="markdown",
                        help="markdown (default), csv, json or timelinejs")
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
    paths = options.paths or default_paths()
    timeline = load_paths(paths)
    if options.output is not None:
        reason = refusal(options.output, paths, timeline.files)
        if reason:
            parser.error(f"will not write the export there: {reason}")
    text = export(timeline, range(len(timeline.events)), options.format, options.group_by)
    if options.output is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    else:
        try:
            Path(options.output).write_bytes(file_bytes(text, options.format))
        except OSError as error:
            parser.error(f"cannot write {options.output}: {error.strerror or error}")
    errors = [problem for problem in timeline.problems if problem.severity == "error"]
    if errors:
        print(f"timeline-tui export: {len(errors)} problem{'s' if len(errors) != 1 else ''} "
              "in the timeline; what could not be read is not in the export "
              "(run 'timeline-tui check')", file=sys.stderr)
        return 1
    return 0
