"""One large file parsed in parts on several cores (`core.parts`): the draft is the
one parsing the file whole gives, positions included, and a file that cannot be
cut safely, or whose parts have a problem, is parsed whole."""

from __future__ import annotations

import pytest

from timeline_tui.core import flat, parts, workspace
from timeline_tui.core.cache import ParseCache
from timeline_tui.core.parts import joined, parse_jobs, split_events
from timeline_tui.core.validate import parse_file
from timeline_tui.core.workspace import Workspace

HEADER = """\
# A story told in one file.
actors:
  - {id: putin, name: Vladimir Putin}
sources:
  - {id: sky, url: "https://example.org/sky"}
events:
"""


def _events(count: int, indent: str = "  ") -> str:
    return "".join(
        f"{indent}- id: e{number}\n"
        f"{indent}  date: 2025-05-{number % 28 + 1:02d}\n"
        f"{indent}  title: \"Event {number}: a title\"\n"
        f"{indent}  summary: |\n"
        f"{indent}    Lines of a block scalar,\n"
        f"{indent}    - one that looks like an item.\n"
        f"{indent}  actors: [putin]\n"
        f"{indent}  sources: [sky]\n"
        + ("\n# a comment between events\n" if number % 7 == 0 else "")
        for number in range(count))


def _same_as_whole(text: str, count: int) -> list[bytes]:
    data = text.encode("utf-8")
    cut = split_events(data, count)
    assert cut is not None and len(cut) == count
    draft = joined("t.yaml", [parse_file("t.yaml", part) for part in cut])
    assert draft is not None
    assert flat.to_flat(draft) == flat.to_flat(parse_file("t.yaml", data))
    return cut


def test_parts_give_the_draft_of_the_whole_file():
    cut = _same_as_whole(HEADER + _events(40) + "\n# the end\n", 3)
    # Each part after the first holds only events, on the file's own lines.
    assert parse_file("t.yaml", cut[1]).events[0].position.line > 80


def test_parts_of_a_list_at_the_top_level_indentation_and_keys_after_it():
    _same_as_whole("events:\n" + _events(30, indent="") + "actors:\n- {id: putin, name: Putin}\n"
                   "sources:\n  - {id: sky, url: s}\n", 4)


@pytest.mark.parametrize(("why", "text"), [
    ("an anchor may be used across a cut", HEADER + _events(10) + "  - &a {id: x, date: 2025, title: t}\n"),
    ("the file's zone applies to every event", "timezone: Europe/Kyiv\n" + HEADER + _events(10)),
    ("two lists of events", HEADER + _events(5) + "events:\n" + _events(5)),
    ("a flow-style list", "events: [{id: a, date: 2025, title: t}, {id: b, date: 2025, title: t}]\n"),
    ("CR line breaks", (HEADER + _events(10)).replace("\n", "\r\n")),
    ("a byte order mark", "\ufeff" + HEADER + _events(10)),
    ("no events", HEADER.replace("events:\n", "")),
])
def test_a_file_that_cannot_be_cut_safely_is_not_cut(why, text):
    assert split_events(text.encode("utf-8"), 2) is None, why


def test_a_part_with_a_problem_means_the_file_is_parsed_whole():
    text = HEADER + _events(20) + "  - {id: bad, date: 2025-13-45, title: t}\n" + _events(20)
    cut = split_events(text.encode("utf-8"), 2)
    assert joined("t.yaml", [parse_file("t.yaml", part) for part in cut]) is None


def test_a_file_is_cut_in_even_shares_of_its_events():
    # Shares of the list alone: a long header above it moves no cut.
    actors = "".join(f"  - {{id: a{number}, name: Actor number {number}}}\n" for number in range(300))
    cut = split_events((HEADER.replace("actors:\n", "actors:\n" + actors) + _events(200)).encode("utf-8"), 4)
    counts = [len(parse_file("t.yaml", part).events) for part in cut]
    assert sum(counts) == 200 and all(45 <= count <= 55 for count in counts), counts


def test_a_file_with_fewer_events_than_parts_is_cut_once_per_event():
    cut = split_events((HEADER + _events(3)).encode("utf-8"), 8)
    assert [len(parse_file("t.yaml", part).events) for part in cut] == [1, 1, 1]


def test_a_cut_never_falls_after_the_list_in_a_file_that_starts_with_a_blank_line():
    # The last event is most of the list, and the sources after it are items at
    # the events' indentation: the shares that fall in that event make no cut,
    # and none lands among the sources.
    huge = "  - id: last\n    date: 2025\n    title: t\n    summary: |\n" + "      words\n" * 600
    sources = "".join(f"  - {{id: s{number}, url: u}}\n" for number in range(50))
    data = ("\nactors:\n  - {id: putin, name: Vladimir Putin}\nevents:\n" + _events(30) + huge
            + "sources:\n" + sources).encode("utf-8")
    cut = split_events(data, 3)
    assert len(cut) == 2 and parse_file("t.yaml", cut[1]).events[-1].id == "last"
    assert flat.to_flat(joined("t.yaml", [parse_file("t.yaml", part) for part in cut])) == \
        flat.to_flat(parse_file("t.yaml", data))


def test_only_a_file_of_at_least_twice_an_even_share_is_cut(monkeypatch):
    big = (HEADER + _events(200)).encode("utf-8")
    big += b"\n" * (len(big) % 2)  # an even size: exactly two shares
    small = (HEADER + _events(2)).encode("utf-8")
    # One file and two cores: a share is a quarter of it, so it is cut in four.
    monkeypatch.setattr(parts, "MIN_PART_BYTES", 100)
    assert parse_jobs([("big.yaml", big)], cores=2)[1] == [0, 0, 0, 0]
    # A share of at least MIN_PART_BYTES: a file of exactly two is cut in two...
    monkeypatch.setattr(parts, "MIN_PART_BYTES", len(big) // 2)
    jobs, file_of = parse_jobs([("big.yaml", big), ("small.yaml", small)], cores=2)
    assert file_of == [0, 0, 1] and [path for path, _ in jobs] == ["big.yaml"] * 2 + ["small.yaml"]
    # ... and one byte short of it is not.
    monkeypatch.setattr(parts, "MIN_PART_BYTES", len(big) // 2 + 1)
    assert parse_jobs([("big.yaml", big)], cores=2) == ([("big.yaml", big)], [0])
    monkeypatch.setattr(parts, "MIN_PART_BYTES", 100)
    assert parse_jobs([("big.yaml", big)], cores=1) == ([("big.yaml", big)], [0])


def test_a_workspace_parses_a_large_file_in_parts_in_workers(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "MIN_PART_BYTES", 4000)
    monkeypatch.setattr("timeline_tui.core.parse_workers.PARALLEL_MIN_BYTES", 1000)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    part_counts = []
    monkeypatch.setattr(workspace, "joined",
                        lambda path, drafts: part_counts.append(len(drafts)) or joined(path, drafts))
    good = HEADER + _events(120)
    (tmp_path / "story.yaml").write_text(good, encoding="utf-8")
    loaded = Workspace([tmp_path], ParseCache(tmp_path / "cache")).load().timeline
    assert part_counts and part_counts[0] > 2
    assert len(loaded.events) == 120 and loaded.problems == ()
    assert loaded.by_id["e119"].position.line == good.splitlines().index("  - id: e119") + 1
    # With a problem in one part, every problem is the whole file's, once.
    broken = good.replace("date: 2025-05-09", "date: 2025-05-90")
    (tmp_path / "story.yaml").write_text(broken, encoding="utf-8")
    problems = Workspace([tmp_path]).load().timeline.problems
    assert [str(problem) for problem in problems] == [
        str(problem) for problem in parse_file(str(tmp_path / "story.yaml"),
                                               broken.encode("utf-8")).problems]
    assert len(problems) == 4 and all("2025-05-90" in problem.message for problem in problems)



def test_parts_sent_flat_by_the_workers_are_joined_without_decoding_an_event(monkeypatch):
    data = (HEADER + _events(40)).encode("utf-8")
    cut = split_events(data, 3)
    sent = [flat.loads(flat.dumps(parse_file("t.yaml", part))) for part in cut]
    monkeypatch.setattr(flat.FlatEvents, "decoded", lambda self: pytest.fail("decoded"))
    whole = joined("t.yaml", sent)
    monkeypatch.undo()
    assert isinstance(whole.events, flat.FlatEvents) and len(whole.events) == 40
    assert flat.to_flat(whole) == flat.to_flat(parse_file("t.yaml", data))
