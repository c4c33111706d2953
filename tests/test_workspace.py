"""Workspace: reload only what changed, and keep a broken file's last good events."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timeline_tui.core.workspace import Workspace

from helpers_core import errors, make_old, write

GOOD_A = """\
    events:
      - {id: a1, date: 2025-05-10, title: First}
      - {id: a2, date: 2025-05-12, title: Third}
    """
GOOD_B = """\
    events:
      - {id: b1, date: 2025-05-11, title: Second}
    """
BROKEN_B = """\
    events:
      - {id: b1, date: 2025-05-11, title: Second (edited)}
      - {id: b2, date: 2025-02-30, title: Broken}
    """


@pytest.fixture
def files(tmp_path):
    """Two files, written long enough ago to count as settled."""
    a = write(tmp_path, "a.yaml", GOOD_A)
    b = write(tmp_path, "b.yaml", GOOD_B)
    make_old(a)
    make_old(b)
    return tmp_path, str(a), str(b)


def rewrite(path, text, age=30):
    """Change a file and date the change in the past (but after the first write)."""
    path = Path(path)
    write(path.parent, path.name, text)
    make_old(path, age)


def ids(result):
    return [event.id for event in result.timeline.events]


def test_first_load_parses_every_file(files):
    directory, a, b = files
    result = Workspace([directory]).load()
    assert result.parsed_paths == (a, b)
    assert ids(result) == ["a1", "b1", "a2"]
    assert result.stale_paths == frozenset()
    assert errors(result.timeline.problems) == ()


def test_unchanged_files_are_not_parsed_again(files):
    directory, a, b = files
    workspace = Workspace([directory])
    workspace.load()
    again = workspace.load()
    assert again.parsed_paths == ()
    assert ids(again) == ["a1", "b1", "a2"]


def test_a_changed_file_is_parsed_again_alone(files):
    directory, a, b = files
    workspace = Workspace([directory])
    workspace.load()
    rewrite(b, """\
        events:
          - {id: b1, date: 2025-05-11, title: Second, summary: now with a summary}
        """)
    result = workspace.load()
    assert result.parsed_paths == (b,)
    assert result.timeline.events[1].summary == "now with a summary"


def test_a_file_changed_just_now_is_parsed_even_if_size_and_time_look_the_same(files):
    directory, a, b = files
    workspace = Workspace([directory])
    workspace.load()
    write(directory, "b.yaml", GOOD_B.replace("Second", "Secxnd"))  # same size, written now
    result = workspace.load()
    assert b in result.parsed_paths
    assert result.timeline.events[1].title == "Secxnd"


def test_a_same_size_rewrite_that_keeps_the_old_modification_time_is_seen(tmp_path):
    """An editor (or a second save within the filesystem's timestamp resolution) can
    leave size and modification time as they were: a file changed that recently is
    read again rather than trusted."""
    path = write(tmp_path, "b.yaml", GOOD_B)
    before = os.stat(path)
    workspace = Workspace([tmp_path])
    assert ids(workspace.load()) == ["b1"]
    with open(path, "r+", encoding="utf-8") as stream:  # in place: the same inode
        text = stream.read().replace("Second", "Secxnd")
        stream.seek(0)
        stream.write(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino, before.st_size, before.st_mtime_ns)
    result = workspace.load()
    assert result.parsed_paths == (str(path),)
    assert [event.title for event in result.timeline.events] == ["Secxnd"]


def test_an_old_file_with_the_same_signature_is_not_read_again(files):
    directory, a, b = files
    workspace = Workspace([directory])
    workspace.load()
    before = os.stat(b)
    os.utime(b, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert workspace.load().parsed_paths == ()


def test_a_broken_file_keeps_its_last_good_events_and_is_stale(files):
    directory, a, b = files
    workspace = Workspace([directory])
    workspace.load()
    rewrite(b, BROKEN_B)
    result = workspace.load()
    assert result.stale_paths == frozenset({b})
    assert ids(result) == ["a1", "b1", "a2"]
    assert result.timeline.events[1].title == "Second"  # not the broken file's "(edited)"
    [problem] = errors(result.timeline.problems)
    assert (problem.position.path, problem.position.line) == (b, 3)
    assert "February 2025 has 28 days" in problem.message


def test_other_files_still_update_while_one_is_stale(files):
    directory, a, b = files
    workspace = Workspace([directory])
    workspace.load()
    rewrite(b, BROKEN_B)
    rewrite(a, GOOD_A.replace("Third", "Third (edited)"), age=20)
    result = workspace.load()
    assert result.stale_paths == frozenset({b})
    assert result.timeline.events[2].title == "Third (edited)"


def test_fixing_a_broken_file_clears_stale(files):
    directory, a, b = files
    workspace = Workspace([directory])
    workspace.load()
    rewrite(b, BROKEN_B)
    workspace.load()
    rewrite(b, BROKEN_B.replace("2025-02-30", "2025-02-28"), age=20)
    result = workspace.load()
    assert result.stale_paths == frozenset()
    assert errors(result.timeline.problems) == ()
    assert ids(result) == ["b2", "a1", "b1", "a2"]


def test_a_file_broken_from_the_start_is_not_stale_and_shows_what_it_can(tmp_path):
    path = write(tmp_path, "b.yaml", BROKEN_B)
    make_old(path)
    result = Workspace([tmp_path]).load()
    assert result.stale_paths == frozenset()
    assert ids(result) == ["b1", "b2"]  # b2's date is invalid: kept, after the dated
    assert len(errors(result.timeline.problems)) == 1
    assert result.timeline.events[-1].problems == errors(result.timeline.problems)


def test_a_file_with_a_syntax_error_from_the_start_shows_its_records_before_it(tmp_path):
    path = write(tmp_path, "b.yaml", """\
        events:
          - {id: b1, date: 2025-05-11, title: Before}
          - {id: b2, date: 2025-05-12, title: Before too}
          - id: b3
            title: "Broken
          - {id: b4, date: 2025-05-13, title: After}
        """)
    make_old(path)
    result = Workspace([tmp_path]).load()
    assert ids(result) == ["b1", "b2"]
    assert result.partial_paths == frozenset({str(path)})  # marked ⚠, as stale data is
    assert result.stale_paths == frozenset()
    (problem,) = errors(result.timeline.problems)
    assert (problem.position.line, problem.position.column) == (5, 12)


def test_a_removed_files_events_disappear(files):
    directory, a, b = files
    workspace = Workspace([directory])
    workspace.load()
    (directory / "b.yaml").unlink()
    result = workspace.load()
    assert ids(result) == ["a1", "a2"]
    assert result.timeline.files == (a,)
    assert errors(result.timeline.problems) == ()


def test_a_removed_broken_file_is_no_longer_stale(files):
    directory, a, b = files
    workspace = Workspace([directory])
    workspace.load()
    rewrite(b, BROKEN_B)
    workspace.load()
    (directory / "b.yaml").unlink()
    result = workspace.load()
    assert result.stale_paths == frozenset()
    assert ids(result) == ["a1", "a2"]


def test_an_added_file_appears(files):
    directory, a, b = files
    workspace = Workspace([directory])
    workspace.load()
    c = write(directory, "sub/c.yaml", """\
        events:
          - {id: c1, date: 2025-05-09, title: Zeroth}
        """)
    make_old(c)
    result = workspace.load()
    assert result.parsed_paths == (str(c),)
    assert ids(result) == ["c1", "a1", "b1", "a2"]


def test_an_opened_file_that_does_not_exist_is_a_problem(tmp_path):
    result = Workspace([tmp_path / "missing.yaml"]).load()
    assert result.timeline.events == ()
    assert [problem.message for problem in errors(result.timeline.problems)] == ["no such file or directory"]


def test_progress_reports_each_file_before_it_is_read(files):
    directory, a, b = files
    calls = []
    Workspace([directory]).load(lambda done, total: calls.append((done, total)))
    assert calls == [(0, 2), (1, 2)]


def test_progress_on_a_reload_counts_the_unchanged_files_as_done(files):
    directory, a, b = files
    space = Workspace([directory])
    space.load()
    rewrite(b, GOOD_B.replace("Second", "Second (edited)"))
    calls = []
    result = space.load(lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2)]
    assert result.parsed_paths == (b,)


@pytest.mark.parametrize(("text", "partial"), [
    ('actors:\n  - {id: a, name: A}\nevents:\n  - id: "broken\n', True),   # an actor, no event
    ('events:\n  - id: "broken\n', False),                               # nothing to show
    ("events: [{id: e, date: 2025-02-30, title: T}]\n", False),          # read in full
])
def test_only_a_file_cut_short_with_records_before_the_cut_is_partial(tmp_path, text, partial):
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    make_old(path)
    result = Workspace([tmp_path]).load()
    assert result.partial_paths == (frozenset({str(path)}) if partial else frozenset())


def test_a_file_that_cannot_be_read_is_a_located_problem_and_the_next_is_read(tmp_path):
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    write(tmp_path, "good.yaml", GOOD_B)  # after it, in name order
    calls = []
    result = Workspace([tmp_path]).load(lambda done, total: calls.append((done, total)))
    [problem] = errors(result.timeline.problems)
    assert problem.position.path == str(tmp_path / "gone.yaml")
    assert problem.message.startswith("cannot read")
    assert ids(result) == ["b1"]
    assert calls == [(0, 2), (1, 2)]
