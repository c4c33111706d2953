"""The command line: `timeline-tui [PATH ...]` and `timeline-tui check [PATH ...]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
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
        help="text (default); json for tools; github for GitHub Actions annotations",
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
    options = _app_parser().parse_args(args)
    from .app import TimelineApp  # Textual loads only when the UI is wanted.

    TimelineApp(options.paths or default_paths()).run()
    return 0


def check(paths: Sequence[str], output_format: str = "text", strict: bool = False) -> int:
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
        print(", ".join(_counted(count, name) for name, count in summary.items()))
    return 1 if summary["problems"] or (strict and summary["warnings"]) else 0


def _summary(timeline: Timeline) -> dict[str, int]:
    warnings = sum(problem.severity == "warning" for problem in timeline.problems)
    return {
        "files": len(timeline.files),
        "events": len(timeline.events),
        "actors": len(timeline.actors),
        "sources": len(timeline.sources),
        "quotes": timeline.quote_count,
        "problems": len(timeline.problems) - warnings,
        "warnings": warnings,
    }


def _counted(count: int, plural: str) -> str:
    """"1 warning", "2 warnings": every summary noun is a plural ending in s."""
    return f"{count} {plural if count != 1 else plural[:-1]}"


def _problem_record(problem: Problem) -> dict[str, object]:
    position = problem.position
    return {"path": position.path, "line": position.line, "column": position.column,
            "severity": problem.severity, "message": problem.message}


def _github_annotation(problem: Problem) -> str:
    # GitHub workflow commands escape %, CR and LF in the message, and also : and , in properties.
    def escape(value: str, in_property: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if in_property else value

    position = problem.position
    return (f"::{problem.severity} file={escape(position.path, True)},line={position.line},"
            f"col={position.column}::{escape(problem.message)}")
