"""Checks of the client's options; each error names the option, the value and what is expected."""

from __future__ import annotations

import re
import urllib.parse
from typing import Any, Callable, Dict, Mapping, Optional, cast

from ._base import InvalidOptionError

MAX_SECONDS = 2_147_483.647
"""Largest ``timeout`` and ``max_retry_after``: the TypeScript SDK's limit, and far below what sockets accept."""

EXAMPLE_BASE_URL = "'https://api.example.com'"


USER_INFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*://)[^/?#]*@")
"""The user name and password before the host of a URL, after the scheme."""


def check_base_url(value: Any) -> str:
    """Return an absolute http(s) URL without trailing slashes, or raise ``InvalidOptionError``.

    The port must be a number from 0 to 65535, and the URL must not carry a user name or
    password: urllib would read them as part of the host name. Messages leave the user
    name and password out, since they may be secrets.
    """
    problem = _base_url_problem(value)
    if problem is not None:
        redacted = USER_INFO.sub(r"\1", value) if isinstance(value, str) else value
        raise InvalidOptionError(f"Invalid base_url {redacted!r}: {problem}")
    return str(value).rstrip("/")


def _base_url_problem(value: Any) -> Optional[str]:
    """Return what is wrong with a base URL, or None when it is valid."""
    expected = f"expected an absolute http(s) URL such as {EXAMPLE_BASE_URL}"
    if not isinstance(value, str):
        return expected
    try:
        parts = urllib.parse.urlsplit(value)
        _ = parts.port  # reading the port checks that it is a number from 0 to 65535
    except ValueError as error:
        return f"{error}; {expected}"
    forbidden = re.search(r"[\x00-\x20\x7f]", value)
    if forbidden is not None:
        return f"it contains {forbidden.group()!r}, which urllib cannot send; percent-encode or remove it"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return expected
    if "?" in value or "#" in value:
        return (
            "it has a query string or fragment, but each request path is appended to base_url; "
            "remove it and put the query in the request path, such as client.get('/v1/policies?limit=2')"
        )
    if parts.username is not None or parts.password is not None:
        return "it has credentials before the host, which urllib does not send; remove them and pass the API key as api_key"
    return None


def check_api_key(value: Any) -> Optional[str]:
    """Return the API key, or raise ``InvalidOptionError`` for one that cannot be sent in a header.

    The message never shows the key.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidOptionError(f"Invalid api_key: expected a string, got {type(value).__name__}")
    for index, character in enumerate(value):
        if character in "\r\n\x00" or ord(character) > 0xFF:
            raise InvalidOptionError(
                f"Invalid api_key: the character at index {index} is a line break, NUL or not Latin-1; "
                "check how the key was read, such as a file that ends with a line break"
            )
    return value


def check_integer(name: str, value: Any) -> int:
    """Return an integer of 0 or more, or raise ``InvalidOptionError`` naming the option."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidOptionError(f"Invalid {name} {value!r}: expected an integer of 0 or more")
    return value


def check_seconds(name: str, value: Any) -> float:
    """Return a number of seconds from 0 to ``MAX_SECONDS``, or raise ``InvalidOptionError`` naming the option."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_SECONDS:
        raise InvalidOptionError(f"Invalid {name} {value!r}: expected a number of seconds from 0 to {MAX_SECONDS}")
    return float(value)


def check_callable(name: str, value: Any, expected: str) -> Callable[..., Any]:
    """Return ``value`` when it is callable, or raise ``InvalidOptionError`` naming the option and ``expected``."""
    if not callable(value):
        raise InvalidOptionError(f"Invalid {name} {value!r}: expected {expected}, or leave {name} out for the default")
    return cast(Callable[..., Any], value)


def check_logger(value: Any) -> Optional[Any]:
    """Return a logger or None, or raise ``InvalidOptionError``.

    Any object with a callable ``debug`` method is a logger, such as a ``logging.Logger`` or a
    ``logging.LoggerAdapter``: the SDK only calls ``debug(message, *args)`` on it.
    """
    if value is not None and not callable(getattr(value, "debug", None)):
        example = f"logging.getLogger({value!r})" if isinstance(value, str) else "logging.getLogger('agnes')"
        raise InvalidOptionError(
            f"Invalid logger {value!r}: expected a logging.Logger or another object with a debug method, such as {example}"
        )
    return value


def check_headers(name: str, value: Any) -> Dict[str, Any]:
    """Return a mapping of headers as a dict, or raise ``InvalidOptionError`` for another type.

    The names and values are checked later, by ``check_header``.
    """
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return dict(cast(Mapping[Any, Any], value))
    problem = InvalidOptionError(
        f"Invalid {name}: expected a mapping of header names to values, such as {{'x-tenant': 't1'}}, "
        f"or a list of (name, value) pairs, got {type(value).__name__}"
    )
    if isinstance(value, (str, bytes)):
        raise problem
    try:
        return dict(value)
    except (TypeError, ValueError):
        raise problem from None
