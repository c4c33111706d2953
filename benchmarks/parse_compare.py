"""Parse-only timings: PyYAML's C loader vs pure Python vs 2 processes vs other parsers.

    python -m benchmarks.parse_compare [--events 100000] [--files 100] [--repeat 3]

Each method runs in a fresh process (so one method's garbage cannot slow the next)
over every file of the generated data set, --repeat times; the median and the
minimum are printed. The pure-Python loader runs once (it is slow). Methods:

  read            read and decode every file (the floor)
  compose_c       yaml.compose(text, Loader=CSafeLoader): what the loader does today
  compose_c_nogc  the same with the cyclic garbage collector disabled
  compose_c_fastres
                  CSafeLoader with a cheaper implicit resolver (plain scalars that
                  cannot be null, bool, int, float or timestamp go straight to str:
                  what the loader needs), to show what PyYAML's Python resolver costs
  compose_py      yaml.compose(text, Loader=SafeLoader): pure Python
  read_file       timeline_tui's stage 1, loader.read_file: compose + walk to drafts
  read_file_nogc  the same with the garbage collector disabled
  build           stage 2, loader.build_timeline over the drafts (not counted in read_file)
  parallel_read_file
                  read_file over the files in a ProcessPoolExecutor with --workers
                  processes; drafts are pickled back; the pool's start-up is included
  parallel_compose
                  compose_c in the pool, nothing sent back: the ceiling of parallel parse
  pickle_load     pickle.loads of every file's FileDraft (what read_file returns),
                  pickled in one blob: roughly the floor of a warm start from a parse cache
  load_c          yaml.load(text, Loader=CSafeLoader): plain Python objects, no positions
  ryaml           ryaml.loads (Rust, serde-yaml) to plain Python objects, if installed
  ryml_parse      rapidyaml's ryml.parse_in_arena: a C++ tree, nothing in Python
  ryml_to_py      rapidyaml parse + a Python walk of the tree into dicts/lists/str

rapidyaml and ryaml are not dependencies of the project: `pip install rapidyaml ryaml`
to include them; they are skipped when missing.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

METHODS = ("read", "compose_c", "compose_c_nogc", "compose_c_fastres", "read_file",
           "read_file_nogc", "build", "parallel_read_file", "parallel_compose", "pickle_load",
           "load_c",
           "ryaml", "ryml_parse", "ryml_to_py", "compose_py")


def _files(data: Path) -> list[str]:
    from timeline_tui.core.loader import discover_files
    return discover_files([str(data)])[0]


def _texts(files: list[str]) -> list[str]:
    return [Path(f).read_bytes().decode("utf-8-sig") for f in files]


def _compose_one(path: str) -> int:
    import yaml
    node = yaml.compose(Path(path).read_bytes().decode("utf-8-sig"), Loader=yaml.CSafeLoader)
    return len(node.value)


def _fast_resolver_loader():
    import yaml

    class FastResolveLoader(yaml.CSafeLoader):
        """Skip the regex scan for plain scalars that start with a letter other than
        those that can begin a YAML 1.1 null, bool, number, timestamp, merge or value
        (n N y Y t T f F o O ~ digits + - . < =): those go to PyYAML as before."""

        _SLOW_STARTS = frozenset("nNyYtTfFoO~0123456789+-.<=")

        def resolve(self, kind, value, implicit):
            if kind is yaml.ScalarNode and implicit[0] and value and \
                    value[0] not in self._SLOW_STARTS:
                return "tag:yaml.org,2002:str"
            return super().resolve(kind, value, implicit)

    return FastResolveLoader


def _ryml_to_py(tree, node):
    import ryml
    none = ryml.NONE
    if tree.is_map(node):
        out = {}
        child = tree.first_child(node)
        while child != none:
            out[bytes(tree.key(child)).decode()] = _ryml_to_py(tree, child)
            child = tree.next_sibling(child)
        return out
    if tree.is_seq(node):
        out_list = []
        child = tree.first_child(node)
        while child != none:
            out_list.append(_ryml_to_py(tree, child))
            child = tree.next_sibling(child)
        return out_list
    if tree.val_is_null(node):
        return None
    return bytes(tree.val(node)).decode()


def run_method(method: str, data: Path, workers: int) -> float | str:
    """Seconds for one pass of `method` over the data (in this process)."""
    import yaml

    from timeline_tui.core import loader

    files = _files(data)
    if method.startswith("ryml"):
        try:
            import ryml
        except ImportError:
            return "rapidyaml not installed"
    if method == "ryaml":
        try:
            import ryaml
        except ImportError:
            return "ryaml not installed"
    if method in ("read_file_nogc", "compose_c_nogc"):
        gc.disable()
    if method in ("build", "pickle_load"):
        drafts = [loader.read_file(f) for f in files]
        if method == "pickle_load":
            import pickle
            blob = pickle.dumps(drafts, protocol=pickle.HIGHEST_PROTOCOL)
            del drafts
        gc.collect()
    texts = _texts(files) if method in ("compose_c", "compose_c_nogc", "compose_c_fastres",
                                        "compose_py", "load_c", "ryaml") else None
    blobs = [Path(f).read_bytes() for f in files] if method.startswith("ryml") else None
    started = time.perf_counter()
    if method == "read":
        _texts(files)
    elif method in ("compose_c", "compose_c_nogc"):
        for text in texts:
            yaml.compose(text, Loader=yaml.CSafeLoader)
    elif method == "compose_c_fastres":
        fast = _fast_resolver_loader()
        for text in texts:
            yaml.compose(text, Loader=fast)
    elif method == "compose_py":
        for text in texts:
            yaml.compose(text, Loader=yaml.SafeLoader)
    elif method in ("read_file", "read_file_nogc"):
        drafts = [loader.read_file(f) for f in files]
        assert not any(d.problems for d in drafts)
    elif method == "build":
        timeline = loader.build_timeline(drafts)
        assert not timeline.problems
    elif method in ("parallel_read_file", "parallel_compose"):
        from concurrent.futures import ProcessPoolExecutor
        function = loader.read_file if method == "parallel_read_file" else _compose_one
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(function, files))
        assert len(results) == len(files)
    elif method == "pickle_load":
        drafts = pickle.loads(blob)
        assert len(drafts) == len(files)
    elif method == "load_c":
        for text in texts:
            yaml.load(text, Loader=yaml.CSafeLoader)
    elif method == "ryaml":
        for text in texts:
            ryaml.loads(text)
    elif method == "ryml_parse":
        for blob in blobs:
            ryml.parse_in_arena(blob)
    elif method == "ryml_to_py":
        for blob in blobs:
            tree = ryml.parse_in_arena(blob)
            _ryml_to_py(tree, tree.root_id())
    else:
        raise ValueError(method)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare YAML parse strategies.")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--skip-pure", action="store_true", help="leave out compose_py (slow)")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "timeline-tui-bench"))
    parser.add_argument("--json", help="write the timings here")
    parser.add_argument("--code", metavar="REV", help="use this git revision's loader "
                        "instead of the work tree's (see benchmarks.run --code)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one method, print JSON
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one:
        result = run_method(args.one, Path(args.data), args.workers)
        print(json.dumps(result))
        return 0

    import benchmarks.run as harness
    harness.CODE_ENV, code = harness.code_env(Path(args.workdir), args.code)
    data, manifest = harness.ensure_data(Path(args.workdir), args.events, args.files)
    machine = harness.machine_info()
    print(f"code: {code}")
    methods = [m for m in args.methods.split(",") if not (args.skip_pure and m == "compose_py")]
    print(f"parse-only, {args.events:,} events in {args.files} event files "
          f"({manifest.bytes / 1e6:.1f} MB); {machine['nproc']} CPUs ({machine['cpu_model']}), "
          f"Python {machine['python']}, PyYAML {machine['pyyaml']}; workers={args.workers}")
    print("| method | median s | min s | MB/s (median) |")
    print("|---|---:|---:|---:|")
    table = {}
    for method in methods:
        times: list[float] = []
        note = ""
        for _ in range(1 if method == "compose_py" else args.repeat):
            done = subprocess.run(
                [sys.executable, "-m", "benchmarks.parse_compare", "--one", method,
                 "--data", str(data), "--workers", str(args.workers)],
                cwd=harness.CODE_DIR, env=harness.CODE_ENV, capture_output=True, text=True)
            if done.returncode != 0:
                note = "failed: " + done.stderr.strip().splitlines()[-1] if done.stderr else "failed"
                break
            value = json.loads(done.stdout.strip().splitlines()[-1])
            if isinstance(value, str):
                note = value
                break
            times.append(value)
        if times:
            median = statistics.median(times)
            table[method] = {"median_s": round(median, 3), "min_s": round(min(times), 3),
                             "runs": len(times)}
            print(f"| {method} | {median:.2f} | {min(times):.2f} | "
                  f"{manifest.bytes / 1e6 / median:.1f} |", flush=True)
        else:
            table[method] = {"skipped": note}
            print(f"| {method} | – | – | {note} |", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine, "events": args.events,
                                               "files": args.files, "bytes": manifest.bytes,
                                               "methods": table}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
