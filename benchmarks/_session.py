"""One measured session of the app in a fresh process; `benchmarks.run` starts it.

    python -m benchmarks._session --data DIR [--mode full|startup] [--profile-dir DIR]

Prints one line `RESULT {json}` and exits with os._exit (no teardown is timed).

How a frame is seen: the app's `_display` (which Textual calls once per composited
frame, headless or not) is wrapped on the instance. The wrapper first turns the
frame into the escape sequences a terminal would be sent (`render_segments`; the
headless driver itself skips that), then timestamps the frame. `TimelineView.render_line`
is wrapped on the class to count the timeline rows drawn into each frame. Neither
wrapper changes what the app does.
"""

from __future__ import annotations

import time

T_PROCESS = time.perf_counter()  # before anything else is imported

import argparse  # noqa: E402
import asyncio  # noqa: E402
import cProfile  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable  # noqa: E402

from textual._compositor import CompositorUpdate  # noqa: E402
from textual.keys import _character_to_key  # noqa: E402

from timeline_tui.app import TimelineApp  # noqa: E402
from timeline_tui.core.workspace import Workspace  # noqa: E402
from timeline_tui.ui.main_screen import MainScreen  # noqa: E402
from timeline_tui.ui.timeline_view import TimelineView  # noqa: E402

T_IMPORTED = time.perf_counter()

DEFAULT_QUERY = "is:quoted"
"""The query term typed for the "query key" column; its last key is timed."""

TIMEOUT = float(os.environ.get("TIMELINE_BENCH_TIMEOUT", "900"))


def _rss_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@dataclass
class Frame:
    wall: float
    cpu: float
    rows: int
    """Timeline rows drawn into this frame."""
    main: bool
    """Whether the frame is of the MainScreen."""


@dataclass
class Waiter:
    predicate: Callable[[Frame], bool]
    after: float
    event: asyncio.Event = field(default_factory=asyncio.Event)
    frame: Frame | None = None
    on_hit: Callable[[], None] | None = None


class Recorder:
    def __init__(self) -> None:
        self.frames: list[Frame] = []
        self.rows_drawn = 0
        self.waiters: list[Waiter] = []
        self.loads: list[dict] = []
        self.profile_next_load: str | None = None
        self.profile_dir: Path | None = None

    def wait_for(self, predicate: Callable[[Frame], bool], after: float,
                 on_hit: Callable[[], None] | None = None) -> Waiter:
        waiter = Waiter(predicate, after, on_hit=on_hit)
        self.waiters.append(waiter)
        return waiter

    def frame(self, main: bool) -> None:
        frame = Frame(time.perf_counter(), time.process_time(), self.rows_drawn, main)
        self.rows_drawn = 0
        self.frames.append(frame)
        for waiter in list(self.waiters):
            if frame.wall >= waiter.after and waiter.predicate(frame):
                waiter.frame = frame
                if waiter.on_hit is not None:
                    waiter.on_hit()
                waiter.event.set()
                self.waiters.remove(waiter)


RECORDER = Recorder()

GC_PAUSES: list[tuple[float, float, int]] = []
"""(start, end, generation) of every garbage collection in this process."""
_gc_started = [0.0]


def _gc_callback(phase: str, info: dict) -> None:
    if phase == "start":
        _gc_started[0] = time.perf_counter()
    else:
        GC_PAUSES.append((_gc_started[0], time.perf_counter(), info["generation"]))


def gc_ms(start: float, end: float) -> float:
    """Milliseconds spent collecting garbage (any thread) between start and end."""
    return sum(min(e, end) - max(s, start) for s, e, _ in GC_PAUSES
               if e > start and s < end) * 1000


def _row_count(view) -> int:
    """The view's rows, through its public property where the measured code has it
    (older commits kept them in `_rows`)."""
    count = getattr(type(view), "row_count", None)
    return view.row_count if count is not None else len(view._rows)


def _instrument_classes() -> None:
    render_line = TimelineView.render_line

    def counted_render_line(self: TimelineView, y: int):
        strip = render_line(self, y)
        if y + self.scroll_offset.y < _row_count(self):
            RECORDER.rows_drawn += 1
        return strip

    TimelineView.render_line = counted_render_line  # type: ignore[method-assign]

    load = Workspace.load

    def timed_load(self: Workspace, *args, **kwargs):
        name = RECORDER.profile_next_load
        RECORDER.profile_next_load = None
        profiler = cProfile.Profile() if name else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()  # this (the worker) thread only
        try:
            result = load(self, *args, **kwargs)
        finally:
            if profiler:
                profiler.disable()
                profiler.dump_stats(str(RECORDER.profile_dir / f"{name}.prof"))
        RECORDER.loads.append({"start": started, "end": time.perf_counter(),
                               "parsed_files": len(result.parsed_paths)})
        return result

    Workspace.load = timed_load  # type: ignore[method-assign]


def _instrument_app(app: TimelineApp) -> None:
    display = app._display

    def timed_display(screen, renderable) -> None:
        shown = renderable is not None and not app._batch_count
        if shown and isinstance(renderable, CompositorUpdate):
            renderable.render_segments(app.console)  # what a real terminal would be sent
        display(screen, renderable)
        if shown:
            RECORDER.frame(isinstance(screen, MainScreen))

    app._display = timed_display  # type: ignore[method-assign]


class Session:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.result: dict = {"mode": args.mode, "samples": {}, "notes": []}
        self.profile_dir = Path(args.profile_dir) if args.profile_dir else None
        RECORDER.profile_dir = self.profile_dir
        self.profiler: cProfile.Profile | None = None

    # Profiling the main thread between a start and a frame

    def _profile_start(self, name: str | None) -> Callable[[], None] | None:
        if not (self.profile_dir and name):
            return None
        profiler = cProfile.Profile()
        profiler.enable()

        def stop() -> None:
            profiler.disable()
            profiler.dump_stats(str(self.profile_dir / f"{name}.prof"))

        return stop

    def sample(self, metric: str, value_s: float, started: float | None = None) -> None:
        """Record `value_s`; with `started`, also the GC time within the interval."""
        self.result["samples"].setdefault(metric, []).append(round(value_s * 1000, 3))
        if started is not None:
            self.result["samples"].setdefault(metric + "_gc", []).append(
                round(gc_ms(started, started + value_s), 3))

    async def _await(self, waiter: Waiter, what: str) -> Frame:
        """The frame `waiter` waits for; an error if the app fails first or it takes
        longer than TIMELINE_BENCH_TIMEOUT seconds (default 900)."""
        app = self.app
        waiting = asyncio.ensure_future(waiter.event.wait())
        failed = asyncio.ensure_future(app._exception_event.wait())
        await asyncio.wait({waiting, failed}, timeout=TIMEOUT,
                           return_when=asyncio.FIRST_COMPLETED)
        waiting.cancel()
        failed.cancel()
        if waiter.frame is None:
            if app._exception is not None:
                raise RuntimeError(f"the app failed while waiting for {what}: "
                                   f"{app._exception!r}")
            raise RuntimeError(f"timed out after {TIMEOUT:.0f} s waiting for {what}")
        return waiter.frame

    async def measure_follow(self, pilot, screen: MainScreen, view: TimelineView) -> None:
        """Follow a related link: from an event to the related event farthest from it
        in the timeline, through `MainScreen.follow` (what Enter on the link in the
        detail panel calls), to the first frame that shows it selected."""
        follow = getattr(screen, "follow", None)
        if follow is None:
            self.result["notes"].append("no MainScreen.follow at this commit: follow not measured")
            return
        timeline = screen.timeline
        links = [(abs(index - timeline.event_index(target)), event.id, target)
                 for index, event in enumerate(timeline.events)
                 for target in event.related if timeline.event_index(target) is not None]
        if not links:
            self.result["notes"].append("no related links: follow not measured")
            return
        _, start, target = max(links)
        view.select_event(start)
        await pilot.pause()
        await pilot.pause()
        started_wall, started_cpu = time.perf_counter(), time.process_time()
        waiter = RECORDER.wait_for(lambda f: f.rows > 0 and view.selected_id == target,
                                   started_wall)
        follow(target)
        frame = await self._await(waiter, "the frame showing the followed link")
        self.sample("follow_link", frame.wall - started_wall, started_wall)
        self.sample("follow_link_cpu", frame.cpu - started_cpu)
        await pilot.pause()

    async def measure_key(self, pilot, key: str, metric: str,
                          done: Callable[[Frame], bool], profile: str | None = None) -> None:
        """Time from pressing `key` to the first frame after it for which `done` holds."""
        stop = self._profile_start(profile)
        started_wall, started_cpu = time.perf_counter(), time.process_time()
        waiter = RECORDER.wait_for(done, started_wall, on_hit=stop)
        await pilot.press(key)
        frame = await self._await(waiter, f"the frame after pressing {key!r}")
        self.sample(metric, frame.wall - started_wall, started_wall)
        self.sample(metric + "_cpu", frame.cpu - started_cpu)
        await pilot.pause()

    async def run(self) -> dict:
        args = self.args
        width, height = (int(v) for v in args.size.split("x"))
        _instrument_classes()
        gc.callbacks.append(_gc_callback)
        stop_cold = self._profile_start("cold_main")
        RECORDER.profile_next_load = "cold_loader" if self.profile_dir else None
        t0 = time.perf_counter()
        app = self.app = TimelineApp([args.data], watch=False, cursor_blink=False)
        _instrument_app(app)
        first_any = RECORDER.wait_for(lambda f: True, t0)
        first_main = RECORDER.wait_for(lambda f: f.main, t0)
        rows = RECORDER.wait_for(
            lambda f: f.main and f.rows > 0 and isinstance(app.screen, MainScreen)
            and app.screen.loaded, t0, on_hit=stop_cold)
        async with app.run_test(size=(width, height), notifications=False) as pilot:
            frame = await self._await(first_any, "the first frame")
            self.sample("first_frame", frame.wall - t0)
            frame = await self._await(first_main, "the first frame of the main screen")
            self.sample("first_main_frame", frame.wall - t0)
            frame = await self._await(rows, "the first frame with timeline rows")
            self.sample("start", frame.wall - t0, t0)
            self.result["rss_at_rows_mb"] = round(_rss_peak_mb(), 1)
            load = RECORDER.loads[0]
            self.sample("load_thread", load["end"] - load["start"])
            self.sample("after_load_to_rows", frame.wall - load["end"])
            self.result["import_s"] = round(T_IMPORTED - T_PROCESS, 3)
            self.result["code"] = str(Path(sys.modules["timeline_tui"].__file__).parent)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            self.result["events"] = len(screen.timeline.events)
            self.result["problems"] = len(screen.timeline.problems)
            if screen.timeline.problems:
                self.result["notes"].append(f"first problem: {screen.timeline.problems[0]}")
            if args.mode == "full":
                await self.interact(pilot, screen)
        self.result["peak_rss_mb"] = round(_rss_peak_mb(), 1)
        if hasattr(app.workspace, "store_resolved"):
            # As `timeline-tui` does when the app exits: write what the session
            # resolved and had not yet stored, for the warm starts that follow.
            app.workspace.store_resolved()
        self.result["gc_gen2_count"] = sum(1 for *_, gen in GC_PAUSES if gen == 2)
        self.result["gc_gen2_max_ms"] = round(max(
            [(e - s) * 1000 for s, e, gen in GC_PAUSES if gen == 2], default=0), 1)
        return self.result

    async def interact(self, pilot, screen: MainScreen) -> None:
        view = screen.query_one(TimelineView)
        await pilot.pause()
        await pilot.pause()

        def moved_from(row):
            return lambda f: f.rows > 0 and view._cursor_row != row

        # Moving
        for press in range(5):
            await self.measure_key(pilot, "j", "move_j", moved_from(view._cursor_row),
                                   profile="move_main" if press == 4 else None)
        for _ in range(3):
            await self.measure_key(pilot, "pagedown", "move_pagedown", moved_from(view._cursor_row))
        await self.measure_key(pilot, "G", "move_G", moved_from(view._cursor_row))
        if view._cursor_row != _row_count(view) - 1:
            self.result["notes"].append("G did not reach the last row")
        await pilot.press("g")
        await pilot.pause()

        # Actor filter: focus the list, toggle the highlighted (busiest) actor on, then off.
        await pilot.press("a")
        await pilot.pause()
        await self.measure_key(pilot, "space", "filter_on",
                               lambda f: f.rows > 0 and bool(screen.event_filter.actor_ids),
                               profile="filter_main")
        self.result["filter_visible_events"] = len(
            screen.search_index.apply(screen.event_filter))
        await self.measure_key(pilot, "space", "filter_off",
                               lambda f: f.rows > 0 and not screen.event_filter.actor_ids)
        view.focus()
        await pilot.pause()

        # Search: open it with "/", then type one letter, then a second.
        letter, second = self.args.search[0], self.args.search[1]
        await self.measure_key(pilot, "slash", "search_open",
                               lambda f: screen.focused is not None
                               and screen.focused.id == "search")
        await self.measure_key(pilot, letter, "search_key",
                               lambda f: f.rows > 0 and screen.event_filter.query == letter,
                               profile="search_main")
        self.result["search_visible_events"] = len(screen.search_index.apply(screen.event_filter))
        await self.measure_key(pilot, second, "search_key2",
                               lambda f: f.rows > 0
                               and screen.event_filter.query == letter + second)
        await self.measure_key(pilot, "escape", "search_clear",
                               lambda f: f.rows > 0 and screen.event_filter.query == "")
        await pilot.pause()

        # Query: a whole term typed in "/", all but its last key untimed; then the last.
        query = self.args.query
        await pilot.press("slash", *map(_character_to_key, query[:-1]))
        await pilot.pause()
        await self.measure_key(pilot, _character_to_key(query[-1]), "query_key",
                               lambda f: f.rows > 0 and screen.event_filter.query == query,
                               profile="query_main")
        self.result["query_visible_events"] = len(screen.search_index.apply(screen.event_filter))
        await pilot.press("escape")
        await pilot.pause()

        await self.measure_follow(pilot, screen, view)

        # Reload after one file changed on disk.
        data = Path(self.args.data)
        manifest = json.loads((data / ".manifest.json").read_text(encoding="utf-8"))
        path = data / manifest["reload_file"]
        event_id = manifest["reload_event_id"]
        new_title = f"Benchmark changed title {os.getpid()}"
        text = path.read_text(encoding="utf-8")
        start = text.index(f"  - id: {event_id}\n")
        title_at = text.index("\n    title: ", start) + 1
        title_end = text.index("\n", title_at)
        text = text[:title_at] + f'    title: "{new_title}"' + text[title_end:]
        temporary = path.with_name("." + path.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)  # a new inode: the original may be hard-linked

        def changed() -> bool:
            timeline = screen.timeline
            index = timeline.event_index(event_id)
            return index is not None and timeline.events[index].title == new_title

        stop = self._profile_start("reload_main")
        RECORDER.profile_next_load = "reload_loader" if self.profile_dir else None
        loads_before = len(RECORDER.loads)
        started = time.perf_counter()
        frame_waiter = RECORDER.wait_for(lambda f: f.rows > 0 and changed(), started, on_hit=stop)
        screen.action_reload()
        deadline = started + TIMEOUT
        while not changed():
            if self.app._exception is not None:
                raise RuntimeError(f"the app failed during the reload: {self.app._exception!r}")
            if time.perf_counter() > deadline:
                raise RuntimeError("timed out waiting for the reload")
            await asyncio.sleep(0.001)
        self.sample("reload", time.perf_counter() - started, started)
        frame = await self._await(frame_waiter, "the frame after the reload")
        self.sample("reload_frame", frame.wall - started)
        load = RECORDER.loads[loads_before]
        self.sample("reload_load_thread", load["end"] - load["start"])
        self.result["reload_parsed_files"] = load["parsed_files"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True, help="a generated data directory")
    parser.add_argument("--mode", choices=("full", "startup"), default="full")
    parser.add_argument("--size", default="160x48", help="terminal size WxH")
    parser.add_argument("--search", default="pu", help="two letters typed into the search")
    parser.add_argument("--query", default=DEFAULT_QUERY, help="a query term typed into the search")
    parser.add_argument("--profile-dir", help="write cProfile stats of each scenario here")
    args = parser.parse_args()
    try:
        result = asyncio.run(Session(args).run())
    except Exception as error:  # reported, not raised: the harness shows it
        import traceback
        result = {"error": f"{type(error).__name__}: {error}",
                  "traceback": traceback.format_exc()[-3000:]}
    sys.stdout.write("RESULT " + json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
