"""Navigating and querying, driven by keyboard and mouse as a user would: the
query in the search bar, links and history in the detail panel, the pinned
heading, the density strip, and keys that do what the screen says."""

from __future__ import annotations

import sys
import textwrap
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from timeline_tui.app import TimelineApp
from timeline_tui.ui.density_strip import DensityStrip
from timeline_tui.ui.detail_panel import DetailItem, DetailPanel
from timeline_tui.ui.search_bar import SearchBar
from timeline_tui.ui.timeline_view import TimelineView

from app_helpers import wait_loaded, wait_until

MEDINSKY_EVENT = "2025-05-16-medinsky-ready-to-fight"
TALKS_EVENT = "2025-05-16-talks"


def _app(paths: list[str]) -> TimelineApp:
    return TimelineApp(paths, watch=False, cursor_blink=False)


@asynccontextmanager
async def _running(size: tuple[int, int], paths: list[str] | None = None):
    """The app on `paths` (the bundled timeline), loaded, at `size`."""
    app = _app(paths or ["events"])
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        yield pilot


def _view(app: TimelineApp) -> TimelineView:
    return app.screen.query_one(TimelineView)


def _subtitle(app: TimelineApp) -> str:
    return str(app.screen.query_one("#timeline-pane").border_subtitle)


def _title(app: TimelineApp) -> str:
    return str(app.screen.query_one("#timeline-pane").border_title)


def _detail_text(app: TimelineApp) -> str:
    return " ".join(str(app.screen.query_one("#detail-body").render()).split())


def _rows(app: TimelineApp) -> list[str]:
    view = _view(app)
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


def _footer(app: TimelineApp) -> list[str]:
    return [f"{key.key_display} {key.description}" for key in app.screen.query("FooterKey")]


async def _footer_comes_to_show(pilot, keys: list[str], key=list) -> None:
    """The footer shows `keys` (compared as `key(...)`) once it has redrawn them: it
    recomposes after the screen's next refresh, not with the key press."""
    await wait_until(pilot, lambda: key(_footer(pilot.app)) == keys)


def _notices(app: TimelineApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def _event_rows(app: TimelineApp) -> int:
    return sum(1 for row in _rows(app) if row.strip() and not row.lstrip().startswith("──"))


# The query


async def test_a_mistyped_field_keeps_the_last_result_and_suggests_the_field(timeline_dir: Path):
    async with _running((120, 40)) as pilot:
        app = pilot.app
        total = len(app.screen.timeline.events)
        await pilot.press("slash", *"tag:history")
        assert _subtitle(app) == f"3 of {total} events"
        assert _title(app) == "Timeline · query: tag:history"
        message = app.screen.query_one("#search-message")
        assert not message.display
        await pilot.press(*" form")  # a word, so far
        kept, kept_title = _subtitle(app), _title(app)
        assert kept_title == "Timeline · query: tag:history form"
        await pilot.press(*":2025")
        assert message.display
        assert "unknown field 'form:': did you mean 'from:'?" in str(message.render())
        assert (_subtitle(app), _title(app)) == (kept, kept_title)  # the last valid result stays
        for _ in "form:2025":
            await pilot.press("backspace")
        await pilot.press(*"from:2025")
        assert not message.display
        assert _subtitle(app) == f"0 of {total} events"
        assert _title(app) == "Timeline · query: tag:history from:2025"


async def test_enter_on_a_bad_query_goes_back_to_the_valid_one(timeline_dir: Path):
    async with _running((120, 40)) as pilot:
        app = pilot.app
        await pilot.press("slash", *"trump is:quotd", "enter")
        assert _view(app).has_focus
        assert app.screen.query_one(SearchBar).value == "trump is:"  # "is:" alone is no term yet
        assert not app.screen.query_one("#search-message").display


async def test_the_search_bar_completes_fields_and_values(timeline_dir: Path):
    async with _running((120, 40)) as pilot:
        app = pilot.app
        search = app.screen.query_one(SearchBar)
        await pilot.press("slash", "t")
        await wait_until(pilot, lambda: search._suggestion == "tag:")
        await pilot.press("right", *"dipl")
        await wait_until(pilot, lambda: search._suggestion == "tag:diplomacy")
        await pilot.press("right")
        assert search.value == "tag:diplomacy"
        await pilot.press(*" actor:medi")
        await wait_until(pilot, lambda: search._suggestion == "tag:diplomacy actor:medinsky")


async def test_query_actor_filter_and_count_agree(timeline_dir: Path):
    async with _running((120, 40)) as pilot:
        app = pilot.app
        await pilot.press("slash", *"-is:reported", "enter")
        await pilot.press("a", *"medinsky", "space")
        shown = list(_view(app).shown_indexes)
        events = app.screen.timeline.events
        assert shown and all("medinsky" in events[i].participant_ids
                             and not any(q.reported for q in events[i].quotes) for i in shown)
        assert _subtitle(app).startswith(f"{len(shown)} of ")
        assert _title(app) == "Timeline · actors: Vladimir Medinsky · query: -is:reported"


# Links and history


async def _select(pilot, event_id: str) -> None:
    """Move down the timeline to the event, by keyboard."""
    app = pilot.app
    await pilot.press("g")
    while _view(app).selected_id != event_id:
        before = _view(app).selected_id
        await pilot.press("j")
        assert _view(app).selected_id != before, f"{event_id} is not shown"


async def _to_item(pilot, item: DetailItem) -> None:
    """Tab into the detail and move with j to `item`."""
    app = pilot.app
    detail = app.screen.query_one(DetailPanel)
    if not detail.has_focus:
        await pilot.press("tab")
    assert detail.has_focus
    for _ in range(150):
        if detail.current_item == item:
            return
        await pilot.press("j")
    raise AssertionError(f"never reached {item}; at {detail.current_item}")


async def test_enter_on_a_related_event_selects_it_and_backspace_goes_back(timeline_dir: Path):
    async with _running((160, 50)) as pilot:
        app = pilot.app
        await _select(pilot, MEDINSKY_EVENT)
        await _to_item(pilot, DetailItem("related", TALKS_EVENT))
        await pilot.press("enter")
        assert _view(app).selected_id == TALKS_EVENT
        assert _detail_text(app).startswith("Russian and Ukrainian officials hold direct talks")
        # And on from there: the talks link to the Medinsky threat.
        await _to_item(pilot, DetailItem("related", "2025-05-16-medinsky-threat-loved-ones"))
        await pilot.press("enter")
        assert _view(app).selected_id == "2025-05-16-medinsky-threat-loved-ones"
        await pilot.press("backspace")
        assert _view(app).selected_id == TALKS_EVENT
        await pilot.press("backspace")
        assert _view(app).selected_id == MEDINSKY_EVENT
        await pilot.press("backspace")
        assert _view(app).selected_id == MEDINSKY_EVENT
        assert "No earlier event to go back to" in _notices(app)[-1]


async def test_following_a_link_hidden_by_the_query_clears_it_with_a_notice(timeline_dir: Path):
    async with _running((160, 50)) as pilot:
        app = pilot.app
        await pilot.press("slash", *"sweden", "enter")
        await pilot.press("a", *"medinsky", "space", "escape", "tab", "tab")  # past the search bar
        assert _view(app).has_focus
        assert _view(app).selected_id == MEDINSKY_EVENT
        await _to_item(pilot, DetailItem("related", "2025-05-16-russian-demands-withdrawal"))
        await pilot.press("enter")
        assert _view(app).selected_id == "2025-05-16-russian-demands-withdrawal"
        assert _notices(app)[-1] == "Cleared the query and the actor filter to show the linked event."
        total = len(app.screen.timeline.events)
        assert _subtitle(app) == f"{total} of {total} events"
        assert _title(app) == "Timeline"
        await pilot.press("backspace")
        assert _view(app).selected_id == MEDINSKY_EVENT


async def test_a_click_on_a_related_event_follows_it(timeline_dir: Path):
    async with _running((160, 50)) as pilot:
        app = pilot.app
        await _select(pilot, MEDINSKY_EVENT)
        detail = app.screen.query_one(DetailPanel)
        body = app.screen.query_one("#detail-body")
        span = next(s for s in body.spans() if s.item == DetailItem("related", TALKS_EVENT))
        detail.scroll_to(y=span.first, animate=False)
        await pilot.pause()
        await pilot.click("#detail-body", offset=(6, span.first))
        assert _view(app).selected_id == TALKS_EVENT


async def test_j_and_k_move_between_items_and_highlight_the_current_one(timeline_dir: Path):
    async with _running((160, 50)) as pilot:
        app = pilot.app
        await _select(pilot, MEDINSKY_EVENT)
        await pilot.press("tab")
        detail = app.screen.query_one(DetailPanel)
        assert detail.current_item is None
        seen = []
        for _ in range(80):  # j scrolls a line while the next item is not yet in view
            await pilot.press("j")
            if detail.current_item not in seen:
                seen.append(detail.current_item)
        quotes = [item for item in seen if item.kind == "quote"]
        sources = [item for item in seen if item.kind == "source"]
        assert quotes == [DetailItem("quote", n) for n in range(len(quotes))] and sources
        assert seen[:len(quotes) + len(sources)] == quotes + sources  # in the order shown
        assert seen[len(quotes) + len(sources):] == [
            DetailItem("related", TALKS_EVENT),
            DetailItem("related", "2025-05-16-russian-demands-withdrawal"),
            DetailItem("related", "2025-05-16-medinsky-threat-loved-ones")]
        await pilot.press("k", "k")
        assert detail.current_item == DetailItem("related", TALKS_EVENT)
        body = app.screen.query_one("#detail-body")
        rendered = body.render()
        highlighted = " ".join(" ".join(rendered.plain[span.start:span.end].split())
                               for span in rendered.spans if span.style == "reverse")
        assert highlighted == "→ Fri 16 May 2025 Russian and Ukrainian " \
                              "officials hold direct talks in Turkey"


async def test_a_related_event_in_a_broken_file_is_shown_as_missing(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text(textwrap.dedent("""\
        events:
          - {id: here, date: "2025", title: Here, related: [elsewhere]}
        """), encoding="utf-8")
    Path("b.yaml").write_text("events:\n  - {id: elsewhere, date: 2025, title: [broken\n",
                              encoding="utf-8")
    async with _running((160, 50), ["a.yaml", "b.yaml"]) as pilot:
        app = pilot.app
        assert "→ elsewhere not in the timeline (is its file broken?)" in _detail_text(app)
        await _to_item(pilot, DetailItem("related", "elsewhere"))
        await pilot.press("enter")
        assert _view(app).selected_id == "here"
        assert "No event 'elsewhere' in the timeline" in _notices(app)[-1]


async def test_the_detail_scrolls_with_space_and_page_keys(timeline_dir: Path):
    async with _running((80, 24)) as pilot:
        app = pilot.app
        await _select(pilot, TALKS_EVENT)
        detail = app.screen.query_one(DetailPanel)
        await pilot.press("tab")
        assert detail.has_focus and detail.scroll_y == 0
        await pilot.press("space")
        assert detail.scroll_y > 0
        await pilot.press("pageup")
        assert detail.scroll_y == 0
        await pilot.press("pagedown")
        assert detail.scroll_y > 0


# Orientation


@pytest.mark.parametrize("size", [(80, 24), (160, 20)])
async def test_the_period_of_the_top_row_stays_pinned(timeline_dir: Path, size):
    async with _running(size) as pilot:
        app = pilot.app
        view = _view(app)
        await pilot.press("G")
        assert view.scroll_offset.y > 0
        events = app.screen.timeline.events
        rows = view._layout
        under = [top for top in range(1, len(rows)) if rows[top] >= 0 and rows[top - 1] >= 0]
        for top in (under[0], under[-1]):  # events whose heading is out of view above
            view.scroll_to(y=top, animate=False)
            await pilot.pause()
            row = rows[top]
            assert _rows(app)[0].startswith(f"── {events[row].date.period()} ")


async def test_moving_up_keeps_the_selected_row_below_the_pinned_heading(timeline_dir: Path):
    async with _running((80, 24)) as pilot:
        app = pilot.app
        view = _view(app)
        await pilot.press("G")
        selected = app.screen.timeline.events[view.selected_index].title
        for _ in range(8):
            await pilot.press("k")
            selected = app.screen.timeline.events[view.selected_index].title
            rows = _rows(app)
            assert rows[0].startswith("──")
            assert any(selected[:20] in row for row in rows[1:])


async def test_there_is_no_sideways_scrolling(timeline_dir: Path):
    async with _running((80, 24)) as pilot:
        app = pilot.app
        view = _view(app)
        await pilot.press("right", "right", "right")
        assert view.scroll_offset.x == 0
        assert not view.show_horizontal_scrollbar


async def test_the_density_strip_shows_all_events_and_those_shown_with_a_marker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    events = [f"  - {{id: old{n}, date: '2020', title: Old {n}, tags: [history]}}" for n in range(3)]
    events += [f"  - {{id: new{n}, date: '2025-05-{n + 1:02d}', title: New {n}}}" for n in range(16)]
    Path("t.yaml").write_text("events:\n" + "\n".join(events) + "\n", encoding="utf-8")
    async with _running((120, 40), ["t.yaml"]) as pilot:
        app = pilot.app
        strip = app.screen.query_one(DensityStrip)
        assert strip.display
        every, shown = str(strip.render()).split("\n")
        # 3 events in 2020, 16 in May 2025: a low bar at the start, a full one at the end.
        assert every[0] in "▁▂▃" and every.rstrip()[-1] == "█"
        assert every.strip(" ")[1:-1].strip() == ""
        assert shown == every
        await pilot.press("slash", *"tag:history", "enter")
        every_now, shown = str(strip.render()).split("\n")
        assert every_now == every
        assert shown[0] != " " and shown.strip() == shown[0]  # only the 2020 column
        rendered = strip.render()
        marked = [span for span in rendered.spans if "reverse" in str(span.style)]
        assert len(marked) == 1 and marked[0].start == len(every) + 1  # the selection, in 2020
        await pilot.press("d")
        assert not strip.display
        await pilot.press("d")
        assert strip.display


async def test_the_strip_stays_off_where_the_pane_is_short(timeline_dir: Path):
    async with _running((80, 16)) as pilot:
        app = pilot.app
        await pilot.pause()
        assert not app.screen.query_one(DensityStrip).display


# Keys that mean what the screen says


async def test_e_with_no_event_shown_only_says_so(timeline_dir: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch):
    log = tmp_path / "editor-ran"
    script = tmp_path / "editor.py"
    script.write_text(f"import pathlib; pathlib.Path({str(log)!r}).write_text('ran')\n",
                      encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    async with _running((80, 24)) as pilot:
        app = pilot.app
        await pilot.press("slash", *"zzzz", "enter", "e")
        await pilot.pause(0.3)
        assert not log.exists()
        assert _notices(app)[-1] == "No event is shown: nothing to edit."


async def test_escape_in_the_timeline_clears_the_query_as_the_hint_says(timeline_dir: Path):
    async with _running((80, 24)) as pilot:
        app = pilot.app
        await pilot.press("slash", *"zzzz", "enter")
        assert _view(app).has_focus
        assert _detail_text(app) == "No event matches. Esc clears the query."
        await pilot.press("escape")
        total = len(app.screen.timeline.events)
        assert _subtitle(app) == f"{total} of {total} events"
        assert not app.screen.query_one(SearchBar).display


async def test_the_footer_offers_only_keys_that_work_in_each_pane(timeline_dir: Path):
    async with _running((80, 24)) as pilot:
        app = pilot.app
        await _footer_comes_to_show(pilot, ["/ Search", "a Actors", "e Edit", "y Copy", "r Reload",
                                            "? Help", "q Quit", "^p palette"])
        await pilot.press("a")
        await _footer_comes_to_show(pilot, ["space Toggle actor", "Esc Clear, then back", "^p palette"])
        await pilot.press("q", "question_mark")  # letters type into the list here
        assert app.is_running
        assert "q?" in str(app.screen.query_one("#actor-typed").render())
        await pilot.press("escape", "escape")  # the typed text, then back to the timeline
        assert _view(app).has_focus
        await pilot.press("slash")
        await _footer_comes_to_show(pilot, ["Enter Keep the query", "Esc Clear the query", "^p palette",
                                            "→ Complete"], key=sorted)
        await pilot.press("escape", "tab")
        assert app.screen.query_one(DetailPanel).has_focus
        await wait_until(pilot, lambda: "q Quit" in _footer(app))
        assert "⏎ Follow link" not in _footer(app)  # the first item is not a link
        await pilot.press("shift+tab")
        await _select(pilot, TALKS_EVENT)
        await _to_item(pilot, DetailItem("related", "2022-direct-russia-ukraine-talks"))
        await _footer_comes_to_show(pilot, ["⏎ Follow link", "/ Search", "a Actors", "e Edit", "y Copy",
                                            "r Reload", "? Help", "q Quit", "^p palette"])


async def test_r_says_what_it_reloaded(timeline_dir: Path):
    async with _running((80, 24)) as pilot:
        app = pilot.app
        await pilot.press("r")
        await wait_until(pilot, lambda: _notices(app)[-1:] == ["Reloaded: no files changed"])
        path = timeline_dir / "history.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("Russia invades", "Russia attacks"),
                        encoding="utf-8")
        await pilot.press("r")
        await wait_until(pilot, lambda: _notices(app)[-1] == "Reloaded: 1 file changed")


async def test_the_palette_has_one_entry_per_command(timeline_dir: Path):
    async with _running((80, 24)) as pilot:
        app = pilot.app
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles.count("Keys") == 1
        assert len(titles) == len(set(titles))

