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


if __name__ == "__main__":
    unittest.main()
