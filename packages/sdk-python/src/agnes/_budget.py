"""A retry budget shared by the calls of a client: a token bucket.

Each retry takes tokens and each success gives some back, as in the standard retry
mode of the AWS SDKs. When most calls fail, the bucket empties and calls stop
retrying, instead of multiplying the load on a struggling server.
"""

from __future__ import annotations

import threading
from typing import Optional

from ._base import AgnesError, APITimeoutError, InvalidOptionError


class RetryBudget:
    """A token bucket that retries draw from; share one instance between clients to share the budget.

    It is safe to use from several threads.
    """

    def __init__(
        self,
        *,
        capacity: int = 500,
        retry_cost: int = 5,
        timeout_retry_cost: int = 10,
        success_reward: int = 1,
    ) -> None:
        """Create a full bucket.

        ``retry_cost`` is what a retry takes, ``timeout_retry_cost`` what a retry after a
        timeout takes (timeouts hint at overload, so they cost more), and
        ``success_reward`` what a call that succeeds at its first attempt gives back.
        Raises ``InvalidOptionError`` for a setting that is not an integer of 0 or more.
        """
        for name, value in (
            ("capacity", capacity),
            ("retry_cost", retry_cost),
            ("timeout_retry_cost", timeout_retry_cost),
            ("success_reward", success_reward),
        ):
            # Callers without a type checker can pass anything, so the types are checked at run time too.
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:  # pyright: ignore[reportUnnecessaryIsInstance]
                raise InvalidOptionError(f"Invalid RetryBudget {name}: {value!r}; expected an integer of 0 or more")
        self.capacity = capacity
        self._retry_cost = retry_cost
        self._timeout_retry_cost = timeout_retry_cost
        self._success_reward = success_reward
        self._tokens = capacity
        self._lock = threading.Lock()

    @property
    def available(self) -> int:
        """Tokens left."""
        return self._tokens

    def acquire(self, error: AgnesError) -> Optional[int]:
        """Take the tokens for a retry after ``error``; return how many, or None when the bucket has too few."""
        cost = self._timeout_retry_cost if isinstance(error, APITimeoutError) else self._retry_cost
        with self._lock:
            if cost > self._tokens:
                return None
            self._tokens -= cost
            return cost

    def record_success(self, last_retry_cost: Optional[int]) -> None:
        """Record a successful call: refund the cost of the retry that succeeded, or add the first-attempt reward."""
        with self._lock:
            refund = self._success_reward if last_retry_cost is None else last_retry_cost
            self._tokens = min(self.capacity, self._tokens + refund)
