"""Retryability of error responses, from the registry's retry flags and the HTTP status."""

from __future__ import annotations

from typing import Optional

from ._base import CodeSpec

TRANSIENT_STATUSES = frozenset({408, 429, 502, 503, 504})
"""Statuses that gateways and servers send for transient failures; retried when the body has no known code."""


def is_retryable_response(status: int, spec: Optional[CodeSpec]) -> bool:
    """Tell whether an error response is transient; ``spec`` describes the envelope's code when the registry lists it."""
    # A 403 needs a permission change, so no retry can succeed, whatever the code's flag is.
    if status == 403:
        return False
    # A known code carries its own retry flag from the registry.
    if spec is not None:
        return spec.retryable
    # Without a known code, only the statuses that mean "try again later" are retried.
    return status in TRANSIENT_STATUSES
