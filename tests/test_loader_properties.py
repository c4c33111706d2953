"""Properties of loading arbitrary input: every problem is located inside its file,
no exception leaves the loader, and only DateError leaves the date parser.

Examples are derandomized so that CI runs the same inputs every time.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_tui.core.dates import DateError, DateInterval, DateSet, PartialDate, parse_date
from timeline_tui.core.loader import (
    ACTOR_KEYS,
    EVENT_KEYS,
    KIND_KEYS,
    QUOTE_KEYS,
    SOURCE_KEYS,
    build_timeline,
    parse_file,
)
from timeline_tui.core.model import Timeline

EVENTS = Path(__file__).parent.parent / "events"
BUNDLED = {path.name: path.read_bytes() for path in sorted(EVENTS.glob("*.yaml"))}

MUTATION_RUN = Path(__file__).resolve().parent.parent.name == "mutants"
"""Under mutmut (which runs a copy in ./mutants) every mutant runs these again: fewer
examples keep a run near 30 minutes."""

PROPERTY_SETTINGS = settings(
    max_examples=25 if MUTATION_RUN else 250, deadline=2_000, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as YAML 1.1 parsers count them (and as editors mostly do)."""


def _lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", "replace").removeprefix("\ufeff")
    return _LINE_BREAK.split(text)


_CHARACTER_PROBLEMS = [  # message pattern -> the character the problem must point at
    (re.compile(r"not valid UTF-8"), lambda match: "\ufffd"),
    (re.compile(r"a NUL byte"), lambda match: "\0"),
    (re.compile(r"character U\+([0-9A-F]{4,6}) is not allowed"),
     lambda match: chr(int(match[1], 16))),
]


def assert_problems_located(timeline: Timeline, files: dict[str, bytes]) -> None:
    """Every problem names one of the files, at a line and column inside it; a
    problem with a character points at that character."""
    for problem in timeline.problems:
        position = problem.position
        assert position.path in files, problem
        assert problem.message, problem
        lines = _lines(files[position.path])
        assert 1 <= position.line <= len(lines) + 1, problem
        if position.line > len(lines):
            assert position.column == 1, problem
            continue
        line = lines[position.line - 1]
        assert 1 <= position.column <= len(line) + 1, problem
        for pattern, character in _CHARACTER_PROBLEMS:
            match = pattern.search(problem.message)
            if match:
                assert line[position.column - 1: position.column] == character(match), problem


def load(files: dict[str, bytes]) -> Timeline:
    return build_timeline([parse_file(path, data) for path, data in files.items()])


def test_bundled_files_load_clean():
    # The starting point of the edits below: any problem they find is the edit's.
    assert len(BUNDLED) >= 2
    assert load(BUNDLED).problems == ()


# (a) The bundled timeline, edited at random


_FRAGMENTS = [
    b":", b": ", b"- ", b"-", b"[", b"]", b"{", b"}", b",", b"&a ", b"*a", b"*a ", b"&b [*a, *a] ",
    b"!!python/object/apply:os.system ", b"!custom ", b"!!binary ", b"\t", b"'", b'"', b"#",
    b"|", b">", b"\n", b"\r", b"\r\n", b"\x00", b"\xff", b"\xe2\x80", b"\x1b", b"<<: ", b"? ",
    b"---\n", b"...\n", b"%YAML 1.1\n", b"\xef\xbb\xbf", b"\xc2\x85", b"\xe2\x80\xa8",
    b"\\", b"\\u", b"\"\\ud800\"", b"  ", b"    ", b"id: ", b"date: 2025-02-30", b"~",
    b"yes", b"null", b"x-note: ", b"events:", b"actors:\n", b"quotes:\n  - ",
]


def _truncate(draw, data: bytearray) -> bytearray:
    return data[: draw(st.integers(0, len(data)))]


def _flip(draw, data: bytearray) -> bytearray:
    if data:
        data[draw(st.integers(0, len(data) - 1))] ^= draw(st.integers(1, 255))
    return data


def _insert(draw, data: bytearray) -> bytearray:
    # Often at the start of the file, where a fragment changes the whole document.
    at = draw(st.one_of(st.just(0), st.integers(0, len(data))))
    fragment = draw(st.one_of(st.sampled_from(_FRAGMENTS), st.binary(min_size=1, max_size=6)))
    return data[:at] + fragment + data[at:]


def _delete(draw, data: bytearray) -> bytearray:
    if not data:
        return data
    start = draw(st.integers(0, len(data) - 1))
    return data[:start] + data[start + draw(st.integers(1, 40)):]


def _edit_lines(draw, data: bytearray) -> bytearray:
    lines = bytes(data).splitlines(keepends=True)
    if not lines:
        return data
    index = draw(st.integers(0, len(lines) - 1))
    edit = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent"]))
    if edit == "delete":
        del lines[index]
    elif edit == "duplicate":
        lines.insert(index, lines[index])
    elif edit == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]
    elif edit == "indent":
        lines[index] = b" " * draw(st.integers(1, 4)) + lines[index]
    else:
        lines[index] = lines[index][draw(st.integers(1, 4)):]
    return bytearray(b"".join(lines))


_EDITS = [_truncate, _flip, _insert, _delete, _edit_lines]


@st.composite
def edited_timelines(draw) -> dict[str, bytes]:
    """The bundled files, one of them edited one to eight times."""
    files = dict(BUNDLED)
    name = draw(st.sampled_from(sorted(files)))
    data = bytearray(files[name])
    for _ in range(draw(st.integers(1, 8))):
        data = draw(st.sampled_from(_EDITS))(draw, data)
    files[name] = bytes(data)
    return files


@PROPERTY_SETTINGS
@given(edited_timelines())
def test_edited_bundled_files_give_located_problems(files):
    assert_problems_located(load(files), files)


# (b) Random YAML documents, shaped like timelines


_FIELD_NAMES = sorted({*KIND_KEYS, *ACTOR_KEYS, *SOURCE_KEYS, *EVENT_KEYS, *QUOTE_KEYS})
_keys = st.one_of(
    st.sampled_from(_FIELD_NAMES),
    st.sampled_from(["x-note", "x-", "<<", "titel", "Title", "", " id", "event"]),
    st.text(max_size=8),
)
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
    st.dates(), st.datetimes(timezones=st.sampled_from([None, datetime.timezone.utc])),
    st.sampled_from(["2025-05-16", "2025-02-30", "2025-13", "2025~", "2025-05-16T10:00Z",
                     "2025-05-16T10:00-05:00", "putin", "talks", "sky", "NO", "on", "1:30",
                     "0o12", "[bold]x[/]", "\x1b[31m", "\u202e", "yes", "~", ""]),
)
_values = st.recursive(
    _scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(_keys, children, max_size=5)),
    max_leaves=25,
)
_records = st.dictionaries(_keys, _values, max_size=8)
_timelines = st.dictionaries(
    st.sampled_from([*KIND_KEYS, "event", "x-note"]),
    st.one_of(st.lists(_records, max_size=4), _values),
    max_size=4,
)


@st.composite
def yaml_files(draw) -> dict[str, bytes]:
    """One to three files, each a random document dumped by PyYAML."""
    files = {}
    for index in range(draw(st.integers(1, 3))):
        document = draw(st.one_of(_timelines, _values))
        text = yaml.safe_dump(document, allow_unicode=draw(st.booleans()), sort_keys=False,
                              default_flow_style=draw(st.sampled_from([False, True, None])))
        # What safe_dump never writes: a tag or a directive on the document, a BOM.
        start = draw(st.sampled_from(["", "", "", "--- !custom\n", "--- !!set\n",
                                      "--- !!python/object:os.system\n", "%YAML 1.1\n---\n",
                                      "\ufeff"]))
        files[f"random-{index}.yaml"] = (start + text).encode("utf-8")
    return files


@PROPERTY_SETTINGS
@given(yaml_files())
def test_random_documents_give_located_problems(files):
    assert_problems_located(load(files), files)


# (c) Dates


_date_like = st.from_regex(
    r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?)?)?[~?%]?",
    fullmatch=True,
)


@settings(PROPERTY_SETTINGS, max_examples=100 if MUTATION_RUN else 1_000)
@given(st.one_of(_date_like, st.text(max_size=30),
                 st.text(alphabet="0123456789-:T Z+~?%X/.[],", max_size=30)))
def test_parse_date_returns_a_usable_date_or_raises_date_error(text):
    try:
        date = parse_date(text)
    except DateError as error:
        assert str(error).startswith("invalid date")
        return
    assert isinstance(date, (PartialDate, DateInterval, DateSet))
    assert date.text == text.strip()
    # What loading and display do with every date: sort it, compare its bounds, show it.
    assert date.earliest <= date.latest
    assert date.sort_key <= parse_date("9999-12-31T23:59:59Z").sort_key
    assert date.describe() and date.within_period() and date.period()
