"""``agnes.Client`` against real HTTP servers on 127.0.0.1; delays go to a recording sleep, not the clock."""

from __future__ import annotations

import json
import math
import os
import threading
import unittest
from unittest import mock
from typing import Any, Iterator, List, NamedTuple, Sequence

import agnes

from .support.server import Reply, ScriptedServer, closed_port_url
from .support.vectors import epoch_seconds

JSON = [("content-type", "application/json")]
OK = Reply(200, JSON, b'{"id":"pol_1"}')
UNAVAILABLE = Reply(503, JSON, b'{"code":"service_unavailable","detail":"Down for a moment."}')
FORBIDDEN = Reply(
    403,
    [("content-type", "application/problem+json; charset=utf-8"), ("x-request-id", "req-403")],
    b'{"detail":"Permission denied: missing scope policy:delete.","code":"forbidden","request_id":"req-403"}',
)


class Call(NamedTuple):
    result: Any
    error: Any
    sleeps: List[float]
    attempts: int


def run(script: Sequence[Reply], method: str = "GET", **options: Any) -> Call:
    """Serve ``script``, make one call with a recording sleep, and return what happened."""
    request_options = {key: options.pop(key) for key in ("body", "headers", "idempotency_key") if key in options}
    sleeps: List[float] = []
    with ScriptedServer(script) as server:
        client = agnes.Client(base_url=server.url, sleep=sleeps.append, random=lambda: 0.5, **options)
        try:
            return Call(client.request(method, "/v1/policies/pol_1", **request_options), None, sleeps, len(server.requests))
        except agnes.AgnesError as error:
            return Call(None, error, sleeps, len(server.requests))


class Success(unittest.TestCase):
    def test_json_body_is_returned(self) -> None:
        self.assertEqual(run([OK]).result, {"id": "pol_1"})

    def test_empty_body_is_none(self) -> None:
        call = run([Reply(204)])
        self.assertEqual((call.result, call.error), (None, None))

    def test_request_headers(self) -> None:
        with ScriptedServer([OK]) as server:
            client = agnes.Client(base_url=server.url + "/", api_key="agnes_demo_read", default_headers={"X-Tenant": "t1", "Accept": "text/plain"})
            client.request("GET", "/v1/policies?limit=2", headers={"x-tenant": "t2"})
        request = server.requests[0]
        self.assertEqual(request.path, "/v1/policies?limit=2")
        self.assertEqual(request.headers["authorization"], "Bearer agnes_demo_read")
        self.assertEqual(request.headers["accept"], "application/json")
        self.assertEqual(request.headers["x-tenant"], "t2")
        self.assertEqual(request.headers["user-agent"], f"agnes-python/{agnes.__version__}")
        self.assertNotIn("idempotency-key", request.headers)

    def test_body_is_sent_as_json(self) -> None:
        with ScriptedServer([OK]) as server:
            agnes.Client(base_url=server.url).request("POST", "/v1/policies", body={"name": "ä"})
        request = server.requests[0]
        self.assertEqual((request.method, request.headers["content-type"]), ("POST", "application/json"))
        self.assertEqual(json.loads(request.body), {"name": "ä"})

    def test_method_shortcuts(self) -> None:
        with ScriptedServer([OK]) as server:
            client = agnes.Client(base_url=server.url)
            client.get("/v1/policies/pol_1")
            client.post("/v1/policies", body={"n": 1})
            client.put("/v1/policies/pol_1", body={"n": 2})
            client.patch("/v1/policies/pol_1", body={"n": 3}, idempotency_key="k")
            client.delete("/v1/policies/pol_1")
        sent = [(request.method, request.body, request.headers.get("idempotency-key")) for request in server.requests]
        self.assertEqual(
            sent,
            [("GET", b"", None), ("POST", b'{"n":1}', None), ("PUT", b'{"n":2}', None), ("PATCH", b'{"n":3}', "k"), ("DELETE", b"", None)],
        )

    def test_success_refunds_the_retry_budget(self) -> None:
        budget = agnes.RetryBudget(capacity=10, retry_cost=5)
        run([UNAVAILABLE, OK], retry_budget=budget)
        self.assertEqual(budget.available, 10)


class UnexpectedSuccess(unittest.TestCase):
    def test_html_page_is_not_retried(self) -> None:
        call = run([Reply(200, [("content-type", "text/html")], b"<!DOCTYPE html><html>Checking your browser</html>")])
        self.assertIsInstance(call.error, agnes.UnexpectedResponseError)
        self.assertEqual(call.error.detail, "Expected a JSON response from the API, got HTTP 200 with content type text/html")
        self.assertEqual(call.attempts, 1)

    def test_page_is_read_up_to_256_kib(self) -> None:
        def endless_page() -> Iterator[bytes]:
            yield b"<p>" + b"x" * 300_000
            threading.Event().wait(2)  # a client that reads on waits past its timeout
            yield b"</p>"

        call = run([Reply(200, [("content-type", "text/html")], endless_page())], timeout=0.5)
        self.assertIsInstance(call.error, agnes.UnexpectedResponseError)
        self.assertEqual(len(call.error.body), agnes.MAX_ERROR_BODY_BYTES)

    def test_invalid_json_names_the_content_type(self) -> None:
        call = run([Reply(200, JSON, b"{not json")])
        self.assertIsInstance(call.error, agnes.UnexpectedResponseError)
        self.assertIn("not valid JSON (content type application/json)", call.error.detail)
        self.assertEqual(call.error.body, "{not json")


class Retries(unittest.TestCase):
    def test_transient_errors_are_retried_with_backoff(self) -> None:
        call = run([UNAVAILABLE, UNAVAILABLE, OK])
        self.assertEqual(call.result, {"id": "pol_1"})
        self.assertEqual(call.attempts, 3)
        self.assertEqual(call.sleeps, [0.75, 1.5])

    def test_unusable_hint_gets_backoff_and_exactly_max_retries(self) -> None:
        call = run([Reply(429, [*JSON, ("retry-after", "soon")], b'{"code":"rate_limited","detail":"Slow down."}')], max_retries=2)
        self.assertIsInstance(call.error, agnes.RateLimitError)
        self.assertEqual(call.attempts, 3)
        self.assertEqual(len(call.sleeps), 2)
        self.assertTrue(all(math.isfinite(delay) and delay >= 0 for delay in call.sleeps))

    def test_empty_429_waits_for_retry_after(self) -> None:
        call = run([Reply(429, [("content-length", "0"), ("retry-after", "5")]), OK])
        self.assertEqual((call.result, call.sleeps), ({"id": "pol_1"}, [5.0]))

    def test_retry_after_date_uses_the_wall_clock(self) -> None:
        date = Reply(429, [*JSON, ("retry-after", "Wed, 21 Oct 2026 07:28:00 GMT")], b'{"code":"rate_limited","detail":"x"}')
        call = run([date, OK], wall_clock=lambda: epoch_seconds("2026-10-21T07:27:30Z"))
        self.assertEqual(call.sleeps, [30.0])

    def test_hint_above_the_cap_surfaces_at_once(self) -> None:
        call = run([Reply(429, [("retry-after", "120")]), OK])
        self.assertIsInstance(call.error, agnes.RateLimitError)
        self.assertEqual((call.attempts, call.sleeps), (1, []))

    def test_lower_cap_option(self) -> None:
        call = run([Reply(429, [("retry-after", "5")]), OK], max_retry_after=4)
        self.assertEqual((call.attempts, call.sleeps), (1, []))

    def test_delay_past_the_timeout_surfaces_the_error(self) -> None:
        with self.assertLogs("agnes", "DEBUG") as logs:
            call = run([Reply(503, [("retry-after", "30")]), OK], timeout=10)
        self.assertIsInstance(call.error, agnes.ServiceUnavailableError)
        self.assertEqual(call.attempts, 1)
        self.assertIn("Not retrying request: a delay of 30.000 s would end after the call's timeout", logs.output[0])

    def test_forbidden_is_never_retried(self) -> None:
        call = run([FORBIDDEN, OK])
        self.assertIs(type(call.error), agnes.PermissionError)
        self.assertEqual((call.error.request_id, call.attempts), ("req-403", 1))

    def test_max_retries_zero(self) -> None:
        with self.assertLogs("agnes", "DEBUG") as logs:
            self.assertEqual(run([UNAVAILABLE, OK], max_retries=0).attempts, 1)
        self.assertIn("Not retrying request: retries are off (max_retries is 0)", logs.output[0])

    def test_one_retry_is_logged_in_the_singular(self) -> None:
        with self.assertLogs("agnes", "DEBUG") as logs:
            self.assertEqual(run([UNAVAILABLE], max_retries=1).attempts, 2)
        self.assertIn("Not retrying request: the 1 retry is used", logs.output[-1])

    def test_empty_budget_stops_retries_across_clients(self) -> None:
        budget = agnes.RetryBudget(capacity=5, retry_cost=5)
        self.assertEqual(run([UNAVAILABLE], retry_budget=budget).attempts, 2)
        self.assertEqual(run([UNAVAILABLE], retry_budget=budget).attempts, 1)

    def test_retries_are_logged(self) -> None:
        with self.assertLogs("agnes", "DEBUG") as logs:
            run([UNAVAILABLE, OK])
        self.assertEqual(len(logs.records), 1)
        self.assertIn("Retrying request in 0.750 s after backoff", logs.output[0])
        self.assertIn("status=503 code=service_unavailable", logs.output[0])

    def test_logged_path_has_no_query_string(self) -> None:
        with ScriptedServer([UNAVAILABLE, OK]) as server:
            client = agnes.Client(base_url=server.url, sleep=lambda _: None, random=lambda: 0.5)
            with self.assertLogs("agnes", "DEBUG") as logs:
                client.request("GET", "/v1/policies?token=secret_token_1&limit=5")
        self.assertIn("path=/v1/policies error=", logs.output[0])
        self.assertNotIn("secret_token_1", logs.output[0])


class IdempotencyKeys(unittest.TestCase):
    def keys_sent(self, method: str, **options: Any) -> List[str]:
        with ScriptedServer([UNAVAILABLE, UNAVAILABLE, OK]) as server:
            client = agnes.Client(base_url=server.url, sleep=lambda _: None)
            try:
                client.request(method, "/v1/policies", **options)
            except agnes.ServiceUnavailableError:
                pass
        return [request.headers.get("idempotency-key", "") for request in server.requests]

    def test_post_without_key_is_sent_once(self) -> None:
        self.assertEqual(self.keys_sent("POST", body={}), [""])

    def test_patch_and_delete_without_key_are_sent_once(self) -> None:
        for method in ("PATCH", "DELETE"):
            with self.subTest(method):
                self.assertEqual(self.keys_sent(method), [""])

    def test_given_key_is_sent_on_every_attempt(self) -> None:
        self.assertEqual(self.keys_sent("POST", body={}, idempotency_key="key-1"), ["key-1"] * 3)

    def test_generated_key_is_the_same_on_every_attempt(self) -> None:
        keys = self.keys_sent("DELETE", idempotency_key=True)
        self.assertEqual(len(keys), 3)
        self.assertEqual(len(set(keys)), 1)
        self.assertRegex(keys[0], r"^[0-9a-f-]{36}$")

    def test_key_in_headers_counts(self) -> None:
        self.assertEqual(self.keys_sent("PATCH", headers={"Idempotency-Key": "key-2"}), ["key-2"] * 3)

    def test_put_is_retried_without_key(self) -> None:
        self.assertEqual(len(self.keys_sent("PUT", body={})), 3)


class TransportFailures(unittest.TestCase):
    def test_refused_connection_is_retried_then_raised(self) -> None:
        sleeps: List[float] = []
        client = agnes.Client(base_url=closed_port_url(), sleep=sleeps.append, random=lambda: 0.0)
        with self.assertRaises(agnes.ConnectionError) as caught:
            client.request("GET", "/v1/policies")
        self.assertNotIsInstance(caught.exception, agnes.TimeoutError)
        self.assertIsNotNone(caught.exception.__cause__)
        self.assertIn("Connection to the API failed", str(caught.exception))
        self.assertEqual(sleeps, [0.5, 1.0])

    def test_dropped_connection_is_retried(self) -> None:
        call = run([Reply(0, drop=True), OK])
        self.assertEqual((call.result, call.attempts), ({"id": "pol_1"}, 2))

    def test_call_timeout_is_raised_and_not_retried(self) -> None:
        call = run([Reply(200, hang=True)], timeout=0.3)
        self.assertIs(type(call.error), agnes.TimeoutError)
        self.assertFalse(call.error.retryable)
        self.assertEqual((call.attempts, call.sleeps), (1, []))

    def test_slow_body_hits_the_call_timeout(self) -> None:
        def trickle() -> Iterator[bytes]:
            yield b'{"id":'
            threading.Event().wait(2)  # keeps the body open past the client's timeout
            yield b'"pol_1"}'

        call = run([Reply(200, JSON, trickle())], timeout=0.3)
        self.assertIs(type(call.error), agnes.TimeoutError)
        self.assertFalse(call.error.retryable)

    def test_builtin_errors_stay_separate(self) -> None:
        self.assertFalse(issubclass(ConnectionRefusedError, agnes.AgnesError))


class RedirectsAndOptions(unittest.TestCase):
    def test_redirect_is_not_followed(self) -> None:
        call = run([Reply(302, [("location", "http://127.0.0.1:9/elsewhere")]), OK])
        self.assertIs(type(call.error), agnes.APIError)
        self.assertEqual((call.error.status, call.attempts), (302, 1))

    def test_invalid_options_are_rejected(self) -> None:
        local = "http://127.0.0.1"
        cases = [
            ({"base_url": "ftp://example.com"}, r"Invalid base_url 'ftp://example.com': expected an absolute http\(s\) URL"),
            ({"base_url": "/v1"}, r"Invalid base_url '/v1'"),
            ({"base_url": "http://127.0.0.1:99999"}, r"Invalid base_url 'http://127.0.0.1:99999': Port out of range 0-65535"),
            ({"base_url": "http://127.0.0.1:http"}, r"Invalid base_url 'http://127.0.0.1:http': Port could not be cast to integer"),
            ({"base_url": "http://[::1"}, r"Invalid base_url 'http://\[::1': Invalid IPv6 URL"),
            ({"base_url": "http://127.0.0.1/v 1"}, r"Invalid base_url 'http://127.0.0.1/v 1': it contains ' ', which urllib cannot send"),
            ({"base_url": "http://user:s3cret@127.0.0.1"}, r"^Invalid base_url 'http://127.0.0.1': it has credentials before the host.*pass the API key as api_key$"),
            ({"base_url": local, "api_key": "agnes_\nkey"}, r"^Invalid api_key: the character at index 6 is a line break, NUL or not Latin-1"),
            ({"base_url": local, "api_key": 5}, r"Invalid api_key: expected a string, got int"),
            ({"base_url": local, "default_headers": {"x-a": "a\r\nb"}}, r"^Invalid value of header 'x-a': it contains '\\r' at index 1; remove it$"),
            ({"base_url": local, "max_retries": -1}, r"Invalid max_retries -1: expected an integer of 0 or more"),
            ({"base_url": local, "max_retries": True}, r"Invalid max_retries True"),
            ({"base_url": local, "timeout": float("nan")}, r"Invalid timeout nan: expected a number of seconds from 0 to 2147483.647"),
            ({"base_url": local, "timeout": 1e12}, r"Invalid timeout 1000000000000.0"),
            ({"base_url": local, "max_retry_after": -1}, r"Invalid max_retry_after -1"),
        ]
        for options, message in cases:
            with self.subTest(options=options):
                with self.assertRaisesRegex(agnes.InvalidOptionError, message) as raised:
                    agnes.Client(**options)
                self.assertIsInstance(raised.exception, agnes.AgnesError)
                self.assertIsInstance(raised.exception, ValueError)
                self.assertNotIn("s3cret", str(raised.exception))

    def test_invalid_option_error_is_a_value_error(self) -> None:
        self.assertTrue(issubclass(agnes.InvalidOptionError, agnes.AgnesError))
        self.assertTrue(issubclass(agnes.InvalidOptionError, ValueError))
        self.assertFalse(agnes.InvalidOptionError("x").retryable)
        self.assertEqual(agnes.InvalidOptionError.__module__, "agnes")

    def test_invalid_request_is_rejected_before_sending(self) -> None:
        cases = [
            ("GET", "v1/policies", {}, r"Invalid path 'v1/policies': it must start with '/'"),
            ("GET", "/v1/policies/a b", {}, r"Invalid path '/v1/policies/a b': it contains ' '; percent-encode it, such as %20 for a space"),
            ("GET", "/v1/policies\n", {}, r"Invalid path '/v1/policies\\n': it contains '\\n'"),
            ("GE T", "/v1/policies", {}, r"Invalid method 'GE T': expected an HTTP token such as 'GET' or 'POST'"),
            ("POST", "/v1/policies", {"body": {"n": float("nan")}}, r"Invalid request body: .*pass JSON-serializable data"),
            ("GET", "/v1/policies", {"headers": {"x tenant": "t1"}}, r"Invalid header name 'x tenant': expected an HTTP token"),
            ("GET", "/v1/policies", {"headers": {"x-token": "tok_s3cret\nx"}}, r"^Invalid value of header 'x-token': it contains '\\n' at index 10; remove it$"),
            ("GET", "/v1/policies", {"headers": {"x-token": "s3cret€"}}, r"Invalid value of header 'x-token': the character at index 6 is not Latin-1"),
            ("POST", "/v1/policies", {"idempotency_key": "key\r\n"}, r"Invalid value of header 'idempotency-key'"),
        ]
        with ScriptedServer([OK]) as server:
            client = agnes.Client(base_url=server.url)
            for method, path, options, message in cases:
                with self.subTest(method=method, path=path, options=options):
                    with self.assertRaisesRegex(agnes.InvalidOptionError, message) as raised:
                        client.request(method, path, **options)
                    self.assertNotIn("s3cret", str(raised.exception))
        self.assertEqual(server.requests, [])

    def test_url_that_urllib_rejects_is_not_retried(self) -> None:
        sleeps: List[float] = []
        # An empty label fails IDNA encoding before any lookup, and without proxy
        # settings nothing leaves the machine.
        without_proxies = {name: value for name, value in os.environ.items() if "proxy" not in name.lower()}
        with mock.patch.dict(os.environ, without_proxies, clear=True):
            client = agnes.Client(base_url="http://api..example", sleep=sleeps.append)
            with self.assertRaisesRegex(agnes.InvalidOptionError, r"^Invalid request to http://api..example/v1/policies: .*idna.*; check base_url and the path$"):
                client.request("GET", "/v1/policies?token=abc")
        self.assertEqual(sleeps, [])


if __name__ == "__main__":
    unittest.main()
