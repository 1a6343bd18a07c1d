"""``agnes.Client`` with broken loggers and invalid options: only the SDK's documented classes come out."""

from __future__ import annotations

import logging
import unittest
from typing import Any, List

import agnes

from .support.server import Reply, ScriptedServer

JSON = [("content-type", "application/json")]
OK = Reply(200, JSON, b'{"id":"pol_1"}')
UNAVAILABLE = Reply(503, JSON, b'{"code":"service_unavailable","detail":"Down for a moment."}')


class SinkDownError(Exception):
    """Raised by the broken log handler and filter below."""


class RaisingHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        raise SinkDownError("the log sink is down")


class RaisingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        raise SinkDownError("the log filter failed")


def broken_logger(name: str, part: str) -> logging.Logger:
    """Return a DEBUG logger whose handler or filter (``part``) raises on every record."""
    logger = logging.getLogger(f"agnes.tests.{name}")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    logger.handlers.clear()
    logger.filters.clear()
    if part == "handler":
        logger.addHandler(RaisingHandler())
    else:
        logger.addFilter(RaisingFilter())
    return logger


class BrokenLoggers(unittest.TestCase):
    """A logger that raises neither replaces the call's error nor stops its retries."""

    def test_retry_survives_a_broken_logger(self) -> None:
        for part in ("handler", "filter"):
            with self.subTest(part=part):
                with ScriptedServer([UNAVAILABLE, OK]) as server:
                    client = agnes.Client(base_url=server.url, logger=broken_logger("retry", part), sleep=lambda _: None)
                    self.assertEqual(client.get("/v1/policies/pol_1"), {"id": "pol_1"})
                self.assertEqual(len(server.requests), 2)

    def test_error_survives_a_broken_logger(self) -> None:
        for part in ("handler", "filter"):
            with self.subTest(part=part):
                with ScriptedServer([UNAVAILABLE]) as server:
                    client = agnes.Client(base_url=server.url, logger=broken_logger("error", part), max_retries=0)
                    with self.assertRaises(agnes.ServiceUnavailableError) as raised:
                        client.get("/v1/policies/pol_1")
                self.assertIsNone(raised.exception.__context__)

    def test_default_logger_with_broken_handler(self) -> None:
        logger = logging.getLogger("agnes")
        handler = RaisingHandler()
        level = logger.level
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        try:
            with ScriptedServer([UNAVAILABLE, OK]) as server:
                client = agnes.Client(base_url=server.url, sleep=lambda _: None)
                self.assertEqual(client.get("/v1/policies/pol_1"), {"id": "pol_1"})
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)



def deeply_nested(depth: int) -> List[Any]:
    nested: List[Any] = []
    for _ in range(depth):
        nested = [nested]
    return nested


class InvalidClientOptions(unittest.TestCase):
    """Options that would fail later with a built-in error are rejected by the constructor."""

    def test_options_are_rejected_by_name(self) -> None:
        local = "http://127.0.0.1"
        cases = [
            ({"retry_budget": 5}, r"^Invalid retry_budget 5: expected an agnes\.RetryBudget"),
            ({"logger": "agnes"}, r"^Invalid logger 'agnes': expected a logging\.Logger or another object with a debug method, such as logging\.getLogger\('agnes'\)$"),
            ({"logger": 1}, r"^Invalid logger 1: expected a logging\.Logger"),
            ({"sleep": None}, r"^Invalid sleep None: expected a function that takes seconds, such as time\.sleep"),
            ({"clock": None}, r"^Invalid clock None: expected a function that returns monotonic seconds"),
            ({"wall_clock": 0}, r"^Invalid wall_clock 0: expected a function that returns seconds since the epoch"),
            ({"random": "x"}, r"^Invalid random 'x': expected a function that returns a float in \[0, 1\)"),
            ({"default_headers": "abc"}, r"^Invalid default_headers: expected a mapping of header names to values.*got str$"),
            ({"default_headers": [("x-a", "1", "2")]}, r"^Invalid default_headers: .*or a list of \(name, value\) pairs, got list$"),
            ({"default_headers": 5}, r"^Invalid default_headers: .*got int$"),
            ({"default_headers": {1: "x"}}, r"^Invalid header name 1: expected an HTTP token"),
            ({"default_headers": {"x-a": 1}}, r"^Invalid value of header 'x-a': expected a string, got int$"),
        ]
        for options, message in cases:
            with self.subTest(options=options):
                with self.assertRaisesRegex(agnes.InvalidOptionError, message):
                    agnes.Client(base_url=local, **options)

    def test_base_url_with_query_or_fragment(self) -> None:
        for base_url in ("http://127.0.0.1/v1?tenant=t1", "http://127.0.0.1/v1#top", "http://127.0.0.1/?", "http://127.0.0.1#"):
            with self.subTest(base_url=base_url):
                with self.assertRaisesRegex(agnes.InvalidOptionError, r"it has a query string or fragment, but each request path is appended to base_url.*put the query in the request path"):
                    agnes.Client(base_url=base_url)

    def test_header_pairs_and_logger_adapters_are_accepted(self) -> None:
        adapter = logging.LoggerAdapter(logging.getLogger("agnes.tests.adapter"), {"tenant": "t1"})
        with ScriptedServer([OK, OK]) as server:
            # Pairs are not in the typed signature, but dict() has always accepted them at run time.
            pairs: Any = [("x-tenant", "t1")]
            client = agnes.Client(base_url=server.url, logger=adapter, default_headers=pairs)
            request_pairs: Any = [("x-request-source", "tests")]
            client.get("/a", headers=request_pairs)
            client.get("/b")
        self.assertEqual(server.requests[0].headers.get("x-tenant"), "t1")
        self.assertEqual(server.requests[0].headers.get("x-request-source"), "tests")
        self.assertEqual(server.requests[1].headers.get("x-tenant"), "t1")

    def test_valid_options_are_kept(self) -> None:
        logger = logging.getLogger("agnes.tests.valid")
        budget = agnes.RetryBudget()
        client = agnes.Client(base_url="http://127.0.0.1/api", logger=logger, retry_budget=budget, default_headers={"x-tenant": "t1"})
        self.assertIs(client.retry_budget, budget)
        self.assertEqual(client.base_url, "http://127.0.0.1/api")


class InvalidRequestOptions(unittest.TestCase):
    """Request options that would fail with a built-in error or reach the wrong resource are rejected before sending."""

    def test_requests_are_rejected_before_sending(self) -> None:
        cases: List[Any] = [
            # subTest names a case by its message, because the repr of a deeply nested body raises RecursionError.
            ("GET", {"headers": ["x-a"]}, r"^Invalid headers: expected a mapping of header names to values.*got list$"),
            ("GET", {"headers": "x-a: 1"}, r"^Invalid headers: .*got str$"),
            ("GET", {"headers": {1: "x"}}, r"^Invalid header name 1: expected an HTTP token"),
            ("GET", {"headers": {b"x-a": "1"}}, r"^Invalid header name b'x-a'"),
            ("POST", {"body": deeply_nested(100_000)}, r"^Invalid request body: it is nested too deeply for json\.dumps; flatten it$"),
            ("POST", {"idempotency_key": 5}, r"^Invalid idempotency_key 5: expected a non-empty string, True for a random key, or None or False for no key$"),
            ("POST", {"idempotency_key": b"key"}, r"^Invalid idempotency_key b'key'"),
            ("POST", {"idempotency_key": ""}, r"^Invalid idempotency_key ''"),
        ]
        with ScriptedServer([OK]) as server:
            client = agnes.Client(base_url=server.url)
            for method, options, message in cases:
                with self.subTest(method=method, option=next(iter(options)), message=message):
                    with self.assertRaisesRegex(agnes.InvalidOptionError, message):
                        client.request(method, "/v1/policies", **options)
            with self.assertRaisesRegex(agnes.InvalidOptionError, r"^Invalid path '/v1/policies#top': it contains a fragment.*%23"):
                client.get("/v1/policies#top")
        self.assertEqual(server.requests, [])

    def test_idempotency_key_false_sends_none(self) -> None:
        with ScriptedServer([OK]) as server:
            agnes.Client(base_url=server.url).post("/v1/policies", idempotency_key=False)
        self.assertNotIn("idempotency-key", server.requests[0].headers)


if __name__ == "__main__":
    unittest.main()
