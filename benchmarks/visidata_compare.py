"""Cold start against VisiData on the same file: 10,000 events in one YAML file.

    python -m benchmarks.visidata_compare [--events 10000] [--repeat 3] [--json FILE]

Optional: skipped (exit 0, a note) when VisiData's `vd` is not installed
(`pip install visidata`; it is not a project dependency). Both are measured from
starting the process, so that neither's Python start-up and imports are left out:

* VisiData: `vd --batch FILE -o OUT.tsv` until it exits. Batch mode loads the file
  (the whole YAML document, as VisiData must before its sheet has rows) and saves
  the one-row sheet it makes of it; no terminal is drawn.
* timeline-tui: a `benchmarks._session --mode startup` process with an empty parse
  cache, until its first frame with timeline rows (the cold start column of
  `benchmarks.run`) plus the process's start-up and imports before it (`import_s`).

The target (issue 11) is timeline-tui at least 10 times faster.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import benchmarks.run as harness  # noqa: E402
from benchmarks.run import ensure_data, run_session  # noqa: E402


def visidata_command() -> str | None:
    """`vd` beside this Python (a virtual environment's), or on PATH."""
    beside = Path(sys.executable).parent / "vd"
    return str(beside) if beside.exists() else shutil.which("vd")


def time_visidata(vd: str, path: Path, scratch: Path) -> float:
    out = scratch / "visidata-out.tsv"
    started = time.perf_counter()
    subprocess.run([vd, "--batch", str(path), "-o", str(out)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=scratch)
    return time.perf_counter() - started


def time_timeline_tui(data: Path, scratch: Path, size: str) -> float:
    xdg = Path(tempfile.mkdtemp(prefix="xdg-", dir=scratch))
    result = run_session(data, "startup", xdg, size=size, search="pu")
    if "error" in result:
        raise RuntimeError(f"{result['error']}\n{result.get('traceback', result.get('stderr', ''))}")
    return result["samples"]["start"][0] / 1000 + result["import_s"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Cold start against VisiData.")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--size", default="160x48")
    parser.add_argument("--json", help="write the samples here")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "timeline-tui-bench"))
    parser.add_argument("--code", metavar="REV", help="measure this git revision "
                        "(see benchmarks.run --code)")
    args = parser.parse_args(argv)

    vd = visidata_command()
    if vd is None:
        print("VisiData (vd) is not installed: skipped (pip install visidata to compare)")
        return 0
    version = subprocess.run([vd, "--version"], capture_output=True, text=True).stdout.strip()
    workdir = Path(args.workdir)
    harness.CODE_ENV, code = harness.code_env(workdir, args.code)
    data, manifest = ensure_data(workdir, args.events, 1)
    [event_file] = manifest.event_files
    timeline_tui, visidata = [], []
    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        for _ in range(args.repeat):
            timeline_tui.append(time_timeline_tui(data, Path(scratch), args.size))
            visidata.append(time_visidata(vd, data / event_file, Path(scratch)))
    ours, theirs = statistics.median(timeline_tui), statistics.median(visidata)
    print(f"code: {code}; {version}")
    print(f"{args.events:,} events in one file ({manifest.bytes / 1e6:.1f} MB), median of "
          f"{args.repeat}, from process start:")
    print(f"  timeline-tui cold start to rows: {ours:.2f} s  {sorted(round(t, 2) for t in timeline_tui)}")
    print(f"  VisiData load (--batch):         {theirs:.2f} s  {sorted(round(t, 2) for t in visidata)}")
    print(f"  timeline-tui is {theirs / ours:.1f} times faster (target: at least 10)")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "code": code, "visidata": version, "events": args.events, "bytes": manifest.bytes,
            "timeline_tui_s": timeline_tui, "visidata_s": visidata,
            "ratio": round(theirs / ours, 2)}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
