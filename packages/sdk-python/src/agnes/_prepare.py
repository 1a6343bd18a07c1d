"""Build what every attempt of a call sends, and reject request options that cannot be sent."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any, Dict, Mapping, Optional, Tuple, Union

from ._base import InvalidOptionError
from ._options import check_headers
from ._transport import PreparedRequest
from ._version import __version__

TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
"""An HTTP token (RFC 9110, section 5.6.2): the form of a method and of a header name."""

URL_FORBIDDEN_CHARACTER = re.compile(r"[\x00-\x20\x7f]")
"""Spaces and control characters, which ``http.client`` rejects in a request target."""

HEADER_VALUE_FORBIDDEN_CHARACTER = re.compile(r"[\r\n\x00]")
"""Line breaks and NUL, which would end a header early or which servers reject."""


def prepare_request(
    base_url: str,
    default_headers: Mapping[str, str],
    api_key: Optional[str],
    method: str,
    path: str,
    body: Any,
    headers: Optional[Mapping[str, str]],
    idempotency_key: Union[str, bool, None],
) -> Tuple[PreparedRequest, bool]:
    """Build a call's request and return it with whether it carries an idempotency key.

    The idempotency key is fixed here, so every attempt sends the same one. Raises
    ``InvalidOptionError`` for a method, path, header or body that cannot be sent,
    before anything is sent.
    """
    # Callers without a type checker can pass anything, so the types are checked at run time too.
    if not isinstance(method, str) or not TOKEN.fullmatch(method):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise InvalidOptionError(f"Invalid method {method!r}: expected an HTTP token such as 'GET' or 'POST'")
    if not isinstance(path, str) or not path.startswith("/"):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise InvalidOptionError(f"Invalid path {path!r}: it must start with '/', such as '/v1/policies/pol_1'")
    if "#" in path:
        raise InvalidOptionError(f"Invalid path {path!r}: it contains a fragment, which is never sent to the server; percent-encode '#' as %23 or remove the fragment")
    forbidden = URL_FORBIDDEN_CHARACTER.search(path)
    if forbidden is not None:
        raise InvalidOptionError(f"Invalid path {path!r}: it contains {forbidden.group()!r}; percent-encode it, such as %20 for a space")

    merged: Dict[str, str] = {name.lower(): value for name, value in default_headers.items()}
    merged["accept"] = "application/json"
    merged["user-agent"] = f"agnes-python/{__version__}"
    if api_key is not None:
        merged["authorization"] = f"Bearer {api_key}"
    for name, value in check_headers("headers", headers).items():
        check_header(name, value)
        merged[name.lower()] = value

    data: Optional[bytes] = None
    if body is not None:
        try:
            data = json.dumps(body, separators=(",", ":"), allow_nan=False).encode("utf-8")
        except (TypeError, ValueError) as error:
            raise InvalidOptionError(f"Invalid request body: {error}; pass JSON-serializable data") from error
        except RecursionError:
            raise InvalidOptionError("Invalid request body: it is nested too deeply for json.dumps; flatten it") from None
        merged.setdefault("content-type", "application/json")

    if idempotency_key is True:
        key: Optional[str] = str(uuid.uuid4())
    elif isinstance(idempotency_key, str) and idempotency_key != "":
        key = idempotency_key
    elif idempotency_key is None or idempotency_key is False:
        key = merged.get("idempotency-key") or None
    else:
        raise InvalidOptionError(
            f"Invalid idempotency_key {idempotency_key!r}: expected a non-empty string, True for a random key, or None or False for no key"
        )
    if key is not None:
        merged["idempotency-key"] = key

    for name, value in merged.items():
        check_header(name, value)
    return PreparedRequest(method, base_url + path, merged, data), key is not None


def check_header(name: Any, value: Any) -> None:
    """Raise ``InvalidOptionError`` for a header that ``http.client`` would reject or send broken.

    The message never shows the value, because it may be a secret such as the API key.
    """
    if not isinstance(name, str) or not TOKEN.fullmatch(name):
        raise InvalidOptionError(f"Invalid header name {name!r}: expected an HTTP token such as 'x-tenant'")
    if not isinstance(value, str):
        raise InvalidOptionError(f"Invalid value of header {name!r}: expected a string, got {type(value).__name__}")
    forbidden = HEADER_VALUE_FORBIDDEN_CHARACTER.search(value)
    if forbidden is not None:
        raise InvalidOptionError(f"Invalid value of header {name!r}: it contains {forbidden.group()!r} at index {forbidden.start()}; remove it")
    try:
        value.encode("latin-1")
    except UnicodeEncodeError as error:
        raise InvalidOptionError(
            f"Invalid value of header {name!r}: the character at index {error.start} is not Latin-1; percent-encode or remove it"
        ) from None
