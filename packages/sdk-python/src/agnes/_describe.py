"""Short details for bodies that are not an error envelope: HTML pages, text, empty and invalid JSON."""

from __future__ import annotations

import re
from typing import List, Optional

from ._headers import JS_WHITESPACE_RUN, js_trim

MAX_DETAIL_LENGTH = 300
"""Longest ``detail`` that the SDK keeps, in UTF-16 code units as JavaScript counts; longer text ends with ``…``."""

_HTML_TITLE = re.compile(r"<title[^>]*>([^<]*)", re.IGNORECASE)


def utf16_length(text: str) -> int:
    """Return the length of ``text`` as JavaScript counts it: characters outside the BMP count twice."""
    return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)


def shorten(text: str) -> str:
    """Cut text to ``MAX_DETAIL_LENGTH`` UTF-16 code units, ending it with ``…`` when cut."""
    if utf16_length(text) <= MAX_DETAIL_LENGTH:
        return text
    characters: List[str] = []
    units = 0
    for character in text:
        width = 2 if ord(character) > 0xFFFF else 1
        if units + width > MAX_DETAIL_LENGTH - 1:
            break
        characters.append(character)
        units += width
    return "".join(characters) + "…"


def content_type_text(content_type: Optional[str]) -> str:
    """Return the content type for a message, or ``no content type`` when there is none."""
    return f"content type {content_type}" if content_type else "no content type"


def describe_body(status: int, content_type: Optional[str], text: str, parsed_json: bool) -> str:
    """Describe a body that has no usable ``detail`` in one short line.

    The line is the ``<title>`` of an HTML page, the first line of text, or what kind of
    body it was. It names the status and is never the whole page.
    """
    prefix = f"HTTP {status}"
    trimmed = js_trim(text)
    if trimmed == "":
        return f"{prefix} with an empty body"
    if parsed_json:
        return f"{prefix} with a JSON body that has no detail"
    if "json" in (content_type or "").lower():
        return f"{prefix} with a body that is not valid JSON ({content_type_text(content_type)})"
    if "html" in (content_type or "").lower() or trimmed.startswith("<"):
        match = _HTML_TITLE.search(trimmed)
        title = js_trim(JS_WHITESPACE_RUN.sub(" ", match.group(1))) if match else ""
        return shorten(f"{prefix}: {title} (HTML page)" if title else f"{prefix} with an HTML page")
    return shorten(f"{prefix}: {js_trim(trimmed.split(chr(10), 1)[0])}")
