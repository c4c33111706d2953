"""Dates as reports give them: EDTF level 1, and level 2's one of a set.

A date keeps the precision it was written with: "2022~" stays a year, "2025-05"
stays a month. Nothing is padded to a day that nobody wrote. The forms:

- a single date (`PartialDate`): `YYYY`, `YYYY-MM`, `YYYY-MM-DD`,
  `YYYY-MM-DDTHH:MM[:SS]` with an optional `Z` or `±HH:MM`; a season `YYYY-21`
  to `YYYY-24`; unspecified digits `202X`, `20XX`, `2023-XX`, `2023-11-XX`;
  each optionally followed by `~`, `?` or `%`;
- an interval (`DateInterval`) `A/B`, with an open (`..`) or unknown (empty) end;
- one of a set (`DateSet`) `[A,B]`.

Every kind has `earliest`, `latest`, `sort_key`, `describe()`, `text`, and an
`anchor`: the single date a timeline row sits under.
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from enum import IntEnum
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


__all__ = ["DATE_FORMS", "DateError", "DateInterval", "DateSet", "EventDate", "PartialDate",
           "Precision", "check_zone", "parse_date", "parse_date_range"]


class Precision(IntEnum):
    """How much of a date was written, coarsest first."""

    YEAR = 1
    SEASON = 2
    MONTH = 3
    DAY = 4
    MINUTE = 5
    SECOND = 6


class DateError(ValueError):
    """A date that does not follow the grammar or names no real day."""


QUALIFIERS = "~ (approximate), ? (uncertain) or % (both)"
DATE_FORMS = (
    "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]; a season "
    "YYYY-21 to YYYY-24 (spring, summer, autumn, winter); X for unknown digits (202X, "
    "2023-XX, 2023-11-XX); an interval A/B (A/.. open, A/ unknown end); or one of a set "
    f"[A,B]; each date optionally followed by {QUALIFIERS}"
)
"""Every form a date takes and every qualifier: the tail of every message about a
date that does not parse."""

# The common forms, tried first: they are nearly every date of a large timeline.
_DATE_RE = re.compile(
    r"""
    (?P<year>[0-9]{4})
    (?:-(?P<month>[0-9]{2})
      (?:-(?P<day>[0-9]{2})
        (?:[T ](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?
          (?P<tz>Z|[+-][0-9]{2}:[0-9]{2})?
        )?
      )?
    )?
    (?P<qualifier>[~?%])?
    """,
    re.VERBOSE,
)
# EDTF level 1's unspecified digits, from the right only: 202X, 20XX, 2023-XX,
# 2023-XX-XX, 2023-11-XX.
_UNSPECIFIED_RE = re.compile(
    r"(?P<year>[0-9]{2}(?:[0-9]X|XX))(?P<qualifier>[~?%])?"
    r"|(?P<full_year>[0-9]{4})-(?:XX(?P<month_day>-XX)?|(?P<month>[0-9]{2})-XX)(?P<qualifier2>[~?%])?"
)

_QUALIFIER_WORDS = {"~": "approximate", "?": "uncertain", "%": "approximate and uncertain"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_SEASONS = {21: ("Spring", 3, 5), 22: ("Summer", 6, 8), 23: ("Autumn", 9, 11),
            24: ("Winter", 12, 14)}
"""Season code -> its name, first month and last month (northern hemisphere, as
the meteorological seasons: winter runs from December into February; 14 is
February of the next year)."""
_UNSPECIFIED_SPAN = {"decade": 10, "century": 100}
_UTC_MIN = datetime.min.replace(tzinfo=timezone.utc)
_UTC_MAX = datetime.max.replace(tzinfo=timezone.utc)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A single date written to some precision, with an optional EDTF qualifier."""

    year: int
    month: int | None = None
    """1 to 12, or 21 to 24 for a season."""
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    utc_offset_minutes: int | None = None
    """None for a time written with no zone (and no file `timezone:`), or no time."""
    qualifier: str = ""
    text: str = ""
    unspecified: str = ""
    """What was written X: "decade" (202X), "century" (20XX), "month" (2023-XX),
    "month and day" (2023-XX-XX) or "day" (2023-11-XX); "" when nothing was."""
    zone: str = ""
    """The IANA zone a zone-less time was read in (the file's `timezone:`)."""

    @property
    def precision(self) -> Precision:
        if self.second is not None:
            return Precision.SECOND
        if self.minute is not None:
            return Precision.MINUTE
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.SEASON if self.month in _SEASONS else Precision.MONTH
        return Precision.YEAR

    @property
    def anchor(self) -> PartialDate:
        return self

    @property
    def is_zoneless_time(self) -> bool:
        return self.hour is not None and self.utc_offset_minutes is None

    def _wall_start(self) -> datetime:
        month = self.month or 1
        if month in _SEASONS:
            month = _SEASONS[month][1]
        return datetime(self.year, month, self.day or 1,
                        self.hour or 0, self.minute or 0, self.second or 0)

    def _shift(self, moment: datetime) -> datetime:
        """A wall-clock moment moved to UTC by the date's offset, if it has one."""
        if self.utc_offset_minutes:
            try:
                return moment - timedelta(minutes=self.utc_offset_minutes)
            except OverflowError:  # the first hours of year 1 east of UTC, or the last of 9999 west
                return datetime.min if self.utc_offset_minutes > 0 else datetime.max
        return moment

    @property
    def earliest(self) -> datetime:
        """The first moment the date could mean, in UTC. A time with no zone, and
        a date with no time, count their clock as UTC here (for ranges); the
        timeline's order does not (see `sort_key`)."""
        return self._shift(self._wall_start()).replace(tzinfo=timezone.utc)

    @property
    def latest(self) -> datetime:
        """The last moment the date could mean, in UTC."""
        precision = self.precision
        if precision is Precision.YEAR:
            year = self.year + _UNSPECIFIED_SPAN.get(self.unspecified, 1) - 1
            return datetime(year, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
        if precision is Precision.SEASON:
            year, month = divmod(_SEASONS[self.month or 21][2] - 1, 12)
            year, month = self.year + year, month + 1
            return datetime(year, month, calendar.monthrange(year, month)[1], 23, 59, 59,
                            tzinfo=timezone.utc)
        if precision is Precision.MONTH:
            last_day = calendar.monthrange(self.year, self.month or 1)[1]
            return datetime(self.year, self.month or 1, last_day, 23, 59, 59,
                            tzinfo=timezone.utc)
        if precision is Precision.DAY:
            return self.earliest.replace(hour=23, minute=59, second=59)
        if precision is Precision.MINUTE:
            return self.earliest.replace(second=59)
        return self.earliest

    @property
    def sort_key(self) -> tuple[datetime, int, int, int]:
        """(moment, rank, clock, precision): the timeline's order.

        A date without a time sorts at the start of its span, coarser first. A
        time with a zone sorts at its moment in UTC. A time with no zone names
        no moment, so it is never converted as if it were UTC: it sorts with its
        day (where a date without a time does), after the day itself, and by its
        clock among the zone-less times of that day.
        """
        wall = self._wall_start()
        precision = self.precision
        if self.hour is None:
            return (wall, precision, -1, precision)
        if self.utc_offset_minutes is None:
            day_start = wall.replace(hour=0, minute=0, second=0)
            return (day_start, Precision.DAY, (wall - day_start).seconds, precision)
        return (self._shift(wall), precision, -1, precision)

    @property
    def period_key(self) -> int:
        """Equal for dates under the same heading: a month, or a year (a season's,
        and a year-precision date's), or a decade or century written with X."""
        if self.unspecified in _UNSPECIFIED_SPAN:
            return -(self.year * 3 + (1 if self.unspecified == "decade" else 2))
        month = self.month
        return self.year * 13 + (0 if month is None or month in _SEASONS else month)

    @property
    def shape(self) -> tuple:
        """Equal for dates whose rows' dates have the same width, but for the
        day's digits."""
        return (self.precision, self.qualifier, self.utc_offset_minutes, self.zone,
                self.unspecified, self.text.endswith("Z"))

    @property
    def qualifier_word(self) -> str:
        return _QUALIFIER_WORDS.get(self.qualifier, "")

    def describe(self) -> str:
        """The date for reading: "Fri 16 May 2025", "May 2025?", "2022~", "Spring 2023",
        "the 2020s", "Nov 2023 (day unknown)"."""
        precision = self.precision
        if precision <= Precision.MONTH:
            return f"{self._coarse()}{self.qualifier}"
        return f"{self._day()} {_MONTHS[self.month - 1][:3]} {self.year}" \
               f"{self._time()}{self.qualifier}"

    def _coarse(self) -> str:
        """A date without a day, in words."""
        if self.unspecified == "decade":
            return f"the {self.year}s"
        if self.unspecified == "century":
            return f"{self.year}–{self.year + 99}"
        if self.month in _SEASONS:
            return f"{_SEASONS[self.month][0]} {self.year}"
        unknown = f" ({self.unspecified} unknown)" if self.unspecified else ""
        return f"{self.period()}{unknown}"

    def period(self) -> str:
        """The heading a row sits under: the month ("May 2025"), or the year."""
        if self.unspecified in _UNSPECIFIED_SPAN:
            return self._coarse()
        if self.month is None or self.month in _SEASONS:
            return f"{self.year}"
        return f"{_MONTHS[self.month - 1]} {self.year}"

    def within_period(self) -> str:
        """The date less its period, as a row under a period heading shows it:
        "Fri 16", "Fri 16 14:30+03:00", "May?" for a month, "2022~" for a year,
        "Spring" for a season."""
        precision = self.precision
        if precision is Precision.YEAR:
            if self.unspecified not in _UNSPECIFIED_SPAN:  # "2022~", "2023-XX": as written
                return self.text
            return f"{self._coarse()}{self.qualifier}"
        if precision is Precision.SEASON:
            return f"{_SEASONS[self.month][0]}{self.qualifier}"
        if precision is Precision.MONTH:
            day_unknown = "-XX" if self.unspecified else ""
            return f"{_MONTHS[self.month - 1][:3]}{day_unknown}{self.qualifier}"
        return f"{self._day()}{self._time(compact=True)}{self.qualifier}"

    def _day(self) -> str:
        weekday = _DAYS[calendar.weekday(self.year, self.month, self.day)]
        return f"{weekday} {self.day}"

    def _time(self, compact: bool = False) -> str:
        if self.hour is None:
            return ""
        seconds = f":{self.second:02d}" if self.second is not None else ""
        return f" {self.hour:02d}:{self.minute:02d}{seconds}{self._offset_text(compact)}"

    def describe_precision(self) -> str:
        """A phrase such as "day precision, uncertain"."""
        phrase = f"{self.precision.name.lower()} precision"
        if self.unspecified:
            phrase += f", {self.unspecified} unspecified"
        if self.is_zoneless_time:
            phrase += ", no time zone"
        if self.qualifier:
            phrase += f", {self.qualifier_word}"
        return phrase

    def _offset_text(self, compact: bool) -> str:
        """" UTC+03:00", or as written ("+03:00", "Z") when compact; a zone-less
        time is marked "*" (" (no time zone)" in full)."""
        if self.utc_offset_minutes is None:
            return "*" if compact else " (no time zone)"
        if self.utc_offset_minutes == 0 and not self.zone \
                and self.text.rstrip("~?%").endswith("Z"):
            return "Z" if compact else " UTC"
        sign = "+" if self.utc_offset_minutes >= 0 else "-"
        hours, minutes = divmod(abs(self.utc_offset_minutes), 60)
        offset = f"{sign}{hours:02d}:{minutes:02d}"
        if compact:
            return offset
        return f" {self.zone} (UTC{offset})" if self.zone else f" UTC{offset}"

    def in_zone(self, zone: str) -> PartialDate:
        """The same moment shown in `zone` (an IANA name, or "UTC"); a date
        without a time, or a time with no zone, is returned as written."""
        if self.hour is None or self.utc_offset_minutes is None:
            return self
        moment = self.earliest.astimezone(_zone_info(zone))
        offset = moment.utcoffset() or timedelta()
        return replace(self, year=moment.year, month=moment.month, day=moment.day,
                       hour=moment.hour, minute=moment.minute,
                       second=self.second if self.second is None else moment.second,
                       utc_offset_minutes=int(offset.total_seconds()) // 60, zone=zone)

    def iso(self) -> str:
        """ISO 8601 to the precision written, without the qualifier: "2022",
        "2025-05", "2025-05-16", "2025-05-16T14:30+03:00"; a season and X digits
        as ISO 8601-2 writes them ("2023-21", "202X")."""
        if self.unspecified in _UNSPECIFIED_SPAN:
            return self.text.rstrip("~?%")
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"-{self.month:02d}")
        if self.day is not None:
            parts.append(f"-{self.day:02d}")
        if self.precision >= Precision.MINUTE:
            seconds = f":{self.second:02d}" if self.precision is Precision.SECOND else ""
            parts.append(f"T{self.hour:02d}:{self.minute:02d}{seconds}")
            if self.utc_offset_minutes is not None:
                parts.append(self._offset_text(compact=True))
        return "".join(parts)

    def __str__(self) -> str:
        return self.text


class _Compound:
    """What an interval and a set share: they sit in the timeline where their
    `anchor` (a single date) does."""

    __slots__ = ()
    anchor: PartialDate
    text: str

    @property
    def sort_key(self) -> tuple:
        return self.anchor.sort_key

    @property
    def precision(self) -> Precision:
        return self.anchor.precision

    @property
    def qualifier(self) -> str:
        return self.anchor.qualifier

    @property
    def period_key(self) -> int:
        return self.anchor.period_key

    @property
    def shape(self) -> tuple:
        return (self.text,)

    def period(self) -> str:
        return self.anchor.period()

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class DateInterval(_Compound):
    """`A/B`: from one date to another. An end written `..` is open (the interval
    runs on); an end left empty is unknown."""

    start: PartialDate | None
    end: PartialDate | None
    text: str = ""
    open_start: bool = False
    open_end: bool = False

    @property
    def anchor(self) -> PartialDate:
        """Where the interval sits in the timeline: its start, or its end when the
        start is open or unknown."""
        return self.start or self.end  # type: ignore[return-value] # one end is known

    @property
    def earliest(self) -> datetime:
        return self.start.earliest if self.start else _UTC_MIN

    @property
    def latest(self) -> datetime:
        return self.end.latest if self.end else _UTC_MAX

    def _ends(self, show, open_end: str = "open", unknown_end: str = "unknown") -> tuple[str, str]:
        start = show(self.start) if self.start else (open_end if self.open_start else unknown_end)
        end = show(self.end) if self.end else (open_end if self.open_end else unknown_end)
        return start, end

    def describe(self) -> str:
        """"Fri 17 Nov 2023 to Sat 18 Nov 2023", "from Fri 17 Nov 2023 (end unknown)"."""
        if self.start and self.end:
            return f"{self.start.describe()} to {self.end.describe()}"
        if self.start:
            after = "onwards" if self.open_end else "(end unknown)"
            return f"from {self.start.describe()} {after}"
        before = "" if self.open_start else " (start unknown)"
        return f"until {self.end.describe()}{before}"  # type: ignore[union-attr]

    def within_period(self) -> str:
        start, end = self._ends(PartialDate.within_period, "..", "?")
        return f"{start} → {end}"

    def describe_precision(self) -> str:
        start, end = self._ends(PartialDate.describe_precision)
        return f"interval: start {start}; end {end}"

    def in_zone(self, zone: str) -> DateInterval:
        return replace(self, start=self.start and self.start.in_zone(zone),
                       end=self.end and self.end.in_zone(zone))


@dataclass(frozen=True, slots=True)
class DateSet(_Compound):
    """`[A,B]`: one of these dates, not known which (EDTF level 2). Placed at the
    earliest, as any uncertain date is."""

    members: tuple[PartialDate, ...]
    """In order of `sort_key`: the first is the earliest."""
    text: str = ""

    @property
    def anchor(self) -> PartialDate:
        return self.members[0]

    @property
    def earliest(self) -> datetime:
        return min(member.earliest for member in self.members)

    @property
    def latest(self) -> datetime:
        return max(member.latest for member in self.members)

    def describe(self) -> str:
        """"Fri 17 or Sat 18 Nov 2023": a shared month and year said once."""
        if len({member.period_key for member in self.members}) == 1 and \
                all(member.precision is Precision.DAY and not member.qualifier
                    for member in self.members):
            return " or ".join(member.within_period() for member in self.members) + \
                   f" {_MONTHS[self.anchor.month - 1][:3]} {self.anchor.year}"
        return " or ".join(member.describe() for member in self.members)

    def within_period(self) -> str:
        if len({member.period_key for member in self.members}) == 1:
            return " or ".join(member.within_period() for member in self.members)
        return " or ".join(member.describe() for member in self.members)

    def describe_precision(self) -> str:
        return f"one of {len(self.members)} dates, placed at the earliest"

    def in_zone(self, zone: str) -> DateSet:
        return replace(self, members=tuple(member.in_zone(zone) for member in self.members))


EventDate = PartialDate | DateInterval | DateSet
"""Any date a timeline's `date`, `end`, `published` or `accessed` may hold."""


def parse_date(text: str, zone: str = "") -> EventDate:
    """Parse a date in any form the format takes; raise DateError naming what is
    wrong. `zone`: the IANA zone of a time written with no zone (a file's
    `timezone:`), already checked with `check_zone`."""
    text = text.strip()
    match = _DATE_RE.fullmatch(text)
    if match is not None:
        return _single(match, text, zone)
    if text.startswith("[") and text.endswith("]"):
        return _one_of(text, zone)
    if "/" in text:
        return _interval(text, zone)
    return _single_extended(text)


def parse_date_range(text: str) -> tuple[datetime, datetime]:
    """The earliest and latest moments (UTC) a date term could mean, as events'
    dates are read: for a query's `from:` and `to:`. Raises DateError."""
    date = parse_date(text)
    return date.earliest, date.latest


def _invalid(text: str, why: str = "") -> DateError:
    return DateError(f"invalid date {text!r}: {why or DATE_FORMS}")


def _single_date(text: str, zone: str) -> PartialDate:
    """One date, not an interval or a set."""
    match = _DATE_RE.fullmatch(text)
    return _single(match, text, zone) if match is not None else _single_extended(text)


def _single(match: re.Match, text: str, zone: str) -> PartialDate:
    year, month, day, hour, minute, second, tz, qualifier = match.groups()
    year = int(year)
    if year < 1:
        raise _invalid(text, "years start at 0001")
    if month is not None:
        month = int(month)
        if not 1 <= month <= 12:
            if day is None and 21 <= month <= 24:
                return PartialDate(year=year, month=month, qualifier=qualifier or "", text=text)
            raise _invalid(text, f"there is no month {month} (months are 01 to 12; 21 to 24 "
                                 "are the seasons spring, summer, autumn and winter)")
    if day is not None:
        day = int(day)
        last_day = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last_day:
            raise _invalid(text, f"{_MONTHS[month - 1]} {year} has {last_day} days")
    if hour is None:
        return PartialDate(year=year, month=month, day=day, qualifier=qualifier or "", text=text)
    hour, minute = int(hour), int(minute)
    second = None if second is None else int(second)
    if hour > 23 or minute > 59 or (second or 0) > 59:
        raise _invalid(text, "no such time of day")
    offset = _parse_offset(tz, text)
    if offset is None and zone:
        offset = _zone_offset(zone, datetime(year, month, day, hour, minute, second or 0))
    else:
        zone = ""
    return PartialDate(year=year, month=month, day=day, hour=hour, minute=minute,
                       second=second, utc_offset_minutes=offset,
                       qualifier=qualifier or "", text=text, zone=zone)


def _single_extended(text: str) -> PartialDate:
    """The rarer single forms: unspecified digits (seasons are in `_single`)."""
    match = _UNSPECIFIED_RE.fullmatch(text)
    if match is None:
        raise _invalid(text)
    if match["year"]:
        written = match["year"]
        digits = written.count("X")
        year = int(written.replace("X", "0"))
        return PartialDate(year=max(year, 1), qualifier=match["qualifier"] or "", text=text,
                           unspecified="decade" if digits == 1 else "century")
    year = int(match["full_year"])
    if year < 1:
        raise _invalid(text, "years start at 0001")
    qualifier = match["qualifier2"] or ""
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise _invalid(text, f"there is no month {month} (months are 01 to 12)")
        return PartialDate(year=year, month=month, qualifier=qualifier, text=text,
                           unspecified="day")
    return PartialDate(year=year, qualifier=qualifier, text=text,
                       unspecified="month and day" if match["month_day"] else "month")


def _interval(text: str, zone: str) -> DateInterval:
    if text.count("/") != 1:
        raise _invalid(text)
    first, second = (part.strip() for part in text.split("/"))
    if first in ("", "..") and second in ("", ".."):
        raise _invalid(text, "an interval needs at least one of its ends")
    start = None if first in ("", "..") else _end_of_interval(first, text, zone)
    end = None if second in ("", "..") else _end_of_interval(second, text, zone)
    if start is not None and end is not None and end.latest < start.earliest:
        raise _invalid(text, f"the interval ends ({end.text}) before it starts ({start.text})")
    return DateInterval(start=start, end=end, text=text,
                        open_start=first == "..", open_end=second == "..")


def _end_of_interval(part: str, text: str, zone: str) -> PartialDate:
    try:
        return _single_date(part, zone)
    except DateError as error:
        raise _invalid(text, f"{part!r} is not a date: {_reason(error, part)}") from None


def _reason(error: DateError, text: str) -> str:
    """What is wrong with `text`, as `_invalid` said it, without naming the text."""
    return str(error).removeprefix(f"invalid date {text!r}: ")


def _one_of(text: str, zone: str) -> DateSet:
    parts = [part.strip() for part in text[1:-1].split(",")]
    if not any(parts):
        raise _invalid(text, "a set lists dates between [ and ], separated by commas")
    members = []
    for part in parts:
        try:
            members.append(_single_date(part, zone))
        except DateError as error:
            raise _invalid(text, f"{part!r} is not a date (write each date of the set in "
                                 f"full, separated by commas): {_reason(error, part)}") from None
    members.sort(key=lambda member: member.sort_key)
    return DateSet(members=tuple(members), text=text)


def _parse_offset(tz: str | None, text: str) -> int | None:
    if tz is None:
        return None
    if tz == "Z":
        return 0
    sign = 1 if tz[0] == "+" else -1
    hours, minutes = int(tz[1:3]), int(tz[4:])
    if hours > 14 or minutes > 59:
        raise _invalid(text, f"no such UTC offset {tz}")
    return sign * (hours * 60 + minutes)


@lru_cache(maxsize=64)
def _zone_info(zone: str) -> ZoneInfo | timezone:
    return timezone.utc if zone.upper() == "UTC" else ZoneInfo(zone)


def _zone_offset(zone: str, wall: datetime) -> int:
    offset = wall.replace(tzinfo=_zone_info(zone)).utcoffset() or timedelta()
    return int(offset.total_seconds()) // 60


def check_zone(name: str) -> str:
    """The IANA zone `name` ("America/Los_Angeles", "UTC"); raise DateError
    saying what is wrong, with the nearest names, when there is no such zone."""
    name = name.strip()
    try:
        if "/" in name or name.upper() == "UTC":  # not an abbreviation such as EST
            _zone_info(name)
            return name
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    accepted = sorted(zone for zone in available_timezones() if "/" in zone)
    close = difflib.get_close_matches(name, accepted)  # three at most
    hint = f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""
    raise DateError(f"unknown time zone {name!r}{hint}: write an IANA name such as "
                    "Europe/Istanbul, America/Los_Angeles or UTC")
