"""Parsing in worker processes gives what parsing here gives."""

from __future__ import annotations

from pathlib import Path

from timeline_tui.core import flat, parse_workers
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
