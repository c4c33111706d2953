"""parse_date and PartialDate: the EDTF level-1 forms a timeline is written in."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from timeline_tui.core.dates import (DateError, PartialDate, Precision, check_zone, parse_date,
                                    parse_date_range)


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
     ("2025-05-16T10:30+03:00~", "~", "approximate"),
     ("2023-11-XX~", "~", "approximate"), ("2023-XX?", "?", "uncertain"),
     ("202X%", "%", "approximate and uncertain")],
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
        ("2025-05-16T10:30", "Fri 16 May 2025 10:30 (no time zone)"),
        ("2025-05-16T10:30:05", "Fri 16 May 2025 10:30:05 (no time zone)"),
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
     ("2025-05-16T10:30Z", "minute precision"),
     ("2025-05-16T10:30", "minute precision, no time zone"),
     ("2025-05-16T10:30:00+01:00%", "second precision, approximate and uncertain"),
     ("2023-11-XX", "month precision, day unspecified"),
     ("2023-11-17/..", "interval: start day precision; end open"),
     ("2023-11-17/", "interval: start day precision; end unknown"),
     ("/2023-11?", "interval: start unknown; end month precision, uncertain"),
     ("../2023", "interval: start open; end year precision"),
     ("2023/2024-05", "interval: start year precision; end month precision"),
     ("[2023,2024-05-01]", "one of 2 dates, placed at the earliest")],
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
        # No zone: no moment to convert, so never taken as UTC; it stays with its
        # day, after the day itself, by its clock.
        "2025-05-16T09:00",
        "2025-05-16T09:00:00",
        "2025-05-15T23:00-03:00",  # 02:00 UTC on the 16th
        "2025-05-16T10:00+03:00",  # 07:00 UTC
    ]


def test_zoneless_times_of_a_day_sort_by_their_clock_between_the_day_and_the_next():
    written = ["2025-05-17", "2025-05-16T18:00", "2025-05-16T09:30", "2025-05-16",
               "2025-05-15T23:59"]
    assert sorted(written, key=lambda text: parse_date(text).sort_key) == [
        "2025-05-15T23:59", "2025-05-16", "2025-05-16T09:30", "2025-05-16T18:00", "2025-05-17"]


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


_MONTHS_ARE = "(months are 01 to 12; 21 to 24 are the seasons spring, summer, autumn and winter)"
_FORMS = ("write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]; a season "
          "YYYY-21 to YYYY-24 (spring, summer, autumn, winter); X for unknown digits (202X, "
          "2023-XX, 2023-11-XX); an interval A/B (A/.. open, A/ unknown end); or one of a set "
          "[A,B]; each date optionally followed by ~ (approximate), ? (uncertain) or % (both)")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2025-02-30", "February 2025 has 28 days"),
        ("2025-04-31", "April 2025 has 30 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2025-05-00", "May 2025 has 31 days"),
        ("2025-13", f"there is no month 13 {_MONTHS_ARE}"),
        ("2025-00", f"there is no month 0 {_MONTHS_ARE}"),
        ("2025-05-16T25:00", "no such time of day"),
        ("2025-05-16T24:00", "no such time of day"),
        ("2025-05-16T10:60", "no such time of day"),
        ("2025-05-16T10:30:60", "no such time of day"),
        ("2025-05-16T23:59:59", None),
        ("2025-05-16T10:30+15:00", "no such UTC offset +15:00"),
        ("2025-05-16T10:30+03:60", "no such UTC offset +03:60"),
        ("2025-05-16T10:30-14:59", None),
        ("0000", "years start at 0001"),
        ("0000-XX", "years start at 0001"),
        ("0001-01-01", None),
        ("2023-25", f"there is no month 25 {_MONTHS_ARE}"),
        ("2023-20", f"there is no month 20 {_MONTHS_ARE}"),
        ("2023-24-01", f"there is no month 24 {_MONTHS_ARE}"),  # a season has no days
        ("2023-11-18/2023-11-17", "the interval ends (2023-11-17) before it starts (2023-11-18)"),
        ("2023-11-17T10:00Z/2023-11-17T09:59Z",
         "the interval ends (2023-11-17T09:59Z) before it starts (2023-11-17T10:00Z)"),
        ("2023-11-17/2023-11-17", None),
        ("2023-11-17T10:00:00Z/2023-11-17T10:00:00Z", None),
        ("soon/2023-11-17", f"'soon' is not a date: {_FORMS}"),
        ("[2023-11-17, 2023-10]", None),
        ("0001-XX", None),
        ("2023-01-XX", None),
        ("2023-12-XX", None),
        ("2023-11-17/soon", f"'soon' is not a date: {_FORMS}"),
        ("2023-11-17/2023-13", f"'2023-13' is not a date: there is no month 13 {_MONTHS_ARE}"),
        ("/", "an interval needs at least one of its ends"),
        ("../..", "an interval needs at least one of its ends"),
        ("2023/2024/2025", _FORMS),
        ("[2023-11-17,,]", "'' is not a date (write each date of the set in full, separated "
                           f"by commas): {_FORMS}"),
        ("[2023-11-17,2023-02-30]", "'2023-02-30' is not a date (write each date of the set in "
                                    "full, separated by commas): February 2023 has 28 days"),
        ("[2023-11-17, 10: 30]", "'10: 30' is not a date (write each date of the set in "
                                 f"full, separated by commas): {_FORMS}"),
        ("2023-11-17/10: 30", f"'10: 30' is not a date: {_FORMS}"),
        ("[]", "a set lists dates between [ and ], separated by commas"),
        ("[2023-11-17", _FORMS),
        ("2023-11-17]", _FORMS),
        ("[ , ]", "a set lists dates between [ and ], separated by commas"),
        ("2023-X1", _FORMS),
        ("2X23", _FORMS),
        ("2023-XX-17", _FORMS),
        ("2023-13-XX", "there is no month 13 (months are 01 to 12)"),
        ("2023-00-XX", "there is no month 0 (months are 01 to 12)"),
    ],
)
def test_impossible_dates_say_exactly_what_is_impossible(text, why):
    """`why` None: the nearest date that is possible."""
    if why is None:
        assert str(parse_date(text)) == text
        return
    with pytest.raises(DateError) as raised:
        parse_date(text)
    assert str(raised.value) == f"invalid date {text!r}: {why}"


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


# EDTF level 1 in full, and level 2's one of a set


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "shown"),
    [
        ("2023-21", utc(2023, 3, 1), utc(2023, 5, 31, 23, 59, 59), "Spring 2023"),
        ("2023-22", utc(2023, 6, 1), utc(2023, 8, 31, 23, 59, 59), "Summer 2023"),
        ("2023-23~", utc(2023, 9, 1), utc(2023, 11, 30, 23, 59, 59), "Autumn 2023~"),
        # Winter runs from December into the next year's February.
        ("2023-24", utc(2023, 12, 1), utc(2024, 2, 29, 23, 59, 59), "Winter 2023"),
        ("2023-11-XX", utc(2023, 11, 1), utc(2023, 11, 30, 23, 59, 59),
         "November 2023 (day unknown)"),
        ("2023-XX", utc(2023, 1, 1), utc(2023, 12, 31, 23, 59, 59), "2023 (month unknown)"),
        ("2023-XX-XX?", utc(2023, 1, 1), utc(2023, 12, 31, 23, 59, 59),
         "2023 (month and day unknown)?"),
        ("202X", utc(2020, 1, 1), utc(2029, 12, 31, 23, 59, 59), "the 2020s"),
        ("20XX", utc(2000, 1, 1), utc(2099, 12, 31, 23, 59, 59), "2000–2099"),
        ("2023-11-17/2023-11-18", utc(2023, 11, 17), utc(2023, 11, 18, 23, 59, 59),
         "Fri 17 Nov 2023 to Sat 18 Nov 2023"),
        ("2023-11~/2023-12?", utc(2023, 11, 1), utc(2023, 12, 31, 23, 59, 59),
         "November 2023~ to December 2023?"),
        ("[2023-11-17,2023-11-18]", utc(2023, 11, 17), utc(2023, 11, 18, 23, 59, 59),
         "Fri 17 or Sat 18 Nov 2023"),
        ("[2023-11-18, 2023-10]", utc(2023, 10, 1), utc(2023, 11, 18, 23, 59, 59),
         "October 2023 or Sat 18 Nov 2023"),
    ],
)
def test_each_edtf_form_spans_what_it_says_and_reads_in_words(text, earliest, latest, shown):
    date = parse_date(text)
    assert (date.earliest, date.latest) == (earliest, latest)
    assert date.describe() == shown
    assert date.text == text


@pytest.mark.parametrize(
    ("text", "shown", "earliest", "latest"),
    [
        ("2023-11-17/..", "from Fri 17 Nov 2023 onwards", utc(2023, 11, 17), None),
        ("2023-11-17/", "from Fri 17 Nov 2023 (end unknown)", utc(2023, 11, 17), None),
        ("../2023-11-18", "until Sat 18 Nov 2023", None, utc(2023, 11, 18, 23, 59, 59)),
        ("/2023-11-18", "until Sat 18 Nov 2023 (start unknown)", None,
         utc(2023, 11, 18, 23, 59, 59)),
    ],
)
def test_an_open_or_unknown_end_reaches_as_far_as_dates_go(text, shown, earliest, latest):
    date = parse_date(text)
    assert date.describe() == shown
    assert date.earliest == (earliest or datetime.min.replace(tzinfo=timezone.utc))
    assert date.latest == (latest or datetime.max.replace(tzinfo=timezone.utc))


def test_an_interval_or_a_set_sorts_at_its_first_known_date():
    key = parse_date("2023-11-17").sort_key
    assert parse_date("2023-11-17/2023-11-20").sort_key == key
    assert parse_date("2023-11-17/..").sort_key == key
    assert parse_date("/2023-11-17").sort_key == key
    assert parse_date("[2023-11-20,2023-11-17]").sort_key == key


@pytest.mark.parametrize(
    ("text", "row", "heading"),
    [("2023-21", "Spring", "2023"), ("2023-22", "Summer", "2023"), ("2023-24~", "Winter~", "2023"),
     ("2023-11-XX", "Nov-XX", "November 2023"),
     ("2023-XX", "2023-XX", "2023"), ("202X~", "the 2020s~", "the 2020s"),
     ("2023-11-17/2023-11-18", "Fri 17 → Sat 18", "November 2023"),
     ("/2023-11-18", "? → Sat 18", "November 2023"),
     ("../2023-11-18", ".. → Sat 18", "November 2023"),
     ("2023-11-17/..", "Fri 17 → ..", "November 2023"),
     ("2023-11-17/", "Fri 17 → ?", "November 2023"),
     ("[2023-11-17,2023-11-18]", "Fri 17 or Sat 18", "November 2023"),
     # dates of a set under different headings are each shown in full
     ("[2025-05-30,2025-06-02]", "Fri 30 May 2025 or Mon 2 Jun 2025", "May 2025")],
)
def test_rows_show_new_forms_under_their_heading(text, row, heading):
    date = parse_date(text)
    assert (date.within_period(), date.period()) == (row, heading)


@pytest.mark.parametrize("text", ["garbage", "2023-25", "2023-11-17/soon", "[x]", "16/05/2025"])
def test_every_message_about_a_malformed_date_lists_every_qualifier(text):
    with pytest.raises(DateError) as raised:
        parse_date(text)
    message = str(raised.value)
    if "months are" not in message:  # a month out of range is not about the forms
        for qualifier in ("~ (approximate)", "? (uncertain)", "% (both)"):
            assert qualifier in message


# Times with no zone, a file's zone, and showing every time in one zone


def test_a_zoneless_time_is_marked_in_rows_and_in_words():
    date = parse_date("2023-11-17T12:19")
    assert date.within_period() == "Fri 17 12:19*"
    assert "(no time zone)" in date.describe()


def test_a_files_zone_gives_the_zoneless_times_of_an_interval_or_a_set_their_moment():
    zone = "America/Los_Angeles"
    interval = parse_date("2023-11-17T12:19/2023-11-17T13:00", zone=zone)
    assert (interval.earliest, interval.latest) == \
        (utc(2023, 11, 17, 20, 19), utc(2023, 11, 17, 21, 0, 59))
    one_of = parse_date("[2023-11-17T12:19,2023-11-18T09:00Z]", zone=zone)
    assert [member.earliest for member in one_of.members] == \
        [utc(2023, 11, 17, 20, 19), utc(2023, 11, 18, 9, 0)]


@pytest.mark.parametrize(("text", "offset"), [
    ("2023-03-11T10:00", -480), ("2023-03-12T01:59", -480),
    ("2023-03-12T10:00", -420),                  # summer time from 02:00 that night
    ("1883-11-18T12:05", -473),                  # local mean time, -7:52:58, until
    ("1883-11-18T12:30", -480),                  # standard time began at 12:07:02
    ("1883-11-18T12:07:01", -473), ("1883-11-18T12:07:02", -480),
])
def test_a_files_zone_gives_each_time_the_offset_of_its_own_day_and_minute(text, offset):
    assert parse_date(text, zone="America/Los_Angeles").utc_offset_minutes == offset


def test_a_files_zone_gives_a_zoneless_time_its_moment():
    date = parse_date("2023-11-17T12:19", zone="America/Los_Angeles")
    assert date.earliest == utc(2023, 11, 17, 20, 19)  # PST, UTC-8
    assert date.describe() == "Fri 17 Nov 2023 12:19 America/Los_Angeles (UTC-08:00)"
    assert date.within_period() == "Fri 17 12:19-08:00"
    summer = parse_date("2023-07-17T12:19", zone="America/Los_Angeles")
    assert summer.earliest == utc(2023, 7, 17, 19, 19)  # PDT, UTC-7


def test_an_explicit_offset_wins_over_the_files_zone():
    date = parse_date("2023-11-17T12:19+03:00", zone="America/Los_Angeles")
    assert date.earliest == utc(2023, 11, 17, 9, 19)
    assert date.zone == ""


def test_in_zone_shows_the_same_moment_on_another_clock():
    date = parse_date("2025-05-16T23:30-04:00").in_zone("Europe/Istanbul")
    assert date.describe() == "Sat 17 May 2025 06:30 Europe/Istanbul (UTC+03:00)"
    assert parse_date("2025-05-16T23:30-04:00").in_zone("UTC").within_period() == "Sat 17 03:30+00:00"


def test_in_zone_keeps_seconds_only_where_they_were_written():
    # into the next year, and half an hour east
    assert parse_date("2024-12-31T23:10:15Z").in_zone("Asia/Kolkata").describe() == \
        "Wed 1 Jan 2025 04:40:15 Asia/Kolkata (UTC+05:30)"
    assert parse_date("2025-05-16T23:30Z").in_zone("Asia/Tokyo").second is None
    # Amsterdam kept its local mean time, 19 minutes 32 seconds ahead, until 1937
    assert parse_date("1900-01-01T12:00:00Z").in_zone("Europe/Amsterdam").describe() == \
        "Mon 1 Jan 1900 12:19:32 Europe/Amsterdam (UTC+00:19)"


def test_in_zone_moves_both_ends_of_an_interval_and_every_date_of_a_set():
    interval = parse_date("2025-05-16T23:30Z/2025-05-17T01:00Z").in_zone("Europe/Istanbul")
    assert interval.describe() == ("Sat 17 May 2025 02:30 Europe/Istanbul (UTC+03:00) to "
                                   "Sat 17 May 2025 04:00 Europe/Istanbul (UTC+03:00)")
    open_end = parse_date("2025-05-16T23:30Z/..").in_zone("Europe/Istanbul")
    assert open_end.describe() == "from Sat 17 May 2025 02:30 Europe/Istanbul (UTC+03:00) onwards"
    unknown_start = parse_date("/2025-05-16T23:30Z").in_zone("Europe/Istanbul")
    assert unknown_start.describe() == \
        "until Sat 17 May 2025 02:30 Europe/Istanbul (UTC+03:00) (start unknown)"
    one_of = parse_date("[2025-05-16T23:30Z,2025-05-18]").in_zone("Asia/Tokyo")
    assert one_of.describe() == "Sat 17 May 2025 08:30 Asia/Tokyo (UTC+09:00) or Sun 18 May 2025"


def test_in_zone_leaves_dates_without_a_moment_as_written():
    for text in ("2025-05-16", "2025-05-16T10:00", "2025-05"):
        assert parse_date(text).in_zone("Asia/Tokyo") == parse_date(text)


_ZONE_HINT = ": write an IANA name such as Europe/Istanbul, America/Los_Angeles or UTC"


@pytest.mark.parametrize(
    ("name", "start"),
    [("Europe/Istambul", "unknown time zone 'Europe/Istambul' (did you mean 'Europe/Istanbul' or "),
     ("america/new_yrok", "unknown time zone 'america/new_yrok' (did you mean 'America/New_York'"),
     ("/UTC/", "unknown time zone '/UTC/' (did you mean 'Etc/UTC'"),
     ("Europe/", "unknown time zone 'Europe/' (did you mean ")],
)
def test_an_unknown_zone_is_refused_with_the_nearest_names(name, start):
    with pytest.raises(DateError) as raised:
        check_zone(name)
    message = str(raised.value)
    assert message.startswith(start)
    assert message.endswith("?)" + _ZONE_HINT)
    suggested = message.split(" (did you mean ", 1)[1].split("?)", 1)[0].split(" or ")
    assert 1 <= len(suggested) <= 3
    for quoted in suggested:  # each a name that is accepted
        assert check_zone(quoted.strip("'")) == quoted.strip("'")


@pytest.mark.parametrize("name", ["Mars/Olympus", "PST", "EST"])  # EST: not a place
def test_an_unknown_zone_like_no_known_one_is_refused_with_examples(name):
    with pytest.raises(DateError) as raised:
        check_zone(name)
    assert str(raised.value) == f"unknown time zone {name!r}" + _ZONE_HINT


def test_known_zones_are_accepted():
    assert check_zone(" Europe/Istanbul ") == "Europe/Istanbul"
    assert check_zone("UTC") == "UTC"
    assert check_zone("utc") == "utc"
    assert parse_date("2023-11-17T12:19", zone="utc").earliest == utc(2023, 11, 17, 12, 19)


def test_parse_date_range_is_the_span_events_use():
    assert parse_date_range("2023-11") == (utc(2023, 11, 1), utc(2023, 11, 30, 23, 59, 59))
    assert parse_date_range("2023-21") == (utc(2023, 3, 1), utc(2023, 5, 31, 23, 59, 59))
    with pytest.raises(DateError):
        parse_date_range("last week")


def test_a_qualified_utc_time_still_reads_utc():
    assert parse_date("2025-05-16T14:30Z?").describe() == "Fri 16 May 2025 14:30 UTC?"


_VARIED = ["2025-05-01", "2025-05-16", "2025-05-16~", "2025-05-16?", "2025-05", "2025-06~", "2025",
           "2025-21", "2025-24", "2025-XX", "2025-XX-XX", "2025-05-XX", "202X", "20XX",
           "2025-05-01T09:30", "2025-05-16T10:00", "2025-05-16T10:00:05", "2025-05-16T10:00Z",
           "2025-05-02T10:00Z", "2025-05-16T10:00+00:00", "2025-05-16T10:00+03:00",
           "2025-05-16T10:00-05:30", "2025-05-16T10:00Z~", "2025-05-16/2025-05-17",
           "2025-05-16/..", "[2025-05-16,2025-05-17]", "[2025-05-01,2025-06-02]"]


def test_dates_of_one_shape_show_rows_of_one_width_but_for_a_days_digit():
    """The timeline view measures one date of each shape for its date column."""
    dates = [parse_date(text) for text in _VARIED]
    for zone in ("", "Asia/Kolkata"):
        widths: dict[tuple, set[int]] = {}
        for date in dates:
            shown = date.in_zone(zone) if zone else date
            widths.setdefault(date.shape, set()).add(len(shown.within_period()))
        assert all(max(each) - min(each) <= 1 for each in widths.values()), widths
    same = [("2025-05-01", "2025-05-16"), ("2025-05-02T10:00Z", "2025-05-16T10:00Z"),
            ("2025-05-01T09:30", "2025-05-16T10:00"), ("2025-05", "2025-06")]
    assert all(parse_date(a).shape == parse_date(b).shape for a, b in same)


def test_dates_under_one_heading_share_a_period_key():
    headings = [["2025-05-01", "2025-05-31T23:00Z", "2025-05", "2025-05-XX", "2025-05-16~"],
                ["2025", "2025-21", "2025-24", "2025-XX", "2025-XX-XX"], ["2025-12"],
                ["2026-01"], ["2024"], ["202X"], ["20XX"], ["200X"], ["2000"], ["201X"],
                ["2025-05-16/2025-06-01", "[2025-05-20,2025-07-01]"]]
    keys = [{parse_date(text).period_key for text in heading} for heading in headings]
    assert all(len(key) == 1 for key in keys), keys
    assert keys[-1] == keys[0]  # an interval and a set sit under their first date's month
    assert len(set().union(*keys)) == len(headings) - 1


@pytest.mark.parametrize(("text", "iso"), [
    ("2022~", "2022"), ("0900", "0900"), ("2025-05?", "2025-05"), ("2025-05-16", "2025-05-16"),
    ("2025-05-16T14:30", "2025-05-16T14:30"), ("2025-05-16T14:30+03:00", "2025-05-16T14:30+03:00"),
    ("2025-05-16T14:30:05-05:30", "2025-05-16T14:30:05-05:30"),
    ("2025-05-16T14:30Z%", "2025-05-16T14:30Z"), ("2023-21", "2023-21"), ("202X~", "202X"),
    ("20XX", "20XX"), ("2023-11-XX", "2023-11"), ("2023-XX-XX?", "2023"),
])
def test_iso_writes_the_precision_written_without_the_qualifier(text, iso):
    assert parse_date(text).iso() == iso


def test_a_time_whose_moment_falls_outside_the_calendar_is_held_at_its_edge():
    # 00:30 at UTC+1 on 1 January of year 1 was in year 0; 23:30 at UTC-1 on the
    # last day of 9999 is in year 10000: neither can be written as a datetime.
    first = parse_date("0001-01-01T00:30+01:00")
    assert (first.earliest, first.latest) == (utc(1, 1, 1), utc(1, 1, 1, 0, 0, 59))
    assert first.sort_key[0] == datetime(1, 1, 1)
    last = parse_date("9999-12-31T23:30-01:00")
    assert last.earliest == datetime.max.replace(tzinfo=timezone.utc)
    assert parse_date("0001-01-01T00:30-01:00").earliest == utc(1, 1, 1, 1, 30)
    assert parse_date("0001-01-01T00:00+00:01").earliest == utc(1, 1, 1)


def test_the_first_decade_starts_at_year_1():  # there is no year 0
    assert parse_date("000X").earliest == utc(1, 1, 1)
