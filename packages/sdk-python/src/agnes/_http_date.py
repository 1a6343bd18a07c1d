"""Parse HTTP-dates (RFC 9110, section 5.6.7) in their three forms.

``email.utils.parsedate_to_datetime`` is not used, because it accepts many strings
that are not HTTP-dates, which would turn junk ``Retry-After`` values into real waits.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timezone
from typing import Optional

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_IMF_FIXDATE = re.compile(r"[A-Z][a-z]{2}, (\d\d) ([A-Z][a-z]{2}) (\d{4}) (\d\d):(\d\d):(\d\d) GMT", re.ASCII)
"""``Sun, 06 Nov 1994 08:49:37 GMT``, the form that senders must use."""
_RFC850_DATE = re.compile(r"[A-Z][a-z]{5,8}, (\d\d)-([A-Z][a-z]{2})-(\d\d) (\d\d):(\d\d):(\d\d) GMT", re.ASCII)
"""``Sunday, 06-Nov-94 08:49:37 GMT``, the obsolete RFC 850 form with a two-digit year."""
_ASCTIME_DATE = re.compile(r"[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d) (\d{4})", re.ASCII)
"""``Sun Nov  6 08:49:37 1994``, the obsolete asctime form."""


def parse_http_date(value: str, now: float) -> Optional[float]:
    """Return the time of an HTTP-date in seconds since the epoch, or None when it is not one.

    A day that does not exist (31 February) is not a date; the weekday is not checked.
    A two-digit year is the latest year with those digits that is at most 50 years
    after ``now`` (seconds since the epoch), as RFC 9110 requires.
    """
    match = _IMF_FIXDATE.fullmatch(value)
    if match:
        return _utc(match.group(3), match.group(2), match.group(1), match.group(4), match.group(5), match.group(6))
    match = _ASCTIME_DATE.fullmatch(value)
    if match:
        return _utc(match.group(6), match.group(1), match.group(2), match.group(3), match.group(4), match.group(5))
    match = _RFC850_DATE.fullmatch(value)
    if not match:
        return None
    current_year = datetime.fromtimestamp(now, tz=timezone.utc).year
    year = current_year - current_year % 100 + int(match.group(3))
    if year > current_year + 50:
        year -= 100
    return _utc(str(year), match.group(2), match.group(1), match.group(4), match.group(5), match.group(6))


def _utc(year: str, month_name: str, day: str, hours: str, minutes: str, seconds: str) -> Optional[float]:
    if month_name not in _MONTHS:
        return None
    month = _MONTHS.index(month_name) + 1
    full_year = int(year)
    # JavaScript's Date.UTC, which the TypeScript SDK uses, reads years 0 to 99 as 1900 to 1999.
    if full_year <= 99:
        full_year += 1900
    hour, minute, second = int(hours), int(minutes), int(seconds)
    if hour > 23 or minute > 59 or second > 60:
        return None
    if not 1 <= int(day) <= calendar.monthrange(full_year, month)[1]:
        return None
    # A leap second (:60) counts as the first second of the next minute.
    return float(calendar.timegm((full_year, month, int(day), hour, minute, 0, 0, 0, 0)) + second)
