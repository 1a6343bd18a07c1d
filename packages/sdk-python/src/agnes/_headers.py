"""Response headers as a plain dict with lowercase names, and the JSON content type rule."""

from __future__ import annotations

import re
from email.message import Message
from typing import Dict, Iterable, Mapping, Optional, Tuple, Union

# The typeshed stubs of pyright 1.1.414 declare Message generic, but those of mypy 1.0.1 (Debian 12)
# declare it without type arguments, so that mypy needs the ignore. Pyright needs none here.
HeadersInput = Union[Mapping[str, str], Iterable[Tuple[str, str]], "Message[str, str]", None]  # type: ignore[type-arg]
"""Headers as a mapping, a sequence of ``(name, value)`` pairs, or an ``http.client.HTTPMessage``."""

JSON_CONTENT_TYPE = re.compile(r"application/(?:[\w.+-]+\+)?json[\t ]*(?:;|$)", re.IGNORECASE | re.ASCII)
"""``application/json`` or any ``application/<subtype>+json``, with or without parameters."""


def normalize_headers(headers: HeadersInput) -> Dict[str, str]:
    """Return the headers with lowercase names; values of repeated names are joined with ``", "``.

    Accepts a mapping, ``(name, value)`` pairs, or an ``email.message.Message`` such as
    the ``HTTPMessage`` that ``urllib`` returns, whose ``items()`` lists repeated names.
    Leading and trailing spaces and tabs of values are removed, as HTTP parsers do.
    """
    if headers is None:
        return {}
    items = getattr(headers, "items", None)
    pairs: Iterable[Tuple[str, str]] = items() if callable(items) else headers  # type: ignore[assignment]
    result: Dict[str, str] = {}
    for name, value in pairs:
        key = str(name).lower()
        text = str(value).strip(" \t")
        result[key] = f"{result[key]}, {text}" if key in result else text
    return result


def is_json_content_type(content_type: Optional[str]) -> bool:
    """Tell whether a ``Content-Type`` value names JSON, such as ``application/problem+json; charset=utf-8``.

    ``application/json-seq``, ``application/jsonx`` and ``text/json`` are not JSON.
    """
    return content_type is not None and JSON_CONTENT_TYPE.match(js_trim(content_type)) is not None


_JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
JS_WHITESPACE_RUN = re.compile(f"[{_JS_WHITESPACE}]+")
"""A run of the characters that JavaScript's ``trim()`` and ``\\s`` treat as white space."""


def js_trim(text: str) -> str:
    """Strip white space as JavaScript's ``String.prototype.trim`` does.

    The TypeScript SDK trims with it, and Python's ``str.strip`` differs on a few
    characters (it strips U+001C to U+001F and U+0085 but not U+FEFF), so both SDKs
    use one definition for the same vectors.
    """
    return text.strip(_JS_WHITESPACE)

