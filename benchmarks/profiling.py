"""Where the time goes: cProfile of cold and warm start, reload, search keystroke and filter toggle.

    python -m benchmarks.profiling [--events 100000] [--files 100] [--top 15] [--out DIR]

Runs one full session (benchmarks/_session.py) with profiling on and prints, for each
scenario, the top functions by cumulative time. cProfile is per thread, so the load
(which runs in a worker thread) and the main (UI) thread are profiled separately:

* cold_loader / reload_loader: `Workspace.load` in the worker thread;
* cold_main: the main thread from creating the App to the first frame with rows;
* warm_loader / warm_main: the same, in a second process started on the parse cache
  the first one filled;
* reload_main: the main thread from `action_reload()` to the frame showing the change;
* search_main / query_main / filter_main / move_main: the main thread from the key
  press (the first letter; the query term's last key; space on the busiest actor; the
  fifth `j`) to its frame.

Profiling slows Python code down (often 1.5-2x), so read the shares, not the totals.
The .prof files are kept in --out for `python -m pstats` or snakeviz.
"""

from __future__ import annotations

import argparse
import io
import pstats
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import benchmarks.run as harness  # noqa: E402
from benchmarks.run import ensure_data, linked_copy, run_session  # noqa: E402

SCENARIOS = ("cold_loader", "cold_main", "reload_loader", "reload_main", "search_main",
             "query_main", "filter_main", "move_main")


def top(path: Path, count: int) -> str:
    stream = io.StringIO()
    stats = pstats.Stats(str(path), stream=stream)
    stats.strip_dirs().sort_stats("cumulative").print_stats(count)
    text = stream.getvalue()
    start = text.find("   ncalls")
    head = [line for line in text[:start].splitlines() if "function calls" in line]
    return "\n".join([*head, text[start:].rstrip()])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Profile timeline-tui's slow paths.")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--out", help="keep the .prof files here (default: a temp dir)")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "timeline-tui-bench"))
    parser.add_argument("--size", default="160x48")
    parser.add_argument("--search", default="pu")
    parser.add_argument("--code", metavar="REV", help="profile this git revision "
                        "instead of the work tree (see benchmarks.run --code)")
    args = parser.parse_args(argv)

    workdir = Path(args.workdir)
    harness.CODE_ENV, code = harness.code_env(workdir, args.code)
    print(f"code: {code}")
    data, _ = ensure_data(workdir, args.events, args.files)
    out = Path(args.out or tempfile.mkdtemp(prefix="profile-", dir=workdir))
    out.mkdir(parents=True, exist_ok=True)
    warm_out = out / "warm"
    warm_out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        copy = linked_copy(data, Path(scratch))
        xdg = Path(scratch) / "xdg-cache"
        xdg.mkdir()
        result = run_session(copy, "full", xdg, size=args.size, search=args.search,
                             profile_dir=out)
        # The cold run filled the parse cache (the reload changed one file: it is
        # parsed again, as a user's edited file would be).
        warm = run_session(copy, "startup", xdg, size=args.size, search=args.search,
                           profile_dir=warm_out)
    for run in (result, warm):
        if "error" in run:
            print(f"session failed: {run['error']}\n{run.get('traceback', run.get('stderr', ''))}")
            return 1
    samples = result["samples"]
    print(f"{args.events:,} events in {args.files} files, profiled (times are inflated by "
          f"cProfile): start {samples['start'][0]:.0f} ms (load thread "
          f"{samples['load_thread'][0]:.0f} ms), search key {samples['search_key'][0]:.0f} ms, "
          f"filter on {samples['filter_on'][0]:.0f} ms, reload {samples['reload'][0]:.0f} ms")
    print(f"warm start {warm['samples']['start'][0]:.0f} ms (load thread "
          f"{warm['samples']['load_thread'][0]:.0f} ms)")
    profiles = [(name, out / f"{name}.prof") for name in SCENARIOS]
    profiles += [(f"warm_{name[len('cold_'):]}", warm_out / f"{name}.prof")
                 for name in ("cold_loader", "cold_main")]
    for name, path in profiles:
        print(f"\n=== {name} ===")
        print(top(path, args.top) if path.exists() else "(no profile written)")
    print(f"\nprofiles: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
