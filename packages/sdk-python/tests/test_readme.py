"""The retry section of the README states the client's real defaults and rules."""

from __future__ import annotations

import re
import unittest
from pathlib import Path

import agnes

README = re.sub(r"\s+", " ", (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8"))
UNAVAILABLE = agnes.error_from_response(503, {}, None)


class RetriesSection(unittest.TestCase):
    def test_default_retry_count_and_cap(self) -> None:
        client = agnes.Client(base_url="https://api.example.com")
        self.assertIn(f"at most `max_retries` retries (default {client.max_retries})", README)
        self.assertIn(f"A hint above `max_retry_after` (default {client.max_retry_after:g} s) ends the retries", README)
        self.assertIn(f"the call's `timeout` (default {client.timeout:g} s, retries included)", README)

    def test_retry_budget_defaults(self) -> None:
        budget = agnes.RetryBudget()
        retry_cost = budget.acquire(UNAVAILABLE)
        timeout_cost = budget.acquire(agnes.TimeoutError("slow", True))
        before = budget.available
        budget.record_success(None)
        self.assertIn(f"{budget.capacity} tokens when full, {retry_cost} per retry and {timeout_cost} per retry after a timeout", README)
        self.assertIn(f"succeeds at its first attempt adds {budget.available - before} token", README)

    def test_methods_without_a_key(self) -> None:
        cases = {"POST": False, "PATCH": False, "DELETE": False, "GET": True, "HEAD": True, "PUT": True, "OPTIONS": True}
        for method, retried in cases.items():
            with self.subTest(method):
                self.assertEqual(agnes.retry_decision(UNAVAILABLE, method=method).retry, retried)
        self.assertIn("POST, PATCH and DELETE are retried only with an idempotency key", README)
        self.assertIn("GET, HEAD, PUT, OPTIONS and any other method are retried without one", README)


if __name__ == "__main__":
    unittest.main()
