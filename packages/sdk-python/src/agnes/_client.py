"""The urllib-based Agnes client: one ``request`` method with a whole-call timeout and safe retries."""

from __future__ import annotations

import logging
import random as _random
import time
from typing import Any, Callable, Mapping, Optional, Union

from ._base import AgnesError, APIError, InvalidOptionError
from ._budget import RetryBudget
from ._options import check_api_key, check_base_url, check_callable, check_headers, check_integer, check_logger, check_seconds
from ._prepare import check_header, prepare_request
from ._retry import DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_AFTER, retry_decision
from ._transport import Success, build_opener, send_once

DEFAULT_TIMEOUT = 60.0
"""Time limit of a whole call, retries and their delays included, in seconds."""

_LOGGER = logging.getLogger("agnes")


class Client:
    """Client of an Agnes API.

    Each call raises only the SDK's classes: an ``APIError`` subclass for an error
    response, ``agnes.ConnectionError`` or ``agnes.TimeoutError`` when no response
    arrived, ``UnexpectedResponseError`` for a 2xx that is not JSON, and
    ``InvalidOptionError`` for a request that cannot be sent. Transient
    failures are retried as ``retry_decision`` rules, within ``timeout`` and a shared
    ``RetryBudget``. Redirects are not followed.

    Example::

        client = agnes.Client(api_key="agnes_demo_read", base_url="https://api.example.com")
        try:
            client.request("DELETE", "/v1/policies/pol_1")
        except agnes.PermissionError as error:
            print(error.detail, error.request_id)
    """

    def __init__(
        self,
        *,
        base_url: str,
        api_key: Optional[str] = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        timeout: float = DEFAULT_TIMEOUT,
        max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
        retry_budget: Optional[RetryBudget] = None,
        default_headers: Optional[Mapping[str, str]] = None,
        logger: Optional[Union[logging.Logger, logging.LoggerAdapter[Any]]] = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        random: Callable[[], float] = _random.random,
    ) -> None:
        """Create a client; no connection is opened until a request.

        ``api_key`` is sent as ``Authorization: Bearer <key>``. ``timeout`` and
        ``max_retry_after`` (the largest ``Retry-After`` to wait for) are in seconds.
        ``sleep``, ``clock`` (monotonic seconds), ``wall_clock`` (seconds since the epoch,
        for ``Retry-After`` dates) and ``random`` (a float in [0, 1) for jitter) replace
        the standard library's functions, so tests can control time.

        Raises ``InvalidOptionError`` (a ``ValueError``) for an invalid option, naming it
        and what is expected.
        """
        self.base_url = check_base_url(base_url)
        self.max_retries = check_integer("max_retries", max_retries)
        self.timeout = check_seconds("timeout", timeout)
        self.max_retry_after = check_seconds("max_retry_after", max_retry_after)
        if retry_budget is not None and not isinstance(retry_budget, RetryBudget):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise InvalidOptionError(f"Invalid retry_budget {retry_budget!r}: expected an agnes.RetryBudget, such as agnes.RetryBudget(capacity=100)")
        self.retry_budget = retry_budget if retry_budget is not None else RetryBudget()
        self._api_key = check_api_key(api_key)
        self._default_headers = check_headers("default_headers", default_headers)
        for name, value in self._default_headers.items():
            check_header(name, value)
        checked_logger = check_logger(logger)
        self._logger = checked_logger if checked_logger is not None else _LOGGER
        self._sleep = check_callable("sleep", sleep, "a function that takes seconds, such as time.sleep")
        self._clock = check_callable("clock", clock, "a function that returns monotonic seconds, such as time.monotonic")
        self._wall_clock = check_callable("wall_clock", wall_clock, "a function that returns seconds since the epoch, such as time.time")
        self._random = check_callable("random", random, "a function that returns a float in [0, 1), such as random.random")
        self._opener = build_opener()

    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        idempotency_key: Union[str, bool, None] = None,
    ) -> Any:
        """Send a request and return the parsed JSON of its 2xx response (None for an empty body).

        ``path`` starts with ``/`` and may carry a query string. ``body`` is sent as JSON
        unless it is None. ``idempotency_key`` is the ``Idempotency-Key`` of the call, or
        True for a random one. Every attempt sends the same key, and POST, PATCH and
        DELETE calls are retried only with a key. The whole call, retries included, ends
        within the client's ``timeout``.

        Raises an ``AgnesError`` subclass after the retries that the rules allow, and
        ``InvalidOptionError`` (a ``ValueError``), before sending, for an invalid method,
        path or header, or a body that is not JSON serializable.
        """
        prepared, has_key = prepare_request(
            self.base_url,
            self._default_headers,
            self._api_key,
            method.upper() if isinstance(method, str) else method,  # pyright: ignore[reportUnnecessaryIsInstance]
            path,
            body,
            headers,
            idempotency_key,
        )
        deadline = self._clock() + self.timeout
        last_retry_cost: Optional[int] = None
        retry = 1
        while True:
            outcome = send_once(self._opener, prepared, self._clock, deadline, self.timeout)
            if isinstance(outcome, Success):
                self.retry_budget.record_success(last_retry_cost)
                return outcome.data

            error = outcome
            decision = retry_decision(
                error,
                method=prepared.method,
                has_idempotency_key=has_key,
                retry=retry,
                max_retries=self.max_retries,
                max_retry_after=self.max_retry_after,
                now=self._wall_clock(),
            )
            fields = _describe_failure(error, prepared.method, path, retry)
            if not decision.retry:
                if error.retryable:
                    self._log("Not retrying request: %s (%s)", decision.reason, fields)
                raise error
            delay = decision.min_delay + self._random() * (decision.max_delay - decision.min_delay)
            # A retry that cannot start before the deadline would only end in a timeout; surface the real error.
            if self._clock() + delay >= deadline:
                self._log("Not retrying request: a delay of %.3f s would end after the call's timeout (%s)", delay, fields)
                raise error
            # An empty retry budget means most recent calls failed; retrying would add load to a struggling server.
            last_retry_cost = self.retry_budget.acquire(error)
            if last_retry_cost is None:
                self._log("Not retrying request: the retry budget is empty (%s)", fields)
                raise error
            self._log("Retrying request in %.3f s after %s (%s)", delay, decision.reason, fields)
            self._sleep(delay)
            retry += 1

    def _log(self, message: str, *args: object) -> None:
        """Log at DEBUG level, ignoring any exception that a handler or filter of the logger raises.

        A broken log sink must not replace the error that the call raises or stop its retries.
        """
        try:
            self._logger.debug(message, *args)
        except Exception:
            pass

    def get(self, path: str, *, headers: Optional[Mapping[str, str]] = None) -> Any:
        """Send a GET request; see ``request``."""
        return self.request("GET", path, headers=headers)

    def post(self, path: str, *, body: Any = None, headers: Optional[Mapping[str, str]] = None, idempotency_key: Union[str, bool, None] = None) -> Any:
        """Send a POST request; it is retried only with ``idempotency_key``. See ``request``."""
        return self.request("POST", path, body=body, headers=headers, idempotency_key=idempotency_key)

    def put(self, path: str, *, body: Any = None, headers: Optional[Mapping[str, str]] = None) -> Any:
        """Send a PUT request; see ``request``."""
        return self.request("PUT", path, body=body, headers=headers)

    def patch(self, path: str, *, body: Any = None, headers: Optional[Mapping[str, str]] = None, idempotency_key: Union[str, bool, None] = None) -> Any:
        """Send a PATCH request; it is retried only with ``idempotency_key``. See ``request``."""
        return self.request("PATCH", path, body=body, headers=headers, idempotency_key=idempotency_key)

    def delete(self, path: str, *, headers: Optional[Mapping[str, str]] = None, idempotency_key: Union[str, bool, None] = None) -> Any:
        """Send a DELETE request; it is retried only with ``idempotency_key``. See ``request``."""
        return self.request("DELETE", path, headers=headers, idempotency_key=idempotency_key)


def _describe_failure(error: AgnesError, method: str, path: str, attempt: int) -> str:
    """Log fields of a failed attempt: the attempt, the method, the path without its query string, and the status, code and request id.

    The query string is left out because it may carry a token.
    """
    fields = f"attempt={attempt} method={method} path={path.split('?', 1)[0]} error={type(error).__name__}"
    if isinstance(error, APIError):
        fields += f" status={error.status} code={error.code} request_id={error.request_id}"
    return fields
