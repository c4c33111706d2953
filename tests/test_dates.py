"""parse_date and PartialDate: the EDTF level-1 forms a timeline is written in."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from timeline_tui.core.dates import DateError, PartialDate, Precision, parse_date


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


# Forms and precision


@pytest.mark.parametrize(
    ("text", "precision", "fields"),
    [
        ("2025", Precision.YEAR, dict(year=2025, month=None, day=None)),
        ("2025-05", Precision.MONTH, dict(year=2025, month=5, day=None)),
        ("2025-05-16", Precision.DAY, dict(year=2025, month=5, day=16, hour=None)),
        ("2025-05-16T10:30", Precision.MINUTE, dict(day=16, hour=10, minute=30, second=None)),
        ("2025-05-16T10:30:15", Precision.SECOND, dict(hour=10, minute=30, second=15)),
        ("2025-05-16 10:30", Precision.MINUTE, dict(hour=10, minute=30)),
        ("2025-05-16T10:30Z", Precision.MINUTE, dict(utc_offset_minutes=0)),
        ("2025-05-16T10:30+03:00", Precision.MINUTE, dict(utc_offset_minutes=180)),
        ("2025-05-16T10:30:15-05:30", Precision.SECOND, dict(utc_offset_minutes=-330)),
    ],
)
def test_each_form_keeps_the_precision_it_was_written_with(text, precision, fields):
    date = parse_date(text)
    assert date.precision is precision
    for name, value in fields.items():
        assert getattr(date, name) == value, name
    assert date.qualifier == ""
    assert str(date) == text


def test_a_time_without_offset_has_no_offset():
    assert parse_date("2025-05-16T10:30").utc_offset_minutes is None


@pytest.mark.parametrize(
    ("text", "qualifier", "word"),
    [("2022~", "~", "approximate"), ("2025-05?", "?", "uncertain"),
     ("2025-05-16%", "%", "approximate and uncertain"),
     ("2025-05-16T10:30+03:00~", "~", "approximate")],
)
def test_qualifiers_are_kept_without_changing_the_date(text, qualifier, word):
    date = parse_date(text)
    assert date.qualifier == qualifier
    assert date.qualifier_word == word
    assert date.earliest == parse_date(text[:-1]).earliest
    assert date.precision == parse_date(text[:-1]).precision


def test_surrounding_whitespace_is_ignored():
    assert parse_date("  2025-05-16\n").sort_key == parse_date("2025-05-16").sort_key


# Reading


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2025-05-16", "Fri 16 May 2025"),
        ("2025-05-01", "Thu 1 May 2025"),
        ("2025-05?", "May 2025?"),
        ("2022~", "2022~"),
        ("2025", "2025"),
        ("2024-02-29%", "Thu 29 Feb 2024%"),
        ("2025-05-16T10:30", "Fri 16 May 2025 10:30"),
        ("2025-05-16T10:30:05", "Fri 16 May 2025 10:30:05"),
        ("2025-05-16T10:30Z", "Fri 16 May 2025 10:30 UTC"),
        ("2025-05-16T10:30+03:00", "Fri 16 May 2025 10:30 UTC+03:00"),
        ("2025-05-16T23:30-05:30~", "Fri 16 May 2025 23:30 UTC-05:30~"),
        ("2025-05-16T10:30+00:00", "Fri 16 May 2025 10:30 UTC+00:00"),
    ],
)
def test_describe(text, shown):
    assert parse_date(text).describe() == shown


def test_describe_shows_the_local_day_not_the_utc_day():
    # 23:30 in New York on Friday is already Saturday in UTC; the reader wrote Friday.
    assert parse_date("2025-05-16T23:30-04:00").describe().startswith("Fri 16 May")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("2025", "year precision"), ("2025-05?", "month precision, uncertain"),
     ("2025-05-16~", "day precision, approximate"),
     ("2025-05-16T10:30", "minute precision"),
     ("2025-05-16T10:30:00%", "second precision, approximate and uncertain")],
)
def test_describe_precision(text, phrase):
    assert parse_date(text).describe_precision() == phrase


# The span a date covers


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2025", utc(2025, 1, 1), utc(2025, 12, 31, 23, 59, 59)),
        ("2025-04", utc(2025, 4, 1), utc(2025, 4, 30, 23, 59, 59)),
        ("2025-12", utc(2025, 12, 1), utc(2025, 12, 31, 23, 59, 59)),
        ("2023-02", utc(2023, 2, 1), utc(2023, 2, 28, 23, 59, 59)),
        ("2024-02", utc(2024, 2, 1), utc(2024, 2, 29, 23, 59, 59)),
        ("1900-02", utc(1900, 2, 1), utc(1900, 2, 28, 23, 59, 59)),
        ("2000-02", utc(2000, 2, 1), utc(2000, 2, 29, 23, 59, 59)),
        ("2025-05-16", utc(2025, 5, 16), utc(2025, 5, 16, 23, 59, 59)),
        ("2025-05-16T10:30", utc(2025, 5, 16, 10, 30), utc(2025, 5, 16, 10, 30, 59)),
        ("2025-05-16T10:30:15", utc(2025, 5, 16, 10, 30, 15), utc(2025, 5, 16, 10, 30, 15)),
        ("2025-05-16T10:30+03:00", utc(2025, 5, 16, 7, 30), utc(2025, 5, 16, 7, 30, 59)),
        ("2025-05-16T23:30-05:30", utc(2025, 5, 17, 5, 0), utc(2025, 5, 17, 5, 0, 59)),
    ],
)
def test_earliest_and_latest_in_utc(text, earliest, latest):
    date = parse_date(text)
    assert date.earliest == earliest
    assert date.latest == latest


# Sorting


def test_sort_key_orders_by_earliest_moment_then_coarser_precision_first():
    written = ["2025-05-16", "2025-05", "2025-05-16T09:00", "2025", "2024-12-31",
               "2025-05-16T09:00:00", "2025-05-15T23:00-03:00", "2025-05-16T10:00+03:00"]
    ordered = sorted(written, key=lambda text: parse_date(text).sort_key)
    assert ordered == [
        "2024-12-31",
        "2025",                    # 1 Jan 2025: year, then month, then day
        "2025-05",
        "2025-05-16",
        "2025-05-15T23:00-03:00",  # 02:00 UTC on the 16th
        "2025-05-16T10:00+03:00",  # 07:00 UTC
        "2025-05-16T09:00",
        "2025-05-16T09:00:00",
    ]


def test_sort_key_puts_the_coarser_date_first_when_they_start_together():
    texts = ["2025-05-16T00:00:00", "2025-05-16T00:00", "2025-05-16", "2025-05", "2025"]
    assert sorted(texts, key=lambda text: parse_date(text).sort_key) == texts[::-1]


def test_sort_key_compares_times_in_utc():
    tokyo = parse_date("2025-05-16T08:00+09:00")   # 23:00 UTC on the 15th
    london = parse_date("2025-05-15T23:30Z")
    new_york = parse_date("2025-05-15T20:00-04:00")  # 00:00 UTC on the 16th
    assert sorted([new_york, london, tokyo], key=lambda d: d.sort_key) == [tokyo, london, new_york]


def test_sort_key_ignores_qualifiers():
    assert parse_date("2025-05~").sort_key == parse_date("2025-05").sort_key


# Invalid dates


@pytest.mark.parametrize(
    ("text", "gist"),
    [
        ("2025-02-30", "February 2025 has 28 days"),
        ("2025-04-31", "April 2025 has 30 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2025-05-00", "has 31 days"),
        ("2025-13", "no month 13"),
        ("2025-00", "no month 0"),
        ("2025-05-16T25:00", "no such time of day"),
        ("2025-05-16T24:00", "no such time of day"),
        ("2025-05-16T10:60", "no such time of day"),
        ("2025-05-16T10:30:60", "no such time of day"),
        ("2025-05-16T10:30+15:00", "no such UTC offset +15:00"),
        ("2025-05-16T10:30+03:60", "no such UTC offset"),
        ("0000", "years start at 0001"),
    ],
)
def test_impossible_dates_say_what_is_impossible(text, gist):
    with pytest.raises(DateError) as raised:
        parse_date(text)
    assert gist in str(raised.value)
    assert repr(text) in str(raised.value)


@pytest.mark.parametrize(
    "text",
    ["garbage", "", "16/05/2025", "2025-5-16", "25-05-16", "2025-05-16T10", "2025-05-16T10:30+0300",
     "2025-05-16T10:30+3:00", "2025-05-16Z", "2025-05~?", "May 2025", "2025-05-16T10:30:15.5"],
)
def test_malformed_dates_show_the_forms_that_are_accepted(text):
    with pytest.raises(DateError) as raised:
        parse_date(text)
    message = str(raised.value)
    assert repr(text) in message
    assert "YYYY-MM-DD" in message


def test_leap_day_is_valid_in_a_leap_year():
    assert parse_date("2024-02-29").describe() == "Thu 29 Feb 2024"


def test_date_error_is_a_value_error():
    assert issubclass(DateError, ValueError)


def test_partial_dates_compare_by_value():
    assert parse_date("2025-05-16") == PartialDate(2025, 5, 16, text="2025-05-16")


@pytest.mark.parametrize(
    ("text", "period", "within"),
    [
        ("2022~", "2022", "2022~"),
        ("2025-05?", "May 2025", "May?"),
        ("2025-05-16", "May 2025", "Fri 16"),
        ("2025-05-16T14:30Z", "May 2025", "Fri 16 14:30Z"),
        ("2025-05-16T14:30:05+03:00%", "May 2025", "Fri 16 14:30:05+03:00%"),
        ("2025-05-16T14:30Z~", "May 2025", "Fri 16 14:30Z~"),
        ("2025-06", "June 2025", "Jun"),
        ("2025-09~", "September 2025", "Sep~"),
    ],
)
def test_timeline_rows_show_the_date_less_its_heading(text, period, within):
    date = parse_date(text)
    assert date.period() == period
    assert date.within_period() == within


def test_only_ascii_digits_make_a_date():
    with pytest.raises(DateError):
        parse_date("２０２５-05-16")  # full-width digits
    with pytest.raises(DateError):
        parse_date("٢٠٢٥")  # Arabic-Indic digits


def test_a_qualified_utc_time_still_reads_utc():
    assert parse_date("2025-05-16T14:30Z?").describe() == "Fri 16 May 2025 14:30 UTC?"
