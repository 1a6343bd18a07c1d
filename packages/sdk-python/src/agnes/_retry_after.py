"""The server's hint of how long to wait before a retry."""

from __future__ import annotations

import re
from typing import Optional

from ._base import APIError
from ._errors import SPEC_BY_CODE
from ._headers import js_trim
from ._http_date import parse_http_date

_DIGITS = re.compile(r"[0-9]+")
"""A non-negative integer, as delay-seconds is defined; signs, fractions and exponents are not."""


def retry_after(error: APIError, now: float) -> Optional[float]:
    """Return the delay that the server requests, in seconds, or None when it sends no usable hint.

    Sources, where the first usable one wins:

    1. ``retry-after-ms``: integer milliseconds;
    2. ``Retry-After``: integer seconds, or an HTTP-date (a date in the past gives 0);
    3. the param that the code's retry policy names (``retry_after`` for ``rate_limited``),
       integer seconds.

    A negative, fractional, junk or NaN value counts as absent. ``now`` is the current
    time in seconds since the epoch, for dates.
    """
    # float() of a digit string never fails: a huge value becomes inf, which is above any cap,
    # while int() would reject more than 4300 digits and int-to-float would overflow.
    milliseconds = error.headers.get("retry-after-ms")
    if milliseconds is not None and _DIGITS.fullmatch(js_trim(milliseconds)):
        return float(js_trim(milliseconds)) / 1000

    value = error.headers.get("retry-after")
    if value is not None:
        trimmed = js_trim(value)
        if _DIGITS.fullmatch(trimmed):
            return float(trimmed)
        date = parse_http_date(trimmed, now)
        if date is not None:
            return max(0.0, date - now)

    spec = SPEC_BY_CODE.get(error.code) if error.is_known_code else None
    after_param = spec.retry_after_param if spec is not None else None
    seconds = error.params.get(after_param) if after_param is not None else None
    # bool is an int subclass in Python, but true is not a number of seconds.
    if isinstance(seconds, int) and not isinstance(seconds, bool) and 0 <= seconds <= _MAX_SAFE_INTEGER:
        return float(seconds)
    return None


_MAX_SAFE_INTEGER = 2**53 - 1
"""Largest integer that JavaScript represents exactly; the TypeScript SDK ignores larger params."""
