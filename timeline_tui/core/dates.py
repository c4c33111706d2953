"""Partial dates in the EDTF level 1 forms that timelines are written in.

A date keeps the precision it was written with: "2022~" stays a year, "2025-05"
stays a month. Nothing is padded to a day that nobody wrote.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import IntEnum

from .records import quick_pickle

__all__ = ["DateError", "PartialDate", "Precision", "describe_span", "parse_date"]


class Precision(IntEnum):
    """How much of a date was written, coarsest first."""

    YEAR = 1
    MONTH = 2
    DAY = 3
    MINUTE = 4
    SECOND = 5


class DateError(ValueError):
    """A date that does not follow the grammar or names no real day."""


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

_QUALIFIER_WORDS = {"~": "approximate", "?": "uncertain", "%": "approximate and uncertain"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@quick_pickle
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date written to some precision, with an optional EDTF qualifier."""

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    utc_offset_minutes: int | None = None
    qualifier: str = ""
    text: str = ""

    @property
    def precision(self) -> Precision:
        if self.second is not None:
            return Precision.SECOND
        if self.minute is not None:
            return Precision.MINUTE
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def earliest(self) -> datetime:
        """The first moment the date could mean, in UTC (a time without offset counts as UTC)."""
        moment = datetime(
            self.year, self.month or 1, self.day or 1,
            self.hour or 0, self.minute or 0, self.second or 0,
        )
        if self.utc_offset_minutes:
            try:
                moment -= timedelta(minutes=self.utc_offset_minutes)
            except OverflowError:  # a time early on 1 January of year 1, east of UTC
                moment = datetime.min
        return moment.replace(tzinfo=timezone.utc)

    @property
    def latest(self) -> datetime:
        """The last moment the date could mean, in UTC."""
        if self.precision is Precision.YEAR:
            return self.earliest.replace(month=12, day=31, hour=23, minute=59, second=59)
        if self.precision is Precision.MONTH:
            last_day = calendar.monthrange(self.year, self.month or 1)[1]
            return self.earliest.replace(day=last_day, hour=23, minute=59, second=59)
        if self.precision is Precision.DAY:
            return self.earliest.replace(hour=23, minute=59, second=59)
        if self.precision is Precision.MINUTE:
            return self.earliest.replace(second=59)
        return self.earliest

    @property
    def sort_key(self) -> tuple[datetime, int]:
        """Earliest possible moment first, then the coarser precision."""
        return (self.earliest, self.precision)

    @property
    def qualifier_word(self) -> str:
        return _QUALIFIER_WORDS.get(self.qualifier, "")

    def describe(self) -> str:
        """The date for reading: "Fri 16 May 2025", "May 2025?", "2022~"."""
        if self.precision is Precision.YEAR:
            return f"{self.year}{self.qualifier}"
        if self.precision is Precision.MONTH:
            return f"{self.period()}{self.qualifier}"
        return f"{self._day()} {_MONTHS[(self.month or 1) - 1][:3]} {self.year}" \
               f"{self._time()}{self.qualifier}"

    def period(self) -> str:
        """The month ("May 2025") or, for a year-precision date, the year."""
        if self.precision is Precision.YEAR:
            return f"{self.year}"
        return f"{_MONTHS[(self.month or 1) - 1]} {self.year}"

    def within_period(self) -> str:
        """The date less its period, as a row under a period heading shows it:
        "Fri 16", "Fri 16 14:30+03:00", "May?" for a month, "2022~" for a year."""
        if self.precision is Precision.YEAR:
            return f"{self.year}{self.qualifier}"
        if self.precision is Precision.MONTH:
            return f"{_MONTHS[(self.month or 1) - 1][:3]}{self.qualifier}"
        return f"{self._day()}{self._time(compact=True)}{self.qualifier}"

    def _day(self) -> str:
        weekday = _DAYS[calendar.weekday(self.year, self.month or 1, self.day or 1)]
        return f"{weekday} {self.day}"

    def _time(self, compact: bool = False) -> str:
        if self.precision < Precision.MINUTE:
            return ""
        seconds = f":{self.second:02d}" if self.precision is Precision.SECOND else ""
        return f" {self.hour:02d}:{self.minute:02d}{seconds}{self._offset_text(compact)}"

    def describe_precision(self) -> str:
        """A phrase such as "day precision, uncertain"."""
        phrase = f"{self.precision.name.lower()} precision"
        if self.qualifier:
            phrase += f", {self.qualifier_word}"
        return phrase

    def _offset_text(self, compact: bool = False) -> str:
        """" UTC+03:00", or as written ("+03:00", "Z") when compact."""
        if self.utc_offset_minutes is None:
            return ""
        if self.utc_offset_minutes == 0 and self.text.rstrip("~?%").endswith("Z"):
            return "Z" if compact else " UTC"
        sign = "+" if self.utc_offset_minutes >= 0 else "-"
        hours, minutes = divmod(abs(self.utc_offset_minutes), 60)
        return f"{'' if compact else ' UTC'}{sign}{hours:02d}:{minutes:02d}"

    def iso(self) -> str:
        """ISO 8601 to the precision written, without the qualifier: "2022",
        "2025-05", "2025-05-16", "2025-05-16T14:30+03:00"."""
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


def describe_span(start: PartialDate, end: PartialDate | None) -> str:
    """An event's dates for reading: "Fri 16 May 2025", or "May 2025 – June 2025?"."""
    return start.describe() + (f" – {end.describe()}" if end else "")


def parse_date(text: str) -> PartialDate:
    """Parse one EDTF level 1 date; raise DateError naming what is wrong."""
    text = text.strip()
    match = _DATE_RE.fullmatch(text)
    if match is None:
        raise DateError(
            f"invalid date {text!r}: write YYYY, YYYY-MM, YYYY-MM-DD or "
            "YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], optionally followed by ~ or ?"
        )
    parts = {name: int(value) for name, value in match.groupdict().items()
             if value is not None and name not in ("tz", "qualifier")}
    year, month, day = parts["year"], parts.get("month"), parts.get("day")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"invalid date {text!r}: there is no month {month}")
    if day is not None:
        last_day = calendar.monthrange(year, month or 1)[1]
        if not 1 <= day <= last_day:
            raise DateError(
                f"invalid date {text!r}: {_MONTHS[(month or 1) - 1]} {year} has {last_day} days"
            )
    hour, minute, second = parts.get("hour"), parts.get("minute"), parts.get("second")
    if hour is not None and (hour > 23 or (minute or 0) > 59 or (second or 0) > 59):
        raise DateError(f"invalid date {text!r}: no such time of day")
    if year < 1:
        raise DateError(f"invalid date {text!r}: years start at 0001")
    return PartialDate(
        year=year, month=month, day=day, hour=hour, minute=minute, second=second,
        utc_offset_minutes=_parse_offset(match.group("tz"), text),
        qualifier=match.group("qualifier") or "",
        text=text,
    )


def _parse_offset(tz: str | None, text: str) -> int | None:
    if tz is None:
        return None
    if tz == "Z":
        return 0
    sign = 1 if tz[0] == "+" else -1
    hours, minutes = int(tz[1:3]), int(tz[4:6])
    if hours > 14 or minutes > 59:
        raise DateError(f"invalid date {text!r}: no such UTC offset {tz}")
    return sign * (hours * 60 + minutes)
