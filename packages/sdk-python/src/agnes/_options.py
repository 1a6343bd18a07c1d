"""Checks of the client's options; each error names the option, the value and what is expected."""

from __future__ import annotations

import urllib.parse
from typing import Any

MAX_SECONDS = 2_147_483.647
"""Largest ``timeout`` and ``max_retry_after``: the TypeScript SDK's limit, and far below what sockets accept."""


def check_base_url(value: Any) -> str:
    """Return an absolute http(s) URL without trailing slashes, or raise ``ValueError``."""
    parts = urllib.parse.urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"Invalid base_url {value!r}: expected an absolute http(s) URL such as 'https://api.example.com'")
    return value.rstrip("/")


def check_integer(name: str, value: Any) -> int:
    """Return an integer of 0 or more, or raise ``ValueError`` naming the option."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"Invalid {name} {value!r}: expected an integer of 0 or more")
    return value


def check_seconds(name: str, value: Any) -> float:
    """Return a number of seconds from 0 to ``MAX_SECONDS``, or raise ``ValueError`` naming the option."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_SECONDS:
        raise ValueError(f"Invalid {name} {value!r}: expected a number of seconds from 0 to {MAX_SECONDS}")
    return float(value)
