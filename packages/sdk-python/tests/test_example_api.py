"""End to end: the Python client against the example service of ``apps/api``, started with Node 24."""

from __future__ import annotations

import unittest
from typing import List, Optional

import agnes

from .support.api import ExampleApi, node_24

NODE = node_24()
DELETE_PATH = "/v1/policies/pol_1"


@unittest.skipIf(NODE is None, "Node 24 is not on PATH; run `. scripts/env.sh` first")
class ExampleApiScenarios(unittest.TestCase):
    api: ExampleApi

    @classmethod
    def setUpClass(cls) -> None:
        assert NODE is not None
        cls.api = ExampleApi(NODE).__enter__()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.api.stop()

    def client(self, api_key: Optional[str], sleeps: Optional[List[float]] = None) -> agnes.Client:
        recorded = sleeps if sleeps is not None else []
        return agnes.Client(api_key=api_key, base_url=self.api.url, sleep=recorded.append)

    def test_reference_scenario_raises_permission_error_after_one_attempt(self) -> None:
        sleeps: List[float] = []
        before = self.api.requests_to("DELETE", DELETE_PATH)
        with self.assertRaises(agnes.PermissionError) as caught:
            self.client("agnes_demo_read", sleeps).request("DELETE", DELETE_PATH, idempotency_key=True)
        error = caught.exception
        self.assertIs(type(error), agnes.PermissionError)
        self.assertEqual((error.status, error.code, error.is_known_code), (403, "forbidden", True))
        self.assertEqual(error.detail, "Permission denied: missing scope policy:delete.")
        self.assertEqual(error.doc_url, "https://docs.lasscyber.com/errors/forbidden")
        self.assertTrue(error.request_id)
        self.assertEqual(error.request_id, error.headers["x-request-id"])
        self.assertFalse(error.retryable)
        self.assertEqual(sleeps, [])
        assert error.request_id is not None
        self.api.wait_for_completion(error.request_id)
        self.assertEqual(self.api.requests_to("DELETE", DELETE_PATH) - before, 1, "exactly one attempt reached the service")

    def test_read_key_gets_the_policy(self) -> None:
        policy = self.client("agnes_demo_read").request("GET", DELETE_PATH)
        self.assertEqual(policy["id"], "pol_1")

    def test_unverified_user_gets_the_code_class(self) -> None:
        with self.assertRaises(agnes.EmailNotVerifiedError) as caught:
            self.client("agnes_demo_unverified").request("GET", DELETE_PATH)
        self.assertIsInstance(caught.exception, agnes.PermissionError)

    def test_missing_and_invalid_keys(self) -> None:
        for api_key, code in ((None, "unauthenticated"), ("agnes_not_a_key", "invalid_api_key")):
            with self.subTest(code):
                with self.assertRaises(agnes.AuthenticationError) as caught:
                    self.client(api_key).request("GET", DELETE_PATH)
                self.assertEqual(caught.exception.code, code)

    def test_unknown_route(self) -> None:
        with self.assertRaises(agnes.NotFoundError) as caught:
            self.client("agnes_demo_read").request("GET", "/v1/nothing-here")
        self.assertEqual(caught.exception.code, "route_not_found")


@unittest.skipIf(NODE is None, "Node 24 is not on PATH; run `. scripts/env.sh` first")
class ExampleApiRateLimit(unittest.TestCase):
    def test_rate_limit_waits_for_retry_after_then_surfaces(self) -> None:
        assert NODE is not None
        with ExampleApi(NODE, {"RATE_LIMIT_MAX": "1"}) as api:
            sleeps: List[float] = []
            client = agnes.Client(api_key="agnes_demo_read", base_url=api.url, max_retries=1, timeout=600, sleep=sleeps.append)
            client.request("GET", DELETE_PATH)
            with self.assertRaises(agnes.RateLimitError) as caught:
                client.request("GET", DELETE_PATH)
        # Stopping the service has read its whole log.
        attempts = api.requests_to("GET", DELETE_PATH)
        error = caught.exception
        self.assertEqual(error.code, "rate_limited")
        self.assertEqual(float(error.headers["retry-after"]), float(error.params["retry_after"]))
        self.assertEqual(len(sleeps), 1, "the client retried once")
        self.assertTrue(1 <= sleeps[0] <= 60 and sleeps[0].is_integer(), f"the wait is the server's hint in whole seconds, got {sleeps[0]}")
        self.assertEqual(attempts, 3, "one allowed request, then an attempt and its retry")


if __name__ == "__main__":
    unittest.main()
