"""The date parser against an independent one: for every form, the earliest and
latest days our parser gives agree with python-edtf's `lower_strict` and
`upper_strict`.

python-edtf parses every EDTF form but takes milliseconds a date, so the loader
cannot use it; it serves here as the oracle. It works in whole days, so days are
compared. Where the two differ by design it is said below, and tested as ours.
"""

from __future__ import annotations

from datetime import date, timedelta

from edtf import parse_edtf, struct_time_to_date
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_tui.core.dates import parse_date

_years = st.integers(1001, 2999)
_qualifiers = st.sampled_from(["", "~", "?", "%"])


@st.composite
def _single(draw) -> str:
    year = draw(_years)
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    form = draw(st.sampled_from(["year", "month", "day", "time", "zoned", "season",
                                 "decade", "century", "month-x", "day-x", "month-day-x"]))
    qualifier = draw(_qualifiers)
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    text = {
        "year": f"{year}",
        "month": f"{year}-{month:02d}",
        "day": f"{year}-{month:02d}-{day:02d}",
        # python-edtf needs the seconds in a time.
        "time": f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00",
        "zoned": f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00Z",
        # Winter (24) is compared separately: the two disagree by design.
        "season": f"{year}-{draw(st.integers(21, 23))}",
        "decade": f"{str(year)[:3]}X",
        "century": f"{str(year)[:2]}XX",
        "month-x": f"{year}-XX",
        "day-x": f"{year}-{month:02d}-XX",
        "month-day-x": f"{year}-XX-XX",
    }[form]
    # python-edtf refuses a qualifier on a time, a season or unspecified digits.
    if form in ("year", "month", "day"):
        text += qualifier
    return text


@st.composite
def _interval(draw) -> str:
    first, second = draw(_single()), draw(_single())
    if any(mark in first + second for mark in "TX"):
        # EDTF's intervals are of dates; python-edtf refuses unspecified digits in one.
        return first
    start, end = sorted((first, second), key=lambda text: parse_date(text).earliest)
    if parse_date(end).latest < parse_date(start).earliest:
        return start
    return f"{start}/{end}"


@st.composite
def _one_of(draw) -> str:
    # python-edtf's sets take years, months and days, unqualified.
    members = draw(st.lists(_single().filter(lambda text: len(text) in (4, 7, 10)
                                             and text[-1].isdigit() and "X" not in text
                                             and not 21 <= int(text[5:7] or 0) <= 24),
                            min_size=2, max_size=3))
    return "[" + ",".join(members) + "]"


def _edtf_days(text: str) -> tuple[date, date]:
    parsed = parse_edtf(text)
    return struct_time_to_date(parsed.lower_strict()), struct_time_to_date(parsed.upper_strict())


@settings(max_examples=300, deadline=None)
@given(st.one_of(_single(), _interval(), _one_of()))
def test_earliest_and_latest_agree_with_python_edtf(text):
    ours = parse_date(text)
    assert (ours.earliest.date(), ours.latest.date()) == _edtf_days(text), text


@settings(deadline=None)  # python-edtf's parser can take over 200 ms on a busy machine
@given(_years)
def test_winter_starts_with_edtfs_and_runs_on_into_february(year):
    # python-edtf puts all of winter in December of its year, for the sort order
    # the specification gives; reports mean the months of winter, which run on
    # into the next year's February.
    edtf_start, edtf_end = _edtf_days(f"{year}-24")
    ours = parse_date(f"{year}-24")
    assert ours.earliest.date() == edtf_start
    assert ours.latest.date() == date(year + 1, 3, 1) - timedelta(days=1)
    assert edtf_end == date(year, 12, 31)
