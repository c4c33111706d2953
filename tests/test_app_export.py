"""Getting the chronology out of the app: `y` copies, `o` opens, "Export view…"
writes; and what the app remembers or says about itself (theme, the bundled sample)."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import webbrowser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from textual.widgets import Input

from timeline_tui.app import TimelineApp
from timeline_tui.core.export import export
from timeline_tui.ui.timeline_view import TimelineView

from app_helpers import wait_loaded, wait_until
from conftest import BUNDLED_EVENTS
from helpers_core import write

LINKED = """\
    actors:
      - {id: al, name: "Al <b>Smith</b>"}
    sources:
      - id: one
        outlet: The *Gazette*
        title: Bridge
        published: "2025-03-04"
        url: https://example.org/gazette/2025/03/04/a-long-path-that-goes-on-and-on-and-on-and-on
        archived_url: https://archive.example/gazette
      - id: two
        outlet: Radio
        url: https://radio.example/b
      - id: nowhere
        outlet: Print only
    events:
      - id: a
        date: "2025-03-03"
        title: "Bridge [announced] *today*"
        sources: [one, two]
        quotes:
          - text: |-
              We will build
              this bridge.
            speaker: al
            source: one
      - id: b
        date: "2025-03-05"
        title: One source
        sources: [two]
      - id: c
        date: "2025-03-06"
        title: No address
        sources: [nowhere]
"""


URL = "https://example.org/gazette/2025/03/04/a-long-path-that-goes-on-and-on-and-on-and-on"


def _notices(app: TimelineApp) -> list[str]:
    return [notification.message for notification in app._notifications]


@pytest.fixture
def linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "events", "timeline.yaml", LINKED)
    return Path("events")


@pytest.fixture
def browser_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$BROWSER is a script that records each address it is given."""
    log = tmp_path / "browser.log"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{log}"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("BROWSER", str(script))
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # read $BROWSER afresh
    monkeypatch.setattr(webbrowser, "_browsers", {})
    return log


async def test_y_copies_the_selected_event_as_a_markdown_citation(timeline_dir: Path) -> None:
    app = TimelineApp([str(timeline_dir)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        timeline = app.screen.timeline
        index = next(i for i, event in enumerate(timeline.events) if len(event.quotes) > 1)
        event = timeline.events[index]
        while app.screen.query_one(TimelineView).selected_id != event.id:
            await pilot.press("j")
        await pilot.press("y")
        copied = app.clipboard
        assert f"Copied “{event.title}” as a Markdown citation." in _notices(app)
    html = MarkdownIt("commonmark").render(copied)
    assert html.count("<blockquote>") == len(event.quotes)
    for quote in event.quotes:
        assert " ".join(quote.text.split()) in html
    assert "<ol>\n<li>Sky News" in html
    # The same renderer as the export: exported alone, the event reads the same.
    event_block = copied.split("\n\nSources:\n\n")[0]
    assert f"\n\n{event_block}\n\n## Sources\n\n" in export(timeline, [index], "markdown")


async def test_o_opens_the_only_address_and_asks_among_several(linked: Path,
                                                               browser_log: Path) -> None:
    app = TimelineApp([str(linked)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        await pilot.press("j", "o")  # event b: one source, one address
        await wait_until(pilot, browser_log.exists)
        assert browser_log.read_text().splitlines() == ["https://radio.example/b"]
        await pilot.press("k", "o")  # event a: a URL, an archived copy, another URL
        await wait_until(pilot, lambda: type(app.screen).__name__ == "SourceChooser")
        options = app.screen.query_one("#source-choices")
        assert [str(options.get_option_at_index(i).prompt).split("\n")[0]
                for i in range(options.option_count)] == [
            "The *Gazette* — Bridge", "The *Gazette* — Bridge (archived copy)", "Radio"]
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: len(browser_log.read_text().splitlines()) == 2)
        assert browser_log.read_text().splitlines()[1] == "https://archive.example/gazette"
        await pilot.press("j", "j", "o")  # event c: no address
        assert "No source of this event gives a web address." in _notices(app)
        assert len(browser_log.read_text().splitlines()) == 2


async def test_without_a_browser_o_copies_the_address(linked: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def no_browser() -> None:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    app = TimelineApp([str(linked)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        await pilot.press("j", "o")
        assert app.clipboard == "https://radio.example/b"
        assert "No browser could open https://radio.example/b; copied it instead." in _notices(app)


async def test_copy_quote_puts_it_on_one_line_with_its_attribution(linked: Path) -> None:
    app = TimelineApp([str(linked)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        app.screen.copy_quote(0)
        await pilot.pause()
        assert app.clipboard == (
            "“We will build this bridge.” — Al <b>Smith</b>, The *Gazette*, Tue 4 Mar 2025, "
            "https://example.org/gazette/2025/03/04/a-long-path-that-goes-on-and-on-and-on-and-on")
        assert "Copied the quote of Al <b>Smith</b>." in _notices(app)


async def test_detail_urls_stay_on_one_line_shortened_in_the_middle_and_linked(
        linked: Path) -> None:
    app = TimelineApp([str(linked)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        body = app.screen.query_one("#detail-body")
        lines = [line for line in body.render().split("\n", allow_blank=True)
                 if line.plain.lstrip().startswith("url: https://e")]
        assert len(lines) == 1
        line = lines[0]
        assert line.cell_length <= body.size.width
        head, tail = line.plain.strip().removeprefix("url: ").split("…")
        assert URL.startswith(head) and URL.endswith(tail) and len(head) > 5 and len(tail) > 5
        links = {span.style.link for span in line.spans if hasattr(span.style, "link")}
        assert links == {URL}


async def test_export_view_writes_the_events_shown(linked: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    app = TimelineApp([str(linked)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"source", "enter")  # narrows to "One source"
        await pilot.press("ctrl+p", *"Export view", "enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ExportDialog")
        await pilot.press("down", "enter")  # CSV
        path_input = app.screen.query_one(Input)
        assert path_input.has_focus and path_input.value == "timeline-export.csv"
        path_input.value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, target.exists)
        await wait_until(pilot, lambda: any(n.startswith("Wrote 1 event") for n in _notices(app)))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
    assert [(row["id"], row["title"]) for row in rows] == [("b", "One source")]


async def test_export_view_refuses_timeline_files_and_asks_before_overwriting(
        linked: Path, tmp_path: Path) -> None:
    own = linked / "timeline.yaml"
    before = own.read_bytes()
    existing = tmp_path / "existing.json"
    existing.write_text("keep?", encoding="utf-8")
    app = TimelineApp([str(linked)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        await pilot.press("ctrl+p", *"Export view", "enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ExportDialog")
        await pilot.press("down", "down", "enter")  # JSON
        message = app.screen.query_one("#export-message")
        for refused in (str(own), str(linked / "new.yaml")):
            app.screen.query_one(Input).value = refused
            await pilot.press("enter")
            assert str(message.render()).startswith("Will not write there:")
        app.screen.query_one(Input).value = str(existing)
        await pilot.press("enter")
        assert "exists. Enter again to overwrite it" in str(message.render())
        assert existing.read_text(encoding="utf-8") == "keep?"
        await pilot.press("enter")
        await wait_until(pilot, lambda: existing.read_text(encoding="utf-8") != "keep?")
    assert [e["id"] for e in json.loads(existing.read_text(encoding="utf-8"))["events"]] == \
        ["a", "b", "c"]
    assert own.read_bytes() == before
    assert sorted(os.listdir(linked)) == ["timeline.yaml"]


async def test_the_bundled_sample_says_so_and_e_suggests_init(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    monkeypatch.setenv("EDITOR", "false")
    app = TimelineApp([str(BUNDLED_EVENTS)], watch=False, cursor_blink=False, sample=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        assert str(app.screen.query_one("#timeline-pane").border_title).startswith(
            "Timeline: the bundled sample")
        await pilot.press("e")
        assert any("bundled with timeline-tui" in n and "timeline-tui init" in n
                   for n in _notices(app))


def _settings_file() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "timeline-tui" / "settings.json"


async def test_the_theme_chosen_is_remembered(timeline_dir: Path) -> None:
    app = TimelineApp([str(timeline_dir)], watch=False, cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_loaded(pilot)
        app.theme = "nord"
        await wait_until(pilot, _settings_file().exists)
    assert json.loads(_settings_file().read_text()) == {"theme": "nord"}
    again = TimelineApp([str(timeline_dir)], watch=False, cursor_blink=False)
    async with again.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_loaded(pilot)
        assert again.theme == "nord"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"theme": ["nord"]}'])
async def test_a_damaged_settings_file_is_ignored_with_a_notice(timeline_dir: Path,
                                                                content: str) -> None:
    _settings_file().parent.mkdir(parents=True)
    _settings_file().write_text(content, encoding="utf-8")
    app = TimelineApp([str(timeline_dir)], watch=False, cursor_blink=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_loaded(pilot)
        assert app.theme == "textual-dark"
        assert any(n.startswith("Ignored the s") for n in _notices(app))


async def _to_detail_item(pilot, kind: str, key: object) -> None:
    """Tab into the detail panel and move with j until the item is current."""
    from timeline_tui.ui.detail_panel import DetailItem, DetailPanel

    detail = pilot.app.screen.query_one(DetailPanel)
    await pilot.press("tab")
    assert detail.has_focus
    for _ in range(60):
        if detail.current_item == DetailItem(kind, key):
            return
        await pilot.press("j")
    raise AssertionError(f"no {kind} item {key!r} in the detail")


async def test_y_on_a_quote_item_copies_that_quote_on_one_line(linked: Path) -> None:
    app = TimelineApp([str(linked)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        await _to_detail_item(pilot, "quote", 0)
        await pilot.press("y")
        copied = app.clipboard
        assert "\n" not in copied
        assert copied.startswith("“We will build this bridge.” — Al <b>Smith</b>, The *Gazette*")
        assert copied.endswith(URL)
        assert "Copied the quote of Al <b>Smith</b>." in _notices(app)


async def test_enter_on_a_source_item_opens_that_source(linked: Path, browser_log: Path) -> None:
    app = TimelineApp([str(linked)], watch=False, cursor_blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_loaded(pilot)
        await _to_detail_item(pilot, "source", "two")
        await pilot.press("enter")
        await wait_until(pilot, browser_log.exists)
        assert browser_log.read_text().splitlines() == ["https://radio.example/b"]
