"""Turn any HTTP response into one of the SDK's error classes, whatever its body is."""

from __future__ import annotations

import json
from typing import Any, Dict, Optional, Tuple, Type, Union, cast

from ._base import APIError, UnexpectedResponseError
from ._describe import content_type_text, describe_body, shorten, utf16_length
from ._errors import FAMILY_CLASS_BY_STATUS, SPEC_BY_CODE
from ._headers import HeadersInput, is_json_content_type, js_trim, normalize_headers
from ._retryable import is_retryable_response

MAX_ERROR_BODY_BYTES = 262_144
"""Largest part of an error body that the SDK reads and keeps, in bytes (256 KiB); the rest is dropped."""

UNKNOWN_CODE = "unknown"
"""``code`` of an error whose body carries no usable code."""

MAX_CODE_LENGTH = 128
"""Maximum length of a string that counts as a code; a longer one is junk, not a code."""

ENVELOPE_MEMBERS = frozenset({"detail", "code", "request_id", "doc_url", "type", "title", "status", "instance"})
"""Envelope members that are not params: the base members and the RFC 9457 members."""

Body = Union[bytes, bytearray, memoryview, str, None]
"""A response body: bytes as received, text already decoded, or None for no body."""

_UTF8_BOM = b"\xef\xbb\xbf"


def error_from_response(status: int, headers: HeadersInput, body: Body) -> APIError:
    """Build the error of an HTTP response that is not a success; no body makes it raise.

    The class is that of the envelope's ``code`` when the registry lists it, else the
    family class of the status (403 gives ``agnes.PermissionError``), else ``APIError``
    for a status that the registry never uses. HTML, text, empty, invalid and huge
    bodies give an error with a short ``detail``, and the body is kept on ``body``
    (parsed JSON, or text up to 256 KiB). A 2xx response gives an
    ``UnexpectedResponseError`` that names the status and content type.

    ``body`` is decoded as UTF-8 when it is bytes. Only its first 256 KiB are read, and a
    ``str`` body is cut to the characters whose UTF-8 encoding fits in 256 KiB.

    Example::

        error = agnes.error_from_response(
            403, {"content-type": "application/json"}, b'{"code": "forbidden", "detail": "Denied."}'
        )
        assert isinstance(error, agnes.PermissionError) and error.code == "forbidden"
    """
    normalized = normalize_headers(headers)
    content_type = normalized.get("content-type")
    text = decode_body(body, MAX_ERROR_BODY_BYTES)
    parsed, is_json = parse_json(text) if is_json_content_type(content_type) else (None, False)
    kept_body: Any = parsed if is_json else text

    if 200 <= status < 300:
        return UnexpectedResponseError(
            status=status,
            detail=f"Expected an error response from the API, got HTTP {status} with {content_type_text(content_type)}",
            request_id=normalized.get("x-request-id"),
            headers=normalized,
            body=kept_body,
        )

    envelope: Dict[str, Any] = cast(Dict[str, Any], parsed) if is_json and isinstance(parsed, dict) else {}
    raw_code = envelope.get("code")
    code = raw_code if isinstance(raw_code, str) and _is_code(raw_code) else UNKNOWN_CODE
    spec = SPEC_BY_CODE.get(raw_code) if isinstance(raw_code, str) else None
    if spec is not None:
        error_class: Type[APIError] = spec.error_class
    else:
        error_class = FAMILY_CLASS_BY_STATUS.get(status, APIError)

    json_string = parsed if is_json and isinstance(parsed, str) else None
    detail = _first_text(envelope.get("detail"), envelope.get("title"), envelope.get("message"), json_string)
    return error_class(
        status=status,
        code=code,
        is_known_code=spec is not None,
        detail=shorten(detail if detail is not None else describe_body(status, content_type, text, is_json)),
        request_id=_first_text(envelope.get("request_id"), normalized.get("x-request-id")),
        doc_url=_first_text(envelope.get("doc_url")),
        params={name: value for name, value in envelope.items() if name not in ENVELOPE_MEMBERS},
        headers=normalized,
        body=kept_body,
        retryable=is_retryable_response(status, spec),
    )


def decode_body(body: Body, limit: int) -> str:
    """Decode the first ``limit`` bytes of a body as UTF-8, replacing invalid bytes; a leading BOM is dropped.

    A ``str`` body is cut to the characters whose UTF-8 encoding fits in ``limit`` bytes.
    """
    if body is None:
        return ""
    if isinstance(body, str):
        # Each character takes at least one byte, so the first ``limit`` characters are enough to encode.
        encoded = body[:limit].encode("utf-8", errors="surrogatepass")
        if len(encoded) <= limit and len(body) <= limit:
            return body
        return encoded[:limit].decode("utf-8", errors="ignore")
    data = bytes(body[:limit])
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    return data.decode("utf-8", errors="replace")


def parse_json(text: str) -> Tuple[Any, bool]:
    """Parse JSON as JavaScript's ``JSON.parse`` does; return ``(value, True)``, or ``(None, False)`` when invalid.

    ``NaN`` and ``Infinity`` are rejected, because JSON has no such literals. A body
    nested too deeply for Python's parser counts as invalid too.
    """
    try:
        return json.loads(text, parse_constant=_reject_constant), True
    except (ValueError, RecursionError):
        return None, False


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _is_code(value: str) -> bool:
    return value != "" and utf16_length(value) <= MAX_CODE_LENGTH


def _first_text(*values: Any) -> Optional[str]:
    """Return the first value that is a non-blank string."""
    for value in values:
        if isinstance(value, str) and js_trim(value) != "":
            return value
    return None
