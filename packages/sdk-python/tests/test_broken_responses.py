"""``agnes.Client`` against servers that drip, stall, reset or cut a response, on 127.0.0.1."""

from __future__ import annotations

import time
import unittest
from typing import Any, List, NamedTuple

import agnes

from .support.raw_server import Handler, RawServer, drip, reset, send, stall

JSON_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
TEXT_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n"
OK = send(JSON_HEAD % 2 + b"{}")


class Call(NamedTuple):
    result: Any
    error: Any
    seconds: float
    connections: int


def call(*handlers: Handler, timeout: float = 60.0, max_retries: int = 0) -> Call:
    """Make one GET against ``handlers`` and return its result or error, its duration and the connections made."""
    sleeps: List[float] = []
    with RawServer(*handlers) as server:
        client = agnes.Client(base_url=server.url, timeout=timeout, max_retries=max_retries, sleep=sleeps.append)
        start = time.monotonic()
        try:
            result, error = client.get("/v1/policies/pol_1"), None
        except agnes.AgnesError as raised:
            result, error = None, raised
        seconds = time.monotonic() - start
    return Call(result, error, seconds, server.connections)


class Drips(unittest.TestCase):
    """A response that arrives one byte at a time ends at the call's timeout, not when the server finishes."""

    def test_dripping_parts_end_at_the_timeout(self) -> None:
        cases = {
            "status line": drip(b"HTTP/1.1 200", b"0", 40, b" OK\r\nContent-Length: 0\r\n\r\n"),
            "header": drip(b"HTTP/1.1 200 OK\r\nX-Pad: ", b"a", 40, b"\r\nContent-Length: 0\r\n\r\n"),
            "JSON body": drip(JSON_HEAD % 42, b" ", 40, b"{}"),
            "text body": drip(TEXT_HEAD % 40, b"x", 40),
            "error body": drip(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n", b" ", 40),
        }
        for part, handler in cases.items():
            with self.subTest(part=part):
                outcome = call(handler, timeout=0.5)
                self.assertIs(type(outcome.error), agnes.TimeoutError)
                self.assertFalse(outcome.error.retryable)
                # The client hung up before the server had dripped every byte. The server
                # notices that at its next write, so at most one more byte reached the socket.
                self.assertLess(handler.sent, handler.count)


class FailedBodies(unittest.TestCase):
    """A 2xx body that fails midway raises the transport error, whatever its content type."""

    def test_reset_body_is_a_connection_error(self) -> None:
        for head in (JSON_HEAD, TEXT_HEAD):
            with self.subTest(head=head):
                outcome = call(reset(head % 100 + b"hel"))
                self.assertIs(type(outcome.error), agnes.ConnectionError)
                self.assertTrue(outcome.error.retryable)

    def test_stalled_text_body_times_out(self) -> None:
        outcome = call(stall(TEXT_HEAD % 100 + b"hel"), timeout=0.5)
        self.assertIs(type(outcome.error), agnes.TimeoutError)

    def test_reset_body_is_retried(self) -> None:
        outcome = call(reset(TEXT_HEAD % 100 + b"hel"), OK, max_retries=1)
        self.assertEqual(outcome.result, {})
        self.assertEqual(outcome.connections, 2)


class ShortBodies(unittest.TestCase):
    """A body shorter than its Content-Length is a retryable connection error, never a success."""

    def test_short_bodies_are_connection_errors(self) -> None:
        cases = {
            "JSON": JSON_HEAD % 100 + b'{"a":1}',
            "text": TEXT_HEAD % 100 + b"hello",
            "empty": JSON_HEAD % 100,
            "no content type": b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n",
        }
        for name, response in cases.items():
            with self.subTest(body=name):
                outcome = call(send(response))
                self.assertIs(type(outcome.error), agnes.ConnectionError)
                self.assertTrue(outcome.error.retryable)
                self.assertIn("IncompleteRead", str(outcome.error))

    def test_short_body_is_retried(self) -> None:
        outcome = call(send(JSON_HEAD % 100 + b'{"a":1}'), OK, max_retries=1)
        self.assertEqual(outcome.result, {})
        self.assertEqual(outcome.connections, 2)

    def test_exact_length_is_a_success(self) -> None:
        outcome = call(send(JSON_HEAD % 7 + b'{"a":1}'))
        self.assertEqual(outcome.result, {"a": 1})


if __name__ == "__main__":
    unittest.main()
