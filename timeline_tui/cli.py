"""The command line: `timeline-tui [PATH ...]` and `timeline-tui check [PATH ...]`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.loader import load_paths
from .core.dates import DateError, check_zone
from .core.model import Problem, Timeline
from .core.text import counted
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

    TimelineApp(paths, display_zone=options.tz or "").run()
    return 0


def _missing(paths: Sequence[str]) -> int:
    """2, after saying so, when a path given does not exist; 0 when all do."""
    for path in paths:
        if not os.path.lexists(path):
            print(f"timeline-tui: no such file or directory: {path}", file=sys.stderr)
            return 2
    return 0


def check(paths: Sequence[str], output_format: str = "text", strict: bool = False) -> int:
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
