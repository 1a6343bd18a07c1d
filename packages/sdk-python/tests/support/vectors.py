"""The shared conformance vectors: loading, response bodies, and the checks of ``expected``.

The format is documented in ``conformance/README.md`` at the repository root; the
TypeScript SDK runs the same files.
"""

from __future__ import annotations

import json
import math
import unittest
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, Iterator, List, Mapping, NamedTuple, Tuple

import agnes
from agnes._describe import utf16_length

CONFORMANCE_DIRECTORY = Path(__file__).resolve().parents[4] / "conformance"
VECTOR_FILES = ("vectors.generated.json", "vectors.hostile.json")
CHUNK_BYTES = 16 * 1024
"""Chunk size of streamed bodies, as the TypeScript runner uses."""


class Vector(NamedTuple):
    """One vector with the request context of its file's defaults applied."""

    file: str
    id: str
    response: Mapping[str, Any]
    request: Mapping[str, Any]
    expected: Mapping[str, Any]


def load_vectors() -> List[Vector]:
    """Return every vector of both files, in file order."""
    vectors: List[Vector] = []
    for name in VECTOR_FILES:
        document = json.loads((CONFORMANCE_DIRECTORY / name).read_text(encoding="utf-8"))
        defaults = document["defaults"]["request"]
        for vector in document["vectors"]:
            request = {**defaults, **vector.get("request", {})}
            vectors.append(Vector(name, vector["id"], vector["response"], request, vector["expected"]))
    return vectors


def body_chunks(body: Any) -> Iterator[bytes]:
    """Yield the bytes of a vector body in chunks of at most 16 KiB."""
    if body is None:
        return
    if "text" in body:
        data = body["text"].encode("utf-8")
    elif "json" in body:
        data = json.dumps(body["json"], separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    else:
        yield from _repeated_chunks(body)
        return
    for start in range(0, len(data), CHUNK_BYTES):
        yield data[start : start + CHUNK_BYTES]


def _repeated_chunks(body: Mapping[str, Any]) -> Iterator[bytes]:
    prefix = body.get("prefix", "").encode("utf-8")
    if prefix:
        yield prefix
    unit = body["repeat"].encode("utf-8")
    per_chunk = max(1, CHUNK_BYTES // len(unit))
    remaining: int = body["times"]
    while remaining > 0:
        count = min(per_chunk, remaining)
        yield unit * count
        remaining -= count
    suffix = body.get("suffix", "").encode("utf-8")
    if suffix:
        yield suffix


def body_bytes(body: Any) -> bytes:
    """Return the whole body of a vector."""
    return b"".join(body_chunks(body))


def epoch_seconds(timestamp: str) -> float:
    """Return an RFC 3339 time such as ``2026-10-21T07:27:30Z`` in seconds since the epoch."""
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()


def retry_context(request: Mapping[str, Any]) -> Dict[str, Any]:
    """Return the keyword arguments of ``agnes.retry_decision`` for a vector's request context."""
    return {
        "method": request["method"],
        "has_idempotency_key": request["idempotencyKey"],
        "retry": request["retryNumber"],
        "max_retries": request["maxRetries"],
        "max_retry_after": request["maxRetryAfterMs"] / 1000,
        "now": epoch_seconds(request["now"]),
    }


ATTRIBUTE_BY_MEMBER: Tuple[Tuple[str, str], ...] = (
    ("status", "status"),
    ("code", "code"),
    ("isKnownCode", "is_known_code"),
    ("requestId", "request_id"),
    ("docUrl", "doc_url"),
    ("detail", "detail"),
    ("params", "params"),
    ("bodyJson", "body"),
)


def check_error(test: unittest.TestCase, error: BaseException, expected: Mapping[str, Any]) -> None:
    """Check each member of ``expected`` that is present, and only those, except ``retry``."""
    python_class = expected["class"]["python"]
    test.assertEqual(type(error).__name__, python_class, "class")
    test.assertIs(type(error), getattr(agnes, python_class), "class is the agnes export of that name")
    assert isinstance(error, agnes.APIError)

    for member, attribute in ATTRIBUTE_BY_MEMBER:
        if member in expected:
            actual = getattr(error, attribute)
            test.assertTrue(json_equal(actual, expected[member]), f"{attribute}: expected {expected[member]!r}, got {actual!r}")
    for part in expected.get("detailIncludes", []):
        test.assertIn(part, error.detail, "detailIncludes")
    for part in expected.get("detailExcludes", []):
        test.assertNotIn(part, error.detail, "detailExcludes")
    if "detailMaxLength" in expected:
        test.assertLessEqual(utf16_length(error.detail), expected["detailMaxLength"], "detailMaxLength")
    if "bodyTextPrefix" in expected:
        test.assertIsInstance(error.body, str, "body is text")
        test.assertTrue(str(error.body).startswith(expected["bodyTextPrefix"]), "bodyTextPrefix")
    if "bodyTextMaxLength" in expected:
        test.assertIsInstance(error.body, str, "body is text")
        test.assertLessEqual(utf16_length(str(error.body)), expected["bodyTextMaxLength"], "bodyTextMaxLength")


def check_retry(test: unittest.TestCase, decision: agnes.RetryDecision, expected: Mapping[str, Any]) -> None:
    """Check a retry decision against ``expected.retry``: every delay the SDK may choose lies in the bounds."""
    test.assertEqual(decision.retry, expected["retry"], f"retry ({decision.reason})")
    if expected["retry"]:
        bounds = expected["delayMs"]
        for delay in (decision.min_delay, decision.max_delay):
            test.assertTrue(math.isfinite(delay), "delay is finite")
            test.assertGreaterEqual(delay * 1000, bounds["min"] - 1e-6, "delay at or above the minimum")
            test.assertLessEqual(delay * 1000, bounds["max"] + 1e-6, "delay at or below the maximum")
        test.assertLessEqual(decision.min_delay, decision.max_delay, "bounds in order")


def json_equal(actual: Any, expected: Any) -> bool:
    """Compare two JSON values; unlike ``==``, ``true`` and ``1`` differ."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(actual) is type(expected) and actual == expected
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return actual == expected
    if isinstance(expected, list):
        items: List[Any] = expected
        return isinstance(actual, list) and len(actual) == len(items) and all(json_equal(a, e) for a, e in zip(actual, items))  # pyright: ignore[reportUnknownArgumentType, reportUnknownVariableType]
    if isinstance(expected, dict):
        members: Dict[str, Any] = expected
        return isinstance(actual, dict) and actual.keys() == members.keys() and all(json_equal(actual[k], v) for k, v in members.items())  # pyright: ignore[reportUnknownMemberType]
    return type(actual) is type(expected) and actual == expected
