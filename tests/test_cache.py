"""The parse cache: warm loads skip parsing, and a changed file is never served stale."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from timeline_tui.core import flat, workspace
from timeline_tui.core.cache import ParseCache, default_cache_dir
from timeline_tui.core.loader import parse_file
from timeline_tui.core.workspace import Workspace

EVENT = """\
events:
  - id: e
    date: "2025-05-16"
    title: {title}
"""


def _write(path: Path, title: str, mtime_ns: int = 1_600_000_000_000_000_000) -> None:
    path.write_text(EVENT.format(title=title), encoding="utf-8")
    os.utime(path, ns=(mtime_ns, mtime_ns))


def _titles(space: Workspace) -> list[str]:
    return [event.title for event in space.load().timeline.events]


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real_parse = workspace.parse_file

    def counting_parse(path: str, data: bytes):
        parsed.append(path)
        return real_parse(path, data)

    monkeypatch.setattr(workspace, "parse_file", counting_parse)
    return parsed


def test_a_second_run_reads_parses_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    _write(tmp_path / "a.yaml", "Alpha")
    cache = ParseCache(tmp_path / "cache")
    parsed = _count_parses(monkeypatch)
    assert _titles(Workspace([str(tmp_path / "a.yaml")], cache)) == ["Alpha"]
    assert _titles(Workspace([str(tmp_path / "a.yaml")], cache)) == ["Alpha"]
    assert parsed == [str(tmp_path / "a.yaml")]


def test_same_size_and_time_but_other_bytes_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    cache = ParseCache(tmp_path / "cache")
    _write(path, "Alpha")
    assert _titles(Workspace([str(path)], cache)) == ["Alpha"]
    _write(path, "Omega")  # same size, same modification time
    assert _titles(Workspace([str(path)], cache)) == ["Omega"]


def test_the_same_bytes_at_another_path_is_not_shared(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache")
    for name in ("a.yaml", "b.yaml"):
        _write(tmp_path / name, "Alpha")
        [event] = Workspace([str(tmp_path / name)], cache).load().timeline.events
        assert event.position.path == str(tmp_path / name)


def test_a_damaged_or_deleted_cache_only_costs_a_parse(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    _write(path, "Alpha")
    cache = ParseCache(tmp_path / "cache")
    space = Workspace([str(path)], cache)
    space.load()
    space.store_resolved()
    entries = sorted(entry for entry in (tmp_path / "cache").rglob("*") if entry.is_file())
    assert sorted(entry.suffix for entry in entries) == [".flat", ".resolved"]
    for entry in entries:
        entry.write_bytes(b"not an entry")
    assert _titles(Workspace([str(path)], cache)) == ["Alpha"]
    shutil.rmtree(tmp_path / "cache")
    assert _titles(Workspace([str(path)], cache)) == ["Alpha"]


def test_a_cache_that_cannot_be_written_does_not_fail_a_load(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    _write(path, "Alpha")
    blocked = tmp_path / "a-file-not-a-directory"
    blocked.write_text("")
    assert _titles(Workspace([str(path)], ParseCache(blocked / "cache"))) == ["Alpha"]


def test_the_cache_lives_in_the_users_cache_directory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir().is_relative_to(tmp_path / "xdg")

    assert default_cache_dir() == tmp_path / "xdg" / "timeline-tui" / "parse"
    assert ParseCache().directory == tmp_path / "xdg" / "timeline-tui" / "parse"


def _draft(path: str, title: str = "Alpha"):
    return parse_file(path, EVENT.format(title=title).encode())


def test_a_cache_in_a_directory_not_yet_made_holds_several_files(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "deep" / "er" / "cache")
    for name in ("a.yaml", "b.yaml"):
        cache.put(cache.key(name, name.encode()), flat.dumps(_draft(name)))
    for name in ("a.yaml", "b.yaml"):
        draft = cache.get(name, cache.key(name, name.encode()))
        assert draft is not None and draft.path == name
        assert draft.events[0].title == "Alpha"
    assert len(list(cache.directory.iterdir())) == 2


def test_a_file_name_that_is_not_utf8_is_cached(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache")
    name = "caf\udce9.yaml"  # a Latin-1 byte in a file name, as Python decodes it
    cache.put(cache.key(name, b"data"), flat.dumps(_draft(name)))
    assert cache.get(name, cache.key(name, b"data")).path == name


def test_an_entry_for_another_path_is_not_served(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache")
    cache.directory.mkdir()
    entry = cache.directory / f"{cache.key('b.yaml', b'data')}.flat"  # a misplaced entry
    entry.write_bytes(flat.dumps(_draft("a.yaml")))
    assert cache.get("b.yaml", cache.key("b.yaml", b"data")) is None
    entry.write_bytes(b"not a draft")
    assert cache.get("b.yaml", cache.key("b.yaml", b"data")) is None


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    cache = ParseCache(tmp_path / "cache")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    cache.put(cache.key("a.yaml", b"data"), flat.dumps(_draft("a.yaml")))  # no exception
    assert list(cache.directory.iterdir()) == []


def test_an_entry_is_written_beside_its_place_and_renamed_into_it(tmp_path: Path,
                                                                   monkeypatch) -> None:
    # Written in the system's temporary directory, a tmpfs, it could not be renamed
    # into the cache (another filesystem), and nothing would ever be cached.
    cache = ParseCache(tmp_path / "cache")
    renamed: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def replace(source, target):
        renamed.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    key = cache.key("a.yaml", b"data")
    cache.put(key, flat.dumps(_draft("a.yaml")))
    [(source, target)] = renamed
    assert source.parent == target.parent == cache.directory
    assert target.name == f"{key}.flat" and source.name != target.name
    assert cache.get("a.yaml", key).events[0].title == "Alpha"
