"""Retry rules: server hints, HTTP-dates, backoff, the decision order and the retry budget."""

from __future__ import annotations

import json
import math
import unittest
from typing import Any, Dict, List, NamedTuple, Optional

import agnes
from agnes._http_date import parse_http_date

from .support.vectors import epoch_seconds

NOW = epoch_seconds("2026-10-21T07:27:30Z")


def rate_limited(headers: Dict[str, str], retry_after_param: Optional[object] = None) -> agnes.APIError:
    body: Dict[str, object] = {"code": "rate_limited", "detail": "Slow down."}
    if retry_after_param is not None:
        body["retry_after"] = retry_after_param
    return agnes.error_from_response(429, {"content-type": "application/json", **headers}, json.dumps(body))


class HintCase(NamedTuple):
    name: str
    headers: Dict[str, str]
    param: Optional[object]
    seconds: Optional[float]


HINTS = [
    HintCase("no hint", {}, None, None),
    HintCase("retry-after-ms", {"retry-after-ms": "1500"}, None, 1.5),
    HintCase("retry-after-ms wins over Retry-After", {"retry-after-ms": "250", "retry-after": "9"}, None, 0.25),
    HintCase("junk retry-after-ms falls through", {"retry-after-ms": "1.5", "retry-after": "9"}, None, 9.0),
    HintCase("negative retry-after-ms falls through", {"retry-after-ms": "-5"}, 4, 4.0),
    HintCase("delay-seconds", {"retry-after": "7"}, None, 7.0),
    HintCase("spaces around delay-seconds", {"retry-after": "  7 "}, None, 7.0),
    HintCase("zero", {"retry-after": "0"}, None, 0.0),
    HintCase("huge delay-seconds", {"retry-after": "9" * 5000}, None, float("inf")),
    HintCase("huge retry-after-ms", {"retry-after-ms": "9" * 400}, None, float("inf")),
    HintCase("plus sign", {"retry-after": "+7"}, None, None),
    HintCase("unicode digits", {"retry-after": "٣"}, None, None),
    HintCase("fraction", {"retry-after": "1.5"}, None, None),
    HintCase("HTTP-date", {"retry-after": "Wed, 21 Oct 2026 07:28:00 GMT"}, None, 30.0),
    HintCase("past date", {"retry-after": "Wed, 21 Oct 2026 07:00:00 GMT"}, None, 0.0),
    HintCase("lowercase GMT is not a date", {"retry-after": "Wed, 21 Oct 2026 07:28:00 gmt"}, None, None),
    HintCase("param when headers are junk", {"retry-after": "soon"}, 12, 12.0),
    HintCase("fractional param", {}, 1.5, None),
    HintCase("negative param", {}, -3, None),
    HintCase("boolean param", {}, True, None),
    HintCase("string param", {}, "12", None),
]


class RetryAfter(unittest.TestCase):
    def test_hint_sources(self) -> None:
        for case in HINTS:
            with self.subTest(case.name):
                self.assertEqual(agnes.retry_after(rate_limited(case.headers, case.param), NOW), case.seconds)

    def test_param_of_unknown_code_is_ignored(self) -> None:
        error = agnes.error_from_response(429, {"content-type": "application/json"}, b'{"code":"slow_down","retry_after":5}')
        self.assertIsNone(agnes.retry_after(error, NOW))


class DateCase(NamedTuple):
    value: str
    iso: Optional[str]


DATES = [
    DateCase("Sun, 06 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z"),
    DateCase("Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06T08:49:37Z"),
    DateCase("Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z"),
    DateCase("Wednesday, 21-Oct-26 07:28:00 GMT", "2026-10-21T07:28:00Z"),
    DateCase("Wednesday, 01-Jan-76 00:00:00 GMT", "2076-01-01T00:00:00Z"),
    DateCase("Friday, 01-Jan-77 00:00:00 GMT", "1977-01-01T00:00:00Z"),
    DateCase("Tue, 31 Dec 2026 23:59:60 GMT", "2027-01-01T00:00:00Z"),
    DateCase("Thu, 01 Jan 0000 00:00:00 GMT", "1900-01-01T00:00:00Z"),
    DateCase("Mon, 29 Feb 2027 00:00:00 GMT", None),
    DateCase("Mon, 31 Apr 2026 00:00:00 GMT", None),
    DateCase("Mon, 01 Foo 2026 00:00:00 GMT", None),
    DateCase("Mon, 01 Jan 2026 24:00:00 GMT", None),
    DateCase("Mon, 01 Jan 2026 00:00:00 UTC", None),
    DateCase("2026-10-21T07:28:00Z", None),
    DateCase("-1", None),
    DateCase("soon 2", None),
]


class HttpDates(unittest.TestCase):
    def test_forms(self) -> None:
        for case in DATES:
            with self.subTest(case.value):
                expected = None if case.iso is None else epoch_seconds(case.iso)
                self.assertEqual(parse_http_date(case.value, NOW), expected)


class Backoff(unittest.TestCase):
    def test_bounds_double_up_to_eight_seconds(self) -> None:
        expected = {1: (0.5, 1.0), 2: (1.0, 2.0), 3: (2.0, 4.0), 4: (4.0, 8.0), 5: (4.0, 8.0), 60: (4.0, 8.0), 5000: (4.0, 8.0)}
        for retry, bounds in expected.items():
            with self.subTest(retry=retry):
                self.assertEqual(agnes.backoff_bounds(retry), bounds)


class DecisionCase(NamedTuple):
    name: str
    error: agnes.AgnesError
    method: str
    has_key: bool
    retry: int
    decision: bool
    reason: str


TRANSIENT = agnes.error_from_response(503, {}, None)
DECISIONS = [
    DecisionCase("not retryable", agnes.error_from_response(400, {}, None), "GET", False, 1, False, "the error is not retryable"),
    DecisionCase("POST without key", TRANSIENT, "POST", False, 1, False, "POST is retried only with an idempotency key"),
    DecisionCase("lowercase post without key", TRANSIENT, "post", False, 1, False, "POST is retried only with an idempotency key"),
    DecisionCase("POST with key", TRANSIENT, "POST", True, 1, True, "backoff"),
    DecisionCase("PUT without key", TRANSIENT, "PUT", False, 1, True, "backoff"),
    DecisionCase("retries used", TRANSIENT, "GET", False, 3, False, "all 2 retries are used"),
    DecisionCase("connection failure", agnes.ConnectionError("refused"), "GET", False, 1, True, "backoff"),
    DecisionCase("attempt timeout", agnes.TimeoutError("slow", True), "GET", False, 1, True, "backoff"),
    DecisionCase("call timeout", agnes.TimeoutError("deadline", False), "GET", False, 1, False, "the error is not retryable"),
    DecisionCase("hint", rate_limited({"retry-after": "5"}), "GET", False, 1, True, "server hint"),
    DecisionCase("hint above cap", rate_limited({"retry-after": "61"}), "GET", False, 1, False, "the server asks for a wait of 61 s, more than the max_retry_after cap of 60 s"),
    DecisionCase("huge hint", rate_limited({"retry-after": "9" * 5000}), "GET", False, 1, False, "the server asks for a wait of inf s, more than the max_retry_after cap of 60 s"),
]


class Decision(unittest.TestCase):
    def test_rules_in_order(self) -> None:
        for case in DECISIONS:
            with self.subTest(case.name):
                decision = agnes.retry_decision(case.error, method=case.method, has_idempotency_key=case.has_key, retry=case.retry, now=NOW)
                self.assertEqual((decision.retry, decision.reason), (case.decision, case.reason))

    def test_stop_reason_fits_the_retry_count(self) -> None:
        cases = [(0, "retries are off (max_retries is 0)"), (1, "the 1 retry is used"), (2, "all 2 retries are used")]
        for max_retries, reason in cases:
            with self.subTest(max_retries=max_retries):
                decision = agnes.retry_decision(TRANSIENT, retry=max_retries + 1, max_retries=max_retries, now=NOW)
                self.assertEqual((decision.retry, decision.reason), (False, reason))

    def test_delays_are_finite_and_not_negative(self) -> None:
        values = ["soon", "-1", "NaN", "Infinity", "1e3", "", "Thu, 01 Jan 1970 00:00:00 GMT", "59", "Wed, 21 Oct 2026 07:28:29 GMT"]
        for value in values:
            for retry in range(1, 6):
                with self.subTest(value=value, retry=retry):
                    decision = agnes.retry_decision(rate_limited({"retry-after": value}), retry=retry, max_retries=5, now=NOW)
                    self.assertTrue(decision.retry)
                    self.assertTrue(math.isfinite(decision.min_delay) and math.isfinite(decision.max_delay))
                    self.assertGreaterEqual(decision.min_delay, 0)
                    self.assertLessEqual(decision.min_delay, decision.max_delay)

    def test_now_defaults_to_the_clock(self) -> None:
        decision = agnes.retry_decision(rate_limited({"retry-after": "Thu, 01 Jan 1970 00:00:00 GMT"}))
        self.assertEqual((decision.retry, decision.min_delay, decision.max_delay), (True, 0.0, 0.0))


class Budget(unittest.TestCase):
    def test_retries_drain_the_bucket(self) -> None:
        budget = agnes.RetryBudget(capacity=12, retry_cost=5)
        self.assertEqual([budget.acquire(TRANSIENT) for _ in range(3)], [5, 5, None])
        self.assertEqual(budget.available, 2)

    def test_timeouts_cost_more(self) -> None:
        budget = agnes.RetryBudget(capacity=20, retry_cost=5, timeout_retry_cost=10)
        self.assertEqual(budget.acquire(agnes.TimeoutError("slow", True)), 10)
        self.assertEqual(budget.available, 10)

    def test_success_refunds_the_last_retry(self) -> None:
        budget = agnes.RetryBudget(capacity=10, retry_cost=5)
        cost = budget.acquire(TRANSIENT)
        budget.record_success(cost)
        self.assertEqual(budget.available, 10)

    def test_first_attempt_success_rewards_up_to_capacity(self) -> None:
        budget = agnes.RetryBudget(capacity=10, retry_cost=5, success_reward=1)
        budget.acquire(TRANSIENT)
        budget.record_success(None)
        self.assertEqual(budget.available, 6)
        for _ in range(10):
            budget.record_success(None)
        self.assertEqual(budget.available, 10)

    def test_invalid_settings_are_rejected(self) -> None:
        cases: List[Dict[str, Any]] = [{"retry_cost": -1}, {"capacity": 1.5}, {"success_reward": True}]
        for options in cases:
            with self.subTest(options=options):
                with self.assertRaisesRegex(agnes.InvalidOptionError, r"Invalid RetryBudget \w+: .*; expected an integer of 0 or more"):
                    agnes.RetryBudget(**options)


if __name__ == "__main__":
    unittest.main()
