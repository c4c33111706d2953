"""Stages 2 and 3 for many files at once, on every core.

Parsing is pure Python bound by the interpreter lock, so a large timeline is parsed
in worker processes: each is `python -m timeline_tui.core.parse_workers`, reads
(path, bytes) requests on stdin and answers each with the draft's flat form
(`flat.dumps`), which is also what the parse cache stores. A worker imports only
the data core (no Textual, not the program that started it), so it starts in a
tenth of a second. A worker that fails leaves its files to be parsed here.
"""

from __future__ import annotations

import gc
import marshal
import os
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from . import flat
from .drafts import FileDraft

__all__ = ["PARALLEL_MIN_BYTES", "parse_in_workers", "worker_count"]

PARALLEL_MIN_BYTES = 2 * 1024 * 1024
"""Below this many bytes to parse (a few tenths of a second), starting workers
costs more than it saves."""

_LENGTH = struct.Struct("<Q")
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


def worker_count(files: Sequence[tuple[str, bytes]]) -> int:
    """How many workers to parse these files with: none for a handful of small ones."""
    if len(files) < 2 or sum(len(data) for _, data in files) < PARALLEL_MIN_BYTES:
        return 0
    return min(os.cpu_count() or 1, len(files))


def parse_in_workers(files: Sequence[tuple[str, bytes]], workers: int,
                     parse_here: Callable[[str, bytes], bytes]) -> Iterator[tuple[int, bytes]]:
    """(index into `files`, flat draft) for every file, as each is parsed, by
    `workers` processes; a file a worker could not answer for is parsed by
    `parse_here` (path, bytes -> flat draft) in this process instead."""
    pending = iter(range(len(files)))
    done: list[tuple[int, bytes]] = []
    ready = threading.Condition()
    finished = [0]

    def next_index() -> int | None:
        with ready:
            return next(pending, None)

    def serve() -> None:
        try:
            process = _start_worker()
        except OSError:
            process = None
        try:
            while (index := next_index()) is not None:
                answer = _ask(process, *files[index]) if process is not None else None
                if answer is None:  # no worker, or it died: parse here
                    process = None
                    answer = parse_here(*files[index])
                with ready:
                    done.append((index, answer))
                    ready.notify()
        finally:
            if process is not None:
                process.stdin.close()
                process.wait()
            with ready:
                finished[0] += 1
                ready.notify()

    threads = [threading.Thread(target=serve, daemon=True, name=f"parse-worker-{n}")
               for n in range(workers)]
    for thread in threads:
        thread.start()
    while True:
        with ready:
            while not done and finished[0] < workers:
                ready.wait()
            batch, done[:] = done[:], []
            all_finished = finished[0] == workers
        yield from batch
        if all_finished:  # every thread has finished: no answer is left to come
            return


def _start_worker() -> subprocess.Popen:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [_PACKAGE_ROOT, *filter(None, [environment.get("PYTHONPATH")])])
    return subprocess.Popen([sys.executable, "-m", "timeline_tui.core.parse_workers"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=environment)


def _ask(process: subprocess.Popen, path: str, data: bytes) -> bytes | None:
    try:
        _write_frame(process.stdin, marshal.dumps((path, data)))
        return _read_frame(process.stdout)
    except (OSError, ValueError):
        return None


def _write_frame(stream, payload: bytes) -> None:
    stream.write(_LENGTH.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def _read_frame(stream) -> bytes | None:
    header = stream.read(_LENGTH.size)
    if len(header) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(header)
    payload = stream.read(length)
    return payload if len(payload) == length else None


def _serve(parse: Callable[[str, bytes], FileDraft]) -> None:
    """A worker's loop: a request in, a flat draft out, until stdin closes."""
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    while (request := _read_frame(requests)) is not None:
        path, data = marshal.loads(request)
        _write_frame(answers, flat.dumps(parse(path, data)))
        gc.collect()  # little is alive between files: cheap


if __name__ == "__main__":
    from .validate import parse_file

    gc.disable()  # a file's nodes and records hold no cycles: see collector.collector_paused
    _serve(parse_file)
