"""Benchmark timeline-tui headless on synthetic timelines.

    python -m benchmarks.run                       # 1k/10k/100k events x 1/10/100 files
    python -m benchmarks.run --quick               # 1k and 10k only
    python -m benchmarks.run --sizes 100000 --files 100 --repeat 3 --json out.json

For each size x files it generates a timeline (cached under --workdir, keyed by the
parameters), then runs each measurement in a fresh process (benchmarks/_session.py):

* cold runs (--repeat of them, --large-repeat at >= 50,000 events): a fresh, empty
  XDG_CACHE_HOME; start-up, moving, actor filter, search, reload, peak RSS;
* warm runs (as many): start-up only, with an XDG_CACHE_HOME that one discarded run
  already used (the place a parse cache will live).

Each metric is the median over every sample of every run (a run takes several
samples of `j` and `pagedown`, one of the others), with the minimum beside it.
See benchmarks/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import GENERATOR_VERSION, Manifest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
LARGE = 50_000

# (key in the session's samples, column title, target in ms or MB at 100k/100)
COLUMNS = [
    ("first_frame", "first frame", 500),
    ("start", "cold start", 5000),
    ("warm_start", "warm start", 1000),
    ("move_j", "j", 16),
    ("move_pagedown", "pagedown", 16),
    ("move_G", "G", 16),
    ("filter_on", "filter on", 50),
    ("filter_off", "filter off", 50),
    ("search_key", "search key", 50),
    ("query_key", "query key", 50),
    ("follow_link", "follow link", 33),
    ("reload", "reload 1 file", 300),
    ("peak_rss_mb", "peak RSS MB", 400),
]


def code_env(workdir: Path, rev: str | None) -> tuple[dict[str, str], str]:
    """The environment that makes subprocesses import the code under test, and a
    description of that code. `rev` None: the work tree as it is (uncommitted changes
    included); otherwise a git revision, exported once under workdir/code/<sha>, so
    that edits made while a long benchmark runs cannot change what it measures."""
    def git(*words: str) -> str:
        return subprocess.run(["git", *words], cwd=REPO, capture_output=True, text=True,
                              check=True).stdout.strip()

    env = dict(os.environ)
    try:
        head = git("rev-parse", "--short", "HEAD")
    except (OSError, subprocess.CalledProcessError):
        head = "unknown"
    if rev is None:
        try:
            dirty = bool(git("status", "--porcelain", "--", "timeline_tui"))
        except (OSError, subprocess.CalledProcessError):
            dirty = False
        return env, f"work tree at {head}" + (" with uncommitted changes" if dirty else "")
    sha = git("rev-parse", "--short", rev)
    target = workdir / "code" / sha
    if not (target / "timeline_tui" / "__init__.py").exists():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha, "timeline_tui"], cwd=REPO,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    # The harness itself goes beside it: subprocesses run there, with `python -m`, so
    # that this directory, not the work tree, comes first on sys.path.
    shutil.rmtree(target / "benchmarks", ignore_errors=True)
    shutil.copytree(REPO / "benchmarks", target / "benchmarks",
                    ignore=shutil.ignore_patterns("__pycache__", "results"))
    env["PYTHONPATH"] = os.pathsep.join(
        [str(target)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    global CODE_DIR
    CODE_DIR = target
    return env, f"commit {sha} (exported to {target})"


CODE_ENV: dict[str, str] = dict(os.environ)
"""Set by main(): the environment of every subprocess."""
CODE_DIR: Path = REPO
"""Where subprocesses run: the work tree, or an exported revision."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def machine_info() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import yaml
        libyaml = getattr(yaml, "__with_libyaml__", False)
        yaml_version = yaml.__version__
    except ImportError:  # pragma: no cover
        libyaml, yaml_version = False, "missing"
    try:
        from importlib.metadata import version
        textual_version = version("textual")
    except Exception:  # pragma: no cover
        textual_version = "?"
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": model,
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "textual": textual_version,
        "pyyaml": f"{yaml_version} (libyaml: {'yes' if libyaml else 'no'})",
        "loadavg_at_start": os.getloadavg(),
    }


# Data ----------------------------------------------------------------------


def ensure_data(workdir: Path, events: int, files: int, seed: int = 0,
                check: bool = True) -> tuple[Path, Manifest]:
    """The generated data for these parameters, made on first use."""
    entry = workdir / "data" / f"n{events}-f{files}-s{seed}-v{GENERATOR_VERSION}"
    data = entry / "timeline"
    done = entry / "complete.json"
    if not done.exists():
        log(f"  generating {events:,} events in {files} files into {data} ...")
        started = time.perf_counter()
        if entry.exists():
            shutil.rmtree(entry)
        command = [sys.executable, "-m", "benchmarks.generate", "--events", str(events),
                   "--files", str(files), "--seed", str(seed), "--out", str(data)]
        if not check:
            command.append("--no-check")
        subprocess.run(command, cwd=CODE_DIR, env=CODE_ENV, check=True)
        shutil.copy(data / ".manifest.json", done)
        log(f"  generated (and checked) in {time.perf_counter() - started:.1f} s")
    return data, Manifest.from_json(done.read_text(encoding="utf-8"))


def linked_copy(data: Path, into: Path) -> Path:
    """A copy of `data` made of hard links (the reload rewrites one file by rename)."""
    copy = into / "timeline"
    copy.mkdir(parents=True)
    for entry in os.scandir(data):
        try:
            os.link(entry.path, copy / entry.name)
        except OSError:
            shutil.copy2(entry.path, copy / entry.name)
    return copy


# Sessions ------------------------------------------------------------------


def run_session(data: Path, mode: str, xdg_cache: Path, *, size: str, search: str,
                query: str | None = None, profile_dir: Path | None = None,
                timeout: float = 1200) -> dict:
    env = dict(CODE_ENV, XDG_CACHE_HOME=str(xdg_cache))
    env.pop("TEXTUAL", None)  # no devtools
    command = [sys.executable, "-m", "benchmarks._session", "--data", str(data),
               "--mode", mode, "--size", size, "--search", search]
    if query is not None:
        command += ["--query", query]
    if profile_dir is not None:
        command += ["--profile-dir", str(profile_dir)]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=CODE_DIR, env=env, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"the session did not finish within {timeout:.0f} s (hang?)"}
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            result = json.loads(line[len("RESULT "):])
            result["session_s"] = round(time.perf_counter() - started, 1)
            return result
    return {"error": f"no result (exit {done.returncode})",
            "stderr": done.stderr[-3000:], "stdout": done.stdout[-1000:]}


def run_combo(workdir: Path, events: int, files: int, repeat: int, args) -> dict:
    data, manifest = ensure_data(workdir, events, files, args.seed)
    runs_dir = Path(tempfile.mkdtemp(prefix="runs-", dir=workdir))
    warm_cache = workdir / "xdg-warm" / data.parent.name
    warm_cache.mkdir(parents=True, exist_ok=True)
    cold: list[dict] = []
    warm: list[dict] = []
    errors: list[str] = []
    try:
        if not args.no_warm:  # warm the cache once; this run is not counted
            result = run_session(data, "startup", warm_cache, size=args.size, search=args.search)
            if "error" in result:
                errors.append(f"warm-up: {result['error']} {result.get('traceback', result.get('stderr', ''))}")
        for index in range(repeat):
            run_dir = Path(tempfile.mkdtemp(prefix=f"cold{index}-", dir=runs_dir))
            copy = linked_copy(data, run_dir)
            xdg = run_dir / "xdg-cache"
            xdg.mkdir()
            result = run_session(copy, "full", xdg, size=args.size, search=args.search,
                                 query=args.query)
            shutil.rmtree(run_dir, ignore_errors=True)
            _log_run("cold", index, result)
            if "error" in result:
                errors.append(f"cold run {index}: {result['error']} "
                              f"{result.get('traceback', result.get('stderr', ''))}")
            else:
                cold.append(result)
            if not args.no_warm:
                result = run_session(data, "startup", warm_cache, size=args.size,
                                     search=args.search)
                _log_run("warm", index, result)
                if "error" in result:
                    errors.append(f"warm run {index}: {result['error']}")
                else:
                    warm.append(result)
    finally:
        shutil.rmtree(runs_dir, ignore_errors=True)
    return {"events": events, "files": files, "bytes": manifest.bytes,
            "summary": summarise(cold, warm), "cold_runs": cold, "warm_runs": warm,
            "errors": errors}


def _log_run(kind: str, index: int, result: dict) -> None:
    if "error" in result:
        log(f"    {kind} run {index + 1}: ERROR {result['error']}")
        return
    samples = result["samples"]
    parts = [f"start {samples['start'][0]:.0f} ms"]
    if "reload" in samples:
        parts.append(f"search {samples['search_key'][0]:.0f} ms")
        parts.append(f"reload {samples['reload'][0]:.0f} ms")
    parts.append(f"peak {result['peak_rss_mb']:.0f} MB")
    log(f"    {kind} run {index + 1}: {', '.join(parts)} ({result['session_s']} s)")


def summarise(cold: list[dict], warm: list[dict]) -> dict:
    pooled: dict[str, list[float]] = {}
    for run in cold:
        for key, values in run["samples"].items():
            pooled.setdefault(key, []).extend(values)
        pooled.setdefault("peak_rss_mb", []).append(run["peak_rss_mb"])
        pooled.setdefault("rss_at_rows_mb", []).append(run["rss_at_rows_mb"])
        pooled.setdefault("import_ms", []).append(run["import_s"] * 1000)
    for run in warm:
        pooled.setdefault("warm_start", []).extend(run["samples"]["start"])
        pooled.setdefault("warm_first_frame", []).extend(run["samples"]["first_frame"])
    summary = {key: {"median": round(statistics.median(values), 3),
                     "min": round(min(values), 3), "max": round(max(values), 3),
                     "n": len(values)}
               for key, values in pooled.items() if values}
    for key in ("filter_visible_events", "search_visible_events", "reload_parsed_files",
                "events", "problems"):
        values = [run[key] for run in cold if key in run]
        if values:
            summary[key] = values[0]
    return summary


# Output --------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}"


def table(results: list[dict], statistic: str = "median") -> str:
    head = ["events", "files", "MB"] + [title for _, title, _ in COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---:" for _ in head) + "|"]
    for result in results:
        summary = result["summary"]
        cells = [f"{result['events']:,}", str(result["files"]), f"{result['bytes'] / 1e6:.1f}"]
        for key, _, _ in COLUMNS:
            cells.append(_fmt(summary[key][statistic]) if key in summary else "–")
        lines.append("| " + " | ".join(cells) + " |")
    targets = ["target", "(100k/100)", ""] + [
        f"≤ {target:,}" for _, _, target in COLUMNS]
    lines.append("| " + " | ".join(targets) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark timeline-tui headless (see benchmarks/README.md).")
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="event counts, comma-separated (default 1000,10000,100000)")
    parser.add_argument("--files", default="1,10,100",
                        help="event-file counts, comma-separated (default 1,10,100)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs per combination (default 5)")
    parser.add_argument("--large-repeat", type=int, default=3,
                        help=f"runs per combination of >= {LARGE:,} events (default 3)")
    parser.add_argument("--quick", action="store_true", help="only 1,000 and 10,000 events")
    parser.add_argument("--json", help="also write every sample and the summary here")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "timeline-tui-bench"),
                        help="generated data (kept between runs) and scratch space")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--size", default="160x48", help="terminal size (default 160x48)")
    parser.add_argument("--search", default="pu",
                        help="the two letters typed into the search (default 'pu')")
    parser.add_argument("--query", help="the query term typed for the query key column "
                        "(its last key is timed; default: the session's, see _session.py)")
    parser.add_argument("--no-warm", action="store_true", help="skip the warm start-up runs")
    parser.add_argument("--code", metavar="REV",
                        help="benchmark this git revision (exported to --workdir) instead "
                             "of the work tree, e.g. --code HEAD")
    args = parser.parse_args(argv)

    sizes = [int(s) for s in args.sizes.split(",")]
    if args.quick:
        sizes = [s for s in sizes if s <= 10_000] or [1000, 10_000]
    file_counts = [int(f) for f in args.files.split(",")]
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)

    global CODE_ENV
    CODE_ENV, code = code_env(workdir, args.code)
    machine = machine_info()
    machine["code"] = code
    log(f"code: {code}")
    log(f"machine: {machine['nproc']} CPUs, {machine['cpu_model']}, {machine['memory']}, "
        f"Python {machine['python']}, textual {machine['textual']}, PyYAML {machine['pyyaml']}")
    started = time.perf_counter()
    results = []
    for events in sizes:
        for files in file_counts:
            if files > events:
                continue
            repeat = args.large_repeat if events >= LARGE else args.repeat
            log(f"{events:,} events in {files} files, {repeat} runs:")
            combo_started = time.perf_counter()
            result = run_combo(workdir, events, files, repeat, args)
            result["wall_s"] = round(time.perf_counter() - combo_started, 1)
            results.append(result)
            for error in result["errors"]:
                log(f"  ERROR {error}")
    machine["loadavg_at_end"] = os.getloadavg()
    total = time.perf_counter() - started

    print(f"timeline-tui benchmark — {machine['nproc']} CPUs ({machine['cpu_model']}), "
          f"{machine['memory']}, Python {machine['python']}, textual {machine['textual']}, "
          f"PyYAML {machine['pyyaml']}; terminal {args.size}; load average "
          f"{machine['loadavg_at_start'][0]:.2f} → {machine['loadavg_at_end'][0]:.2f}")
    print(f"code: {code}")
    print()
    print("Median (ms, RSS in MB); cold runs: "
          f"{args.repeat} (≥{LARGE:,} events: {args.large_repeat}), warm runs: as many")
    print(table(results, "median"))
    print()
    print("Minimum")
    print(table(results, "min"))
    print()
    print(f"total {total / 60:.1f} min")
    if args.json:
        Path(args.json).write_text(json.dumps(
            {"machine": machine, "args": vars(args), "total_s": round(total, 1),
             "results": results}, indent=1), encoding="utf-8")
        log(f"wrote {args.json}")
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
