"""Whether to retry after an error, and how long to wait: one rule per line, each with its reason."""

from __future__ import annotations

import time
from typing import NamedTuple, Optional, Tuple

from ._base import AgnesError, APIError
from ._retry_after import retry_after

NON_IDEMPOTENT_METHODS = frozenset({"POST", "PATCH", "DELETE"})
"""Methods that may change state on every call; retried only with an idempotency key."""

BACKOFF_BASE = 1.0
"""Base delay of the first retry, in seconds; it doubles with each retry."""
BACKOFF_MAX = 8.0
"""Largest base delay, in seconds."""
DEFAULT_MAX_RETRIES = 2
"""Retries after the first attempt of a call."""
DEFAULT_MAX_RETRY_AFTER = 60.0
"""Largest server hint to wait for, in seconds."""


class RetryDecision(NamedTuple):
    """The outcome: stop with a reason, or retry after a delay between the bounds, in seconds."""

    retry: bool
    reason: str
    min_delay: float = 0.0
    max_delay: float = 0.0


def backoff_bounds(retry: int) -> Tuple[float, float]:
    """Return the delay bounds of retry number ``retry`` (1 for the first retry), in seconds.

    The base doubles from 1 s up to 8 s. The delay lies between half the base and the
    base ("equal jitter"), so delays range from 0.5 s to 8 s and the retries of many
    clients do not line up.
    """
    # The exponent stops growing once the base passes the maximum, so a huge retry number cannot overflow.
    doublings = min(max(0, retry - 1), 16)
    base = min(BACKOFF_MAX, BACKOFF_BASE * 2**doublings)
    return base / 2, base


def retry_decision(
    error: AgnesError,
    *,
    method: str = "GET",
    has_idempotency_key: bool = False,
    retry: int = 1,
    max_retries: int = DEFAULT_MAX_RETRIES,
    max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
    now: Optional[float] = None,
) -> RetryDecision:
    """Decide whether the client sends the request again after ``error``.

    ``retry`` is the number of the retry under decision (1 after the first attempt
    failed), ``max_retry_after`` the largest server hint to wait for in seconds, and
    ``now`` the time in seconds since the epoch (default: ``time.time()``), for
    ``Retry-After`` dates. The retry budget and the call's remaining time are checked
    by the client, after this decision.

    Example::

        decision = agnes.retry_decision(error, method="GET", retry=1)
        if decision.retry:
            time.sleep(random.uniform(decision.min_delay, decision.max_delay))
    """
    method = method.upper()
    # Whole-call timeouts, unexpected 2xx pages and non-transient codes cannot succeed on a retry.
    if not error.retryable:
        return RetryDecision(False, "the error is not retryable")
    # Sending a POST, PATCH or DELETE twice could apply it twice; an idempotency key lets the server deduplicate.
    if method in NON_IDEMPOTENT_METHODS and not has_idempotency_key:
        return RetryDecision(False, f"{method} is retried only with an idempotency key")
    # max_retries bounds the attempts of one call.
    if retry > max_retries:
        return RetryDecision(False, _describe_used_retries(max_retries))

    # A server hint wins over backoff, because the server decides when it accepts the request again.
    hint: Optional[float] = None
    if isinstance(error, APIError):
        hint = retry_after(error, time.time() if now is None else now)
    # A hint above the cap means a long outage or a quota: surface the error instead of hanging.
    if hint is not None and hint > max_retry_after:
        return RetryDecision(False, f"the server asks for a wait of {hint:g} s, more than the max_retry_after cap of {max_retry_after:g} s")
    if hint is not None:
        return RetryDecision(True, "server hint", hint, hint)

    # Without a hint, exponential backoff with jitter spreads the retries of many clients.
    low, high = backoff_bounds(retry)
    return RetryDecision(True, "backoff", low, high)


def _describe_used_retries(max_retries: int) -> str:
    """Say that no retry is left, in a sentence that fits any count."""
    if max_retries == 0:
        return "retries are off (max_retries is 0)"
    if max_retries == 1:
        return "the 1 retry is used"
    return f"all {max_retries} retries are used"
