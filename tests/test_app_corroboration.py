"""What the app draws of corroboration: independent origins and disputes in the rows,
disputes and sources by origin in the detail, warnings apart in the error panel.

On tests/data/disputed: "The council closes…" cites two origins, "Engineers
report…" three sources of one origin (a based_on chain and a shared outlet), and
"Commuters face…" three origins and a dispute.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from rich.style import Style

from timeline_tui.app import TimelineApp
from timeline_tui.core.loader import load_paths
from timeline_tui.ui.detail_panel import DetailItem, detail_blocks
from timeline_tui.ui.error_panel import ErrorPanel
from timeline_tui.ui.timeline_view import TimelineView

from app_helpers import wait_loaded
from helpers_core import write

DISPUTED = Path(__file__).parent / "data" / "disputed"


@pytest.fixture
def disputed_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DISPUTED, tmp_path / "disputed")
    monkeypatch.chdir(tmp_path)
    return Path("disputed")


def _app(path: Path) -> TimelineApp:
    return TimelineApp([str(path)], watch=False, cursor_blink=False)


def _drawn_rows(app: TimelineApp) -> dict[str, list[tuple[str, Style]]]:
    """Each event row drawn, by the start of its title: its segments' text and style."""
    view = app.screen.query_one(TimelineView)
    rows = {}
    for y in range(view.row_count):
        segments = [(segment.text, segment.style) for segment in view.render_line(y)]
        text = "".join(text for text, _ in segments)
        if not text.startswith("──"):  # a month heading
            rows[text.split("  ", 1)[1][:12]] = segments
    return rows


def _text(segments: list[tuple[str, Style]]) -> str:
    return "".join(text for text, _ in segments)


def _style_of(segments: list[tuple[str, Style]], mark: str) -> Style:
    [style] = [style for text, style in segments if mark in text]
    return style


def _detail_text(app: TimelineApp) -> str:
    return " ".join(str(app.screen.query_one("#detail-body").render()).split())


async def _detail_after(path: Path, *keys: str) -> str:
    """The detail panel's text, wrapping undone, once `keys` are pressed."""
    app = _app(path)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_loaded(pilot)
        await pilot.press(*keys)
        return _detail_text(app)


async def test_rows_count_independent_origins_and_mark_disputes(disputed_dir: Path) -> None:
    app = _app(disputed_dir)
    async with app.run_test(size=(120, 20)) as pilot:
        await wait_loaded(pilot)
        rows = _drawn_rows(app)
        closure, inspection, commuters = (rows["The council "], rows["Engineers re"],
                                          rows["Commuters fa"])
        assert _text(closure).endswith("@1 ❝0 §2    ")
        assert _text(inspection).endswith("@0 ❝0 §1    ")  # three sources, one origin
        assert _text(commuters).endswith("@1 ❝1 §3 ≠  ")
        # One origin is a tag in its own colour; two or more are plain.
        single = _style_of(inspection, "§1")
        assert single.reverse and single.color != _style_of(closure, "§2").color
        assert not _style_of(closure, "§2").reverse
        assert _style_of(commuters, "≠").bold


async def test_an_event_citing_nothing_is_a_red_tag_and_a_warning(tmp_path: Path,
                                                                    monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "t.yaml", """\
        sources:
          - {id: wire, outlet: Wire}
        events:
          - {id: a, date: 2025-01-01, title: Unsourced claim}
          - {id: b, date: 2025-01-02, title: Sourced claim, sources: [wire]}
        """)
    app = _app(Path("t.yaml"))
    async with app.run_test(size=(120, 20)) as pilot:
        await wait_loaded(pilot)
        rows = _drawn_rows(app)
        unsourced = _style_of(rows["Unsourced cl"], "§0")
        single = _style_of(rows["Sourced clai"], "§1")
        assert unsourced.reverse and unsourced.color not in (None, single.color)
        panel = app.screen.query_one(ErrorPanel)
        assert panel.display and panel.has_class("-warnings-only")
        assert str(panel.border_title) == "1 warning"
        assert panel.rows == ["t.yaml:4:5: warning: event cites no source: add sources: [<id>]"]


async def test_the_error_panel_counts_errors_and_warnings_apart(tmp_path: Path,
                                                                 monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "t.yaml", """\
        events:
          - {id: a, date: 2025-01-01, title: Unsourced claim}
          - {id: b, date: 2025-01-02, title: Claim, sources: [nowhere]}
        """)
    app = _app(Path("t.yaml"))
    async with app.run_test(size=(120, 20)) as pilot:
        await wait_loaded(pilot)
        panel = app.screen.query_one(ErrorPanel)
        assert str(panel.border_title) == "1 problem · 1 warning"
        assert not panel.has_class("-warnings-only")
        assert [row.split(": ")[1] for row in panel.rows] == ["warning", "error"]


async def test_the_detail_shows_each_version_with_its_sources(disputed_dir: Path) -> None:
    detail = await _detail_after(disputed_dir, "G")
    assert ("Disputed (1) ≠ how many people cross the bridge each day "
            "1. 4,900 a day, by the council's own count [3] Eastfield Council "
            "2. more than 7,000 [2] Channel 9 News · [1] eastfield courier "
            "resolution: The council's count is of weekdays in February;") in detail
    assert "Sources (3) 3 independent origins" in detail
    assert "[3] Eastfield Council — Statement on the harbour bridge primary" in detail


async def test_the_detail_groups_sources_by_origin_with_kind_and_via(disputed_dir: Path) -> None:
    detail = await _detail_after(disputed_dir, "j")
    assert "Sources (3) single origin" in detail
    assert "[1] Eastfield Courier — Bridge shut after cracks found report · via Northern Press Agency" \
        in detail
    assert "[2] Harbour notes — the bridge, again analysis · via Eastfield Courier" in detail
    detail = await _detail_after(disputed_dir)
    assert "Sources (2) 2 independent origins" in detail
    assert "origin 1 of" not in detail  # each origin is one source: no labels


def test_sources_shared_by_origins_are_labelled_by_origin(disputed_dir: Path) -> None:
    built = load_paths([disputed_dir])
    inspection = built.events[built.event_index("2025-03-04-inspection")]
    event = replace(inspection, source_ids=(*inspection.source_ids, "channel9"))
    lines = [str(block.content) for block in detail_blocks(event, built)]
    start = lines.index("origin 1 of 2")
    assert [line for line in lines[start:] if line.startswith(("origin", "["))] == [
        "origin 1 of 2",
        "[1] Eastfield Courier — Bridge shut after cracks found  report · via Northern Press Agency",
        "[2] Harbour notes — the bridge, again  analysis · via Eastfield Courier",
        "[3] Northern Press Agency — Eastfield closes its harbour bridge  report",
        "origin 2 of 2",
        "[4] Channel 9 News — Thousands stranded by bridge closure  report",
    ]


def test_each_dispute_version_is_an_item_of_the_detail(disputed_dir: Path) -> None:
    built = load_paths([disputed_dir])
    event = built.events[built.event_index("2025-03-05-commuters")]
    items = {block.item: str(block.content) for block in detail_blocks(event, built) if block.item}
    assert items[DetailItem("version", (0, 0))] == "1. 4,900 a day, by the council's own count"
    assert items[DetailItem("version", (0, 1))] == "2. more than 7,000"


async def test_help_explains_the_marks_and_the_corroboration_rule(disputed_dir: Path) -> None:
    app = _app(disputed_dir)
    async with app.run_test(size=(100, 60)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("question_mark")
        text = " ".join(str(app.screen.query_one("#help-body Static").render()).split())
        assert "§2 independent origins among the sources cited" in text
        assert "§1 a single origin" in text
        assert "≠ sources disagree" in text
        assert "Sources joined by based_on (either way, through any chain) or sharing an " \
               "outlet (ignoring case and spaces) are one origin" in text
