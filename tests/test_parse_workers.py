"""Parsing in worker processes gives what parsing here gives."""

from __future__ import annotations

import io
import itertools
import marshal
import os
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from timeline_tui.core import flat, parse_workers, parts, workspace
from timeline_tui.core.cache import ParseCache
from timeline_tui.core.loader import load_paths
from timeline_tui.core.validate import parse_file
from timeline_tui.core.workspace import Workspace

BUNDLED = Path(__file__).resolve().parent.parent / "events"
BAD = Path(__file__).resolve().parent / "data" / "bad"


def _files() -> list[tuple[str, bytes]]:
    paths = [*sorted(BUNDLED.glob("*.yaml")), BAD / "unknown-keys.yaml", BAD / "deep-nesting.yaml"]
    return [(str(path), path.read_bytes()) for path in paths]


def test_workers_answer_every_file_with_its_draft():
    files = _files()
    answers = dict(parse_workers.parse_in_workers(files, 2, lambda *_: b"parsed here"))
    assert sorted(answers) == list(range(len(files)))
    for index, (path, data) in enumerate(files):
        assert flat.loads(answers[index]) == parse_file(path, data), path


def test_a_worker_that_cannot_start_leaves_its_files_to_this_process(monkeypatch):
    def no_worker():
        raise OSError("no processes left")

    monkeypatch.setattr(parse_workers, "_start_worker", no_worker)
    files = _files()
    answers = dict(parse_workers.parse_in_workers(
        files, 2, lambda path, data: flat.dumps(parse_file(path, data))))
    assert [flat.loads(answers[i]) for i in range(len(files))] == \
        [parse_file(path, data) for path, data in files]


def test_few_small_files_are_parsed_here():
    assert parse_workers.worker_count(_files()) == 0


def test_a_workspace_parsing_in_workers_loads_what_the_loader_loads(monkeypatch):
    monkeypatch.setattr(parse_workers, "PARALLEL_MIN_BYTES", 0)
    paths = [str(BUNDLED), str(BAD / "unknown-keys.yaml")]
    assert parse_workers.worker_count(_files()) > 0
    assert Workspace(paths).load().timeline == load_paths(paths)


# In-process tests of the worker protocol: a stand-in answers the requests a worker
# process would get, so that the code in this process is run (and mutation testing
# sees it) without starting one.

def _frame(payload: bytes) -> bytes:
    """A message as the protocol writes it: 8-byte little-endian length, then the payload."""
    return len(payload).to_bytes(8, "little") + payload


class _StandInWorker:
    """A worker process's pipes, in this process: each request (a frame holding
    marshalled (path, bytes)) is answered with b"worker: " + path, until `lives`
    answers are spent; then the worker's output ends, as a dead worker's does.
    `cut` answers with a frame shorter than its length says; `broken_pipe` fails
    to take a request, as a closed pipe does. `before_answer(n)` runs
    before the n-th answer (from 1)."""

    def __init__(self, lives: int = 1_000, cut: bool = False, broken_pipe: bool = False,
                 before_answer=None) -> None:
        self.lives, self.cut, self.before_answer = lives, cut, before_answer
        self.broken_pipe = broken_pipe
        self.requests: list[str] = []
        self.closed = self.waited = False
        self._request = bytearray()
        self._output = bytearray()
        self.stdin = SimpleNamespace(write=self._request.extend, flush=self._answer,
                                     close=self._close)
        self.stdout = SimpleNamespace(read=self._read)

    def _answer(self) -> None:
        if self.broken_pipe:
            raise BrokenPipeError(32, "Broken pipe")
        length = int.from_bytes(self._request[:8], "little")
        assert len(self._request) == 8 + length  # one whole frame, flushed at once
        path, data = marshal.loads(bytes(self._request[8:]))
        assert isinstance(data, bytes)
        self._request.clear()
        self.requests.append(path)
        if len(self.requests) > self.lives:
            return
        if self.before_answer is not None:
            self.before_answer(len(self.requests))
        answer = f"worker: {path}".encode()
        self._output.extend(_frame(answer)[:-1] if self.cut else _frame(answer))

    def _read(self, size: int) -> bytes:
        chunk = bytes(self._output[:size])
        del self._output[:size]
        return chunk

    def _close(self) -> None:
        self.closed = True

    def wait(self) -> int:
        self.waited = True
        return 0


def _stand_ins(monkeypatch, **options) -> list[_StandInWorker]:
    started: list[_StandInWorker] = []

    def start() -> _StandInWorker:
        started.append(_StandInWorker(**options))
        return started[-1]

    monkeypatch.setattr(parse_workers, "_start_worker", start)
    return started


SMALL_FILES = [(f"{name}.yaml", f"events: [] # {name}".encode()) for name in "abcde"]


def _within_seconds(answers, seconds: float = 5) -> list:
    """Every answer, or a failure if they do not all come in time (a hang fails
    the test in seconds rather than holding the run)."""
    got: list = []
    taker = threading.Thread(target=lambda: got.extend(answers), daemon=True)
    taker.start()
    taker.join(seconds)
    assert not taker.is_alive(), f"still waiting after {seconds} s, with {got}"
    return got


def _parsed_here(path: str, data: bytes) -> bytes:
    return f"here: {path}".encode()


def test_every_file_is_answered_once_by_the_workers_which_are_then_closed(monkeypatch):
    started = _stand_ins(monkeypatch)
    failures: list = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    answers = _within_seconds(parse_workers.parse_in_workers(SMALL_FILES, 2, _parsed_here))
    assert failures == []  # no thread ended with an exception
    assert sorted(answers) == [(0, b"worker: a.yaml"), (1, b"worker: b.yaml"),
                               (2, b"worker: c.yaml"), (3, b"worker: d.yaml"),
                               (4, b"worker: e.yaml")]
    assert len(started) == 2
    assert sorted(path for worker in started for path in worker.requests) == \
        ["a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml"]
    assert all(worker.closed and worker.waited for worker in started)


def test_a_worker_that_dies_is_not_asked_again_and_its_files_are_parsed_here(monkeypatch):
    started = _stand_ins(monkeypatch, lives=1)
    answers = _within_seconds(parse_workers.parse_in_workers(SMALL_FILES[:3], 1, _parsed_here))
    assert answers == [(0, b"worker: a.yaml"), (1, b"here: b.yaml"), (2, b"here: c.yaml")]
    assert started[0].requests == ["a.yaml", "b.yaml"]


def test_an_answer_cut_short_is_parsed_here(monkeypatch):
    _stand_ins(monkeypatch, cut=True)
    answers = _within_seconds(parse_workers.parse_in_workers(SMALL_FILES[:2], 1, _parsed_here))
    assert answers == [(0, b"here: a.yaml"), (1, b"here: b.yaml")]


def test_a_worker_whose_pipe_breaks_leaves_the_file_to_this_process(monkeypatch):
    started = _stand_ins(monkeypatch, broken_pipe=True)
    answers = _within_seconds(parse_workers.parse_in_workers(SMALL_FILES[:2], 1, _parsed_here))
    assert answers == [(0, b"here: a.yaml"), (1, b"here: b.yaml")]
    assert started[0].requests == []


def test_answers_come_as_files_are_parsed_not_all_at_the_end(monkeypatch):
    first_taken = threading.Event()

    def hold_second_answer(number: int) -> None:
        if number == 2:
            assert first_taken.wait(timeout=5), "the first answer was not handed on"

    _stand_ins(monkeypatch, before_answer=hold_second_answer)
    answers = parse_workers.parse_in_workers(SMALL_FILES[:2], 1, _parsed_here)
    assert _within_seconds(itertools.islice(answers, 1)) == [(0, b"worker: a.yaml")]
    first_taken.set()
    assert _within_seconds(answers) == [(1, b"worker: b.yaml")]


def test_a_worker_serves_requests_until_its_input_ends(monkeypatch):
    files = _files()[:2]
    requests = b"".join(_frame(marshal.dumps(file)) for file in files)
    answers = io.BytesIO()
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(requests + b"\x05\0\0")))
    monkeypatch.setattr(sys, "stdout", SimpleNamespace(buffer=answers))
    parse_workers._serve(parse_file)
    output = answers.getvalue()
    drafts = []
    while output:
        length = int.from_bytes(output[:8], "little")
        drafts.append(flat.loads(output[8:8 + length]))
        output = output[8 + length:]
    assert drafts == [parse_file(path, data) for path, data in files]


def test_a_worker_is_this_interpreter_running_the_worker_module_of_this_package(monkeypatch):
    calls = []
    monkeypatch.setattr(parse_workers.subprocess, "Popen",
                        lambda command, **options: calls.append((command, options)))
    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    monkeypatch.setenv("TIMELINE_TUI_TEST_VARIABLE", "kept")
    parse_workers._start_worker()
    monkeypatch.delenv("PYTHONPATH")
    parse_workers._start_worker()
    (command, options), (_, options_without) = calls
    assert command == [sys.executable, "-m", "timeline_tui.core.parse_workers"]
    assert options["stdin"] == options["stdout"] == subprocess.PIPE
    assert options["stderr"] == subprocess.DEVNULL
    root = options_without["env"]["PYTHONPATH"]
    assert (Path(root) / "timeline_tui" / "core" / "parse_workers.py").resolve() == \
        Path(parse_workers.__file__).resolve()
    assert options["env"]["PYTHONPATH"] == root + os.pathsep + "/elsewhere"
    assert options["env"]["TIMELINE_TUI_TEST_VARIABLE"] == "kept"


@pytest.mark.parametrize(("sizes", "cores", "workers"), [
    ([1024 * 1024, 1024 * 1024], 8, 2),        # 2 MB in all: worth starting workers
    ([1024 * 1024, 1024 * 1024 - 1], 8, 0),    # a byte less: parsed here
    ([3 * 1024 * 1024], 8, 0),                 # one file, however large: parsed here
    ([1024 * 1024] * 3, 2, 2),                 # no more workers than cores
    ([1024 * 1024] * 3, None, 1),              # cores unknown: one
])
def test_worker_count_boundaries(monkeypatch, sizes, cores, workers):
    monkeypatch.setattr(parse_workers.os, "cpu_count", lambda: cores)
    files = [(f"{number}.yaml", bytes(size)) for number, size in enumerate(sizes)]
    assert parse_workers.worker_count(files) == workers


def _workers_that_cannot_start(monkeypatch) -> list[str]:
    """Parsing in workers chosen for any files, but no worker starts: the paths
    parsed here instead, in order."""
    def no_worker():
        raise OSError("no processes left")

    parsed: list[str] = []
    real_parse = workspace.parse_file

    def counting_parse(path: str, data: bytes):
        parsed.append(path)
        return real_parse(path, data)

    monkeypatch.setattr(parse_workers, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parse_workers, "_start_worker", no_worker)
    monkeypatch.setattr(workspace, "parse_file", counting_parse)
    return parsed


def test_a_workspace_whose_workers_cannot_start_parses_here(monkeypatch):
    parsed = _workers_that_cannot_start(monkeypatch)
    paths = [str(BUNDLED), str(BAD / "unknown-keys.yaml")]
    assert Workspace(paths).load().timeline == load_paths(paths)
    assert parsed[-1] == str(BAD / "unknown-keys.yaml")


def test_drafts_parsed_on_the_workers_path_are_cached_and_progress_is_told(monkeypatch, tmp_path):
    parsed = _workers_that_cannot_start(monkeypatch)
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(f"events: [{{id: {name[0]}, date: '2025', title: T}}]\n",
                                     encoding="utf-8")
    cache = ParseCache(tmp_path / "cache")
    calls: list[tuple[int, int]] = []
    first = Workspace([str(tmp_path)], cache).load(lambda done, total: calls.append((done, total)))
    assert calls == [(0, 2), (1, 2)]
    assert sorted(parsed) == [str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]
    calls.clear()
    again = Workspace([str(tmp_path)], cache).load(lambda done, total: calls.append((done, total)))
    assert again.timeline == first.timeline
    assert len(parsed) == 2  # read from the cache
    assert calls == [(0, 2), (1, 2)]


def test_parsing_threads_never_keep_the_program_from_quitting_and_say_what_they_are(monkeypatch):
    threads: list[threading.Thread] = []
    _stand_ins(monkeypatch, before_answer=lambda _: threads.append(threading.current_thread()))
    # Taken in this (main, not daemon) thread: a thread is a daemon by default when the
    # thread that starts it is one, as `_within_seconds`'s is.
    assert len(list(parse_workers.parse_in_workers(SMALL_FILES[:2], 2, _parsed_here))) == 2
    assert threads and all(thread.daemon for thread in threads)
    assert {thread.name for thread in threads} <= {"parse-worker-0", "parse-worker-1"}


def test_a_large_file_parsed_in_parts_here_loads_as_the_whole_file_and_is_cached(
        monkeypatch, tmp_path):
    from test_parts import HEADER, _events

    parsed = _workers_that_cannot_start(monkeypatch)
    monkeypatch.setattr(parts, "MIN_PART_BYTES", 4000)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    story = tmp_path / "story.yaml"
    story.write_text(HEADER + _events(120), encoding="utf-8")
    cache = ParseCache(tmp_path / "cache")
    loaded = Workspace([str(story)], cache).load().timeline
    assert loaded == load_paths([str(story)])
    assert len(parsed) > 2 and set(parsed) == {str(story)}  # each part parsed here
    parts_parsed = len(parsed)
    assert Workspace([str(story)], cache).load().timeline == loaded
    assert len(parsed) == parts_parsed  # the whole file's draft came from the cache
    # A problem in a part: the whole file is parsed once more, and its problems are its own.
    broken = (HEADER + _events(120)).replace("date: 2025-05-09", "date: 2025-05-90")
    story.write_text(broken, encoding="utf-8")
    problems = Workspace([str(story)]).load().timeline.problems
    assert len(parsed) == 2 * parts_parsed + 1
    assert [str(problem) for problem in problems] == [
        str(problem) for problem in parse_file(str(story), broken.encode("utf-8")).problems]


def test_a_file_parsed_in_two_parts_is_held_as_its_cache_entry_and_read_again_from_it(
        monkeypatch, tmp_path):
    from test_parts import HEADER, _events

    parsed = _workers_that_cannot_start(monkeypatch)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    story = tmp_path / "story.yaml"
    text = HEADER + _events(40)
    story.write_text(text, encoding="utf-8")
    os.utime(story, ns=(1_600_000_000_000_000_000,) * 2)  # old: not read again unchanged
    monkeypatch.setattr(parts, "MIN_PART_BYTES", len(text) // 2)  # two parts, no more
    cache = ParseCache(tmp_path / "cache")
    space = Workspace([str(tmp_path)], cache)
    decoded: list[str] = []
    real_decoded = flat.FlatEvents.decoded
    monkeypatch.setattr(flat.FlatEvents, "decoded",
                        lambda self: decoded.append(self.path) or real_decoded(self))
    assert space.load().timeline == load_paths([str(story)])
    assert parsed == [str(story)] * 2
    assert decoded == [str(story)]  # once, to be resolved: joined and cached as bytes
    # New actors: the story's events are resolved again, from its cache entry
    # (not all of a large timeline's events are held in memory).
    entries_read: list[str] = []
    real_read = ParseCache.read
    monkeypatch.setattr(ParseCache, "read",
                        lambda self, name: entries_read.append(name) or real_read(self, name))
    (tmp_path / "more.yaml").write_text("actors: [{id: zelensky, name: Volodymyr Zelensky}]\n",
                                        encoding="utf-8")
    assert space.load().timeline == load_paths([str(tmp_path)])
    assert [name for name in entries_read if name.endswith(".flat")] == [
        f"{cache.key(str(story), text.encode())}.flat"]
